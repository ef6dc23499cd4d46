// add_wasi: binds every op of ops.h to a host function, under both module
// names. This is the only WASI file that knows the interpreter's API.
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "wasi/ops.h"
#include "wasmrun/wasi.h"
#include "wasmrun/wasmrun.h"

namespace wasmrun {

namespace {

using namespace wasi;

// The arguments of one call, by position.
struct Args {
  std::span<const Value> v;
  u32 i(size_t k) const { return v[k].i32; }
  u64 l(size_t k) const { return v[k].i64; }
};

struct Def {
  const char* name;
  const char* params;  // one letter per parameter: i = i32, l = i64
  std::function<Errno(Call&, const Args&)> fn;
  bool preview1_only = false;
};

// clang-format off
const std::vector<Def>& defs() {
  static const std::vector<Def> d = {
    {"args_get", "ii", [](Call& c, const Args& a) { return args_get(c, a.i(0), a.i(1)); }},
    {"args_sizes_get", "ii", [](Call& c, const Args& a) { return args_sizes_get(c, a.i(0), a.i(1)); }},
    {"environ_get", "ii", [](Call& c, const Args& a) { return environ_get(c, a.i(0), a.i(1)); }},
    {"environ_sizes_get", "ii", [](Call& c, const Args& a) { return environ_sizes_get(c, a.i(0), a.i(1)); }},
    {"clock_res_get", "ii", [](Call& c, const Args& a) { return clock_res_get(c, a.i(0), a.i(1)); }},
    {"clock_time_get", "ili", [](Call& c, const Args& a) { return clock_time_get(c, a.i(0), a.l(1), a.i(2)); }},
    {"fd_advise", "illi", [](Call& c, const Args& a) { return fd_advise(c, a.i(0), a.l(1), a.l(2), a.i(3)); }},
    {"fd_allocate", "ill", [](Call& c, const Args& a) { return fd_allocate(c, a.i(0), a.l(1), a.l(2)); }},
    {"fd_close", "i", [](Call& c, const Args& a) { return fd_close(c, a.i(0)); }},
    {"fd_datasync", "i", [](Call& c, const Args& a) { return fd_datasync(c, a.i(0)); }},
    {"fd_fdstat_get", "ii", [](Call& c, const Args& a) { return fd_fdstat_get(c, a.i(0), a.i(1)); }},
    {"fd_fdstat_set_flags", "ii", [](Call& c, const Args& a) { return fd_fdstat_set_flags(c, a.i(0), a.i(1)); }},
    {"fd_fdstat_set_rights", "ill", [](Call& c, const Args& a) { return fd_fdstat_set_rights(c, a.i(0), a.l(1), a.l(2)); }},
    {"fd_filestat_get", "ii", [](Call& c, const Args& a) { return fd_filestat_get(c, a.i(0), a.i(1)); }},
    {"fd_filestat_set_size", "il", [](Call& c, const Args& a) { return fd_filestat_set_size(c, a.i(0), a.l(1)); }},
    {"fd_filestat_set_times", "illi", [](Call& c, const Args& a) { return fd_filestat_set_times(c, a.i(0), a.l(1), a.l(2), a.i(3)); }},
    {"fd_pread", "iiili", [](Call& c, const Args& a) { return fd_pread(c, a.i(0), a.i(1), a.i(2), a.l(3), a.i(4)); }},
    {"fd_prestat_get", "ii", [](Call& c, const Args& a) { return fd_prestat_get(c, a.i(0), a.i(1)); }},
    {"fd_prestat_dir_name", "iii", [](Call& c, const Args& a) { return fd_prestat_dir_name(c, a.i(0), a.i(1), a.i(2)); }},
    {"fd_pwrite", "iiili", [](Call& c, const Args& a) { return fd_pwrite(c, a.i(0), a.i(1), a.i(2), a.l(3), a.i(4)); }},
    {"fd_read", "iiii", [](Call& c, const Args& a) { return fd_read(c, a.i(0), a.i(1), a.i(2), a.i(3)); }},
    {"fd_readdir", "iiili", [](Call& c, const Args& a) { return fd_readdir(c, a.i(0), a.i(1), a.i(2), a.l(3), a.i(4)); }},
    {"fd_renumber", "ii", [](Call& c, const Args& a) { return fd_renumber(c, a.i(0), a.i(1)); }},
    {"fd_seek", "ilii", [](Call& c, const Args& a) { return fd_seek(c, a.i(0), a.l(1), a.i(2), a.i(3)); }},
    {"fd_sync", "i", [](Call& c, const Args& a) { return fd_sync(c, a.i(0)); }},
    {"fd_tell", "ii", [](Call& c, const Args& a) { return fd_tell(c, a.i(0), a.i(1)); }},
    {"fd_write", "iiii", [](Call& c, const Args& a) { return fd_write(c, a.i(0), a.i(1), a.i(2), a.i(3)); }},
    {"path_create_directory", "iii", [](Call& c, const Args& a) { return path_create_directory(c, a.i(0), a.i(1), a.i(2)); }},
    {"path_filestat_get", "iiiii", [](Call& c, const Args& a) { return path_filestat_get(c, a.i(0), a.i(1), a.i(2), a.i(3), a.i(4)); }},
    {"path_filestat_set_times", "iiiilli", [](Call& c, const Args& a) { return path_filestat_set_times(c, a.i(0), a.i(1), a.i(2), a.i(3), a.l(4), a.l(5), a.i(6)); }},
    {"path_link", "iiiiiii", [](Call& c, const Args& a) { return path_link(c, a.i(0), a.i(1), a.i(2), a.i(3), a.i(4), a.i(5), a.i(6)); }},
    {"path_open", "iiiiillii", [](Call& c, const Args& a) { return path_open(c, a.i(0), a.i(1), a.i(2), a.i(3), a.i(4), a.l(5), a.l(6), a.i(7), a.i(8)); }},
    {"path_readlink", "iiiiii", [](Call& c, const Args& a) { return path_readlink(c, a.i(0), a.i(1), a.i(2), a.i(3), a.i(4), a.i(5)); }},
    {"path_remove_directory", "iii", [](Call& c, const Args& a) { return path_remove_directory(c, a.i(0), a.i(1), a.i(2)); }},
    {"path_rename", "iiiiii", [](Call& c, const Args& a) { return path_rename(c, a.i(0), a.i(1), a.i(2), a.i(3), a.i(4), a.i(5)); }},
    {"path_symlink", "iiiii", [](Call& c, const Args& a) { return path_symlink(c, a.i(0), a.i(1), a.i(2), a.i(3), a.i(4)); }},
    {"path_unlink_file", "iii", [](Call& c, const Args& a) { return path_unlink_file(c, a.i(0), a.i(1), a.i(2)); }},
    {"poll_oneoff", "iiii", [](Call& c, const Args& a) { return poll_oneoff(c, a.i(0), a.i(1), a.i(2), a.i(3)); }},
    {"proc_raise", "i", [](Call& c, const Args& a) { return proc_raise(c, a.i(0)); }},
    {"sched_yield", "", [](Call& c, const Args&) { return sched_yield(c); }},
    {"random_get", "ii", [](Call& c, const Args& a) { return random_get(c, a.i(0), a.i(1)); }},
    {"sock_accept", "iii", [](Call& c, const Args& a) { return sock_accept(c, a.i(0), a.i(1), a.i(2)); }, true},
    {"sock_recv", "iiiiii", [](Call& c, const Args& a) { return sock_recv(c, a.i(0), a.i(1), a.i(2), a.i(3), a.i(4), a.i(5)); }},
    {"sock_send", "iiiii", [](Call& c, const Args& a) { return sock_send(c, a.i(0), a.i(1), a.i(2), a.i(3), a.i(4)); }},
    {"sock_shutdown", "ii", [](Call& c, const Args& a) { return sock_shutdown(c, a.i(0), a.i(1)); }},
  };
  return d;
}
// clang-format on

GuestMemory caller_memory(HostCall& call) {
  if (!call.caller) return {};
  Memory* m = call.caller->memory("memory");
  return m ? GuestMemory(m->bytes()) : GuestMemory();
}

// WASMRUN_WASI_TRACE=1 logs every call, its arguments and its errno on
// stderr: the quickest way to see why a real program fails.
bool tracing() {
  static const bool on = [] {
    const char* v = std::getenv("WASMRUN_WASI_TRACE");
    return v && *v && *v != '0';
  }();
  return on;
}

void trace(const char* module, const char* name, const char* params, std::span<const Value> args, Errno e) {
  std::fprintf(stderr, "[wasi] %s.%s(", module, name);
  for (size_t k = 0; params[k]; ++k)
    std::fprintf(stderr, k ? ", %llu" : "%llu",
                 static_cast<unsigned long long>(params[k] == 'l' ? args[k].i64 : args[k].i32));
  std::fprintf(stderr, ") = %u\n", static_cast<unsigned>(e));
}

FuncType type_of(const char* params, bool returns_errno) {
  FuncType t;
  for (const char* p = params; *p; ++p) t.params.push_back(*p == 'l' ? ValType::I64 : ValType::I32);
  if (returns_errno) t.results.push_back(ValType::I32);
  return t;
}

}  // namespace

void add_wasi(Store& store, Imports& imports, WasiContext& context) {
  WasiState* state = &context.state();
  for (Abi abi : {Abi::Preview1, Abi::Unstable}) {
    const char* module = abi == Abi::Preview1 ? "wasi_snapshot_preview1" : "wasi_unstable";
    for (const Def& def : defs()) {
      if (def.preview1_only && abi != Abi::Preview1) continue;
      const Def* d = &def;  // defs() is static: the pointer outlives every store
      HostFunction host = [state, abi, module, d](HostCall& call, std::span<const Value> args,
                                                  std::span<Value> results) {
        GuestMemory mem = caller_memory(call);
        Call c{*state, mem, abi};
        Errno e;
        try {
          e = d->fn(c, Args{args});
        } catch (const GuestFault&) {
          e = Errno::Fault;
        }
        if (tracing()) trace(module, d->name, d->params, args, e);
        results[0] = Value::from_i32(static_cast<uint32_t>(e));
      };
      imports.add(module, def.name,
                  store.host_func(type_of(def.params, true), std::move(host), std::string(module) + "." + def.name));
    }
    // proc_exit returns nothing: it unwinds the guest with WasiExit.
    HostFunction exit_fn = [state, abi](HostCall& call, std::span<const Value> args, std::span<Value>) {
      GuestMemory mem = caller_memory(call);
      Call c{*state, mem, abi};
      proc_exit(c, args[0].i32);
    };
    imports.add(module, "proc_exit",
                store.host_func(type_of("i", false), std::move(exit_fn), std::string(module) + ".proc_exit"));
  }
}

}  // namespace wasmrun
