// Interpreter: the one-word instruction forms (slots below 2^16) and their
// long fallbacks, the loop-step branches (IncBrIf*), indexed loads
// (I32LoadScaled) and stores of constants (the _I forms). See code.h.
#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

TEST_CASE("interp compact: one-word and long forms agree around slot 65536", "[interp][compact]") {
  // 33,000 v128 locals take 66,000 slots, so $hi and $hj live above 2^16:
  // copies, small constants, unary ops and calls there need the long forms.
  const std::string wat = R"((module
    (func $id (param i64) (result i64) (local.get 0))
    (func (export "low") (param $a i32) (result i64)
      (local $x i64) (local $y i32)
      (local.set $y (i32.const 7))
      (local.set $x (i64.extend_i32_u (local.get $a)))
      (i64.add (call $id (local.get $x)) (i64.extend_i32_u (local.get $y))))
    (func (export "high") (param $a i32) (result i64)
      (local $pad v128)
      (local $hi i64) (local $hj i32)
      (local.set $hj (i32.const 7))
      (local.set $hi (i64.extend_i32_u (local.get $a)))
      (i64.add (call $id (local.get $hi)) (i64.extend_i32_u (local.get $hj))))
  ))";
  // $pad stands for the padding, made by text expansion.
  std::string big = wat;
  std::string pad = "(local";
  for (int i = 0; i < 33000; ++i) pad += " v128";
  pad += ")";
  big.replace(big.find("(local $pad v128)"), std::string("(local $pad v128)").size(), pad);
  Store store;
  Instance* inst = instantiate_wat(store, big);
  for (uint32_t a : {0u, 1u, 0x7FFFFFFFu, 0xFFFFFFFFu}) {
    CHECK(invoke_i64(store, inst, "low", {i32(a)}) == uint64_t{a} + 7);
    CHECK(invoke_i64(store, inst, "high", {i32(a)}) == uint64_t{a} + 7);
  }
}

TEST_CASE("interp compact: small constants keep their type's bits", "[interp][compact]") {
  // SetS sign-extends 16 bits: only constants whose bits are exactly that
  // may use it; i32 -1 is 0x00000000FFFFFFFF in a slot, i64 -1 is all ones.
  Store store;
  Instance* inst = instantiate_wat(store, R"((module
    (func (export "i32m1") (result i64) (local $x i32) (local.set $x (i32.const -1)) (i64.extend_i32_u (local.get $x)))
    (func (export "i64m1") (result i64) (local $x i64) (local.set $x (i64.const -1)) (local.get $x))
    (func (export "i64big") (result i64) (local $x i64) (local.set $x (i64.const 0x12345)) (local.get $x))
    (func (export "i32s") (result i32) (local $x i32) (local.set $x (i32.const 32767)) (local.get $x))
  ))");
  CHECK(invoke_i64(store, inst, "i32m1") == 0xFFFFFFFFu);
  CHECK(invoke_i64(store, inst, "i64m1") == ~uint64_t{0});
  CHECK(invoke_i64(store, inst, "i64big") == 0x12345u);
  CHECK(invoke_i32(store, inst, "i32s") == 32767u);
}

TEST_CASE("interp compact: loop steps fused with their test", "[interp][compact]") {
  // Each loop adds `step` to $i before testing it, so it compiles to one
  // IncBrIf* per iteration; the count of iterations checks the semantics.
  struct Loop {
    const char* cmp;
    int32_t start, step, bound;
  };
  const std::vector<Loop> loops = {
      {"ne", 0, 1, 10},       {"lt_s", -5, 2, 7},          {"lt_u", 0, 3, 100},
      {"le_s", 0, 1, 0},      {"gt_s", 10, -1, 0},         {"gt_u", 10, -2, 1},
      {"ge_s", 5, -1, -3},    {"ge_u", 9, -3, 2},          {"le_u", 1, 1, 9},
      {"eq", 0, 0, 1},        {"lt_u", -10, 1, -1},        {"ne", 0x7FFFFFFE, 1, static_cast<int32_t>(0x80000002u)},
  };
  std::string wat = "(module\n";
  for (size_t k = 0; k < loops.size(); ++k) {
    const Loop& l = loops[k];
    std::string id = std::to_string(k);
    // constant bound (the _RI form) and a bound in a local (_RR)
    wat += "(func (export \"ri" + id + "\") (result i32) (local $i i32) (local $n i32)\n"
           "  (local.set $i (i32.const " + std::to_string(l.start) + "))\n"
           "  (loop $l (local.set $n (i32.add (local.get $n) (i32.const 1)))\n"
           "    (br_if $l (i32.and (i32.lt_u (local.get $n) (i32.const 1000))\n"
           "      (i32." + l.cmp + " (local.tee $i (i32.add (local.get $i) (i32.const " + std::to_string(l.step) +
           "))) (i32.const " + std::to_string(l.bound) + ")))))\n"
           "  (local.get $n))\n";
    wat += "(func (export \"rr" + id + "\") (param $b i32) (result i32) (local $i i32) (local $n i32)\n"
           "  (local.set $i (i32.const " + std::to_string(l.start) + "))\n"
           "  (block $out (loop $l (local.set $n (i32.add (local.get $n) (i32.const 1)))\n"
           "    (br_if $out (i32.ge_u (local.get $n) (i32.const 1000)))\n"
           "    (local.set $i (i32.add (local.get $i) (i32.const " + std::to_string(l.step) + ")))\n"
           "    (br_if $l (i32." + l.cmp + " (local.get $i) (local.get $b)))))\n"
           "  (local.get $n))\n";
  }
  wat += ")";
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  const auto& holds = i32_compare_holds;
  for (size_t k = 0; k < loops.size(); ++k) {
    const Loop& l = loops[k];
    uint32_t i = static_cast<uint32_t>(l.start), n = 0;
    do {
      ++n;
      i += static_cast<uint32_t>(l.step);
    } while (n < 1000 && holds(l.cmp, i, static_cast<uint32_t>(l.bound)));
    INFO("loop " << k << " " << l.cmp);
    CHECK(invoke_i32(store, inst, ("ri" + std::to_string(k)).c_str()) == n);
    uint32_t m = 0;
    i = static_cast<uint32_t>(l.start);
    while (true) {
      ++m;
      if (m >= 1000) break;
      i += static_cast<uint32_t>(l.step);
      if (!holds(l.cmp, i, static_cast<uint32_t>(l.bound))) break;
    }
    CHECK(invoke_i32(store, inst, ("rr" + std::to_string(k)).c_str(), {i32(static_cast<uint32_t>(l.bound))}) == m);
  }
}

TEST_CASE("interp compact: indexed loads wrap like i32.shl and i32.add", "[interp][compact]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"((module (memory (export "mem") 1)
    (func (export "idx") (param $x i32) (result i32)
      (i32.load offset=4 (i32.add (i32.shl (local.get $x) (i32.const 2)) (i32.const 64))))
    (func (export "idx0") (param $x i32) (result i32)
      (i32.load offset=8 (i32.shl (local.get $x) (i32.const 3))))
  ))");
  Memory* mem = inst->memory("mem");
  uint8_t* bytes = mem->bytes().data();
  for (uint32_t i = 0; i < 65536; ++i) bytes[i] = static_cast<uint8_t>(i * 7 + 3);
  auto word = [&](uint64_t at) {
    return uint32_t{bytes[at]} | uint32_t{bytes[at + 1]} << 8 | uint32_t{bytes[at + 2]} << 16 |
           uint32_t{bytes[at + 3]} << 24;
  };
  CHECK(invoke_i32(store, inst, "idx", {i32(3)}) == word(3 * 4 + 64 + 4));
  // (0x3FFFFFF0 << 2) + 64 wraps to 0x24 - 64 + 64 ... computed in 32 bits
  uint32_t x = 0x3FFFFFF0u;
  uint32_t addr = (x << 2) + 64;
  CHECK(invoke_i32(store, inst, "idx", {i32(x)}) == word(uint64_t{addr} + 4));
  // 0x40000000 << 2 is 0: the shift drops the high bits
  CHECK(invoke_i32(store, inst, "idx", {i32(0x40000000u)}) == word(68));
  // an address in bounds only before the offset: the offset does not wrap
  auto f = failure_of([&] { invoke(store, inst, "idx", {i32(0x3FFFFFEFu + 16)}); });
  uint32_t a2 = ((0x3FFFFFEFu + 16) << 2) + 64;
  if (uint64_t{a2} + 4 + 4 > 65536) {
    CHECK(f.thrown);
    CHECK(f.message == "out of bounds memory access");
  }
  CHECK(invoke_i32(store, inst, "idx0", {i32(5)}) == word(48));
  auto g = failure_of([&] { invoke(store, inst, "idx0", {i32(8191)}); });  // 65528 + 8 + 4 > 65536
  CHECK(g.thrown);
  CHECK(g.message == "out of bounds memory access");
}

TEST_CASE("interp compact: stores of constants, every width", "[interp][compact]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"((module (memory (export "mem") 1)
    (func (export "st") (param $p i32)
      (i32.store8 (local.get $p) (i32.const -2))
      (i32.store16 offset=2 (local.get $p) (i32.const 0x12345))
      (i32.store offset=4 (local.get $p) (i32.const -3))
      (i64.store offset=8 (local.get $p) (i64.const 0x8877665544332211))
      (i64.store8 offset=16 (local.get $p) (i64.const 0x1FF))
      (i64.store16 offset=18 (local.get $p) (i64.const -1))
      (i64.store32 offset=20 (local.get $p) (i64.const 0x1234567890))
      (f32.store offset=24 (local.get $p) (f32.const -1.5))
      (f64.store offset=28 (local.get $p) (f64.const 2.25)))
    (func (export "oob") (param $p i32) (i64.store (local.get $p) (i64.const -1)))
  ))");
  Memory* mem = inst->memory("mem");
  uint8_t* b = mem->bytes().data();
  invoke(store, inst, "st", {i32(100)});
  const std::vector<uint8_t> want = {
      0xFE, 0x00, 0x45, 0x23, 0xFD, 0xFF, 0xFF, 0xFF,  // store8, (gap), store16, store
      0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,  // i64.store
      0xFF, 0x00, 0xFF, 0xFF, 0x90, 0x78, 0x56, 0x34,  // i64.store8, (gap), i64.store16, i64.store32
      0x00, 0x00, 0xC0, 0xBF,                          // f32 -1.5
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x40,  // f64 2.25
  };
  for (size_t i = 0; i < want.size(); ++i) {
    INFO("byte " << i);
    CHECK(b[100 + i] == want[i]);
  }
  // A trapping store changes nothing.
  for (uint32_t i = 65528; i < 65536; ++i) b[i] = 0x5A;
  auto f = failure_of([&] { invoke(store, inst, "oob", {i32(65529)}); });
  CHECK(f.message == "out of bounds memory access");
  for (uint32_t i = 65528; i < 65536; ++i) CHECK(b[i] == 0x5A);
  invoke(store, inst, "oob", {i32(65528)});
  for (uint32_t i = 65528; i < 65536; ++i) CHECK(b[i] == 0xFF);
}

namespace {

// code.h's WASMRUN_LOAD_BINOPS, as WAT text: the binary operator, its
// load, and how to compute the result here.
struct LoadBinop {
  const char* op;    // e.g. "i32.add"
  const char* load;  // e.g. "i32.load16_s"
  bool commutes;
};

uint64_t load_bits(const uint8_t* p, const std::string& load) {
  auto le = [&](int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= uint64_t{p[i]} << (8 * i);
    return v;
  };
  if (load == "i32.load" || load == "f32.load") return le(4);
  if (load == "i64.load" || load == "f64.load") return le(8);
  if (load == "i32.load8_u") return le(1);
  if (load == "i32.load8_s") return static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(le(1))));
  if (load == "i32.load16_u") return le(2);
  return static_cast<uint32_t>(static_cast<int32_t>(static_cast<int16_t>(le(2))));  // i32.load16_s
}

uint64_t apply(const std::string& op, uint64_t a, uint64_t b) {
  std::string t = op.substr(0, 3), name = op.substr(4);
  if (t == "i32" || t == "i64") {
    uint64_t r = name == "add" ? a + b : name == "sub" ? a - b : name == "mul" ? a * b
               : name == "and" ? (a & b) : name == "or" ? (a | b) : (a ^ b);
    return t == "i32" ? static_cast<uint32_t>(r) : r;
  }
  if (t == "f32") {
    float x = std::bit_cast<float>(static_cast<uint32_t>(a)), y = std::bit_cast<float>(static_cast<uint32_t>(b));
    float r = name == "add" ? x + y : name == "sub" ? x - y : name == "mul" ? x * y : x / y;
    return std::bit_cast<uint32_t>(r);
  }
  double x = std::bit_cast<double>(a), y = std::bit_cast<double>(b);
  double r = name == "add" ? x + y : name == "sub" ? x - y : name == "mul" ? x * y : x / y;
  return std::bit_cast<uint64_t>(r);
}

}  // namespace

TEST_CASE("interp compact: binary operators on a just-loaded operand", "[interp][compact]") {
  std::vector<LoadBinop> pairs;
  for (const char* load : {"i32.load", "i32.load8_u", "i32.load8_s", "i32.load16_u", "i32.load16_s"})
    for (const char* op : {"i32.add", "i32.sub", "i32.mul", "i32.and", "i32.or", "i32.xor"})
      pairs.push_back({op, load, std::string(op) != "i32.sub"});
  for (const char* op : {"i64.add", "i64.sub", "i64.mul", "i64.and", "i64.or", "i64.xor"})
    pairs.push_back({op, "i64.load", std::string(op) != "i64.sub"});
  for (const char* op : {"f32.add", "f32.sub", "f32.mul", "f32.div"})
    pairs.push_back({op, "f32.load", std::string(op) == "f32.add" || std::string(op) == "f32.mul"});
  for (const char* op : {"f64.add", "f64.sub", "f64.mul", "f64.div"})
    pairs.push_back({op, "f64.load", std::string(op) == "f64.add" || std::string(op) == "f64.mul"});
  std::string wat = "(module (memory (export \"mem\") 1)\n";
  for (size_t k = 0; k < pairs.size(); ++k) {
    std::string t = std::string(pairs[k].op).substr(0, 3), id = std::to_string(k);
    std::string ld = std::string("(") + pairs[k].load + " offset=3 (i32.add (local.get $p) (i32.const 5)))";
    // loaded operand on the right (plain and _A addresses), then on the left
    wat += "(func (export \"r" + id + "\") (param $a " + t + ") (param $p i32) (result " + t + ") (" + pairs[k].op +
           " (local.get $a) " + ld + "))\n";
    wat += "(func (export \"p" + id + "\") (param $a " + t + ") (param $p i32) (result " + t + ") (" + pairs[k].op +
           " (local.get $a) (" + pairs[k].load + " (local.get $p))))\n";
    wat += "(func (export \"l" + id + "\") (param $a " + t + ") (param $p i32) (result " + t + ") (" + pairs[k].op +
           " " + ld + " (local.get $a)))\n";
  }
  wat += ")";
  Store store;
  Instance* inst = instantiate_wat(store, wat);
  uint8_t* bytes = inst->memory("mem")->bytes().data();
  // finite floats everywhere: bytes below 0x7F keep every exponent small
  for (uint32_t i = 0; i < 65536; ++i) bytes[i] = static_cast<uint8_t>((i * 37 + 11) % 0x7F);
  auto arg = [](const std::string& t, uint64_t bits) {
    if (t == "i32") return Value::from_i32(static_cast<uint32_t>(bits));
    if (t == "i64") return Value::from_i64(bits);
    if (t == "f32") return Value::from_f32(std::bit_cast<float>(static_cast<uint32_t>(bits)));
    return Value::from_f64(std::bit_cast<double>(bits));
  };
  auto bits_of = [](const Value& v) -> uint64_t {
    switch (v.type) {
      case ValType::I32: return v.i32;
      case ValType::I64: return v.i64;
      case ValType::F32: return std::bit_cast<uint32_t>(v.f32);
      default: return std::bit_cast<uint64_t>(v.f64);
    }
  };
  for (size_t k = 0; k < pairs.size(); ++k) {
    const LoadBinop& pr = pairs[k];
    std::string t = std::string(pr.op).substr(0, 3), id = std::to_string(k);
    bool is_float = t[0] == 'f';
    const std::vector<uint64_t> as = is_float ? std::vector<uint64_t>{std::bit_cast<uint32_t>(1.5f), 0}
                                              : std::vector<uint64_t>{0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
                                                                      0x8000000000000000u, ~uint64_t{0}};
    for (uint64_t a0 : as) {
      uint64_t a = t == "i32" || t == "f32" ? static_cast<uint32_t>(a0) : a0;
      if (t == "f64") a = std::bit_cast<uint64_t>(a0 ? 1.5 : 0.0);
      for (uint32_t p : {0u, 17u, 1000u}) {
        INFO(pr.op << " " << pr.load << " a=" << a << " p=" << p);
        uint64_t m = load_bits(bytes + p + 8, pr.load);
        CHECK(bits_of(invoke(store, inst, ("r" + id).c_str(), {arg(t, a), Value::from_i32(p)})[0]) ==
              apply(pr.op, a, m));
        uint64_t m0 = load_bits(bytes + p, pr.load);
        CHECK(bits_of(invoke(store, inst, ("p" + id).c_str(), {arg(t, a), Value::from_i32(p)})[0]) ==
              apply(pr.op, a, m0));
        CHECK(bits_of(invoke(store, inst, ("l" + id).c_str(), {arg(t, a), Value::from_i32(p)})[0]) ==
              apply(pr.op, m, a));
      }
      // the address wraps like i32.add before the offset; then traps past the end
      uint64_t mw = load_bits(bytes + 3, pr.load);  // 0xFFFFFFFB + 5 = 0, + offset 3
      CHECK(bits_of(invoke(store, inst, ("r" + id).c_str(), {arg(t, a), Value::from_i32(0xFFFFFFFBu)})[0]) ==
            apply(pr.op, a, mw));
      auto f = failure_of([&] { invoke(store, inst, ("r" + id).c_str(), {arg(t, a), Value::from_i32(65528)}); });
      CHECK(f.message == "out of bounds memory access");
    }
  }
}

TEST_CASE("interp compact: three-operand additions", "[interp][compact]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"((module
    (func (export "sum3") (param i32 i32 i32) (result i32)
      (i32.add (i32.add (local.get 0) (local.get 1)) (local.get 2)))
    (func (export "sum3r") (param i32 i32 i32) (result i32)
      (i32.add (local.get 2) (i32.add (local.get 0) (local.get 1))))
    (func (export "sum4") (param i32 i32 i32 i32) (result i32) (local $t i32)
      (local.set $t (i32.add (i32.add (local.get 0) (local.get 1)) (local.get 2)))
      (i32.add (local.get $t) (local.get 3)))
  ))");
  const uint32_t v[] = {0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF};
  for (uint32_t a : v)
    for (uint32_t b : v)
      for (uint32_t c : v) {
        CHECK(invoke_i32(store, inst, "sum3", {i32(a), i32(b), i32(c)}) == a + b + c);
        CHECK(invoke_i32(store, inst, "sum3r", {i32(a), i32(b), i32(c)}) == a + b + c);
        CHECK(invoke_i32(store, inst, "sum4", {i32(a), i32(b), i32(c), i32(c ^ 5)}) == a + b + c + (c ^ 5));
      }
}

TEST_CASE("interp compact: a field's post-increment in one instruction", "[interp][compact]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"((module (memory (export "mem") 1)
    ;; old = p->f; p->f = old + c; return old
    (func (export "inc") (param $p i32) (result i32) (local $old i32)
      (local.set $old (i32.load offset=8 (local.get $p)))
      (i32.store offset=8 (local.get $p) (i32.add (local.get $old) (i32.const 5)))
      (local.get $old))
    ;; the loaded value replaces the address local: the store must use it
    (func (export "self") (param $p i32) (result i32)
      (local.set $p (i32.load offset=8 (local.get $p)))
      (i32.store offset=8 (local.get $p) (i32.add (local.get $p) (i32.const -1)))
      (local.get $p))
  ))");
  uint8_t* b = inst->memory("mem")->bytes().data();
  auto word = [&](uint32_t at) { return uint32_t{b[at]} | uint32_t{b[at + 1]} << 8 | uint32_t{b[at + 2]} << 16 | uint32_t{b[at + 3]} << 24; };
  auto put = [&](uint32_t at, uint32_t v) { for (int i = 0; i < 4; ++i) b[at + i] = static_cast<uint8_t>(v >> (8 * i)); };
  put(108, 0xFFFFFFFE);
  CHECK(invoke_i32(store, inst, "inc", {i32(100)}) == 0xFFFFFFFEu);
  CHECK(word(108) == 3u);  // wrapped
  CHECK(invoke_i32(store, inst, "inc", {i32(100)}) == 3u);
  CHECK(word(108) == 8u);
  put(208, 300);  // p = 200 loads 300, then stores 299 at 300 + 8
  put(308, 7);
  CHECK(invoke_i32(store, inst, "self", {i32(200)}) == 300u);
  CHECK(word(308) == 299u);
  CHECK(word(208) == 300u);
  auto f = failure_of([&] { invoke(store, inst, "inc", {i32(65528)}); });
  CHECK(f.message == "out of bounds memory access");
}

TEST_CASE("interp compact: branches on a loaded flag", "[interp][compact]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"((module (memory (export "mem") 1)
    ;; counts the non-zero words from p while the flag at 0 stays set
    (func (export "run") (param $p i32) (result i32) (local $n i32)
      (block $done (loop $l
        (br_if $done (i32.eqz (i32.load offset=4 (local.get $p))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $l (i32.load (i32.const 0)))))
      (local.get $n))
    (func (export "if") (param $p i32) (result i32)
      (if (result i32) (i32.load (local.get $p)) (then (i32.const 1)) (else (i32.const 2))))
  ))");
  uint8_t* b = inst->memory("mem")->bytes().data();
  b[0] = 1;  // the flag; only its low byte is set: a byte-order bug would read 0x01000000, still non-zero
  for (uint32_t i = 0; i < 5; ++i) b[104 + 4 * i + 3] = 0x80;  // words with only the top byte set
  CHECK(invoke_i32(store, inst, "run", {i32(100)}) == 5u);
  b[0] = 0;
  CHECK(invoke_i32(store, inst, "run", {i32(100)}) == 1u);
  CHECK(invoke_i32(store, inst, "if", {i32(104)}) == 1u);
  CHECK(invoke_i32(store, inst, "if", {i32(200)}) == 2u);
  auto f = failure_of([&] { invoke(store, inst, "if", {i32(65534)}); });
  CHECK(f.message == "out of bounds memory access");
}

TEST_CASE("interp compact: an address computed in two steps in one home", "[interp][compact]") {
  // (p + 1424) + n: both adds write the same home; only the last one's value
  // is the address (a fold of the first add into the store was a bug).
  Store store;
  Instance* inst = instantiate_wat(store, R"((module (memory (export "mem") 1)
    (func (export "st") (param $p i32) (param $n i32)
      (i32.store8 (i32.add (i32.add (local.get $p) (i32.const 1424)) (local.get $n)) (i32.const 0)))
    (func (export "stv") (param $p i32) (param $n i32) (param $v i32)
      (i32.store8 (i32.add (i32.add (local.get $p) (i32.const 1424)) (local.get $n)) (i32.add (local.get $v) (i32.const 1))))
    (func (export "ld") (param $p i32) (param $n i32) (result i32)
      (i32.load8_u (i32.add (i32.add (local.get $p) (i32.const 1424)) (local.get $n))))
  ))");
  uint8_t* b = inst->memory("mem")->bytes().data();
  for (uint32_t i = 0; i < 4096; ++i) b[i] = 0xEE;
  invoke(store, inst, "st", {i32(100), i32(7)});
  CHECK(b[1531] == 0);
  CHECK(b[1524] == 0xEE);
  invoke(store, inst, "stv", {i32(100), i32(9), i32(0x41)});
  CHECK(b[1533] == 0x42);
  CHECK(b[1524] == 0xEE);
  b[1530] = 0x5C;
  CHECK(invoke_i32(store, inst, "ld", {i32(100), i32(6)}) == 0x5Cu);
}
