#!/usr/bin/env python3
"""Run the benchmark suite and print a Markdown table (called by run.sh).

Each (program, engine) pair is run N times; runs are interleaved (for each
program, round r runs every engine once) so a change in machine load hits
all engines alike. Every run's output is checked against the expected
checksum (the native build's, or startup.expected); a mismatch is a FAIL and
makes the script exit non-zero. Each run records wall-clock seconds
(time.perf_counter around the process) and the process's user+sys CPU time
(getrusage(RUSAGE_CHILDREN) deltas); medians are reported, one table per
metric (--metric wall|cpu|both, default both). On a shared machine CPU time
is the steadier of the two for the single-threaded engines; node also
counts its background compiler threads in it.
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
import time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
ROOT = os.path.dirname(HERE)

PROGRAMS = ["coremix", "fib", "sieve", "nbody", "matmul", "hash", "memcopy",
            "vm", "memcopy-loops"]
# reported, but outside the suite's geometric mean (see build.sh)
EXTRA = {"memcopy-loops"}
ENGINES = ["native", "wasmrun", "node-liftoff", "node", "wasm-interp"]

STATS_RE = re.compile(r"wasmrun-stats:.*?wasm-code-bytes=(\d+).*?compiled-code-bytes=(\d+)")
CHECK_RE = re.compile(r"^(\S+) checksum ([0-9a-f]{8})$", re.M)


class Result:
    def __init__(self):
        self.times = {"wall": [], "cpu": []}
        self.status = None  # None (ok), "FAIL: ...", "timeout (...)", "pending: ..."

    def median(self, metric):
        t = self.times[metric]
        return statistics.median(t) if t else None


class Timeout(Exception):
    pass


def run_timed(cmd, timeout):
    """Run cmd; return ({"wall": s, "cpu": s}, returncode, stdout, stderr).

    Runs are sequential, so the change in RUSAGE_CHILDREN across one run is
    that child's CPU time. `timeout` caps the child's CPU time (RLIMIT_CPU,
    so the cap does not depend on how loaded the machine is), with a wall
    clock cap of 5x as a safety net; either raises Timeout."""
    def limit():
        resource.setrlimit(resource.RLIMIT_CPU, (int(timeout), int(timeout) + 2))

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
    if p.returncode == -signal.SIGXCPU or (p.returncode == -signal.SIGKILL and cpu >= timeout - 0.5):
        raise Timeout()
    return {"wall": wall, "cpu": cpu}, p.returncode, \
        out.decode(errors="replace"), err.decode(errors="replace")


def checksum_of(stdout, kind):
    """Extract the checksum (8 hex digits) from an engine's output."""
    if kind == "wasi":
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", default="", help="comma-separated program names (and/or 'startup')")
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="cap on one run, CPU seconds (and 5x that in wall-clock seconds)")
    ap.add_argument("--interp-runs", type=int, default=1,
                    help="runs of wabt's wasm-interp (very slow; default 1)")
    ap.add_argument("--engines", default=",".join(ENGINES),
                    help="comma-separated subset of: " + ", ".join(ENGINES))
    ap.add_argument("--metric", choices=["wall", "cpu", "both"], default="both",
                    help="wall-clock time, the child's user+sys CPU time, or a table of each")
    args = ap.parse_args()

    only = [s for s in args.only.split(",") if s]
    programs = [p for p in PROGRAMS if not only or p in only]
    do_startup = not only or "startup" in only
    unknown = [s for s in only if s not in PROGRAMS + ["startup"]]
    if unknown:
        sys.exit("unknown program(s): %s (have: %s, startup)" % (", ".join(unknown), ", ".join(PROGRAMS)))
    engines = [e for e in ENGINES if e in args.engines.split(",")]

    notes = []
    wasmrun = os.environ.get("WASMRUN") or os.path.join(ROOT, "build", "tools", "wasmrun")
    node = shutil.which("node")
    interp = shutil.which("wasm-interp")
    tiny = os.path.join(OUT, "tiny.wasm")
    tiny_plain = os.path.join(OUT, "tiny.plain.wasm")

    # How each engine runs a program: (kind, argv builder) or a skip reason.
    how = {}
    how["native"] = ("wasi", lambda p: [os.path.join(OUT, p + ".native")])
    if "wasmrun" in engines:
        if not os.access(wasmrun, os.X_OK):
            how["wasmrun"] = "pending: no wasmrun binary at %s (set $WASMRUN)" % wasmrun
        else:
            ok, why = probe([wasmrun, tiny], "tiny checksum 600df00d")
            if ok:
                how["wasmrun"] = ("wasi", lambda p: [wasmrun, os.path.join(OUT, p + ".wasm")])
            else:
                ok2, why2 = probe([wasmrun, tiny_plain, "--invoke", "bench"], str(0x600df00d))
                if ok2:
                    how["wasmrun"] = ("wasmrun-invoke",
                                      lambda p: [wasmrun, os.path.join(OUT, p + ".plain.wasm"), "--invoke", "bench"])
                    notes.append("wasmrun does not run WASI commands yet (%s): it ran the import-free "
                                 "build of each program with `--invoke bench`; start-up pending." % why)
                else:
                    how["wasmrun"] = "pending: runs no WASI command (%s) nor `--invoke` (%s)" % (why, why2)
    # Compiled-code size: a wasmrun that supports it prints, with
    # WASMRUN_STATS=1 in its environment, a line on stderr like
    #   wasmrun-stats: wasm-code-bytes=N compiled-code-bytes=M
    # (M covering the functions it compiled). Asked once per program, untimed.
    stats_ok = False
    if isinstance(how.get("wasmrun"), tuple):
        try:
            p = subprocess.run(how["wasmrun"][1]("tiny"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, timeout=30, env=dict(os.environ, WASMRUN_STATS="1"))
            stats_ok = STATS_RE.search(p.stderr.decode(errors="replace")) is not None
        except (OSError, subprocess.TimeoutExpired):
            pass

    node_script = os.path.join(HERE, "node-wasi.mjs")
    if node:
        how["node-liftoff"] = ("wasi", lambda p: [node, "--liftoff", "--no-wasm-tier-up", node_script,
                                                  os.path.join(OUT, p + ".wasm")])
        how["node"] = ("wasi", lambda p: [node, node_script, os.path.join(OUT, p + ".wasm")])
    else:
        how["node-liftoff"] = how["node"] = "skipped: node not installed"
    interp_wasi = False
    if interp:
        interp_wasi, why = probe([interp, "--wasi", tiny], "tiny checksum 600df00d")
        if interp_wasi:
            how["wasm-interp"] = ("wasi", lambda p: [interp, "--wasi", os.path.join(OUT, p + ".wasm")])
        else:
            how["wasm-interp"] = ("wasm-interp-plain",
                                  lambda p: [interp, "--run-all-exports", os.path.join(OUT, p + ".plain.wasm")])
            if "wasm-interp" in engines:
                notes.append("wasm-interp (wabt %s) has no WASI here (`%s`): it ran the import-free build of "
                         "each program (`--run-all-exports`, calls bench()), %d run(s) each, capped at %g CPU seconds."
                         % (subprocess.run([interp, "--version"], stdout=subprocess.PIPE).stdout.decode().strip(),
                            why, args.interp_runs, args.timeout))
    else:
        how["wasm-interp"] = "skipped: wasm-interp not installed (apt-get install wabt)"

    results = {}
    expected = {}
    failed = False
    for prog in programs:
        for e in engines:
            results[(prog, e)] = Result()
            if isinstance(how.get(e), str):
                results[(prog, e)].status = how[e]
        for r in range(args.runs):
            for e in engines:
                res = results[(prog, e)]
                if res.status is not None:
                    continue
                if e == "wasm-interp" and r >= args.interp_runs:
                    continue
                kind, argv = how[e]
                cmd = argv(prog)
                try:
                    t, rc, out, err = run_timed(cmd, args.timeout)
                except Timeout:
                    res.status = "timeout (over %g s of CPU time)" % args.timeout
                    continue
                cs = checksum_of(out, kind)
                if e == "native":
                    if rc != 0 or cs is None:
                        res.status = "FAIL: native build failed (exit %d)" % rc
                        failed = True
                        continue
                    expected.setdefault(prog, cs)
                want = expected.get(prog)
                if rc != 0 or cs is None or cs != want:
                    line = (err.strip().splitlines() or [""])[0]
                    res.status = "FAIL: got %s, want %s (exit %d%s)" % (cs, want, rc, ": " + line[:100] if line else "")
                    failed = True
                    continue
                for k in t:
                    res.times[k].append(t[k])
            print("  %-12s round %d/%d done" % (prog, r + 1, args.runs), file=sys.stderr)

    # ---- start-up -------------------------------------------------------
    startup = {}
    if do_startup:
        big = os.path.join(OUT, "startup.wasm")
        with open(os.path.join(OUT, "startup.expected")) as f:
            want_big = f.read().strip()
        st_engines = [e for e in engines if e != "native"]
        for mod, want in (("tiny", "tiny checksum 600df00d"), ("startup", want_big)):
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
                    cmd = how[e][1](mod)
                    try:
                        t, rc, out, err = run_timed(cmd, args.timeout)
                    except Timeout:
                        res.status = "timeout (over %g s of CPU time)" % args.timeout
                        continue
                    if rc != 0 or want not in out:
                        line = (err.strip().splitlines() or ["exit %d" % rc])[0]
                        res.status = "FAIL: output %r (exit %d: %s)" % (out.strip()[:60], rc, line[:100])
                        failed = True
                        continue
                    for k in t:
                        res.times[k].append(t[k])
            print("  %-12s start-up done" % mod, file=sys.stderr)

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

    for metric in metrics if programs else []:
        what = ("wall-clock seconds" if metric == "wall"
                else "CPU seconds (user+sys of the process)")
        P("")
        P("Times in %s:" % what)
        P("")
        cols = engines + ["wasmrun / native", "wasmrun / node-liftoff"]
        P("| program | " + " | ".join(cols) + " |")
        P("|---|" + "---:|" * len(cols))
        ratios = {}
        for prog in programs:
            cells = []
            for e in engines:
                res = results[(prog, e)]
                cells.append(fmt_s(res.median(metric)) if res.status is None else status_cell(res.status))
            med = {e: results[(prog, e)].median(metric) for e in engines}
            wr, nat, nl = med.get("wasmrun"), med.get("native"), med.get("node-liftoff")
            if wr is not None and nat:
                ratios[prog] = wr / nat
            cells += [fmt_ratio(wr, nat), fmt_ratio(wr, nl)]
            label = prog + (" (not in geomean)" if prog in EXTRA else "")
            P("| %s | %s |" % (label, " | ".join(cells)))
        suite = [p for p in programs if p not in EXTRA]
        got = [ratios[p] for p in suite if p in ratios]
        if got:
            g = statistics.geometric_mean(got)
            worst = max((ratios[p], p) for p in suite if p in ratios)
            label = "**geomean**" if len(got) == len(suite) else "geomean of %d of %d" % (len(got), len(suite))
            P("| %s |" % label + " |" * len(engines) + " **%.2fx** | |" % g)
            P("")
            P("wasmrun / native: geometric mean %.2fx over %d of %d suite programs%s; highest %.1fx (%s)."
              % (g, len(got), len(suite), "" if len(got) == len(suite) else " (the others did not finish)",
                 worst[0], worst[1]))
    if startup:
        P("")
        P("Start-up, whole process (exec, load, validate, instantiate, run `_start`, exit), "
          "median ms (%s): `startup` is the generated %.1f MB module (code section %.1f MB, "
          "%s) whose `_start` calls 21 of its functions; `tiny` is a %.0f KB command that "
          "does nothing."
          % (", ".join(metrics), os.path.getsize(os.path.join(OUT, "startup.wasm")) / 1e6,
             wasm_code_section_size(os.path.join(OUT, "startup.wasm")) / 1e6,
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
            try:
                p = subprocess.run(how["wasmrun"][1](prog), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
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
            "%s %.1f KB" % (p, wasm_code_section_size(os.path.join(OUT, p + ".wasm")) / 1024)
            for p in programs) + ". wasmrun does not report its compiled-code size yet "
          "(run.sh asks for it with WASMRUN_STATS=1; see README).")
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
