#!/usr/bin/env bash
# Run the benchmark suite (build it first with bench/build.sh) and print a
# Markdown table of medians and ratios. Exits non-zero if any run printed a
# wrong checksum.
#
#   bench/run.sh [--runs N] [--only NAME[,NAME...]] [--timeout S]
#                [--interp-runs N] [--engines LIST] [--metric wall|cpu|both]
#                [--no-rss]
#
# wasmrun is $WASMRUN, else build/tools/wasmrun. Engines: native, wasmrun,
# wasm3 ($WASM3), wamr (WAMR's iwasm, $IWASM), node-liftoff (node --liftoff
# --no-wasm-tier-up), node (default tiers), wasm-interp (wabt). Programs
# built outside the repository (coremark) are found in the directories of
# $BENCH_EXTRA. Progress goes to stderr, the table to stdout.
set -euo pipefail
# Engine paths may be relative to where run.sh was started.
for v in WASMRUN WASM3 IWASM; do
  if [ -n "${!v:-}" ] && [ -e "${!v}" ]; then export "$v=$(realpath "${!v}")"; fi
done
[ -z "${BENCH_EXTRA:-}" ] || export BENCH_EXTRA="$(for d in ${BENCH_EXTRA//:/ }; do realpath -m "$d"; done | paste -sd:)"
cd "$(dirname "$0")"
if [ ! -e out/startup.wasm ] || [ ! -e out/tiny.wasm ]; then
  echo "run.sh: bench/out is not built; run bench/build.sh first" >&2
  exit 2
fi
exec python3 harness.py "$@"
