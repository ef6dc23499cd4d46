#!/usr/bin/env python3
"""Run the benchmark suite and print Markdown tables (called by run.sh).

Each (program, engine) pair is run N times; runs are interleaved (for each
program, round r runs every engine once) so a change in machine load hits
all engines alike. Every run's output is checked against the expected
checksum (the native build's, or startup.expected); a wrong checksum is a
FAIL and makes the script exit non-zero. An engine that exits with an error
and prints no checksum is reported as unable to run that program (a FAIL,
with exit status 1, only for native and wasmrun). Each run records
wall-clock seconds (time.perf_counter around the process), the process's
user+sys CPU time (getrusage(RUSAGE_CHILDREN) deltas) and its peak
resident memory (GNU time's %M); medians are reported, one table per metric
(--metric wall|cpu|both, default both). On a shared machine CPU time is the
steadier of the two for the single-threaded engines; node also counts its
background compiler threads in it.
"""
import argparse
import datetime
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
ROOT = os.path.dirname(HERE)

# Kernels: small programs written here (build.sh).
PROGRAMS = ["coremix", "fib", "sieve", "nbody", "matmul", "hash", "memcopy",
            "vm", "memcopy-loops"]
# reported, but outside the kernels' geometric mean (see build.sh)
EXTRA = {"memcopy-loops"}
# Real programs: build-real.sh builds them into out/ from sources that npm or
# Debian packages ship (sqlite, lz4, quickjs) or that are written here
# (sha256, raytrace); coremark is built outside the repository into a
# directory named by $BENCH_EXTRA (see README). They get their own geometric
# mean. A real program that is not built is listed as such and skipped.
REAL = ["sqlite", "lz4", "quickjs", "sha256", "raytrace", "rust-mix", "go-mix", "coremark"]
# Programs that print their own output rather than "NAME checksum X": the
# checksum is group 1 of the pattern.
CHECK_PATTERNS = {"coremark": re.compile(r"crcfinal\s*:\s*0x([0-9a-f]{4})")}
ENGINES = ["native", "wasmrun", "wasmrun-base", "wasm3", "wamr", "node-liftoff", "node", "wasm-interp"]
PEERS = ["wasm3", "wamr"]  # ratio columns wasmrun / peer
GNU_TIME = "/usr/bin/time"

STATS_RE = re.compile(r"wasmrun-stats:.*?wasm-code-bytes=(\d+).*?compiled-code-bytes=(\d+)")
CHECK_RE = re.compile(r"^(\S+) checksum ([0-9a-f]{8})$", re.M)


class Result:
    def __init__(self):
        self.times = {"wall": [], "cpu": []}
        self.rss_kb = []
        # None (ok), "FAIL: ...", "cannot run: ...", "timeout (...)", "pending: ...", "skipped: ..."
        self.status = None

    def median(self, metric):
        t = self.times[metric]
        return statistics.median(t) if t else None

    def rss_mb(self):
        return statistics.median(self.rss_kb) / 1024 if self.rss_kb else None


class Timeout(Exception):
    pass


def run_timed(cmd, timeout, measure_rss=False):
    """Run cmd; return ({"wall": s, "cpu": s}, returncode, stdout, stderr, rss_kb).

    Runs are sequential, so the change in RUSAGE_CHILDREN across one run is
    that child's CPU time. `timeout` caps the child's CPU time (RLIMIT_CPU,
    so the cap does not depend on how loaded the machine is), with a wall
    clock cap of 5x as a safety net; either raises Timeout.

    With measure_rss the command runs under GNU time, which reports the
    child's peak RSS (ru_maxrss). It is not taken from this process's own
    wait: a child forked from Python inherits Python's peak RSS across exec,
    while GNU time's own footprint (~2 MB) is below any engine's."""
    def limit():
        resource.setrlimit(resource.RLIMIT_CPU, (int(timeout), int(timeout) + 2))

    rss_file = None
    if measure_rss:
        fd, rss_file = tempfile.mkstemp(prefix="bench-rss-")
        os.close(fd)
        cmd = [GNU_TIME, "-f", "%M", "-o", rss_file, "--"] + cmd
    try:
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL, preexec_fn=limit)
        try:
            out, err = p.communicate(timeout=5 * timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            raise Timeout()
        wall = time.perf_counter() - t0
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
        rc = p.returncode
        rss = None
        if rss_file:
            with open(rss_file) as f:
                text = f.read()
            m = re.search(r"^(\d+)\s*$", text, re.M)
            rss = int(m.group(1)) if m else None
            sig = re.search(r"terminated by signal (\d+)", text)
            if sig:
                rc = -int(sig.group(1))
            elif rc is not None and rc > 128 and rss is None:
                rc = -(rc - 128)
    finally:
        if rss_file:
            os.unlink(rss_file)
    if rc == -signal.SIGXCPU or (rc == -signal.SIGKILL and cpu >= timeout - 0.5) or cpu >= timeout:
        raise Timeout()
    return {"wall": wall, "cpu": cpu}, rc, out.decode(errors="replace"), err.decode(errors="replace"), rss


def checksum_of(stdout, kind, prog=None):
    """Extract the checksum from an engine's output."""
    if kind == "wasi":
        if prog in CHECK_PATTERNS:
            m = CHECK_PATTERNS[prog].search(stdout)
            return m.group(1) if m else None
        m = CHECK_RE.search(stdout)
        return m.group(2) if m else None
    if kind == "wasmrun-invoke":  # result printed as signed decimal
        m = re.search(r"^(-?\d+)\s*$", stdout, re.M)
        return "%08x" % (int(m.group(1)) & 0xFFFFFFFF) if m else None
    if kind == "wasm-interp-plain":  # "bench() => i32:N"
        m = re.search(r"bench\(\) => i32:(-?\d+)", stdout)
        return "%08x" % (int(m.group(1)) & 0xFFFFFFFF) if m else None
    raise ValueError(kind)


def probe(cmd, expect, timeout=30):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        return False, str(e)
    out = p.stdout.decode(errors="replace")
    if p.returncode == 0 and expect in out:
        return True, ""
    msg = (p.stderr.decode(errors="replace").strip() or out.strip()).splitlines()
    return False, (msg[0] if msg else "exit %d" % p.returncode)


def program_dirs():
    """out/, then each directory of $BENCH_EXTRA (colon-separated)."""
    return [OUT] + [d for d in os.environ.get("BENCH_EXTRA", "").split(":") if d]


def find_program(prog):
    """(wasm, plain wasm or None, native) paths of a built program, or None."""
    for d in program_dirs():
        w, n = os.path.join(d, prog + ".wasm"), os.path.join(d, prog + ".native")
        if os.path.exists(w) and os.access(n, os.X_OK):
            pl = os.path.join(d, prog + ".plain.wasm")
            return w, (pl if os.path.exists(pl) else None), n
    return None


def read_uleb(data, pos):
    v = shift = 0
    while True:
        b = data[pos]
        pos += 1
        v |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return v, pos


def wasm_sections(path):
    """{section id: (payload offset, size)} of a wasm binary (last of each id)."""
    with open(path, "rb") as f:
        data = f.read()
    out, pos = {}, 8
    while pos < len(data):
        sid = data[pos]
        size, pos = read_uleb(data, pos + 1)
        out[sid] = (pos, size)
        pos += size
    return out, data


def wasm_code_section_size(path):
    return wasm_sections(path)[0].get(10, (0, 0))[1]


def startup_funcs():
    secs, data = wasm_sections(os.path.join(OUT, "startup.wasm"))
    if 3 not in secs:
        return "no functions"
    return "%d functions" % read_uleb(data, secs[3][0])[0]


def fmt_s(v):
    if v is None:
        return "–"
    return "%.3f" % v if v < 10 else "%.2f" % v


def fmt_ratio(a, b):
    if a is None or b is None or b == 0:
        return "–"
    return "%.1fx" % (a / b) if a / b >= 10 else "%.2fx" % (a / b)


def fmt_mb(v):
    return "–" if v is None else "%.1f" % v


def engine_commands(engines, args, notes):
    """How each engine runs a program: {engine: (kind, argv builder)} or a skip reason.

    An argv builder takes the program's paths (wasm, plain wasm, native)."""
    how = {}
    tiny = os.path.join(OUT, "tiny.wasm")
    tiny_plain = os.path.join(OUT, "tiny.plain.wasm")
    how["native"] = ("wasi", lambda w, pl, n: [n])

    wasmrun = os.environ.get("WASMRUN") or os.path.join(ROOT, "build", "tools", "wasmrun")
    if "wasmrun" in engines:
        if not os.access(wasmrun, os.X_OK):
            how["wasmrun"] = "pending: no wasmrun binary at %s (set $WASMRUN)" % wasmrun
        else:
            ok, why = probe([wasmrun, tiny], "tiny checksum 600df00d")
            if ok:
                how["wasmrun"] = ("wasi", lambda w, pl, n: [wasmrun, w])
            else:
                ok2, why2 = probe([wasmrun, tiny_plain, "--invoke", "bench"], str(0x600df00d))
                if ok2:
                    how["wasmrun"] = ("wasmrun-invoke", lambda w, pl, n: [wasmrun, pl, "--invoke", "bench"])
                    notes.append("wasmrun does not run WASI commands yet (%s): it ran the import-free "
                                 "build of each program with `--invoke bench`; start-up pending." % why)
                else:
                    how["wasmrun"] = "pending: runs no WASI command (%s) nor `--invoke` (%s)" % (why, why2)

    # An earlier wasmrun for an A/B in the same run ($WASMRUN_BASE): a
    # column of its own and the ratio wasmrun / wasmrun-base.
    if "wasmrun-base" in engines:
        base = os.environ.get("WASMRUN_BASE")
        if not base or not os.access(base, os.X_OK):
            how["wasmrun-base"] = "skipped: no baseline wasmrun (set $WASMRUN_BASE)"
        else:
            how["wasmrun-base"] = ("wasi", lambda w, pl, n: [base, w])

    # Peers, built outside the repository (README): wasm3's CLI and WAMR's
    # iwasm, by path. Extra flags (e.g. a larger interpreter stack) come from
    # $WASM3_FLAGS / $IWASM_FLAGS, split on spaces.
    for eng, var, default in (("wasm3", "WASM3", "wasm3"), ("wamr", "IWASM", "iwasm")):
        if eng not in engines:
            continue
        path = os.environ.get(var) or shutil.which(default)
        if not path or not os.access(path, os.X_OK):
            how[eng] = "skipped: no %s binary (set $%s)" % (default, var)
            continue
        flags = os.environ.get(var + "_FLAGS", "").split()
        ok, why = probe([path] + flags + [tiny], "tiny checksum 600df00d")
        if not ok:
            how[eng] = "skipped: %s runs no WASI command (%s)" % (path, why)
            continue
        how[eng] = ("wasi", lambda w, pl, n, path=path, flags=flags: [path] + flags + [w])

    node = shutil.which("node")
    node_script = os.path.join(HERE, "node-wasi.mjs")
    if node:
        how["node-liftoff"] = ("wasi", lambda w, pl, n: [node, "--liftoff", "--no-wasm-tier-up", node_script, w])
        how["node"] = ("wasi", lambda w, pl, n: [node, node_script, w])
    else:
        how["node-liftoff"] = how["node"] = "skipped: node not installed"

    interp = shutil.which("wasm-interp")
    if interp:
        interp_wasi, why = probe([interp, "--wasi", tiny], "tiny checksum 600df00d")
        if interp_wasi:
            how["wasm-interp"] = ("wasi", lambda w, pl, n: [interp, "--wasi", w])
        else:
            how["wasm-interp"] = ("wasm-interp-plain", lambda w, pl, n: [interp, "--run-all-exports", pl])
            if "wasm-interp" in engines:
                notes.append("wasm-interp (wabt %s) has no WASI here (`%s`): it ran the import-free build of "
                             "each program (`--run-all-exports`, calls bench()), %d run(s) each, capped at %g "
                             "CPU seconds; it cannot run the real programs (no import-free build)."
                             % (subprocess.run([interp, "--version"], stdout=subprocess.PIPE).stdout.decode().strip(),
                                why, args.interp_runs, args.timeout))
    else:
        how["wasm-interp"] = "skipped: wasm-interp not installed (apt-get install wabt)"
    return how, wasmrun


def first_line(text):
    return (text.strip().splitlines() or [""])[0][:100]


def run_programs(programs, engines, how, args, measure_rss):
    """Interleaved runs of every program under every engine. Returns
    (results, failed)."""
    results, expected, failed = {}, {}, False
    for prog in programs:
        paths = find_program(prog)
        for e in engines:
            res = results[(prog, e)] = Result()
            h = how.get(e)
            if isinstance(h, str):
                res.status = h
            elif h[0] != "wasi" and paths[1] is None:
                res.status = "cannot run: needs WASI (no import-free build of this program)"
        for r in range(args.runs):
            for e in engines:
                res = results[(prog, e)]
                if res.status is not None:
                    continue
                if e == "wasm-interp" and r >= args.interp_runs:
                    continue
                kind, argv = how[e]
                try:
                    t, rc, out, err, rss = run_timed(argv(*paths), args.timeout, measure_rss)
                except Timeout:
                    res.status = "timeout (over %g s of CPU time)" % args.timeout
                    continue
                except OSError as ex:
                    res.status = "cannot run: %s" % ex
                    continue
                cs = checksum_of(out, kind, prog)
                if e == "native":
                    if rc != 0 or cs is None:
                        res.status = "FAIL: native build failed (exit %d)" % rc
                        failed = True
                        continue
                    expected.setdefault(prog, cs)
                want = expected.get(prog)
                if cs is not None and cs != want:
                    res.status = "FAIL: got %s, want %s (exit %d)" % (cs, want, rc)
                    failed = True
                    continue
                if rc != 0 or cs is None:
                    # No checksum: the engine could not run this program.
                    why = first_line(err) or first_line(out) or "no output"
                    if e in ("native", "wasmrun"):
                        res.status = "FAIL: exit %d: %s" % (rc, why)
                        failed = True
                    else:
                        res.status = "cannot run: exit %d: %s" % (rc, why)
                    continue
                for k in t:
                    res.times[k].append(t[k])
                if rss is not None:
                    res.rss_kb.append(rss)
            print("  %-12s round %d/%d done" % (prog, r + 1, args.runs), file=sys.stderr)
    return results, failed


def run_startup(engines, how, args):
    """Whole-process times of tiny.wasm and the generated startup.wasm."""
    startup, failed = {}, False
    big = os.path.join(OUT, "startup.wasm")
    with open(os.path.join(OUT, "startup.expected")) as f:
        want_big = f.read().strip()
    st_engines = [e for e in engines if e != "native"]
    for mod, want in (("tiny", "tiny checksum 600df00d"), ("startup", want_big)):
        path = os.path.join(OUT, mod + ".wasm")
        for e in st_engines:
            res = startup[(mod, e)] = Result()
            h = how.get(e)
            if isinstance(h, str):
                res.status = h
            elif h[0] != "wasi":
                res.status = "pending: needs WASI" if e == "wasmrun" else "needs WASI"
        for r in range(args.runs):
            for e in st_engines:
                res = startup[(mod, e)]
                if res.status is not None or (e == "wasm-interp" and r >= args.interp_runs):
                    continue
                try:
                    t, rc, out, err, _ = run_timed(how[e][1](path, None, None), args.timeout)
                except Timeout:
                    res.status = "timeout (over %g s of CPU time)" % args.timeout
                    continue
                if rc != 0 or want not in out:
                    why = first_line(err) or "exit %d" % rc
                    if e == "wasmrun":
                        res.status = "FAIL: output %r (exit %d: %s)" % (out.strip()[:60], rc, why)
                        failed = True
                    else:
                        res.status = "cannot run: exit %d: %s" % (rc, why)
                    continue
                for k in t:
                    res.times[k].append(t[k])
        print("  %-12s start-up done" % mod, file=sys.stderr)
    return startup, failed, big


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", default="",
                    help="comma-separated program names, and/or 'startup', 'kernels', 'real'")
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="cap on one run, CPU seconds (and 5x that in wall-clock seconds)")
    ap.add_argument("--interp-runs", type=int, default=1,
                    help="runs of wabt's wasm-interp (very slow; default 1)")
    ap.add_argument("--engines", default=",".join(ENGINES),
                    help="comma-separated subset of: " + ", ".join(ENGINES))
    ap.add_argument("--metric", choices=["wall", "cpu", "both"], default="both",
                    help="wall-clock time, the child's user+sys CPU time, or a table of each")
    ap.add_argument("--no-rss", action="store_true",
                    help="do not run programs under GNU time for their peak memory")
    args = ap.parse_args()

    only = [s for s in args.only.split(",") if s]
    groups = {"kernels": PROGRAMS, "real": REAL}
    names = [p for g in only for p in groups.get(g, [g])]
    unknown = [s for s in names if s not in PROGRAMS + REAL + ["startup"]]
    if unknown:
        sys.exit("unknown program(s): %s (have: %s, startup)" % (", ".join(unknown), ", ".join(PROGRAMS + REAL)))
    notes = []
    not_built = [p for p in REAL if (not names or p in names) and find_program(p) is None]
    if not_built:
        notes.append("not built, so not run: %s (bench/build-real.sh; coremark: see README)" % ", ".join(not_built))
    programs = [p for p in PROGRAMS + REAL if (not names or p in names) and p not in not_built]
    do_startup = not names or "startup" in names
    engines = [e for e in ENGINES if e in args.engines.split(",")]
    measure_rss = not args.no_rss and os.access(GNU_TIME, os.X_OK)
    if not args.no_rss and not measure_rss:
        notes.append("peak memory not measured: %s missing (apt-get install time)" % GNU_TIME)

    how, wasmrun = engine_commands(engines, args, notes)
    # Compiled-code size: a wasmrun that supports it prints, with
    # WASMRUN_STATS=1 in its environment, a line on stderr like
    #   wasmrun-stats: wasm-code-bytes=N compiled-code-bytes=M
    # (M covering the functions it compiled). Asked once per program, untimed.
    stats_ok = False
    if isinstance(how.get("wasmrun"), tuple):
        try:
            p = subprocess.run(how["wasmrun"][1](os.path.join(OUT, "tiny.wasm"), os.path.join(OUT, "tiny.plain.wasm"), None),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, timeout=30, env=dict(os.environ, WASMRUN_STATS="1"))
            stats_ok = STATS_RE.search(p.stderr.decode(errors="replace")) is not None
        except (OSError, subprocess.TimeoutExpired):
            pass

    results, failed = run_programs(programs, engines, how, args, measure_rss)
    startup = {}
    if do_startup:
        startup, st_failed, big = run_startup(engines, how, args)
        failed = failed or st_failed

    # ---- report ---------------------------------------------------------
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"^model name\s*:\s*(.*)$", f.read(), re.M)
            cpu = m.group(1) if m else cpu
    except OSError:
        pass
    P = print
    metrics = ["wall", "cpu"] if args.metric == "both" else [args.metric]
    P("Machine: %d cores (`nproc`), %s, %s; %s. Median of %d runs (wasm-interp: %d), "
      "interleaved; load average at the end %s."
      % (os.cpu_count(), cpu, platform.platform(terse=True),
         datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
         args.runs, args.interp_runs, "%.1f %.1f %.1f" % os.getloadavg()))
    footnotes = []

    def status_cell(status):
        if status not in footnotes:
            footnotes.append(status)
        return "%s [%d]" % (status.split(":")[0].split(" (")[0], footnotes.index(status) + 1)

    others = [p for p in ["wasmrun-base"] + PEERS + ["node-liftoff"] if p in engines]
    ratio_cols = ["native"] + others
    for metric in metrics if programs else []:
        what = ("wall-clock seconds" if metric == "wall"
                else "CPU seconds (user+sys of the process)")
        P("")
        P("Times in %s:" % what)
        P("")
        cols = engines + ["wasmrun / " + o for o in ratio_cols]
        P("| program | " + " | ".join(cols) + " |")
        P("|---|" + "---:|" * len(cols))
        ratios = {o: {} for o in ratio_cols}
        for group, members in (("kernels", PROGRAMS), ("real programs", REAL)):
            progs = [p for p in programs if p in members]
            if not progs:
                continue
            for prog in progs:
                cells = []
                for e in engines:
                    res = results[(prog, e)]
                    cells.append(fmt_s(res.median(metric)) if res.status is None else status_cell(res.status))
                med = {e: results[(prog, e)].median(metric) for e in engines}
                wr = med.get("wasmrun")
                for o in ratio_cols:
                    if wr is not None and med.get(o):
                        ratios[o][prog] = wr / med[o]
                    cells.append(fmt_ratio(wr, med.get(o)))
                label = prog + (" (not in geomean)" if prog in EXTRA else "")
                P("| %s | %s |" % (label, " | ".join(cells)))
            suite = [p for p in progs if p not in EXTRA]
            cells = []
            for o in ratio_cols:
                got = [ratios[o][p] for p in suite if p in ratios[o]]
                if not got:
                    cells.append("")
                    continue
                g = statistics.geometric_mean(got)
                cells.append("**%.2fx**" % g if len(got) == len(suite) else "%.2fx (%d of %d)" % (g, len(got), len(suite)))
            if any(cells):
                P("| **geomean, %s** |" % group + " |" * len(engines) + " %s |" % " | ".join(cells))
        for group, members in (("kernels", PROGRAMS), ("real programs", REAL)):
            suite = [p for p in programs if p in members and p not in EXTRA]
            got = [(ratios["native"][p], p) for p in suite if p in ratios["native"]]
            if got:
                P("")
                P("wasmrun / native, %s: geometric mean %.2fx over %d of %d programs; highest %.1fx (%s)."
                  % (group, statistics.geometric_mean([r for r, _ in got]), len(got), len(suite), *max(got)))

    if programs and measure_rss:
        P("")
        P("Peak memory (max RSS, MB, median of the runs; GNU time's %M):")
        P("")
        cols = engines + ["wasmrun − " + o for o in PEERS if o in engines]
        P("| program | " + " | ".join(cols) + " |")
        P("|---|" + "---:|" * len(cols))
        for prog in programs:
            cells = []
            for e in engines:
                res = results[(prog, e)]
                cells.append(fmt_mb(res.rss_mb()) if res.status is None else status_cell(res.status))
            wr = results[(prog, "wasmrun")].rss_mb() if "wasmrun" in engines else None
            for o in PEERS:
                if o in engines:
                    pr = results[(prog, o)].rss_mb()
                    cells.append("%+.1f" % (wr - pr) if wr is not None and pr is not None else "–")
            P("| %s | %s |" % (prog, " | ".join(cells)))

    if startup:
        P("")
        P("Start-up, whole process (exec, load, validate, instantiate, run `_start`, exit), "
          "median ms (%s): `startup` is the generated %.1f MB module (code section %.1f MB, "
          "%s) whose `_start` calls 21 of its functions; `tiny` is a %.0f KB command that "
          "does nothing."
          % (", ".join(metrics), os.path.getsize(big) / 1e6, wasm_code_section_size(big) / 1e6,
             startup_funcs(), os.path.getsize(os.path.join(OUT, "tiny.wasm")) / 1024))
        P("")
        st_engines = [e for e in engines if e != "native"]
        P("| module | " + " | ".join(st_engines) + " |")
        P("|---|" + "---:|" * len(st_engines))
        for mod in ("startup", "tiny"):
            for metric in metrics:
                cells = []
                for e in st_engines:
                    res = startup[(mod, e)]
                    cells.append("%.1f" % (res.median(metric) * 1000) if res.status is None
                                 else status_cell(res.status))
                P("| %s%s | %s |" % (mod, "" if len(metrics) == 1 else " (%s)" % metric, " | ".join(cells)))
    if programs and stats_ok:
        P("")
        P("Code size: wasm code bytes vs. wasmrun's compiled code (`WASMRUN_STATS=1`, one extra run):")
        P("")
        P("| program | wasm code | compiled | compiled / wasm |")
        P("|---|---:|---:|---:|")
        for prog in programs + (["startup"] if do_startup else []):
            paths = find_program(prog) if prog != "startup" else (big, None, None)
            try:
                p = subprocess.run(how["wasmrun"][1](*paths), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   stdin=subprocess.DEVNULL, timeout=5 * args.timeout,
                                   env=dict(os.environ, WASMRUN_STATS="1"))
                m = STATS_RE.search(p.stderr.decode(errors="replace"))
            except (OSError, subprocess.TimeoutExpired):
                m = None
            if m:
                w, c = int(m.group(1)), int(m.group(2))
                P("| %s | %d | %d | %s |" % (prog, w, c, fmt_ratio(c, w)))
            else:
                P("| %s | – | – | no stats |" % prog)
    elif programs:
        P("")
        P("Wasm code-section sizes: " + ", ".join(
            "%s %.1f KB" % (p, wasm_code_section_size(find_program(p)[0]) / 1024)
            for p in programs) + (". wasmrun does not report its compiled-code size yet "
                                  "(run.sh asks for it with WASMRUN_STATS=1; see README)."
                                  if isinstance(how.get("wasmrun"), tuple) else "."))
    if footnotes or notes:
        P("")
    for i, n in enumerate(footnotes):
        P("[%d] %s  " % (i + 1, n))
    for n in notes:
        P("- " + n)
    if failed:
        P("\nFAIL: some run printed a wrong checksum or failed (see above).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
