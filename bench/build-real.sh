#!/usr/bin/env bash
# Build the real programs into bench/out/ (NAME.wasm: clang-14
# --target=wasm32-wasi -O3 -mbulk-memory; NAME.native: gcc -O2), fetching
# their sources at build time into a cache outside git:
#   sqlite   SQLite's amalgamation as the npm package better-sqlite3 ships it
#            (deps/sqlite3/), with our driver src/real/sqlite_bench.c
#   lz4      the LZ4 library as the npm package lz4 ships it (deps/lz4/lib/),
#            with src/real/lz4_bench.c
#   quickjs  QuickJS from Debian's source package quickjs (Debian 13), with
#            src/real/quickjs_main.c running src/real/workload.js
#   sha256, raytrace   written here (src/real/)
#   rust-mix Rust crates from Debian's librust-*-dev packages (serde_json,
#            regex, miniz_oxide, sha2), with the driver src/real/rust-mix/,
#            built offline with Debian's rustc/cargo (libstd-rust-dev-wasm32)
#   go-mix   Go's standard library with the driver src/real/go-mix/main.go,
#            built with Go from Debian's bookworm-backports (GOOS=wasip1
#            needs Go >= 1.21), fetched as .debs and unpacked into the cache
#
#   bench/build-real.sh [NAME...]      (default: all)
#
# The cache is $BENCH_CACHE, else bench/out/sources (gitignored); a source
# already in the cache is not fetched again. A program whose source cannot
# be had is reported and skipped; the exit status is 1 if any was skipped.
# Needs what build.sh needs, plus npm (sqlite, lz4) and dpkg-source (quickjs,
# Debian's dpkg-dev); rust-mix needs the Debian packages in RUST_DEBS (as
# root they are installed with apt-get), go-mix only apt-get and dpkg-deb.
set -euo pipefail
cd "$(dirname "$0")"
OUT=out
SRC=src/real
CACHE=$(realpath -m "${BENCH_CACHE:-out/sources}")
mkdir -p "$OUT" "$CACHE"

CLANG=${CLANG:-clang-14}
CC_NATIVE=${CC_NATIVE:-gcc}
# bulk memory (memory.copy/fill, which newer clang releases emit by default)
# so memcpy/memset in these libraries are single instructions, not
# wasi-libc's byte loops; a 1 MiB shadow stack for their deeper call chains.
WASM_FLAGS=(--target=wasm32-wasi -O3 -mbulk-memory -Wl,-z,stack-size=1048576)
[ -d /usr/share/wasi-sysroot ] && WASM_FLAGS+=(--sysroot=/usr/share/wasi-sysroot)
NATIVE_FLAGS=(-O2)

SQLITE_NPM=better-sqlite3@12.11.1
LZ4_NPM=lz4@0.6.5
QUICKJS_DEB=quickjs
QUICKJS_SUITE=trixie
RUST_DEBS=(rustc cargo libstd-rust-dev-wasm32 librust-serde-dev librust-serde-derive-dev
           librust-serde-json-dev librust-regex-dev librust-miniz-oxide-dev librust-sha2-dev)
GO_VERSION=1.23
GO_SUITE=bookworm-backports

# npm_source SPEC: unpack an npm package's tarball into $CACHE/SPEC; prints the dir.
npm_source() {
  local dir="$CACHE/npm/$1"
  if [ ! -e "$dir/.done" ]; then
    command -v npm >/dev/null || { echo "build-real.sh: npm not found" >&2; return 1; }
    rm -rf "$dir" && mkdir -p "$dir"
    local tgz
    tgz=$(cd "$dir" && npm pack --silent "$1" 2>/dev/null | tail -1) || return 1
    [ -n "$tgz" ] && [ -e "$dir/$tgz" ] || return 1
    tar -xzf "$dir/$tgz" -C "$dir" && rm "$dir/$tgz" && touch "$dir/.done"
  fi
  echo "$dir/package"
}

# deb_source NAME SUITE: Debian's source package NAME from SUITE, unpacked
# with its patches into $CACHE/deb/NAME; prints the dir. Uses apt with its
# own state under the cache (a deb-src list for SUITE, the archive address
# taken from this machine's apt sources), so the system's apt setup is not
# changed.
deb_source() {
  local name=$1 suite=$2 root="$CACHE/deb"
  if [ ! -e "$root/$name/.done" ]; then
    command -v dpkg-source >/dev/null || { echo "build-real.sh: dpkg-source not found (apt-get install dpkg-dev)" >&2; return 1; }
    local uri
    uri=$(apt-get indextargets --format '$(REPO_URI) $(LABEL)' 2>/dev/null | awk '$2 == "Debian" { print $1; exit }')
    [ -n "$uri" ] || { echo "build-real.sh: no Debian archive in this machine's apt sources" >&2; return 1; }
    mkdir -p "$root/apt/lists/partial" "$root/apt/cache/archives/partial" "$root/dl"
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $suite main" >"$root/apt/sources.list"
    local opts=(-o "Dir::Etc::SourceList=$root/apt/sources.list" -o Dir::Etc::SourceParts=/nonexistent
                -o "Dir::State::Lists=$root/apt/lists" -o "Dir::Cache=$root/apt/cache"
                -o APT::Sandbox::User=root)
    apt-get "${opts[@]}" -qq update >&2 || return 1
    rm -rf "${root:?}/$name" "$root/dl"/*
    (cd "$root/dl" && apt-get "${opts[@]}" -qq source --download-only "$name" >&2) || return 1
    # dpkg-source warns that it cannot check the .dsc's signature (no
    # Debian keyring for it here); apt already checked every file's hash
    # against the archive's signed index.
    dpkg-source -x "$root/dl"/"$name"_*.dsc "$root/$name" >/dev/null || return 1
    touch "$root/$name/.done"
  fi
  echo "$root/$name"
}

# apt_own_state DIR LISTLINE: apt-get options for apt with its own state under
# DIR and the one sources.list line LISTLINE (a format string: %s is the
# archive address, taken from this machine's apt sources), so the system's
# apt setup is not changed; sets the array apt_opts.
apt_own_state() {
  local root=$1 uri
  uri=$(apt-get indextargets --format '$(REPO_URI) $(LABEL)' 2>/dev/null | awk '$2 == "Debian" { print $1; exit }')
  [ -n "$uri" ] || { echo "build-real.sh: no Debian archive in this machine's apt sources" >&2; return 1; }
  mkdir -p "$root/apt/lists/partial" "$root/apt/cache/archives/partial"
  # shellcheck disable=SC2059
  printf "$2\n" "$uri" >"$root/apt/sources.list"
  apt_opts=(-o "Dir::Etc::SourceList=$root/apt/sources.list" -o Dir::Etc::SourceParts=/nonexistent
            -o "Dir::State::Lists=$root/apt/lists" -o "Dir::Cache=$root/apt/cache"
            -o APT::Sandbox::User=root)
  apt-get "${apt_opts[@]}" -qq update >&2
}

# deb_unpack DIR SUITE PKG...: Debian's binary packages PKG from SUITE,
# downloaded with apt's own state (as above) and unpacked with dpkg-deb -x
# into DIR/root (not installed); prints DIR/root.
deb_unpack() {
  local dir=$1 suite=$2
  shift 2
  if [ ! -e "$dir/.done" ]; then
    command -v dpkg-deb >/dev/null || { echo "build-real.sh: dpkg-deb not found" >&2; return 1; }
    rm -rf "$dir" && mkdir -p "$dir/dl"
    apt_own_state "$dir" "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s $suite main" || return 1
    (cd "$dir/dl" && apt-get "${apt_opts[@]}" -qq download "$@" >&2) || return 1
    local d
    for d in "$dir/dl"/*.deb; do dpkg-deb -x "$d" "$dir/root" || return 1; done
    rm -rf "$dir/dl" && touch "$dir/.done"
  fi
  echo "$dir/root"
}

# need_debs PKG...: install the Debian packages that are missing (as root
# with apt-get; otherwise say what to install and fail).
need_debs() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "build-real.sh: installing ${missing[*]}" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "build-real.sh: missing packages; install them with: sudo apt-get install ${missing[*]}" >&2
    return 1
  fi
}

# build NAME "CFLAGS" "WASM-ONLY CFLAGS" SOURCES...
build() {
  local name=$1 both=$2 wasm_only=$3
  shift 3
  # shellcheck disable=SC2086
  "$CLANG" "${WASM_FLAGS[@]}" $both $wasm_only -o "$OUT/$name.wasm" "$@" -lm
  # shellcheck disable=SC2086
  "$CC_NATIVE" "${NATIVE_FLAGS[@]}" $both -o "$OUT/$name.native" "$@" -lm
  echo "built $name"
}

skipped=()

build_sqlite() {
  local pkg
  pkg=$(npm_source "$SQLITE_NPM") || { skipped+=("sqlite (npm pack $SQLITE_NPM failed)"); return; }
  local s="$pkg/deps/sqlite3"
  [ -e "$s/sqlite3.c" ] || { skipped+=("sqlite (no deps/sqlite3/sqlite3.c in $SQLITE_NPM)"); return; }
  # SQLITE_OS_OTHER: no OS layer, the driver's VFS only (WASI has no file
  # locking); single-threaded; temporary storage in memory.
  build sqlite "-I$s -DSQLITE_OS_OTHER=1 -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION \
    -DSQLITE_TEMP_STORE=3 -DSQLITE_DEFAULT_MEMSTATUS=0 -DSQLITE_OMIT_WAL -DSQLITE_OMIT_SHARED_CACHE" "" \
    "$SRC/sqlite_bench.c" "$s/sqlite3.c"
}

build_lz4() {
  local pkg
  pkg=$(npm_source "$LZ4_NPM") || { skipped+=("lz4 (npm pack $LZ4_NPM failed)"); return; }
  local l="$pkg/deps/lz4/lib"
  [ -e "$l/lz4hc.c" ] || { skipped+=("lz4 (no deps/lz4/lib in $LZ4_NPM)"); return; }
  build lz4 "-I$l" "" "$SRC/lz4_bench.c" "$l/lz4.c" "$l/lz4hc.c"
}

build_quickjs() {
  local q
  q=$(deb_source "$QUICKJS_DEB" "$QUICKJS_SUITE") || { skipped+=("quickjs (Debian source package $QUICKJS_DEB from $QUICKJS_SUITE not available)"); return; }
  [ -e "$q/quickjs.c" ] && [ -e "$q/dtoa.c" ] || { skipped+=("quickjs (unexpected layout in $q)"); return; }
  local gen="$OUT/gen"
  mkdir -p "$gen"
  # the workload as a C string (it is ASCII; JSON's escapes are C's)
  python3 - "$SRC/workload.js" "$gen/workload_js.h" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="ascii").read()
open(sys.argv[2], "w").write("static const char workload_js[] = %s;\n" % json.dumps(text))
PY
  # wasi-shim/: pthread.h and setjmp.h stand-ins for the wasm build only
  build quickjs "-fwrapv -D_GNU_SOURCE -DCONFIG_VERSION=\"$(cat "$q/VERSION")\" -I$q -I$gen -w" \
    "-I$SRC/wasi-shim" \
    "$SRC/quickjs_main.c" "$q/quickjs.c" "$q/libregexp.c" "$q/libunicode.c" "$q/cutils.c" "$q/dtoa.c"
}

# rust-mix: a copy of src/real/rust-mix/ in out/rust-mix.build/ (where cargo
# writes Cargo.lock and target/), built offline against the crates that
# Debian's librust-*-dev packages put in /usr/share/cargo/registry, with
# Debian's /usr/bin/cargo and /usr/bin/rustc (a rustup toolchain earlier on
# PATH has no wasm32-wasi std). The wasm build gets +bulk-memory, like the
# C programs' -mbulk-memory (Rust's prebuilt std is as Debian built it).
build_rust_mix() {
  need_debs "${RUST_DEBS[@]}" || { skipped+=("rust-mix (missing Debian packages: ${RUST_DEBS[*]})"); return; }
  local w
  w=$(realpath -m "$OUT/rust-mix.build")
  mkdir -p "$w/src" "$w/cargo-home"
  cp -p "$SRC/rust-mix/Cargo.toml" "$w/" && cp -p "$SRC/rust-mix/src/main.rs" "$w/src/"
  cat >"$w/cargo-home/config.toml" <<'TOML'
[source.crates-io]
replace-with = "debian"
[source.debian]
directory = "/usr/share/cargo/registry"
TOML
  local env=(env -u RUSTFLAGS -u CARGO_BUILD_TARGET CARGO_HOME="$w/cargo-home" RUSTC=/usr/bin/rustc
             CARGO_TARGET_DIR="$w/target")
  (cd "$w" && "${env[@]}" RUSTFLAGS="-C target-feature=+bulk-memory" \
      /usr/bin/cargo build -q --offline --release --target wasm32-wasi) \
    || { skipped+=("rust-mix (cargo build --target wasm32-wasi failed)"); return; }
  (cd "$w" && "${env[@]}" /usr/bin/cargo build -q --offline --release) \
    || { skipped+=("rust-mix (native cargo build failed)"); return; }
  cp "$w/target/wasm32-wasi/release/rust-mix.wasm" "$OUT/rust-mix.wasm"
  cp "$w/target/release/rust-mix" "$OUT/rust-mix.native"
  echo "built rust-mix"
}

# go-mix: Go $GO_VERSION from $GO_SUITE (golang-$GO_VERSION-go and -src,
# unpacked into the cache, not installed), its caches under out/, no
# network (GOPROXY=off, GOTOOLCHAIN=local). The native build uses the tags
# purego and math_big_pure_go: crypto/sha256 and math/big in portable Go,
# as on wasm, not amd64 assembly.
build_go_mix() {
  local r
  r=$(deb_unpack "$CACHE/deb/golang-$GO_VERSION" "$GO_SUITE" "golang-$GO_VERSION-go" "golang-$GO_VERSION-src") \
    || { skipped+=("go-mix (golang-$GO_VERSION-go from $GO_SUITE not available)"); return; }
  local goroot="$r/usr/lib/go-$GO_VERSION" w
  [ -x "$goroot/bin/go" ] || { skipped+=("go-mix (no bin/go in $goroot)"); return; }
  w=$(realpath -m "$OUT/go-mix.build")
  mkdir -p "$w"
  local env=(env -u GOFLAGS -u GOOS -u GOARCH -u GOPATH -u GOWASM GOROOT="$goroot" GOCACHE="$w/cache"
             GOPATH="$w/path" GOTOOLCHAIN=local GOPROXY=off GOTELEMETRY=off GO111MODULE=on)
  (cd "$SRC/go-mix" && "${env[@]}" GOOS=wasip1 GOARCH=wasm "$goroot/bin/go" build -trimpath \
      -o "$w/go-mix.wasm" main.go) || { skipped+=("go-mix (GOOS=wasip1 build failed)"); return; }
  (cd "$SRC/go-mix" && "${env[@]}" "$goroot/bin/go" build -trimpath -tags purego,math_big_pure_go \
      -o "$w/go-mix.native" main.go) || { skipped+=("go-mix (native build failed)"); return; }
  cp "$w/go-mix.wasm" "$OUT/go-mix.wasm" && cp "$w/go-mix.native" "$OUT/go-mix.native"
  echo "built go-mix"
}

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(sqlite lz4 quickjs sha256 raytrace rust-mix go-mix)
for p in "${want[@]}"; do
  case $p in
    sqlite) build_sqlite ;;
    lz4) build_lz4 ;;
    quickjs) build_quickjs ;;
    sha256) build sha256 "" "" "$SRC/sha256.c" ;;
    raytrace) build raytrace "" "" "$SRC/raytrace.c" ;;
    rust-mix) build_rust_mix ;;
    go-mix) build_go_mix ;;
    *) echo "build-real.sh: unknown program $p (have: sqlite lz4 quickjs sha256 raytrace rust-mix go-mix)" >&2; exit 2 ;;
  esac
done
if [ ${#skipped[@]} -gt 0 ]; then
  printf 'build-real.sh: skipped %s\n' "${skipped[@]}" >&2
  exit 1
fi
