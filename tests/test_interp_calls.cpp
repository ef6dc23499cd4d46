// Interpreter: the paths a call can take (interpreter.cpp, do_call): same
// instance or another one, host functions, first calls that compile the
// callee, direct or through a table, and the locals a call zeroes.
#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

TEST_CASE("interp calls: host functions through call_indirect", "[interp][calls]") {
  Store store;
  Imports imports;
  std::vector<Instance*> callers;
  imports.add("env", "mix", store.host_func({{ValType::I32, ValType::I64}, {ValType::I64}},
      [&](HostCall& call, std::span<const Value> args, std::span<Value> results) {
        callers.push_back(call.caller);
        if (args[0].i32 == 13) throw_trap("host says no");
        results[0] = Value::from_i64(args[1].i64 * 10 + args[0].i32);
      }));
  Instance* inst = instantiate_wat(store, R"(
(module
  (type $t (func (param i32 i64) (result i64)))
  (import "env" "mix" (func $mix (type $t)))
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) $mix $wasm)
  (func $wasm (type $t) (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
  ;; memory is read after the host call: the loop's cached memory is intact
  (func (export "via_table") (param i32 i32) (result i64)
    (i32.store (i32.const 8) (i32.const 1000))
    (call_indirect (type $t) (local.get 1) (i64.const 7) (local.get 0))
    (i64.add (i64.load32_u (i32.const 8))))
))", imports);
  CHECK(invoke_i64(store, inst, "via_table", {i32(0), i32(3)}) == 73 + 1000);
  CHECK(invoke_i64(store, inst, "via_table", {i32(1), i32(3)}) == 10 + 1000);
  REQUIRE(callers.size() == 1);
  CHECK(callers[0] == inst);
  // A trap in the host function leaves the store usable.
  Failure f = failure_of([&] { invoke(store, inst, "via_table", {i32(0), i32(13)}); });
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "host says no");
  CHECK(invoke_i64(store, inst, "via_table", {i32(0), i32(4)}) == 74 + 1000);
}

namespace {

// Two instances, each with its own memory holding a marker at address 0;
// every function reads its own instance's marker before and after its calls.
struct TwoInstances {
  Store store;
  Instance* a = nullptr;
  Instance* b = nullptr;
  TwoInstances() {
    a = instantiate_wat(store, R"(
(module
  (type $t (func (param i32) (result i32)))
  (memory (export "mem") 1)
  (data (i32.const 0) "\64")  ;; 100
  (table (export "tab") 4 funcref)
  (elem (i32.const 0) $mark)
  ;; marker + x, and the depth-bounded ping-pong with b
  (func $mark (export "mark") (type $t) (i32.add (i32.load (i32.const 0)) (local.get 0)))
  (func (export "fail") (type $t) (unreachable))
  (func (export "pong") (type $t)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.load (i32.const 0)))
      (else
        (i32.add (i32.load (i32.const 0))
          (call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 1))))))
  (func (export "down") (type $t)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 2)))))
))");
    Imports imports;
    imports.add_instance("a", *a);
    b = instantiate_wat(store, R"(
(module
  (type $t (func (param i32) (result i32)))
  (import "a" "mark" (func $mark (type $t)))
  (import "a" "fail" (func $fail (type $t)))
  (import "a" "pong" (func $pong (type $t)))
  (import "a" "down" (func $a_down (type $t)))
  (import "a" "tab" (table 4 funcref))
  (memory 1)
  (data (i32.const 0) "\07")  ;; 7
  (elem (i32.const 1) $ping $b_down)
  (func (export "direct") (param i32) (result i32)
    (i32.add (call $mark (local.get 0)) (i32.load (i32.const 0))))
  (func (export "indirect") (param i32) (result i32)
    (i32.add (call_indirect (type $t) (local.get 0) (i32.const 0)) (i32.load (i32.const 0))))
  (func (export "trap") (param i32) (result i32)
    (i32.add (call $fail (local.get 0)) (i32.load (i32.const 0))))
  (func $ping (type $t)
    (i32.add (i32.load (i32.const 0)) (call $pong (local.get 0))))
  (func (export "ping") (type $t) (call $ping (local.get 0)))
  (func $b_down (type $t) (call $a_down (local.get 0)))
  (func (export "down") (type $t) (call $b_down (local.get 0)))
))", imports);
  }
};

}  // namespace

TEST_CASE("interp calls: across instances, memory follows the instance", "[interp][calls]") {
  TwoInstances t;
  // a's marker 100 + 5, then b's marker 7 after the return.
  CHECK(invoke_i32(t.store, t.b, "direct", {i32(5)}) == 112);
  CHECK(invoke_i32(t.store, t.b, "indirect", {i32(5)}) == 112);
  // b -> a -> b -> a ...: every level adds its own marker.
  // ping(n) = 7 + pong(n); pong(0) = 100; pong(n) = 100 + ping(n - 1).
  CHECK(invoke_i32(t.store, t.b, "ping", {i32(0)}) == 107);
  CHECK(invoke_i32(t.store, t.b, "ping", {i32(3)}) == 4 * 107);
  CHECK(invoke_i32(t.store, t.a, "pong", {i32(3)}) == 100 + 3 * 107);
}

TEST_CASE("interp calls: a trap in another instance leaves the store usable", "[interp][calls]") {
  TwoInstances t;
  Failure f = failure_of([&] { invoke(t.store, t.b, "trap", {i32(1)}); });
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "unreachable");
  CHECK(invoke_i32(t.store, t.b, "direct", {i32(1)}) == 108);
  CHECK(invoke_i32(t.store, t.a, "mark", {i32(1)}) == 101);
}

TEST_CASE("interp calls: recursion across instances ends in exhaustion", "[interp][calls][stack]") {
  TwoInstances t;
  CHECK(invoke_i32(t.store, t.b, "down", {i32(1000)}) == 0);
  Failure f = failure_of([&] { invoke(t.store, t.b, "down", {i32(10000000)}); });
  CHECK(f.kind == ErrorKind::Exhaustion);
  CHECK(f.message == "call stack exhausted");
  CHECK(invoke_i32(t.store, t.b, "ping", {i32(2)}) == 3 * 107);
}

TEST_CASE("interp calls: the call depth limit holds across instances", "[interp][calls][stack]") {
  StoreLimits limits;
  limits.max_call_depth = 100;
  Store store(Features::v2(), limits);
  Instance* a = instantiate_wat(store, R"(
(module
  (func (export "leaf") (param i32) (result i32) (local.get 0)))
)");
  Imports imports;
  imports.add_instance("a", *a);
  Instance* b = instantiate_wat(store, R"(
(module
  (import "a" "leaf" (func $leaf (param i32) (result i32)))
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (call $leaf (i32.const 5)))
      (else (call $down (i32.sub (local.get 0) (i32.const 1)))))))
)", imports);
  CHECK(invoke_i32(store, b, "down", {i32(80)}) == 5);
  CHECK(failure_of([&] { invoke(store, b, "down", {i32(200)}); }).kind == ErrorKind::Exhaustion);
}

TEST_CASE("interp calls: a first call through a table compiles the callee", "[interp][calls]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (type $t (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $sq $rec)
  (func $sq (type $t) (i32.mul (local.get 0) (local.get 0)))
  ;; calls itself through the table; its first call also comes through it
  (func $rec (type $t)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
      (else (i32.mul (i32.const 2)
        (call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 1))))))
  (func (export "call") (param i32 i32) (result i32)
    (call_indirect (type $t) (local.get 1) (local.get 0)))
))");
  CHECK(invoke_i32(store, inst, "call", {i32(0), i32(9)}) == 81);
  CHECK(invoke_i32(store, inst, "call", {i32(1), i32(10)}) == 1024);
}

TEST_CASE("interp calls: callees with no locals and with many get zeroed locals", "[interp][calls]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  ;; no locals, no parameters
  (func $none (result i32) (i32.const 3))
  ;; 40 locals: returns the sum of all of them (0 if zeroed), then dirties them
  (func $many (param i32) (result i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64)
    (local $sum i32)
    (local.set $sum (i32.add (local.get 0)
      (i32.add (i32.add (i32.add (local.get 1) (local.get 5)) (i32.add (local.get 10) (local.get 21)))
               (i32.add (i32.wrap_i64 (local.get 11)) (i32.wrap_i64 (local.get 20))))))
    (local.set $sum (i32.add (local.get $sum)
      (i32.add (i32.trunc_f64_s (local.get 31)) (i32.trunc_f64_s (local.get 40)))))
    (local.set 1 (i32.const 11)) (local.set 5 (i32.const 55)) (local.set 10 (i32.const 1))
    (local.set 21 (i32.const 21)) (local.set 11 (i64.const 11)) (local.set 20 (i64.const 20))
    (local.set 31 (f64.const 31)) (local.set 40 (f64.const 40))
    (local.get $sum))
  ;; one local: returns it (0 if zeroed), after setting it
  (func $one (result i32) (local i32) (local.get 0) (local.set 0 (i32.const 99)))
  ;; each call runs in the frame the previous one dirtied
  (func (export "run") (result i32)
    (i32.add
      (i32.add (call $many (i32.const 1)) (call $many (i32.const 2)))
      (i32.add (i32.add (call $one) (call $one)) (call $none))))
  ;; fills the stack above the caller with garbage first, deeper than $many's frame
  (func $deep (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (call $many (i32.const 0)))
      (else (call $deep (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "after_deep") (result i32)
    (drop (call $deep (i32.const 5)))
    (i32.add (call $many (i32.const 4)) (call $one)))
))");
  CHECK(invoke_i32(store, inst, "run") == 1 + 2 + 0 + 0 + 3);
  CHECK(invoke_i32(store, inst, "after_deep") == 4);
}
