// Interpreter: superinstructions of the compiler's peephole (interp/code.h,
// Compiler::fuse_* in compiler.cpp) do exactly what their sequences do.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

struct Cmp {
  const char* name;
  std::function<bool(uint32_t, uint32_t)> eval;
};

const std::vector<Cmp>& comparisons() {
  static const std::vector<Cmp> c = {
      {"eq", [](uint32_t a, uint32_t b) { return a == b; }},
      {"ne", [](uint32_t a, uint32_t b) { return a != b; }},
      {"lt_s", [](uint32_t a, uint32_t b) { return static_cast<int32_t>(a) < static_cast<int32_t>(b); }},
      {"lt_u", [](uint32_t a, uint32_t b) { return a < b; }},
      {"gt_s", [](uint32_t a, uint32_t b) { return static_cast<int32_t>(a) > static_cast<int32_t>(b); }},
      {"gt_u", [](uint32_t a, uint32_t b) { return a > b; }},
      {"le_s", [](uint32_t a, uint32_t b) { return static_cast<int32_t>(a) <= static_cast<int32_t>(b); }},
      {"le_u", [](uint32_t a, uint32_t b) { return a <= b; }},
      {"ge_s", [](uint32_t a, uint32_t b) { return static_cast<int32_t>(a) >= static_cast<int32_t>(b); }},
      {"ge_u", [](uint32_t a, uint32_t b) { return a >= b; }},
  };
  return c;
}

const uint32_t kEdges[] = {0u, 1u, 5u, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu};

// A function `NAME` (param i32 i32) (result i32) returning 1 when the
// comparison `test` (in folded WAT over a and b) branches out of a block.
std::string branch_func(const std::string& name, const std::string& test) {
  return "(func (export \"" + name + "\") (param $a i32) (param $b i32) (result i32)\n" +
         "  (block (br_if 0 " + test + ") (return (i32.const 0)))\n  (i32.const 1))\n";
}

}  // namespace

TEST_CASE("interp fused: i32 compare-and-branch in every operand form", "[interp][fused]") {
  // Operands that are neither a local.get nor a constant (an i32.add with 0
  // becomes I32AddLImm) keep the popped forms apart from the local ones.
  const std::string sa = "(i32.add (local.get $a) (i32.const 0))";
  const std::string sb = "(i32.add (local.get $b) (i32.const 0))";
  std::string wat = "(module\n";
  for (const Cmp& c : comparisons()) {
    std::string op = std::string("i32.") + c.name;
    wat += branch_func(std::string("ss_") + c.name, "(" + op + " " + sa + " " + sb + ")");  // BrIfOP
    wat += branch_func(std::string("sl_") + c.name, "(" + op + " " + sa + " (local.get $b))");  // _SL
    wat += branch_func(std::string("ll_") + c.name, "(" + op + " (local.get $a) (local.get $b))");  // _LL
    // the value forms OP_SL and OP_SI without a branch
    wat += std::string("(func (export \"vl_") + c.name + "\") (param $a i32) (param $b i32) (result i32) (" + op +
           " " + sa + " (local.get $b)))\n";
    for (uint32_t k : kEdges) {
      std::string cst = "(i32.const " + std::to_string(static_cast<int32_t>(k)) + ")";
      std::string suffix = std::string(c.name) + "_" + std::to_string(k);
      wat += branch_func("si_" + suffix, "(" + op + " " + sa + " " + cst + ")");             // _SI
      wat += branch_func("li_" + suffix, "(" + op + " (local.get $a) " + cst + ")");         // _LI
      wat += "(func (export \"vi_" + suffix + "\") (param $a i32) (param $b i32) (result i32) (" + op + " " +
             sa + " " + cst + "))\n";
    }
  }
  wat += ")";
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  for (const Cmp& c : comparisons()) {
    for (uint32_t a : kEdges) {
      for (uint32_t b : kEdges) {
        uint32_t want = c.eval(a, b) ? 1 : 0;
        INFO(c.name << " a=" << a << " b=" << b);
        CHECK(invoke_i32(store, inst, (std::string("ss_") + c.name).c_str(), {i32(a), i32(b)}) == want);
        CHECK(invoke_i32(store, inst, (std::string("sl_") + c.name).c_str(), {i32(a), i32(b)}) == want);
        CHECK(invoke_i32(store, inst, (std::string("ll_") + c.name).c_str(), {i32(a), i32(b)}) == want);
        CHECK(invoke_i32(store, inst, (std::string("vl_") + c.name).c_str(), {i32(a), i32(b)}) == want);
        std::string suffix = std::string(c.name) + "_" + std::to_string(b);
        CHECK(invoke_i32(store, inst, ("si_" + suffix).c_str(), {i32(a), i32(0)}) == want);
        CHECK(invoke_i32(store, inst, ("li_" + suffix).c_str(), {i32(a), i32(0)}) == want);
        CHECK(invoke_i32(store, inst, ("vi_" + suffix).c_str(), {i32(a), i32(0)}) == want);
      }
    }
  }
}

TEST_CASE("interp fused: compare-and-branch loops, stack heights and traps", "[interp][fused]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (memory (export "mem") 1)
  ;; counts up to n with a back edge on local < constant (BrIfI32LtS_LI)
  ;; and an exit on local == local (BrIfI32Eq_LL)
  (func (export "count") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $out
      (loop $l
        (br_if $out (i32.eq (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_s (local.get $i) (i32.const 1000)))))
    (local.get $s))
  ;; a value below the compared operands stays where it is (the branch
  ;; neither keeps nor drops anything, only the compared values go)
  (func (export "below") (param $a i32) (result i32)
    (i32.const 7)
    (block (br_if 0 (i32.gt_u (local.get $a) (i32.const 3))) (return (i32.const 99)))
    (i32.add (i32.const 1)))
  ;; a branch that carries a value is not fused, and still works
  (func (export "carry") (param $a i32) (result i32)
    (block (result i32) (br_if 0 (i32.const 11) (i32.ne (local.get $a) (i32.const 0))) (drop) (i32.const 22)))
  ;; stores 4 bytes per step from $p upwards while p <u limit; traps at the end of memory
  (func (export "fill") (param $p i32) (param $limit i32)
    (loop $l
      (i32.store (local.get $p) (i32.const 0x01020304))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (i32.lt_u (local.get $p) (local.get $limit)))))
  (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
))");
  CHECK(invoke_i32(store, inst, "count", {i32(10)}) == 45);
  CHECK(invoke_i32(store, inst, "count", {i32(0)}) == 0);
  CHECK(invoke_i32(store, inst, "count", {i32(5000)}) == 499500);  // stops at 1000
  CHECK(invoke_i32(store, inst, "below", {i32(4)}) == 8);
  CHECK(invoke_i32(store, inst, "below", {i32(3)}) == 99);
  CHECK(invoke_i32(store, inst, "carry", {i32(1)}) == 11);
  CHECK(invoke_i32(store, inst, "carry", {i32(0)}) == 22);
  // a trap inside the loop: the stores before it stay done
  Failure f = failure_of([&] { invoke(store, inst, "fill", {i32(65528), i32(0xFFFFFFFF)}); });
  CHECK(f.thrown);
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "out of bounds memory access");
  CHECK(invoke_i32(store, inst, "byte", {i32(65528)}) == 4);
  CHECK(invoke_i32(store, inst, "byte", {i32(65535)}) == 1);
  // the store is still usable after the trap
  CHECK(invoke_i32(store, inst, "count", {i32(3)}) == 3);
}

TEST_CASE("interp fused: loads at local + constant and additions into locals", "[interp][fused]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (memory (export "mem") 1)
  (data (i32.const 16) "\01\02\03\04\05\06\07\08\ff\fe")
  ;; local.get; i32.const; i32.add; LOAD offset -> LOAD_LA
  (func (export "i32") (param $p i32) (result i32) (i32.load offset=2 (i32.add (local.get $p) (i32.const 14))))
  (func (export "i64") (param $p i32) (result i64) (i64.load (i32.add (local.get $p) (i32.const 16))))
  (func (export "f32") (param $p i32) (result f32) (f32.load (i32.add (local.get $p) (i32.const 16))))
  (func (export "f64") (param $p i32) (result f64) (f64.load (i32.add (local.get $p) (i32.const 16))))
  (func (export "s8") (param $p i32) (result i32) (i32.load8_s (i32.add (local.get $p) (i32.const 24))))
  (func (export "u8") (param $p i32) (result i32) (i32.load8_u offset=1 (i32.add (local.get $p) (i32.const 23))))
  (func (export "s16") (param $p i32) (result i32) (i32.load16_s (i32.add (local.get $p) (i32.const 24))))
  (func (export "u16") (param $p i32) (result i32) (i32.load16_u (i32.add (local.get $p) (i32.const 24))))
  ;; local.get a; local.get p; i32.const; i32.add; LOAD (a local.get pair splits again)
  (func (export "pair") (param $a i32) (param $p i32) (result i32)
    (i32.xor (local.get $a) (i32.load8_u (i32.add (local.get $p) (i32.const 20)))))
  ;; the addition wraps to 32 bits before the offset is added
  (func (export "wrap") (param $p i32) (result i32) (i32.load8_u offset=20 (i32.add (local.get $p) (i32.const -4))))
  ;; local.get; i32.const; i32.add; local.set/local.tee -> I32AddLImmSet/Tee
  (func (export "set") (param $a i32) (result i32) (local $d i32)
    (local.set $d (i32.add (local.get $a) (i32.const 0x7fffffff)))
    (local.get $d))
  (func (export "self") (param $a i32) (result i32)
    (local.set $a (i32.add (local.get $a) (i32.const 3)))
    (local.get $a))
  (func (export "tee") (param $a i32) (result i32) (local $d i32)
    (i32.mul (local.tee $d (i32.add (local.get $a) (i32.const -1))) (i32.add (local.get $d) (i32.const 0))))
  ;; a pointer walk: p += 4 and a load at p + 8 per step, until the load traps
  (func (export "walk") (param $p i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load8_u (i32.add (local.get $p) (i32.const 8)))))
      (global.set $last (local.get $s))
      (br_if $l (i32.ne (local.tee $p (i32.add (local.get $p) (i32.const 4))) (i32.const 0))))
    (local.get $s))
  (global $last (export "last") (mut i32) (i32.const 0))
  (func (export "get_last") (result i32) (global.get $last))
))");
  CHECK(invoke_i32(store, inst, "i32", {i32(0)}) == 0x04030201u);
  CHECK(invoke_i64(store, inst, "i64", {i32(0)}) == 0x0807060504030201ull);
  auto f = invoke(store, inst, "f32", {i32(0)});
  CHECK(f.at(0).i32 == 0x04030201u);
  auto d = invoke(store, inst, "f64", {i32(0)});
  CHECK(d.at(0).i64 == 0x0807060504030201ull);
  CHECK(invoke_i32(store, inst, "s8", {i32(0)}) == 0xFFFFFFFFu);
  CHECK(invoke_i32(store, inst, "u8", {i32(0)}) == 0xFFu);
  CHECK(invoke_i32(store, inst, "s16", {i32(0)}) == 0xFFFFFEFFu);
  CHECK(invoke_i32(store, inst, "u16", {i32(0)}) == 0xFEFFu);
  CHECK(invoke_i32(store, inst, "pair", {i32(0x100), i32(4)}) == 0x1FFu);
  CHECK(failure_of([&] { invoke(store, inst, "pair", {i32(0), i32(65516)}); }).message == "out of bounds memory access");
  CHECK(invoke_i32(store, inst, "wrap", {i32(8)}) == 0xFFu);  // (8 - 4) mod 2^32 + 20 = 24
  // 0 - 4 wraps to 0xFFFFFFFC; the offset then goes past 4 GiB: no second wrap
  CHECK(failure_of([&] { invoke(store, inst, "wrap", {i32(0)}); }).message == "out of bounds memory access");
  CHECK(invoke_i64(store, inst, "i64", {i32(0xFFFFFFF0)}) == 0u);  // the i32.add wraps to address 0
  CHECK(invoke_i32(store, inst, "set", {i32(2)}) == 0x80000001u);
  CHECK(invoke_i32(store, inst, "self", {i32(0xFFFFFFFE)}) == 1u);
  CHECK(invoke_i32(store, inst, "tee", {i32(5)}) == 16u);
  // traps report the memory message, at both edges
  CHECK(failure_of([&] { invoke(store, inst, "i32", {i32(65536 - 16 - 3)}); }).message == "out of bounds memory access");
  CHECK(invoke_i32(store, inst, "u16", {i32(65534 - 24)}) == 0u);
  CHECK(failure_of([&] { invoke(store, inst, "u16", {i32(65535 - 24)}); }).message == "out of bounds memory access");
  CHECK(failure_of([&] { invoke(store, inst, "i64", {i32(65536 - 16 - 7)}); }).message == "out of bounds memory access");
  Failure w = failure_of([&] { invoke(store, inst, "walk", {i32(0)}); });
  CHECK(w.kind == ErrorKind::Trap);
  CHECK(w.message == "out of bounds memory access");
  // bytes 16..25 summed before the trap at p + 8 = 65536
  CHECK(invoke_i32(store, inst, "get_last") == 1 + 5 + 0xff);
}

TEST_CASE("interp: returns keep the cached memory size right after a callee grows it", "[interp][fused][memory]") {
  Store store;
  Imports imports;
  Instance* provider = instantiate_wat(store, R"(
(module
  (memory (export "mem") 1 4)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
)");
  imports.add_instance("p", *provider);
  Instance* other_memory = instantiate_wat(store, R"(
(module
  (memory 1)
  (data (i32.const 8) "\09")
  (func (export "touch") (result i32) (i32.load8_u (i32.const 8))))
)");
  imports.add_instance("q", *other_memory);
  Instance* user = instantiate_wat(store, R"(
(module
  (import "p" "mem" (memory 1 4))
  (import "p" "grow" (func $other_grow (param i32) (result i32)))
  (import "q" "touch" (func $touch (result i32)))
  (func $own_grow (param i32) (result i32) (memory.grow (local.get 0)))
  (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  ;; grown by a function of this instance, then by one of another instance:
  ;; each time the caller stores and loads in the new page at once
  (func (export "own") (result i32)
    (drop (call $own_grow (i32.const 1)))
    (i32.store (i32.const 65536) (i32.const 41))
    (i32.load (i32.add (i32.const 65536) (i32.const 0))))
  (func (export "other") (result i32)
    (drop (call $other_grow (i32.const 1)))
    (i32.store (i32.const 131072) (call $leaf (i32.const 42)))
    (i32.load (i32.const 131072)))
  ;; a callee with another memory: the caller's comes back on return
  (func (export "cross") (result i32)
    (i32.store (i32.const 131076) (i32.const 5))
    (i32.add (call $touch) (i32.load (i32.const 131076))))
  (func (export "past") (result i32) (i32.load (i32.const 196608)))
))", imports);
  CHECK(failure_of([&] { invoke(store, user, "past"); }).message == "out of bounds memory access");
  CHECK(invoke_i32(store, user, "own") == 41);
  CHECK(invoke_i32(store, user, "other") == 43);
  CHECK(invoke_i32(store, user, "cross") == 14);
  CHECK(failure_of([&] { invoke(store, user, "past"); }).message == "out of bounds memory access");
  CHECK(invoke_i32(store, provider, "grow", {i32(1)}) == 3);
  CHECK(invoke_i32(store, user, "past") == 0);
}
