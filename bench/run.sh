#!/usr/bin/env bash
# Run the benchmark suite (build it first with bench/build.sh) and print a
# Markdown table of medians and ratios. Exits non-zero if any run printed a
# wrong checksum.
#
#   bench/run.sh [--runs N] [--only NAME[,NAME...]] [--timeout S]
#                [--interp-runs N] [--engines LIST] [--metric wall|cpu|both]
#
# wasmrun is $WASMRUN, else build/tools/wasmrun. Engines: native, wasmrun,
# node-liftoff (node --liftoff --no-wasm-tier-up), node (default tiers),
# wasm-interp (wabt). Progress goes to stderr, the table to stdout.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -e out/startup.wasm ] || [ ! -e out/tiny.wasm ]; then
  echo "run.sh: bench/out is not built; run bench/build.sh first" >&2
  exit 2
fi
exec python3 harness.py "$@"
