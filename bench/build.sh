#!/usr/bin/env bash
# Build the benchmark suite into bench/out/:
#   NAME.wasm        wasm32-wasi command   (clang-14 --target=wasm32-wasi -O3)
#   NAME.plain.wasm  same code, no imports, exports bench() -> checksum
#                    (for engines without WASI: Debian's wasm-interp, and
#                    `wasmrun --invoke bench`)
#   NAME.native      native build          (gcc -O2)
#   startup.wasm     ~30 MB generated module (src/gen_startup.py) and
#   startup.expected its expected output
# Missing Debian packages are installed with apt-get when run as root;
# otherwise the script says what to install.
set -euo pipefail
cd "$(dirname "$0")"
SRC=src
OUT=out
mkdir -p "$OUT"

CLANG=${CLANG:-clang-14}
CC_NATIVE=${CC_NATIVE:-gcc}

# --- tools -----------------------------------------------------------------
need_pkgs=()
command -v "$CLANG" >/dev/null || need_pkgs+=(clang-14)
command -v wasm-ld-14 >/dev/null || command -v wasm-ld >/dev/null || need_pkgs+=(lld-14)
[ -e /usr/lib/wasm32-wasi/libc.a ] || [ -e /usr/share/wasi-sysroot/lib/wasm32-wasi/libc.a ] || need_pkgs+=(wasi-libc)
ls /usr/lib/llvm-14/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null 2>&1 || need_pkgs+=(libclang-rt-14-dev-wasm32)
command -v "$CC_NATIVE" >/dev/null || need_pkgs+=(gcc)
command -v python3 >/dev/null || need_pkgs+=(python3)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "build.sh: installing ${need_pkgs[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >&2
  else
    echo "build.sh: missing packages; install them with:" >&2
    echo "  sudo apt-get install ${need_pkgs[*]}" >&2
    exit 1
  fi
fi

# Debian's wasi-libc lives in /usr/{include,lib}/wasm32-wasi, where clang-14
# finds it without --sysroot; other layouts use /usr/share/wasi-sysroot.
WASM_FLAGS=(--target=wasm32-wasi -O3)
[ -d /usr/share/wasi-sysroot ] && WASM_FLAGS+=(--sysroot=/usr/share/wasi-sysroot)

# name | source | flags for both builds | flags for the wasm builds only
#
# memcopy is built with -mbulk-memory, so memcpy/memmove/memset become the
# memory.copy/memory.fill instructions of WebAssembly 2.0 (what newer clang
# releases emit by default). memcopy-loops is the same program with
# clang-14's default features, where they are wasi-libc's C loops; it does
# 1/32 of the work and is reported apart from the suite's geometric mean
# (native memcpy is SIMD: even node's optimising JIT is ~9x slower there).
PROGRAMS=(
  "coremix|coremix.c||"
  "fib|fib.c||"
  "sieve|sieve.c||"
  "nbody|nbody.c||"
  "matmul|matmul.c||"
  "hash|hash.c||"
  "memcopy|memcopy.c||-mbulk-memory"
  "memcopy-loops|memcopy.c|-DMEMCOPY_ROUNDS=28125|"
  "vm|vm.c||"
  "tiny|tiny.c||"
)

for line in "${PROGRAMS[@]}"; do
  IFS='|' read -r name src both wasm_only <<<"$line"
  # shellcheck disable=SC2086
  "$CLANG" "${WASM_FLAGS[@]}" $both $wasm_only -o "$OUT/$name.wasm" "$SRC/$src" -lm
  # shellcheck disable=SC2086
  "$CLANG" "${WASM_FLAGS[@]}" $both $wasm_only -DBENCH_PLAIN -nostartfiles -Wl,--no-entry \
    -o "$OUT/$name.plain.wasm" "$SRC/$src" -lm
  # shellcheck disable=SC2086
  "$CC_NATIVE" -O2 $both -o "$OUT/$name.native" "$SRC/$src" -lm
  echo "built $name"
done

if [ ! -e "$OUT/startup.wasm" ] || [ "$SRC/gen_startup.py" -nt "$OUT/startup.wasm" ]; then
  python3 "$SRC/gen_startup.py" "$OUT/startup.wasm" --mb "${STARTUP_MB:-30}"
fi
echo "built startup"
