// The embedding API (include/wasmrun/wasmrun.h): host functions, linking,
// instantiation, memory views, globals and errors.
#include <pthread.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

TEST_CASE("api: host functions receive arguments and return results", "[api][host]") {
  Store store;
  Imports imports;
  std::vector<uint32_t> seen;
  std::vector<Instance*> callers;
  imports.add("env", "add3", store.host_func({{ValType::I32, ValType::I64}, {ValType::I64, ValType::I32}},
      [&](HostCall& call, std::span<const Value> args, std::span<Value> results) {
        callers.push_back(call.caller);
        seen.push_back(args[0].i32);
        results[0] = Value::from_i64(args[1].i64 + 3);
        results[1] = Value::from_i32(args[0].i32 * 2);
      }, "env.add3"));
  Instance* inst = instantiate_wat(store, R"(
(module
  (import "env" "add3" (func $add3 (param i32 i64) (result i64 i32)))
  (func (export "run") (result i64)
    (call $add3 (i32.const 5) (i64.const 10))
    (i64.extend_i32_u)
    (i64.add))
  (export "host" (func $add3))
))", imports);
  CHECK(invoke_i64(store, inst, "run") == 23);  // 13 + 10
  REQUIRE(seen.size() == 1);
  CHECK(seen[0] == 5);
  CHECK(callers[0] == inst);  // called from wasm: the calling instance
  // Calling the re-exported host function from the embedder.
  auto r = store.call(inst->func("host"), {Value::from_i32(1), Value::from_i64(1)});
  REQUIRE(r.size() == 2);
  CHECK(r[0].i64 == 4);
  CHECK(r[1].i32 == 2);
  CHECK(callers[1] == nullptr);  // called from the host
  CHECK(inst->func("host")->debug_name() == "env.add3");
}

TEST_CASE("api: a trap in a host function unwinds the guest and the store stays usable", "[api][host]") {
  Store store;
  Imports imports;
  imports.add("env", "fail", store.host_func({{ValType::I32}, {}},
      [](HostCall&, std::span<const Value> args, std::span<Value>) {
        if (args[0].i32 == 13) throw_trap("host says no");
      }));
  Instance* inst = instantiate_wat(store, R"(
(module
  (import "env" "fail" (func $fail (param i32)))
  (func $inner (param i32) (result i32) (call $fail (local.get 0)) (i32.add (local.get 0) (i32.const 1)))
  (func (export "outer") (param i32) (result i32) (call $inner (local.get 0)))
))", imports);
  Failure f = failure_of([&] { invoke(store, inst, "outer", {i32(13)}); });
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "host says no");
  CHECK(invoke_i32(store, inst, "outer", {i32(1)}) == 2);
}

TEST_CASE("api: host -> wasm -> host re-entry, bounded", "[api][host]") {
  Store store;
  Imports imports;
  Func* reenter = nullptr;
  Instance* inst = nullptr;
  imports.add("env", "reenter", store.host_func({{ValType::I32}, {ValType::I32}},
      [&](HostCall& call, std::span<const Value> args, std::span<Value> results) {
        // Calls back into the guest with n - 1.
        auto r = call.store.call(inst->func("count"), {Value::from_i32(args[0].i32 - 1)});
        results[0] = Value::from_i32(r[0].i32 + 1);
      }));
  (void)reenter;
  inst = instantiate_wat(store, R"(
(module
  (import "env" "reenter" (func $re (param i32) (result i32)))
  (func (export "count") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (call $re (local.get 0)))))
))", imports);
  CHECK(invoke_i32(store, inst, "count", {i32(100)}) == 100);
  Failure f = failure_of([&] { invoke(store, inst, "count", {i32(10000000)}); });
  CHECK(f.kind == ErrorKind::Exhaustion);
  CHECK(invoke_i32(store, inst, "count", {i32(10)}) == 10);
}

TEST_CASE("api: re-entry on a thread with a small stack ends in exhaustion", "[api][host]") {
  struct Run {
    Failure failure;
    uint32_t small = 0;
    static void* go(void* p) {
      Run& run = *static_cast<Run*>(p);
      Store store;
      Imports imports;
      Instance* inst = nullptr;
      imports.add("env", "reenter", store.host_func({{ValType::I32}, {ValType::I32}},
          [&](HostCall& call, std::span<const Value> args, std::span<Value> results) {
            auto r = call.store.call(inst->func("count"), {Value::from_i32(args[0].i32 - 1)});
            results[0] = Value::from_i32(r[0].i32 + 1);
          }));
      inst = instantiate_wat(store, R"(
(module
  (import "env" "reenter" (func $re (param i32) (result i32)))
  (func (export "count") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (call $re (local.get 0)))))
))", imports);
      run.failure = failure_of([&] { store.call(inst->func("count"), {Value::from_i32(1000000)}); });
      run.small = store.call(inst->func("count"), {Value::from_i32(20)})[0].i32;
      return nullptr;
    }
  } run;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  // Under AddressSanitizer a re-entry level takes about ten times the
  // native stack (interp/exec/interpreter.cpp, kNativeStackBudget): "small" is
  // then 4 MiB, so that 20 levels still fit in half of it.
  size_t small_stack = 512 * 1024;
#if defined(__SANITIZE_ADDRESS__)
  small_stack *= 8;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  small_stack *= 8;
#endif
#endif
  pthread_attr_setstacksize(&attr, small_stack);
  pthread_t thread;
  REQUIRE(pthread_create(&thread, &attr, &Run::go, &run) == 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  CHECK(run.failure.kind == ErrorKind::Exhaustion);
  CHECK(run.failure.message == "call stack exhausted");
  CHECK(run.small == 20);
}

TEST_CASE("api: memory views see guest stores", "[api][memory]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (memory (export "memory") 1)
  (func (export "put") (param i32 i32) (i32.store16 (local.get 0) (local.get 1)))
  (func (export "grow") (result i32) (memory.grow (i32.const 1)))
  (func (export "get") (param i32) (result i32) (i32.load8_u (local.get 0)))
))");
  invoke(store, inst, "put", {i32(6), i32(0xBEEF)});
  Memory* mem = inst->memory("memory");
  REQUIRE(mem != nullptr);
  auto halves = mem->view<uint16_t>();
  CHECK(halves.size() == 32768);
  CHECK(halves.get(3) == 0xBEEF);
  auto bytes = mem->view<uint8_t>();
  CHECK(bytes.get(6) == 0xEF);
  CHECK(bytes.get(7) == 0xBE);
  // The host writes, the guest reads.
  mem->bytes()[9] = 0x5A;
  CHECK(invoke_i32(store, inst, "get", {i32(9)}) == 0x5A);
  CHECK(invoke_i32(store, inst, "grow") == 1);
  CHECK(mem->pages() == 2);
  CHECK(mem->view<uint32_t>().size() == 32768);
  CHECK(mem->grow(1) == 2);
  CHECK(mem->size_bytes() == 3 * 65536);
}

TEST_CASE("api: a trap in a segment keeps the writes made before it", "[api][instantiate]") {
  Store store;
  Imports imports;
  Instance* provider = instantiate_wat(store, R"(
(module
  (memory (export "mem") 1)
  (table (export "tab") 10 funcref)
  (func (export "f") (result i32) (i32.const 7))
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
))");
  imports.add_instance("p", *provider);
  Failure f = failure_of([&] {
    instantiate_wat(store, R"(
(module
  (import "p" "mem" (memory 1))
  (import "p" "tab" (table 10 funcref))
  (import "p" "f" (func $f (result i32)))
  (elem (i32.const 3) $f)
  (data (i32.const 100) "A")
  (data (i32.const 65535) "BC")
))", imports);
  });
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "out of bounds memory access");
  CHECK(invoke_i32(store, provider, "load", {i32(100)}) == 'A');     // the earlier data segment
  CHECK(invoke_i32(store, provider, "load", {i32(65535)}) == 0);     // nothing of the failing one
  CHECK(invoke_i32(store, provider, "call", {i32(3)}) == 7);         // the element segment
  // A failing element segment traps with the table message.
  f = failure_of([&] {
    instantiate_wat(store, R"(
(module (import "p" "tab" (table 10 funcref)) (func $g) (elem (i32.const 9) $g $g))
)", imports);
  });
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "out of bounds table access");
}

TEST_CASE("api: link errors", "[api][instantiate]") {
  Store store;
  Imports imports;
  imports.add("env", "f", store.host_func({{ValType::I32}, {}}, [](HostCall&, std::span<const Value>, std::span<Value>) {}));
  imports.add("env", "g", store.new_global({ValType::I32, false}, Value::from_i32(1)));
  MemoryType mt;
  mt.limits = Limits{1, true, 2};
  imports.add("env", "m", store.new_memory(mt));

  auto link_error = [&](const char* wat) {
    Failure f = failure_of([&] { instantiate_wat(store, wat, imports); });
    CHECK(f.kind == ErrorKind::Link);
    return f.message;
  };
  CHECK(link_error(R"((module (import "env" "nope" (func))))").rfind("unknown import", 0) == 0);
  CHECK(link_error(R"((module (import "env" "f" (func (param i64)))))").rfind("incompatible import type", 0) == 0);
  CHECK(link_error(R"((module (import "env" "f" (global i32))))").rfind("incompatible import type", 0) == 0);
  CHECK(link_error(R"((module (import "env" "g" (global (mut i32)))))").rfind("incompatible import type", 0) == 0);
  CHECK(link_error(R"((module (import "env" "m" (memory 2))))").rfind("incompatible import type", 0) == 0);
  CHECK(link_error(R"((module (import "env" "m" (memory 1 1))))").rfind("incompatible import type", 0) == 0);
  // Matching imports link.
  Instance* ok = instantiate_wat(store, R"(
(module (import "env" "f" (func (param i32))) (import "env" "g" (global i32)) (import "env" "m" (memory 1 3))
  (func (export "g") (result i32) (global.get 0)))
)", imports);
  CHECK(invoke_i32(store, ok, "g") == 1);
}

TEST_CASE("api: call checks its arguments", "[api]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"((module (func (export "f") (param i32) (result i32) (local.get 0))))");
  Func* f = inst->func("f");
  CHECK(failure_of([&] { store.call(f, {}); }).kind == ErrorKind::Usage);
  CHECK(failure_of([&] { store.call(f, {Value::from_i64(1)}); }).kind == ErrorKind::Usage);
  CHECK(failure_of([&] { store.call(f, {Value::from_i32(1), Value::from_i32(2)}); }).kind == ErrorKind::Usage);
  CHECK(store.call(f, {Value::from_i32(3)})[0].i32 == 3);
  CHECK(f->type() == FuncType{{ValType::I32}, {ValType::I32}});
}

TEST_CASE("api: modules link through Imports::add_instance", "[api][instantiate]") {
  Store store;
  Instance* a = instantiate_wat(store, R"(
(module
  (type $t (func (param i32) (result i32)))
  (func $inc (export "inc") (type $t) (i32.add (local.get 0) (i32.const 1)))
  (table (export "tab") 2 funcref)
  (elem (i32.const 0) $inc)
  (global (export "counter") (mut i32) (i32.const 0)))
)");
  Imports imports;
  imports.add_instance("a", *a);
  Instance* b = instantiate_wat(store, R"(
(module
  (type $u (func (param i32) (result i32)))  ;; structurally equal to a's $t
  (import "a" "inc" (func $inc (type $u)))
  (import "a" "tab" (table 2 funcref))
  (import "a" "counter" (global $c (mut i32)))
  (func (export "twice") (param i32) (result i32)
    (global.set $c (i32.add (global.get $c) (i32.const 1)))
    (call_indirect (type $u) (call $inc (local.get 0)) (i32.const 0))))
)", imports);
  CHECK(invoke_i32(store, b, "twice", {i32(40)}) == 42);
  CHECK(a->global("counter")->get().i32 == 1);
  a->global("counter")->set(Value::from_i32(10));
  CHECK(invoke_i32(store, b, "twice", {i32(0)}) == 2);
  CHECK(a->global("counter")->get().i32 == 11);
  CHECK(failure_of([&] { a->global("counter")->set(Value::from_i64(1)); }).kind == ErrorKind::Usage);
  CHECK(a->table("tab")->size() == 2);
  CHECK(a->table("tab")->get(0).func() == a->func("inc"));
  CHECK(a->table("tab")->get(1).is_null());
  CHECK(b->exports().size() == 1);
  CHECK(b->func("nope") == nullptr);
  CHECK(b->memory("twice") == nullptr);
}

TEST_CASE("api: debug names", "[api]") {
  // (module (func $named (export "e1")) (func (export "e2")) (func $private)
  //   (table 1 funcref) (elem (i32.const 0) 2) (export "tab" (table 0)))
  // with a name section naming functions 0 and 2.
  static const uint8_t kBinary[] = {
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x04, 0x03,
      0x00, 0x00, 0x00, 0x04, 0x04, 0x01, 0x70, 0x00, 0x01, 0x07, 0x11, 0x03, 0x02, 0x65, 0x31, 0x00, 0x00,
      0x02, 0x65, 0x32, 0x00, 0x01, 0x03, 0x74, 0x61, 0x62, 0x01, 0x00, 0x09, 0x07, 0x01, 0x00, 0x41, 0x00,
      0x0b, 0x01, 0x02, 0x0a, 0x0a, 0x03, 0x02, 0x00, 0x0b, 0x02, 0x00, 0x0b, 0x02, 0x00, 0x0b, 0x00, 0x21,
      0x04, 0x6e, 0x61, 0x6d, 0x65, 0x01, 0x11, 0x02, 0x00, 0x05, 0x6e, 0x61, 0x6d, 0x65, 0x64, 0x02, 0x07,
      0x70, 0x72, 0x69, 0x76, 0x61, 0x74, 0x65, 0x02, 0x07, 0x03, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00};
  Store store;
  auto module = CompiledModule::from_binary(kBinary, Features::v2());
  Instance* inst = store.instantiate(*module, Imports{});
  CHECK(inst->func("e1")->debug_name() == "named");  // the name section wins
  CHECK(inst->func("e2")->debug_name() == "e2");     // else the export name
  Func* third = inst->table("tab")->get(0).func();
  REQUIRE(third != nullptr);
  CHECK(third->debug_name() == "private");

  Instance* plain = instantiate_wat(store, R"((module (func) (func (export "f") (call 0))
    (table 1 funcref) (elem (i32.const 0) 0) (export "t" (table 0))))");
  CHECK(plain->table("t")->get(0).func()->debug_name() == "func[0]");
}

TEST_CASE("api: start function and immutable globals", "[api][instantiate]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (global $g (mut i32) (i32.const 1))
  (global (export "k") i32 (i32.const 5))
  (func $start (global.set $g (i32.const 99)))
  (start $start)
  (func (export "g") (result i32) (global.get $g)))
)");
  CHECK(invoke_i32(store, inst, "g") == 99);
  CHECK(failure_of([&] { inst->global("k")->set(Value::from_i32(1)); }).kind == ErrorKind::Usage);
  CHECK(failure_of([&] { instantiate_wat(store, R"((module (func $s unreachable) (start $s)))"); }).message ==
        "unreachable");
}

TEST_CASE("api: CompiledModule from files, imports and exports", "[api][module]") {
  const char* wat = R"((module (import "m" "f" (func)) (memory (export "mem") 1) (func (export "run"))))";
  auto text = CompiledModule::from_text(wat, Features::v2());
  auto imports = text->imports();
  REQUIRE(imports.size() == 1);
  CHECK(imports[0].module == "m");
  CHECK(imports[0].name == "f");
  CHECK(imports[0].kind == ExternKind::Func);
  auto exports = text->exports();
  REQUIRE(exports.size() == 2);
  CHECK(exports[0].name == "mem");
  CHECK(exports[0].kind == ExternKind::Memory);

  char path_template[] = "/tmp/wasmrun-api-XXXXXX.wat";
  int fd = ::mkstemps(path_template, 4);
  REQUIRE(fd >= 0);
  ::close(fd);
  std::string path = path_template;
  {
    std::ofstream out(path);
    out << wat;
  }
  auto from_text_file = CompiledModule::from_file(path, Features::v2());
  CHECK(from_text_file->exports().size() == 2);
  std::remove(path.c_str());
  std::vector<uint8_t> bin = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bin.data()), static_cast<std::streamsize>(bin.size()));
  }
  CHECK(CompiledModule::from_file(path, Features::v2())->exports().empty());
  std::remove(path.c_str());
  CHECK(failure_of([&] { CompiledModule::from_file("/nonexistent/x.wasm", Features::v2()); }).kind == ErrorKind::Io);
}
