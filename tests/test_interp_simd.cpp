// Interpreter tests for SIMD execution: v128 values moving through the
// interpreter's slot machinery (locals, block params and results, branches
// that keep and drop values, calls, host calls, globals, select) and the
// SIMD memory forms at the memory's end. The operators' lane semantics are
// tested in test_simd_ops.cpp and by the 2.0 testsuite's simd/ scripts;
// here a wrong slot count or stack offset would show as a wrong lane.
// Last, the host-specific shuffles against the portable ones.
#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <random>
#include <span>
#include <string>

#include "interp/semantics/simd_ops.h"
#include "interp/exec/simd_shuffle_x86.h"
#include "loader/text/wat.h"
#include "test_interp_util.h"
#include "wasmrun/wasmrun.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

Instance* instantiate_via_binary(Store& store, const std::string& wat, const Imports& imports = Imports{}) {
  auto module = CompiledModule::from_binary(wat_to_binary(wat, store.features()), store.features());
  return store.instantiate(*module, imports);
}

Value v_i32x4(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  V128 v;
  const uint32_t lanes[4] = {a, b, c, d};
  std::memcpy(v.bytes, lanes, 16);
  return Value::from_v128(v);
}

std::array<uint32_t, 4> lanes_i32(const Value& v) {
  REQUIRE(v.type == ValType::V128);
  std::array<uint32_t, 4> out;
  std::memcpy(out.data(), v.v128.bytes, 16);
  return out;
}

using L4 = std::array<uint32_t, 4>;

L4 call_v(Store& store, Instance* inst, const char* name, std::vector<Value> args = {}) {
  auto r = invoke(store, inst, name, std::move(args));
  REQUIRE(r.size() == 1);
  return lanes_i32(r[0]);
}

}  // namespace

TEST_CASE("interp simd: v128 through locals, calls, blocks, loops and globals", "[interp][simd]") {
  Store store;
  Instance* inst = instantiate_via_binary(store, R"(
(module
  (global $g (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
  (global $k v128 (v128.const i64x2 0x0000000600000005 0x0000000800000007))
  (type $vvv (func (param v128 v128) (result v128)))
  (table funcref (elem $add $sub))
  (func $add (type $vvv) (i32x4.add (local.get 0) (local.get 1)))
  (func $sub (type $vvv) (i32x4.sub (local.get 0) (local.get 1)))
  (func (export "call") (param v128 v128) (result v128) (call $add (local.get 0) (local.get 1)))
  (func (export "call_indirect") (param v128 v128 i32) (result v128)
    (call_indirect (type $vvv) (local.get 0) (local.get 1) (local.get 2)))
  ;; an i32 local between two v128 locals: each v128 is two slots
  (func (export "locals") (param $a v128) (param $n i32) (result v128)
    (local $b v128) (local $m i32) (local $c v128)
    (local.set $m (i32.add (local.get $n) (i32.const 1)))
    (local.set $b (i32x4.splat (local.get $m)))
    (local.set $c (i32x4.mul (local.tee $b (i32x4.add (local.get $b) (local.get $a))) (local.get $b)))
    (i32x4.replace_lane 3 (local.get $c) (local.get $m)))
  (func (export "block_params") (param v128) (result v128)
    (local.get 0)
    (i32.const 3)
    (block (param v128 i32) (result v128)
      (i32x4.shl (i32x4.shl (local.get 0) (i32.const 1)) (i32.const 0))
      (drop)
      (i32x4.shl)))
  (func (export "loop") (param i32) (result v128)
    (local $i i32)
    (v128.const i32x4 0 0 0 0)
    (loop $l (param v128) (result v128)
      (i32x4.add (v128.const i32x4 1 2 3 4))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get 0)))))
  (func (export "swap_global") (param v128) (result v128)
    (global.get $g)
    (global.set $g (i32x4.add (local.get 0) (global.get $k))))
  (func $multi (export "multi") (param v128) (result i32 v128 i64)
    (i32x4.extract_lane 2 (local.get 0)) (local.get 0) (i64x2.extract_lane 1 (local.get 0)))
  (func (export "use_multi") (param v128) (result v128)
    (local $r v128) (local $x i64) (local $y i32)
    (call $multi (local.get 0))
    (local.set $x) (local.set $r) (local.set $y)
    (i32x4.replace_lane 0 (i64x2.replace_lane 1 (local.get $r) (local.get $x)) (local.get $y)))
))");
  CHECK(call_v(store, inst, "call", {v_i32x4(1, 2, 3, 4), v_i32x4(10, 20, 30, 0xFFFFFFFF)}) == L4{11, 22, 33, 3});
  CHECK(call_v(store, inst, "call_indirect", {v_i32x4(10, 20, 30, 40), v_i32x4(1, 2, 3, 4), i32(1)}) ==
        L4{9, 18, 27, 36});
  CHECK(call_v(store, inst, "call_indirect", {v_i32x4(10, 20, 30, 40), v_i32x4(1, 2, 3, 4), i32(0)}) ==
        L4{11, 22, 33, 44});
  // b = splat(n+1) + a; c = b * b; lane 3 = n+1
  CHECK(call_v(store, inst, "locals", {v_i32x4(1, 2, 3, 4), i32(4)}) == L4{36, 49, 64, 5});
  CHECK(call_v(store, inst, "block_params", {v_i32x4(1, 2, 3, 0x80000001)}) == L4{8, 16, 24, 8});
  CHECK(call_v(store, inst, "loop", {i32(5)}) == L4{5, 10, 15, 20});

  CHECK(lanes_i32(inst->global("g")->get()) == L4{1, 2, 3, 4});
  CHECK(call_v(store, inst, "swap_global", {v_i32x4(10, 20, 30, 40)}) == L4{1, 2, 3, 4});
  CHECK(lanes_i32(inst->global("g")->get()) == L4{15, 26, 37, 48});
  inst->global("g")->set(v_i32x4(7, 7, 7, 7));
  CHECK(call_v(store, inst, "swap_global", {v_i32x4(0, 0, 0, 0)}) == L4{7, 7, 7, 7});

  auto r = invoke(store, inst, "multi", {v_i32x4(1, 2, 3, 4)});
  REQUIRE(r.size() == 3);
  CHECK(r[0].i32 == 3);
  CHECK(lanes_i32(r[1]) == L4{1, 2, 3, 4});
  CHECK(r[2].i64 == 0x0000000400000003u);
  // multi's results round-trip: lane 0 <- 3, lanes 2..3 <- lanes 2..3
  CHECK(call_v(store, inst, "use_multi", {v_i32x4(1, 2, 3, 4)}) == L4{3, 2, 3, 4});
}

TEST_CASE("interp simd: branches keep a v128 and drop what lies below it", "[interp][simd]") {
  Store store;
  Instance* inst = instantiate_via_binary(store, R"(
(module
  ;; index 0 -> $inner (drops an i64, keeps the v128, then adds 1s);
  ;; otherwise -> $outer (also drops the v128 below $inner)
  (func (export "br_table") (param i32) (result v128)
    (block $outer (result v128)
      (i32x4.add
        (v128.const i32x4 1 1 1 1)
        (block $inner (result v128)
          (i64.const 99)
          (v128.const i32x4 10 20 30 40)
          (local.get 0)
          (br_table $inner $outer)))))
  (func (export "br_if") (param i32) (result v128)
    (block $b (result v128)
      (v128.const i64x2 -1 -1)
      (drop (br_if $b (v128.const i32x4 5 6 7 8) (local.get 0)))
      (drop)
      (v128.const i32x4 9 9 9 9)))
  (func (export "return") (param i32) (result v128)
    (f64.const 1.5)
    (block (result i32)
      (v128.const i32x4 3 3 3 3)
      (if (local.get 0) (then (return (v128.const i32x4 4 5 6 7))))
      (drop)
      (i32.const 0))
    (drop) (drop)
    (v128.const i32x4 8 8 8 8))
  (func (export "select") (param v128 v128 i32) (result v128)
    (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "select_t") (param v128 v128 i32) (result v128)
    (i32x4.add (v128.const i32x4 100 100 100 100)
      (select (result v128) (local.get 0) (local.get 1) (local.get 2))))
  (func (export "drop") (param v128) (result i32)
    (i32.const 17) (local.get 0) (drop))
))");
  CHECK(call_v(store, inst, "br_table", {i32(0)}) == L4{11, 21, 31, 41});
  CHECK(call_v(store, inst, "br_table", {i32(1)}) == L4{10, 20, 30, 40});
  CHECK(call_v(store, inst, "br_table", {i32(7)}) == L4{10, 20, 30, 40});
  CHECK(call_v(store, inst, "br_if", {i32(1)}) == L4{5, 6, 7, 8});
  CHECK(call_v(store, inst, "br_if", {i32(0)}) == L4{9, 9, 9, 9});
  CHECK(call_v(store, inst, "return", {i32(1)}) == L4{4, 5, 6, 7});
  CHECK(call_v(store, inst, "return", {i32(0)}) == L4{8, 8, 8, 8});
  CHECK(call_v(store, inst, "select", {v_i32x4(1, 2, 3, 4), v_i32x4(5, 6, 7, 8), i32(1)}) == L4{1, 2, 3, 4});
  CHECK(call_v(store, inst, "select", {v_i32x4(1, 2, 3, 4), v_i32x4(5, 6, 7, 8), i32(0)}) == L4{5, 6, 7, 8});
  CHECK(call_v(store, inst, "select_t", {v_i32x4(1, 2, 3, 4), v_i32x4(5, 6, 7, 8), i32(0)}) ==
        L4{105, 106, 107, 108});
  CHECK(invoke_i32(store, inst, "drop", {v_i32x4(1, 2, 3, 4)}) == 17);
}

TEST_CASE("interp simd: host functions take and return v128", "[interp][simd]") {
  Store store;
  Imports imports;
  imports.add("env", "twice",
              store.host_func({{ValType::I32, ValType::V128}, {ValType::V128, ValType::I32}},
                              [](HostCall&, std::span<const Value> args, std::span<Value> results) {
                                auto l = lanes_i32(args[1]);
                                for (auto& x : l) x *= 2;
                                results[0] = v_i32x4(l[0], l[1], l[2], l[3]);
                                results[1] = Value::from_i32(args[0].i32 + 1);
                              }));
  Instance* inst = instantiate_via_binary(store, R"(
(module
  (import "env" "twice" (func $twice (param i32 v128) (result v128 i32)))
  (func (export "f") (param v128) (result v128)
    (call $twice (i32.const 41) (local.get 0))
    ;; the doubled v128 with lane 3 replaced by the returned i32
    (i32x4.replace_lane 3))
)
)",
                                            imports);
  CHECK(call_v(store, inst, "f", {v_i32x4(1, 2, 3, 4)}) == L4{2, 4, 6, 42});
}

TEST_CASE("interp simd: loads and stores trap past the memory's end", "[interp][simd]") {
  Store store;
  Instance* inst = instantiate_via_binary(store, R"(
(module
  (memory (export "mem") 1)
  (func (export "load") (param i32) (result v128) (v128.load (local.get 0)))
  (func (export "load_off") (param i32) (result v128) (v128.load offset=65520 (local.get 0)))
  (func (export "store") (param i32 v128) (v128.store (local.get 0) (local.get 1)))
  (func (export "load32_zero") (param i32) (result v128) (v128.load32_zero (local.get 0)))
  (func (export "load8_splat") (param i32) (result v128) (v128.load8_splat (local.get 0)))
  (func (export "load16x4_u") (param i32) (result v128) (v128.load16x4_u (local.get 0)))
  (func (export "load8_lane") (param i32 v128) (result v128) (v128.load8_lane 15 (local.get 0) (local.get 1)))
  (func (export "store64_lane") (param i32 v128) (v128.store64_lane 1 (local.get 0) (local.get 1)))
  (func (export "store32_lane_off") (param i32 v128)
    (v128.store32_lane offset=4 2 (local.get 0) (local.get 1)))
))");
  const std::string oob = "out of bounds memory access";
  auto trap = [&](const char* name, std::vector<Value> args) {
    Failure f = failure_of([&] { invoke(store, inst, name, args); });
    CHECK(f.kind == ErrorKind::Trap);
    return f.message;
  };
  Memory* mem = inst->memory("mem");
  REQUIRE(mem->size_bytes() == 65536);

  invoke(store, inst, "store", {i32(65520), v_i32x4(1, 2, 3, 4)});
  CHECK(call_v(store, inst, "load", {i32(65520)}) == L4{1, 2, 3, 4});
  CHECK(call_v(store, inst, "load_off", {i32(0)}) == L4{1, 2, 3, 4});
  CHECK(trap("load", {i32(65521)}) == oob);
  CHECK(trap("load_off", {i32(1)}) == oob);
  CHECK(trap("load", {i32(0xFFFFFFFF)}) == oob);
  CHECK(trap("load_off", {i32(0xFFFFFFF0)}) == oob);  // no wrap-around of address + offset
  CHECK(trap("store", {i32(65521), v_i32x4(9, 9, 9, 9)}) == oob);
  CHECK(mem->bytes()[65535] == 0);  // a trapping store writes nothing
  CHECK(call_v(store, inst, "load", {i32(65520)}) == L4{1, 2, 3, 4});

  // Narrow accesses are checked against their own width (access_bytes).
  CHECK(call_v(store, inst, "load32_zero", {i32(65532)}) == L4{4, 0, 0, 0});
  CHECK(trap("load32_zero", {i32(65533)}) == oob);
  mem->bytes()[65535] = 0xAB;
  CHECK(call_v(store, inst, "load8_splat", {i32(65535)}) == L4{0xABABABAB, 0xABABABAB, 0xABABABAB, 0xABABABAB});
  CHECK(trap("load8_splat", {i32(65536)}) == oob);
  CHECK(call_v(store, inst, "load16x4_u", {i32(65528)}) == L4{3, 0, 4, 0xAB00});
  CHECK(trap("load16x4_u", {i32(65529)}) == oob);
  CHECK(call_v(store, inst, "load8_lane", {i32(65535), v_i32x4(1, 2, 3, 4)}) == L4{1, 2, 3, 0xAB000004});
  CHECK(trap("load8_lane", {i32(65536), v_i32x4(1, 2, 3, 4)}) == oob);

  invoke(store, inst, "store64_lane", {i32(65528), v_i32x4(1, 2, 0x11223344, 0x55667788)});
  CHECK(call_v(store, inst, "load", {i32(65520)}) == L4{1, 2, 0x11223344, 0x55667788});
  CHECK(trap("store64_lane", {i32(65529), v_i32x4(0, 0, 0, 0)}) == oob);
  invoke(store, inst, "store32_lane_off", {i32(65528), v_i32x4(0, 0, 0xCAFE, 0)});
  CHECK(call_v(store, inst, "load", {i32(65520)}) == L4{1, 2, 0x11223344, 0xCAFE});
  CHECK(trap("store32_lane_off", {i32(65529), v_i32x4(0, 0, 0, 0)}) == oob);
  CHECK(call_v(store, inst, "load", {i32(65520)}) == L4{1, 2, 0x11223344, 0xCAFE});
}

TEST_CASE("interp simd: const, shuffle and lane immediates", "[interp][simd]") {
  Store store;
  Instance* inst = instantiate_via_binary(store, R"(
(module
  (func (export "shuffle") (param v128 v128) (result v128)
    (i8x16.shuffle 16 17 18 19 0 1 2 3 28 29 30 31 12 13 14 15 (local.get 0) (local.get 1)))
  (func (export "lanes") (param v128) (result i32)
    (i32.add
      (i32x4.extract_lane 3 (local.get 0))
      (i32.add (i8x16.extract_lane_u 0 (local.get 0)) (i8x16.extract_lane_s 4 (local.get 0)))))
  (func (export "bitselect") (result v128)
    (v128.bitselect (v128.const i32x4 0xAAAAAAAA 1 2 3) (v128.const i32x4 0x55555555 4 5 6)
                    (v128.const i32x4 0xFFFF0000 0 -1 0)))
  (func (export "all_true") (param v128) (result i32) (i32x4.all_true (local.get 0)))
  (func (export "splat_f32") (param f32) (result v128) (f32x4.splat (local.get 0)))
))");
  CHECK(call_v(store, inst, "shuffle", {v_i32x4(1, 2, 3, 4), v_i32x4(5, 6, 7, 8)}) == L4{5, 1, 8, 4});
  CHECK(invoke_i32(store, inst, "lanes", {v_i32x4(7, 0xFF, 0, 100)}) == 7 + 100 - 1);
  CHECK(call_v(store, inst, "bitselect") == L4{0xAAAA5555, 4, 2, 6});
  CHECK(invoke_i32(store, inst, "all_true", {v_i32x4(1, 2, 3, 4)}) == 1);
  CHECK(invoke_i32(store, inst, "all_true", {v_i32x4(1, 2, 0, 4)}) == 0);
  CHECK(call_v(store, inst, "splat_f32", {Value::from_f32(1.0f)}) ==
        L4{0x3F800000, 0x3F800000, 0x3F800000, 0x3F800000});
}

#if WASMRUN_SIMD_X86_SHUFFLE
TEST_CASE("interp simd: the SSSE3 shuffle and swizzle match the portable ones", "[interp][simd]") {
  if (!interp::simd_x86::kHasSsse3) {
    WARN("no SSSE3 on this CPU: the portable versions run");
    return;
  }
  std::mt19937 rng(12345);
  auto random_v = [&] {
    uint8_t b[16];
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    simd::V v;
    std::memcpy(&v, b, 16);
    return v;
  };
  auto same = [](simd::V x, simd::V y) { return std::memcmp(&x, &y, 16) == 0; };
  for (int iter = 0; iter < 2000; ++iter) {
    simd::V a = random_v(), b = random_v(), idx = random_v();
    uint8_t lanes[16];
    std::memcpy(lanes, &idx, 16);
    for (auto& l : lanes) l &= 31;  // the validator rejects lanes >= 32
    INFO("iteration " << iter);
    CHECK(same(interp::simd_x86::shuffle_ssse3(a, b, lanes), simd::I8x16Shuffle(a, b, lanes)));
    // Swizzle indices: all of 0-255, and mostly in range.
    simd::V small = idx & simd::V{0x1F1F1F1F1F1F1F1F, 0x1F1F1F1F1F1F1F1F};
    CHECK(same(interp::simd_x86::swizzle_ssse3(a, idx), simd::I8x16Swizzle(a, idx)));
    CHECK(same(interp::simd_x86::swizzle_ssse3(a, small), simd::I8x16Swizzle(a, small)));
  }
}
#endif
