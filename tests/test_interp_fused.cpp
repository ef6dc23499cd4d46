// Interpreter: fused forms of the register compiler (interp/code.h,
// compiler.cpp) do exactly what their sequences do: integer comparisons
// fused into the br_if that tests them (BrIfOP_RR / BrIfOP_RI), on operands
// that are locals or Temps (values an instruction computed), and the plain
// value forms OP_RR / OP_RI. tests/test_interp_register.cpp covers the
// other register forms and the superinstructions.
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
  // is an I32Add_RI whose result is a Temp) keep the Temp operands apart
  // from the local ones: both are registers of the same _RR/_RI forms.
  const std::string sa = "(i32.add (local.get $a) (i32.const 0))";
  const std::string sb = "(i32.add (local.get $b) (i32.const 0))";
  std::string wat = "(module\n";
  for (const Cmp& c : comparisons()) {
    std::string op = std::string("i32.") + c.name;
    wat += branch_func(std::string("ss_") + c.name, "(" + op + " " + sa + " " + sb + ")");  // BrIfOP_RR, Temps
    wat += branch_func(std::string("sl_") + c.name, "(" + op + " " + sa + " (local.get $b))");  // BrIfOP_RR
    wat += branch_func(std::string("ll_") + c.name, "(" + op + " (local.get $a) (local.get $b))");  // BrIfOP_RR
    // the value forms OP_RR and OP_RI without a branch
    wat += std::string("(func (export \"vl_") + c.name + "\") (param $a i32) (param $b i32) (result i32) (" + op +
           " " + sa + " (local.get $b)))\n";
    for (uint32_t k : kEdges) {
      std::string cst = "(i32.const " + std::to_string(static_cast<int32_t>(k)) + ")";
      std::string suffix = std::string(c.name) + "_" + std::to_string(k);
      wat += branch_func("si_" + suffix, "(" + op + " " + sa + " " + cst + ")");             // BrIfOP_RI, a Temp
      wat += branch_func("li_" + suffix, "(" + op + " (local.get $a) " + cst + ")");         // BrIfOP_RI, a local
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
  ;; counts up to n with a back edge on local < constant (BrIfI32LtS_RI)
  ;; and an exit on local == local (BrIfI32Eq_RR)
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
