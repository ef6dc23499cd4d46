#include "tools/run_module.h"

#include <fmt/core.h>

#include <csignal>
#include <exception>
#include <new>

#include "tools/error_line.h"
#include "tools/limits.h"
#include "tools/module_input.h"
#include "tools/value_text.h"
#include "wasmrun/wasi.h"
#include "wasmrun/wasmrun.h"

namespace wasmrun::cli {

namespace {

// A trap's wasm frames, innermost first, after its one-line message.
void print_backtrace(const Error& e) {
  if (e.backtrace().empty()) return;
  fmt::print(stderr, "wasm backtrace:\n");
  size_t i = 0;
  for (const TraceFrame& f : e.backtrace()) fmt::print(stderr, "  {:>3}: {}\n", i++, f.describe());
  if (e.backtrace_omitted()) fmt::print(stderr, "  ... and {} more frames\n", e.backtrace_omitted());
}

std::string type_list(const std::vector<ValType>& types) {
  std::string s;
  for (ValType t : types) {
    if (!s.empty()) s += ' ';
    s += val_type_name(t);
  }
  return s;
}

}  // namespace

int run_module(const RunRequest& req) {
  // A program writing to a closed pipe (`wasmrun prog.wasm | head`) gets
  // EPIPE from fd_write, as WASI programs expect, instead of the signal
  // killing wasmrun under it.
  std::signal(SIGPIPE, SIG_IGN);
  std::string func_name;
  try {
    LoadOptions load;
    load.metered = req.fuel || req.timeout;
    load.lazy_validation = req.validation == RunRequest::Validation::Lazy;
    uint64_t lazy_from = req.validation == RunRequest::Validation::Auto ? kLazyValidationBytes : 0;
    auto module = load_module(req.path, req.features, load, lazy_from);
    WasiConfig config;
    config.args.push_back(req.path);
    config.args.insert(config.args.end(), req.args.begin(), req.args.end());
    config.env = req.env;
    config.preopens = req.dirs;
    WasiContext wasi(config);
    StoreLimits limits;
    if (req.max_memory_bytes) limits.max_memory_pages = *req.max_memory_bytes >> 16;
    if (req.max_stack_bytes) limits.max_stack_bytes = *req.max_stack_bytes;
    Store store(req.features, limits);
    if (req.fuel) store.set_fuel(*req.fuel);
    std::optional<Watchdog> watchdog;
    if (req.timeout) watchdog.emplace(store, *req.timeout);
    Imports imports;
    add_wasi(store, imports, wasi);
    // Preloaded modules keep their compiled code alive as long as the store.
    std::vector<std::shared_ptr<CompiledModule>> preloaded;
    for (const RunRequest::Preload& p : req.preloads) {
      try {
        preloaded.push_back(load_module(p.path, req.features, load, lazy_from));
        imports.add_instance(p.name, *store.instantiate(*preloaded.back(), imports));
      } catch (const Error& e) {
        if (e.kind() == ErrorKind::Io) throw;
        fmt::print(stderr, "wasmrun: --preload {}={}\n", p.name, module_error_line(p.path, e));
        return e.kind() == ErrorKind::Trap || e.kind() == ErrorKind::Exhaustion ? kTrapExitStatus : 1;
      }
    }
    try {
      Instance* instance = store.instantiate(*module, imports);

      const std::string name = req.invoke.value_or("_start");
      Func* func = instance->func(name);
      if (!func) {
        if (!req.invoke) {
          fmt::print(stderr, "wasmrun: {}: no `_start` export; use --invoke NAME to call a function\n", req.path);
          return 2;
        }
        fmt::print(stderr, "wasmrun: {}: no exported function '{}'\n", req.path, name);
        return 2;
      }
      const FuncType& type = func->type();
      std::vector<Value> args;
      if (req.invoke) {
        if (req.args.size() != type.params.size()) {
          fmt::print(stderr, "wasmrun: '{}' takes {} argument(s) ({}), got {}\n", name, type.params.size(),
                     type_list(type.params), req.args.size());
          return 2;
        }
        for (size_t k = 0; k < req.args.size(); ++k) {
          auto v = parse_value(req.args[k], type.params[k]);
          if (!v) {
            fmt::print(stderr, "wasmrun: argument {} of '{}': '{}' is not a valid {}\n", k + 1, name, req.args[k],
                       val_type_name(type.params[k]));
            return 2;
          }
          args.push_back(*v);
        }
        // A WASI reactor initializes itself before any other export runs.
        if (Func* init = instance->func("_initialize")) {
          func_name = init->debug_name();
          store.call(init, {});
        }
      } else if (!type.params.empty()) {
        fmt::print(stderr, "wasmrun: {}: `_start` takes parameters; use --invoke\n", req.path);
        return 2;
      }
      func_name = func->debug_name();
      auto results = store.call(func, args);
      if (req.invoke)
        for (const Value& r : results) fmt::print("{}\n", format_value(r));
      return 0;
    } catch (const WasiExit& e) {
      return static_cast<int>(e.code());
    } catch (const Error& e) {
      if (watchdog && watchdog->fired() && e.kind() == ErrorKind::Trap && std::string_view(e.what()) == "interrupted") {
        Error timeout(ErrorKind::Trap, "interrupted: the --timeout of " + req.timeout_text + " expired");
        timeout.copy_backtrace(e);
        throw timeout;
      }
      throw;
    }
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Trap || e.kind() == ErrorKind::Exhaustion) {
      if (func_name.empty()) fmt::print(stderr, "wasmrun: trap during instantiation: {}\n", e.what());
      else fmt::print(stderr, "wasmrun: trap in '{}': {}\n", func_name, e.what());
      print_backtrace(e);
      return kTrapExitStatus;
    } else if (e.kind() == ErrorKind::Exception) {
      // A wasm exception nothing caught ends the program as a trap does.
      if (func_name.empty()) fmt::print(stderr, "wasmrun: uncaught exception during instantiation: {}\n", e.describe());
      else fmt::print(stderr, "wasmrun: uncaught exception in '{}': {}\n", func_name, e.detail());
      return kTrapExitStatus;
    } else if (e.kind() == ErrorKind::Io) {
      fmt::print(stderr, "wasmrun: {}\n", e.what());  // I/O messages name the file already
    } else {
      fmt::print(stderr, "wasmrun: {}\n", module_error_line(req.path, e));
    }
    return 1;
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "wasmrun: {}: out of host memory\n", req.path);
    return 1;
  } catch (const std::exception& e) {
    // Not expected: every failure should be a wasmrun::Error. Still one
    // line and an exit status, never an abort.
    fmt::print(stderr, "wasmrun: {}: internal error: {}\n", req.path, e.what());
    return 1;
  }
}

}  // namespace wasmrun::cli
