#!/usr/bin/env bash
# Builds the fuzzers' seed corpora from a WebAssembly spec test suite and
# from modules binaryen generates (wasm-opt -ttf, "translate to fuzz"):
#
#   fuzz/seed-corpus.sh SUITE_DIR OUT_DIR [GENERATED_COUNT]
#
# OUT_DIR/binary: every module of the suite's .wast scripts (split with
#                 wabt's wast2json) and GENERATED_COUNT (default 500)
#                 wasm-opt -ttf modules; seeds fuzz_decode and fuzz_run.
# OUT_DIR/text:   the suite's small .wast scripts, its quoted modules, and
#                 each binary seed printed as .wat (wasm2wat); seeds fuzz_text.
# Files are named by content hash, so reruns add no duplicates. With
# SEED_WAT_FROM_BINARY=0 the binary seeds are not printed as text (quicker:
# fuzz/ci.sh).
set -euo pipefail
if (($# < 2)); then
  echo "usage: $0 SUITE_DIR OUT_DIR [GENERATED_COUNT]" >&2
  exit 2
fi
suite=$1
out=$2
count=${3:-500}
for tool in wast2json wasm2wat wasm-opt; do
  command -v "$tool" >/dev/null || { echo "$0: needs $tool (apt-get install wabt binaryen)" >&2; exit 1; }
done
mkdir -p "$out/binary" "$out/text"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Copies FILE into DIR under its content hash with extension EXT.
keep() {
  local sum
  sum=$(sha1sum "$1" | cut -c1-40)
  cp "$1" "$2/$sum.$3"
}

n=0
while IFS= read -r -d '' wast; do
  n=$((n + 1))
  dir=$tmp/s$n
  mkdir -p "$dir"
  if (($(stat -c %s "$wast") <= 32768)); then keep "$wast" "$out/text" wast; fi
  # Scripts wabt cannot parse (newer proposals) still give their text seed.
  (wast2json --enable-all "$wast" -o "$dir/x.json") >/dev/null 2>&1 || true
  for f in "$dir"/*.wasm; do if [[ -e $f ]]; then keep "$f" "$out/binary" wasm; fi; done
  for f in "$dir"/*.wat; do if [[ -e $f ]]; then keep "$f" "$out/text" wat; fi; done
  rm -rf "$dir"
done < <(find "$suite" -name '*.wast' -print0)

for ((i = 0; i < count; i++)); do
  head -c $((256 + RANDOM % 8192)) /dev/urandom >"$tmp/random"
  wasm-opt -ttf "$tmp/random" -o "$tmp/gen.wasm" >/dev/null 2>&1 || continue
  keep "$tmp/gen.wasm" "$out/binary" wasm
done

# Every binary seed as text too (those wasm2wat can print).
[[ ${SEED_WAT_FROM_BINARY:-1} == 0 ]] || for f in "$out"/binary/*.wasm; do
  if wasm2wat --enable-all "$f" -o "$tmp/m.wat" >/dev/null 2>&1; then keep "$tmp/m.wat" "$out/text" wat; fi
done
echo "seed corpus: $(ls "$out/binary" | wc -l) binary, $(ls "$out/text" | wc -l) text files in $out"
