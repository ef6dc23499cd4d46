#!/usr/bin/env bash
# Big-endian check: cross-builds wasmrun and its unit tests for s390x with
# Debian's g++-s390x-linux-gnu and runs them under qemu-s390x; with a suite
# folder, also the spec tests there.
#
#   tools/s390x.sh [SPEC_SUITE_DIR]      BUILD_DIR default build-s390x
#
# Needs: apt-get install g++-s390x-linux-gnu qemu-user. fmt is used header
# only (FMT_HEADER_ONLY) and Catch2 is header only, so no s390x libraries
# are needed: the script points CMake at their headers through a folder of
# its own, never at /usr/include (the host's C library headers).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-s390x}
cxx=${CXX_S390X:-s390x-linux-gnu-g++}
sysroot=${S390X_SYSROOT:-/usr/s390x-linux-gnu}
for tool in "$cxx" qemu-s390x; do
  command -v "$tool" >/dev/null || { echo "$0: needs $tool (apt-get install g++-s390x-linux-gnu qemu-user)" >&2; exit 1; }
done

cross=$build/cross
mkdir -p "$cross/include" "$cross/fmt" "$cross/Catch2"
ln -sfn /usr/include/fmt "$cross/include/fmt"
ln -sfn /usr/include/catch2 "$cross/include/catch2"
cat >"$cross/fmt/fmt-config.cmake" <<CFG
add_library(fmt::fmt INTERFACE IMPORTED)
set_target_properties(fmt::fmt PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "$cross/include"
                      INTERFACE_COMPILE_DEFINITIONS FMT_HEADER_ONLY=1)
CFG
cat >"$cross/Catch2/Catch2Config.cmake" <<CFG
add_library(Catch2::Catch2 INTERFACE IMPORTED)
set_target_properties(Catch2::Catch2 PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "$cross/include")
CFG
cat >"$cross/Catch2/Catch2ConfigVersion.cmake" <<'CFG'
set(PACKAGE_VERSION 2.13.10)
set(PACKAGE_VERSION_COMPATIBLE TRUE)
CFG

cmake -S "$root" -B "$build" -DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR=s390x \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release -Dfmt_DIR="$cross/fmt" -DCatch2_DIR="$cross/Catch2" \
  >/dev/null
# The CLI first: the spec tests need only it.
cmake --build "$build" -j"${JOBS:-2}" --target wasmrun
cmake --build "$build" -j"${JOBS:-2}" --target wasmrun_tests

export QEMU_LD_PREFIX=$sysroot
status=0
echo "== s390x: unit tests (qemu-s390x)"
qemu-s390x "$build/tests/wasmrun_tests" || status=1
if [[ -n ${1:-} ]]; then
  echo "== s390x: spec tests in $1 (qemu-s390x)"
  qemu-s390x "$build/tools/wasmrun" wast --features=2.0 "$1" || status=1
fi
exit $status
