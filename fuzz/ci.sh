#!/usr/bin/env bash
# The fuzzers' CI run: builds the libFuzzer targets (fuzz/build.sh), seeds
# them from the spec suite and binaryen-generated modules
# (fuzz/seed-corpus.sh) and runs each target for SECONDS (default 60) on
# one core. Fails on any finding (kept under BUILD_DIR/corpus/findings-*).
#
#   fuzz/ci.sh [SECONDS] [SUITE_DIR]    SUITE_DIR default ../shared/wasm-testsuite-2.0
#   FUZZ_TARGETS                        the targets (default "decode text run")
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
suite=${2:-$root/../shared/wasm-testsuite-2.0}
export BUILD_DIR=${BUILD_DIR:-$root/build-fuzz}
bash "$root/fuzz/build.sh"
seeds=$BUILD_DIR/seeds
rm -rf "$seeds" "$BUILD_DIR/corpus"
SEED_WAT_FROM_BINARY=0 bash "$root/fuzz/seed-corpus.sh" "$suite" "$seeds" 50
status=0
for target in ${FUZZ_TARGETS:-decode text run}; do
  dir=$seeds/binary
  [[ $target == text ]] && dir=$seeds/text
  echo "== fuzz: $target, ${seconds} s"
  bash "$root/fuzz/run.sh" "$target" "$seconds" "$BUILD_DIR/corpus/$target" "$dir" 2>"$BUILD_DIR/fuzz-$target.log" ||
    status=1
  grep -E "^stat::number_of_executed_units|^#[0-9]+.*DONE|SUMMARY|ERROR" "$BUILD_DIR/fuzz-$target.log" | tail -3 || true
done
exit $status
