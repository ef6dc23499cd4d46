// WASI preview 1 for wasmrun: a host module an embedder adds to its store.
//
//   wasmrun::WasiConfig config;
//   config.args = {"prog.wasm", "hello"};
//   config.env = {"HOME=/data"};
//   config.preopens = {{"/srv/data", "/data"}};   // host dir, guest path
//   wasmrun::WasiContext wasi(config);            // opens the preopens
//   wasmrun::Store store;
//   wasmrun::Imports imports;
//   wasmrun::add_wasi(store, imports, wasi);
//   auto* inst = store.instantiate(*module, imports);
//   try {
//     store.call(inst->func("_start"), {});
//   } catch (const wasmrun::WasiExit& e) {
//     return e.code();                            // the guest's proc_exit
//   }
//
// Every function of `wasi_snapshot_preview1` is registered, and again
// under `wasi_unstable` with that version's layouts (filestat, whence,
// subscriptions). Guest-visible failures are WASI errno values returned to
// the guest; a bad guest pointer gives EFAULT. The guest sees only its
// preopened directories: absolute paths, `..` and symlinks that would lead
// outside a preopen fail with ENOTCAPABLE.
//
// The host functions reach the caller's memory through its export named
// "memory" (as every WASI toolchain emits it); without one, any call that
// passes a pointer fails with EFAULT.
//
// Embedders: a guest writing to a closed pipe raises SIGPIPE in the host
// unless the host ignores it (the wasmrun command does, so the guest gets
// EPIPE). Setting WASMRUN_WASI_TRACE=1 logs every call and its errno on
// stderr.
#pragma once

#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace wasmrun {

class Store;
class Imports;

namespace wasi {
struct WasiState;
}

struct WasiConfig {
  std::vector<std::string> args;  // argv, program name first
  std::vector<std::string> env;   // "NAME=VALUE" entries
  struct Preopen {
    std::string host_path;   // a directory on the host
    std::string guest_path;  // the name the guest sees (fd_prestat_dir_name)
  };
  std::vector<Preopen> preopens;  // become fds 3, 4, ... in this order
  // Host fds behind the guest's 0, 1 and 2. Borrowed: never closed by WASI.
  int stdin_fd = 0;
  int stdout_fd = 1;
  int stderr_fd = 2;
};

// Thrown by proc_exit to unwind the guest out of Store::call. Not a
// wasmrun::Error: exiting is not a failure, and it must not be confused
// with a trap by code that catches Error.
class WasiExit : public std::exception {
 public:
  explicit WasiExit(uint32_t code) : code_(code) {}
  uint32_t code() const { return code_; }
  const char* what() const noexcept override { return "wasi proc_exit"; }

 private:
  uint32_t code_;
};

// The state of one WASI "process": args, environment and the fd table.
// Must outlive every Store it was added to. Not thread-safe.
class WasiContext {
 public:
  // Opens the preopened directories; throws wasmrun::Error (kind Io) if
  // one cannot be opened.
  explicit WasiContext(const WasiConfig& config);
  ~WasiContext();
  WasiContext(const WasiContext&) = delete;
  WasiContext& operator=(const WasiContext&) = delete;

  wasi::WasiState& state() { return *state_; }

 private:
  std::unique_ptr<wasi::WasiState> state_;
};

// Registers every wasi_snapshot_preview1 and wasi_unstable function in
// `imports` as host functions of `store`, backed by `context`.
void add_wasi(Store& store, Imports& imports, WasiContext& context);

}  // namespace wasmrun
