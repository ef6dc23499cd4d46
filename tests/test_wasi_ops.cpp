// WASI functions called directly on a fake guest memory: errno numbering,
// bounds checks (EFAULT, never a crash), layouts of both ABI versions,
// rights, readdir cookies and poll_oneoff.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <set>

#include <sys/socket.h>

#include "tests/wasi_fixture.h"
#include "wasi/errno_map.h"

using namespace wasi_test;

TEST_CASE("errno values follow the WASI numbering", "[wasi][errno]") {
  CHECK(static_cast<int>(Errno::Success) == 0);
  CHECK(static_cast<int>(Errno::Acces) == 2);
  CHECK(static_cast<int>(Errno::Badf) == 8);
  CHECK(static_cast<int>(Errno::Exist) == 20);
  CHECK(static_cast<int>(Errno::Fault) == 21);
  CHECK(static_cast<int>(Errno::Inval) == 28);
  CHECK(static_cast<int>(Errno::NoEnt) == 44);
  CHECK(static_cast<int>(Errno::NotSup) == 58);
  CHECK(static_cast<int>(Errno::NotCapable) == 76);
  CHECK(errno_from_host(ENOENT) == Errno::NoEnt);
  CHECK(errno_from_host(EACCES) == Errno::Acces);
  CHECK(errno_from_host(ENOTEMPTY) == Errno::NotEmpty);
  CHECK(errno_from_host(EXDEV) == Errno::Xdev);
  CHECK(errno_from_host(EWOULDBLOCK) == Errno::Again);
  CHECK(errno_from_host(EOPNOTSUPP) == Errno::NotSup);
  CHECK(errno_from_host(ESHUTDOWN) == Errno::Io);  // no WASI name
}

TEST_CASE("guest memory bounds are checked in 64 bits", "[wasi][memory]") {
  std::vector<uint8_t> bytes(100);
  GuestMemory m{std::span<uint8_t>(bytes)};
  CHECK(m.in_bounds(0, 100));
  CHECK(m.in_bounds(100, 0));
  CHECK(!m.in_bounds(101, 0));
  CHECK(!m.in_bounds(99, 2));
  CHECK(!m.in_bounds(0xFFFFFFFFu, 2));
  CHECK(!m.in_bounds(UINT64_MAX, 2));
  CHECK_THROWS_AS(m.load_u32(97), GuestFault);
  CHECK_THROWS_AS(m.range(50, UINT64_MAX), GuestFault);
  m.store_u32(10, 0x11223344);
  CHECK(bytes[10] == 0x44);
  CHECK(bytes[13] == 0x11);
  CHECK(m.load_u16(11) == 0x2233);
  GuestMemory none;
  CHECK_THROWS_AS(none.load_u8(0), GuestFault);
}

TEST_CASE("bad guest pointers give EFAULT through the dispatcher's catch", "[wasi][memory]") {
  Guest g;
  auto fault = [](auto fn) {
    try {
      return fn();
    } catch (const GuestFault&) {
      return Errno::Fault;
    }
  };
  CHECK(fault([&] { return args_sizes_get(g.call, 65535, 0); }) == Errno::Fault);
  CHECK(fault([&] { return args_get(g.call, 0, 65534); }) == Errno::Fault);
  // An iovec pointing past the end, and an iovec array longer than memory.
  g.mem.store_u32(100, 65530);
  g.mem.store_u32(104, 100);
  CHECK(fault([&] { return fd_write(g.call, 1, 100, 1, 200); }) == Errno::Fault);
  CHECK(fault([&] { return fd_write(g.call, 1, 100, 0x20000000, 200); }) == Errno::Fault);
  CHECK(fault([&] { return random_get(g.call, 65000, 1000); }) == Errno::Fault);
  CHECK(fault([&] { return clock_time_get(g.call, 0, 0, 0xFFFFFFFC); }) == Errno::Fault);
  CHECK(fault([&] { return g.open(std::string(200, 'a'), 0, rights::FdRead, 1, 0); }) != Errno::Fault);
  CHECK(fault([&] { return path_open(g.call, 3, 0, 65530, 100, 0, 0, 0, 0, 0); }) == Errno::Fault);
  // The output pointer is checked before opening, so no fd leaks.
  uint32_t pl = g.put(1024, "file.txt");
  size_t before = g.ctx.state().fds.entries().size();
  CHECK(fault([&] { return path_open(g.call, 3, 0, 1024, pl, 0, rights::FdRead, 0, 0, 65533); }) == Errno::Fault);
  CHECK(g.ctx.state().fds.entries().size() == before);
}

TEST_CASE("args and environ", "[wasi]") {
  Guest g;
  REQUIRE(args_sizes_get(g.call, 0, 4) == Errno::Success);
  CHECK(g.mem.load_u32(0) == 3);
  CHECK(g.mem.load_u32(4) == 5 + 4 + 1);
  REQUIRE(args_get(g.call, 100, 200) == Errno::Success);
  CHECK(g.mem.load_u32(100) == 200);
  CHECK(g.mem.string(g.mem.load_u32(104), 4) == std::string("a b\0", 4));
  CHECK(g.mem.load_u8(g.mem.load_u32(108)) == 0);
  REQUIRE(environ_sizes_get(g.call, 0, 4) == Errno::Success);
  CHECK(g.mem.load_u32(0) == 1);
  CHECK(g.mem.load_u32(4) == 4);
}

TEST_CASE("clocks", "[wasi]") {
  Guest g;
  for (uint32_t id = 0; id < 4; ++id) {
    CHECK(clock_res_get(g.call, id, 0) == Errno::Success);
    CHECK(g.mem.load_u64(0) > 0);
    CHECK(clock_time_get(g.call, id, 0, 0) == Errno::Success);
  }
  CHECK(clock_time_get(g.call, 0, 0, 8) == Errno::Success);
  CHECK(g.mem.load_u64(8) > 1600000000ull * 1000000000ull);  // realtime is after 2020
  CHECK(clock_time_get(g.call, 4, 0, 0) == Errno::Inval);
  CHECK(clock_res_get(g.call, 99, 0) == Errno::Inval);
}

TEST_CASE("rights are enforced and can only shrink", "[wasi][rights]") {
  Guest g;
  REQUIRE(g.open("file.txt", 0, rights::FdRead | rights::FdSeek) == Errno::Success);
  uint32_t fd = g.opened();
  g.mem.store_u32(100, 200);
  g.mem.store_u32(104, 3);
  CHECK(fd_write(g.call, fd, 100, 1, 8) == Errno::Badf);  // POSIX's answer for a read-only fd
  CHECK(fd_read(g.call, fd, 100, 1, 8) == Errno::Success);
  CHECK(g.mem.load_u32(8) == 3);
  CHECK(g.mem.string(200, 3) == "hel");
  CHECK(fd_tell(g.call, fd, 8) == Errno::NotCapable);
  CHECK(fd_fdstat_set_rights(g.call, fd, rights::FdRead | rights::FdWrite, 0) == Errno::NotCapable);
  CHECK(fd_fdstat_set_rights(g.call, fd, rights::FdRead, 0) == Errno::Success);
  CHECK(fd_seek(g.call, fd, 0, 0, 8) == Errno::NotCapable);
  REQUIRE(fd_fdstat_get(g.call, fd, 16) == Errno::Success);
  CHECK(g.mem.load_u8(16) == static_cast<uint8_t>(FileType::RegularFile));
  CHECK(g.mem.load_u64(24) == rights::FdRead);
  CHECK(fd_close(g.call, fd) == Errno::Success);
  CHECK(fd_close(g.call, fd) == Errno::Badf);
  // A directory opened for writing is EISDIR, as on POSIX.
  CHECK(g.open("sub", 0, rights::FdWrite) == Errno::IsDir);
  CHECK(g.open("file.txt", oflags::Directory) == Errno::NotDir);
  CHECK(g.open("nope") == Errno::NoEnt);
  CHECK(g.open("file.txt", oflags::Creat | oflags::Excl, rights::FdWrite) == Errno::Exist);
  CHECK(g.open("file.txt", 0x10) == Errno::Inval);
}

TEST_CASE("fd_seek's whence and filestat's layout differ between ABI versions", "[wasi][abi]") {
  Guest g;
  REQUIRE(g.open("file.txt", 0, rights::FdRead | rights::FdSeek | rights::FdTell | rights::FdFilestatGet) ==
          Errno::Success);
  uint32_t fd = g.opened();
  CHECK(fd_seek(g.call, fd, 2, 0, 8) == Errno::Success);  // preview1: 0 = SET
  CHECK(g.mem.load_u64(8) == 2);
  CHECK(fd_seek(g.call, fd, static_cast<uint64_t>(-1), 2, 8) == Errno::Success);  // 2 = END
  CHECK(g.mem.load_u64(8) == 5);
  CHECK(fd_seek(g.call, fd, 0, 3, 8) == Errno::Inval);
  CHECK(fd_seek(g.call, fd, static_cast<uint64_t>(-100), 1, 8) == Errno::Inval);
  Call u{g.ctx.state(), g.mem, Abi::Unstable};
  CHECK(fd_seek(u, fd, 1, 2, 8) == Errno::Success);  // unstable: 2 = SET
  CHECK(g.mem.load_u64(8) == 1);
  CHECK(fd_seek(u, fd, 1, 0, 8) == Errno::Success);  // 0 = CUR
  CHECK(g.mem.load_u64(8) == 2);

  REQUIRE(fd_filestat_get(g.call, fd, 1000) == Errno::Success);
  CHECK(g.mem.load_u8(1016) == static_cast<uint8_t>(FileType::RegularFile));
  CHECK(g.mem.load_u64(1024) == 1);  // nlink, u64
  CHECK(g.mem.load_u64(1032) == 6);  // size
  REQUIRE(fd_filestat_get(u, fd, 2000) == Errno::Success);
  CHECK(g.mem.load_u32(2020) == 1);  // nlink, u32
  CHECK(g.mem.load_u64(2024) == 6);  // size
  CHECK(g.mem.load_u64(2048) == g.mem.load_u64(1056));  // ctim
}

TEST_CASE("prestat names the preopen", "[wasi]") {
  Guest g;
  REQUIRE(fd_prestat_get(g.call, 3, 0) == Errno::Success);
  CHECK(g.mem.load_u8(0) == 0);
  CHECK(g.mem.load_u32(4) == 8);
  CHECK(fd_prestat_dir_name(g.call, 3, 100, 7) == Errno::NameTooLong);
  REQUIRE(fd_prestat_dir_name(g.call, 3, 100, 8) == Errno::Success);
  CHECK(g.mem.string(100, 8) == "/sandbox");
  CHECK(fd_prestat_get(g.call, 4, 0) == Errno::Badf);
  CHECK(fd_prestat_get(g.call, 1, 0) == Errno::Badf);
}

TEST_CASE("fd_readdir resumes from cookies with a small buffer", "[wasi][readdir]") {
  Guest g;
  std::set<std::string> names;
  uint64_t cookie = 0;
  for (int guard = 0; guard < 100; ++guard) {
    // 40 bytes: room for one entry (24-byte header + short name) at a time.
    REQUIRE(fd_readdir(g.call, 3, 100, 40, cookie, 8) == Errno::Success);
    uint32_t used = g.mem.load_u32(8);
    if (used == 0) break;
    REQUIRE(used >= 24);
    uint32_t len = g.mem.load_u32(116);
    if (24 + len > used) {
      // Truncated: read this entry again alone with a bigger buffer.
      REQUIRE(fd_readdir(g.call, 3, 100, 200, cookie, 8) == Errno::Success);
    }
    names.insert(std::string(g.mem.string(124, g.mem.load_u32(116))));
    cookie = g.mem.load_u64(100);
  }
  CHECK(names == std::set<std::string>{".", "..", "file.txt", "sub", "link_up", "link_abs", "link_chain1",
                                       "link_chain2", "link_ok", "loop1", "loop2", "dangling_out", "dangling_in"});
  CHECK(fd_readdir(g.call, 1, 100, 40, 0, 8) == Errno::NotDir);
}

TEST_CASE("poll_oneoff: clocks, fds and bad subscriptions", "[wasi][poll]") {
  Guest g;
  CHECK(poll_oneoff(g.call, 0, 1000, 0, 8) == Errno::Inval);
  // One relative 1 ms timeout on the monotonic clock.
  g.mem.store_u64(0, 42);
  g.mem.store_u8(8, eventtype::Clock);
  g.mem.store_u32(16, clockid::Monotonic);
  g.mem.store_u64(24, 1000000);
  g.mem.store_u16(40, 0);
  REQUIRE(poll_oneoff(g.call, 0, 1000, 1, 8) == Errno::Success);
  CHECK(g.mem.load_u32(8) == 1);
  CHECK(g.mem.load_u64(1000) == 42);
  CHECK(g.mem.load_u16(1008) == 0);
  CHECK(g.mem.load_u8(1010) == eventtype::Clock);
  // A readable file fires at once, alongside a long timeout; a bad fd
  // reports EBADF in its event.
  REQUIRE(g.open("file.txt") == Errno::Success);
  uint32_t fd = g.opened();
  g.mem.store_u64(0, 1);
  // The first poll wrote its event count over byte 8: make it a clock again.
  g.mem.store_u8(8, eventtype::Clock);
  g.mem.store_u64(24, 10000000000ull);
  g.mem.store_u64(48, 2);
  g.mem.store_u8(56, eventtype::FdRead);
  g.mem.store_u32(64, fd);
  g.mem.store_u64(96, 3);
  g.mem.store_u8(104, eventtype::FdWrite);
  g.mem.store_u32(112, 77);
  REQUIRE(poll_oneoff(g.call, 0, 1000, 3, 8) == Errno::Success);
  REQUIRE(g.mem.load_u32(8) == 2);
  CHECK(g.mem.load_u64(1000) == 2);
  CHECK(g.mem.load_u64(1016) == 6);  // bytes available to read
  CHECK(g.mem.load_u64(1032) == 3);
  CHECK(g.mem.load_u16(1040) == static_cast<uint16_t>(Errno::Badf));
}

TEST_CASE("files: create, write, sizes, times, rename, link, unlink", "[wasi][files]") {
  Guest g;
  const uint64_t rw = rights::FdRead | rights::FdWrite | rights::FdSeek | rights::FdFilestatGet |
                      rights::FdFilestatSetSize | rights::FdFilestatSetTimes | rights::FdAllocate |
                      rights::FdTell | rights::FdSync | rights::FdDatasync | rights::FdAdvise;
  REQUIRE(g.open("new.txt", oflags::Creat | oflags::Excl, rw) == Errno::Success);
  uint32_t fd = g.opened();
  uint32_t n = g.put(200, "abcdef");
  g.mem.store_u32(100, 200);
  g.mem.store_u32(104, n);
  REQUIRE(fd_write(g.call, fd, 100, 1, 8) == Errno::Success);
  CHECK(g.mem.load_u32(8) == 6);
  REQUIRE(fd_pwrite(g.call, fd, 100, 1, 10, 8) == Errno::Success);
  CHECK(fs::file_size(g.box.root / "new.txt") == 16);
  CHECK(fd_filestat_set_size(g.call, fd, 3) == Errno::Success);
  CHECK(fs::file_size(g.box.root / "new.txt") == 3);
  CHECK(fd_allocate(g.call, fd, 0, 100) == Errno::Success);
  CHECK(fs::file_size(g.box.root / "new.txt") == 100);
  CHECK(fd_advise(g.call, fd, 0, 0, 1) == Errno::Success);
  CHECK(fd_advise(g.call, fd, 0, 0, 6) == Errno::Inval);
  CHECK(fd_sync(g.call, fd) == Errno::Success);
  CHECK(fd_datasync(g.call, fd) == Errno::Success);
  CHECK(fd_filestat_set_times(g.call, fd, 5000000000ull, 7000000000ull, fstflags::Atim | fstflags::Mtim) ==
        Errno::Success);
  CHECK(fd_filestat_set_times(g.call, fd, 0, 0, fstflags::Atim | fstflags::AtimNow) == Errno::Inval);
  REQUIRE(fd_filestat_get(g.call, fd, 1000) == Errno::Success);
  CHECK(g.mem.load_u64(1040) == 5000000000ull);
  CHECK(g.mem.load_u64(1048) == 7000000000ull);

  uint32_t a = g.put(3000, "new.txt"), b = g.put(3100, "sub/moved.txt"), l = g.put(3200, "hard");
  CHECK(path_rename(g.call, 3, 3000, a, 3, 3100, b) == Errno::Success);
  CHECK(path_link(g.call, 3, 0, 3100, b, 3, 3200, l) == Errno::Success);
  CHECK(fs::hard_link_count(g.box.root / "hard") == 2);
  CHECK(path_unlink_file(g.call, 3, 3200, l) == Errno::Success);
  CHECK(path_unlink_file(g.call, 3, 3200, l) == Errno::NoEnt);
  uint32_t d = g.put(3300, "sub");
  CHECK(path_unlink_file(g.call, 3, 3300, d) == Errno::IsDir);
  CHECK(path_remove_directory(g.call, 3, 3300, d) == Errno::NotEmpty);
  uint32_t nd = g.put(3400, "made");
  CHECK(path_create_directory(g.call, 3, 3400, nd) == Errno::Success);
  CHECK(path_create_directory(g.call, 3, 3400, nd) == Errno::Exist);
  CHECK(path_remove_directory(g.call, 3, 3400, nd) == Errno::Success);
  CHECK(path_remove_directory(g.call, 3, 3100, b) == Errno::NotDir);
  CHECK(fd_renumber(g.call, fd, 3) == Errno::Success);  // replaces the preopen
  CHECK(fd_prestat_get(g.call, 3, 0) == Errno::Badf);
  CHECK(fd_renumber(g.call, 3, 50) == Errno::Badf);
}

TEST_CASE("sockets, signals and yielding", "[wasi]") {
  Guest g;
  CHECK(sock_accept(g.call, 3, 0, 0) == Errno::NotSock);
  CHECK(sock_accept(g.call, 40, 0, 0) == Errno::Badf);
  CHECK(sock_recv(g.call, 3, 0, 0, 0, 0, 4) == Errno::NotSock);
  CHECK(sock_send(g.call, 40, 0, 0, 0, 0) == Errno::Badf);
  CHECK(sock_shutdown(g.call, 3, 3) == Errno::NotSock);
  CHECK(proc_raise(g.call, 2) == Errno::NotSup);
  CHECK(sched_yield(g.call) == Errno::Success);
  CHECK_THROWS_AS(proc_exit(g.call, 3), wasmrun::WasiExit);
}

TEST_CASE("sock_send, sock_recv and sock_shutdown on a socket the embedder hands in", "[wasi][sock]") {
  Guest g;
  int sv[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  FdEntry e;
  e.host_fd = sv[0];
  e.type = FileType::SocketStream;
  e.rights_base = rights::FdRead | rights::FdWrite | rights::SockShutdown | rights::PollFdReadwrite;
  uint32_t fd = g.ctx.state().fds.insert(std::move(e));
  uint32_t n = g.put(200, "ping");
  g.mem.store_u32(100, 200);
  g.mem.store_u32(104, n);
  REQUIRE(sock_send(g.call, fd, 100, 1, 0, 8) == Errno::Success);
  CHECK(g.mem.load_u32(8) == 4);
  char buf[8] = {};
  CHECK(read(sv[1], buf, sizeof buf) == 4);
  CHECK(std::string(buf, 4) == "ping");
  CHECK(write(sv[1], "pong!", 5) == 5);
  g.mem.store_u32(100, 300);
  g.mem.store_u32(104, 3);  // room for 3 of the 5 bytes
  REQUIRE(sock_recv(g.call, fd, 100, 1, kRiflagRecvPeek, 8, 12) == Errno::Success);
  CHECK(g.mem.string(300, 3) == "pon");
  REQUIRE(sock_recv(g.call, fd, 100, 1, 0, 8, 12) == Errno::Success);
  CHECK(g.mem.load_u32(8) == 3);
  CHECK(sock_recv(g.call, fd, 100, 1, 0x80, 8, 12) == Errno::Inval);
  CHECK(sock_send(g.call, fd, 100, 1, 1, 8) == Errno::Inval);
  CHECK(sock_shutdown(g.call, fd, 0) == Errno::Inval);
  CHECK(sock_shutdown(g.call, fd, kSdflagWr) == Errno::Success);
  CHECK(read(sv[1], buf, sizeof buf) == 0);  // end of stream after SHUT_WR
  CHECK(sock_accept(g.call, fd, 0, 0) == Errno::NotCapable);  // no accept right
  close(sv[1]);
}
