#!/usr/bin/env python3
"""Writes interp/compiler/tuning_table.def from instruction profiles.

    tools/gen-tuning.py [--prefixed N] [--forwarded N] [--out FILE] PROFILE.tsv...

The profiles are what the profiling build writes with WASMRUN_PROFILE_OUT
(interp/exec/op_profile.inc's OpProfile); tools/gen-tuning.sh makes them from
a corpus of programs and calls this. Each program weighs the same: its
counts become shares of the instructions it executed before they are
averaged, so a long run does not outweigh a short one.

Rows (docs/INTERPRETER.md, "Tuning table"):
- WASMRUN_FORWARDED(A, B): A's result handed to B in a register. Weight:
  the share of instructions that are an A whose result the next B reads
  where B's forwarding entry takes it. Only A, B that pair_forms.h allows
  (A leaves its result in acc, B has an entry; a call needs a plain load).
- WASMRUN_PREFIXED(A, B): one dispatch for both. Weight: the share of A
  followed by B, less the part a forwarding row A -> B already covers.
- Chains: a row whose SECOND is itself a row B -> C (B_Then_C or B_Fwd_C),
  weighed by the triples A, B, C in which B would become that pair.
A row's FIRST has the handler family that pair_forms.h's rule gives it
(the profiles carry the rule as their `first` and `fwd` lines); an op
without one never starts a row. Rows are chosen by weight within the
budgets, ties broken by name, so the output depends only on the profiles.
"""
import argparse
import os
import sys
from collections import defaultdict


class Profile:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        if self.name.endswith(".tsv"):
            self.name = self.name[:-4]
        self.total = 0
        self.how = "exit"
        self.first = {}  # op -> (fwd kind, family, args)
        self.fwd = {}  # op -> (src, needs)
        self.pairs = {}  # (a, b) -> (n, dependent)
        self.triples = {}  # (a, b, c) -> (n, dep_ab, dep_bc, dep_both)
        with open(path) as f:
            for line in f:
                if line.startswith("#"):
                    continue
                t = line.rstrip("\n").split("\t")
                kind = t[0]
                if kind == "total":
                    self.total = int(t[1])
                    self.how = t[2] if len(t) > 2 else "exit"
                elif kind == "first":
                    self.first[t[1]] = (t[2], t[3], t[4] if len(t) > 4 else "")
                elif kind == "fwd":
                    self.fwd[t[1]] = (t[2], t[3])
                elif kind == "pair":
                    self.pairs[(t[1], t[2])] = (int(t[3]), int(t[4]))
                elif kind == "triple":
                    self.triples[(t[1], t[2], t[3])] = tuple(int(x) for x in t[4:8])
        if not self.total:
            raise SystemExit("gen-tuning: %s: no instructions counted" % path)


class Rule:
    """pair_forms.h's rule, as the profiles state it."""

    def __init__(self, first, fwd):
        self.first = first
        self.fwd = fwd

    @staticmethod
    def base(op):
        """The FIRST of a pair op's name, or op itself."""
        for sep in ("_Then_", "_Fwd_"):
            at = op.find(sep)
            if at >= 0:
                return op[:at]
        return op

    def can_start(self, a):
        return a in self.first

    def src(self, b):
        """Where b (or the pair b names) takes a forwarded operand, or None."""
        f = self.fwd.get(self.base(b))
        return f[0] if f else None

    def can_forward(self, a, b):
        if a not in self.first or self.first[a][0] == "NOFWD":
            return False
        f = self.fwd.get(self.base(b))
        if not f:
            return False
        return f[1] != "ACC1" or self.first[a][0] == "ACC1"

    def family(self, a):
        _, fam, args = self.first[a]
        return fam + (", " + args if args else "")


def merge(profiles):
    """Shares of each program's instructions, averaged over the programs."""
    k = len(profiles)
    pairs = defaultdict(lambda: [0.0, 0.0])
    triples = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for p in sorted(profiles, key=lambda p: p.name):
        for key in sorted(p.pairs):
            n, d = p.pairs[key]
            w = pairs[key]
            w[0] += n / p.total / k
            w[1] += d / p.total / k
        for key in sorted(p.triples):
            v = p.triples[key]
            w = triples[key]
            for i in range(4):
                w[i] += v[i] / p.total / k
    return pairs, triples


def rank(cands):
    """(weight, first, second) candidates, best first, ties by name."""
    return sorted(cands, key=lambda c: (-c[0], c[1], c[2]))


def split(op):
    """A pair op's name as (separator, (B, C)), or (None, None)."""
    for sep in ("_Then_", "_Fwd_"):
        at = op.find(sep)
        if at >= 0:
            return sep, (op[:at], op[at + len(sep):])
    return None, None


def choose(rule, pairs, triples, n_pre, n_fwd, min_weight):
    """The rows of both tables: lists of (weight, first, second), best first.

    A row's weight is the share of instructions it would pair, given the
    other rows: a forwarding row A -> B takes the dependent pairs A, B; a
    prefixed row the rest; a chain A -> B_Then_C (or B_Fwd_C) the triples
    A, B, C in which B would be that pair (not another chain of B's), and
    it takes those from the plain row A -> B. The choice is repeated with
    the weights the last one gives until it stays the same."""
    pre_w0 = {}  # plain prefixed weights before forwarding and chains
    fwd_w0 = {}
    for (a, b), (n, d) in pairs.items():
        if rule.can_start(a):
            pre_w0[(a, b)] = (n, d)
        if d > 0 and rule.can_forward(a, b):
            fwd_w0[(a, b)] = d

    def walk(cands, budget, base_ok):
        chosen, got = [], set()
        for w, a, b in rank(cands):
            if len(chosen) >= budget or w < min_weight or w <= 0:
                break
            if not base_ok(b, got):
                continue
            chosen.append((w, a, b))
            got.add((a, b))
        return chosen, got

    def plain_weights(F, cover_pre, cover_fwd):
        fwd = {k: d - cover_fwd.get(k, 0.0) for k, d in fwd_w0.items()}
        pre = {}
        for k, (n, d) in pre_w0.items():
            pre[k] = n - (d if k in F else 0.0) - cover_pre.get(k, 0.0)
        return pre, fwd

    def chains(F, P, pre_plain, fwd_plain, cover_pre, cover_fwd):
        fwd_c, pre_c = defaultdict(float), defaultdict(float)
        for (a, b, c), (n, dab, dbc, dboth) in triples.items():
            if not rule.can_start(a) or not rule.can_start(b):
                continue
            parts = ((1, 1, dboth), (1, 0, dab - dboth), (0, 1, dbc - dboth), (0, 0, n - dab - dbc + dboth))
            for ab, bc, w in parts:
                if w <= 0:
                    continue
                # what B becomes, and the share of it that is not one of B's own chains
                if bc and (b, c) in F:
                    second = b + "_Fwd_" + c
                    base_w = fwd_w0[(b, c)]
                    keep = 1.0 - cover_fwd.get((b, c), 0.0) / base_w if base_w > 0 else 0.0
                elif (b, c) in P:
                    second = b + "_Then_" + c
                    n_bc, d_bc = pre_w0[(b, c)]
                    base_w = n_bc - (d_bc if (b, c) in F else 0.0)
                    keep = 1.0 - cover_pre.get((b, c), 0.0) / base_w if base_w > 0 else 0.0
                else:
                    continue
                w *= max(keep, 0.0)
                if ab and rule.can_forward(a, second):
                    fwd_c[(a, second)] += w
                pre_c[(a, second)] += w
        return fwd_c, pre_c

    F = P = frozenset()
    cover_pre, cover_fwd = {}, {}
    fwd_rows = pre_rows = []
    seen = set()
    for _ in range(12):
        pre_plain, fwd_plain = plain_weights(F, cover_pre, cover_fwd)
        fwd_c, pre_c = chains(F, P, pre_plain, fwd_plain, cover_pre, cover_fwd)

        def fwd_base_ok(b, got, P=P):
            sep, base = split(b)
            return sep is None or (base in got if sep == "_Fwd_" else base in P)

        cands = [(w, a, b) for (a, b), w in fwd_plain.items()] + [(w, a, b) for (a, b), w in fwd_c.items()]
        fwd_rows, F_new = walk(cands, n_fwd, fwd_base_ok)
        pre_plain, _ = plain_weights(F_new, cover_pre, cover_fwd)

        def pre_base_ok(b, got, F_new=F_new):
            sep, base = split(b)
            return sep is None or (base in F_new if sep == "_Fwd_" else base in got)

        cands = [(w, a, b) for (a, b), w in pre_plain.items()]
        cands += [(w - (fwd_c.get(k, 0.0) if k in F_new else 0.0), k[0], k[1]) for k, w in pre_c.items()]
        pre_rows, P_new = walk(cands, n_pre, pre_base_ok)
        # a forwarding chain through a prefixed pair that this walk dropped goes too
        fwd_rows = [r for r in fwd_rows if split(r[2])[0] != "_Then_" or split(r[2])[1] in P_new]
        F_new = frozenset((a, b) for _, a, b in fwd_rows)
        cover_pre, cover_fwd = defaultdict(float), defaultdict(float)
        for w, a, b in pre_rows:
            if split(b)[0]:
                cover_pre[(a, split(b)[1][0])] += w
        for w, a, b in fwd_rows:
            if split(b)[0]:
                cover_fwd[(a, split(b)[1][0])] += w
        state = (F_new, frozenset(P_new))
        if (F_new, P_new) == (F, P) or state in seen:
            break
        seen.add(state)
        F, P = F_new, frozenset(P_new)
    return pre_rows, fwd_rows


def pct(w):
    return "%.3f%%" % (100.0 * w)


def write(out, rule, profiles, pre_rows, fwd_rows, n_pre, n_fwd, command):
    def row_lines(rows, fwd):
        lines = []
        for w, a, b in rows:
            if fwd:
                text = "X(%s, %s, %s, %s)" % (a, b, rule.src(b), rule.family(a))
            else:
                text = "X(%s, %s, %s)" % (a, b, rule.family(a))
            lines.append("  %-100s /* %s */ \\" % (text, pct(w)))
        lines[-1] = lines[-1][:-2]
        return lines

    chains_pre = sum(1 for r in pre_rows if "_Then_" in r[2] or "_Fwd_" in r[2])
    chains_fwd = sum(1 for r in fwd_rows if "_Then_" in r[2] or "_Fwd_" in r[2])
    lines = [
        "// GENERATED: do not edit by hand. The tuning table of the specialize pass",
        "// (interp/compiler/specialize.cpp), included by interp/code.h, which says what a row",
        "// of WASMRUN_PREFIXED and of WASMRUN_FORWARDED means.",
        "//",
        "// Made by `%s`" % command,
        "// (tools/gen-tuning.py; docs/INTERPRETER.md, \"Tuning table\") from the",
        "// instruction profiles of these programs, each weighing the same",
        "// (instructions profiled; \"limit\": stopped at WASMRUN_PROFILE_LIMIT):",
    ]
    for p in sorted(profiles, key=lambda p: p.name):
        lines.append("//   %-24s %14d%s" % (p.name, p.total, "  limit" if p.how == "limit" else ""))
    lines += [
        "// Budgets: %d WASMRUN_PREFIXED rows (%d chains), %d WASMRUN_FORWARDED rows (%d chains)."
        % (n_pre, chains_pre, n_fwd, chains_fwd),
        "// After each row, its weight: the share of executed instructions it pairs,",
        "// averaged over the programs. FIRST's handler family comes from",
        "// interp/compiler/pair_forms.h's rule (specialize.cpp checks it).",
        "",
        "#define WASMRUN_PREFIXED(X) \\",
    ]
    lines += row_lines(pre_rows, False)
    lines += ["", "#define WASMRUN_FORWARDED(X) \\"]
    lines += row_lines(fwd_rows, True)
    text = "\n".join(lines) + "\n"
    with open(out, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--prefixed", type=int, default=130, help="WASMRUN_PREFIXED rows (default 130)")
    ap.add_argument("--forwarded", type=int, default=24, help="WASMRUN_FORWARDED rows (default 24)")
    ap.add_argument("--min-weight", type=float, default=0.0,
                    help="leave out rows below this share of instructions (default 0)")
    ap.add_argument("--out", default=None, help="default: interp/compiler/tuning_table.def of this checkout")
    ap.add_argument("--command", default=None, help="the command to name in the header")
    ap.add_argument("profiles", nargs="+")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = args.out or os.path.join(root, "interp", "tuning_table.def")
    profiles = [Profile(p) for p in args.profiles]
    rule = Rule(profiles[0].first, profiles[0].fwd)
    for p in profiles[1:]:
        if p.first != rule.first or p.fwd != rule.fwd:
            raise SystemExit("gen-tuning: %s comes from another build than %s" % (p.path, profiles[0].path))
    names = [p.name for p in profiles]
    if len(set(names)) != len(names):
        raise SystemExit("gen-tuning: two profiles have the same name")
    pairs, triples = merge(profiles)
    pre_rows, fwd_rows = choose(rule, pairs, triples, args.prefixed, args.forwarded, args.min_weight)
    command = args.command or "tools/gen-tuning.py " + " ".join(os.path.basename(p) for p in args.profiles)
    write(out, rule, profiles, pre_rows, fwd_rows, args.prefixed, args.forwarded, command)
    print("gen-tuning: %d programs, %d WASMRUN_PREFIXED and %d WASMRUN_FORWARDED rows -> %s"
          % (len(profiles), len(pre_rows), len(fwd_rows), out), file=sys.stderr)


if __name__ == "__main__":
    main()
