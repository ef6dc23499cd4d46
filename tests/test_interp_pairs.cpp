// Interpreter: the superinstructions of code.h's WASMRUN_BINARY_PAIRS (two
// binary operators, the first feeding the second) and the AddBrIf* loop
// steps compute exactly what their instructions do one at a time.
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "interp/code.h"
#include "interp/compiler/code_dump.h"
#include "interp/compiler/compiler.h"
#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

// "F64Mul" -> "f64.mul", "I32ShrU" -> "i32.shr_u"
std::string wat_name(const char* op) {
  std::string s = op, out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 3) out += '.';
    if (i > 4 && (s[i] == 'U' || s[i] == 'S') && i + 1 == s.size()) out += '_';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  }
  return out;
}

struct Pair {
  const char* name;
  const char* first;
  const char* second;
  bool right;     // the first result is the second operator's right operand
  bool constant;  // FIRST's right operand is a constant (form RI)
};

const std::vector<Pair>& pairs() {
  static const std::vector<Pair> v = {
#define WASMRUN_PAIR_RIGHT_L false
#define WASMRUN_PAIR_RIGHT_R true
#define WASMRUN_ROW(name, f, form, s, order) {#name, #f, #s, WASMRUN_PAIR_RIGHT_##order, std::string(#form) == "RI"},
      WASMRUN_BINARY_PAIRS(WASMRUN_ROW)
#undef WASMRUN_ROW
#undef WASMRUN_PAIR_RIGHT_L
#undef WASMRUN_PAIR_RIGHT_R
  };
  return v;
}

// The bits of a result, with every NaN alike (which NaN an operator
// returns is left open by the spec).
uint64_t bits_of(const Value& v) {
  switch (v.type) {
    case ValType::I32: return v.i32;
    case ValType::F32: return std::isnan(v.f32) ? 1 : std::bit_cast<uint32_t>(v.f32);
    case ValType::F64: return std::isnan(v.f64) ? 1 : std::bit_cast<uint64_t>(v.f64);
    default: return v.i64;
  }
}

// What running export `fn` of `wat` in a fresh store gives, with or
// without fusions: its result's bits or the trap message, then the first
// 48 and last 36 bytes of memory "mem" (a store's effect).
std::string outcome(bool fuse, const std::string& wat, const std::string& fn, std::vector<Value> args) {
  interp::set_fusion_for_testing(fuse);
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  std::string r;
  try {
    auto results = invoke(store, inst, fn.c_str(), std::move(args));
    r = results.empty() ? "ok" : std::to_string(bits_of(results[0]));
  } catch (const Error& e) {
    r = e.what();
  }
  interp::set_fusion_for_testing(true);
  auto bytes = inst->memory("mem")->bytes();
  // (Appended piece by piece: `" " + std::to_string(...)` trips GCC 12's
  // -Wrestrict false positive.)
  auto add = [&](uint8_t b) {
    r += ' ';
    r += std::to_string(b);
  };
  for (size_t i = 0; i < 48; ++i) add(bytes[i]);
  for (size_t i = bytes.size() - 36; i < bytes.size(); ++i) add(bytes[i]);
  return r;
}

// Runs export `fn` fused and unfused, checks that both give the same
// outcome (result or trap, and memory), and returns it.
std::string same_fused_and_plain(const std::string& wat, const std::string& fn, const std::vector<Value>& args) {
  std::string fused = outcome(true, wat, fn, args);
  CHECK(fused == outcome(false, wat, fn, args));
  return fused;
}

}  // namespace

TEST_CASE("interp pairs: each fused pair equals its two operators", "[interp][pairs]") {
  std::string wat = "(module\n";
  for (const Pair& p : pairs()) {
    std::string t = wat_name(p.first).substr(0, 3);
    std::string inner = "(" + wat_name(p.first) + " (local.get $a) " +
                        (p.constant ? "(i32.const 13)" : "(local.get $b)") + ")";
    std::string outer = p.right ? "(" + wat_name(p.second) + " (local.get $c) " + inner + ")"
                                : "(" + wat_name(p.second) + " " + inner + " (local.get $c))";
    // the value into a local too (the fused result's destination redirected)
    wat += "(func (export \"" + std::string(p.name) + "\") (param $a " + t + ") (param $b " + t + ") (param $c " + t +
           ") (result " + t + ") (local $d " + t + ") (local.set $d " + outer + ") (local.get $d))\n";
  }
  wat += ")";
  const std::vector<double> values = {0.0, -0.0, 1.0, -3.0, 0.1, 1e308, -1e-310, INFINITY, -INFINITY, NAN, 7.0, 2.5};
  for (const Pair& p : pairs()) {
    INFO(p.name);
    bool is64 = std::string(p.first).substr(0, 3) == "F64", isf = p.first[0] == 'F';
    auto value = [&](double x) {
      if (!isf) return i32(static_cast<uint32_t>(static_cast<int64_t>(std::isfinite(x) ? x * 1000 : 12345)));
      return is64 ? f64(x) : f32(static_cast<float>(x));
    };
    for (double a : values)
      for (double b : {1.0, -0.0, 0.1, 1e308, double(NAN)})
        for (double c : {0.0, 2.5, -1e308, double(INFINITY)}) {
          std::vector<Value> args = {value(a), value(b), value(c)};
          interp::set_fusion_for_testing(true);
          Store s1;
          auto fused = invoke(s1, instantiate_wat(s1, wat), p.name, args);
          interp::set_fusion_for_testing(false);
          Store s2;
          auto plain = invoke(s2, instantiate_wat(s2, wat), p.name, args);
          interp::set_fusion_for_testing(true);
          REQUIRE(fused.size() == 1);
          CHECK(bits_of(fused[0]) == bits_of(plain[0]));
        }
  }
  // Known values, one rounding per operator (no fused multiply-add):
  // 0.1 * 3 rounds up, so 0.1 * 3 - 0.3 is 2^-54, not 0.
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  CHECK(invoke(store, inst, "F64MulSub", {f64(0.1), f64(3.0), f64(0.3)})[0].f64 == 0.1 * 3.0 - 0.3);
  CHECK(invoke(store, inst, "F64MulSub", {f64(0.1), f64(3.0), f64(0.3)})[0].f64 == std::ldexp(1.0, -54));
  CHECK(invoke(store, inst, "F64MulSubR", {f64(2.0), f64(3.0), f64(10.0)})[0].f64 == 4.0);
  CHECK(invoke(store, inst, "F64SubMul", {f64(5.0), f64(3.0), f64(4.0)})[0].f64 == 8.0);
  CHECK(invoke(store, inst, "F32MulSubR", {f32(2.0f), f32(3.0f), f32(10.0f)})[0].f32 == 4.0f);
  CHECK(invoke(store, inst, "I32MulAdd", {i32(0x10000), i32(0x10000), i32(5)})[0].i32 == 5u);  // wraps
  CHECK(invoke(store, inst, "I32ShrUXor", {i32(0x80000000u), i32(0), i32(1)})[0].i32 == ((0x80000000u >> 13) ^ 1u));
  CHECK(invoke(store, inst, "I32ShlOr", {i32(0xFFFFFFFFu), i32(0), i32(1)})[0].i32 == ((0xFFFFFFFFu << 13) | 1u));
  CHECK(invoke(store, inst, "I32MulKAdd", {i32(0x7FFFFFFF), i32(0), i32(2)})[0].i32 == 0x7FFFFFFFu * 13u + 2u);
}

TEST_CASE("interp pairs: a loop stepping by a local (AddBrIf*)", "[interp][pairs]") {
  static const char* const cmps[] = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};
  std::string wat = "(module\n";
  for (const char* c : cmps) {
    // i += s (or s + i), then i OP bound: a register bound (_RR) and a
    // constant one (_RI); at most 50 rounds
    for (int order = 0; order < 2; ++order) {
      std::string sum = order ? "(local.get $s) (local.get $i)" : "(local.get $i) (local.get $s)";
      std::string name = std::string(c) + (order ? "_si" : "_is");
      wat += "(func (export \"" + name + "\") (param $i i32) (param $s i32) (param $b i32) (result i32) (local $n i32)\n"
             "  (block $out (loop $l (local.set $n (i32.add (local.get $n) (i32.const 1)))\n"
             "    (br_if $out (i32.ge_u (local.get $n) (i32.const 50)))\n"
             "    (local.set $i (i32.add " + sum + "))\n"
             "    (br_if $l (i32." + c + " (local.get $i) (local.get $b)))))\n"
             "  (i32.add (i32.mul (local.get $n) (i32.const 1000)) (local.get $i)))\n";
      wat += "(func (export \"" + name + "_k\") (param $i i32) (param $s i32) (result i32) (local $n i32)\n"
             "  (block $out (loop $l (local.set $n (i32.add (local.get $n) (i32.const 1)))\n"
             "    (br_if $out (i32.ge_u (local.get $n) (i32.const 50)))\n"
             "    (local.set $i (i32.add " + sum + "))\n"
             "    (br_if $l (i32." + c + " (local.get $i) (i32.const 20)))))\n"
             "  (i32.add (i32.mul (local.get $n) (i32.const 1000)) (local.get $i)))\n";
    }
  }
  // the stride is the counter itself: i += i
  wat += "(func (export \"double\") (param $i i32) (result i32) (local $n i32)\n"
         "  (loop $l (local.set $n (i32.add (local.get $n) (i32.const 1)))\n"
         "    (local.set $i (i32.add (local.get $i) (local.get $i)))\n"
         "    (br_if $l (i32.lt_u (local.get $i) (i32.const 1000))))\n"
         "  (i32.add (i32.mul (local.get $n) (i32.const 1000)) (local.get $i)))\n)";
  const auto& holds = i32_compare_holds;
  auto model = [&](const std::string& c, uint32_t i, uint32_t s, uint32_t b) {
    uint32_t n = 0;
    while (true) {
      ++n;
      if (n >= 50) break;
      i += s;
      if (!holds(c, i, b)) break;
    }
    return n * 1000 + i;
  };
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  const uint32_t starts[] = {0, 5, 0xFFFFFFF0u, 0x7FFFFFF0u};
  const uint32_t strides[] = {1, 3, 0xFFFFFFFFu, 0x10, 0};
  for (const char* c : cmps)
    for (int order = 0; order < 2; ++order)
      for (uint32_t i : starts)
        for (uint32_t s : strides) {
          std::string name = std::string(c) + (order ? "_si" : "_is");
          INFO(name << " i=" << i << " s=" << s);
          CHECK(invoke_i32(store, inst, name.c_str(), {i32(i), i32(s), i32(40)}) == model(c, i, s, 40));
          CHECK(invoke_i32(store, inst, (name + "_k").c_str(), {i32(i), i32(s)}) == model(c, i, s, 20));
        }
  CHECK(invoke_i32(store, inst, "double", {i32(3)}) == 9 * 1000 + 1536);
}

TEST_CASE("interp pairs: a binary operator on two loads (BINOP_LOAD_LOAD)", "[interp][pairs]") {
  // Each function loads at p + 8 and at q + k (k folded as an addend, wrapping like i32.add), then applies
  // the operator; results and traps must match the unfused code.
  static const char* const ops[][2] = {{"i32.add", "i32.load"}, {"i32.mul", "i32.load"}, {"i64.add", "i64.load"},
                                       {"i64.mul", "i64.load"}, {"f32.add", "f32.load"}, {"f32.mul", "f32.load"},
                                       {"f64.add", "f64.load"}, {"f64.mul", "f64.load"}};
  std::string wat = "(module (memory (export \"mem\") 1)\n"
                    "(data (i32.const 0) \"\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11\\12\\13\\14\")\n"
                    "(data (i32.const 65520) \"\\ff\\fe\\fd\\fc\\fb\\fa\\f9\\f8\\f7\\f6\\f5\\f4\\f3\\f2\\f1\\f0\")\n";
  for (size_t k = 0; k < std::size(ops); ++k) {
    std::string op = ops[k][0], ld = ops[k][1], t = op.substr(0, 3), id = std::to_string(k);
    wat += "(func (export \"ll" + id + "\") (param $p i32) (param $q i32) (result " + t + ")\n"
           "  (" + op + " (" + ld + " offset=8 (local.get $p)) (" + ld + " (i32.add (local.get $q) (i32.const 4)))))\n";
    // the second operand loaded first (the operator commutes)
    wat += "(func (export \"rev" + id + "\") (param $p i32) (param $q i32) (result " + t + ") (local $x " + t + ")\n"
           "  (local.set $x (" + op + " (" + ld + " (local.get $p)) (" + ld + " offset=3 (local.get $q)))) (local.get $x))\n";
  }
  wat += ")";
  const uint32_t addrs[] = {0, 1, 5, 65520, 65524, 65528, 65532, 0xFFFFFFFCu, 0x7FFFFFFF};
  int traps = 0;
  for (size_t k = 0; k < std::size(ops); ++k)
    for (const char* fn : {"ll", "rev"})
      for (uint32_t p : addrs)
        for (uint32_t q : addrs) {
          std::string name = fn + std::to_string(k);
          INFO(name << " p=" << p << " q=" << q);
          std::string fused = same_fused_and_plain(wat, name, {i32(p), i32(q)});
          traps += fused.find("out of bounds") != std::string::npos;
        }
  CHECK(traps > 100);
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  // 0x0c0b0a09 + 0x08070605, and the addend wrapping: q = -4 reads at 0
  CHECK(invoke_i32(store, inst, "ll0", {i32(0), i32(0)}) == 0x0c0b0a09u + 0x08070605u);
  CHECK(invoke_i32(store, inst, "ll0", {i32(0), i32(0xFFFFFFFCu)}) == 0x0c0b0a09u + 0x04030201u);
  CHECK(invoke_i32(store, inst, "ll1", {i32(0), i32(0)}) == 0x0c0b0a09u * 0x08070605u);
}

TEST_CASE("interp pairs: an i32 comparison feeding a select (SelectIf*)", "[interp][pairs]") {
  static const char* const cmps[] = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};
  std::string wat = "(module\n";
  for (const char* c : cmps) {
    // against a local (_RR), a constant (_RI), and the select's result into
    // one of its own operands' locals
    wat += std::string("(func (export \"rr_") + c + "\") (param $a i32) (param $b i32) (param $x i32) (param $y i32) (result i32)\n"
           "  (select (local.get $x) (local.get $y) (i32." + c + " (local.get $a) (local.get $b))))\n";
    wat += std::string("(func (export \"ri_") + c + "\") (param $a i32) (param $b i32) (param $x i32) (param $y i32) (result i32)\n"
           "  (local.set $x (select (local.get $x) (local.get $y) (i32." + c + " (local.get $a) (i32.const -5)))) (local.get $x))\n";
  }
  wat += ")";
  const auto& holds = i32_compare_holds;
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  const uint32_t values[] = {0, 1, 0xFFFFFFFBu, 0x7FFFFFFF, 0x80000000u, 5};
  for (const char* c : cmps)
    for (uint32_t a : values)
      for (uint32_t b : values) {
        INFO(c << " " << a << " " << b);
        uint32_t want = holds(c, a, b) ? 111 : 222;
        CHECK(invoke_i32(store, inst, (std::string("rr_") + c).c_str(), {i32(a), i32(b), i32(111), i32(222)}) == want);
        want = holds(c, a, 0xFFFFFFFBu) ? 111 : 222;
        CHECK(invoke_i32(store, inst, (std::string("ri_") + c).c_str(), {i32(a), i32(b), i32(111), i32(222)}) == want);
      }
}

TEST_CASE("interp pairs: bit tests feeding br_if, if and select (BrIfBits, SelectIfBits)", "[interp][pairs]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"((module
    (func (export "br_if") (param $a i32) (param $m i32) (result i32)
      (block $b (br_if $b (i32.and (local.get $a) (i32.const 0x80000001))) (return (i32.const 0)))
      (i32.const 1))
    (func (export "if") (param $a i32) (result i32)
      (if (result i32) (i32.and (local.get $a) (i32.const 6)) (then (i32.const 10)) (else (i32.const 20))))
    (func (export "select") (param $a i32) (param $x i32) (param $y i32) (result i32)
      (local.set $x (select (local.get $x) (local.get $y) (i32.and (local.get $a) (i32.const 0x100))))
      (local.get $x)))
  )");
  const uint32_t values[] = {0, 1, 2, 4, 6, 0x100, 0x80000000u, 0x7FFFFFFE, 0xFFFFFFFFu, 0xFEFFFFFFu};
  for (uint32_t a : values) {
    INFO(a);
    CHECK(invoke_i32(store, inst, "br_if", {i32(a), i32(0)}) == ((a & 0x80000001u) ? 1u : 0u));
    CHECK(invoke_i32(store, inst, "if", {i32(a)}) == ((a & 6u) ? 10u : 20u));
    CHECK(invoke_i32(store, inst, "select", {i32(a), i32(7), i32(8)}) == ((a & 0x100u) ? 7u : 8u));
  }
}

TEST_CASE("interp pairs: a loaded operand's product accumulated (BINOP_LOAD_SECOND)", "[interp][pairs]") {
  struct Row {
    const char *binop, *load, *second;
  };
  static const Row rows[] = {
#define WASMRUN_ROW(b, l, s) {#b, #l, #s},
      WASMRUN_LOAD_BINOP_PAIRS(WASMRUN_ROW)
#undef WASMRUN_ROW
  };
  std::string wat = "(module (memory (export \"mem\") 1)\n"
                    "(data (i32.const 0) \"\\01\\82\\03\\f4\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11\\12\\13\\14\")\n";
  for (size_t k = 0; k < std::size(rows); ++k) {
    std::string t = wat_name(rows[k].binop).substr(0, 3), id = std::to_string(k);
    std::string load = "(" + wat_name(rows[k].load) + " offset=2 (i32.add (local.get $p) (i32.const 1)))";
    std::string prod = "(" + wat_name(rows[k].binop) + " (local.get $x) " + load + ")";
    // the accumulator on either side, the result into a local
    wat += "(func (export \"l" + id + "\") (param $p i32) (param $x " + t + ") (param $c " + t + ") (result " + t + ")\n"
           "  (local.set $c (" + wat_name(rows[k].second) + " " + prod + " (local.get $c))) (local.get $c))\n";
    wat += "(func (export \"r" + id + "\") (param $p i32) (param $x " + t + ") (param $c " + t + ") (result " + t + ")\n"
           "  (" + wat_name(rows[k].second) + " (local.get $c) " + prod + "))\n";
  }
  wat += ")";
  int traps = 0;
  for (size_t k = 0; k < std::size(rows); ++k) {
    std::string t = wat_name(rows[k].binop).substr(0, 3);
    auto v = [&](double x) {
      return t == "i32" ? i32(static_cast<uint32_t>(static_cast<int32_t>(x))) : t == "f32" ? f32(static_cast<float>(x)) : f64(x);
    };
    for (const char* fn : {"l", "r"})
      for (uint32_t p : {0u, 3u, 65530u, 65533u, 0xFFFFFFFFu})
        for (double x : {3.0, -7.0})
          for (double c : {0.5, 100.0}) {
            std::string name = fn + std::to_string(k);
            INFO(name << " p=" << p);
            std::string fused = same_fused_and_plain(wat, name, {i32(p), v(x), v(c)});
            traps += fused.find("out of bounds") != std::string::npos;
          }
  }
  CHECK(traps > 10);
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  // i32.load16_s at 3: 0xf4 0x05 -> 0x05f4 = 1524; 3 * 1524 + 7
  CHECK(invoke_i32(store, inst, "l1", {i32(0), i32(3), i32(7)}) == 3u * 1524u + 7u);
  // p + 1 wraps to 0: i32.load16_s at 2, 0x03 0xf4 -> -3069
  CHECK(invoke_i32(store, inst, "r1", {i32(0xFFFFFFFFu), i32(2), i32(1)}) == static_cast<uint32_t>(2 * -3069 + 1));
}

TEST_CASE("interp pairs: read-modify-write of one address (BINOP_LOAD_STORE)", "[interp][pairs]") {
  struct Row {
    const char *binop, *load, *store;
  };
  static const Row rows[] = {
#define WASMRUN_ROW(b, l, s) {#b, #l, #s},
      WASMRUN_READ_MODIFY_WRITES(WASMRUN_ROW)
#undef WASMRUN_ROW
  };
  std::string wat = "(module (memory (export \"mem\") 1)\n"
                    "(data (i32.const 0) \"\\01\\82\\03\\f4\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11\\12\\13\\14\")\n";
  for (size_t k = 0; k < std::size(rows); ++k) {
    std::string t = wat_name(rows[k].binop).substr(0, 3), id = std::to_string(k);
    std::string ld = wat_name(rows[k].load), st = wat_name(rows[k].store), op = wat_name(rows[k].binop);
    // the address in a local, and as p + 4 (an addend) on both sides; then
    // a different address on the store side (must not fuse)
    wat += "(func (export \"a" + id + "\") (param $p i32) (param $x " + t + ")\n"
           "  (" + st + " offset=3 (local.get $p) (" + op + " (local.get $x) (" + ld + " offset=3 (local.get $p)))))\n";
    wat += "(func (export \"b" + id + "\") (param $p i32) (param $x " + t + ")\n"
           "  (" + st + " offset=1 (i32.add (local.get $p) (i32.const 4)) (" + op + " (local.get $x) (" + ld +
           " offset=1 (i32.add (local.get $p) (i32.const 4))))))\n";
    wat += "(func (export \"c" + id + "\") (param $p i32) (param $x " + t + ")\n"
           "  (" + st + " offset=2 (local.get $p) (" + op + " (local.get $x) (" + ld + " offset=3 (local.get $p)))))\n";
  }
  wat += ")";
  int traps = 0;
  for (size_t k = 0; k < std::size(rows); ++k) {
    std::string t = wat_name(rows[k].binop).substr(0, 3);
    auto v = [&](double x) {
      if (t == "i32") return i32(static_cast<uint32_t>(static_cast<int32_t>(x)));
      if (t == "i64") return i64(static_cast<uint64_t>(static_cast<int64_t>(x)));
      return t == "f32" ? f32(static_cast<float>(x)) : f64(x);
    };
    for (const char* fn : {"a", "b", "c"})
      for (uint32_t p : {0u, 2u, 65526u, 65529u, 65533u, 0xFFFFFFFCu, 0xFFFFFFFFu})
        for (double x : {3.0, -7.5}) {
          std::string name = fn + std::to_string(k);
          INFO(name << " p=" << p << " x=" << x);
          std::string fused = same_fused_and_plain(wat, name, {i32(p), v(x)});
          traps += fused.find("out of bounds") != std::string::npos;
        }
  }
  CHECK(traps > 20);
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  invoke(store, inst, "a0", {i32(1), i32(0x10)});  // i32 at 4: 0x08070605 + 0x10
  auto bytes = inst->memory("mem")->bytes();
  CHECK(bytes[4] == 0x15);
  CHECK(bytes[5] == 0x06);
}

TEST_CASE("interp pairs: stores at the sum of two registers (STORE_RR, STORE_IRR)", "[interp][pairs]") {
  static const char* const stores[][2] = {{"i32.store", "i32"}, {"i64.store", "i64"},   {"f32.store", "f32"},
                                          {"f64.store", "f64"}, {"i32.store8", "i32"},  {"i32.store16", "i32"},
                                          {"i64.store8", "i64"}, {"i64.store16", "i64"}, {"i64.store32", "i64"}};
  std::string wat = "(module (memory (export \"mem\") 1)\n";
  for (size_t k = 0; k < std::size(stores); ++k) {
    std::string st = stores[k][0], t = stores[k][1], id = std::to_string(k);
    std::string c = t + ".const " + (t[0] == 'f' ? "-1.5" : "0x1234567");
    // a constant value (_IRR), a local (_RR), a computed value after the
    // add (the add is the instruction before the last)
    wat += "(func (export \"k" + id + "\") (param $a i32) (param $b i32) (param $v " + t + ")\n"
           "  (" + st + " offset=2 (i32.add (local.get $a) (local.get $b)) (" + c + ")))\n";
    wat += "(func (export \"l" + id + "\") (param $a i32) (param $b i32) (param $v " + t + ")\n"
           "  (" + st + " (i32.add (local.get $a) (local.get $b)) (local.get $v)))\n";
    wat += "(func (export \"t" + id + "\") (param $a i32) (param $b i32) (param $v " + t + ")\n"
           "  (" + st + " offset=1 (i32.add (local.get $a) (local.get $b)) (" + t + ".add (local.get $v) (local.get $v))))\n";
    // the value's computation writes a (local.tee): the add must use the old a
    wat += "(func (export \"w" + id + "\") (param $a i32) (param $b i32) (param $v " + t + ")\n"
           "  (i32.store (i32.add (local.get $a) (local.get $b)) (local.tee $a (i32.add (local.get $b) (i32.const 8)))))\n";
  }
  wat += ")";
  int traps = 0, writes = 0;
  for (size_t k = 0; k < std::size(stores); ++k) {
    std::string t = stores[k][1];
    Value v = t == "i32" ? i32(0xA1B2C3D4u) : t == "i64" ? i64(0x1122334455667788u) : t == "f32" ? f32(2.25f) : f64(-3.75);
    for (const char* fn : {"k", "l", "t", "w"})
      for (uint32_t a : {0u, 5u, 65530u, 0xFFFFFFF0u})
        for (uint32_t b : {0u, 3u, 16u, 0x10u + 0xFFFF0000u}) {
          std::string name = fn + std::to_string(k);
          INFO(name << " a=" << a << " b=" << b);
          std::string fused = same_fused_and_plain(wat, name, {i32(a), i32(b), v});
          traps += fused.find("out of bounds") != std::string::npos;
          writes += fused.find("ok") == 0;
        }
  }
  CHECK(traps > 50);
  CHECK(writes > 50);
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  invoke(store, inst, "k4", {i32(0xFFFFFFF0u), i32(0x14), i32(0)});  // i32.store8 at (a + b wraps to 4) + 2
  invoke(store, inst, "w0", {i32(20), i32(2), i32(0)});              // i32 10 at 20 + 2, not at 10 + 2
  auto bytes = inst->memory("mem")->bytes();
  CHECK(bytes[6] == 0x67);
  CHECK(bytes[22] == 10);
  CHECK(bytes[12] == 0);
}

TEST_CASE("interp pairs: copies and small constants in a row run in order (CopyPairS, SetPairS)", "[interp][pairs]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"((module
    ;; rotate three locals n times: a <- b <- c <- a, one copy after another
    (func (export "rotate") (param $a i32) (param $b i32) (param $c i32) (param $n i32) (result i32) (local $t i32)
      (block $done (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (local.get $a)) (local.set $a (local.get $b)) (local.set $b (local.get $c))
        (local.set $c (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
      (i32.add (i32.mul (local.get $a) (i32.const 100)) (i32.add (i32.mul (local.get $b) (i32.const 10)) (local.get $c))))
    ;; a copy reading what the copy before it wrote
    (func (export "chain") (param $a i32) (param $b i32) (result i32)
      (local.set $b (local.get $a)) (local.set $a (local.get $b)) (local.set $a (i32.add (local.get $a) (i32.const 0)))
      (local.set $b (local.get $a))
      (i32.add (local.get $a) (local.get $b)))
    ;; constants, one after another, into locals that held other values
    (func (export "consts") (param $a i32) (param $b i64) (result i64)
      (local.set $a (i32.const -5)) (local.set $b (i64.const -32768))
      (i64.add (i64.extend_i32_s (local.get $a)) (local.get $b))))
  )");
  CHECK(invoke_i32(store, inst, "rotate", {i32(1), i32(2), i32(3), i32(0)}) == 123u);
  CHECK(invoke_i32(store, inst, "rotate", {i32(1), i32(2), i32(3), i32(1)}) == 231u);
  CHECK(invoke_i32(store, inst, "rotate", {i32(1), i32(2), i32(3), i32(2)}) == 312u);
  CHECK(invoke_i32(store, inst, "rotate", {i32(1), i32(2), i32(3), i32(3)}) == 123u);
  CHECK(invoke_i32(store, inst, "chain", {i32(7), i32(9)}) == 14u);
  CHECK(invoke_i64(store, inst, "consts", {i32(1), i64(2)}) == static_cast<uint64_t>(-5 - 32768));
}

TEST_CASE("interp pairs: a loop with two variables stepped before its test (Inc2BrIf*)", "[interp][pairs]") {
  static const char* const cmps[] = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};
  std::string wat = "(module\n";
  for (const char* c : cmps) {
    // p += 4 (a pointer), then i += 1 tested against a bound, against a
    // constant, and against p itself (the bound read after p's step)
    for (const char* bound : {"(local.get $b)", "(i32.const 7)", "(local.get $p)"}) {
      std::string name = std::string(c) + (bound[1] == 'l' ? (bound[12] == 'b' ? "_b" : "_p") : "_k");
      wat += "(func (export \"" + name + "\") (param $i i32) (param $p i32) (param $b i32) (result i32) (local $n i32)\n"
             "  (block $out (loop $l (local.set $n (i32.add (local.get $n) (i32.const 1)))\n"
             "    (br_if $out (i32.ge_u (local.get $n) (i32.const 30)))\n"
             "    (local.set $p (i32.add (local.get $p) (i32.const 4)))\n"
             "    (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
             "    (br_if $l (i32." + c + " (local.get $i) " + bound + "))))\n"
             "  (i32.add (i32.mul (local.get $n) (i32.const 1000000)) (i32.add (i32.mul (local.get $p) (i32.const 1000)) (local.get $i))))\n";
    }
  }
  wat += ")";
  const auto& holds = i32_compare_holds;
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  for (const char* c : cmps)
    for (const char* kind : {"_b", "_k", "_p"})
      for (uint32_t i0 : {0u, 5u, 0xFFFFFFFEu, 0x7FFFFFFFu})
        for (uint32_t p0 : {0u, 3u, 0xFFFFFFF8u}) {
          uint32_t b = 6, i = i0, p = p0, n = 0;
          while (true) {
            ++n;
            if (n >= 30) break;
            p += 4;
            i += 1;
            uint32_t bound = kind[1] == 'b' ? b : kind[1] == 'k' ? 7u : p;
            if (!holds(c, i, bound)) break;
          }
          std::string name = std::string(c) + kind;
          INFO(name << " i=" << i0 << " p=" << p0);
          CHECK(invoke_i32(store, inst, name.c_str(), {i32(i0), i32(p0), i32(b)}) == n * 1000000u + p * 1000u + i);
        }
}

TEST_CASE("interp pairs: a select between two i32 constants (SelectConsts)", "[interp][pairs]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"((module
    (func (export "k") (param $c i32) (result i32)
      (select (i32.const -7) (i32.const 0x7FFFFFFF) (local.get $c)))
    (func (export "cmp") (param $a i32) (result i32) (local $x i32)
      (local.set $x (select (i32.const 10) (i32.const 20) (i32.lt_s (local.get $a) (i32.const 3))))
      (i64.eqz (i64.extend_i32_u (local.get $x)))
      (drop)
      (local.get $x)))
  )");
  CHECK(invoke_i32(store, inst, "k", {i32(1)}) == static_cast<uint32_t>(-7));
  CHECK(invoke_i32(store, inst, "k", {i32(0x80000000u)}) == static_cast<uint32_t>(-7));
  CHECK(invoke_i32(store, inst, "k", {i32(0)}) == 0x7FFFFFFFu);
  CHECK(invoke_i32(store, inst, "cmp", {i32(2)}) == 10u);
  CHECK(invoke_i32(store, inst, "cmp", {i32(3)}) == 20u);
  CHECK(invoke_i32(store, inst, "cmp", {i32(0xFFFFFFFFu)}) == 10u);
}

TEST_CASE("interp pairs: range checks (BrIfAdd*) and hashing steps on a loaded byte (BINOP_LOAD_SECOND_K)", "[interp][pairs]") {
  static const char* const cmps[] = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};
  std::string wat = "(module (memory (export \"mem\") 1)\n"
                    "(data (i32.const 0) \"\\01\\82\\03\\f4\\05\\06\\07\\08\")\n";
  for (const char* c : cmps) {
    // br_if and if (the negated form) on (x - 48) OP 10
    wat += std::string("(func (export \"br_") + c + "\") (param $x i32) (result i32)\n"
           "  (block $b (br_if $b (i32." + c + " (i32.add (local.get $x) (i32.const -48)) (i32.const 10))) (return (i32.const 0)))\n"
           "  (i32.const 1))\n";
    wat += std::string("(func (export \"if_") + c + "\") (param $x i32) (result i32)\n"
           "  (if (result i32) (i32." + c + " (i32.add (local.get $x) (i32.const -48)) (i32.const 10))\n"
           "    (then (i32.const 1)) (else (i32.const 0))))\n";
  }
  wat += "(func (export \"fnv\") (param $p i32) (param $h i32) (result i32)\n"
         "  (i32.mul (i32.xor (local.get $h) (i32.load8_u offset=1 (local.get $p))) (i32.const 16777619)))\n"
         "(func (export \"fnv32\") (param $p i32) (param $h i32) (result i32)\n"
         "  (i32.mul (i32.xor (i32.load (local.get $p)) (local.get $h)) (i32.const 0x01000193)))\n"
         "(func (export \"poly\") (param $p i32) (param $h i32) (result i32)\n"
         "  (i32.mul (i32.add (local.get $h) (i32.load8_u (local.get $p))) (i32.const 31)))\n)";
  const auto& holds = i32_compare_holds;
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  for (const char* c : cmps)
    for (uint32_t x : {0u, 47u, 48u, 57u, 58u, 0x80000000u, 0x8000002Fu, 0xFFFFFFFFu}) {
      INFO(c << " " << x);
      uint32_t want = holds(c, x - 48, 10) ? 1 : 0;
      CHECK(invoke_i32(store, inst, (std::string("br_") + c).c_str(), {i32(x)}) == want);
      CHECK(invoke_i32(store, inst, (std::string("if_") + c).c_str(), {i32(x)}) == want);
    }
  CHECK(invoke_i32(store, inst, "fnv", {i32(0), i32(0x811C9DC5u)}) == (0x811C9DC5u ^ 0x82u) * 16777619u);
  CHECK(invoke_i32(store, inst, "fnv32", {i32(4), i32(7)}) == (0x08070605u ^ 7u) * 0x01000193u);
  CHECK(invoke_i32(store, inst, "poly", {i32(3), i32(2)}) == (2u + 0xF4u) * 31u);
  CHECK(failure_of([&] { invoke(store, inst, "fnv", {i32(65535), i32(1)}); }).message == "out of bounds memory access");
  CHECK(failure_of([&] { invoke(store, inst, "fnv32", {i32(65533), i32(1)}); }).message == "out of bounds memory access");
  CHECK(invoke_i32(store, inst, "fnv", {i32(65534), i32(1)}) == 16777619u);
}

TEST_CASE("interp pairs: a field's decrement kept in a local (I32LoadAddStoreKeep)", "[interp][pairs]") {
  const std::string wat = R"((module (memory (export "mem") 1)
  (data (i32.const 0) "\01\82\03\f4\05\06\07\08\09\0a\0b\0c")
  ;; sp = m->sp; m->sp = sp - 1, both kept (a stack machine's pop)
  (func (export "keep") (param $p i32) (result i32) (local $t i32) (local $e i32)
    (local.set $t (i32.load offset=4 (local.get $p)))
    (i32.store offset=4 (local.get $p) (local.tee $e (i32.add (local.get $t) (i32.const -1))))
    (i32.add (i32.mul (local.get $t) (i32.const 1000)) (local.get $e)))
  ;; the sum replaces the loaded value's own local
  (func (export "same") (param $p i32) (result i32) (local $t i32)
    (local.set $t (i32.load (local.get $p)))
    (i32.store (local.get $p) (local.tee $t (i32.add (local.get $t) (i32.const 5))))
    (local.get $t))
  ;; the sum replaces the address's local: the store goes to the old address
  (func (export "addr") (param $p i32) (result i32) (local $t i32)
    (local.set $t (i32.load (local.get $p)))
    (i32.store (local.get $p) (local.tee $p (i32.add (local.get $t) (i32.const 2))))
    (local.get $p))
  ;; different offsets on the two sides: not one address
  (func (export "other") (param $p i32) (result i32) (local $t i32) (local $e i32)
    (local.set $t (i32.load offset=4 (local.get $p)))
    (i32.store offset=5 (local.get $p) (local.tee $e (i32.add (local.get $t) (i32.const 1))))
    (local.get $e))
))";
  int traps = 0;
  for (const char* fn : {"keep", "same", "addr", "other"})
    for (uint32_t p : {0u, 1u, 4u, 65528u, 65531u, 65532u, 0xFFFFFFFCu}) {
      INFO(fn << " p=" << p);
      std::string fused = same_fused_and_plain(wat, fn, {i32(p)});
      traps += fused.find("out of bounds") != std::string::npos;
    }
  CHECK(traps >= 8);
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  CHECK(invoke_i32(store, inst, "keep", {i32(0)}) == 0x08070605u * 1000u + 0x08070604u);
  auto bytes = inst->memory("mem")->bytes();
  CHECK(bytes[4] == 0x04);
  CHECK(bytes[5] == 0x06);
}

TEST_CASE("interp pairs: count-down loops branching on the counter itself (IncBrIf/Inc2BrIf with 0)",
          "[interp][pairs]") {
  const std::string wat = R"((module (memory (export "mem") 1)
  ;; while (--n) sum += 3; (br_if on the decremented local)
  (func (export "down") (param $n i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.const 3)))
      (br_if $l (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (i32.add (i32.mul (local.get $s) (i32.const 1000)) (local.get $n)))
  ;; a pointer stepped just before the counter: stores along the way
  (func (export "two") (param $n i32) (result i32) (local $p i32)
    (local.set $p (i32.const 16))
    (loop $l
      (i32.store8 (local.get $p) (local.get $n))
      (local.set $p (i32.add (local.get $p) (i32.const 2)))
      (br_if $l (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (local.get $p))
  ;; `if` on the stepped counter branches when it is 0
  (func (export "if") (param $n i32) (result i32)
    (if (result i32) (local.tee $n (i32.add (local.get $n) (i32.const 5)))
      (then (i32.const 7)) (else (i32.const 9))))
))";
  for (const char* fn : {"down", "two", "if"})
    for (uint32_t n : {1u, 2u, 3u, 9u, 0xFFFFFFFBu}) {
      INFO(fn << " n=" << n);
      same_fused_and_plain(wat, fn, {i32(n)});
    }
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  CHECK(invoke_i32(store, inst, "down", {i32(4)}) == 12000);
  CHECK(invoke_i32(store, inst, "two", {i32(3)}) == 22);
  CHECK(inst->memory("mem")->bytes()[20] == 1);
  CHECK(invoke_i32(store, inst, "if", {i32(0xFFFFFFFBu)}) == 9);
  CHECK(invoke_i32(store, inst, "if", {i32(1)}) == 7);
}

TEST_CASE("interp pairs: a binary result or a loaded value stored next (BINOP_RR_STORE, LOAD_STORE)",
          "[interp][pairs]") {
  struct Row {
    const char *first, *store;
  };
  static const Row binops[] = {
#define WASMRUN_ROW(b, s) {#b, #s},
      WASMRUN_BINOP_STORES(WASMRUN_ROW)
#undef WASMRUN_ROW
  };
  static const Row loads[] = {
#define WASMRUN_ROW(l, s) {#l, #s},
      WASMRUN_LOAD_STORES(WASMRUN_ROW)
#undef WASMRUN_ROW
  };
  std::string wat = "(module (memory (export \"mem\") 1)\n"
                    "(data (i32.const 0) \"\\01\\82\\03\\f4\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11\\12\\13\\14\")\n";
  for (size_t k = 0; k < std::size(binops); ++k) {
    std::string t = wat_name(binops[k].first).substr(0, 3), id = std::to_string(k);
    std::string op = wat_name(binops[k].first), st = wat_name(binops[k].store);
    // the result as a temp, and kept in a local that is returned
    wat += "(func (export \"b" + id + "\") (param $p i32) (param $a " + t + ") (param $b " + t + ")\n"
           "  (" + st + " offset=3 (local.get $p) (" + op + " (local.get $a) (local.get $b))))\n";
    wat += "(func (export \"k" + id + "\") (param $p i32) (param $a " + t + ") (param $b " + t + ") (result " + t +
           ") (local $d " + t + ")\n  (" + st + " offset=1 (local.get $p) (local.tee $d (" + op +
           " (local.get $a) (local.get $b)))) (local.get $d))\n";
  }
  // an i32 result that is also the address: the store goes to the new value
  wat += "(func (export \"self\") (param $p i32) (param $a i32)\n"
         "  (local.set $p (i32.add (local.get $p) (local.get $a))) (i32.store (local.get $p) (local.get $p)))\n";
  for (size_t k = 0; k < std::size(loads); ++k) {
    std::string t = wat_name(loads[k].first).substr(0, 3), id = std::to_string(k);
    std::string ld = wat_name(loads[k].first), st = wat_name(loads[k].store);
    wat += "(func (export \"l" + id + "\") (param $p i32) (param $q i32)\n"
           "  (" + st + " offset=1 (local.get $q) (" + ld + " offset=2 (local.get $p))))\n";
    wat += "(func (export \"m" + id + "\") (param $p i32) (param $q i32) (result " + t + ") (local $d " + t + ")\n"
           "  (" + st + " (local.get $q) (local.tee $d (" + ld + " (local.get $p)))) (local.get $d))\n";
  }
  // the loaded value is the store's address
  wat += "(func (export \"chase\") (param $p i32) (param $q i32)\n"
         "  (local.set $q (i32.load8_u (local.get $p))) (i32.store8 (local.get $q) (local.get $q)))\n";
  wat += ")";
  int traps = 0;
  for (size_t k = 0; k < std::size(binops); ++k) {
    std::string t = wat_name(binops[k].first).substr(0, 3);
    auto v = [&](double x) {
      if (t == "i32") return i32(static_cast<uint32_t>(static_cast<int32_t>(x * 1000)));
      if (t == "i64") return i64(static_cast<uint64_t>(static_cast<int64_t>(x * 1e12)));
      return t == "f32" ? f32(static_cast<float>(x)) : f64(x);
    };
    for (const char* fn : {"b", "k"})
      for (uint32_t p : {0u, 5u, 65524u, 65529u, 65533u, 0xFFFFFFFFu})
        for (double a : {3.0, -7.25})
          for (double b : {0.5, -1e9}) {
            std::string name = fn + std::to_string(k);
            INFO(name << " p=" << p << " a=" << a << " b=" << b);
            std::string fused = same_fused_and_plain(wat, name, {i32(p), v(a), v(b)});
            traps += fused.find("out of bounds") != std::string::npos;
          }
  }
  for (size_t k = 0; k < std::size(loads); ++k)
    for (const char* fn : {"l", "m"})
      for (uint32_t p : {0u, 3u, 65530u, 65535u, 0xFFFFFFF0u})
        for (uint32_t q : {1u, 8u, 65528u, 65534u, 0x80000000u}) {
          std::string name = fn + std::to_string(k);
          INFO(name << " p=" << p << " q=" << q);
          std::string fused = same_fused_and_plain(wat, name, {i32(p), i32(q)});
          traps += fused.find("out of bounds") != std::string::npos;
        }
  for (uint32_t p : {0u, 1u, 3u, 65535u}) {
    same_fused_and_plain(wat, "chase", {i32(p), i32(0)});
    same_fused_and_plain(wat, "self", {i32(p), i32(4)});
  }
  CHECK(traps > 100);
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  auto bytes = inst->memory("mem")->bytes();
  invoke(store, inst, "l0", {i32(2), i32(20)});  // the i32 at 4 copied to 21
  CHECK(bytes[21] == 0x05);
  CHECK(bytes[24] == 0x08);
  invoke(store, inst, "chase", {i32(3), i32(0)});  // byte 3 is 0xf4: 0xf4 stored at 0xf4
  CHECK(bytes[0xf4] == 0xf4);
  invoke(store, inst, "self", {i32(40), i32(4)});  // 44 stored at 44
  CHECK(bytes[44] == 44);
}

TEST_CASE("interp pairs: two bit fields of one word (I32ShrUAnd2)", "[interp][pairs]") {
  const std::string wat = R"((module (memory (export "mem") 1)
  ;; ((t >> 2) & 15) * ((t >> 5) & 127), CoreMark's bit-extract product
  (func (export "product") (param $t i32) (result i32)
    (i32.mul (i32.and (i32.shr_u (local.get $t) (i32.const 2)) (i32.const 15))
             (i32.and (i32.shr_u (local.get $t) (i32.const 5)) (i32.const 127))))
  ;; both fields into locals (the fused result's destinations redirected)
  (func (export "locals") (param $t i32) (result i32) (local $x i32) (local $y i32)
    (local.set $x (i32.and (i32.shr_u (local.get $t) (i32.const 26)) (i32.const 63)))
    (local.set $y (i32.and (i32.shr_u (local.get $t) (i32.const 31)) (i32.const 1)))
    (i32.sub (i32.mul (local.get $x) (i32.const 10)) (local.get $y)))
  ;; the first field replaces the word: the second reads the new value
  (func (export "overwrite") (param $t i32) (result i32) (local $y i32)
    (local.set $t (i32.and (i32.shr_u (local.get $t) (i32.const 4)) (i32.const 0xFFF)))
    (local.set $y (i32.and (i32.shr_u (local.get $t) (i32.const 3)) (i32.const 7)))
    (i32.add (i32.mul (local.get $t) (i32.const 16)) (local.get $y)))
  ;; shift counts of 32 and more wrap (mod 32)
  (func (export "wide") (param $t i32) (result i32)
    (i32.xor (i32.and (i32.shr_u (local.get $t) (i32.const 33)) (i32.const 0xFF))
             (i32.and (i32.shr_u (local.get $t) (i32.const 40)) (i32.const 0xFF00))))
))";
  for (const char* fn : {"product", "locals", "overwrite", "wide"})
    for (uint32_t t : {0u, 1u, 0x3Cu, 0xDEADBEEFu, 0x80000000u, 0xFFFFFFFFu, 0x12345678u}) {
      INFO(fn << " t=" << t);
      same_fused_and_plain(wat, fn, {i32(t)});
    }
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  uint32_t t = 0xDEADBEEFu;
  CHECK(invoke_i32(store, inst, "product", {i32(t)}) == ((t >> 2) & 15) * ((t >> 5) & 127));
  CHECK(invoke_i32(store, inst, "locals", {i32(t)}) == ((t >> 26) & 63) * 10 - (t >> 31));
  uint32_t f = (t >> 4) & 0xFFF;
  CHECK(invoke_i32(store, inst, "overwrite", {i32(t)}) == f * 16 + ((f >> 3) & 7));
  CHECK(invoke_i32(store, inst, "wide", {i32(t)}) == (((t >> 1) & 0xFF) ^ ((t >> 8) & 0xFF00)));
}

TEST_CASE("interp pairs: a copy just before br_if or if (CopyBrIf, CopyBrIfNot)", "[interp][pairs]") {
  const std::string wat = R"((module (memory (export "mem") 1)
  ;; a loop-carried value copied before the back edge, the test computed first
  (func (export "carry") (param $n i32) (result i32) (local $i i32) (local $t i32) (local $s i32)
    (loop $l
      (local.set $t (i32.add (local.get $i) (i32.const 1)))
      (local.set $s (i32.add (local.get $s) (local.get $t)))
      local.get $t
      local.get $n
      i32.lt_u
      local.get $t
      local.set $i
      br_if $l)
    (i32.add (i32.mul (local.get $s) (i32.const 1000)) (local.get $i)))
  ;; the copy writes the condition's own slot: the branch tests the copy
  (func (export "self") (param $x i32) (result i32) (local $c i32) (local $k i32)
    (loop $l
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (local.set $x (i32.shr_u (local.get $x) (i32.const 1)))
      (local.set $c (local.get $x))
      (br_if $l (local.get $c)))
    (local.get $k))
  ;; `if` branches to its else when the condition is 0
  (func (export "ifcopy") (param $x i32) (param $y i32) (result i32) (local $c i32)
    local.get $x
    local.get $y
    local.set $c
    (if (result i32) (then (local.get $c)) (else (i32.const -1))))
))";
  for (uint32_t x : {0u, 1u, 5u, 0x80000000u, 0xFFFFFFFFu}) {
    INFO("x=" << x);
    same_fused_and_plain(wat, "carry", {i32(x % 100)});
    same_fused_and_plain(wat, "self", {i32(x)});
    same_fused_and_plain(wat, "ifcopy", {i32(x), i32(7)});
  }
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  CHECK(invoke_i32(store, inst, "carry", {i32(4)}) == 10 * 1000 + 4);
  CHECK(invoke_i32(store, inst, "self", {i32(0x80000000u)}) == 32);
  CHECK(invoke_i32(store, inst, "ifcopy", {i32(1), i32(7)}) == 7);
  CHECK(invoke_i32(store, inst, "ifcopy", {i32(0), i32(7)}) == 0xFFFFFFFFu);
}

TEST_CASE("interp pairs: a byte table indexed by a masked value (I32Load8UMasked)", "[interp][pairs]") {
  const std::string wat = R"((module (memory (export "mem") 1)
  (data (i32.const 0) "\01\82\03\f4\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10\11\12\13\14")
  ;; sbox[(b ^ k) & 255] with the table at 4 (an addend) and an offset
  (func (export "sbox") (param $x i32) (result i32)
    (i32.load8_u offset=1 (i32.add (i32.and (local.get $x) (i32.const 255)) (i32.const 4))))
  ;; no addend; a mask that keeps high bits (the address can be out of range)
  (func (export "plain") (param $x i32) (result i32)
    (i32.load8_u offset=2 (i32.and (local.get $x) (i32.const 0xFFFF000F))))
  ;; an addend that wraps the 32-bit address around
  (func (export "wrap") (param $x i32) (result i32)
    (i32.load8_u (i32.add (i32.and (local.get $x) (i32.const 15)) (i32.const 0xFFFFFFF8))))
  ;; the loaded byte kept in a local and added to the index
  (func (export "keep") (param $x i32) (result i32) (local $b i32)
    (local.set $b (i32.load8_u (i32.and (local.get $x) (i32.const 7))))
    (i32.add (local.get $b) (local.get $x)))
))";
  int traps = 0;
  for (const char* fn : {"sbox", "plain", "wrap", "keep"})
    for (uint32_t x : {0u, 3u, 9u, 0xFFu, 0x1FFu, 0x8000000Cu, 0xFFFFFFFFu, 0x0001FFF3u}) {
      INFO(fn << " x=" << x);
      std::string fused = same_fused_and_plain(wat, fn, {i32(x)});
      traps += fused.find("out of bounds") != std::string::npos;
    }
  CHECK(traps >= 3);
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  CHECK(invoke_i32(store, inst, "sbox", {i32(0x103)}) == 0x09);  // byte 3 + 4 + 1 = 8
  CHECK(invoke_i32(store, inst, "wrap", {i32(9)}) == 0x82);      // 9 - 8 = 1
  CHECK(invoke_i32(store, inst, "keep", {i32(0xA)}) == 0x03 + 0xA);
}

TEST_CASE("interp pairs: loads and stores of an indexed element (NAME_X)", "[interp][pairs]") {
  static const char* const loads[] = {
#define WASMRUN_ROW(name, ...) #name,
      WASMRUN_LOADS(WASMRUN_ROW)
#undef WASMRUN_ROW
  };
  static const char* const stores[] = {
#define WASMRUN_ROW(name, ...) #name,
      WASMRUN_STORES(WASMRUN_ROW)
#undef WASMRUN_ROW
  };
  // "I64Load32S" -> "i64.load32_s": wat_name handles the suffix
  std::string wat = "(module (memory (export \"mem\") 1)\n"
                    "(data (i32.const 0) \"\\01\\82\\03\\f4\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11\\12\\13\\14\")\n";
  for (size_t k = 0; k < std::size(loads); ++k) {
    std::string ld = wat_name(loads[k]), t = ld.substr(0, 3), id = std::to_string(k);
    // p[i] with a shift of 2, an addend and an offset; a shift of 35 (= 3)
    wat += "(func (export \"l" + id + "\") (param $p i32) (param $i i32) (result " + t + ")\n"
           "  (" + ld + " offset=3 (i32.add (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $p))"
           " (i32.const -8))))\n";
    wat += "(func (export \"m" + id + "\") (param $p i32) (param $i i32) (result " + t + ")\n"
           "  (" + ld + " (i32.add (i32.shl (local.get $i) (i32.const 35)) (local.get $p))))\n";
  }
  for (size_t k = 0; k < std::size(stores); ++k) {
    std::string st = wat_name(stores[k]), t = st.substr(0, 3), id = std::to_string(k);
    std::string v = t == "i32" ? "(i32.const 0x01020304)" : t == "i64" ? "(i64.const 0x0102030405060708)"
                  : t == "f32" ? "(f32.const -1.5)" : "(f64.const 3.25)";
    wat += "(func (export \"s" + id + "\") (param $p i32) (param $i i32) (local $v " + t + ")\n"
           "  (local.set $v " + v + ")\n"
           "  (" + st + " offset=1 (i32.add (i32.shl (local.get $i) (i32.const 3)) (local.get $p)) (local.get $v)))\n";
  }
  wat += ")";
  int traps = 0;
  for (const char* fn : {"l", "m", "s"}) {
    size_t n = fn[0] == 's' ? std::size(stores) : std::size(loads);
    for (size_t k = 0; k < n; ++k)
      for (uint32_t p : {0u, 8u, 65520u, 0xFFFFFFF8u})
        for (uint32_t i : {0u, 1u, 3u, 0x40000000u, 0xFFFFFFFFu, 8190u}) {
          std::string name = fn + std::to_string(k);
          INFO(name << " p=" << p << " i=" << i);
          std::string fused = same_fused_and_plain(wat, name, {i32(p), i32(i)});
          traps += fused.find("out of bounds") != std::string::npos;
        }
  }
  CHECK(traps > 100);
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  // l0 is i32.load at (2 << 2) + 4 - 8 + 3 = 7
  CHECK(invoke_i32(store, inst, "l0", {i32(4), i32(2)}) == 0x0b0a0908u);
  // m0 shifts by 35 mod 32 = 3: (1 << 3) + 2 = 10
  CHECK(invoke_i32(store, inst, "m0", {i32(2), i32(1)}) == 0x0e0d0c0bu);
  invoke(store, inst, "s0", {i32(32), i32(2)});  // i32.store at 48 + 1
  CHECK(inst->memory("mem")->bytes()[49] == 0x04);
  CHECK(inst->memory("mem")->bytes()[52] == 0x01);
}

TEST_CASE("interp pairs: two loads feeding an operator with an i32.add between them (BINOP_LOAD_LOAD)",
          "[interp][pairs]") {
  const std::string wat = R"((module (memory (export "mem") 1)
  (data (i32.const 0) "\01\82\03\f4\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10\11\12\13\14")
  ;; an unrolled dot product's step: the second address added up (and kept)
  ;; after the first load
  (func (export "dot") (param $p i32) (param $q i32) (param $j i32) (result i32) (local $a i32)
    (i32.add
      (i32.mul
        (i32.load (i32.add (local.get $p) (i32.const 8)))
        (i32.load offset=1 (i32.add (local.tee $a (i32.add (local.get $q) (local.get $j))) (i32.const 4))))
      (local.get $a)))
  ;; the add overwrites the first load's address: the load must read the old one
  (func (export "clobber") (param $p i32) (param $q i32) (result i32)
    (i32.mul
      (i32.load (i32.add (local.get $p) (i32.const 8)))
      (i32.load (i32.add (local.tee $p (i32.add (local.get $q) (local.get $p))) (i32.const 4)))))
))";
  int traps = 0;
  for (uint32_t p : {0u, 4u, 65528u, 0xFFFFFFF8u})
    for (uint32_t q : {0u, 3u, 65530u}) {
      INFO("p=" << p << " q=" << q);
      std::string fused = same_fused_and_plain(wat, "dot", {i32(p), i32(q), i32(2)});
      same_fused_and_plain(wat, "clobber", {i32(p), i32(q)});
      traps += fused.find("out of bounds") != std::string::npos;
    }
  CHECK(traps >= 4);
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  // load [8] = 0x0c0b0a09, load [2 + 4 + 1 = 7] = 0x0b0a0908, plus a = 2
  CHECK(invoke_i32(store, inst, "dot", {i32(0), i32(0), i32(2)}) == 0x0c0b0a09u * 0x0b0a0908u + 2u);
  // load [0 + 8]; p becomes 1 + 0 = 1: load [1 + 4]
  CHECK(invoke_i32(store, inst, "clobber", {i32(0), i32(1)}) == 0x0c0b0a09u * 0x09080706u);
}

TEST_CASE("interp pairs: call_indirect of a function pointer loaded just before (CallIndirectLoad*)",
          "[interp][pairs]") {
  // Memory: at 16 an array of element indices (a handler table), at 40 a
  // struct whose field at offset 4 is one. Table: $add $sub $mul, a null,
  // and $neg of another type.
  const std::string wat = R"((module (memory (export "mem") 1)
  (type $bin (func (param i32 i32) (result i32)))
  (type $un (func (param i32) (result i32)))
  (table 5 funcref)
  (elem (i32.const 0) $add $sub $mul)
  (elem (i32.const 4) $neg)
  (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
  (func $mul (type $bin) (i32.mul (local.get 0) (local.get 1)))
  (func $neg (type $un) (i32.sub (i32.const 0) (local.get 0)))
  (data (i32.const 16) "\02\00\00\00\00\00\00\00\01\00\00\00\03\00\00\00\04\00\00\00\09\00\00\00")
  (data (i32.const 40) "\ff\ff\ff\ff\01\00\00\00")
  ;; handlers[op](x, 10): an array indexed by a shifted opcode
  (func (export "array") (param $op i32) (param $x i32) (result i32)
    (call_indirect (type $bin) (local.get $x) (i32.const 10)
      (i32.load (i32.add (i32.shl (local.get $op) (i32.const 2)) (i32.const 16)))))
  ;; s->fn(x, s): a struct's field, an argument that is the address too
  (func (export "field") (param $s i32) (param $x i32) (result i32)
    (call_indirect (type $bin) (local.get $x) (local.get $s) (i32.load offset=4 (local.get $s))))
  ;; the arguments computed, then the pointer from the first of them
  (func (export "computed") (param $op i32) (param $x i32) (result i32)
    (call_indirect (type $bin) (i32.add (local.get $x) (i32.const 1)) (i32.mul (local.get $x) (local.get $x))
      (i32.load offset=16 (i32.shl (local.get $op) (i32.const 2)))))
  ;; the loaded index kept in a local as well (no fusion: a tee)
  (func (export "tee") (param $op i32) (param $x i32) (result i32) (local $i i32)
    (i32.add
      (call_indirect (type $bin) (local.get $x) (i32.const 3)
        (local.tee $i (i32.load offset=16 (i32.shl (local.get $op) (i32.const 2)))))
      (local.get $i)))
))";
  int ok = 0, traps = 0;
  for (const char* fn : {"array", "field", "computed", "tee"})
    for (uint32_t a : {0u, 1u, 2u, 3u, 4u, 5u, 6u, 36u, 40u, 0x3FFFFFFFu, 0xFFFFFFF0u})
      for (uint32_t x : {0u, 7u, 0xFFFFFFFFu}) {
        INFO(fn << " a=" << a << " x=" << x);
        std::string fused = same_fused_and_plain(wat, fn, {i32(a), i32(x)});
        bool trapped = fused.find("out of bounds") != std::string::npos ||
                       fused.find("undefined element") != std::string::npos ||
                       fused.find("uninitialized element") != std::string::npos ||
                       fused.find("indirect call type mismatch") != std::string::npos;
        traps += trapped;
        ok += !trapped;
      }
  CHECK(ok >= 40);
  CHECK(traps >= 20);
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  CHECK(invoke_i32(store, inst, "array", {i32(0), i32(5)}) == 50);  // handlers[0] = 2: $mul
  CHECK(invoke_i32(store, inst, "array", {i32(1), i32(5)}) == 15);  // 0: $add
  CHECK(invoke_i32(store, inst, "array", {i32(2), i32(5)}) == static_cast<uint32_t>(-5));  // 1: $sub
  CHECK(invoke_i32(store, inst, "field", {i32(40), i32(5)}) == static_cast<uint32_t>(5 - 40));
  CHECK(invoke_i32(store, inst, "computed", {i32(1), i32(6)}) == 7 + 36);  // 0: $add
  CHECK(invoke_i32(store, inst, "tee", {i32(2), i32(6)}) == 3 + 1);  // 1: $sub, plus the index
  auto trap = [&](const char* fn, uint32_t a) {
    try {
      invoke_i32(store, inst, fn, {i32(a), i32(1)});
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no trap");
  };
  CHECK(trap("array", 4).find("indirect call type mismatch") != std::string::npos);  // 4: $neg
  CHECK(trap("array", 5).find("undefined element") != std::string::npos);            // 9
  CHECK(trap("array", 3).find("uninitialized element") != std::string::npos);  // a null
  CHECK(trap("computed", 0x3FFFFFFF).find("out of bounds") != std::string::npos);
  CHECK(trap("field", 0xFFFFFFFF).find("out of bounds") != std::string::npos);
}

TEST_CASE("interp pairs: adjacent instructions paired with one dispatch (WASMRUN_PREFIXED)", "[interp][pairs]") {
  // Each function puts a pair's FIRST right before its SECOND; in "into"
  // and "loopstore" SECOND starts a loop, so the back edge branches to
  // SECOND alone while the entry runs the pair.
  const std::string wat = R"((module (memory (export "mem") 1)
  (data (i32.const 0) "\05\00\00\00\07\00\00\00\fe\ff\ff\ff\03\00\00\00")
  ;; I32Add_RI + I32Load: a counter stepped next to a list walk
  (func (export "walk") (param $p i32) (param $n i32) (result i32) (local $c i32)
    (block $out
      (loop $l
        (br_if $out (i32.eqz (local.get $n)))
        (local.set $c (i32.add (local.get $c) (i32.const 3)))
        (local.set $p (i32.load (i32.and (local.get $p) (i32.const 12))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (i32.add (local.get $c) (local.get $p)))
  ;; I32Add_RI + I32Load with the load at a loop's start (a branch target)
  (func (export "into") (param $p i32) (param $n i32) (result i32) (local $s i32)
    (local.set $s (i32.add (local.get $n) (i32.const 100)))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (i32.and (local.get $p) (i32.const 12)))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (i32.lt_u (local.get $p) (local.get $n))))
    (local.get $s))
  ;; I32Add_RR + Return1, I32Add_RI + CallS (fib's shape)
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.add (local.get $n) (i32.const -1)))
                     (call $fib (i32.add (local.get $n) (i32.const -2)))))))
  ;; I32Add_RI + I32Add_RI where the second reads the first's result
  (func (export "chain") (param $x i32) (param $y i32) (result i32) (local $a i32) (local $b i32)
    (local.set $a (i32.add (local.get $x) (i32.const 7)))
    (local.set $b (i32.add (local.get $a) (i32.const 9)))
    (i32.xor (local.get $b) (local.get $y)))
  ;; I32Store8_IRR + AddBrIfI32LeU_RR: sieve's inner loop
  (func (export "sieve") (param $step i32) (param $n i32) (result i32) (local $j i32) (local $b i32)
    (local.set $j (local.get $step))
    (local.set $b (i32.const 16))
    (loop $l
      (i32.store8 (i32.add (local.get $b) (local.get $j)) (i32.const 1))
      (br_if $l (i32.le_u (local.tee $j (i32.add (local.get $j) (local.get $step))) (local.get $n))))
    (i32.load offset=16 (i32.const 0)))
))";
  auto check = [&](const char* fn, std::vector<Value> args, uint32_t expected) {
    INFO(fn);
    std::string fused = same_fused_and_plain(wat, fn, args);
    CHECK(fused.substr(0, fused.find(' ')) == std::to_string(expected));
  };
  // walk: p = 0 -> 5&12=4 -> 7&12=4 -> ... ; c = 3n
  check("walk", {i32(0), i32(0)}, 0);
  check("walk", {i32(0), i32(1)}, 3 + 5);
  check("walk", {i32(0), i32(3)}, 9 + 7);
  check("walk", {i32(8), i32(2)}, 6 + 3);  // 8 -> 0xFFFFFFFE & 12 = 12 -> 3
  // into: s = n + 100, then the words at p&12 for p = p0, p0+4, ... < n
  check("into", {i32(0), i32(16)}, 116 + 5 + 7 + 0xFFFFFFFEu + 3);
  check("into", {i32(4), i32(9)}, 109 + 7 + 0xFFFFFFFEu);
  check("into", {i32(12), i32(0)}, 100 + 3);
  check("fib", {i32(0)}, 0);
  check("fib", {i32(1)}, 1);
  check("fib", {i32(20)}, 6765);
  check("chain", {i32(1), i32(0)}, 17);
  check("chain", {i32(0xFFFFFFF0u), i32(5)}, (0xFFFFFFF0u + 16) ^ 5);
  // sieve: bytes 16 + step*k for k >= 1 up to n; the word at 16 shows 16..19
  check("sieve", {i32(1), i32(3)}, 0x00010101u << 8);
  check("sieve", {i32(2), i32(8)}, 0x00010000u);
  std::string oob = same_fused_and_plain(wat, "sieve", {i32(0x8000), i32(0x20000)});
  CHECK(oob.find("out of bounds") != std::string::npos);
}

namespace {

// Whether function `func_index` of `wat`, compiled with fusions, holds an
// instruction `op` (a word whose handler half is op's; an immediate that
// happened to match would only make the check weaker).
bool compiles_to(const std::string& wat, uint32_t func_index, interp::IOp op) {
  auto module = CompiledModule::from_text(wat, Features{});
  auto code = interp::compile_function(module->ir(), func_index, module->features());
  for (const interp::Slot& s : code->slots)
    if (static_cast<uint32_t>(s.u64) == interp::handler_word(op)) return true;
  return false;
}

// The internal op named `name`, or Count: a pair is an op only while the
// tuning table (interp/compiler/tuning_table.def, generated) has its row.
interp::IOp iop_named(const std::string& name) {
  for (size_t i = 0; i < static_cast<size_t>(interp::IOp::Count); ++i)
    if (name == interp::iop_name(static_cast<interp::IOp>(i))) return static_cast<interp::IOp>(i);
  return interp::IOp::Count;
}

// Whether function `func_index` of `wat` compiles to the pair `name` as
// `expected` says; a pair the table has no row for is reported, not
// checked (the results above are checked either way).
void check_pair(const std::string& wat, uint32_t func_index, const std::string& name, bool expected) {
  interp::IOp op = iop_named(name);
  if (op == interp::IOp::Count) {
    WARN("the tuning table has no row " << name << ": not checked");
    return;
  }
  INFO(name << " in function " << func_index);
  CHECK(compiles_to(wat, func_index, op) == expected);
}

}  // namespace

TEST_CASE("interp pairs: a fetch-decode-call loop's pairs (SetS_Then_CallIndirectLoadScaled, ...)",
          "[interp][pairs]") {
  // Records {u8 op, i32 arg} at 64; op 0 adds arg, op 1 shifts left by it;
  // handlers through a table of element indices at 48.
  const std::string wat = R"((module (memory (export "mem") 1)
  (type $h (func (param i32 i32)))
  (table 2 funcref)
  (elem (i32.const 0) $add $shl)
  (data (i32.const 48) "\00\00\00\00\01\00\00\00")
  (data (i32.const 64) "\00\00\00\00\05\00\00\00\01\00\00\00\02\00\00\00\00\00\00\00\03\00\00\00\01\00\00\00\01\00\00\00")
  (func $add (type $h) (i32.store (i32.const 16) (i32.add (i32.load (i32.const 16)) (local.get 1))))
  (func $shl (type $h) (i32.store (i32.const 16) (i32.shl (i32.load (i32.const 16)) (local.get 1))))
  ;; a fetch-decode-call loop over 8-byte records {u8 op, i32 arg} at 64
  (func (export "vm") (param $n i32) (result i32) (local $i i32) (local $p i32)
    (i32.store (i32.const 16) (i32.const 1))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $p (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 3)))
        (call_indirect (type $h)
          (i32.const 16)
          (i32.load offset=68 (local.get $p))
          (i32.load offset=48 (i32.shl (i32.load8_u offset=64 (local.get $p)) (i32.const 2))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (i32.load (i32.const 16)))
  ;; the same, with an argument computed from the old value of the local
  ;; that the opcode byte's load then overwrites
  (func (export "vm2") (param $n i32) (result i32) (local $i i32) (local $p i32) (local $b i32)
    (i32.store (i32.const 16) (i32.const 1))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $p (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 3)))
        (call_indirect (type $h)
          (i32.const 16)
          (i32.add (local.get $b) (i32.load offset=68 (local.get $p)))
          (i32.load offset=48 (i32.shl (local.tee $b (i32.load8_u offset=64 (local.get $p))) (i32.const 2))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (i32.load (i32.const 16)))
))";
  auto model = [](uint32_t n, bool plus_last_op) {
    const uint32_t ops[4] = {0, 1, 0, 1}, args[4] = {5, 2, 3, 1};
    uint32_t acc = 1, b = 0;
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t arg = args[i & 3] + (plus_last_op ? b : 0);
      b = ops[i & 3];
      acc = ops[i & 3] == 0 ? acc + arg : acc << arg;
    }
    return acc;
  };
  for (uint32_t n : {0u, 1u, 4u, 5u, 9u, 30u}) {
    INFO("n=" << n);
    std::string fused = same_fused_and_plain(wat, "vm", {i32(n)});
    CHECK(fused.substr(0, fused.find(' ')) == std::to_string(model(n, false)));
    fused = same_fused_and_plain(wat, "vm2", {i32(n)});
    CHECK(fused.substr(0, fused.find(' ')) == std::to_string(model(n, true)));
  }
  CHECK(model(5, false) == 59);
  CHECK(model(3, true) == ((1 + 5) << 2) + 4);
  // The argument copy (a constant) goes before the opcode byte's load, so
  // the call takes the byte in a register (Compiler::call_frame_before_last).
  check_pair(wat, 2, "I32Load8U_Fwd_CallIndirectLoadScaled", true);
}

TEST_CASE("interp pairs: forwarded results (WASMRUN_FORWARDED) equal the slot round trip", "[interp][pairs]") {
  // Each function has a pair whose second instruction reads the first's
  // result; "indep" has the same two instructions with the second reading
  // another slot, and "target" puts the second at a loop's start, so the
  // back edge enters it alone and it reads the slot.
  const std::string wat = R"((module (memory (export "mem") 1)
  (data (i32.const 64) "\05\00\00\00\07\00\00\00\fe\ff\ff\ff\03\00\00\00\09\00\00\00\0b\00\00\00")
  ;; 0: I32Add_RI -> I32Load through the sum
  (func (export "tee") (param $p i32) (result i32) (local $q i32) (local $v i32)
    (local.set $v (i32.load (local.tee $q (i32.add (local.get $p) (i32.const 64)))))
    (i32.xor (local.get $v) (local.get $q)))
  ;; 1: the same two instructions, independent
  (func (export "indep") (param $p i32) (param $r i32) (result i32) (local $q i32) (local $v i32)
    (local.set $q (i32.add (local.get $p) (i32.const 64)))
    (local.set $v (i32.load (local.get $r)))
    (i32.xor (local.get $v) (local.get $q)))
  ;; 2: the load starts a loop
  (func (export "target") (param $p i32) (param $n i32) (result i32) (local $q i32) (local $s i32) (local $v i32)
    (local.set $q (i32.add (local.get $p) (i32.const 64)))
    (loop $l
      (local.set $v (i32.load (local.get $q)))
      (local.set $s (i32.add (local.get $s) (local.get $v)))
      (local.set $q (i32.add (local.get $q) (i32.const 4)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; 3: a byte sign-extended by two shifts, and a masked index scaled
  (func (export "bits") (param $x i32) (result i32)
    (i32.xor (i32.shr_s (i32.shl (local.get $x) (i32.const 24)) (i32.const 24))
             (i32.shl (i32.and (i32.add (local.get $x) (i32.const 3)) (i32.const 255)) (i32.const 2))))
  ;; 4: a fetch loop: pc = m->pc++ (memory at $m + 32), then the word at
  ;; 64 + pc * 8 + 4, as a bytecode interpreter's fetch does
  (func (export "fetch") (param $m i32) (param $n i32) (result i32) (local $pc i32) (local $s i32) (local $w i32)
    (i32.store offset=32 (local.get $m) (i32.const 0))
    (loop $l
      (i32.store offset=32 (local.get $m) (i32.add (local.tee $pc (i32.load offset=32 (local.get $m))) (i32.const 1)))
      (local.set $pc (i32.shl (local.get $pc) (i32.const 3)))
      (local.set $w (i32.load offset=4 (i32.add (local.get $pc) (i32.const 64))))
      (local.set $s (i32.add (local.get $s) (local.get $w)))
      (br_if $l (i32.lt_u (i32.load offset=32 (local.get $m)) (local.get $n))))
    (local.get $s))
))";
  auto check = [&](const char* fn, std::vector<Value> args, uint32_t expected) {
    INFO(fn);
    std::string fused = same_fused_and_plain(wat, fn, args);
    CHECK(fused.substr(0, fused.find(' ')) == std::to_string(expected));
  };
  check("tee", {i32(0)}, 5 ^ 64);
  check("tee", {i32(8)}, 0xFFFFFFFEu ^ 72);
  check("tee", {i32(0xFFFFFFC4u)}, 4);  // p + 64 wraps to 4 (zero memory)
  CHECK(same_fused_and_plain(wat, "tee", {i32(0xFFFC)}).find("out of bounds") != std::string::npos);
  check("indep", {i32(4), i32(72)}, 0xFFFFFFFEu ^ 68);
  check("target", {i32(0), i32(3)}, 5 + 7 + 0xFFFFFFFEu);  // wraps to 10
  check("target", {i32(12), i32(1)}, 3);
  CHECK(same_fused_and_plain(wat, "target", {i32(0xFF00), i32(0x80)}).find("out of bounds") != std::string::npos);
  for (uint32_t x : {0u, 1u, 0x7Fu, 0x80u, 0xFFu, 0x12345678u, 0xFFFFFFFFu}) {
    uint32_t expected = static_cast<uint32_t>(static_cast<int32_t>(x << 24) >> 24) ^ (((x + 3) & 255) << 2);
    check("bits", {i32(x)}, expected);
  }
  // the words at 68, 76, 84 (pc = 0, 1, 2): 7, 3, 11
  check("fetch", {i32(0), i32(1)}, 7);
  check("fetch", {i32(0), i32(3)}, 7 + 3 + 11);
  check("fetch", {i32(16), i32(2)}, 7 + 3);
  CHECK(same_fused_and_plain(wat, "fetch", {i32(0), i32(0x2000)}).find("out of bounds") != std::string::npos);
  // The forwarding pairs are really there: without them the checks above
  // would only test the plain pairs.
  check_pair(wat, 0, "I32Add_RI_Fwd_I32Load", true);
  check_pair(wat, 1, "I32Add_RI_Fwd_I32Load", false);
  check_pair(wat, 2, "I32Add_RI_Fwd_I32Load", true);
  check_pair(wat, 3, "I32Shl_RI_Fwd_I32ShrS_RI", true);
  check_pair(wat, 4, "I32LoadAddStore_Fwd_I32Shl_RI_Fwd_I32Load_A", true);
}

TEST_CASE("interp: a br_table that moves no values (BrTable0) jumps to each target", "[interp][pairs]") {
  // A switch in a loop, as a scanner's state machine: the index comes from
  // the bytes at 101.. (data below); index 3 is the loop itself, 4 and
  // above the default. The cases start with instructions that pair, so the
  // entries' copied first words are pair handlers.
  const std::string wat = R"((module (memory (export "mem") 1)
  (data (i32.const 101) "\00\01\02\03\04\c8\ff\02\00\01\03\02")
  (func (export "scan") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (local.set $s (i32.const 1))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (block $d (block $c (block $b (block $a
          (br_table $a $b $c $l $d (i32.load8_u offset=100 (local.get $i))))
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br $l))
          (local.set $s (i32.mul (i32.add (local.get $s) (i32.const 2)) (i32.const 3)))
          (br $l))
          (local.set $s (i32.xor (local.get $s) (i32.shl (local.get $i) (i32.const 4))))
          (br $l))
        (local.set $s (i32.sub (local.get $s) (i32.const 7)))
        (br $l)))
    (local.get $s))
  ;; a target that is the function's end: index 0 stores 5, any other returns
  (func $void (param $i i32)
    (block $a (br_table $a 1 (local.get $i)))
    (i32.store (i32.const 0) (i32.const 5)))
  (func (export "out") (param $i i32) (result i32)
    (i32.store (i32.const 0) (i32.const 9))
    (call $void (local.get $i))
    (i32.load (i32.const 0)))
))";
  const uint8_t bytes[] = {0, 1, 2, 3, 4, 200, 255, 2, 0, 1, 3, 2};
  auto scan = [&](uint32_t n) {
    uint32_t s = 1;
    for (uint32_t i = 1; i <= n; ++i) {
      uint8_t b = i <= sizeof bytes ? bytes[i - 1] : 0;  // zero memory past the data
      if (b == 0) s += 1;
      else if (b == 1) s = (s + 2) * 3;
      else if (b == 2) s ^= i << 4;
      else if (b != 3) s -= 7;
    }
    return s;
  };
  for (uint32_t n : {0u, 1u, 2u, 3u, 4u, 5u, 7u, 12u, 20u}) {
    INFO("n = " << n);
    std::string fused = same_fused_and_plain(wat, "scan", {i32(n)});
    CHECK(fused.substr(0, fused.find(' ')) == std::to_string(scan(n)));
  }
  for (auto [i, expected] : {std::pair{0u, 5u}, {1u, 9u}, {2u, 9u}, {0x80000000u, 9u}, {0xFFFFFFFFu, 9u}}) {
    INFO("i = " << i);
    std::string fused = same_fused_and_plain(wat, "out", {i32(i)});
    CHECK(fused.substr(0, fused.find(' ')) == std::to_string(expected));
  }
  CHECK(compiles_to(wat, 0, interp::IOp::BrTable0));
  CHECK(compiles_to(wat, 1, interp::IOp::BrTable0));
  CHECK(!compiles_to(wat, 0, interp::IOp::BrTable));
}
