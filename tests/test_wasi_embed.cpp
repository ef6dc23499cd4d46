// WASI through the embedding API: add_wasi on a Store, a guest writing to
// an embedder-chosen stdout, proc_exit unwinding out of Store::call as
// WasiExit, and both module names bound to the same fd table.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <string>

#include "wasmrun/wasi.h"
#include "wasmrun/wasmrun.h"

namespace {

// Writes "hi from wasi\n" with fd_write (preview1), then exits with the
// errno fd_write returned plus 40, through wasi_unstable's proc_exit.
constexpr const char* kGuest = R"(
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "hi from wasi\n")
  (func (export "argc") (result i32)
    (drop (call $args_sizes (i32.const 0) (i32.const 4)))
    (i32.load (i32.const 0)))
  (func (export "write_bad") (result i32)
    ;; an iovec pointing past the end of memory: EFAULT, not a crash
    (i32.store (i32.const 0) (i32.const 65530))
    (i32.store (i32.const 4) (i32.const 100))
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 13))
    (call $proc_exit
      (i32.add (i32.const 40)
        (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
    unreachable))
)";

}  // namespace

TEST_CASE("a guest runs with WASI from the embedding API", "[wasi][embed]") {
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);
  wasmrun::WasiConfig config;
  config.args = {"guest", "one", "two"};
  config.stdout_fd = pipe_fds[1];
  wasmrun::WasiContext wasi(config);
  auto module = wasmrun::CompiledModule::from_text(kGuest, wasmrun::Features::v2());
  wasmrun::Store store;
  wasmrun::Imports imports;
  wasmrun::add_wasi(store, imports, wasi);
  wasmrun::Instance* inst = store.instantiate(*module, imports);

  CHECK(store.call(inst->func("argc"), {})[0].i32 == 3);
  CHECK(store.call(inst->func("write_bad"), {})[0].i32 == 21);  // EFAULT

  uint32_t code = 0;
  try {
    store.call(inst->func("_start"), {});
    FAIL("proc_exit did not unwind");
  } catch (const wasmrun::WasiExit& e) {
    code = e.code();
  }
  CHECK(code == 40);  // fd_write succeeded
  close(pipe_fds[1]);
  char buf[64] = {};
  ssize_t n = read(pipe_fds[0], buf, sizeof buf);
  close(pipe_fds[0]);
  CHECK(std::string(buf, n > 0 ? static_cast<size_t>(n) : 0) == "hi from wasi\n");
  // The store is still usable after the unwind.
  CHECK(store.call(inst->func("argc"), {})[0].i32 == 3);
}

TEST_CASE("a missing preopen directory is an Io error", "[wasi][embed]") {
  wasmrun::WasiConfig config;
  config.preopens = {{"/nonexistent/wasmrun-test", "/x"}};
  CHECK_THROWS_AS(wasmrun::WasiContext(config), wasmrun::Error);
}
