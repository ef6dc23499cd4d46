#!/usr/bin/env bash
# The WASI end-to-end suite: compiles each C program here for wasm32-wasi
# with clang-14 and wasi-libc, runs it under wasmrun in a fresh sandbox,
# and compares stdout and the exit status with NAME.expected/NAME.status.
#
#   tests/wasi/run.sh WASMRUN WORKDIR          run under wasmrun
#   tests/wasi/run.sh --node WORKDIR           run under node's WASI, to
#                                              check the expectations
#
# Per test NAME.c (or NAME.wat, run as it is), optional files:
#   NAME.args     the program's arguments, one a line
#   NAME.options  wasmrun options, one a line
#   NAME.stdin    its standard input (default: empty)
#   NAME.status   the expected exit status (default 0)
#   NAME.model    `reactor` to build with -mexec-model=reactor
#   NAME.filter   a command stdout is piped through (e.g. `head -n 2`)
#   NAME.nonode   skipped under node; says where node's WASI differs
# Every run gets /sandbox (host folder sandbox/, holding hello.txt, sub/ and
# symlinks that point out) and a sibling outside/ that must come out
# untouched.
# Ends with the line `wasi: N passed, N failed`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
runner=$(realpath "$1")  # the runs happen in their own folders
work=$2
mkdir -p "$work"
work=$(cd "$work" && pwd)
cc=${WASI_CC:-clang-14}
sysroot=${WASI_SYSROOT:-}
if [[ -z $sysroot ]]; then
  # Debian's wasi-libc installs into /usr; wasi-sdk into share/wasi-sysroot.
  for s in /usr/share/wasi-sysroot /usr; do
    if [[ -e $s/lib/wasm32-wasi/crt1-command.o || -e $s/lib/wasm32-wasi/crt1.o ]]; then sysroot=$s; break; fi
  done
fi
if ! command -v "$cc" >/dev/null || [[ -z $sysroot ]]; then
  echo "wasi tests: need $cc and wasi-libc (tools/install-deps.sh installs them)" >&2
  echo "wasi: 0 passed, 1 failed"
  exit 1
fi

passed=0
failed=0
fail() {
  echo "FAIL $1: $2"
  failed=$((failed + 1))
}

for src in "$here"/*.c "$here"/*.wat; do
  name=$(basename "$src")
  name=${name%.*}
  model=command
  [[ -f $here/$name.model ]] && model=$(<"$here/$name.model")
  if [[ $runner == --node && ( -f $here/$name.nonode || $model == reactor || $src == *.wat ) ]]; then continue; fi
  wasm=$work/$name.wasm
  if [[ $src == *.wat ]]; then
    wasm=$src  # wasmrun reads the text format itself
  elif [[ ! -f $wasm || $src -nt $wasm || $here/common.h -nt $wasm ]]; then
    if ! "$cc" --target=wasm32-wasi --sysroot="$sysroot" -O2 -mexec-model="$model" -o "$wasm" "$src" 2>"$work/$name.cc.log"; then
      fail "$name" "does not compile: $(head -5 "$work/$name.cc.log")"
      continue
    fi
  fi
  run=$work/$name.run
  rm -rf "$run"
  mkdir -p "$run/sandbox/sub" "$run/outside"
  echo "Hello, sandbox!" >"$run/sandbox/hello.txt"
  echo "secret" >"$run/outside/secret.txt"
  ln -s .. "$run/sandbox/link_up"
  ln -s /etc "$run/sandbox/link_abs"
  ln -s chain2 "$run/sandbox/chain1"
  ln -s sub/../../outside "$run/sandbox/chain2"

  opts=()
  args=()
  [[ -f $here/$name.options ]] && mapfile -t opts <"$here/$name.options"
  [[ -f $here/$name.args ]] && mapfile -t args <"$here/$name.args"
  stdin=/dev/null
  [[ -f $here/$name.stdin ]] && stdin=$here/$name.stdin
  common=(--dir sandbox::/sandbox --env "FOO=bar baz" --env EMPTY=)
  # stdin through a pipe, as from a shell pipeline: not seekable.
  # NAME.filter: a command stdout goes through (e.g. `head -n 2`, to close
  # the pipe early); the status is still the runner's.
  filter=cat
  [[ -f $here/$name.filter ]] && filter=$(<"$here/$name.filter")
  if [[ $runner == --node ]]; then
    cmd=(node --no-warnings "$here/node_wasi.mjs" "${common[@]}" "$wasm" "${args[@]}")
  else
    cmd=("$runner" "${common[@]}" "${opts[@]}" "$wasm" "${args[@]}")
  fi
  status=$(cd "$run" && cat "$stdin" | { timeout 60 "${cmd[@]}" 2>err; echo $? >status; } | $filter >out; cat status)
  want_status=0
  [[ -f $here/$name.status ]] && want_status=$(<"$here/$name.status")
  if ! diff -u "$here/$name.expected" "$run/out" >"$run/diff"; then
    fail "$name" "stdout differs (status $status):"
    head -40 "$run/diff"
    head -5 "$run/err"
  elif [[ $status != "$want_status" ]]; then
    fail "$name" "exit status $status, expected $want_status; stderr: $(head -3 "$run/err")"
  elif [[ $(cd "$run/outside" && ls -A) != secret.txt || $(<"$run/outside/secret.txt") != secret ]]; then
    fail "$name" "the folder outside the sandbox changed: $(ls -A "$run/outside")"
  else
    echo "ok   $name"
    passed=$((passed + 1))
  fi
done
echo "wasi: $passed passed, $failed failed"
[[ $failed == 0 ]]
