#!/usr/bin/env bash
# The wasmrun command line: `run`, the option spellings (`--opt VALUE` and
# `--opt=VALUE`), integers (decimal, 0x hex, never octal), `-` for stdin,
# --preload, inspect, wast's --features, exit statuses (134 on a trap),
# one-line errors for bad usage and for errors in a module (with their
# location), and the bash completion.
#
#   tests/cli/run.sh WASMRUN
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
wasmrun=${1:?usage: tests/cli/run.sh WASMRUN}
fac=$root/examples/fac.wat
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

# check NAME WANT_STATUS WANT_STDOUT COMMAND...: runs COMMAND; compares its
# exit status and stdout, and requires stderr to be empty on success and
# one line on failure (a trap's backtrace may follow that line: "wasm
# backtrace:" and its frames).
check() {
  local name=$1 want_status=$2 want_out=$3 status=0
  shift 3
  "$@" >"$work/out" 2>"$work/err" </dev/null || status=$?
  local out err_lines
  out=$(cat "$work/out")
  err_lines=$(grep -cvE '^wasm backtrace:$|^ +[0-9]+: (func\[[0-9]+\]|<host>)|^  \.\.\. and [0-9]+ more frames$' "$work/err")
  if ((status != want_status)); then
    echo "FAIL $name: exit status $status, expected $want_status; stderr: $(head -n 2 "$work/err")"
  elif [[ $out != "$want_out" ]]; then
    echo "FAIL $name: stdout '$out', expected '$want_out'"
  elif ((want_status == 0 && err_lines != 0)); then
    echo "FAIL $name: unexpected stderr: $(head -n 2 "$work/err")"
  elif ((want_status != 0 && err_lines != 1)); then
    echo "FAIL $name: expected a one-line error, got $err_lines lines: $(head -n 3 "$work/err")"
  else
    passed=$((passed + 1))
    return
  fi
  failed=$((failed + 1))
}

# Like check, with stdin from FILE.
check_stdin() {
  local name=$1 file=$2
  shift 2
  local status=0 out
  out=$("$@" <"$file" 2>"$work/err") || status=$?
  if ((status == 0)) && [[ $out == "$EXPECT" ]]; then
    passed=$((passed + 1))
  else
    echo "FAIL $name: status $status, stdout '$out', expected '$EXPECT'; stderr: $(head -n 2 "$work/err")"
    failed=$((failed + 1))
  fi
}

# --- run, and every option spelling ---
check "bare form" 0 120 "$wasmrun" --invoke fac "$fac" 5
check "run alias" 0 120 "$wasmrun" run --invoke fac "$fac" 5
check "--invoke=NAME" 0 120 "$wasmrun" run --invoke=fac "$fac" 5
check "--invoke after FILE" 0 120 "$wasmrun" run "$fac" --invoke fac 5
check "--invoke=NAME after FILE" 0 120 "$wasmrun" "$fac" --invoke=fac 5
check "--features VALUE" 0 120 "$wasmrun" --features 2.0 --invoke fac "$fac" 5
check "--features=VALUE" 0 120 "$wasmrun" --features=all --invoke fac "$fac" 5
check "--validate VALUE" 0 120 "$wasmrun" --validate lazy --invoke fac "$fac" 5
check "--validate=VALUE" 0 120 "$wasmrun" --validate=eager --invoke fac "$fac" 5
check "--env VALUE and --env=VALUE" 0 120 "$wasmrun" --env A=1 --env=B=2 --invoke fac "$fac" 5
check "--dir VALUE and --dir=VALUE" 0 120 "$wasmrun" --dir "$work" --dir="$work::/w" --invoke fac "$fac" 5

# --- integers: decimal (leading zeros too) or 0x hex, never octal ---
check "decimal with a leading zero" 0 3628800 "$wasmrun" --invoke fac "$fac" 010
check "08 is decimal" 0 40320 "$wasmrun" --invoke fac "$fac" 08
check "0x hex" 0 3628800 "$wasmrun" --invoke fac "$fac" 0x0a
check "0X hex" 0 3628800 "$wasmrun" --invoke fac "$fac" 0XA
check "negative" 0 -7 "$wasmrun" --invoke id "$here/identity.wat" -7
check "not a number" 2 "" "$wasmrun" --invoke fac "$fac" 0o7
check "hex without digits" 2 "" "$wasmrun" --invoke fac "$fac" 0x
check "i32 out of range" 2 "" "$wasmrun" --invoke id "$here/identity.wat" 0x100000000

# --- `-` reads the module from stdin, text or binary ---
EXPECT=120 check_stdin "text module on stdin" "$fac" "$wasmrun" --invoke fac - 5
# (module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
printf '\x00asm\x01\x00\x00\x00\x01\x07\x01\x60\x02\x7f\x7f\x01\x7f\x03\x02\x01\x00\x07\x07\x01\x03add\x00\x00\x0a\x09\x01\x07\x00\x20\x00\x20\x01\x6a\x0b' >"$work/add.wasm"
EXPECT=42 check_stdin "binary module on stdin" "$work/add.wasm" "$wasmrun" run --invoke add - 40 2
EXPECT="sections: 4" check_stdin "inspect from stdin" "$work/add.wasm" bash -c "\"$wasmrun\" inspect - | sed -n 2p"

# --- --preload NAME=PATH ---
check "--preload NAME=PATH" 0 142 "$wasmrun" --preload lib="$here/lib.wat" --invoke run "$here/main.wat" 21
check "--preload=NAME=PATH" 0 142 "$wasmrun" run --preload=lib="$here/lib.wat" --invoke run "$here/main.wat" 21
check "without --preload the import is unknown" 1 "" "$wasmrun" --invoke run "$here/main.wat" 21
check "--preload without =PATH" 2 "" "$wasmrun" --preload lib "$here/main.wat"
check "--preload of a missing file" 1 "" "$wasmrun" --preload lib=/nonexistent.wasm "$here/main.wat"

# --- exit statuses ---
check "trap exits 134" 134 "" "$wasmrun" --invoke unreachable "$here/traps.wat"
check "trap deep in a call chain exits 134" 134 "" "$wasmrun" --invoke outer "$here/traps.wat" 0
check "stack exhaustion exits 134" 134 "" "$wasmrun" --invoke deep "$fac" 1000000
check "no trap" 0 1 "$wasmrun" --invoke outer "$here/traps.wat" 1
cat >"$work/chain.wat" <<'WAT'
(module
  (func $fail (unreachable))
  (func $middle (call $fail))
  (func (export "outer") (call $middle)))
WAT
check "a trap's backtrace lists the chain, innermost first" 0 "wasmrun: trap in 'outer': unreachable
wasm backtrace:
    0: func[0] at offset 0x24
    1: func[1] at offset 0x28
    2: func[2] (export \"outer\") at offset 0x2d" \
  bash -c "\"$wasmrun\" --invoke outer \"$work/chain.wat\" 2>&1; true"
check "a deep recursion's backtrace is cut after 100 frames" 0 "wasmrun: trap in 'deep': call stack exhausted
wasm backtrace:
    0: func[2] (export \"deep\") at offset 0x8a
   99: func[2] (export \"deep\") at offset 0x8a
  ... and 99901 more frames" \
  bash -c "\"$wasmrun\" --invoke deep \"$fac\" 1000000 2>&1 | head -n 3; \"$wasmrun\" --invoke deep \"$fac\" 1000000 2>&1 | tail -n 2; true"

# --- bad usage: one line, status 2 (1 for a bad file) ---
check "unknown option" 2 "" "$wasmrun" --bogus "$fac"
check "unknown option after run" 2 "" "$wasmrun" run --bogus "$fac"
check "--invoke without a value" 2 "" "$wasmrun" "$fac" --invoke
check "--features without a value" 2 "" "$wasmrun" --features
check "unknown feature set" 2 "" "$wasmrun" --features 9.9 "$fac"
check "unknown feature name" 2 "" "$wasmrun" --features 3.0,+tailcall "$fac"
check "unknown feature names the valid ones" 0 1 bash -c "\"$wasmrun\" --features=-bogus \"$fac\" 2>&1 | grep -c 'unknown feature .bogus.; .*tail-call.*wide-arithmetic'"
check "inspect: unknown feature name" 2 "" "$wasmrun" inspect --features=+bogus "$fac"
check "wast: unknown feature name" 2 "" "$wasmrun" wast --features=2.0,bogus "$here/tiny.wast"
check "--validate bad value" 2 "" "$wasmrun" --validate=sometimes "$fac"
check "--dir without a value" 2 "" "$wasmrun" --dir
check "no module" 2 "" "$wasmrun" run
check "missing module file" 1 "" "$wasmrun" run /nonexistent.wasm
check "wrong argument count" 2 "" "$wasmrun" --invoke fac "$fac"
check "inspect: missing file" 1 "" "$wasmrun" inspect /nonexistent.wasm
check "inspect: unknown option" 2 "" "$wasmrun" inspect --bogus "$fac"
check "inspect: two files" 2 "" "$wasmrun" inspect "$fac" "$fac"
check "inspect --write-binary: the text module encoded" 0 120 bash -c "\"$wasmrun\" inspect --write-binary \"$work/fac.wasm\" \"$fac\" && \"$wasmrun\" --invoke fac \"$work/fac.wasm\" 5"
check "inspect --write-binary without a file" 2 "" "$wasmrun" inspect "$fac" --write-binary
check "inspect --write-binary to an unwritable path" 1 "" "$wasmrun" inspect --write-binary /nonexistent/dir/x.wasm "$fac"
check "wast: --features without a value" 2 "" "$wasmrun" wast --features

# --- errors in a module: one line, FILE:LOCATION: MESSAGE[: DETAIL] (KIND), status 1 ---
# check_error NAME WANT_STDERR COMMAND...: runs COMMAND, which must fail with
# status 1, nothing on stdout and exactly WANT_STDERR on stderr.
check_error() {
  local name=$1 want_err=$2 status=0 err
  shift 2
  "$@" >"$work/out" 2>"$work/err" </dev/null || status=$?
  err=$(cat "$work/err")
  if ((status == 1)) && [[ ! -s $work/out && $err == "$want_err" ]]; then
    passed=$((passed + 1))
  else
    echo "FAIL $name: status $status, stderr '$err', expected '$want_err'"
    failed=$((failed + 1))
  fi
}
printf '(module (func (export "f") (result i32) (i32.add (i32.const 1))))' >"$work/bad.wat"
check_error "validation error: function, offset, instruction, types" \
  "wasmrun: $work/bad.wat: func[0] (export \"f\") at offset 0x21: type mismatch in i32.add: instruction requires [i32 i32] but stack has [i32] (invalid)" \
  "$wasmrun" "$work/bad.wat"
check_error "inspect prints the same line" \
  "wasmrun: $work/bad.wat: func[0] (export \"f\") at offset 0x21: type mismatch in i32.add: instruction requires [i32 i32] but stack has [i32] (invalid)" \
  "$wasmrun" inspect "$work/bad.wat"
check_error "lazily validated: the same line when the function is called" \
  "wasmrun: $work/bad.wat: func[0] (export \"f\") at offset 0x21: type mismatch in i32.add: instruction requires [i32 i32] but stack has [i32] (invalid)" \
  "$wasmrun" --validate=lazy --invoke f "$work/bad.wat"
printf '\0asm\1\0\0\0\1\5' >"$work/truncated.wasm"
check_error "decode error: the offset" \
  "wasmrun: $work/truncated.wasm: offset 0x9: length out of bounds: section size 5, 0 bytes left (malformed)" \
  "$wasmrun" "$work/truncated.wasm"
printf '(module\n  (func\n    i32.bogus))' >"$work/syntax.wat"
check_error "text error: line:column" \
  "wasmrun: $work/syntax.wat:3:5: unknown operator i32.bogus (malformed)" "$wasmrun" "$work/syntax.wat"
check_error "--preload: the preloaded file's error" \
  "wasmrun: --preload lib=$work/syntax.wat:3:5: unknown operator i32.bogus (malformed)" \
  "$wasmrun" --preload "lib=$work/syntax.wat" --invoke fac "$fac" 5

# --- feature lists; the default is 3.0 ---
printf '(module (memory 1) (memory $m 1) (func (export "f") (result i32) (i32.store8 $m (i32.const 0) (i32.const 9)) (i32.load8_u $m (i32.const 0))))' >"$work/two-memories.wat"
check "default is 3.0: two memories" 0 9 "$wasmrun" --invoke f "$work/two-memories.wat"
check "--features=3.0,-simd keeps multi-memory" 0 9 "$wasmrun" --features=3.0,-simd --invoke f "$work/two-memories.wat"
check "--features=2.0,+multi-memory" 0 9 "$wasmrun" --features=2.0,+multi-memory --invoke f "$work/two-memories.wat"
check "--features=-multi-memory from the default" 1 "" "$wasmrun" --features=-multi-memory --invoke f "$work/two-memories.wat"
check "--features=2.0 is exactly 2.0" 1 "" "$wasmrun" --features=2.0 --invoke f "$work/two-memories.wat"
printf '(module (func (export "f") (result i32) (i32x4.extract_lane 0 (v128.const i32x4 7 0 0 0))))' >"$work/simd.wat"
check "simd on by default" 0 7 "$wasmrun" --invoke f "$work/simd.wat"
check_error "-simd: a text module's error names the feature" \
  "wasmrun: $work/simd.wat:1:42: unknown operator i32x4.extract_lane: needs feature simd, which is off (--features=+simd) (malformed)" \
  "$wasmrun" --features=-simd --invoke f "$work/simd.wat"
# The same function in binary: (v128.const i32x4 7 0 0 0) i32x4.extract_lane 0.
printf '\0asm\1\0\0\0\1\5\1\x60\0\1\x7f\3\2\1\0\7\5\1\1f\0\0\n\x19\1\x17\0\xfd\x0c\7\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\xfd\x1b\0\x0b' >"$work/simd.wasm"
check "simd binary on by default" 0 7 "$wasmrun" --invoke f "$work/simd.wasm"
check_error "-simd: a binary module's error names the feature" \
  "wasmrun: $work/simd.wasm: func[0] (export \"f\") at offset 0x1f: illegal opcode: needs feature simd, which is off (--features=+simd) (malformed)" \
  "$wasmrun" --features=2.0,-simd --invoke f "$work/simd.wasm"

# --- inspect (section sizes as wabt's wasm-objdump -h gives them; the
# offset is that of the section's id byte) ---
inspect_main="sections: 5
  type       id  1  at 0x00000008           6 bytes
  import     id  2  at 0x00000010          37 bytes
  function   id  3  at 0x00000037           2 bytes
  export     id  7  at 0x0000003b           7 bytes
  code       id 10  at 0x00000044          21 bytes
imports: 3
  func    \"lib\" \"double\": (i32) -> (i32)
  memory  \"lib\" \"mem\": 1.. pages
  global  \"lib\" \"base\": i32
exports: 1
  func    \"run\": func[1] (i32) -> (i32)
functions: 2 (1 imported, 1 defined, 18 bytes of code), types: 1
tables: 0 (0 imported)
memories: 1 (1 imported)
  memory[0] 1.. pages (imported)
globals: 1 (1 imported)
  global[0] i32 (imported)
element segments: 0, data segments: 0 (0 bytes)"
check "inspect: imports, exports, sections" 0 "$inspect_main" bash -c "\"$wasmrun\" inspect --features 2.0 \"$here/main.wat\" | tail -n +2"
check "inspect: tables and globals" 0 "tables: 1 (0 imported)
  table[0] funcref 2..
memories: 0 (0 imported)
globals: 1 (0 imported)
  global[0] mut i64" bash -c "\"$wasmrun\" inspect \"$here/traps.wat\" | sed -n '/^tables/,/^  global/p'"

# --- wast takes --features both ways ---
check "wast --features VALUE" 0 "2 passed, 0 failed, 0 skipped" bash -c "\"$wasmrun\" wast --features 2.0 \"$here/tiny.wast\" | tail -n 1"
check "wast --features=VALUE" 0 "2 passed, 0 failed, 0 skipped" bash -c "\"$wasmrun\" wast --features=2.0 \"$here/tiny.wast\" | tail -n 1"
printf '(assert_invalid\n  (module (func (result i32) (i32.add (i32.const 1))))\n  "unknown local")' >"$work/wrong.wast"
check "wast: a failure shows the error's location and detail" 0 \
  "$work/wrong.wast:1: failed: assert_invalid: got invalid \"func[0] at offset 0x1a: type mismatch in i32.add: instruction requires [i32 i32] but stack has [i32]\", expected \"unknown local\"" \
  bash -c "\"$wasmrun\" wast \"$work/wrong.wast\" | head -n 1"
# --- wast --pending: listed scripts' failures do not fail the run ---
mkdir -p "$work/suite/sub" "$work/suite/proposals/wide-arithmetic"
cp "$work/wrong.wast" "$work/suite/bad.wast"
cp "$work/wrong.wast" "$work/suite/sub/bad.wast"
cp "$here/tiny.wast" "$work/suite/good.wast"
printf '(module (func (export "w") (result i64 i64) (i64.add128 (i64.const -1) (i64.const 0) (i64.const 1) (i64.const 0))))\n(assert_return (invoke "w") (i64.const 0) (i64.const 1))\n' \
  >"$work/suite/proposals/wide-arithmetic/w.wast"
printf '# comment\nbad.wast   a reason\nsub/   a folder\ngood.wast  passes already\n' >"$work/pending.txt"
check "wast --pending: only unlisted failures count" 0 \
  "pending script passes now: good.wast (take it off $work/pending.txt)
pending ($work/pending.txt): 3 scripts, 2 failed; failed outside it: 0
4 passed, 2 failed, 0 skipped" bash -c "\"$wasmrun\" wast --pending \"$work/pending.txt\" \"$work/suite\" | tail -n 3"
check "wast --pending: a pending script's line says why" 0 "$work/suite/sub/bad.wast: 0 passed, 1 failed, 0 skipped (pending: a folder)" \
  bash -c "\"$wasmrun\" wast --pending=\"$work/pending.txt\" \"$work/suite\" | grep 'sub/bad.wast: '"
printf 'sub/bad.wast   only this one\n' >"$work/pending1.txt"
check "wast --pending: an unlisted failure fails the run" 0 \
  "pending ($work/pending1.txt): 1 scripts, 1 failed; failed outside it: 1
exit status 1" \
  bash -c "\"$wasmrun\" wast --pending \"$work/pending1.txt\" \"$work/suite\" | tail -n 2 | head -n 1; echo exit status \${PIPESTATUS[0]}"
printf 'bad.wast\n' >"$work/pending2.txt"
check "wast --pending: an entry without a reason is a usage error" 2 "" "$wasmrun" wast --pending "$work/pending2.txt" "$work/suite"
# --- wast: proposals/NAME/ scripts run with the feature NAME, unless --features is given ---
check "wast: a proposal's folder switches its feature on" 0 "2 passed, 0 failed, 0 skipped" \
  bash -c "\"$wasmrun\" wast \"$work/suite/proposals\" | tail -n 1"
check "wast: --features=3.0 is 3.0 alone" 0 "0 passed, 2 failed, 0 skipped
exit status 1" \
  bash -c "\"$wasmrun\" wast --features=3.0 \"$work/suite/proposals\" | tail -n 1; echo exit status \${PIPESTATUS[0]}"
check "wast: --features=all has the proposals" 0 "2 passed, 0 failed, 0 skipped" \
  bash -c "\"$wasmrun\" wast --features=all \"$work/suite/proposals\" | tail -n 1"
# --- wast runs `thread` blocks on host threads; `wait` joins them ---
check "wast: threads pass and are counted" 0 "14 passed, 0 failed, 0 skipped" \
  bash -c "\"$wasmrun\" wast --features=all \"$here/threads.wast\" | tail -n 1"
sed '34s/i32.const 42/i32.const 43/' "$here/threads.wast" >"$work/threads-wrong.wast"
check "wast: a failure inside a thread is reported at its line" 0 \
  "$work/threads-wrong.wast:34: failed: assert_return: \"run\": result 0 is i32:42, expected i32:43" \
  bash -c "\"$wasmrun\" wast --features=all \"$work/threads-wrong.wast\" | sed -n 1p"
cat >"$work/three.wast" <<'WAST'
(module definition $D (global $g (mut i32) (i32.const 1)) (func (export "inc") (result i32)
  (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g)))
(module instance $I1 $D)
(module instance $I2 $D)
(assert_return (invoke $I1 "inc") (i32.const 2))
(assert_return (invoke $I1 "inc") (either (i32.const 2) (i32.const 3)))
(assert_return (invoke $I2 "inc") (i32.const 2))
(module $N (func (export "n") (result externref) (ref.null extern)))
(assert_return (invoke "n") (ref.null))
(assert_return (invoke "n") (ref.null noextern))
(thread $T (shared (module $N)) (assert_return (invoke $N "n") (ref.null extern)))
(wait $T)
WAST
check "wast: 3.0 commands; a thread sees the modules it shares" 0 "12 passed, 0 failed, 0 skipped" \
  bash -c "\"$wasmrun\" wast \"$work/three.wast\" | tail -n 1"
cat >"$work/either.wast" <<'WAST'
(module (func (export "id") (param i32) (result i32) (local.get 0)))
(assert_return (invoke "id" (i32.const 1)) (either (i32.const 1) (i32.const 2)))
(assert_return (invoke "id" (i32.const 2)) (either (i32.const 1) (i32.const 2)))
(assert_return (invoke "id" (i32.const 3)) (either (i32.const 1) (i32.const 2)))
WAST
check "wast: (either ...) accepts any one of its results" 0 \
  "$work/either.wast:4: failed: assert_return: \"id\": result 0 is i32:3, expected (either i32:1 i32:2)
$work/either.wast: 3 passed, 1 failed, 0 skipped" \
  bash -c "\"$wasmrun\" wast \"$work/either.wast\" | head -n 2"

# --- limits: each stops a runaway guest with its own trap ---
cat >"$work/spin.wat" <<'WAT'
(module
  (memory 1)
  (func (export "_start") (loop $l (br $l)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func $deep (export "deep") (call $deep)))
WAT
check "--timeout stops a loop" 134 "" "$wasmrun" --timeout 200ms "$work/spin.wat"
check "--timeout message" 0 "wasmrun: trap in '_start': interrupted: the --timeout of 0.2s expired" \
  bash -c "\"$wasmrun\" --timeout=0.2s \"$work/spin.wat\" 2>&1 | head -n 1; true"
check "--fuel stops a loop" 0 "wasmrun: trap in '_start': all fuel consumed" \
  bash -c "\"$wasmrun\" --fuel 100000 \"$work/spin.wat\" 2>&1 | head -n 1; true"
cat >"$work/throw.wat" <<'WAT'
(module
  (tag $e (param i32))
  (func (export "_start") (throw $e (i32.const 3))))
WAT
check "an uncaught exception exits as a trap" 134 "" "$wasmrun" "$work/throw.wat"
check "an uncaught exception's message" 0 "wasmrun: uncaught exception in '_start': tag with payload (i32:3)" \
  bash -c "\"$wasmrun\" \"$work/throw.wat\" 2>&1; true"
check "--fuel leaves a short call alone" 0 120 "$wasmrun" --fuel=0x10000 --invoke fac "$fac" 5
check "--max-memory: grow past the cap fails" 0 -1 "$wasmrun" --max-memory 128K --invoke grow "$work/spin.wat" 2
check "--max-memory: grow within the cap" 0 1 "$wasmrun" --max-memory=1M --invoke grow "$work/spin.wat" 2
check "--max-stack: recursion traps" 134 "" "$wasmrun" --max-stack 64K --invoke deep "$work/spin.wat"
check "--fuel not a count" 2 "" "$wasmrun" --fuel 1e6 "$work/spin.wat"
check "--timeout not a duration" 2 "" "$wasmrun" --timeout soon "$work/spin.wat"
check "--max-memory not a size" 2 "" "$wasmrun" --max-memory 1T "$work/spin.wat"

# --- help and version ---
check "--help lists --preload" 0 "  --preload NAME=PATH  instantiate the module at PATH first and let FILE" \
  bash -c "\"$wasmrun\" --help | grep -- '--preload NAME'"
version=$(sed -n 's/^project(wasmrun VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
check "--version" 0 "wasmrun $version" "$wasmrun" --version

# --- bash completion ---
complete_words() {  # WORDS...: what the completion offers for the last word
  bash -c 'shopt -s extglob; source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _wasmrun;
           printf "%s\n" "${COMPREPLY[@]}"' _ "$root/tools/wasmrun.bash-completion" "$@"
}
check "completion: options" 0 "--invoke" complete_words wasmrun --inv
check "completion: subcommands" 0 "inspect" complete_words wasmrun ins
check "completion: feature sets" 0 "2.0
3.0
all" complete_words wasmrun --features ""
check "completion: feature names" 0 "3.0,-tail-call" complete_words wasmrun --features "3.0,-tai"
check "completion: feature names without a profile" 0 "+memory64" complete_words wasmrun --features "+memory6"
check "completion: every feature name of features.h" 0 "$(sed -n 's/^ *X([a-z0-9_]*, "\([^"]*\)").*/\1/p' "$root/include/wasmrun/features.h" | sed 's/^/+/')" \
  complete_words wasmrun --features "+"
check "completion: module files" 0 "$root/examples/fac.wat" complete_words wasmrun run "$root/examples/fa"

echo "$passed passed, $failed failed"
((failed == 0))
