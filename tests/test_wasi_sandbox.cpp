// The WASI sandbox: no path a guest can write -- `..`, absolute, through
// symlinks (chains, loops, its own) -- reaches outside its preopen.
#include <catch2/catch.hpp>

#include "tests/wasi_fixture.h"
#include "wasi/path_resolve.h"

using namespace wasi_test;

namespace {

Errno resolve(const Sandbox& b, const std::string& path, bool follow, std::string* name = nullptr) {
  UniqueFd root(::open(b.root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  ResolvedPath r;
  Errno e = resolve_path(root.get(), path, follow, r);
  if (name) *name = r.name;
  return e;
}

}  // namespace

TEST_CASE("paths inside the preopen resolve", "[wasi][sandbox]") {
  Sandbox b;
  std::string name;
  CHECK(resolve(b, "file.txt", false, &name) == Errno::Success);
  CHECK(name == "file.txt");
  CHECK(resolve(b, "sub/../file.txt", false, &name) == Errno::Success);
  CHECK(name == "file.txt");
  CHECK(resolve(b, "./sub//deeper/..", false, &name) == Errno::Success);
  CHECK(name == ".");
  CHECK(resolve(b, "link_ok", true, &name) == Errno::Success);
  CHECK(name == "inner.txt");
  CHECK(resolve(b, "link_ok", false, &name) == Errno::Success);
  CHECK(name == "link_ok");
  CHECK(resolve(b, ".", false, &name) == Errno::Success);
  CHECK(name == ".");
  CHECK(resolve(b, "new-file", true, &name) == Errno::Success);  // to be created
  CHECK(name == "new-file");
}

TEST_CASE("escapes fail with ENOTCAPABLE", "[wasi][sandbox]") {
  Sandbox b;
  CHECK(resolve(b, "..", false) == Errno::NotCapable);
  CHECK(resolve(b, "../outside/secret.txt", false) == Errno::NotCapable);
  CHECK(resolve(b, "sub/../../outside/secret.txt", false) == Errno::NotCapable);
  CHECK(resolve(b, "/etc/passwd", false) == Errno::NotCapable);
  CHECK(resolve(b, "/", false) == Errno::NotCapable);
  CHECK(resolve(b, "link_up/outside/secret.txt", false) == Errno::NotCapable);
  CHECK(resolve(b, "link_abs/passwd", false) == Errno::NotCapable);
  CHECK(resolve(b, "link_abs", true) == Errno::NotCapable);
  CHECK(resolve(b, "link_chain1", true) == Errno::NotCapable);
  CHECK(resolve(b, "link_chain1/secret.txt", false) == Errno::NotCapable);
  CHECK(resolve(b, "sub/up2/outside", false) == Errno::NotCapable);
  CHECK(resolve(b, "dangling_out", true) == Errno::NotCapable);
  // A trailing slash follows the final symlink too.
  CHECK(resolve(b, "link_up/", false) == Errno::NotCapable);
}

TEST_CASE("other path errors", "[wasi][sandbox]") {
  Sandbox b;
  CHECK(resolve(b, "", false) == Errno::NoEnt);
  CHECK(resolve(b, "loop1", true) == Errno::Loop);
  CHECK(resolve(b, "loop1/x", false) == Errno::Loop);
  CHECK(resolve(b, "file.txt/x", false) == Errno::NotDir);
  CHECK(resolve(b, "file.txt/", false) == Errno::NotDir);
  CHECK(resolve(b, "missing/x", false) == Errno::NoEnt);
  CHECK(resolve(b, std::string("a\0b", 3), false) == Errno::Ilseq);
}

TEST_CASE("path_open refuses every escape, and creates nothing outside", "[wasi][sandbox]") {
  Guest g;
  CHECK(g.open("file.txt") == Errno::Success);
  CHECK(g.open("../outside/secret.txt") == Errno::NotCapable);
  CHECK(g.open("/etc/passwd") == Errno::NotCapable);
  CHECK(g.open("link_up/outside/secret.txt") == Errno::NotCapable);
  CHECK(g.open("link_chain1/secret.txt") == Errno::NotCapable);
  // Without SYMLINK_FOLLOW, opening a symlink itself fails (O_NOFOLLOW).
  CHECK(g.open("link_ok", 0, rights::FdRead, 0) == Errno::Loop);
  // O_CREAT through a dangling symlink creates its target only inside.
  CHECK(g.open("dangling_out", oflags::Creat, rights::FdWrite) == Errno::NotCapable);
  CHECK(!fs::exists(g.box.outside / "new.txt"));
  CHECK(g.open("dangling_in", oflags::Creat, rights::FdWrite) == Errno::Success);
  CHECK(fs::exists(g.box.root / "created.txt"));
  // O_EXCL never follows the final symlink.
  CHECK(g.open("dangling_in", oflags::Creat | oflags::Excl, rights::FdWrite) == Errno::Exist);
}

TEST_CASE("symlinks the guest creates cannot escape either", "[wasi][sandbox]") {
  Guest g;
  uint32_t tl = g.put(2048, "../outside");
  uint32_t nl = g.put(3072, "mine");
  REQUIRE(path_symlink(g.call, 2048, tl, 3, 3072, nl) == Errno::Success);
  CHECK(g.open("mine/secret.txt") == Errno::NotCapable);
  tl = g.put(2048, "/etc");
  nl = g.put(3072, "mine2");
  REQUIRE(path_symlink(g.call, 2048, tl, 3, 3072, nl) == Errno::Success);
  CHECK(g.open("mine2/passwd") == Errno::NotCapable);
  // Every path_* call goes through the same walk.
  uint32_t pl = g.put(1024, "mine/secret.txt");
  CHECK(path_unlink_file(g.call, 3, 1024, pl) == Errno::NotCapable);
  CHECK(path_filestat_get(g.call, 3, 1, 1024, pl, 4096) == Errno::NotCapable);
  CHECK(path_create_directory(g.call, 3, 1024, pl) == Errno::NotCapable);
  pl = g.put(1024, "../outside/secret.txt");
  uint32_t ql = g.put(3072, "stolen");
  CHECK(path_rename(g.call, 3, 1024, pl, 3, 3072, ql) == Errno::NotCapable);
  CHECK(path_link(g.call, 3, 0, 1024, pl, 3, 3072, ql) == Errno::NotCapable);
  CHECK(path_rename(g.call, 3, 3072, g.put(3072, "file.txt"), 3, 1024, pl) == Errno::NotCapable);
  CHECK(fs::exists(g.box.outside / "secret.txt"));
  // Reading the link's text is fine: it is data, not a path taken.
  pl = g.put(1024, "mine");
  REQUIRE(path_readlink(g.call, 3, 1024, pl, 5000, 100, 8) == Errno::Success);
  CHECK(g.mem.string(5000, g.mem.load_u32(8)) == "../outside");
}

TEST_CASE("path calls on a non-directory or closed fd", "[wasi][sandbox]") {
  Guest g;
  REQUIRE(g.open("file.txt") == Errno::Success);
  uint32_t fd = g.opened();
  uint32_t pl = g.put(1024, "x");
  CHECK(path_create_directory(g.call, fd, 1024, pl) == Errno::NotDir);  // relative to a file
  CHECK(path_create_directory(g.call, 99, 1024, pl) == Errno::Badf);
}
