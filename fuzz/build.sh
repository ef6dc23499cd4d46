#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/fuzz_*.cpp) with clang, ASan and UBSan
# into BUILD_DIR (default: build-fuzz): fuzz_decode, fuzz_text, fuzz_run,
# or the targets FUZZ_TARGETS names (default "decode text run").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}
cxx=${CXX:-clang++-14}
cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DWASMRUN_FUZZ=ON -DWASMRUN_BUILD_TESTS=OFF >/dev/null
# decode and text first: they need only the loader.
for target in ${FUZZ_TARGETS:-decode text run}; do
  cmake --build "$build" -j"${JOBS:-2}" --target "fuzz_$target"
done
