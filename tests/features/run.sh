#!/usr/bin/env bash
# Programs that use WebAssembly 3.0 features, as a compiler emits them:
# each C program here is compiled for wasm32-wasi with clang-19 at test
# time, run under wasmrun and under node, and both outputs must equal
# NAME.expected. A second run with the program's feature switched off
# must fail with a one-line error naming it, which shows that the binary
# really uses the feature.
#
#   tests/features/run.sh WASMRUN WORKDIR
#
# Per program NAME.c:
#   NAME.flags     clang flags that enable the feature (one line)
#   NAME.feature   the feature's name as --features spells it
#   NAME.node      node flags the feature needs (optional)
#   NAME.expected  the expected stdout
# Exceptions are not among them: Debian's libc++abi for wasm32 is built
# without exception support, and clang-19's setjmp/longjmp lowering to
# wasm exceptions emits code that node rejects too (a catch outside its
# try). tests/test_exceptions.cpp covers the feature instead.
# Ends with the line `features: N passed, N failed`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
runner=$(realpath "$1")
work=$2
mkdir -p "$work"
work=$(cd "$work" && pwd)
cc=${WASM3_CC:-clang-19}
sysroot=${WASI_SYSROOT:-/usr}
if ! command -v "$cc" >/dev/null || [[ ! -e $sysroot/lib/wasm32-wasi/crt1-command.o ]]; then
  echo "feature tests: need $cc, lld-19, libclang-rt-19-dev-wasm32 and wasi-libc (tools/install-deps.sh installs them)" >&2
  echo "features: 0 passed, 1 failed"
  exit 1
fi

passed=0
failed=0
fail() {
  echo "FAIL $1: $2"
  failed=$((failed + 1))
}

for src in "$here"/*.c; do
  name=$(basename "$src" .c)
  wasm=$work/$name.wasm
  read -r -a flags <"$here/$name.flags"
  feature=$(<"$here/$name.feature")
  node_flags=()
  [[ -f $here/$name.node ]] && read -r -a node_flags <"$here/$name.node"
  # Compile and link in two steps: linking with -O would make clang run
  # binaryen's wasm-opt when it is installed, and Debian 12's is too old
  # for these features.
  if ! "$cc" --target=wasm32-wasi --sysroot="$sysroot" -O2 "${flags[@]}" -c -o "$work/$name.o" "$src" \
      2>"$work/$name.cc.log" ||
     ! "$cc" --target=wasm32-wasi --sysroot="$sysroot" -o "$wasm" "$work/$name.o" 2>>"$work/$name.cc.log"; then
    fail "$name" "does not compile: $(head -5 "$work/$name.cc.log")"
    continue
  fi
  timeout 120 "$runner" run "$wasm" >"$work/$name.out" 2>"$work/$name.err"
  status=$?
  if ((status != 0)); then
    fail "$name" "wasmrun exited with $status: $(head -3 "$work/$name.err")"
    continue
  fi
  if ! diff -u "$here/$name.expected" "$work/$name.out" >"$work/$name.diff"; then
    fail "$name" "wasmrun's output differs from $name.expected:"
    head -20 "$work/$name.diff"
    continue
  fi
  if command -v node >/dev/null; then
    timeout 120 node --no-warnings "${node_flags[@]}" "$here/../wasi/node_wasi.mjs" "$wasm" >"$work/$name.node.out" 2>&1
    if ! diff -u "$work/$name.node.out" "$work/$name.out" >"$work/$name.node.diff"; then
      fail "$name" "wasmrun and node differ:"
      head -20 "$work/$name.node.diff"
      continue
    fi
  fi
  "$runner" run --features="-$feature" "$wasm" >/dev/null 2>"$work/$name.off.err"
  status=$?
  if ((status == 0)) || ! grep -q "needs feature $feature" "$work/$name.off.err" || (($(wc -l <"$work/$name.off.err") != 1)); then
    fail "$name" "with --features=-$feature: exit status $status, stderr: $(head -3 "$work/$name.off.err")"
    continue
  fi
  echo "ok   $name"
  passed=$((passed + 1))
done
echo "features: $passed passed, $failed failed"
[[ $failed == 0 ]]
