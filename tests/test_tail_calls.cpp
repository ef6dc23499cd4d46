// Tail calls (return_call, return_call_indirect; interpreter.cpp,
// do_tail_call): constant frame use, host callees, callees in other
// instances, the traps of return_call_indirect, validation and the
// feature gate.
#include <cstdint>

#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

// Call depth far below the iteration counts: a tail call that pushed a
// frame would exhaust it at once.
StoreLimits shallow_limits() {
  StoreLimits l;
  l.max_call_depth = 64;
  return l;
}

}  // namespace

TEST_CASE("tail calls: ten million mutual tail calls run in constant frames", "[interp][tail]") {
  Store store(Features::all(), shallow_limits());
  Instance* inst = instantiate_wat(store, R"(
(module
  (func $even (export "even") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $odd (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))
  ;; a callee with more locals than its caller, zeroed on every entry
  (func $count (export "count") (param i64 i64) (result i64)
    (local $scratch i64)
    (if (i64.ne (local.get $scratch) (i64.const 0)) (then (unreachable)))
    (local.set $scratch (i64.const 1))
    (if (result i64) (i64.eqz (local.get 0))
      (then (local.get 1))
      (else (return_call $count (i64.sub (local.get 0) (i64.const 1))
                                (i64.add (local.get 1) (local.get $scratch))))))
  ;; called from wasm, so the chain returns into a caller frame
  (func (export "nested") (param i64) (result i32)
    (i32.add (call $even (local.get 0)) (i32.const 10)))
))");
  CHECK(invoke_i32(store, inst, "even", {i64(10000000)}) == 1);
  CHECK(invoke_i32(store, inst, "even", {i64(10000001)}) == 0);
  CHECK(invoke_i64(store, inst, "count", {i64(1000000), i64(5)}) == 1000005);
  CHECK(invoke_i32(store, inst, "nested", {i64(999999)}) == 10);

  // The same recursion with plain calls does exhaust the frames.
  Instance* plain = instantiate_wat(store, R"(
(module
  (func $down (export "down") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (call $down (i64.sub (local.get 0) (i64.const 1))))))
))");
  Failure f = failure_of([&] { invoke(store, plain, "down", {i64(1000)}); });
  CHECK(f.kind == ErrorKind::Exhaustion);
  CHECK(f.message == "call stack exhausted");
}

TEST_CASE("tail calls: a host callee's results are the caller's", "[interp][tail]") {
  Store store(Features::all(), shallow_limits());
  Imports imports;
  std::vector<Instance*> callers;
  imports.add("env", "triple", store.host_func({{ValType::I32}, {ValType::I32}},
      [&](HostCall& call, std::span<const Value> args, std::span<Value> results) {
        callers.push_back(call.caller);
        if (args[0].i32 == 7) throw_trap("host says no");
        results[0] = Value::from_i32(args[0].i32 * 3);
      }));
  // Four results, more than the tail-calling function ever holds on its
  // own stack: they come back where its arguments were.
  imports.add("env", "four", store.host_func({{}, {ValType::I64, ValType::I64, ValType::I64, ValType::I64}},
      [](HostCall&, std::span<const Value>, std::span<Value> results) {
        for (size_t i = 0; i < 4; ++i) results[i] = Value::from_i64(100 + i);
      }));
  Instance* inst = instantiate_wat(store, R"(
(module
  (import "env" "triple" (func $triple (param i32) (result i32)))
  (import "env" "four" (func $four (result i64 i64 i64 i64)))
  (type $t (func (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $triple)
  (memory 1)
  (func $via_host (export "via_host") (param i32) (result i32)
    (return_call $triple (i32.add (local.get 0) (i32.const 1))))
  (func (export "via_table") (param i32) (result i32)
    (return_call_indirect (type $t) (local.get 0) (i32.const 0)))
  (func (export "nested") (param i32) (result i32)
    (i32.store (i32.const 16) (i32.const 1000))
    (i32.add (call $via_host (local.get 0)) (i32.load (i32.const 16))))
  (func (export "four") (result i64 i64 i64 i64) (return_call $four))
  ;; a loop of tail calls that ends in the host
  (func $spin (export "spin") (param i32 i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (return_call $triple (local.get 1)))
      (else (return_call $spin (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 2))))))
))", imports);
  CHECK(invoke_i32(store, inst, "via_host", {i32(4)}) == 15);
  CHECK(invoke_i32(store, inst, "via_table", {i32(5)}) == 15);
  CHECK(invoke_i32(store, inst, "nested", {i32(1)}) == 6 + 1000);
  CHECK(invoke_i32(store, inst, "spin", {i32(100000), i32(0)}) == 600000);
  auto r = invoke(store, inst, "four");
  REQUIRE(r.size() == 4);
  for (size_t i = 0; i < 4; ++i) CHECK(r[i].i64 == 100 + i);
  REQUIRE(callers.size() == 4);
  for (Instance* c : callers) CHECK(c == inst);
  // A trap in the host function leaves the store usable.
  Failure f = failure_of([&] { invoke(store, inst, "via_host", {i32(6)}); });
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "host says no");
  CHECK(invoke_i32(store, inst, "nested", {i32(2)}) == 9 + 1000);
}

TEST_CASE("tail calls: across instances, each runs with its own memory", "[interp][tail]") {
  Store store(Features::all(), shallow_limits());
  // a.ping tail-calls b.pong through a's table, b.pong tail-calls a.ping
  // directly (an import): a chain that switches instance at every call.
  Instance* a = instantiate_wat(store, R"(
(module
  (type $t (func (param i32) (result i32)))
  (memory 1)
  (data (i32.const 0) "\64")  ;; 100
  (table (export "tab") 1 funcref)
  (func $ping (export "ping") (type $t)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.load (i32.const 0)))
      (else (return_call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0)))))
  ;; after the chain, a's memory must be a's again
  (func (export "outer") (type $t)
    (i32.add (call $ping (local.get 0)) (i32.mul (i32.load (i32.const 0)) (i32.const 1000))))
))");
  Imports imports;
  imports.add_instance("a", *a);
  Instance* b = instantiate_wat(store, R"(
(module
  (type $t (func (param i32) (result i32)))
  (import "a" "ping" (func $ping (type $t)))
  (import "a" "tab" (table 1 funcref))
  (memory 1)
  (data (i32.const 0) "\07")  ;; 7
  (elem (i32.const 0) $pong)
  (func $pong (export "pong") (type $t)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.load (i32.const 0)))
      (else (return_call $ping (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "outer") (type $t)
    (i32.add (call $pong (local.get 0)) (i32.mul (i32.load (i32.const 0)) (i32.const 1000))))
))", imports);
  // An even count ends in a (100), an odd one in b (7).
  CHECK(invoke_i32(store, a, "ping", {i32(1000000)}) == 100);
  CHECK(invoke_i32(store, a, "ping", {i32(1000001)}) == 7);
  CHECK(invoke_i32(store, b, "pong", {i32(1000000)}) == 7);
  CHECK(invoke_i32(store, b, "pong", {i32(1000001)}) == 100);
  CHECK(invoke_i32(store, a, "outer", {i32(300001)}) == 7 + 100000);
  CHECK(invoke_i32(store, a, "outer", {i32(300000)}) == 100 + 100000);
  CHECK(invoke_i32(store, b, "outer", {i32(300001)}) == 100 + 7000);
  CHECK(invoke_i32(store, b, "outer", {i32(300000)}) == 7 + 7000);
}

TEST_CASE("tail calls: return_call_indirect checks the element", "[interp][tail]") {
  Store store(Features::all());
  Instance* inst = instantiate_wat(store, R"(
(module
  (type $ii (func (param i32) (result i32)))
  (type $li (func (param i64) (result i32)))
  (table 3 funcref)
  (elem (i32.const 0) $inc $wide)
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $wide (type $li) (i32.wrap_i64 (local.get 0)))
  (func (export "call") (param i32 i32) (result i32)
    (return_call_indirect (type $ii) (local.get 1) (local.get 0)))
))");
  CHECK(invoke_i32(store, inst, "call", {i32(0), i32(41)}) == 42);
  Failure mismatch = failure_of([&] { invoke(store, inst, "call", {i32(1), i32(41)}); });
  CHECK(mismatch.kind == ErrorKind::Trap);
  CHECK(mismatch.message == "indirect call type mismatch");
  Failure null = failure_of([&] { invoke(store, inst, "call", {i32(2), i32(41)}); });
  CHECK(null.kind == ErrorKind::Trap);
  CHECK(null.message.starts_with("uninitialized element"));
  Failure outside = failure_of([&] { invoke(store, inst, "call", {i32(3), i32(41)}); });
  CHECK(outside.kind == ErrorKind::Trap);
  CHECK(outside.message == "undefined element");
  CHECK(invoke_i32(store, inst, "call", {i32(0), i32(1)}) == 2);
}

TEST_CASE("tail calls: validation and the feature flag", "[interp][tail][validate]") {
  auto load = [](const char* wat, const Features& f) {
    return failure_of([&] { CompiledModule::from_text(wat, f); });
  };
  // The callee's results must be the caller's.
  Failure results = load(R"((module
    (func $f (result i64) (i64.const 1))
    (func (result i32) (return_call $f))))", Features::all());
  CHECK(results.kind == ErrorKind::Invalid);
  CHECK(results.message.starts_with("type mismatch"));
  Failure indirect = load(R"((module
    (type $t (func (result i32)))
    (table 1 funcref)
    (func (result i64) (return_call_indirect (type $t) (i32.const 0)))))", Features::all());
  CHECK(indirect.kind == ErrorKind::Invalid);
  CHECK(indirect.message.starts_with("type mismatch"));
  // Unreachable code follows: the operand stack is polymorphic.
  CHECK_FALSE(load(R"((module
    (func $f (param i32) (result i32) (local.get 0))
    (func (result i32) (return_call $f (i32.const 1)) (i64.const 2) (drop))))", Features::all()).thrown);

  // With tail calls off: an unknown operator in the text, an illegal
  // opcode in the binary, both naming the feature.
  Features off = Features::all();
  off.tail_call = false;
  const char* wat = "(module (func $f (return_call $f)))";
  Failure text = load(wat, off);
  CHECK(text.kind == ErrorKind::Malformed);
  CHECK(text.message == "unknown operator return_call");
  CHECK(description_of([&] { CompiledModule::from_text(wat, off); }).find("needs feature tail-call") !=
        std::string::npos);
  // (func $f (return_call $f)) in binary
  const std::vector<uint8_t> bytes = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60,
                                      0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x06, 0x01, 0x04, 0x00, 0x12,
                                      0x00, 0x0b};
  CHECK_FALSE(failure_of([&] { CompiledModule::from_binary(std::span<const uint8_t>(bytes), Features::all()); }).thrown);
  Failure binary = failure_of([&] { CompiledModule::from_binary(std::span<const uint8_t>(bytes), off); });
  CHECK(binary.kind == ErrorKind::Malformed);
  CHECK(binary.message == "illegal opcode");
  CHECK(description_of([&] { CompiledModule::from_binary(std::span<const uint8_t>(bytes), off); })
            .find("needs feature tail-call") != std::string::npos);
}
