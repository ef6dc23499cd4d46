// A throwaway sandbox for the WASI unit tests: a temporary folder holding
// the preopened directory `root/` and a sibling `outside/` that no guest
// path may reach, plus a fake guest memory.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "wasi/ops.h"
#include "wasmrun/wasi.h"

namespace wasi_test {

namespace fs = std::filesystem;
using namespace wasmrun::wasi;

inline void write_file(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

struct Sandbox {
  fs::path top, root, outside;
  Sandbox() {
    std::string tmpl = (fs::temp_directory_path() / "wasmrun-wasi-XXXXXX").string();
    top = mkdtemp(tmpl.data());
    root = top / "root";
    outside = top / "outside";
    fs::create_directories(root / "sub" / "deeper");
    fs::create_directories(outside);
    write_file(root / "file.txt", "hello\n");
    write_file(root / "sub" / "inner.txt", "inner\n");
    write_file(outside / "secret.txt", "secret\n");
    fs::create_directory_symlink("..", root / "link_up");
    fs::create_directory_symlink("/etc", root / "link_abs");
    fs::create_symlink("link_chain2", root / "link_chain1");
    fs::create_symlink("sub/../../outside", root / "link_chain2");
    fs::create_symlink("sub/inner.txt", root / "link_ok");
    fs::create_symlink("loop2", root / "loop1");
    fs::create_symlink("loop1", root / "loop2");
    fs::create_symlink("../outside/new.txt", root / "dangling_out");
    fs::create_symlink("created.txt", root / "dangling_in");
    fs::create_directory_symlink("../..", root / "sub" / "up2");
  }
  ~Sandbox() {
    std::error_code ec;
    fs::remove_all(top, ec);
  }
};

// A WASI process with `root` preopened as fd 3 ("/sandbox"), and 64 KiB of
// guest memory.
struct Guest {
  Sandbox box;
  wasmrun::WasiContext ctx;
  std::vector<uint8_t> bytes = std::vector<uint8_t>(65536);
  GuestMemory mem{std::span<uint8_t>(bytes)};
  Call call{ctx.state(), mem, Abi::Preview1};

  static wasmrun::WasiConfig config(const Sandbox& b) {
    wasmrun::WasiConfig c;
    c.args = {"prog", "a b", ""};
    c.env = {"X=1"};
    c.preopens = {{b.root.string(), "/sandbox"}};
    return c;
  }
  Guest() : ctx(config(box)) {}

  // Puts `s` at `at` in guest memory; returns its length.
  uint32_t put(uint32_t at, const std::string& s) {
    mem.write(at, s.data(), s.size());
    return static_cast<uint32_t>(s.size());
  }
  Errno open(const std::string& path, uint32_t oflags = 0, uint64_t base = rights::FdRead, uint32_t dirflags = 1,
             uint32_t fdflags = 0) {
    uint32_t len = put(1024, path);
    return path_open(call, 3, dirflags, 1024, len, oflags, base, rights::All, fdflags, 0);
  }
  uint32_t opened() { return mem.load_u32(0); }
};

}  // namespace wasi_test
