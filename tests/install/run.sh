#!/usr/bin/env bash
# Installing wasmrun and using the installed package from outside:
#
#   1. configures and builds wasmrun (static libraries, then shared ones),
#      installs each to a fresh prefix and checks the installed files;
#   2. builds tests/install/consumer/ (a C++ program on wasmrun::wasmrun and
#      wasmrun::wasi, a C program on wasmrun::c_api) with
#      find_package(wasmrun CONFIG REQUIRED), and runs both;
#   3. builds the same two programs by hand from pkg-config's flags, and
#      runs them;
#   4. configures a parent project that adds wasmrun with add_subdirectory
#      and checks that it keeps the parent's (empty) build type and builds
#      no tests and no -Werror.
#
#   tests/install/run.sh [WORK_DIR]     (default: a temporary folder)
#   WASMRUN_INSTALL_TEST_SHARED=0       skips the shared-library build
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
consumer=$root/tests/install/consumer
module=$root/examples/fac.wat
jobs=${JOBS:-2}
failures=0

fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}

# expect_output WHAT EXPECTED COMMAND...: runs COMMAND, compares stdout.
expect_output() {
  local what=$1 expected=$2 out
  shift 2
  if ! out=$("$@" 2>&1); then
    fail "$what: exit status $?: $out"
  elif [[ $out != "$expected" ]]; then
    fail "$what: got '$out', expected '$expected'"
  else
    echo "ok   $what"
  fi
}

version=$(sed -n 's/^project(wasmrun VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
cpp_expected="wasmrun $version: fac(20) = 2432902008176640000
wrong signature refused: function 'fac' has another type than the one asked for"
c_expected="c api: add(40, 2) = 42"

check_prefix() {  # PREFIX KIND
  local prefix=$1 kind=$2 f
  for f in bin/wasmrun include/wasmrun/wasmrun.h include/wasmrun/memory_view.h include/wasmrun/version.h \
           include/wasmrun/c-api/wasm.h lib/cmake/wasmrun/wasmrunConfig.cmake \
           lib/cmake/wasmrun/wasmrunConfigVersion.cmake lib/pkgconfig/wasmrun.pc lib/pkgconfig/wasmrun-c-api.pc \
           share/man/man1/wasmrun.1 share/bash-completion/completions/wasmrun; do
    [[ -f $prefix/$f ]] || fail "$kind: $f not installed"
  done
  local ext=a
  [[ $kind == shared ]] && ext=so
  for f in wasmrun_memory wasmrun_loader wasmrun_interp wasmrun_wasi wasmrun_c_api; do
    [[ -f $prefix/lib/lib$f.$ext ]] || fail "$kind: lib/lib$f.$ext not installed"
  done
  # The public headers stand alone: nothing from the source tree.
  if grep -rn '#include "\(memory\|interp\|loader\|wasi\|tools\)/' "$prefix/include"; then
    fail "$kind: an installed header includes an internal one"
  fi
  # Each public header compiles on its own, from the prefix alone.
  local h
  for h in "$prefix"/include/wasmrun/*.h; do
    echo "#include <wasmrun/$(basename "$h")>" |
      c++ -std=c++20 -fsyntax-only -x c++ -I"$prefix/include" - 2>"$work/header.log" ||
      fail "$kind: wasmrun/$(basename "$h") does not compile alone: $(head -n 1 "$work/header.log")"
  done
  echo '#include "wasm.h"' | cc -std=c11 -fsyntax-only -x c -I"$prefix/include/wasmrun/c-api" - 2>"$work/header.log" ||
    fail "$kind: wasm.h does not compile alone in C: $(head -n 1 "$work/header.log")"
  expect_output "$kind: installed wasmrun --version" "wasmrun $version" "$prefix/bin/wasmrun" --version
  expect_output "$kind: installed wasmrun runs a module" "2432902008176640000" \
    "$prefix/bin/wasmrun" --invoke fac "$module" 20
}

for kind in static shared; do
  if [[ $kind == shared && ${WASMRUN_INSTALL_TEST_SHARED:-1} == 0 ]]; then
    echo "skip shared: WASMRUN_INSTALL_TEST_SHARED=0"
    continue
  fi
  shared=OFF
  [[ $kind == shared ]] && shared=ON
  build=$work/$kind/build prefix=$work/$kind/prefix
  rm -rf "$work/$kind"
  echo "== $kind: build and install wasmrun"
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=$shared \
    -DWASMRUN_BUILD_TESTS=OFF >"$work/$kind.configure.log"
  cmake --build "$build" -j"$jobs" >"$work/$kind.build.log"
  cmake --install "$build" --prefix "$prefix" >"$work/$kind.install.log"
  check_prefix "$prefix" "$kind"

  echo "== $kind: consumer with find_package(wasmrun CONFIG REQUIRED)"
  cbuild=$work/$kind/consumer-cmake
  if cmake -S "$consumer" -B "$cbuild" -DCMAKE_PREFIX_PATH="$prefix" >"$work/$kind.consumer.log" 2>&1 &&
     cmake --build "$cbuild" -j"$jobs" >>"$work/$kind.consumer.log" 2>&1; then
    expect_output "$kind: cmake consumer (C++ API)" "$cpp_expected" "$cbuild/consumer" "$module"
    expect_output "$kind: cmake consumer (C API)" "$c_expected" "$cbuild/consumer_c"
  else
    fail "$kind: the consumer does not build with CMake (see $work/$kind.consumer.log)"
  fi

  echo "== $kind: consumer with pkg-config"
  pbuild=$work/$kind/consumer-pkgconfig
  mkdir -p "$pbuild"
  export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
  if c++ -std=c++20 -o "$pbuild/consumer" "$consumer/consumer.cpp" $(pkg-config --cflags --libs wasmrun) &&
     cc -o "$pbuild/consumer_c" "$consumer/consumer_c.c" $(pkg-config --cflags --libs wasmrun-c-api); then
    if [[ $kind == shared ]]; then
      # Shared libraries outside the loader's path: as a user would, say where.
      export LD_LIBRARY_PATH=$prefix/lib
    fi
    expect_output "$kind: pkg-config consumer (C++ API)" "$cpp_expected" "$pbuild/consumer" "$module"
    expect_output "$kind: pkg-config consumer (C API)" "$c_expected" "$pbuild/consumer_c"
    unset LD_LIBRARY_PATH
  else
    fail "$kind: the consumer does not build with pkg-config"
  fi
  unset PKG_CONFIG_PATH
done

echo "== add_subdirectory: a parent project's settings win"
parent=$work/parent
rm -rf "$parent"
mkdir -p "$parent/src"
cat >"$parent/src/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.20)
project(parent LANGUAGES CXX)
add_subdirectory("$root" wasmrun)
EOF
if cmake -S "$parent/src" -B "$parent/build" >"$work/parent.log" 2>&1; then
  cache=$parent/build/CMakeCache.txt
  grep -q '^CMAKE_BUILD_TYPE:STRING=$' "$cache" || fail "add_subdirectory: the parent's build type was changed"
  grep -q '^WASMRUN_BUILD_TESTS:BOOL=OFF$' "$cache" || fail "add_subdirectory: tests are on"
  grep -q '^WASMRUN_WERROR:BOOL=OFF$' "$cache" || fail "add_subdirectory: -Werror is on"
  grep -q '^WASMRUN_INSTALL:BOOL=OFF$' "$cache" || fail "add_subdirectory: install rules are on"
  [[ ! -d $parent/build/wasmrun/tests ]] || fail "add_subdirectory: the tests folder was added"
  echo "ok   add_subdirectory: build type kept, no tests, no -Werror, no install rules"
else
  fail "add_subdirectory: configure failed (see $work/parent.log)"
fi

if ((failures)); then
  echo "install test: $failures failure(s)"
  exit 1
fi
echo "install test: all passed"
