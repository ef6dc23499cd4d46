#!/usr/bin/env bash
# Installs what building and testing wasmrun needs, from Debian's packages.
# As root it runs apt-get; otherwise it says what to install.
set -euo pipefail

# command-or-file  package
needs=(
  "cmake cmake"
  "g++ g++"
  "make make"
  "/usr/include/fmt/core.h libfmt-dev"
  "/usr/include/catch2/catch.hpp catch2"
  # The WASI end-to-end tests: C programs compiled for wasm32-wasi, and
  # node (node:wasi, npm) for the reference runs and npm-built binaries.
  "clang-14 clang-14"
  "wasm-ld-14 lld-14"
  "/usr/lib/wasm32-wasi/crt1-command.o wasi-libc"
  "/usr/lib/llvm-14/lib/clang/14.0.6/lib/wasi/libclang_rt.builtins-wasm32.a libclang-rt-14-dev-wasm32"
  # The 3.0 feature programs (tests/features/): clang-19 emits tail calls
  # and relaxed SIMD, which clang-14 cannot.
  "clang-19 clang-19"
  "wasm-ld-19 lld-19"
  "/usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a libclang-rt-19-dev-wasm32"
  # The wasm-c-api test rebuilds one example module from its .wat.
  "wat2wasm wabt"
  "node nodejs"
  "npm npm"
  # The fuzzers (fuzz/): libFuzzer's runtime, and seed corpora from wabt
  # (wast2json, wasm2wat) and binaryen (wasm-opt -ttf).
  "/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a libclang-rt-14-dev"
  "wast2json wabt"
  "wasm-opt binaryen"
)
missing=()
for entry in "${needs[@]}"; do
  what=${entry% *}
  pkg=${entry#* }
  if [[ $what == /* ]]; then
    [[ -e $what ]] || missing+=("$pkg")
  else
    command -v "$what" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: everything needed is installed"
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root, or: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
