#!/usr/bin/env bash
# Builds wasmrun from clean and runs every test: the unit tests, then the
# WebAssembly 2.0 spec test suite. Exits non-zero on any failure.
#
#   WASMRUN_SPEC_SUITE_2  the 2.0 test suite folder
#                         (default: ../shared/wasm-testsuite-2.0)
#   BUILD_DIR             where to build (default: build-test)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash tools/install-deps.sh
build=${BUILD_DIR:-build-test}
rm -rf "$build"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)"

echo "== unit tests"
"$build/tests/wasmrun_tests"

suite=${WASMRUN_SPEC_SUITE_2:-$root/../shared/wasm-testsuite-2.0}
if [[ ! -d $suite ]]; then
  echo "== spec tests: no test suite at $suite" >&2
  echo "   get it with: git clone https://github.com/WebAssembly/testsuite && (cd testsuite && git checkout wg-2.0)" >&2
  echo "   then: WASMRUN_SPEC_SUITE_2=\$PWD/testsuite tools/test-all.sh" >&2
  exit 1
fi
echo "== spec tests: WebAssembly 2.0 (outside simd/)"
"$build/tools/wasmrun" wast --features=2.0 "$suite"/*.wast
