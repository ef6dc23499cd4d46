// Interpreter: control flow, calls, the call stack, memory and tables.
#include <cstring>

#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

TEST_CASE("interp: blocks, branches and multi-value", "[interp][control]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (func $swap (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
  (func (export "swap") (param i32 i32) (result i32 i32) (call $swap (local.get 0) (local.get 1)))
  ;; a block with params; the branch keeps 2 values and drops the 3 below
  (func (export "keep2") (result i32 i32)
    (i32.const 10) (i32.const 20)
    (block (param i32 i32) (result i32 i32)
      (i32.const 1) (i32.const 2) (i32.const 3)
      (i32.const 4) (i32.const 5)
      (br 0)))
  ;; a loop with a parameter: sums 1..n on the stack
  (func (export "loop_param") (param $n i32) (result i32)
    (i32.const 0)
    (loop $l (param i32) (result i32)
      (i32.add (local.get $n))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n) (i32.ne (i32.const 0)))))
  ;; br_table to blocks of different heights
  (func (export "table") (param i32) (result i32)
    (block $d (result i32)
      (i32.const 99) (i32.const 98)
      (block $b (result i32)
        (block $a (result i32)
          (i32.const 7) (i32.const 8)
          (br_table $a $b $d (i32.const 100) (local.get 0)))
        (i32.add (i32.const 1))
        (br $d))
      (drop) (drop) (drop) (i32.const -1)))
  (func (export "if_else") (param i32) (result i32)
    (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))
  (func (export "select") (param i32) (result i64)
    (select (result i64) (i64.const 3) (i64.const 4) (local.get 0)))
  (func (export "unreachable") (unreachable) (i32.const 1) (drop))
  (func (export "early_return") (param i32) (result i32)
    (block (br_if 0 (local.get 0)) (return (i32.const 5)))
    (i32.const 6))
))");
  auto r = invoke(store, inst, "swap", {i32(1), i32(2)});
  REQUIRE(r.size() == 2);
  CHECK(r[0].i32 == 2);
  CHECK(r[1].i32 == 1);
  r = invoke(store, inst, "keep2");
  REQUIRE(r.size() == 2);
  CHECK(r[0].i32 == 4);
  CHECK(r[1].i32 == 5);
  CHECK(invoke_i32(store, inst, "loop_param", {i32(100)}) == 5050);
  CHECK(invoke_i32(store, inst, "table", {i32(0)}) == 101);  // $a: 100, then +1
  CHECK(invoke_i32(store, inst, "table", {i32(1)}) == 0xFFFFFFFFu);  // $b: its 100 and $d's 99, 98 dropped
  CHECK(invoke_i32(store, inst, "table", {i32(2)}) == 100);  // $d
  CHECK(invoke_i32(store, inst, "table", {i32(77)}) == 100); // default
  CHECK(invoke_i32(store, inst, "if_else", {i32(5)}) == 1);
  CHECK(invoke_i32(store, inst, "if_else", {i32(0)}) == 2);
  CHECK(invoke_i64(store, inst, "select", {i32(1)}) == 3);
  CHECK(invoke_i64(store, inst, "select", {i32(0)}) == 4);
  Failure f = failure_of([&] { invoke(store, inst, "unreachable"); });
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "unreachable");
  CHECK(invoke_i32(store, inst, "early_return", {i32(0)}) == 5);
  CHECK(invoke_i32(store, inst, "early_return", {i32(1)}) == 6);
}

TEST_CASE("interp: deep guest recursion ends in exhaustion, not a crash", "[interp][stack]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
  (func $forever (export "forever") (call $forever))
))");
  Failure f = failure_of([&] { invoke(store, inst, "down", {i32(1000000)}); });
  CHECK(f.thrown);
  CHECK(f.kind == ErrorKind::Exhaustion);
  CHECK(f.message == "call stack exhausted");
  f = failure_of([&] { invoke(store, inst, "forever"); });
  CHECK(f.kind == ErrorKind::Exhaustion);
  // The store is usable afterwards, and recursion below the limit works.
  CHECK(invoke_i32(store, inst, "down", {i32(50000)}) == 50000);
}

TEST_CASE("interp: the call depth follows StoreLimits", "[interp][stack]") {
  StoreLimits limits;
  limits.max_call_depth = 100;
  Store store(Features::v2(), limits);
  Instance* inst = instantiate_wat(store, R"(
(module
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (call $down (i32.sub (local.get 0) (i32.const 1)))))))
)");
  CHECK(invoke_i32(store, inst, "down", {i32(90)}) == 0);
  CHECK(failure_of([&] { invoke(store, inst, "down", {i32(200)}); }).kind == ErrorKind::Exhaustion);
}

TEST_CASE("interp: call_indirect checks", "[interp][control]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (type $i2i (func (param i32) (result i32)))
  (type $v2i (func (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $double $seven)
  (func $double (type $i2i) (i32.mul (local.get 0) (i32.const 2)))
  (func $seven (type $v2i) (i32.const 7))
  (func (export "call_i2i") (param i32 i32) (result i32)
    (call_indirect (type $i2i) (local.get 1) (local.get 0)))
  (func (export "call_v2i") (param i32) (result i32)
    (call_indirect (type $v2i) (local.get 0)))
))");
  CHECK(invoke_i32(store, inst, "call_i2i", {i32(0), i32(21)}) == 42);
  CHECK(invoke_i32(store, inst, "call_v2i", {i32(1)}) == 7);
  CHECK(failure_of([&] { invoke(store, inst, "call_v2i", {i32(0)}); }).message == "indirect call type mismatch");
  Failure f = failure_of([&] { invoke(store, inst, "call_v2i", {i32(2)}); });
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message.rfind("uninitialized element", 0) == 0);
  CHECK(failure_of([&] { invoke(store, inst, "call_v2i", {i32(4)}); }).message == "undefined element");
}

TEST_CASE("interp: memory loads, stores, bounds and growth", "[interp][memory]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (memory (export "mem") 1 3)
  (data (i32.const 16) "\01\02\03\04\05\06\07\08\ff")
  (func (export "load8_s") (param i32) (result i32) (i32.load8_s (local.get 0)))
  (func (export "load16_u") (param i32) (result i32) (i32.load16_u offset=1 (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "load32_s") (param i32) (result i64) (i64.load32_s (local.get 0)))
  (func (export "store32") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "store_far") (param i32) (i32.store8 offset=4294967295 (local.get 0) (i32.const 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
))");
  CHECK(invoke_i32(store, inst, "load8_s", {i32(24)}) == 0xFFFFFFFFu);
  CHECK(invoke_i32(store, inst, "load16_u", {i32(16)}) == 0x0302);
  CHECK(invoke_i64(store, inst, "load64", {i32(16)}) == 0x0807060504030201ull);
  CHECK(invoke_i64(store, inst, "load32_s", {i32(21)}) == 0xFFFFFFFFFF080706ull);
  invoke(store, inst, "store32", {i32(65532), i32(0xDEADBEEF)});  // the last 4 bytes
  CHECK(failure_of([&] { invoke(store, inst, "store32", {i32(65533), i32(0)}); }).message ==
        "out of bounds memory access");
  CHECK(failure_of([&] { invoke(store, inst, "load64", {i32(0xFFFFFFFF)}); }).message ==
        "out of bounds memory access");
  // address + offset is not wrapped to 32 bits
  CHECK(failure_of([&] { invoke(store, inst, "store_far", {i32(1)}); }).message == "out of bounds memory access");

  CHECK(invoke_i32(store, inst, "size") == 1);
  CHECK(invoke_i32(store, inst, "grow", {i32(1)}) == 1);
  CHECK(invoke_i32(store, inst, "size") == 2);
  invoke(store, inst, "store32", {i32(65536 + 100), i32(7)});  // the new page is usable
  CHECK(invoke_i32(store, inst, "grow", {i32(2)}) == 0xFFFFFFFFu);  // past the maximum
  CHECK(invoke_i32(store, inst, "size") == 2);

  invoke(store, inst, "fill", {i32(0), i32(0xAB), i32(4)});
  invoke(store, inst, "copy", {i32(2), i32(0), i32(4)});
  auto bytes = inst->memory("mem")->view<uint8_t>();
  CHECK(bytes.get(0) == 0xAB);
  CHECK(bytes.get(5) == 0xAB);
  CHECK(bytes.get(6) == 0);
  CHECK(failure_of([&] { invoke(store, inst, "fill", {i32(131072), i32(0), i32(1)}); }).message ==
        "out of bounds memory access");
  invoke(store, inst, "fill", {i32(131072), i32(0), i32(0)});  // zero bytes at the end is fine
}

TEST_CASE("interp: passive segments, memory.init and data.drop", "[interp][memory]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (memory 1)
  (data $d "hello")
  (func (export "init") (param i32 i32 i32) (memory.init $d (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop") (data.drop $d))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
))");
  invoke(store, inst, "init", {i32(100), i32(1), i32(3)});
  CHECK(invoke_i32(store, inst, "load8", {i32(100)}) == 'e');
  CHECK(invoke_i32(store, inst, "load8", {i32(102)}) == 'l');
  CHECK(failure_of([&] { invoke(store, inst, "init", {i32(0), i32(3), i32(3)}); }).message ==
        "out of bounds memory access");
  invoke(store, inst, "drop");
  invoke(store, inst, "init", {i32(0), i32(0), i32(0)});
  CHECK(failure_of([&] { invoke(store, inst, "init", {i32(0), i32(0), i32(1)}); }).message ==
        "out of bounds memory access");
}

TEST_CASE("interp: table instructions and references", "[interp][table]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (table $t 2 10 funcref)
  (table $e 0 externref)
  (elem $seg func $a $b)
  (func $a (result i32) (i32.const 1))
  (func $b (result i32) (i32.const 2))
  (func (export "size") (result i32) (table.size $t))
  (func (export "grow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
  (func (export "init") (param i32 i32 i32) (table.init $t $seg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop") (elem.drop $seg))
  (func (export "is_null") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
  (func (export "call") (param i32) (result i32) (call_indirect $t (result i32) (local.get 0)))
  (func (export "fill") (param i32 i32) (table.fill $t (local.get 0) (ref.func $b) (local.get 1)))
  (func (export "copy") (param i32 i32 i32) (table.copy $t $t (local.get 0) (local.get 1) (local.get 2)))
  (func (export "set_null") (param i32) (table.set $t (local.get 0) (ref.null func)))
  (func (export "grow_extern") (param externref) (result i32) (table.grow $e (local.get 0) (i32.const 2)))
  (func (export "get_extern") (param i32) (result externref) (table.get $e (local.get 0)))
))");
  CHECK(invoke_i32(store, inst, "size") == 2);
  CHECK(invoke_i32(store, inst, "is_null", {i32(0)}) == 1);
  invoke(store, inst, "init", {i32(0), i32(0), i32(2)});
  CHECK(invoke_i32(store, inst, "call", {i32(0)}) == 1);
  CHECK(invoke_i32(store, inst, "call", {i32(1)}) == 2);
  CHECK(failure_of([&] { invoke(store, inst, "init", {i32(1), i32(0), i32(2)}); }).message ==
        "out of bounds table access");
  CHECK(invoke_i32(store, inst, "grow", {i32(3)}) == 2);
  CHECK(invoke_i32(store, inst, "size") == 5);
  CHECK(invoke_i32(store, inst, "grow", {i32(6)}) == 0xFFFFFFFFu);  // past the maximum of 10
  invoke(store, inst, "fill", {i32(2), i32(3)});
  CHECK(invoke_i32(store, inst, "call", {i32(4)}) == 2);
  invoke(store, inst, "set_null", {i32(1)});
  invoke(store, inst, "copy", {i32(0), i32(1), i32(2)});  // [null, b, b, b, b]
  CHECK(invoke_i32(store, inst, "is_null", {i32(0)}) == 1);
  CHECK(invoke_i32(store, inst, "call", {i32(1)}) == 2);
  CHECK(failure_of([&] { invoke(store, inst, "fill", {i32(4), i32(2)}); }).message == "out of bounds table access");
  CHECK(failure_of([&] { invoke(store, inst, "is_null", {i32(5)}); }).message == "out of bounds table access");
  invoke(store, inst, "drop");
  CHECK(failure_of([&] { invoke(store, inst, "init", {i32(0), i32(0), i32(1)}); }).message ==
        "out of bounds table access");

  CHECK(invoke_i32(store, inst, "grow_extern", {Value::from_extern(42)}) == 0);
  auto r = invoke(store, inst, "get_extern", {i32(1)});
  REQUIRE(r.size() == 1);
  CHECK(r[0].type == ValType::ExternRef);
  CHECK(r[0].extern_id() == 42);
}

TEST_CASE("interp: globals and v128 values without SIMD instructions", "[interp][variables]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (global $g (export "g") (mut i64) (i64.const -5))
  (global $v (mut v128) (v128.const i64x2 1 2))
  (func (export "bump") (result i64)
    (global.set $g (i64.add (global.get $g) (i64.const 1)))
    (global.get $g))
  (func (export "pass") (param v128 i32) (result i32 v128)
    (local v128)
    (local.set 2 (local.get 0))
    (local.get 1) (local.get 2))
  (func (export "swap_global") (param v128) (result v128)
    (global.get $v) (global.set $v (local.get 0)))
))");
  CHECK(invoke_i64(store, inst, "bump") == uint64_t(-4));
  CHECK(inst->global("g")->get().i64 == uint64_t(-4));
  V128 v;
  for (int i = 0; i < 16; ++i) v.bytes[i] = static_cast<uint8_t>(i + 1);
  auto r = invoke(store, inst, "pass", {Value::from_v128(v), i32(9)});
  REQUIRE(r.size() == 2);
  CHECK(r[0].i32 == 9);
  CHECK(r[1].type == ValType::V128);
  CHECK(std::memcmp(r[1].v128.bytes, v.bytes, 16) == 0);
  r = invoke(store, inst, "swap_global", {Value::from_v128(v)});
  REQUIRE(r.size() == 1);
  CHECK(r[0].v128.bytes[0] == 1);
  CHECK(r[0].v128.bytes[8] == 2);
  r = invoke(store, inst, "swap_global", {Value::from_v128(V128{})});
  CHECK(std::memcmp(r[0].v128.bytes, v.bytes, 16) == 0);
}
