// `wasmrun [OPTIONS] FILE [ARGS...]`: load, instantiate with WASI, and run
// `_start` (a WASI command) or, with --invoke, one export (a reactor's
// `_initialize` runs first).
#pragma once

#include <chrono>
#include <cstdint>

#include <optional>
#include <string>
#include <vector>

#include "wasmrun/features.h"
#include "wasmrun/wasi.h"

namespace wasmrun::cli {

// --validate=auto: files at least this big are validated lazily.
constexpr uint64_t kLazyValidationBytes = 4 << 20;

struct RunRequest {
  std::string path;                   // `-`: standard input
  std::optional<std::string> invoke;  // else `_start`
  std::vector<std::string> args;      // the guest's argv after its name; with --invoke, the values
  Features features = Features::defaults();
  // --validate=auto (the default), lazy or eager. Auto validates modules
  // below kLazyValidationBytes eagerly, as the specification describes, and
  // bigger ones lazily (LoadOptions::lazy_validation), so they start fast.
  enum class Validation { Auto, Lazy, Eager } validation = Validation::Auto;
  std::vector<WasiConfig::Preopen> dirs;  // --dir HOST[::GUEST]
  std::vector<std::string> env;           // --env NAME=VALUE
  struct Preload {
    std::string name;  // the module name imports use
    std::string path;
  };
  std::vector<Preload> preloads;          // --preload NAME=PATH, instantiated in order
  // Limits. Fuel and the timeout make every module metered
  // (LoadOptions::metered); memory and stack caps go to StoreLimits.
  std::optional<uint64_t> fuel;                   // --fuel N
  std::optional<std::chrono::nanoseconds> timeout;  // --timeout DURATION
  std::string timeout_text;                       // as given, for the message
  std::optional<uint64_t> max_memory_bytes;       // --max-memory SIZE
  std::optional<uint64_t> max_stack_bytes;        // --max-stack SIZE
};

// The exit status when the module traps or exhausts its stack: 128 +
// SIGABRT, as wasmtime exits, so it differs from what a program's own
// proc_exit gives in the usual range.
constexpr int kTrapExitStatus = 134;

// Returns the process exit status: the guest's proc_exit code, 0 when
// `_start` returns, kTrapExitStatus on a trap, 1 on an error in the module
// or a file (each reported on stderr in one line), 2 on bad usage.
int run_module(const RunRequest& req);

}  // namespace wasmrun::cli
