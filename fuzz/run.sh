#!/usr/bin/env bash
# Runs one libFuzzer target for a given time on one core:
#
#   fuzz/run.sh TARGET SECONDS [CORPUS_DIR [SEED_DIR]]
#
# TARGET: decode, text or run (fuzz_TARGET in BUILD_DIR, default
# build-fuzz; build it with fuzz/build.sh). New inputs go to CORPUS_DIR
# (default BUILD_DIR/corpus/TARGET), read together with SEED_DIR
# (from fuzz/seed-corpus.sh) and fuzz/regressions/TARGET. Findings are
# written to CORPUS_DIR/../findings-TARGET/; the exit status is non-zero if
# there is one. The run target executes guest code, which may loop forever
# (no fuel yet): it runs in fork mode, where an input over -timeout is
# dropped rather than reported.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if (($# < 2)); then
  echo "usage: $0 decode|text|run SECONDS [CORPUS_DIR [SEED_DIR]]" >&2
  exit 2
fi
target=$1
seconds=$2
build=${BUILD_DIR:-$root/build-fuzz}
bin=$build/fuzz/fuzz_$target
[[ -x $bin ]] || { echo "$0: no $bin (run fuzz/build.sh)" >&2; exit 1; }
corpus=${3:-$build/corpus/$target}
seeds=()
[[ -n ${4:-} ]] && seeds+=("$4")
[[ -d $root/fuzz/regressions/$target ]] && seeds+=("$root/fuzz/regressions/$target")
findings=$(dirname "$corpus")/findings-$target
mkdir -p "$corpus" "$findings"

opts=(-max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=1024 -artifact_prefix="$findings/"
      -print_final_stats=1)
case $target in
  decode) opts+=(-timeout=10 -max_len=65536) ;;
  text)
    # The dictionary: every instruction name in opcodes.def (so new ones
    # join as they land) and the text format's other keywords.
    dict=$findings/../wat.dict
    { grep -o '^WASM_OP([A-Za-z0-9_]*, *"[^"]*"' "$root/loader/opcodes.def" | sed 's/.*\("[^"]*"\)/\1/'
      for kw in module func param result local global mut type import export table memory elem data start \
                offset item declare then else end funcref externref i32 i64 f32 f64 v128 quote binary \
                register invoke get assert_return assert_trap assert_exhaustion assert_malformed assert_invalid \
                assert_unlinkable nan:canonical nan:arithmetic '(' ')' '$x' '"' inf nan 0x align= offset=; do
        printf '"%s"\n' "${kw//\"/\\\"}"
      done; } >"$dict"
    opts+=(-timeout=10 -max_len=16384 -dict="$dict") ;;
  run) opts+=(-timeout=5 -max_len=65536 -fork=1 -ignore_timeouts=1 -ignore_ooms=0 -ignore_crashes=0) ;;
  *) echo "$0: unknown target $target" >&2; exit 2 ;;
esac
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
status=0
"$bin" "${opts[@]}" "$corpus" "${seeds[@]}" || status=$?
found=$(find "$findings" -type f | wc -l)
echo "fuzz $target: exit $status, $found finding(s) in $findings"
((status == 0 && found == 0))
