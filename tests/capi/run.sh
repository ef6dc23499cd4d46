#!/usr/bin/env bash
# The wasm-c-api examples against an installed wasmrun: compiles every
# example/*.c of the wasm-c-api unmodified with the installed wasm.h and
# libraries (through pkg-config's wasmrun-c-api), runs each from the
# example folder (they read their .wasm there) and compares its output
# with tests/capi/expected/; then tests/capi/errors.c, wasmrun's own
# checks of what the examples do not reach. Every example is reported: PASS, FAIL, or
# XFAIL with the reason wasmrun cannot run it as shipped. An XFAIL that
# starts passing fails the run, so the list cannot hide anything.
#
#   tests/capi/run.sh PREFIX [WASM_C_API_DIR] [WORK_DIR]
#
#   PREFIX          where wasmrun is installed (cmake --install ... --prefix PREFIX)
#   WASM_C_API_DIR  a wasm-c-api checkout (default: ../shared/wasm-c-api from the repo)
#   WORK_DIR        scratch space for the binaries (default: a temporary folder)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prefix=${1:?usage: tests/capi/run.sh PREFIX [WASM_C_API_DIR] [WORK_DIR]}
prefix=$(cd "$prefix" && pwd)
api=${2:-$here/../../../shared/wasm-c-api}
examples=$(cd "$api/example" && pwd)
work=${3:-$(mktemp -d)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
expected=$here/expected
cc=${CC:-cc}

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
flags=$(pkg-config --cflags --libs wasmrun-c-api)

# Examples whose shipped .wasm wasmrun rejects, with the reason. Each is
# also run with its module rebuilt from a corrected .wat (see below).
declare -A xfail=(
  [hostref]="hostref.wasm encodes ref.null without its heap type (0xD0 0x0B, from a pre-standard draft of reference types): malformed under WebAssembly 2.0"
)

passed=0 failed=0 xfailed=0
report() {  # STATUS NAME [DETAIL]
  printf '%-5s %s%s\n' "$1" "$2" "${3:+: $3}"
}

# Compares the output of example NAME (file OUT) with its expected output:
# exact, or as sorted lines for the examples whose line order is not
# fixed (threads interleave; finalizers run in no set order).
matches() {
  local name=$1 out=$2
  if [[ -f $expected/$name.sorted ]]; then
    diff <(sort "$out") "$expected/$name.sorted" >"$out.diff"
  else
    diff "$out" "$expected/$name.out" >"$out.diff"
  fi
}

# Runs binary BIN as example NAME in folder DIR; sets `why` on failure.
run_example() {
  local name=$1 bin=$2 dir=$3 out=$work/$1.$4.out status=0
  why=
  (cd "$dir" && timeout 300 "$bin" >"$out" 2>&1) || status=$?
  if ((status != 0)); then
    why="exit status $status; last line: $(tail -n 1 "$out")"
  elif ! matches "$name" "$out"; then
    why="output differs from expected ($(wc -l <"$out.diff") diff lines, see $out.diff)"
  fi
  [[ -z $why ]]
}

for src in "$examples"/*.c; do
  name=$(basename "$src" .c)
  bin=$work/$name
  if ! "$cc" -std=gnu11 -o "$bin" "$src" $flags -lpthread 2>"$work/$name.cc.log"; then
    report FAIL "$name" "does not compile: $(grep -m1 error "$work/$name.cc.log" || head -n 1 "$work/$name.cc.log")"
    failed=$((failed + 1))
    continue
  fi
  if [[ ! -f $expected/$name.out && ! -f $expected/$name.sorted ]]; then
    report FAIL "$name" "no expected output in tests/capi/expected/"
    failed=$((failed + 1))
    continue
  fi
  if run_example "$name" "$bin" "$examples" shipped; then
    if [[ -n ${xfail[$name]:-} ]]; then
      report FAIL "$name" "passes now: remove it from the XFAIL list"
      failed=$((failed + 1))
    else
      report PASS "$name"
      passed=$((passed + 1))
    fi
  elif [[ -n ${xfail[$name]:-} ]]; then
    report XFAIL "$name" "${xfail[$name]}"
    xfailed=$((xfailed + 1))
  else
    report FAIL "$name" "$why"
    failed=$((failed + 1))
  fi
done

# hostref with its module in the standard encoding: the same .wat with
# `(ref.null extern)` for the draft's bare `(ref.null)`, built by wabt.
name=hostref
if [[ -f $examples/$name.wat && -x $work/$name ]]; then
  fixed=$work/$name-standard
  mkdir -p "$fixed"
  if ! command -v wat2wasm >/dev/null; then
    report FAIL "$name (standard encoding)" "wat2wasm not found (Debian package wabt)"
    failed=$((failed + 1))
  elif ! sed 's/(ref\.null)/(ref.null extern)/g' "$examples/$name.wat" >"$fixed/$name.wat" ||
       ! wat2wasm "$fixed/$name.wat" -o "$fixed/$name.wasm" 2>"$fixed/wat2wasm.log"; then
    report FAIL "$name (standard encoding)" "wat2wasm failed: $(head -n 1 "$fixed/wat2wasm.log")"
    failed=$((failed + 1))
  elif run_example "$name" "$work/$name" "$fixed" standard; then
    report PASS "$name (standard encoding)"
    passed=$((passed + 1))
  else
    report FAIL "$name (standard encoding)" "$why"
    failed=$((failed + 1))
  fi
fi

# wasmrun's own checks of failures, types and finalizers (tests/capi/errors.c).
name=errors
if "$cc" -std=gnu11 -Wall -Wextra -Werror -o "$work/$name" "$here/$name.c" $flags 2>"$work/$name.cc.log"; then
  if run_example "$name" "$work/$name" "$work" own; then
    report PASS "$name (tests/capi/errors.c)"
    passed=$((passed + 1))
  else
    report FAIL "$name (tests/capi/errors.c)" "$why"
    failed=$((failed + 1))
  fi
else
  report FAIL "$name (tests/capi/errors.c)" "does not compile: $(head -n 1 "$work/$name.cc.log")"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $xfailed expected failures (reasons above)"
((failed == 0 && passed > 0))
