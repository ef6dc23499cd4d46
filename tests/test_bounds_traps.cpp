// Out-of-bounds loads and stores trap in either bounds mode (interp/exec/bounds_mode.h):
// at every access width, at the last valid byte and one past it, with
// offsets, after memory.grow, inside a host call's nested wasm call, on
// several threads at once; and a fault that is not a guest access stays a
// crash. CI runs this file in both modes (WASMRUN_BOUNDS_CHECKS).
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <string>
#include <thread>
#include <vector>

#include "interp/exec/bounds_mode.h"
#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

struct Access {
  const char* op;
  const char* type;  // the loaded or stored value's type
  uint32_t width;
  bool store;
};

const Access kAccesses[] = {
    {"i32.load", "i32", 4, false},     {"i64.load", "i64", 8, false},     {"f32.load", "f32", 4, false},
    {"f64.load", "f64", 8, false},     {"i32.load8_s", "i32", 1, false},  {"i32.load8_u", "i32", 1, false},
    {"i32.load16_s", "i32", 2, false}, {"i32.load16_u", "i32", 2, false}, {"i64.load8_s", "i64", 1, false},
    {"i64.load8_u", "i64", 1, false},  {"i64.load16_s", "i64", 2, false}, {"i64.load16_u", "i64", 2, false},
    {"i64.load32_s", "i64", 4, false}, {"i64.load32_u", "i64", 4, false}, {"v128.load", "v128", 16, false},
    {"i32.store", "i32", 4, true},     {"i64.store", "i64", 8, true},     {"f32.store", "f32", 4, true},
    {"f64.store", "f64", 8, true},     {"i32.store8", "i32", 1, true},    {"i32.store16", "i32", 2, true},
    {"i64.store8", "i64", 1, true},    {"i64.store16", "i64", 2, true},   {"i64.store32", "i64", 4, true},
    {"v128.store", "v128", 16, true},
};

constexpr uint32_t kOffset = 16;
constexpr uint32_t kPage = 65536;

std::string value_of(const std::string& type) {
  if (type == "v128") return "(v128.const i64x2 -1 -1)";
  return "(" + type + ".const -1)";
}

// Each access as an export taking the address: a load returns 1 (its value
// is dropped), a store writes all ones. The offset immediate is kOffset.
std::string accesses_module() {
  std::string wat = "(module (memory (export \"mem\") 1 4)\n";
  for (const Access& a : kAccesses) {
    std::string body = std::string("(") + a.op + " offset=" + std::to_string(kOffset) + " (local.get 0)";
    if (a.store) {
      body += " " + value_of(a.type) + ")";
    } else {
      body = "(drop " + body + "))";
    }
    wat += std::string("  (func (export \"") + a.op + "\") (param i32) (result i32) " + body + " (i32.const 1))\n";
  }
  wat += "  (func (export \"grow\") (result i32) (memory.grow (i32.const 1)))\n";
  wat += "  (func (export \"byte\") (param i32) (result i32) (i32.load8_u (local.get 0)))\n";
  return wat + ")";
}

bool traps_out_of_bounds(Store& store, Instance* inst, const char* name, uint32_t addr) {
  Failure f = failure_of([&] { invoke_i32(store, inst, name, {i32(addr)}); });
  if (!f.thrown) return false;
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "out of bounds memory access");
  return true;
}

// Every access at its last valid address works and one byte further traps,
// in a memory of `size` bytes; a trapping store leaves the bytes it would
// have covered unchanged.
void check_edges(Store& store, Instance* inst, uint32_t size) {
  for (const Access& a : kAccesses) {
    INFO(a.op << " in a memory of " << size << " bytes");
    const uint32_t last = size - a.width - kOffset;  // the access ends at the last byte
    CHECK(invoke_i32(store, inst, a.op, {i32(last)}) == 1);
    CHECK(traps_out_of_bounds(store, inst, a.op, last + 1));
    CHECK(traps_out_of_bounds(store, inst, a.op, size - kOffset));        // starts one past the end
    CHECK(traps_out_of_bounds(store, inst, a.op, 0xFFFFFFFFu));          // address + offset past 2^32
    CHECK(traps_out_of_bounds(store, inst, a.op, 0xFFFFFFFFu - kOffset));  // ends past 2^32
    if (a.store) {
      // Mark the last bytes, straddle the end with the store, and check
      // that none of them changed.
      for (uint32_t k = 1; k < a.width; ++k) {
        invoke(store, inst, "i32.store8", {i32(size - k - kOffset)});  // writes 0xFF
      }
      Memory* mem = inst->memory("mem");
      auto bytes = mem->bytes();
      for (uint32_t k = 1; k < a.width; ++k) bytes[size - k] = static_cast<uint8_t>(k);
      CHECK(traps_out_of_bounds(store, inst, a.op, last + 1));
      for (uint32_t k = 1; k < a.width; ++k) CHECK(invoke_i32(store, inst, "byte", {i32(size - k)}) == k);
    }
  }
}

}  // namespace

TEST_CASE("bounds: every access width traps one byte past the end, before and after memory.grow",
          "[bounds]") {
  INFO("bounds mode " << interp::bounds_mode_name(interp::bounds_mode()));
  Store store;
  Instance* inst = instantiate_wat(store, accesses_module());
  check_edges(store, inst, kPage);
  CHECK(invoke_i32(store, inst, "grow") == 1);
  check_edges(store, inst, 2 * kPage);
  // The grown page is usable and zero.
  CHECK(invoke_i32(store, inst, "byte", {i32(kPage + 5)}) == 0);
}

TEST_CASE("bounds: a trap in a wasm call nested in a host call, caught or not by the host", "[bounds]") {
  Store store;
  Imports imports;
  Instance* inner = instantiate_wat(store, accesses_module());
  Func* load = inner->func("i32.load");
  int caught = 0;
  imports.add("env", "probe", store.host_func({{ValType::I32, ValType::I32}, {ValType::I32}},
      [&](HostCall&, std::span<const Value> args, std::span<Value> results) {
        // args[1] == 1: the host catches the guest's trap and answers 7.
        try {
          results[0] = store.call(load, {Value::from_i32(args[0].i32)})[0];
        } catch (const Error& e) {
          if (args[1].i32 != 1) throw;
          CHECK(e.kind() == ErrorKind::Trap);
          ++caught;
          results[0] = Value::from_i32(7);
        }
      }));
  Instance* outer = instantiate_wat(store, R"(
(module
  (import "env" "probe" (func $probe (param i32 i32) (result i32)))
  (memory 1)
  (func (export "run") (param i32 i32) (result i32)
    (call $probe (local.get 0) (local.get 1)))
  ;; after a nested trap, the outer function's own accesses still trap
  (func (export "run_then_load") (param i32 i32) (result i32)
    (drop (call $probe (local.get 0) (local.get 1)))
    (i32.load (i32.const 65535))))
)", imports);
  CHECK(invoke_i32(store, outer, "run", {i32(kPage - 4 - kOffset), i32(0)}) == 1);
  Failure f = failure_of([&] { invoke_i32(store, outer, "run", {i32(kPage), i32(0)}); });
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "out of bounds memory access");
  CHECK(invoke_i32(store, outer, "run", {i32(kPage), i32(1)}) == 7);
  CHECK(caught == 1);
  f = failure_of([&] { invoke_i32(store, outer, "run_then_load", {i32(kPage), i32(1)}); });
  CHECK(caught == 2);
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "out of bounds memory access");
  // And the store is still usable.
  CHECK(invoke_i32(store, inner, "i32.load", {i32(0)}) == 1);
}

TEST_CASE("bounds: threads trap independently", "[bounds]") {
  constexpr int kThreads = 4, kRounds = 300;
  std::vector<int> traps(kThreads), loads(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store store;
      auto module = CompiledModule::from_text(accesses_module(), store.features());
      Instance* inst = store.instantiate(*module, Imports{});
      Func* f = inst->func("i64.load");
      for (int r = 0; r < kRounds; ++r) {
        try {
          store.call(f, {Value::from_i32(r % 2 ? kPage : 0)});
          ++loads[t];
        } catch (const Error& e) {
          if (e.kind() == ErrorKind::Trap) ++traps[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    CHECK(traps[t] == kRounds / 2);
    CHECK(loads[t] == kRounds / 2);
  }
}

TEST_CASE("bounds: a host function's own fault in guest memory is a crash, not a trap", "[bounds]") {
  // In a child process: a host function called from wasm writes past the
  // memory's end itself. That is a bug in the host, and must not be taken
  // for the guest's trap.
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // The child is meant to die: a sanitizer's report of the fault would
    // only read like a finding in the test log.
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) dup2(devnull, STDERR_FILENO);
    Store store;
    Imports imports;
    Memory* mem = nullptr;
    imports.add("env", "bad", store.host_func({{}, {}}, [&](HostCall&, std::span<const Value>, std::span<Value>) {
      volatile uint8_t* past = mem->bytes().data() + mem->size_bytes() + 4096;
      *past = 1;
    }));
    Instance* inst = instantiate_wat(store, R"(
(module (import "env" "bad" (func $bad)) (memory (export "mem") 1)
  (func (export "run") (call $bad)))
)", imports);
    mem = inst->memory("mem");
    try {
      store.call(inst->func("run"), {});
    } catch (...) {
      _exit(3);  // taken for a trap: wrong
    }
    _exit(4);  // the write went through: wrong
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  // Explicit mode too: the memory's trailing guard catches the write. It
  // dies of the fault, or of the abort a sanitizer's report ends with.
  CHECK(WIFSIGNALED(status));
  if (WIFSIGNALED(status)) CHECK((WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == SIGABRT));
}
