// Interpreter: random programs give the same results, traps and memory
// with and without the compiler's fusions (interp::set_fusion_for_testing).
// The generator writes folded WAT from expression trees, so every program
// is valid; it favours the shapes the fusions look for (address
// arithmetic, compares feeding branches, loop steps, loads feeding
// operators, values set into locals).
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "interp/compiler/compiler.h"
#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

class ProgramGen {
 public:
  explicit ProgramGen(uint32_t seed) : rng_(seed) {}

  std::string module() {
    std::string body;
    int n = 3 + pick(6);
    for (int i = 0; i < n; ++i) body += stmt(2);
    return R"((module (memory (export "mem") 1)
  (func $helper (param i32 i32) (result i32)
    (i32.add (i32.mul (local.get 0) (i32.const 3)) (local.get 1)))
  (func (export "f") (param $l0 i32) (param $l1 i32) (param $l2 i32) (result i32)
    (local $l3 i32) (local $l4 i32) (local $l5 i32) (local $c0 i32) (local $c1 i32) (local $c2 i32)
)" + body + R"(
    (i32.xor (i32.add (local.get $l0) (local.get $l1))
             (i32.add (i32.mul (local.get $l3) (i32.const 7)) (i32.add (local.get $l4) (local.get $l5))))))
)";
  }

 private:
  int pick(int n) { return static_cast<int>(rng_() % static_cast<uint32_t>(n)); }
  std::string local() { return "$l" + std::to_string(pick(6)); }
  std::string constant() {
    static const char* const edges[] = {"0", "1", "-1", "2", "3", "4", "8", "16", "31", "32", "255", "1024",
                                        "0x7FFFFFFF", "-2147483648", "65535", "-8"};
    if (pick(3) == 0) return std::to_string(static_cast<int32_t>(rng_()));
    return edges[pick(16)];
  }
  std::string offset() {
    static const char* const offs[] = {"0", "4", "8", "12", "100", "1000", "0", "2"};
    return pick(32) == 0 ? "65535" : offs[pick(8)];  // rarely past the end
  }

  // An i32 address: mostly in bounds for the small values locals hold.
  std::string address(int d) {
    switch (pick(7)) {
      case 0: return "(i32.const " + std::to_string(pick(pick(16) == 0 ? 70000 : 60000)) + ")";
      case 6:  // an indexed element, p[i] (+ c), with a base in a local
        return "(i32.add (i32.add (i32.shl (i32.and (local.get " + local() + ") (i32.const 255)) (i32.const " +
               std::to_string(pick(4)) + ")) (local.get " + local() + ")) (i32.const " + std::to_string(pick(40)) +
               "))";
      case 1:
      case 2: return "(i32.add (local.get " + local() + ") (i32.const " + std::to_string(pick(300) - 20) + "))";
      case 3: return "(i32.add (local.get " + local() + ") (local.get " + local() + "))";
      case 4:
        return "(i32.add (i32.shl (i32.and (local.get " + local() + ") (i32.const 1023)) (i32.const " +
               std::to_string(pick(4)) + ")) (i32.const " + std::to_string(pick(4000)) + "))";
      default: return "(i32.and " + expr(d) + " (i32.const 0x7FFF))";
    }
  }

  std::string expr(int d) {
    if (d <= 0) return pick(2) ? "(local.get " + local() + ")" : "(i32.const " + constant() + ")";
    static const char* const binops[] = {"add", "sub", "mul", "and", "or", "xor", "shl", "shr_u", "shr_s", "rotl",
                                         "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u",
                                         "div_u", "rem_s"};  // the last two trap on 0 divisors
    static const char* const loads[] = {"i32.load", "i32.load8_u", "i32.load8_s", "i32.load16_u", "i32.load16_s"};
    static const char* const wide[] = {"add", "sub", "mul", "and", "or", "xor"};
    switch (pick(15)) {
      case 0: return "(local.get " + local() + ")";
      case 13: return "(i32.trunc_sat_f64_s " + fexpr(d - 1) + ")";
      case 1: return "(i32.const " + constant() + ")";
      case 2:
      case 3:
      case 4: return std::string("(i32.") + binops[pick(pick(8) == 0 ? 22 : 20)] + " " + expr(d - 1) + " " + expr(d - 1) + ")";
      case 5: return std::string("(i32.") + (pick(2) ? "eqz " : "clz ") + expr(d - 1) + ")";
      case 6:
      case 7: return std::string("(") + loads[pick(5)] + " offset=" + offset() + " " + address(d - 1) + ")";
      case 8: return "(local.tee " + local() + " " + expr(d - 1) + ")";
      case 9: return "(select " + expr(d - 1) + " " + expr(d - 1) + " " + expr(d - 1) + ")";
      case 10:
        return std::string("(i32.wrap_i64 (i64.") + wide[pick(6)] + " (i64.extend_i32_u " + expr(d - 1) +
               ") (i64.load offset=" + offset() + " " + address(d - 1) + ")))";
      case 11: return "(call $helper " + expr(d - 1) + " " + expr(d - 1) + ")";
      case 12:
        return "(if (result i32) " + expr(d - 1) + " (then " + expr(d - 1) + ") (else " + expr(d - 1) + "))";
      default:
        return "(block (result i32) (drop (br_if 0 " + expr(d - 1) + " " + expr(d - 1) + ")) " + expr(d - 1) + ")";
    }
  }

  // An f64 expression over converted i32 values: products and sums
  // feeding each other (code.h's WASMRUN_BINARY_PAIRS), f64 loads.
  std::string fexpr(int d) {
    static const char* const ops[] = {"add", "sub", "mul", "div", "min"};
    switch (d <= 0 ? pick(2) : pick(5)) {
      case 0: return "(f64.convert_i32_s " + expr(0) + ")";
      case 1: return "(f64.const " + std::to_string(pick(2000) - 1000) + ".375)";
      case 2: return "(f64.load offset=" + offset() + " " + address(d - 1) + ")";
      default: return std::string("(f64.") + ops[pick(5)] + " " + fexpr(d - 1) + " " + fexpr(d - 1) + ")";
    }
  }

  std::string stmt(int d) {
    static const char* const stores[] = {"i32.store", "i32.store8", "i32.store16"};
    switch (d <= 0 ? pick(3) : pick(7)) {
      case 0: return "(local.set " + local() + " " + expr(3) + ")\n";
      case 1:
        return std::string("(") + stores[pick(3)] + " offset=" + offset() + " " + address(2) + " " + expr(3) + ")\n";
      case 2:
        return "(local.set " + local() + " (i32.add (local.get " + local() + ") (i32.const " + constant() + ")))\n";
      case 3: {
        // a bounded loop: its own counter (one per nesting depth) counts
        // down from 1..8
        std::string c = "$c" + std::to_string(d), inner, x2 = local();
        for (int i = 0, n = 1 + pick(3); i < n; ++i) inner += stmt(d - 1);
        // sometimes a second variable stepped just before the counter
        std::string second = pick(2) ? "(local.set " + x2 + " (i32.add (local.get " + x2 + ") (i32.const " +
                                           std::to_string(pick(9) - 4) + ")))\n"
                                     : "";
        // sometimes a copy last (a loop-carried value), or a test of the
        // counter itself rather than a comparison with 0
        std::string copy = pick(3) == 0 ? "(local.set " + local() + " (local.get " + local() + "))\n" : "";
        std::string step = "(local.tee " + c + " (i32.add (local.get " + c + ") (i32.const -1)))";
        std::string test = pick(2) ? "(i32.ne " + step + " (i32.const 0))" : step;
        return "(local.set " + c + " (i32.const " + std::to_string(1 + pick(8)) + "))\n(loop $L\n" + inner + second +
               copy + "(br_if $L " + test + "))\n";
      }
      case 4:
        if (pick(3) == 0) {
          // read-modify-write of one address
          static const char* const ops[] = {"add", "and", "or", "xor", "sub"};
          std::string a = pick(2) ? "(local.get " + local() + ")"
                                  : "(i32.add (local.get " + local() + ") (i32.const " + std::to_string(pick(64)) + "))";
          std::string o = offset();
          return std::string("(i32.store offset=") + o + " " + a + " (i32." + ops[pick(5)] + " " + expr(1) +
                 " (i32.load offset=" + o + " " + a + ")))\n";
        }
        return "(if " + expr(2) + " (then " + stmt(d - 1) + ") (else " + stmt(d - 1) + "))\n";
      case 5: {
        // a loop stepping by a local (AddBrIf*): at most 8 rounds
        std::string c = "$c" + std::to_string(d), x = local(), inner;
        static const char* const cmps[] = {"ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u", "eq"};
        for (int i = 0, n = 1 + pick(2); i < n; ++i) inner += stmt(d - 1);
        std::string sum = pick(2) ? "(local.get " + x + ") (local.get " + local() + ")"
                                  : "(local.get " + local() + ") (local.get " + x + ")";
        return "(local.set " + c + " (i32.const 8))\n(block $O (loop $L\n" + inner + "(br_if $O (i32.eqz (local.tee " +
               c + " (i32.add (local.get " + c + ") (i32.const -1)))))\n(local.set " + x + " (i32.add " + sum +
               "))\n(br_if $L (i32." + cmps[pick(10)] + " (local.get " + x + ") " + expr(1) + "))))\n";
      }
      default:
        return "(block $B " + stmt(d - 1) + "(br_if $B (i32." + (pick(2) ? "lt_u " : "eq ") + expr(2) + " " +
               expr(2) + ")) " + stmt(d - 1) + ")\n";
    }
  }

  std::mt19937 rng_;
};

struct Outcome {
  bool trapped = false;
  std::string message;
  uint32_t value = 0;
  std::vector<uint8_t> memory;
};

Outcome run_once(const std::string& wat, bool fuse, const std::vector<uint32_t>& args) {
  interp::set_fusion_for_testing(fuse);  // the function compiles at its first call, below
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  Outcome out;
  try {
    auto r = store.call(inst->func("f"), {i32(args[0]), i32(args[1]), i32(args[2])});
    out.value = r.at(0).i32;
  } catch (const Error& e) {
    out.trapped = true;
    out.message = e.what();
  }
  interp::set_fusion_for_testing(true);
  auto bytes = inst->memory("mem")->bytes();
  out.memory.assign(bytes.begin(), bytes.end());
  return out;
}

}  // namespace

TEST_CASE("interp differential: fused and plain code agree on random programs", "[interp][differential]") {
  const std::vector<std::vector<uint32_t>> arg_sets = {
      {0, 0, 0}, {1, 2, 3}, {100, 4000, 30000}, {0xFFFFFFFF, 0x80000000, 7}, {12345, 5432, 99}};
  int traps = 0, values = 0;
  // WASMRUN_DIFF_SEEDS=N runs more programs (a deeper search by hand).
  const char* env = std::getenv("WASMRUN_DIFF_SEEDS");
  const uint32_t seeds = env ? static_cast<uint32_t>(std::strtoul(env, nullptr, 10)) : 400;
  for (uint32_t seed = 1; seed <= seeds; ++seed) {
    std::string wat = ProgramGen(seed).module();
    for (const auto& args : arg_sets) {
      Outcome fused = run_once(wat, true, args);
      Outcome plain = run_once(wat, false, args);
      INFO("seed " << seed << " args " << args[0] << " " << args[1] << " " << args[2] << "\n" << wat);
      REQUIRE(fused.trapped == plain.trapped);
      CHECK(fused.message == plain.message);
      CHECK(fused.value == plain.value);
      CHECK(fused.memory == plain.memory);
      (fused.trapped ? traps : values) += 1;
    }
  }
  // The generator must produce both outcomes often, or it tests little.
  INFO(traps << " traps, " << values << " values");
  CHECK(traps * 10 > static_cast<int>(seeds));
  CHECK(values > static_cast<int>(seeds));
}
