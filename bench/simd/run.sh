#!/usr/bin/env bash
# What fixed-width SIMD buys: builds simdmix.c twice for wasm32-wasi with
# clang-14 -O3, with -msimd128 (auto-vectorised) and without (scalar), plus
# a native gcc -O2 build whose checksum both must print, then times each
# wasm build under wasmrun (and node, when installed) and prints a
# Markdown table of median CPU and wall seconds and the scalar / SIMD ratio.
#
#   bench/simd/run.sh [RUNS]        (default 5 interleaved runs)
#
# wasmrun is $WASMRUN, else build/tools/wasmrun. Output in bench/simd/out/
# (gitignored). Needs clang-14, lld-14, wasi-libc, libclang-rt-14-dev-wasm32
# (see bench/build.sh), gcc and python3. Exits 1 on a wrong checksum.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-5}
out="$here/out"
mkdir -p "$out"

CLANG=${CLANG:-clang-14}
WASM_FLAGS=(--target=wasm32-wasi -O3)
[ -d /usr/share/wasi-sysroot ] && WASM_FLAGS+=(--sysroot=/usr/share/wasi-sysroot)
"$CLANG" "${WASM_FLAGS[@]}" -msimd128 -o "$out/simdmix.simd.wasm" "$here/simdmix.c"
"$CLANG" "${WASM_FLAGS[@]}" -o "$out/simdmix.scalar.wasm" "$here/simdmix.c"
${CC_NATIVE:-gcc} -O2 -o "$out/simdmix.native" "$here/simdmix.c"

export WASMRUN=${WASMRUN:-$root/build/tools/wasmrun}
export NODE_WASI="$root/bench/node-wasi.mjs"
exec python3 - "$out" "$runs" <<'PY'
import os, resource, shutil, statistics, subprocess, sys, time

out, runs = sys.argv[1], int(sys.argv[2])
wasmrun, node = os.environ["WASMRUN"], shutil.which("node")
builds = ["scalar", "simd"]
engines = {"wasmrun": lambda f: [wasmrun, f]}
if node:
    engines["node"] = lambda f: [node, os.environ["NODE_WASI"], f]

def run(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return p.stdout.strip(), wall, cpu

want = run([os.path.join(out, "simdmix.native")])[0]
ok = True
times = {(e, b): ([], []) for e in engines for b in builds}
for r in range(runs):
    for e, how in engines.items():
        for b in builds:
            got, wall, cpu = run(how(os.path.join(out, f"simdmix.{b}.wasm")))
            if got != want:
                print(f"FAIL {e} {b}: got {got!r}, want {want!r}", file=sys.stderr)
                ok = False
            times[(e, b)][0].append(wall)
            times[(e, b)][1].append(cpu)
    print(f"round {r + 1}/{runs} done", file=sys.stderr)

print(f"simdmix ({want}), median of {runs} interleaved runs; "
      f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
print("| engine | scalar cpu s | SIMD cpu s | scalar / SIMD (cpu) | scalar wall s | SIMD wall s | scalar / SIMD (wall) |")
print("|---|---:|---:|---:|---:|---:|---:|")
for e in engines:
    (sw, sc), (vw, vc) = times[(e, "scalar")], times[(e, "simd")]
    sw, sc, vw, vc = (statistics.median(x) for x in (sw, sc, vw, vc))
    print(f"| {e} | {sc:.3f} | {vc:.3f} | {sc / vc:.2f}x | {sw:.3f} | {vw:.3f} | {sw / vw:.2f}x |")
sys.exit(0 if ok else 1)
PY
