#!/usr/bin/env bash
# Regenerates the tuning table, interp/compiler/tuning_table.def, from instruction
# profiles of a corpus of programs (docs/INTERPRETER.md, "Tuning table"):
#
#   tools/gen-tuning.sh CORPUS_DIR...
#
# 1. Builds the profiling build (switch dispatch, -DWASMRUN_PROFILE_OPS)
#    of this checkout in $GEN_TUNING_BUILD (default build-profile/).
# 2. Runs every *.wasm of the given folders (not their subfolders) as a
#    WASI command, without arguments, under it, each with
#    WASMRUN_PROFILE_OUT set, so it counts instructions, pairs and triples
#    of the code before pairing. Left out: startup.wasm, tiny.wasm (start-up
#    probes), *.plain.wasm (the kernels' import-free builds), memcopy-loops.wasm
#    (memcopy again, without bulk memory), and $GEN_TUNING_SKIP (more names,
#    space-separated shell patterns). Two files with the same bytes count
#    once. A program that fails, or runs past $GEN_TUNING_TIMEOUT seconds
#    (default 300), is reported and left out; $GEN_TUNING_LIMIT (default
#    4000000000) stops a program after that many instructions and keeps
#    what was counted.
# 3. tools/gen-tuning.py merges the profiles, each program weighing the
#    same, and writes the table ($GEN_TUNING_PREFIXED rows, default 130, and
#    $GEN_TUNING_FORWARDED, default 24). The profiles stay in
#    $GEN_TUNING_BUILD/profiles/.
# $GEN_TUNING_JOBS programs run at a time (default: the number of CPUs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if (($# == 0)); then
  echo "usage: tools/gen-tuning.sh CORPUS_DIR..." >&2
  exit 2
fi
build=${GEN_TUNING_BUILD:-$root/build-profile}
timeout_s=${GEN_TUNING_TIMEOUT:-300}
limit=${GEN_TUNING_LIMIT:-4000000000}
jobs=${GEN_TUNING_JOBS:-$(nproc)}
skip="startup.wasm tiny.wasm *.plain.wasm memcopy-loops.wasm ${GEN_TUNING_SKIP:-}"

echo "== profiling build in $build" >&2
gen=()
command -v ninja >/dev/null && gen=(-G Ninja)
if [[ ! -e $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release -DWASMRUN_BUILD_TESTS=OFF \
    -DCMAKE_CXX_FLAGS="-DWASMRUN_COMPUTED_GOTO=0 -DWASMRUN_PROFILE_OPS" >/dev/null
fi
cmake --build "$build" --target wasmrun -j"$(nproc)" >/dev/null
wasmrun=$build/tools/wasmrun

profiles=$build/profiles
rm -rf "$profiles"
mkdir -p "$profiles"
declare -A seen_hash seen_name
list=()
for dir in "$@"; do
  [[ -d $dir ]] || { echo "gen-tuning: no folder $dir" >&2; exit 2; }
  for wasm in "$dir"/*.wasm; do
    [[ -e $wasm ]] || continue
    base=$(basename "$wasm")
    skipped=0
    for pat in $skip; do
      # shellcheck disable=SC2053  # a pattern on purpose
      [[ $base == $pat ]] && skipped=1
    done
    ((skipped)) && continue
    hash=$(sha256sum "$wasm" | cut -d' ' -f1)
    [[ -n ${seen_hash[$hash]:-} ]] && { echo "   $wasm: the same as ${seen_hash[$hash]}, counted once" >&2; continue; }
    seen_hash[$hash]=$wasm
    name=${base%.wasm}
    n=2
    while [[ -n ${seen_name[$name]:-} ]]; do name=${base%.wasm}-$n; n=$((n + 1)); done
    seen_name[$name]=1
    list+=("$name	$(cd "$(dirname "$wasm")" && pwd)/$base")
  done
done
((${#list[@]})) || { echo "gen-tuning: no programs in $*" >&2; exit 1; }

echo "== profiling ${#list[@]} programs, $jobs at a time" >&2
export wasmrun profiles timeout_s limit
printf '%s\n' "${list[@]}" | xargs -d '\n' -P "$jobs" -I{} bash -c '
  name=${1%%	*}; wasm=${1#*	}
  start=$SECONDS
  status=0
  (cd "$(dirname "$wasm")" && WASMRUN_PROFILE_OUT="$profiles/$name.part" WASMRUN_PROFILE_LIMIT=$limit \
    timeout "$timeout_s" "$wasmrun" "$wasm" >/dev/null 2>"$profiles/$name.stderr" </dev/null) || status=$?
  if ((status == 0)) && [[ -s $profiles/$name.part ]]; then
    mv "$profiles/$name.part" "$profiles/$name.tsv"
    echo "   $name: $(sed -n "s/^total\t//p" "$profiles/$name.tsv" | cut -f1) instructions, $((SECONDS - start)) s" >&2
  else
    rm -f "$profiles/$name.part"
    what="exit status $status"
    ((status == 124)) && what="over $timeout_s s"
    echo "   $name: left out ($what; $profiles/$name.stderr)" >&2
  fi' _ {}

shopt -s nullglob
tsvs=("$profiles"/*.tsv)
((${#tsvs[@]})) || { echo "gen-tuning: no program gave a profile" >&2; exit 1; }
mapfile -t tsvs < <(printf '%s\n' "${tsvs[@]}" | LC_ALL=C sort)
python3 "$root/tools/gen-tuning.py" --prefixed "${GEN_TUNING_PREFIXED:-130}" --forwarded "${GEN_TUNING_FORWARDED:-24}" \
  --out "$root/interp/compiler/tuning_table.def" --command "tools/gen-tuning.sh CORPUS_DIR..." "${tsvs[@]}"
