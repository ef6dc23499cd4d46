// Interpreter: the register-style compiler (interp/compiler/compiler.cpp, code.h).
//
// Each group below drives one family of the compiler's forms with WAT that
// produces it (checked with WASMRUN_DUMP_CODE=1; the comments name the
// internal ops) and checks real values, computed here in C++ independently
// of the interpreter, over edge values: compare-and-branch in RR, RI and
// swapped forms for `br_if` and `if`; local.set/local.tee redirecting an
// instruction's result and preserving older copies of the local still on
// the virtual stack (also beyond its 16-value window); loads and stores in
// each address form (plain, offset, folded add with its wrapping addend,
// constant address in the zero slot, two-register); the superinstructions;
// values carried by branches; calls; traps raised inside register forms;
// select and globals.
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

std::string hex(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

// The results of a call as raw bits (i32, i64, f32 and f64 alike).
std::vector<uint64_t> bits(const std::vector<Value>& r) {
  std::vector<uint64_t> out;
  for (const Value& v : r) {
    switch (v.type) {
      case ValType::I32: out.push_back(v.i32); break;
      case ValType::I64: out.push_back(v.i64); break;
      case ValType::F32: out.push_back(std::bit_cast<uint32_t>(v.f32)); break;
      case ValType::F64: out.push_back(std::bit_cast<uint64_t>(v.f64)); break;
      default: FAIL("unexpected result type"); break;
    }
  }
  return out;
}

std::vector<uint64_t> call_bits(Store& store, Instance* inst, const std::string& name, std::vector<Value> args = {}) {
  return bits(invoke(store, inst, name.c_str(), std::move(args)));
}

using U = std::vector<uint64_t>;

using L4 = std::array<uint32_t, 4>;

Value v_i32x4(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  V128 v;
  const uint32_t lanes[4] = {a, b, c, d};
  std::memcpy(v.bytes, lanes, 16);
  return Value::from_v128(v);
}

L4 lanes(const Value& v) {
  REQUIRE(v.type == ValType::V128);
  L4 out;
  std::memcpy(out.data(), v.v128.bytes, 16);
  return out;
}

// The message of the trap `name(args)` raises ("" if it returns).
std::string trap_of(Store& store, Instance* inst, const std::string& name, std::vector<Value> args = {}) {
  Failure f = failure_of([&] { invoke(store, inst, name.c_str(), std::move(args)); });
  if (!f.thrown) return "";
  CHECK(f.kind == ErrorKind::Trap);
  return f.message;
}

// --- comparisons ---

struct Cmp {
  const char* name;
  std::function<bool(uint64_t, uint64_t)> eval32, eval64;
};

const std::vector<Cmp>& comparisons() {
  auto s32 = [](uint64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(v)); };
  auto u32 = [](uint64_t v) { return static_cast<uint32_t>(v); };
  auto s64 = [](uint64_t v) { return static_cast<int64_t>(v); };
  static const std::vector<Cmp> c = {
      {"eq", [=](uint64_t a, uint64_t b) { return u32(a) == u32(b); }, [=](uint64_t a, uint64_t b) { return a == b; }},
      {"ne", [=](uint64_t a, uint64_t b) { return u32(a) != u32(b); }, [=](uint64_t a, uint64_t b) { return a != b; }},
      {"lt_s", [=](uint64_t a, uint64_t b) { return s32(a) < s32(b); },
       [=](uint64_t a, uint64_t b) { return s64(a) < s64(b); }},
      {"lt_u", [=](uint64_t a, uint64_t b) { return u32(a) < u32(b); }, [=](uint64_t a, uint64_t b) { return a < b; }},
      {"gt_s", [=](uint64_t a, uint64_t b) { return s32(a) > s32(b); },
       [=](uint64_t a, uint64_t b) { return s64(a) > s64(b); }},
      {"gt_u", [=](uint64_t a, uint64_t b) { return u32(a) > u32(b); }, [=](uint64_t a, uint64_t b) { return a > b; }},
      {"le_s", [=](uint64_t a, uint64_t b) { return s32(a) <= s32(b); },
       [=](uint64_t a, uint64_t b) { return s64(a) <= s64(b); }},
      {"le_u", [=](uint64_t a, uint64_t b) { return u32(a) <= u32(b); },
       [=](uint64_t a, uint64_t b) { return a <= b; }},
      {"ge_s", [=](uint64_t a, uint64_t b) { return s32(a) >= s32(b); },
       [=](uint64_t a, uint64_t b) { return s64(a) >= s64(b); }},
      {"ge_u", [=](uint64_t a, uint64_t b) { return u32(a) >= u32(b); },
       [=](uint64_t a, uint64_t b) { return a >= b; }},
  };
  return c;
}

const std::vector<uint64_t> kEdges32 = {0u, 1u, 2u, 0x7FFFFFFEu, 0x7FFFFFFFu, 0x80000000u, 0x80000001u, 0xFFFFFFFEu,
                                        0xFFFFFFFFu};
const std::vector<uint64_t> kEdges64 = {0,
                                        1,
                                        0x7FFFFFFF,
                                        0x80000000,
                                        0xFFFFFFFF,
                                        0x100000000,
                                        0x100000001,
                                        0x7FFFFFFFFFFFFFFF,
                                        0x8000000000000000,
                                        0x8000000000000001,
                                        0xFFFFFFFF00000000,
                                        0xFFFFFFFF80000000,
                                        0xFFFFFFFFFFFFFFFE,
                                        0xFFFFFFFFFFFFFFFF};

// Every comparison of type `t` ("i32" or "i64") in each form, as functions
// (param $a T) (param $b T) (result i32) returning 1 when it holds:
//   br_rr_OP    br_if on (OP a b)                    BrIfOP_RR
//   br_tt_OP    br_if on (OP (a+0) (b^0)), two Temps BrIfOP_RR
//   if_rr_OP    if/else on (OP a b)                   BrIfNOT_RR
//   val_rr_OP   the value (OP a b)                    OP_RR
//   br_ri_OP_K  br_if on (OP a K)                     BrIfOP_RI
//   br_ir_OP_K  br_if on (OP K a), swapped            BrIfSWAPPED_RI
//   br_ti_OP_K  br_if on (OP (a+0) K)                 BrIfOP_RI on a Temp
//   if_ri_OP_K  if (no else) on (OP a K)              BrIfNOT_RI
//   if_ir_OP_K  if (no else) on (OP K a)              BrIfNOT(SWAPPED)_RI
//   val_ri_OP_K, val_ir_OP_K: the values              OP_RI
std::string compare_module(const std::string& t, const std::vector<uint64_t>& edges) {
  std::string w = "(module\n";
  auto func = [&](const std::string& name, const std::string& body) {
    w += "(func (export \"" + name + "\") (param $a " + t + ") (param $b " + t + ") (result i32)\n  " + body + ")\n";
  };
  auto br = [](const std::string& test) {
    return "(block (br_if 0 " + test + ") (return (i32.const 0))) (i32.const 1)";
  };
  auto ife = [](const std::string& test) {
    return "(if (result i32) " + test + " (then (i32.const 1)) (else (i32.const 0)))";
  };
  auto if_noelse = [](const std::string& test) {
    return "(if " + test + " (then (return (i32.const 1)))) (i32.const 0)";
  };
  const std::string ta = "(" + t + ".add (local.get $a) (" + t + ".const 0))";
  const std::string tb = "(" + t + ".xor (local.get $b) (" + t + ".const 0))";
  for (const Cmp& c : comparisons()) {
    std::string op = t + "." + c.name;
    std::string n = c.name;
    func("br_rr_" + n, br("(" + op + " (local.get $a) (local.get $b))"));
    func("br_tt_" + n, br("(" + op + " " + ta + " " + tb + ")"));
    func("if_rr_" + n, ife("(" + op + " (local.get $a) (local.get $b))"));
    func("val_rr_" + n, "(" + op + " (local.get $a) (local.get $b))");
    for (size_t k = 0; k < edges.size(); ++k) {
      std::string K = "(" + t + ".const " + hex(edges[k]) + ")";
      std::string s = n + "_" + std::to_string(k);
      func("br_ri_" + s, br("(" + op + " (local.get $a) " + K + ")"));
      func("br_ir_" + s, br("(" + op + " " + K + " (local.get $a))"));
      func("br_ti_" + s, br("(" + op + " " + ta + " " + K + ")"));
      func("if_ri_" + s, if_noelse("(" + op + " (local.get $a) " + K + ")"));
      func("if_ir_" + s, if_noelse("(" + op + " " + K + " (local.get $a))"));
      func("val_ri_" + s, "(" + op + " (local.get $a) " + K + ")");
      func("val_ir_" + s, "(" + op + " " + K + " (local.get $a))");
    }
  }
  // eqz: BrIfNot / BrIf on its operand
  func("br_eqz", br("(" + t + ".eqz (local.get $a))"));
  func("if_eqz", ife("(" + t + ".eqz (local.get $a))"));
  func("br_eqz_t", br("(" + t + ".eqz " + ta + ")"));
  func("if_eqz_t", if_noelse("(" + t + ".eqz " + ta + ")"));
  return w + ")";
}

void check_compares(bool wide) {
  const std::string t = wide ? "i64" : "i32";
  const std::vector<uint64_t>& edges = wide ? kEdges64 : kEdges32;
  Store store;
  Instance* inst = instantiate_wat(store, compare_module(t, edges));
  auto arg = [&](uint64_t v) { return wide ? i64(v) : i32(static_cast<uint32_t>(v)); };
  auto run = [&](const std::string& name, uint64_t a, uint64_t b) {
    return invoke_i32(store, inst, name.c_str(), {arg(a), arg(b)});
  };
  for (const Cmp& c : comparisons()) {
    auto eval = wide ? c.eval64 : c.eval32;
    std::string n = c.name;
    for (uint64_t a : edges) {
      for (size_t k = 0; k < edges.size(); ++k) {
        uint64_t b = edges[k];
        INFO(t << "." << n << " a=" << hex(a) << " b=" << hex(b));
        uint32_t want = eval(a, b) ? 1 : 0;
        uint32_t want_swapped = eval(b, a) ? 1 : 0;  // (OP K a) with K = b
        CHECK(run("br_rr_" + n, a, b) == want);
        CHECK(run("br_tt_" + n, a, b) == want);
        CHECK(run("if_rr_" + n, a, b) == want);
        CHECK(run("val_rr_" + n, a, b) == want);
        std::string s = n + "_" + std::to_string(k);
        CHECK(run("br_ri_" + s, a, 0) == want);
        CHECK(run("br_ti_" + s, a, 0) == want);
        CHECK(run("if_ri_" + s, a, 0) == want);
        CHECK(run("val_ri_" + s, a, 0) == want);
        CHECK(run("br_ir_" + s, a, 0) == want_swapped);
        CHECK(run("if_ir_" + s, a, 0) == want_swapped);
        CHECK(run("val_ir_" + s, a, 0) == want_swapped);
      }
    }
  }
  for (uint64_t a : edges) {
    INFO(t << ".eqz a=" << hex(a));
    uint32_t want = a == 0 ? 1 : 0;
    CHECK(run("br_eqz", a, 0) == want);
    CHECK(run("if_eqz", a, 0) == want);
    CHECK(run("br_eqz_t", a, 0) == want);
    CHECK(run("if_eqz_t", a, 0) == want);
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// 1. Compare-and-branch

TEST_CASE("interp register: i32 comparisons fused into br_if and if (RR, RI, swapped)", "[interp][register]") {
  check_compares(false);
}

TEST_CASE("interp register: i64 comparisons fused into br_if and if (RR, RI, 64-bit and swapped constants)",
          "[interp][register]") {
  check_compares(true);
}

namespace {

// What a binary operator returns, or the trap it raises.
struct Outcome {
  uint64_t value = 0;
  const char* trap = nullptr;
  bool operator==(const Outcome& o) const {
    return (trap && o.trap) ? std::string(trap) == o.trap : (!trap && !o.trap && value == o.value);
  }
};

std::ostream& operator<<(std::ostream& os, const Outcome& o) {
  if (o.trap) return os << "trap: " << o.trap;
  return os << hex(o.value);
}

struct IntOp {
  const char* name;
  std::function<Outcome(uint64_t, uint64_t, bool wide)> eval;
};

// Independent reference semantics of the integer operators (the spec's).
const std::vector<IntOp>& int_ops() {
  static const char* kDiv0 = "integer divide by zero";
  static const char* kOvf = "integer overflow";
  auto w = [](uint64_t v, bool wide) { return wide ? v : v & 0xFFFFFFFFu; };
  auto sx = [](uint64_t v, bool wide) {
    return wide ? static_cast<int64_t>(v) : static_cast<int64_t>(static_cast<int32_t>(static_cast<uint32_t>(v)));
  };
  auto bits = [](bool wide) { return wide ? 64u : 32u; };
  static const std::vector<IntOp> ops = {
      {"add", [=](uint64_t a, uint64_t b, bool wd) { return Outcome{w(a + b, wd)}; }},
      {"sub", [=](uint64_t a, uint64_t b, bool wd) { return Outcome{w(a - b, wd)}; }},
      {"mul", [=](uint64_t a, uint64_t b, bool wd) { return Outcome{w(a * b, wd)}; }},
      {"div_s",
       [=](uint64_t a, uint64_t b, bool wd) {
         int64_t x = sx(a, wd), y = sx(b, wd);
         if (y == 0) return Outcome{0, kDiv0};
         if (y == -1 && x == (wd ? std::numeric_limits<int64_t>::min() : int64_t{INT32_MIN})) return Outcome{0, kOvf};
         return Outcome{w(static_cast<uint64_t>(x / y), wd)};
       }},
      {"div_u",
       [=](uint64_t a, uint64_t b, bool wd) {
         if (w(b, wd) == 0) return Outcome{0, kDiv0};
         return Outcome{w(a, wd) / w(b, wd)};
       }},
      {"rem_s",
       [=](uint64_t a, uint64_t b, bool wd) {
         int64_t x = sx(a, wd), y = sx(b, wd);
         if (y == 0) return Outcome{0, kDiv0};
         if (y == -1) return Outcome{0};
         return Outcome{w(static_cast<uint64_t>(x % y), wd)};
       }},
      {"rem_u",
       [=](uint64_t a, uint64_t b, bool wd) {
         if (w(b, wd) == 0) return Outcome{0, kDiv0};
         return Outcome{w(a, wd) % w(b, wd)};
       }},
      {"and", [=](uint64_t a, uint64_t b, bool wd) { return Outcome{w(a & b, wd)}; }},
      {"or", [=](uint64_t a, uint64_t b, bool wd) { return Outcome{w(a | b, wd)}; }},
      {"xor", [=](uint64_t a, uint64_t b, bool wd) { return Outcome{w(a ^ b, wd)}; }},
      {"shl", [=](uint64_t a, uint64_t b, bool wd) { return Outcome{w(a << (b % bits(wd)), wd)}; }},
      {"shr_s",
       [=](uint64_t a, uint64_t b, bool wd) {
         return Outcome{w(static_cast<uint64_t>(sx(a, wd) >> (b % bits(wd))), wd)};
       }},
      {"shr_u", [=](uint64_t a, uint64_t b, bool wd) { return Outcome{w(a, wd) >> (b % bits(wd))}; }},
      {"rotl",
       [=](uint64_t a, uint64_t b, bool wd) {
         unsigned n = b % bits(wd);
         uint64_t x = w(a, wd);
         return Outcome{n ? w((x << n) | (x >> (bits(wd) - n)), wd) : x};
       }},
      {"rotr",
       [=](uint64_t a, uint64_t b, bool wd) {
         unsigned n = b % bits(wd);
         uint64_t x = w(a, wd);
         return Outcome{n ? w((x >> n) | (x << (bits(wd) - n)), wd) : x};
       }},
  };
  return ops;
}

// (param $a T) (param $b T) (result T) for every operator in the forms
// rr (OP_RR), ri_K (OP_RI, 64-bit constants in a word of their own), ir_K
// (a constant left operand: swapped into OP_RI when commutative, else
// stored first and OP_RR) and kk_I_J (both constant).
std::string int_op_module(const std::string& t, const std::vector<uint64_t>& edges,
                          const std::vector<uint64_t>& pairs) {
  std::string w = "(module\n";
  auto func = [&](const std::string& name, const std::string& body) {
    w += "(func (export \"" + name + "\") (param $a " + t + ") (param $b " + t + ") (result " + t + ") " + body +
         ")\n";
  };
  auto k = [&](uint64_t v) { return "(" + t + ".const " + hex(v) + ")"; };
  for (const IntOp& op : int_ops()) {
    std::string o = t + "." + op.name, n = op.name;
    func(n + "_rr", "(" + o + " (local.get $a) (local.get $b))");
    for (size_t i = 0; i < edges.size(); ++i) {
      func(n + "_ri_" + std::to_string(i), "(" + o + " (local.get $a) " + k(edges[i]) + ")");
      func(n + "_ir_" + std::to_string(i), "(" + o + " " + k(edges[i]) + " (local.get $a))");
    }
    for (size_t i = 0; i < pairs.size(); ++i)
      for (size_t j = 0; j < pairs.size(); ++j)
        func(n + "_kk_" + std::to_string(i) + "_" + std::to_string(j), "(" + o + " " + k(pairs[i]) + " " +
                                                                           k(pairs[j]) + ")");
  }
  return w + ")";
}

void check_int_ops(bool wide) {
  const std::string t = wide ? "i64" : "i32";
  std::vector<uint64_t> edges = wide ? kEdges64 : kEdges32;
  edges.push_back(wide ? 63 : 31);
  edges.push_back(wide ? 64 : 32);
  edges.push_back(wide ? 65 : 33);
  const std::vector<uint64_t> pairs =
      wide ? std::vector<uint64_t>{0, 1, 0x8000000000000000ull, ~uint64_t{0}, 0x100000003ull}
           : std::vector<uint64_t>{0, 1, 0x80000000u, 0xFFFFFFFFu, 33};
  Store store;
  Instance* inst = instantiate_wat(store, int_op_module(t, edges, pairs));
  auto arg = [&](uint64_t v) { return wide ? i64(v) : i32(static_cast<uint32_t>(v)); };
  auto run = [&](const std::string& name, uint64_t a, uint64_t b) {
    std::vector<Value> result;
    Failure f = failure_of([&] { result = invoke(store, inst, name.c_str(), {arg(a), arg(b)}); });
    if (f.thrown) {
      CHECK(f.kind == ErrorKind::Trap);
      static std::vector<std::string> messages;  // keeps the text alive for Outcome
      messages.push_back(f.message);
      return Outcome{0, messages.back().c_str()};
    }
    REQUIRE(result.size() == 1);
    return Outcome{bits(result)[0]};
  };
  for (const IntOp& op : int_ops()) {
    std::string n = op.name;
    for (uint64_t a : edges) {
      for (size_t i = 0; i < edges.size(); ++i) {
        uint64_t b = edges[i];
        INFO(t << "." << n << " a=" << hex(a) << " b=" << hex(b));
        CHECK(run(n + "_rr", a, b) == op.eval(a, b, wide));
        CHECK(run(n + "_ri_" + std::to_string(i), a, 0) == op.eval(a, b, wide));
        CHECK(run(n + "_ir_" + std::to_string(i), a, 0) == op.eval(b, a, wide));
      }
    }
    for (size_t i = 0; i < pairs.size(); ++i) {
      for (size_t j = 0; j < pairs.size(); ++j) {
        INFO(t << "." << n << " constants " << hex(pairs[i]) << " " << hex(pairs[j]));
        CHECK(run(n + "_kk_" + std::to_string(i) + "_" + std::to_string(j), 0, 0) ==
              op.eval(pairs[i], pairs[j], wide));
      }
    }
  }
}

// Floats: wasm's min/max (NaN wins, -0 < +0) and bitwise copysign; a NaN
// result is checked as a NaN only (its payload is nondeterministic).
template <class F>
F wasm_min(F a, F b) {
  if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<F>::quiet_NaN();
  if (a == 0 && b == 0) return std::signbit(a) ? a : b;
  return a < b ? a : b;
}
template <class F>
F wasm_max(F a, F b) {
  if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<F>::quiet_NaN();
  if (a == 0 && b == 0) return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

template <class F>
void check_float_ops(const std::string& t) {
  using Bits = std::conditional_t<sizeof(F) == 4, uint32_t, uint64_t>;
  const std::vector<F> edges = {F(0),
                                -F(0),
                                F(1),
                                F(-1.5),
                                F(3),
                                std::numeric_limits<F>::infinity(),
                                -std::numeric_limits<F>::infinity(),
                                std::numeric_limits<F>::quiet_NaN(),
                                std::numeric_limits<F>::max(),
                                std::numeric_limits<F>::denorm_min(),
                                -std::numeric_limits<F>::min()};
  struct FOp {
    const char* name;
    std::function<F(F, F)> arith;
    std::function<bool(F, F)> cmp;
  };
  const std::vector<FOp> ops = {
      {"add", [](F a, F b) { return a + b; }, nullptr},
      {"sub", [](F a, F b) { return a - b; }, nullptr},
      {"mul", [](F a, F b) { return a * b; }, nullptr},
      {"div", [](F a, F b) { return a / b; }, nullptr},
      {"min", [](F a, F b) { return wasm_min(a, b); }, nullptr},
      {"max", [](F a, F b) { return wasm_max(a, b); }, nullptr},
      {"copysign", [](F a, F b) { return std::copysign(a, b); }, nullptr},
      {"eq", nullptr, [](F a, F b) { return a == b; }},
      {"ne", nullptr, [](F a, F b) { return a != b; }},
      {"lt", nullptr, [](F a, F b) { return a < b; }},
      {"gt", nullptr, [](F a, F b) { return a > b; }},
      {"le", nullptr, [](F a, F b) { return a <= b; }},
      {"ge", nullptr, [](F a, F b) { return a >= b; }},
  };
  auto konst = [&](F v) {
    return "(" + t + ".const " + (std::isnan(v) ? std::string("nan") : std::isinf(v) ? (v < 0 ? "-inf" : "inf") : [&] {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%a", static_cast<double>(v));
      return std::string(buf);
    }()) + ")";
  };
  std::string w = "(module\n";
  for (const FOp& op : ops) {
    std::string res = op.cmp ? "i32" : t, o = t + "." + op.name, n = op.name;
    auto func = [&](const std::string& name, const std::string& body) {
      w += "(func (export \"" + name + "\") (param $a " + t + ") (param $b " + t + ") (result " + res + ") " + body +
           ")\n";
    };
    func(n + "_rr", "(" + o + " (local.get $a) (local.get $b))");
    for (size_t i = 0; i < edges.size(); ++i) {
      func(n + "_ri_" + std::to_string(i), "(" + o + " (local.get $a) " + konst(edges[i]) + ")");
      func(n + "_ir_" + std::to_string(i), "(" + o + " " + konst(edges[i]) + " (local.get $a))");
    }
  }
  w += ")";
  Store store;
  Instance* inst = instantiate_wat(store, w);
  auto arg = [&](F v) {
    if constexpr (sizeof(F) == 4) return f32(v);
    else return f64(v);
  };
  for (const FOp& op : ops) {
    std::string n = op.name;
    for (F a : edges) {
      for (size_t i = 0; i < edges.size(); ++i) {
        F b = edges[i];
        INFO(t << "." << n << " a=" << a << " b=" << b);
        auto check = [&](const std::string& name, F x, F y, std::vector<Value> args) {
          uint64_t got = call_bits(store, inst, name, std::move(args)).at(0);
          if (op.cmp) {
            CHECK(got == (op.cmp(x, y) ? 1u : 0u));
          } else {
            F want = op.arith(x, y);
            if (std::isnan(want)) {
              CHECK(std::isnan(std::bit_cast<F>(static_cast<Bits>(got))));
            } else {
              CHECK(hex(got) == hex(std::bit_cast<Bits>(want)));
            }
          }
        };
        check(n + "_rr", a, b, {arg(a), arg(b)});
        check(n + "_ri_" + std::to_string(i), a, b, {arg(a), arg(0)});
        check(n + "_ir_" + std::to_string(i), b, a, {arg(a), arg(0)});
      }
    }
  }
}

}  // namespace

TEST_CASE("interp register: i32 binary operators in RR, RI, swapped and constant forms", "[interp][register]") {
  check_int_ops(false);
}

TEST_CASE("interp register: i64 binary operators in RR, RI (64-bit word), swapped and constant forms",
          "[interp][register]") {
  check_int_ops(true);
}

TEST_CASE("interp register: f32 and f64 operators with register and constant operands", "[interp][register]") {
  check_float_ops<float>("f32");
  check_float_ops<double>("f64");
}

// ---------------------------------------------------------------------------
// 2. local.set / local.tee: redirect and preserve

namespace {

// 20 locals $l0..$l19 set to x + i*k; all 20 pushed, then popped into
// $l0..$l19 (so $li gets the old $l(19-i)); returns the 20 locals.
// Only the top 16 values may be un-materialized: the first four local.gets
// are copied to their homes when the 17th..20th are pushed.
std::string reverse20_func() {
  std::string w = "(func (export \"reverse20\") (param $x i32) (param $k i32) (result";
  for (int i = 0; i < 20; ++i) w += " i32";
  w += ")\n";
  for (int i = 0; i < 20; ++i) w += "  (local $l" + std::to_string(i) + " i32)\n";
  for (int i = 0; i < 20; ++i)
    w += "  (local.set $l" + std::to_string(i) + " (i32.add (local.get $x) (i32.mul (local.get $k) (i32.const " +
         std::to_string(i) + "))))\n";
  for (int i = 0; i < 20; ++i) w += "  (local.get $l" + std::to_string(i) + ")";
  w += "\n";
  for (int i = 0; i < 20; ++i) w += "  (local.set $l" + std::to_string(i) + ")";
  w += "\n";
  for (int i = 0; i < 20; ++i) w += "  (local.get $l" + std::to_string(i) + ")";
  return w + ")\n";
}

// 20 times: push $x, then x = x*3 + 1 (redirected, or copied when an old
// copy of $x lies in the window); returns the 20 old values and x.
std::string same20_func() {
  std::string w = "(func (export \"same20\") (param $x i32) (result";
  for (int i = 0; i < 21; ++i) w += " i32";
  w += ")\n";
  for (int i = 0; i < 20; ++i)
    w += "  (local.get $x) (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 3)) (i32.const 1)))\n";
  return w + "  (local.get $x))\n";
}

// 20 local.gets of the same local and of another one, interleaved, then a
// local.tee of each (the tee'd values stay on the stack too); returns the
// 22 values: y and x alternate, starting with x.
std::string mixed20_func() {
  std::string w = "(func (export \"mixed20\") (param $x i32) (param $y i32) (result";
  for (int i = 0; i < 22; ++i) w += " i32";
  w += ")\n";
  for (int i = 0; i < 10; ++i) w += "  (local.get $x) (local.get $y)";
  w += "\n  (local.tee $x (i32.sub (local.get $y) (local.get $x)))\n";
  w += "  (local.tee $y (i32.xor (local.get $y) (i32.const -1))))\n";
  return w;
}

uint32_t rotl32(uint32_t x, uint32_t n) {
  n &= 31;
  return n ? (x << n) | (x >> (32 - n)) : x;
}
uint32_t clz32(uint32_t x) { return x ? static_cast<uint32_t>(__builtin_clz(x)) : 32; }

}  // namespace

TEST_CASE("interp register: local.set and local.tee redirect results and preserve old copies",
          "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (memory (export "mem") 1)
  (global $g (mut i32) (i32.const 0))
  ;; the old $x stays on the stack (copied out before the set): [x, x+1]
  (func (export "set_keeps_old") (param $x i32) (result i32 i32)
    (local.get $x)
    (local.set $x (i32.add (local.get $x) (i32.const 1)))
    (local.get $x))
  ;; the same with local.tee: [x, 3x, 3x]
  (func (export "tee_keeps_old") (param $x i32) (result i32 i32 i32)
    (local.get $x)
    (local.tee $x (i32.mul (local.get $x) (i32.const 3)))
    (local.get $x))
  ;; old copies deeper in the stack, other values above them:
  ;; x' = y - x; result x * (y - x) + x'
  (func (export "set_keeps_old_deep") (param $x i32) (param $y i32) (result i32)
    (local.get $x) (local.get $y) (local.get $x)
    (local.set $x (i32.sub (local.get $y) (local.get $x)))
    (i32.sub) (i32.mul)
    (local.get $x) (i32.add))
  ;; sets from locals while their old values are on the stack
  (func (export "swap") (param $a i32) (param $b i32) (result i32 i32)
    (local.get $a) (local.get $b) (local.set $a) (local.set $b)
    (local.get $a) (local.get $b))
  (func (export "rotate") (param $a i64) (param $b i64) (param $c i64) (result i64 i64 i64)
    (local.get $a) (local.get $b) (local.get $c)
    (local.set $a) (local.set $c) (local.set $b)
    (local.get $a) (local.get $b) (local.get $c))
  ;; each instruction writes straight into the local (redirect), some
  ;; reading the local they write
  (func (export "redirect") (param $x i32) (param $y i32) (result i32 i32 i32 i32 i32 i32 i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32)
    (local.set $a (i32.sub (i32.const 10) (local.get $x)))
    (local.set $b (i32.clz (local.get $y)))
    (local.set $c (i32.lt_u (local.get $x) (local.get $y)))
    (local.set $d (select (local.get $x) (local.get $y) (local.get $c)))
    (local.set $e (i32.load (i32.const 8)))
    (local.set $x (i32.rotl (local.get $x) (local.get $y)))
    (local.set $y (i32.sub (local.get $y) (local.get $y)))
    (local.get $a) (local.get $b) (local.get $c) (local.get $d) (local.get $e) (local.get $x) (local.get $y))
  ;; tee chains: [x+5, x+5, x+5, 2x]
  (func (export "tee_chain") (param $x i32) (result i32 i32 i32 i32)
    (local $a i32) (local $b i32) (local $c i32)
    (local.set $a (local.tee $b (local.tee $c (i32.add (local.get $x) (i32.const 5)))))
    (local.get $a) (local.get $b) (local.get $c)
    (local.tee $x (i32.add (local.get $x) (local.get $x))))
  ;; a local.tee feeding a br_if in a loop: sum n + ... + 1
  (func (export "count_down") (param $n i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; a value set to a local, then the local changes in a block: the value
  ;; on the stack is still the old one at the block's end
  (func (export "across_block") (param $x i32) (result i32 i32)
    (local.get $x)
    (block (local.set $x (i32.const 100)))
    (local.get $x))
  ;; a set to zero of a local that may not be zero any more (a loop's back
  ;; edge, an earlier branch)
  (func (export "zero_again") (param $n i32) (result i32 i32)
    (local $x i32) (local $s i32) (local $y i32)
    (if (local.get $n) (then (local.set $y (i32.const 9))))
    (local.set $y (i32.const 0))
    (loop $l
      (local.set $s (i32.add (local.get $s) (local.get $x)))
      (local.set $x (i32.const 0))
      (local.set $x (i32.add (local.get $x) (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s) (local.get $y))
)" + reverse20_func() + same20_func() + mixed20_func() + ")");
  Memory* mem = inst->memory("mem");
  const std::vector<uint32_t> vals = {0u, 1u, 5u, 31u, 32u, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu};
  for (uint32_t x : vals) {
    INFO("x=" << hex(x));
    CHECK(call_bits(store, inst, "set_keeps_old", {i32(x)}) == U{x, uint32_t(x + 1)});
    CHECK(call_bits(store, inst, "tee_keeps_old", {i32(x)}) == U{x, uint32_t(x * 3), uint32_t(x * 3)});
    CHECK(call_bits(store, inst, "tee_chain", {i32(x)}) ==
          U{uint32_t(x + 5), uint32_t(x + 5), uint32_t(x + 5), uint32_t(x * 2)});
    CHECK(call_bits(store, inst, "across_block", {i32(x)}) == U{x, 100});
    for (uint32_t y : vals) {
      INFO("y=" << hex(y));
      CHECK(invoke_i32(store, inst, "set_keeps_old_deep", {i32(x), i32(y)}) == uint32_t(x * (y - x) + (y - x)));
      CHECK(call_bits(store, inst, "swap", {i32(x), i32(y)}) == U{y, x});
      uint64_t a = x * 0x100000001ull, b = ~uint64_t{y}, c = 0x8000000000000000ull | x;
      CHECK(call_bits(store, inst, "rotate", {i64(a), i64(b), i64(c)}) == U{c, a, b});
      uint32_t m = x ^ y;
      std::memcpy(mem->bytes().data() + 8, &m, 4);
      uint32_t lt = x < y ? 1 : 0;
      CHECK(call_bits(store, inst, "redirect", {i32(x), i32(y)}) ==
            U{uint32_t(10 - x), clz32(y), lt, lt ? x : y, m, rotl32(x, y), 0});
      // reverse20: $li = x + i*y, reversed
      U want;
      for (uint32_t i = 0; i < 20; ++i) want.push_back(uint32_t(x + (19 - i) * y));
      CHECK(call_bits(store, inst, "reverse20", {i32(x), i32(y)}) == want);
      // mixed20: x' = y - x, y' = ~y
      want.clear();
      for (int i = 0; i < 10; ++i) {
        want.push_back(x);
        want.push_back(y);
      }
      want.push_back(uint32_t(y - x));
      want.push_back(~y);
      CHECK(call_bits(store, inst, "mixed20", {i32(x), i32(y)}) == want);
    }
    U want;
    uint32_t v = x;
    for (int i = 0; i < 20; ++i) {
      want.push_back(v);
      v = v * 3 + 1;
    }
    want.push_back(v);
    CHECK(call_bits(store, inst, "same20", {i32(x)}) == want);
  }
  for (uint32_t n : {1u, 2u, 10u, 1000u}) {
    INFO("n=" << n);
    CHECK(invoke_i32(store, inst, "count_down", {i32(n)}) == n * (n + 1) / 2);
    // s sums the x of the previous iterations: n, n-1, ..., 2 (x starts at 0)
    CHECK(call_bits(store, inst, "zero_again", {i32(n)}) == U{n * (n + 1) / 2 - 1, 0});
  }
}

TEST_CASE("interp register: locals and constants left on the stack across blocks that do or do not write them",
          "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  ;; $x stays uncopied below blocks, loops and ifs that never write it
  ;; (the block writes $y only), and is read after each: [x, x, x, y]
  (func (export "unwritten") (param $x i32) (param $y i32) (result i32 i32 i32 i32)
    (local.get $x)
    (block (local.set $y (i32.add (local.get $y) (i32.const 1))))
    (local.get $x)
    (loop $l (local.set $y (i32.add (local.get $y) (i32.const 1)))
             (br_if $l (i32.lt_u (local.get $y) (i32.const 10))))
    (local.get $x)
    (if (local.get $y) (then (local.set $y (i32.mul (local.get $y) (i32.const 2)))))
    (local.get $y))
  ;; $x is written on one path only, deep inside: the value below the
  ;; block must be the old one on both paths
  (func (export "written_on_one_path") (param $x i32) (param $c i32) (result i32 i32)
    (local.get $x)
    (block $b
      (block
        (br_if $b (local.get $c))
        (if (i32.eqz (local.get $c)) (then (local.set $x (i32.const 77))))))
    (local.get $x))
  ;; written in a loop on its second iteration only
  (func (export "written_in_loop") (param $x i32) (result i32 i32) (local $i i32)
    (local.get $x)
    (loop $l
      (if (local.get $i) (then (local.set $x (i32.add (local.get $x) (i32.const 1000)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 3))))
    (local.get $x))
  ;; constants and locals below an if/else whose arms branch out, and a
  ;; block result beside them
  (func (export "consts_below") (param $x i32) (param $c i32) (result i32 i32 i32 i32)
    (i32.const 7) (local.get $x)
    (if (result i32) (local.get $c)
      (then (local.set $c (i32.const 0)) (i32.const 11))
      (else (local.set $c (i32.const 1)) (i32.const 22)))
    (local.get $c))
  ;; 20 uncopied values below a block whose results push some of them out
  ;; of the 16-value window, then a set of the deepest local
  (func (export "window") (param $a i32) (param $b i32) (result i32)
    (local.get $a) (local.get $b) (local.get $a) (local.get $b) (local.get $a)
    (local.get $b) (local.get $a) (local.get $b) (local.get $a) (local.get $b)
    (local.get $a) (local.get $b) (local.get $a) (local.get $b) (local.get $a)
    (block (result i32 i32 i32 i32 i32) (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5))
    (local.set $a (i32.const 1000))
    (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add)
    (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add)
    (i32.add)
    (local.get $a) (i32.add))
)
  )");
  using V = std::vector<uint64_t>;
  CHECK(bits(invoke(store, inst, "unwritten", {Value::from_i32(5), Value::from_i32(0)})) == V{5, 5, 5, 20});
  CHECK(bits(invoke(store, inst, "written_on_one_path", {Value::from_i32(5), Value::from_i32(0)})) == V{5, 77});
  CHECK(bits(invoke(store, inst, "written_on_one_path", {Value::from_i32(5), Value::from_i32(1)})) == V{5, 5});
  CHECK(bits(invoke(store, inst, "written_in_loop", {Value::from_i32(5)})) == V{5, 2005});
  CHECK(bits(invoke(store, inst, "consts_below", {Value::from_i32(5), Value::from_i32(1)})) == V{7, 5, 11, 0});
  CHECK(bits(invoke(store, inst, "consts_below", {Value::from_i32(5), Value::from_i32(0)})) == V{7, 5, 22, 1});
  // 8 a's and 7 b's, then 1+2+3+4+5, then the new a
  CHECK(bits(invoke(store, inst, "window", {Value::from_i32(100), Value::from_i32(10000)})) ==
        V{8 * 100 + 7 * 10000 + 15 + 1000});
}

TEST_CASE("interp register: subtractions of constants as adds, high bits of an i64, br_table on index + k",
          "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08")
  (func (export "sub32") (param $x i32) (result i32) (i32.sub (local.get $x) (i32.const 0x80000000)))
  (func (export "sub32_zero") (param $x i32) (result i32) (i32.sub (local.get $x) (i32.const 0)))
  (func (export "sub32_neg") (param $x i32) (result i32) (i32.sub (local.get $x) (i32.const -5)))
  (func (export "sub64") (param $x i64) (result i64) (i64.sub (local.get $x) (i64.const 0x8000000000000000)))
  (func (export "sub64_small") (param $x i64) (result i64) (i64.sub (local.get $x) (i64.const 3)))
  ;; a subtracted constant folded into a load's address (wrapping below 0)
  (func (export "load_sub") (param $p i32) (result i32) (i32.load8_u (i32.sub (local.get $p) (i32.const 4))))
  (func (export "hi") (param $x i64) (param $k i64) (result i32 i32 i32 i32 i32)
    (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 32)))
    (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 0)))
    (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 63)))
    (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 97)))  ;; the count is taken mod 64
    (i32.wrap_i64 (i64.shr_u (local.get $x) (local.get $k))))
  ;; the shifted value is also kept in a local: not fused away
  (func (export "hi_kept") (param $x i64) (result i32 i64) (local $t i64)
    (i32.wrap_i64 (local.tee $t (i64.shr_u (local.get $x) (i64.const 8))))
    (local.get $t))
  (func (export "switch") (param $x i32) (result i32)
    (block $d (block $c (block $b (block $a
      (br_table $a $b $c $d (i32.sub (local.get $x) (i32.const 10))))
      (return (i32.const 100)))
      (return (i32.const 101)))
      (return (i32.const 102)))
    (i32.const 999))
  (func (export "switch_add") (param $x i32) (result i32)
    (block $d (block $b (block $a
      (br_table $a $b $d (i32.add (local.get $x) (i32.const 0x7fffffff))))
      (return (i32.const 200)))
      (return (i32.const 201)))
    (i32.const 998))
)
  )");
  auto i32 = [&](const char* f, uint32_t x) { return invoke_i32(store, inst, f, {Value::from_i32(x)}); };
  auto i64 = [&](const char* f, uint64_t x) { return invoke_i64(store, inst, f, {Value::from_i64(x)}); };
  CHECK(i32("sub32", 5) == 0x80000005u);
  CHECK(i32("sub32", 0x80000000u) == 0);
  CHECK(i32("sub32_zero", 0xdeadbeef) == 0xdeadbeef);
  CHECK(i32("sub32_neg", 0xfffffffe) == 3);
  CHECK(i64("sub64", 1) == 0x8000000000000001ull);
  CHECK(i64("sub64_small", 1) == ~uint64_t{1});
  CHECK(i32("load_sub", 4) == 1);
  CHECK(i32("load_sub", 11) == 8);
  Failure f = failure_of([&] { i32("load_sub", 3); });  // 3 - 4 wraps to 0xffffffff
  CHECK(f.thrown);
  CHECK(f.message == "out of bounds memory access");
  using V = std::vector<uint64_t>;
  CHECK(bits(invoke(store, inst, "hi", {Value::from_i64(0x8123456789abcdefull), Value::from_i64(36)})) ==
        V{0x81234567u, 0x89abcdefu, 1, 0x4091a2b3u, 0x08123456u});
  CHECK(bits(invoke(store, inst, "hi_kept", {Value::from_i64(0x1122334455667788ull)})) ==
        V{0x44556677u, 0x0011223344556677ull});
  CHECK(i32("switch", 10) == 100);
  CHECK(i32("switch", 11) == 101);
  CHECK(i32("switch", 12) == 102);
  CHECK(i32("switch", 13) == 999);
  CHECK(i32("switch", 9) == 999);  // -1 is out of range: the default
  CHECK(i32("switch", 0) == 999);
  CHECK(i32("switch_add", 0x80000001u) == 200);  // wraps to 0
  CHECK(i32("switch_add", 0x80000002u) == 201);
  CHECK(i32("switch_add", 0) == 998);
  CHECK(i32("switch_add", 0x80000000u) == 998);  // 0xffffffff
}

TEST_CASE("interp register: i64 pointers wrapped to i32 addresses (loads and stores read the low half)",
          "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (memory 1)
  (data (i32.const 16) "\11\22\33\44\55\66\77\88")
  ;; the add's carry out of the low half, and bits above it, are dropped
  (func (export "load") (param $p i64) (result i32)
    (i32.load offset=2 (i32.wrap_i64 (i64.add (local.get $p) (i64.const 0x100000008)))))
  (func (export "load_plain") (param $p i64) (result i64)
    (i64.load (i32.wrap_i64 (local.get $p))))
  (func (export "load_neg") (param $p i64) (result i32)
    (i32.load8_u (i32.wrap_i64 (i64.add (local.get $p) (i64.const -1)))))
  ;; the wrapped address, then the stored value computed from the same pointer
  (func (export "store") (param $p i64) (param $v i64)
    (i64.store (i32.wrap_i64 (i64.add (local.get $p) (i64.const 8)))
               (i64.add (local.get $v) (local.get $p))))
  ;; the pointer changes after the wrap: the address is the old one
  (func (export "store_changed") (param $p i64) (result i64)
    (i32.wrap_i64 (local.get $p))
    (local.set $p (i64.const 0))
    (i64.const 0x0102030405060708)
    (i64.store)
    (i64.load (i32.const 40)))
  ;; the wrapped value is used as a number too
  (func (export "both") (param $p i64) (result i32)
    (i32.add (i32.load8_u (i32.wrap_i64 (local.get $p))) (i32.wrap_i64 (local.get $p))))
)
  )");
  auto call = [&](const char* f, std::vector<Value> args) { return bits(invoke(store, inst, f, std::move(args))); };
  using V = std::vector<uint64_t>;
  CHECK(call("load", {Value::from_i64(0xffffffff00000006ull)}) == V{0x44332211u});  // 6 + 8 + 2 = 16
  CHECK(call("load_plain", {Value::from_i64(0x1234567800000010ull)}) == V{0x8877665544332211ull});
  CHECK(call("load_neg", {Value::from_i64(0x500000011ull)}) == V{0x11});
  Failure f = failure_of([&] { call("load_neg", {Value::from_i64(0x100000000ull)}); });  // 0 - 1: 0xffffffff
  CHECK(f.message == "out of bounds memory access");
  Failure g = failure_of([&] { call("load", {Value::from_i64(0xfffffff0ull)}); });  // 0xfffffffa
  CHECK(g.message == "out of bounds memory access");
  call("store", {Value::from_i64(0x7700000020ull), Value::from_i64(5)});
  CHECK(call("load_plain", {Value::from_i64(40)}) == V{0x7700000025ull});
  CHECK(call("store_changed", {Value::from_i64(0xabcd00000028ull)}) == V{0x0102030405060708ull});
  CHECK(call("both", {Value::from_i64(0x900000010ull)}) == V{0x11 + 0x10});
}

TEST_CASE("interp register: i64.extend_i32_u of slots and constants, i64.eqz as a branch", "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (memory 1)
  (data (i32.const 0) "\80\ff")
  (global $g (mut i32) (i32.const -2))
  ;; every kind of i32 producer, extended: a signed load, a negative
  ;; constant, a global, a local, an arithmetic result, a parameter
  (func (export "ext") (param $p i32) (result i64 i64 i64 i64 i64 i64)
    (i64.extend_i32_u (i32.load8_s (i32.const 0)))
    (i64.extend_i32_u (i32.const -1))
    (i64.extend_i32_u (global.get $g))
    (i64.extend_i32_u (local.get $p))
    (i64.extend_i32_u (i32.sub (i32.const 0) (local.get $p)))
    (i64.extend_i32_u (i32.load16_s (i32.const 0))))
  ;; the extended local changes before the value is used; the result
  ;; goes into an i64 local and through i64 arithmetic
  (func (export "ext_changed") (param $p i32) (result i64) (local $q i64)
    (i64.extend_i32_u (local.get $p))
    (local.set $p (i32.const 7))
    (local.set $q (i64.extend_i32_u (i32.add (local.get $p) (i32.const -8))))
    (i64.add (local.get $q)))
  (func (export "eqz_br") (param $x i64) (result i32)
    (block $z (br_if $z (i64.eqz (local.get $x))) (return (i32.const 1)))
    (i32.const 0))
  (func (export "eqz_if") (param $x i64) (result i32)
    (if (result i32) (i64.eqz (i64.add (local.get $x) (i64.const 1))) (then (i32.const 10)) (else (i32.const 20))))
)
  )");
  using V = std::vector<uint64_t>;
  CHECK(bits(invoke(store, inst, "ext", {Value::from_i32(0x80000000u)})) ==
        V{0xffffff80u, 0xffffffffu, 0xfffffffeu, 0x80000000u, 0x80000000u, 0xffffff80u});
  CHECK(bits(invoke(store, inst, "ext_changed", {Value::from_i32(0xfffffff0u)})) == V{0xfffffff0ull + 0xffffffffull});
  CHECK(invoke_i32(store, inst, "eqz_br", {Value::from_i64(0)}) == 0);
  CHECK(invoke_i32(store, inst, "eqz_br", {Value::from_i64(1ull << 32)}) == 1);
  CHECK(invoke_i32(store, inst, "eqz_if", {Value::from_i64(~0ull)}) == 10);
  CHECK(invoke_i32(store, inst, "eqz_if", {Value::from_i64(0xffffffffull)}) == 20);
}

TEST_CASE("interp register: a global stepped by a constant (a shadow-stack pointer's prologue and epilogue)",
          "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (global $sp (mut i32) (i32.const 1000))
  (global $other (mut i32) (i32.const 5))
  (func $frame (export "frame") (param $n i32) (result i32) (local $fp i32)
    (global.set $sp (local.tee $fp (i32.sub (global.get $sp) (i32.const 16))))
    (if (local.get $n) (then (drop (call $frame (i32.sub (local.get $n) (i32.const 1))))))
    (global.set $sp (i32.add (local.get $fp) (i32.const 16)))
    (local.get $fp))
  (func (export "sp") (result i32) (global.get $sp))
  ;; the sum goes to another global, or is kept on the stack too
  (func (export "cross") (result i32 i32) (local i32)
    (global.set $other (local.tee 0 (i32.add (global.get $sp) (i32.const 0x7fffffff))))
    (local.get 0)
    (global.get $other))
  (func (export "kept") (result i32 i32) (local $t i32)
    (i32.add (global.get $other) (i32.const -6))
    (local.set $t (global.get $other))
    (local.get $t))
  (func (export "wrap") (result i32)
    (global.set $other (i32.add (global.get $sp) (i32.const 0xfffffc18)))  ;; 1000 - 1000
    (global.get $other))
)
  )");
  using V = std::vector<uint64_t>;
  CHECK(invoke_i32(store, inst, "frame", {Value::from_i32(0)}) == 984);
  CHECK(invoke_i32(store, inst, "frame", {Value::from_i32(5)}) == 984);
  CHECK(invoke_i32(store, inst, "sp") == 1000);
  CHECK(bits(invoke(store, inst, "cross")) == V{1000u + 0x7fffffffu, 1000u + 0x7fffffffu});
  CHECK(invoke_i32(store, inst, "sp") == 1000);
  CHECK(bits(invoke(store, inst, "kept")) == V{1000u + 0x7fffffffu - 6, 1000u + 0x7fffffffu});
  CHECK(invoke_i32(store, inst, "wrap") == 0);
}

TEST_CASE("interp register: v128 locals set, teed and preserved", "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  ;; [v, v + (1,2,3,4)]: the old v stays on the stack (Copy2)
  (func (export "keep_old") (param $v v128) (result v128 v128)
    (local.get $v)
    (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 2 3 4)))
    (local.get $v))
  (func (export "swap") (param $a v128) (param $b v128) (result v128 v128)
    (local.get $a) (local.get $b) (local.set $a) (local.set $b)
    (local.get $a) (local.get $b))
  ;; an i32 between v128 locals; tee of a v128 with the old one below it
  (func (export "tee") (param $a v128) (param $n i32) (result v128 v128 v128 i32)
    (local $b v128) (local $m i32)
    (local.set $m (i32.add (local.get $n) (i32.const 1)))
    (local.get $a)
    (local.tee $b (local.tee $a (i32x4.mul (local.get $a) (local.get $a))))
    (local.get $a)
    (local.get $m))
  ;; 18 values in the window: push v, then v += (1,1,1,1); sum them all
  (func (export "window") (param $v v128) (result v128 v128)
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (local.get $v) (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
    (i32x4.add) (i32x4.add) (i32x4.add) (i32x4.add) (i32x4.add) (i32x4.add)
    (i32x4.add) (i32x4.add) (i32x4.add) (i32x4.add) (i32x4.add) (i32x4.add)
    (i32x4.add) (i32x4.add) (i32x4.add) (i32x4.add) (i32x4.add)
    (local.get $v))
)
)");
  auto r = invoke(store, inst, "keep_old", {v_i32x4(10, 0xFFFFFFFF, 0x7FFFFFFF, 0)});
  REQUIRE(r.size() == 2);
  CHECK(lanes(r[0]) == L4{10, 0xFFFFFFFF, 0x7FFFFFFF, 0});
  CHECK(lanes(r[1]) == L4{11, 1, 0x80000002, 4});

  r = invoke(store, inst, "swap", {v_i32x4(1, 2, 3, 4), v_i32x4(5, 6, 7, 8)});
  REQUIRE(r.size() == 2);
  CHECK(lanes(r[0]) == L4{5, 6, 7, 8});
  CHECK(lanes(r[1]) == L4{1, 2, 3, 4});

  r = invoke(store, inst, "tee", {v_i32x4(2, 3, 0x10000, 0xFFFFFFFF), i32(41)});
  REQUIRE(r.size() == 4);
  CHECK(lanes(r[0]) == L4{2, 3, 0x10000, 0xFFFFFFFF});
  CHECK(lanes(r[1]) == L4{4, 9, 0, 1});
  CHECK(lanes(r[2]) == L4{4, 9, 0, 1});
  CHECK(r[3].i32 == 42);

  r = invoke(store, inst, "window", {v_i32x4(0, 100, 0xFFFFFFF0, 0x80000000)});
  REQUIRE(r.size() == 2);
  // 18 values v + k, k = 0..17: 18 v + 153
  auto sum = [](uint32_t v) { return uint32_t(18 * v + 153); };
  CHECK(lanes(r[0]) == L4{sum(0), sum(100), sum(0xFFFFFFF0), sum(0x80000000)});
  CHECK(lanes(r[1]) == L4{18, 118, 0xFFFFFFF0u + 18, 0x80000012});
}

// ---------------------------------------------------------------------------
// 3. Loads and stores in every address form

namespace {

constexpr uint64_t kPage = 65536;

struct MemOp {
  const char* name;   // the wasm instruction
  const char* type;   // its value type
  uint32_t size;      // bytes accessed
  bool is_signed;     // loads: sign-extending
  bool wide;          // an i64 / f64 value
};

const std::vector<MemOp>& load_ops() {
  static const std::vector<MemOp> ops = {
      {"i32.load", "i32", 4, false, false},    {"i32.load8_s", "i32", 1, true, false},
      {"i32.load8_u", "i32", 1, false, false}, {"i32.load16_s", "i32", 2, true, false},
      {"i32.load16_u", "i32", 2, false, false}, {"i64.load", "i64", 8, false, true},
      {"i64.load8_s", "i64", 1, true, true},   {"i64.load8_u", "i64", 1, false, true},
      {"i64.load16_s", "i64", 2, true, true},  {"i64.load16_u", "i64", 2, false, true},
      {"i64.load32_s", "i64", 4, true, true},  {"i64.load32_u", "i64", 4, false, true},
      {"f32.load", "f32", 4, false, false},    {"f64.load", "f64", 8, false, true},
  };
  return ops;
}

const std::vector<MemOp>& store_ops() {
  static const std::vector<MemOp> ops = {
      {"i32.store", "i32", 4, false, false},  {"i32.store8", "i32", 1, false, false},
      {"i32.store16", "i32", 2, false, false}, {"i64.store", "i64", 8, false, true},
      {"i64.store8", "i64", 1, false, true},  {"i64.store16", "i64", 2, false, true},
      {"i64.store32", "i64", 4, false, true}, {"f32.store", "f32", 4, false, false},
      {"f64.store", "f64", 8, false, true},
  };
  return ops;
}

// An address form: WAT computing the address from params $p and $q (and a
// memarg), and the effective address it must produce (64-bit: an offset
// pushes it past 2^32 rather than wrapping).
struct AddrForm {
  const char* name;
  const char* memarg;
  const char* addr;
  std::function<uint64_t(uint32_t p, uint32_t q)> ea;
  // the compiled form, for the record
  const char* iop;
};

const std::vector<AddrForm>& addr_forms() {
  static const std::vector<AddrForm> forms = {
      {"l", "", "(local.get $p)", [](uint32_t p, uint32_t) { return uint64_t{p}; }, "OP [p|0]"},
      {"o", "offset=5", "(local.get $p)", [](uint32_t p, uint32_t) { return uint64_t{p} + 5; }, "OP [p|5]"},
      {"a", "", "(i32.add (local.get $p) (i32.const 0xFFFFFFF0))",
       [](uint32_t p, uint32_t) { return uint64_t{uint32_t(p - 16)}; }, "OP_A [p|0] addend"},
      {"ao", "offset=5", "(i32.add (local.get $p) (i32.const 0xFFFFFFF0))",
       [](uint32_t p, uint32_t) { return uint64_t{uint32_t(p - 16)} + 5; }, "OP_A [p|5] addend"},
      {"a8", "", "(i32.add (local.get $p) (i32.const 8))",
       [](uint32_t p, uint32_t) { return uint64_t{uint32_t(p + 8)}; }, "OP_A [p|0] 8"},
      {"ca", "offset=2", "(i32.add (i32.const 8) (local.get $p))",
       [](uint32_t p, uint32_t) { return uint64_t{uint32_t(p + 8)} + 2; }, "OP_A (swapped add)"},
      {"ta", "offset=1", "(i32.add (i32.xor (local.get $p) (i32.const 0)) (i32.const 3))",
       [](uint32_t p, uint32_t) { return uint64_t{uint32_t(p + 3)} + 1; }, "OP_A on a Temp"},
      {"rr", "", "(i32.add (local.get $p) (local.get $q))",
       [](uint32_t p, uint32_t q) { return uint64_t{uint32_t(p + q)}; }, "OP_RR (loads)"},
      {"rro", "offset=7", "(i32.add (local.get $p) (local.get $q))",
       [](uint32_t p, uint32_t q) { return uint64_t{uint32_t(p + q)} + 7; }, "OP_RR (loads)"},
      {"t", "offset=3", "(i32.sub (local.get $p) (local.get $q))",
       [](uint32_t p, uint32_t q) { return uint64_t{uint32_t(p - q)} + 3; }, "OP [temp|3]"},
  };
  return forms;
}

bool uses_q(const AddrForm& f) { return std::string(f.addr).find("$q") != std::string::npos; }

// Constant addresses (the zero slot): {address, offset}. The sum joins the
// offset when it fits in 32 bits, else the address becomes an addend.
const std::vector<std::pair<uint32_t, uint32_t>> kConstAddrs = {
    {0, 0},           {3, 5},           {65528, 0},   {65530, 2},      {65535, 0},
    {65536, 0},       {0, 65536},       {0xFFFFFFFC, 4}, {0xFFFFFFF8, 0x10}, {1, 0xFFFFFFFF},
    {0, 0xFFFFFFFF},  {0xFFFFFFFF, 0},  {0x80000000, 0x80000000},
};

// The probed values of $p: around 0, around the end of memory and around
// 2^32, shifted by the forms' constants.
std::vector<uint32_t> probe_addresses() {
  std::vector<uint32_t> out;
  for (uint32_t base : {0u, 65536u, 0u - 16u}) {
    for (int32_t d : {-24, -17, -16, -15, -9, -8, -7, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 8, 9, 16, 17, 24})
      out.push_back(static_cast<uint32_t>(base + static_cast<uint32_t>(d)));
  }
  out.push_back(0x7FFFFFFF);
  out.push_back(0x80000000);
  out.push_back(1000);
  return out;
}

uint64_t read_le(const uint8_t* p, uint32_t size) {
  uint64_t v = 0;
  for (uint32_t i = 0; i < size; ++i) v |= uint64_t{p[i]} << (8 * i);
  return v;
}

// What a load of `op` returns for the raw little-endian bits `raw`.
uint64_t widen(const MemOp& op, uint64_t raw) {
  uint32_t bits = op.size * 8;
  uint64_t v = raw;
  if (op.is_signed && bits < 64 && (raw >> (bits - 1)) & 1) v |= ~uint64_t{0} << bits;
  if (!op.wide) v &= 0xFFFFFFFFu;
  return v;
}

std::string load_module() {
  std::string w = "(module (memory (export \"mem\") 1)\n";
  for (size_t i = 0; i < load_ops().size(); ++i) {
    const MemOp& op = load_ops()[i];
    for (const AddrForm& f : addr_forms()) {
      w += "(func (export \"ld" + std::to_string(i) + "_" + f.name + "\") (param $p i32) (param $q i32) (result " +
           op.type + ") (" + op.name + " " + f.memarg + " " + f.addr + "))\n";
    }
    for (size_t k = 0; k < kConstAddrs.size(); ++k) {
      w += "(func (export \"ld" + std::to_string(i) + "_c" + std::to_string(k) + "\") (result " + op.type + ") (" +
           op.name + " offset=" + std::to_string(kConstAddrs[k].second) + " (i32.const " +
           hex(kConstAddrs[k].first) + ")))\n";
    }
  }
  return w + ")";
}

}  // namespace

TEST_CASE("interp register: every load width through every address form", "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, load_module());
  Memory* mem = inst->memory("mem");
  REQUIRE(mem->size_bytes() == kPage);
  uint8_t* bytes = mem->bytes().data();
  // bytes with both sign bits, a signalling-NaN pattern at 16 (f32) and 24 (f64)
  for (uint32_t i = 0; i < kPage; ++i) bytes[i] = static_cast<uint8_t>((i * 0x9D + 0x41) ^ (i >> 8));
  const uint8_t snan32[4] = {0x01, 0x00, 0x80, 0x7F};
  const uint8_t snan64[8] = {0x01, 0, 0, 0, 0, 0, 0xF0, 0x7F};
  std::memcpy(bytes + 16, snan32, 4);
  std::memcpy(bytes + 24, snan64, 8);
  const std::vector<uint32_t> ps = probe_addresses();
  const std::vector<uint32_t> qs = {0, 16, 0xFFFFFFF0, 0xFFFFFFFF, 65536};
  for (size_t i = 0; i < load_ops().size(); ++i) {
    const MemOp& op = load_ops()[i];
    auto expect = [&](uint64_t ea, const std::string& name, std::vector<Value> args) {
      INFO(op.name << " " << name << " ea=" << hex(ea));
      if (ea + op.size > kPage) {
        CHECK(trap_of(store, inst, name, std::move(args)) == "out of bounds memory access");
      } else {
        CHECK(call_bits(store, inst, name, std::move(args)) == U{widen(op, read_le(bytes + ea, op.size))});
      }
    };
    for (const AddrForm& f : addr_forms()) {
      std::string name = "ld" + std::to_string(i) + "_" + f.name;
      for (uint32_t p : ps) {
        for (uint32_t q : uses_q(f) ? qs : std::vector<uint32_t>{0}) {
          INFO("p=" << hex(p) << " q=" << hex(q));
          expect(f.ea(p, q), name, {i32(p), i32(q)});
        }
      }
    }
    for (size_t k = 0; k < kConstAddrs.size(); ++k) {
      uint64_t ea = uint64_t{kConstAddrs[k].first} + kConstAddrs[k].second;
      expect(ea, "ld" + std::to_string(i) + "_c" + std::to_string(k), {});
    }
  }
  // the wrap-around named in the brief: 0xFFFFFFFC + 8 is address 4
  CHECK(invoke_i32(store, inst, "ld0_a8", {i32(0xFFFFFFFC), i32(0)}) == read_le(bytes + 4, 4));
  CHECK(invoke_i32(store, inst, "ld0_rr", {i32(0xFFFFFFFC), i32(8)}) == read_le(bytes + 4, 4));
}

namespace {

// Store functions: for each op and address form, (param $p i32) (param $q
// i32) (param $v T) storing $v ("st"), a computed ~v or -v right after the
// address's add ("sx": the add folds though it is not the last
// instruction), a constant ("sk"); and at constant addresses ("sc").
std::string store_module() {
  std::string w = "(module (memory (export \"mem\") 1)\n";
  for (size_t i = 0; i < store_ops().size(); ++i) {
    const MemOp& op = store_ops()[i];
    std::string t = op.type;
    bool is_float = t[0] == 'f';
    std::string computed = is_float ? "(" + t + ".neg (local.get $v))" : "(" + t + ".xor (local.get $v) (" + t +
                                                                            ".const -1))";
    std::string konst = "(" + t + ".const " + (is_float ? (t == "f32" ? "-0x1.fffffep+127" : "-0x1.123456789abcdp-1000")
                                                       : (op.wide ? "0x8899aabbccddeeff" : "0xccddeeff")) + ")";
    for (const AddrForm& f : addr_forms()) {
      std::string sig = "(param $p i32) (param $q i32) (param $v " + t + ")";
      std::string s = std::to_string(i) + "_" + f.name;
      w += "(func (export \"st" + s + "\") " + sig + " (" + op.name + " " + f.memarg + " " + f.addr +
           " (local.get $v)))\n";
      w += "(func (export \"sx" + s + "\") " + sig + " (" + op.name + " " + f.memarg + " " + f.addr + " " +
           computed + "))\n";
      w += "(func (export \"sk" + s + "\") " + sig + " (" + op.name + " " + f.memarg + " " + f.addr + " " + konst +
           "))\n";
    }
    for (size_t k = 0; k < kConstAddrs.size(); ++k) {
      std::string s = std::to_string(i) + "_c" + std::to_string(k);
      std::string at = " offset=" + std::to_string(kConstAddrs[k].second) + " (i32.const " +
                       hex(kConstAddrs[k].first) + ")";
      w += "(func (export \"sc" + s + "\") (param $v " + t + ") (" + op.name + at + " (local.get $v)))\n";
      w += "(func (export \"sck" + s + "\") (" + op.name + at + " " + konst + "))\n";
    }
  }
  return w + ")";
}

uint64_t const_bits(const MemOp& op) {
  std::string t = op.type;
  if (t == "f32") return 0xFF7FFFFFu;  // -0x1.fffffep+127
  if (t == "f64") return std::bit_cast<uint64_t>(-0x1.123456789abcdp-1000);
  return op.wide ? 0x8899aabbccddeeffull : 0xccddeeffull;
}

Value value_of(const MemOp& op, uint64_t raw) {
  std::string t = op.type;
  if (t == "i32") return i32(static_cast<uint32_t>(raw));
  if (t == "i64") return i64(raw);
  if (t == "f32") return f32(std::bit_cast<float>(static_cast<uint32_t>(raw)));
  return f64(std::bit_cast<double>(raw));
}

}  // namespace

TEST_CASE("interp register: every store width through every address form; traps leave memory unchanged",
          "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, store_module());
  Memory* mem = inst->memory("mem");
  REQUIRE(mem->size_bytes() == kPage);
  uint8_t* bytes = mem->bytes().data();
  for (uint32_t i = 0; i < kPage; ++i) bytes[i] = static_cast<uint8_t>(i * 7 + 3);
  std::vector<uint8_t> shadow(bytes, bytes + kPage);
  std::vector<uint32_t> ps;
  for (uint32_t base : {0u, 65536u, 0u - 16u})
    for (int32_t d : {-12, -9, -8, -7, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 8, 9, 12})
      ps.push_back(static_cast<uint32_t>(base + static_cast<uint32_t>(d)));
  const std::vector<uint32_t> qs = {0, 16, 0xFFFFFFF0};
  uint64_t counter = 0;
  auto same_as_shadow = [&]() {
    if (std::memcmp(bytes, shadow.data(), kPage) == 0) return std::string("same");
    for (uint32_t i = 0; i < kPage; ++i)
      if (bytes[i] != shadow[i]) return "differs first at " + std::to_string(i);
    return std::string("same");
  };
  for (size_t i = 0; i < store_ops().size(); ++i) {
    const MemOp& op = store_ops()[i];
    uint64_t mask = op.size == 8 ? ~uint64_t{0} : (uint64_t{1} << (op.size * 8)) - 1;
    uint64_t type_mask = op.wide ? ~uint64_t{0} : 0xFFFFFFFFu;
    // Stores `raw` at `ea` in the shadow, or expects a trap.
    auto expect = [&](uint64_t ea, uint64_t raw, const std::string& name, std::vector<Value> args) {
      INFO(op.name << " " << name << " ea=" << hex(ea) << " value=" << hex(raw));
      if (ea + op.size > kPage) {
        CHECK(trap_of(store, inst, name, std::move(args)) == "out of bounds memory access");
      } else {
        CHECK(trap_of(store, inst, name, std::move(args)) == "");
        for (uint32_t b = 0; b < op.size; ++b) shadow[ea + b] = static_cast<uint8_t>((raw & mask) >> (8 * b));
      }
      CHECK(same_as_shadow() == "same");
    };
    for (const AddrForm& f : addr_forms()) {
      std::string s = std::to_string(i) + "_" + f.name;
      for (uint32_t p : ps) {
        for (uint32_t q : uses_q(f) ? qs : std::vector<uint32_t>{0}) {
          INFO("p=" << hex(p) << " q=" << hex(q));
          uint64_t ea = f.ea(p, q);
          uint64_t v = (0x0123456789ABCDEFull ^ (++counter * 0x9E3779B97F4A7C15ull)) & type_mask;
          expect(ea, v, "st" + s, {i32(p), i32(q), value_of(op, v)});
          v = (v * 31 + 17) & type_mask;
          uint64_t computed = std::string(op.type)[0] == 'f' ? v ^ (op.wide ? 0x8000000000000000ull : 0x80000000u)
                                                    : ~v & type_mask;
          expect(ea, computed, "sx" + s, {i32(p), i32(q), value_of(op, v)});
          expect(ea, const_bits(op), "sk" + s, {i32(p), i32(q), value_of(op, 0)});
        }
      }
    }
    for (size_t k = 0; k < kConstAddrs.size(); ++k) {
      uint64_t ea = uint64_t{kConstAddrs[k].first} + kConstAddrs[k].second;
      std::string s = std::to_string(i) + "_c" + std::to_string(k);
      uint64_t v = (0xFEDCBA9876543210ull + ++counter) & type_mask;
      expect(ea, v, "sc" + s, {value_of(op, v)});
      expect(ea, const_bits(op), "sck" + s, {});
    }
  }
  // A store straddling the end of memory writes nothing.
  for (uint32_t i = 65520; i < kPage; ++i) bytes[i] = 0x5A;
  CHECK(trap_of(store, inst, "st3_l", {i32(65532), i32(0), i64(0)}) == "out of bounds memory access");
  CHECK(trap_of(store, inst, "st0_a", {i32(65534 + 16), i32(0), i32(0)}) == "out of bounds memory access");
  CHECK(trap_of(store, inst, "st2_rr", {i32(65535), i32(0), i32(0)}) == "out of bounds memory access");
  for (uint32_t i = 65520; i < kPage; ++i) {
    INFO("byte " << i);
    CHECK(bytes[i] == 0x5A);
  }
}

// ---------------------------------------------------------------------------
// 4. Superinstructions

namespace {

const std::vector<uint32_t> kShifts = {0, 1, 7, 31, 32, 33, 63, 64, 0x80000001u, 0xFFFFFFFFu};
const std::vector<uint32_t> kMasks = {0, 1, 0xFF, 0x80000001u, 0x7FFFFFFFu, 0xFFFFFFFFu};

std::string superinstruction_module() {
  std::string w = "(module\n";
  for (size_t s = 0; s < kShifts.size(); ++s) {
    std::string S = "(i32.const " + hex(kShifts[s]) + ")";
    for (size_t m = 0; m < kMasks.size(); ++m) {
      // I32ShrUAnd
      w += "(func (export \"shr_and_" + std::to_string(s) + "_" + std::to_string(m) +
           "\") (param $a i32) (param $c i32) (result i32) (i32.and (i32.shr_u (local.get $a) " + S +
           ") (i32.const " + hex(kMasks[m]) + ")))\n";
    }
    // I32ShlAdd, the shift on the left and on the right of the add, the
    // other operand a local or a Temp
    w += "(func (export \"shl_add_" + std::to_string(s) +
         "\") (param $a i32) (param $c i32) (result i32) (i32.add (i32.shl (local.get $a) " + S +
         ") (local.get $c)))\n";
    w += "(func (export \"add_shl_" + std::to_string(s) +
         "\") (param $a i32) (param $c i32) (result i32) (i32.add (local.get $c) (i32.shl (local.get $a) " + S +
         ")))\n";
    w += "(func (export \"tmp_add_shl_" + std::to_string(s) +
         "\") (param $a i32) (param $c i32) (result i32) (i32.add (i32.rotl (local.get $c) (i32.const 0)) "
         "(i32.shl (local.get $a) " + S + ")))\n";
    // the result set to a local (no redirect of a superinstruction) and reused
    w += "(func (export \"shl_add_set_" + std::to_string(s) +
         "\") (param $a i32) (param $c i32) (result i32) (local.set $c (i32.add (i32.shl (local.get $a) " + S +
         ") (local.get $c))) (i32.add (local.get $c) (local.get $c)))\n";
  }
  return w + R"(
  ;; I32MulAdd, the product on either side, with Temps
  (func (export "mul_add") (param $a i32) (param $b i32) (param $c i32) (result i32)
    (i32.add (i32.mul (local.get $a) (local.get $b)) (local.get $c)))
  (func (export "add_mul") (param $a i32) (param $b i32) (param $c i32) (result i32)
    (i32.add (local.get $c) (i32.mul (local.get $a) (local.get $b))))
  (func (export "tmp_add_mul") (param $a i32) (param $b i32) (param $c i32) (result i32)
    (i32.add (i32.xor (local.get $c) (i32.const 0)) (i32.mul (i32.sub (local.get $a) (i32.const 0)) (local.get $b))))
  (func (export "mul_add_self") (param $a i32) (param $b i32) (param $c i32) (result i32)
    (local.set $a (i32.add (i32.mul (local.get $a) (local.get $a)) (local.get $a)))
    (local.get $a))
  ;; a dot product: mul+add in a loop, the accumulator a local
  (func (export "dot") (param $n i32) (param $k i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.mul (local.get $i) (local.get $k))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $s))
  ;; CopyBr: the last set before the back edge is a copy; i64 Fibonacci
  (func (export "fib") (param $n i32) (result i64) (local $a i64) (local $b i64) (local $t i64) (local $i i32)
    (local.set $b (i64.const 1))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $t (i64.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (br $l)))
    (local.get $a))
  ;; the same as a parallel assignment through the stack: the old $b is
  ;; preserved before $b changes, then copied into $a before the branch
  (func (export "fib2") (param $n i32) (result i32) (local $a i32) (local $b i32)
    (local.set $b (i32.const 1))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.get $b)
        (i32.add (local.get $a) (local.get $b))
        (local.set $b)
        (local.set $a)
        (br $l)))
    (local.get $a))
  ;; a br with a value: the value's copy joins the branch
  (func (export "copy_br") (param $x i32) (param $y i32) (result i32)
    (block $b (result i32)
      (if (local.get $y) (then (br $b (local.get $x))))
      (i32.const 7)))
)
)";
}

}  // namespace

TEST_CASE("interp register: superinstructions shr_u+and, shl+add, mul+add and copy+br", "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, superinstruction_module());
  const std::vector<uint32_t> vals = {0u, 1u, 3u, 0x12345678u, 0x7FFFFFFFu, 0x80000000u, 0x80000001u, 0xFFFFFFFFu};
  for (size_t s = 0; s < kShifts.size(); ++s) {
    uint32_t sh = kShifts[s] & 31;  // wasm masks the count
    for (uint32_t a : vals) {
      for (size_t m = 0; m < kMasks.size(); ++m) {
        INFO("shr_u+and a=" << hex(a) << " s=" << hex(kShifts[s]) << " m=" << hex(kMasks[m]));
        CHECK(invoke_i32(store, inst, ("shr_and_" + std::to_string(s) + "_" + std::to_string(m)).c_str(),
                         {i32(a), i32(0)}) == ((a >> sh) & kMasks[m]));
      }
      for (uint32_t c : vals) {
        INFO("shl+add a=" << hex(a) << " s=" << hex(kShifts[s]) << " c=" << hex(c));
        uint32_t want = uint32_t((a << sh) + c);
        std::string k = std::to_string(s);
        CHECK(invoke_i32(store, inst, ("shl_add_" + k).c_str(), {i32(a), i32(c)}) == want);
        CHECK(invoke_i32(store, inst, ("add_shl_" + k).c_str(), {i32(a), i32(c)}) == want);
        CHECK(invoke_i32(store, inst, ("tmp_add_shl_" + k).c_str(), {i32(a), i32(c)}) == want);
        CHECK(invoke_i32(store, inst, ("shl_add_set_" + k).c_str(), {i32(a), i32(c)}) == uint32_t(want * 2));
      }
    }
  }
  for (uint32_t a : vals) {
    for (uint32_t b : vals) {
      for (uint32_t c : vals) {
        INFO("mul+add a=" << hex(a) << " b=" << hex(b) << " c=" << hex(c));
        uint32_t want = uint32_t(a * b + c);
        CHECK(invoke_i32(store, inst, "mul_add", {i32(a), i32(b), i32(c)}) == want);
        CHECK(invoke_i32(store, inst, "add_mul", {i32(a), i32(b), i32(c)}) == want);
        CHECK(invoke_i32(store, inst, "tmp_add_mul", {i32(a), i32(b), i32(c)}) == want);
      }
    }
    CHECK(invoke_i32(store, inst, "mul_add_self", {i32(a), i32(0), i32(0)}) == uint32_t(a * a + a));
  }
  for (uint32_t n : {0u, 1u, 2u, 100u, 70000u}) {
    for (uint32_t k : {0u, 3u, 0x10001u, 0xFFFFFFFFu}) {
      uint32_t s = 0;
      for (uint32_t i = 0; i < n; ++i) s += i * k;
      INFO("dot n=" << n << " k=" << k);
      CHECK(invoke_i32(store, inst, "dot", {i32(n), i32(k)}) == s);
    }
  }
  uint64_t a = 0, b = 1;
  for (uint32_t n = 0; n <= 200; ++n) {
    INFO("fib " << n);
    CHECK(invoke_i64(store, inst, "fib", {i32(n)}) == a);
    CHECK(invoke_i32(store, inst, "fib2", {i32(n)}) == static_cast<uint32_t>(a));
    uint64_t t = a + b;
    a = b;
    b = t;
  }
  CHECK(invoke_i32(store, inst, "copy_br", {i32(0x89ABCDEF), i32(1)}) == 0x89ABCDEFu);
  CHECK(invoke_i32(store, inst, "copy_br", {i32(0x89ABCDEF), i32(0)}) == 7);
}

// ---------------------------------------------------------------------------
// 5. Blocks with params and results, branches that carry values

TEST_CASE("interp register: branches carry values to labels of any height", "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (type $ii_ii (func (param i32 i32) (result i32 i32)))
  (type $i_i (func (param i32) (result i32)))
  (type $i_ii (func (param i32) (result i32 i64)))
  ;; br_if carrying two values out of a block with a value below them; on
  ;; the fall-through path the values stay where they are
  (func (export "br_if_carry") (param $c i32) (param $x i32) (result i32 i32)
    (block (result i32 i32)
      (i32.const 100)
      (local.get $x) (i32.const 7)
      (br_if 0 (local.get $c))
      (i32.add) (i32.sub)
      (i32.const 5)))
  ;; the same with a fused compare as the condition and computed values
  (func (export "br_if_carry_cmp") (param $c i32) (param $x i32) (result i32 i32)
    (block (result i32 i32)
      (i32.const 100)
      (i32.mul (local.get $x) (i32.const 3)) (local.get $c)
      (br_if 0 (i32.lt_u (local.get $c) (i32.const 10)))
      (i32.add) (i32.sub)
      (i32.const 5)))
  ;; the values are already in the label's slots: the branch moves nothing
  (func (export "br_if_in_place") (param $c i32) (param $x i32) (result i32)
    (block (result i32)
      (i32.add (local.get $x) (i32.const 1))
      (br_if 0 (i32.gt_s (local.get $c) (i32.const 0)))
      (i32.const 1000) (i32.add)))
  ;; br_table to labels of different heights, each carrying one value:
  ;; 0 -> $b1, 1 -> $b2, 2 -> $b0, 3 -> the function (returns v),
  ;; default -> $b2 ... with v = 3x
  (func (export "br_table") (param $i i32) (param $x i32) (result i32)
    (i32.const 1)
    (block $b0 (result i32)
      (i32.const 1000)
      (block $b1 (result i32)
        (i32.const 2000) (i32.const 3000)
        (block $b2 (result i32)
          (i32.const 4000)
          (i32.mul (local.get $x) (i32.const 3))
          (br_table $b1 $b2 $b0 3 $b2 (local.get $i)))
        ;; from $b2: [2000, 3000, v] -> -1000 - v
        (i32.add) (i32.sub))
      ;; [1000, w] -> 1000 - w
      (i32.sub))
    ;; [1, u] -> 1 + u
    (i32.add))
  ;; br_table with two values and a constant index; an empty br_table
  (func (export "br_table2") (param $x i32) (result i32 i32)
    (block $a (result i32 i32)
      (i32.const 9)
      (block $b (result i32 i32)
        (local.get $x) (i32.const 0x7FFFFFFF)
        (br_table $a $b (i32.const 0)))
      (i32.add) (i32.add)
      (i32.const 0)))
  (func (export "br_table0") (param $i i32) (result i32)
    (block $a (block $b (block $c (br_table $a $b $c (local.get $i)))
      (return (i32.const 30)))
      (return (i32.const 20)))
    (i32.const 10))
  ;; a loop with params (Fibonacci on the stack): n >= 1 rounds of
  ;; [a, b] -> [b, a+b] from [0, 1]
  (func (export "loop_params") (param $n i32) (result i32 i32) (local $a i32) (local $b i32)
    (i32.const 0) (i32.const 1)
    (loop $l (type $ii_ii)
      (local.set $b) (local.set $a)
      (local.get $b) (i32.add (local.get $a) (local.get $b))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  ;; a loop with a param whose back edge is an unconditional br inside an if
  (func (export "loop_param_br") (param $n i32) (result i32)
    (i32.const 1)
    (loop $l (type $i_i)
      (i32.mul (i32.const 2))
      (if (param i32) (result i32) (local.tee $n (i32.sub (local.get $n) (i32.const 1)))
        (then (br $l))
        (else (i32.add (i32.const 1))))))
  ;; if/else with results and with params
  (func (export "if_results") (param $c i32) (param $x i32) (result i32 i64)
    (if (result i32 i64) (local.get $c)
      (then (local.get $x) (i64.const 0x100000000))
      (else (i32.const 5) (i64.extend_i32_u (local.get $x)))))
  (func (export "if_params") (param $c i32) (param $x i32) (result i32 i64)
    (local.get $x)
    (if (type $i_ii) (i32.ge_s (local.get $c) (i32.const 0))
      (then (i32.add (i32.const 1)) (i64.const -1))
      (else (i32.mul (i32.const 2)) (i64.const 2))))
  ;; br_if to the function's label: a conditional return with values
  (func (export "cond_return") (param $c i32) (param $x i32) (result i32 i32)
    (i32.const 5) (local.get $x)
    (br_if 0 (local.get $c))
    (i32.add) (i32.const 9))
  (func (export "cond_return1") (param $c i32) (param $x i32) (result i32)
    (br_if 0 (i32.mul (local.get $x) (local.get $x)) (i32.gt_s (local.get $c) (i32.const 0)))
    (i32.const 3) (i32.add))
  (func (export "cond_return_const") (param $c i32) (param $x i32) (result i32)
    (br_if 0 (i32.const 42) (local.get $c))
    (drop) (local.get $x))
  ;; a branch to the function's label from a br_table, with a value
  (func (export "table_return") (param $i i32) (result i32)
    (block (result i32)
      (br_table 0 1 (i32.const 77) (local.get $i)))
    (drop) (i32.const 66))
  ;; unreachable code is skipped, nested blocks and ifs in it included
  (func (export "skip") (param $c i32) (result i32)
    (if (result i32) (local.get $c)
      (then
        (return (i32.const 10))
        (block (loop (if (i32.const 1) (then (unreachable)) (else (br 2)))))
        (i32.const 99))
      (else
        (block $b (result i32)
          (br $b (i32.const 20))
          (if (result i32) (i32.const 0) (then (i32.const 1)) (else (i32.const 2)))
          (unreachable)))))
  (func (export "skip2") (param $c i32) (result i32)
    (block $b
      (block
        (br_if $b (local.get $c))
        (br 0)
        (i32.const 1) (br_if 0) (unreachable))
      (return (i32.const 1)))
    (i32.const 2))
)
)");
  for (uint32_t x : {0u, 1u, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu}) {
    INFO("x=" << hex(x));
    CHECK(call_bits(store, inst, "br_if_carry", {i32(1), i32(x)}) == U{x, 7});
    CHECK(call_bits(store, inst, "br_if_carry", {i32(0), i32(x)}) == U{uint32_t(100 - (x + 7)), 5});
    for (uint32_t c : {0u, 9u, 10u, 0xFFFFFFFFu}) {
      INFO("c=" << c);
      if (c < 10)
        CHECK(call_bits(store, inst, "br_if_carry_cmp", {i32(c), i32(x)}) == U{uint32_t(3 * x), c});
      else
        CHECK(call_bits(store, inst, "br_if_carry_cmp", {i32(c), i32(x)}) == U{uint32_t(100 - (3 * x + c)), 5});
      bool pos = static_cast<int32_t>(c) > 0;
      CHECK(invoke_i32(store, inst, "br_if_in_place", {i32(c), i32(x)}) == (pos ? x + 1 : x + 1001));
      CHECK(call_bits(store, inst, "cond_return", {i32(c), i32(x)}) == (c ? U{5, x} : U{uint32_t(5 + x), 9}));
      CHECK(invoke_i32(store, inst, "cond_return1", {i32(c), i32(x)}) == (pos ? x * x : x * x + 3));
      CHECK(invoke_i32(store, inst, "cond_return_const", {i32(c), i32(x)}) == (c ? 42 : x));
      CHECK(call_bits(store, inst, "if_results", {i32(c), i32(x)}) ==
            (c ? U{x, 0x100000000ull} : U{5, uint64_t{x}}));
      bool ge = static_cast<int32_t>(c) >= 0;
      CHECK(call_bits(store, inst, "if_params", {i32(c), i32(x)}) ==
            (ge ? U{uint32_t(x + 1), ~uint64_t{0}} : U{uint32_t(x * 2), 2}));
    }
    // br_table: v = 3x
    uint32_t v = 3 * x;
    uint32_t via_b2 = 1 + (1000 - (uint32_t(0) - 1000 - v));  // $b2's end, then $b1's, then $b0's
    uint32_t via_b1 = 1 + (1000 - v);
    uint32_t via_b0 = 1 + v;
    CHECK(invoke_i32(store, inst, "br_table", {i32(0), i32(x)}) == via_b1);
    CHECK(invoke_i32(store, inst, "br_table", {i32(1), i32(x)}) == via_b2);
    CHECK(invoke_i32(store, inst, "br_table", {i32(2), i32(x)}) == via_b0);
    CHECK(invoke_i32(store, inst, "br_table", {i32(3), i32(x)}) == v);
    CHECK(invoke_i32(store, inst, "br_table", {i32(4), i32(x)}) == via_b2);
    CHECK(invoke_i32(store, inst, "br_table", {i32(0xFFFFFFFF), i32(x)}) == via_b2);
    CHECK(call_bits(store, inst, "br_table2", {i32(x)}) == U{x, 0x7FFFFFFF});
  }
  CHECK(invoke_i32(store, inst, "br_table0", {i32(0)}) == 10);
  CHECK(invoke_i32(store, inst, "br_table0", {i32(1)}) == 20);
  CHECK(invoke_i32(store, inst, "br_table0", {i32(2)}) == 30);
  CHECK(invoke_i32(store, inst, "br_table0", {i32(3)}) == 30);
  CHECK(invoke_i32(store, inst, "table_return", {i32(0)}) == 66);
  CHECK(invoke_i32(store, inst, "table_return", {i32(1)}) == 77);
  CHECK(invoke_i32(store, inst, "table_return", {i32(2)}) == 77);
  uint32_t a = 0, b = 1;
  for (uint32_t n = 1; n <= 60; ++n) {
    uint32_t t = a + b;
    a = b;
    b = t;
    INFO("n=" << n);
    CHECK(call_bits(store, inst, "loop_params", {i32(n)}) == U{a, b});
    // 2^n, plus 1 after the last doubling
    CHECK(invoke_i32(store, inst, "loop_param_br", {i32(n)}) == (n < 32 ? (1u << n) + 1 : 1u));
  }
  CHECK(invoke_i32(store, inst, "skip", {i32(1)}) == 10);
  CHECK(invoke_i32(store, inst, "skip", {i32(0)}) == 20);
  CHECK(invoke_i32(store, inst, "skip2", {i32(1)}) == 2);
  CHECK(invoke_i32(store, inst, "skip2", {i32(0)}) == 1);
}

// ---------------------------------------------------------------------------
// 6. Calls

TEST_CASE("interp register: call arguments, call_indirect, recursion and multi-value returns",
          "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (type $iii_i (func (param i32 i32 i32) (result i32)))
  (type $i_i (func (param i32) (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $f $g $h $k)
  ;; f(x, y, z) = x - 2y + 3z: each argument's position matters
  (func $f (type $iii_i) (i32.add (i32.sub (local.get 0) (i32.shl (local.get 1) (i32.const 1)))
                                   (i32.mul (local.get 2) (i32.const 3))))
  (func $g (type $iii_i) (i32.xor (i32.xor (local.get 0) (i32.rotl (local.get 1) (i32.const 8)))
                                   (i32.rotl (local.get 2) (i32.const 16))))
  (func $h (type $iii_i) (local.get 2))
  (func $k (type $i_i) (i32.add (local.get 0) (i32.const 1)))
  ;; arguments from locals, constants and computations; values of the
  ;; caller below the frame (a local not yet copied, a Temp) survive the call
  (func (export "args") (param $a i32) (param $b i32) (result i32 i32 i32 i32)
    (local $t i32)
    (local.set $t (i32.mul (local.get $a) (i32.const 7)))
    (local.get $a)
    (i32.add (local.get $b) (i32.const 1))
    (call $f (local.get $a) (i32.const 0x7FFFFFFF) (i32.add (local.get $b) (local.get $t)))
    (call $f (i32.const -1) (local.get $b) (local.get $a)))
  ;; mixed types, and the callee's locals written: the caller's are untouched
  (func $mix (param i64 i32 f64 i32) (result i64) (local i64 i64 i32)
    (local.set 4 (i64.const -1)) (local.set 5 (i64.const -1)) (local.set 6 (i32.const -1))
    (i64.add (i64.add (local.get 0) (i64.extend_i32_u (local.get 1)))
             (i64.add (i64.trunc_f64_s (local.get 2)) (i64.shl (i64.extend_i32_s (local.get 3)) (i64.const 32)))))
  (func (export "mix") (param $x i64) (param $y i32) (result i64 i64 i32)
    (local $l i64) (local $m i32)
    (local.set $l (i64.const 5)) (local.set $m (i32.const 6))
    (call $mix (local.get $x) (local.get $y) (f64.const 1.5e9) (i32.const -2))
    (local.get $l) (local.get $m))
  (func (export "indirect_const") (param $a i32) (param $b i32) (param $c i32) (result i32 i32 i32)
    (call_indirect (type $iii_i) (local.get $a) (local.get $b) (local.get $c) (i32.const 0))
    (call_indirect (type $iii_i) (local.get $a) (local.get $b) (local.get $c) (i32.const 1))
    (call_indirect (type $iii_i) (i32.const 1) (i32.const 2) (local.get $c) (i32.const 2)))
  (func (export "indirect") (param $i i32) (param $a i32) (result i32)
    (call_indirect (type $iii_i) (local.get $a) (i32.const 3) (i32.const 5)
                   (i32.and (local.get $i) (i32.const 3))))
  (func (export "indirect_any") (param $i i32) (param $a i32) (result i32)
    (call_indirect (type $iii_i) (local.get $a) (i32.const 3) (i32.const 5) (local.get $i)))
  ;; recursion: sum 0..n, and an endless one
  (func $sum (export "sum") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (local.get $n) (call $sum (i32.sub (local.get $n) (i32.const 1)))))))
  (func $deep (export "deep") (param $n i32) (result i32)
    (i32.add (call $deep (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
  ;; multi-value returns from each kind of value, used by the caller
  (func $three (param $x i32) (result i32 i64 i32)
    (i32.add (local.get $x) (i32.const 1)) (i64.const 0x1122334455667788) (local.get $x))
  (func $swap (param i64 i64) (result i64 i64) (local.get 1) (local.get 0))
  (func (export "multi") (param $x i32) (result i32 i64 i32 i64)
    (call $three (local.get $x))
    (call $swap (i64.const 1) (i64.const -1)) (i64.sub))
  (func (export "multi_in_block") (param $x i32) (result i32 i64)
    (block (result i32 i64 i32) (call $three (local.get $x)))
    (i64.extend_i32_u) (i64.add))
)
)");
  const std::vector<uint32_t> vals = {0u, 1u, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu};
  auto f = [](uint32_t x, uint32_t y, uint32_t z) { return uint32_t(x - 2 * y + 3 * z); };
  auto g = [](uint32_t x, uint32_t y, uint32_t z) {
    return x ^ ((y << 8) | (y >> 24)) ^ ((z << 16) | (z >> 16));
  };
  for (uint32_t a : vals) {
    for (uint32_t b : vals) {
      INFO("a=" << hex(a) << " b=" << hex(b));
      CHECK(call_bits(store, inst, "args", {i32(a), i32(b)}) ==
            U{a, uint32_t(b + 1), f(a, 0x7FFFFFFF, uint32_t(b + a * 7)), f(0xFFFFFFFF, b, a)});
      for (uint32_t c : vals) {
        INFO("c=" << hex(c));
        CHECK(call_bits(store, inst, "indirect_const", {i32(a), i32(b), i32(c)}) == U{f(a, b, c), g(a, b, c), c});
      }
    }
    for (uint32_t i = 0; i < 8; ++i) {
      INFO("i=" << i);
      uint32_t want = (i & 3) == 0 ? f(a, 3, 5) : (i & 3) == 1 ? g(a, 3, 5) : 5;
      if ((i & 3) == 3)
        CHECK(trap_of(store, inst, "indirect", {i32(i), i32(a)}) == "indirect call type mismatch");
      else
        CHECK(invoke_i32(store, inst, "indirect", {i32(i), i32(a)}) == want);
    }
    CHECK(trap_of(store, inst, "indirect_any", {i32(4), i32(a)}) == "undefined element");
    CHECK(trap_of(store, inst, "indirect_any", {i32(0xFFFFFFFF), i32(a)}) == "undefined element");
    CHECK(call_bits(store, inst, "multi", {i32(a)}) ==
          U{uint32_t(a + 1), 0x1122334455667788ull, a, ~uint64_t{0} - 1});
    CHECK(call_bits(store, inst, "multi_in_block", {i32(a)}) == U{uint32_t(a + 1), 0x1122334455667788ull + a});
  }
  for (int64_t x : {int64_t{0}, int64_t{-1}, int64_t{0x7FFFFFFFFFFFFFFF}}) {
    for (uint32_t y : vals) {
      INFO("x=" << x << " y=" << hex(y));
      uint64_t want = uint64_t(x) + y + 1500000000ull + (uint64_t(-2) << 32);
      CHECK(call_bits(store, inst, "mix", {i64(uint64_t(x)), i32(y)}) == U{want, 5, 6});
    }
  }
  CHECK(invoke_i32(store, inst, "sum", {i32(1000)}) == 500500);
  Failure fail = failure_of([&] { invoke(store, inst, "deep", {i32(0)}); });
  CHECK(fail.thrown);
  CHECK(fail.message.find("call stack exhausted") != std::string::npos);
  // the store works after the exhaustion
  CHECK(invoke_i32(store, inst, "sum", {i32(10)}) == 55);
}

// ---------------------------------------------------------------------------
// 7. Traps raised inside register forms

TEST_CASE("interp register: traps in RR, RI and fused forms carry the spec's messages", "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (memory 1)
  ;; constant divisors (_RI), including 0 and -1
  (func (export "i32.div_s_0") (param $a i32) (result i32) (i32.div_s (local.get $a) (i32.const 0)))
  (func (export "i32.div_u_0") (param $a i32) (result i32) (i32.div_u (local.get $a) (i32.const 0)))
  (func (export "i32.rem_s_0") (param $a i32) (result i32) (i32.rem_s (local.get $a) (i32.const 0)))
  (func (export "i32.rem_u_0") (param $a i32) (result i32) (i32.rem_u (local.get $a) (i32.const 0)))
  (func (export "i64.div_s_0") (param $a i64) (result i64) (i64.div_s (local.get $a) (i64.const 0)))
  (func (export "i64.div_u_0") (param $a i64) (result i64) (i64.div_u (local.get $a) (i64.const 0)))
  (func (export "i64.rem_s_0") (param $a i64) (result i64) (i64.rem_s (local.get $a) (i64.const 0)))
  (func (export "i64.rem_u_0") (param $a i64) (result i64) (i64.rem_u (local.get $a) (i64.const 0)))
  (func (export "i32.div_s_m1") (param $a i32) (result i32) (i32.div_s (local.get $a) (i32.const -1)))
  (func (export "i32.rem_s_m1") (param $a i32) (result i32) (i32.rem_s (local.get $a) (i32.const -1)))
  (func (export "i32.div_u_m1") (param $a i32) (result i32) (i32.div_u (local.get $a) (i32.const -1)))
  (func (export "i64.div_s_m1") (param $a i64) (result i64) (i64.div_s (local.get $a) (i64.const -1)))
  (func (export "i64.rem_s_m1") (param $a i64) (result i64) (i64.rem_s (local.get $a) (i64.const -1)))
  ;; register operands (_RR), a constant dividend (not swappable), and the
  ;; result redirected into a local
  (func (export "i32.div_s") (param $a i32) (param $b i32) (result i32) (i32.div_s (local.get $a) (local.get $b)))
  (func (export "i32.rem_u") (param $a i32) (param $b i32) (result i32) (i32.rem_u (local.get $a) (local.get $b)))
  (func (export "i64.div_s") (param $a i64) (param $b i64) (result i64) (i64.div_s (local.get $a) (local.get $b)))
  (func (export "i64.rem_s") (param $a i64) (param $b i64) (result i64) (i64.rem_s (local.get $a) (local.get $b)))
  (func (export "min_div") (param $b i32) (result i32) (i32.div_s (i32.const 0x80000000) (local.get $b)))
  (func (export "div_set") (param $a i32) (param $b i32) (result i32)
    (local.set $a (i32.div_u (local.get $a) (local.get $b))) (local.get $a))
  ;; conversions
  (func (export "i32.trunc_f32_s") (param $f f32) (result i32) (i32.trunc_f32_s (local.get $f)))
  (func (export "i32.trunc_f64_u") (param $f f64) (result i32) (i32.trunc_f64_u (local.get $f)))
  (func (export "i64.trunc_f64_s") (param $f f64) (result i64) (i64.trunc_f64_s (local.get $f)))
  (func (export "trunc_nan_const") (result i32) (i32.trunc_f64_u (f64.const nan)))
  (func (export "trunc_set") (param $f f32) (result i64) (local $r i64)
    (local.set $r (i64.trunc_f32_u (f32.add (local.get $f) (f32.const 0)))) (local.get $r))
  ;; unreachable in a fused branch's arm, and as an if's condition path
  (func (export "unreachable_if") (param $a i32) (result i32)
    (if (i32.lt_s (local.get $a) (i32.const 0)) (then (unreachable)))
    (local.get $a))
  (func (export "unreachable_br") (param $a i32) (result i32)
    (block (br_if 0 (i32.ne (local.get $a) (i32.const 7))) (unreachable))
    (i32.const 1))
  ;; a trap in the middle of a loop with a redirected accumulator
  (func (export "div_loop") (param $n i32) (result i32) (local $s i32)
    (local.set $s (i32.const 1000))
    (loop $l
      (local.set $s (i32.div_s (local.get $s) (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
)
)");
  const std::string div0 = "integer divide by zero", ovf = "integer overflow", inv = "invalid conversion to integer";
  for (uint32_t a : {0u, 1u, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu}) {
    INFO("a=" << hex(a));
    for (const char* op : {"div_s", "div_u", "rem_s", "rem_u"}) {
      CHECK(trap_of(store, inst, std::string("i32.") + op + "_0", {i32(a)}) == div0);
      CHECK(trap_of(store, inst, std::string("i64.") + op + "_0", {i64(a)}) == div0);
    }
    CHECK(trap_of(store, inst, "i32.div_s", {i32(a), i32(0)}) == div0);
    CHECK(trap_of(store, inst, "i32.rem_u", {i32(a), i32(0)}) == div0);
    CHECK(trap_of(store, inst, "div_set", {i32(a), i32(0)}) == div0);
    if (a == 0x80000000u) {
      CHECK(trap_of(store, inst, "i32.div_s_m1", {i32(a)}) == ovf);
      CHECK(trap_of(store, inst, "i32.div_s", {i32(a), i32(0xFFFFFFFF)}) == ovf);
    } else {
      CHECK(invoke_i32(store, inst, "i32.div_s_m1", {i32(a)}) == uint32_t(-static_cast<int32_t>(a)));
    }
    CHECK(invoke_i32(store, inst, "i32.rem_s_m1", {i32(a)}) == 0);  // INT_MIN % -1 is 0, no trap
    CHECK(invoke_i32(store, inst, "i32.div_u_m1", {i32(a)}) == (a == 0xFFFFFFFFu ? 1u : 0u));
    CHECK(invoke_i32(store, inst, "div_set", {i32(a), i32(3)}) == a / 3);
  }
  const uint64_t min64 = 0x8000000000000000ull;
  CHECK(trap_of(store, inst, "i64.div_s_m1", {i64(min64)}) == ovf);
  CHECK(trap_of(store, inst, "i64.div_s", {i64(min64), i64(~uint64_t{0})}) == ovf);
  CHECK(trap_of(store, inst, "i64.div_s", {i64(5), i64(0)}) == div0);
  CHECK(invoke_i64(store, inst, "i64.rem_s_m1", {i64(min64)}) == 0);
  CHECK(invoke_i64(store, inst, "i64.rem_s", {i64(min64), i64(~uint64_t{0})}) == 0);
  CHECK(invoke_i64(store, inst, "i64.div_s_m1", {i64(5)}) == uint64_t(-5));
  CHECK(trap_of(store, inst, "min_div", {i32(0xFFFFFFFF)}) == ovf);
  CHECK(trap_of(store, inst, "min_div", {i32(0)}) == div0);
  CHECK(invoke_i32(store, inst, "min_div", {i32(2)}) == 0xC0000000u);

  const float fnan = std::numeric_limits<float>::quiet_NaN();
  const double dnan = std::numeric_limits<double>::quiet_NaN();
  CHECK(trap_of(store, inst, "i32.trunc_f32_s", {f32(fnan)}) == inv);
  CHECK(trap_of(store, inst, "i32.trunc_f32_s", {f32(-fnan)}) == inv);
  CHECK(trap_of(store, inst, "i32.trunc_f32_s", {f32(2147483648.0f)}) == ovf);
  CHECK(invoke_i32(store, inst, "i32.trunc_f32_s", {f32(-2147483648.0f)}) == 0x80000000u);
  CHECK(trap_of(store, inst, "i32.trunc_f64_u", {f64(dnan)}) == inv);
  CHECK(trap_of(store, inst, "i32.trunc_f64_u", {f64(-1.0)}) == ovf);
  CHECK(trap_of(store, inst, "i32.trunc_f64_u", {f64(4294967296.0)}) == ovf);
  CHECK(invoke_i32(store, inst, "i32.trunc_f64_u", {f64(-0.99)}) == 0);
  CHECK(invoke_i32(store, inst, "i32.trunc_f64_u", {f64(4294967295.9)}) == 0xFFFFFFFFu);
  CHECK(trap_of(store, inst, "i64.trunc_f64_s", {f64(dnan)}) == inv);
  CHECK(trap_of(store, inst, "i64.trunc_f64_s", {f64(9223372036854775808.0)}) == ovf);
  CHECK(trap_of(store, inst, "trunc_nan_const") == inv);
  CHECK(trap_of(store, inst, "trunc_set", {f32(fnan)}) == inv);
  CHECK(trap_of(store, inst, "trunc_set", {f32(-1.0f)}) == ovf);
  CHECK(invoke_i64(store, inst, "trunc_set", {f32(16777216.0f)}) == 16777216u);

  CHECK(trap_of(store, inst, "unreachable_if", {i32(0xFFFFFFFF)}) == "unreachable");
  CHECK(trap_of(store, inst, "unreachable_if", {i32(0x80000000)}) == "unreachable");
  CHECK(invoke_i32(store, inst, "unreachable_if", {i32(0x7FFFFFFF)}) == 0x7FFFFFFFu);
  CHECK(trap_of(store, inst, "unreachable_br", {i32(7)}) == "unreachable");
  CHECK(invoke_i32(store, inst, "unreachable_br", {i32(8)}) == 1);
  // 1000 / 3 / 2 / 1 = 166; from n = 3 the loop ends before n = 0
  CHECK(invoke_i32(store, inst, "div_loop", {i32(3)}) == 166);
  CHECK(trap_of(store, inst, "div_loop", {i32(0)}) == div0);
}

// ---------------------------------------------------------------------------
// 8. select and globals

TEST_CASE("interp register: select with constant and local operands, v128 select, globals", "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (global $g (export "g") (mut i32) (i32.const 11))
  (global $h (export "h") (mut i64) (i64.const 0x7FFFFFFFFFFFFFFF))
  (global $k i32 (i32.const 99))
  (global $v (export "v") (mut v128) (v128.const i32x4 1 2 3 4))
  (global $vk v128 (v128.const i32x4 10 20 30 40))
  ;; operands: locals, constants, computed; the condition a local, a
  ;; constant or a comparison
  (func (export "sel_lc") (param $a i32) (param $c i32) (result i32)
    (select (local.get $a) (i32.const 7) (local.get $c)))
  (func (export "sel_cl") (param $a i32) (param $c i32) (result i32)
    (select (i32.const 0x80000000) (local.get $a) (local.get $c)))
  (func (export "sel_cc") (param $a i32) (param $c i32) (result i32)
    (select (i32.const 1) (i32.const 2) (local.get $c)))
  (func (export "sel_const_cond") (param $a i32) (param $c i32) (result i32 i32)
    (select (local.get $a) (local.get $c) (i32.const 1))
    (select (local.get $a) (local.get $c) (i32.const 0)))
  (func (export "sel_cmp") (param $a i32) (param $c i32) (result i32)
    (select (i32.add (local.get $a) (i32.const 1)) (i32.sub (local.get $c) (i32.const 1))
            (i32.lt_u (local.get $a) (local.get $c))))
  (func (export "sel_i64") (param $a i64) (param $c i32) (result i64)
    (select (result i64) (i64.const 0x123456789ABCDEF0) (local.get $a) (local.get $c)))
  (func (export "sel_f64") (param $a f64) (param $c i32) (result f64)
    (select (local.get $a) (f64.const -0.0) (local.get $c)))
  ;; the selected value redirected into one of its operands' local, with
  ;; the old value of that local still on the stack
  (func (export "sel_set") (param $a i32) (param $b i32) (param $c i32) (result i32 i32)
    (local.get $a)
    (local.set $a (select (local.get $b) (local.get $a) (local.get $c)))
    (local.get $a))
  ;; v128 select (stack style) from locals and a constant
  (func (export "sel_v128") (param $x v128) (param $y v128) (param $c i32) (result v128 v128)
    (select (local.get $x) (local.get $y) (local.get $c))
    (select (v128.const i32x4 7 7 7 7) (local.get $x) (local.get $c)))
  ;; global.get redirected into a local, then the global changes
  (func (export "global_to_local") (param $x i32) (result i32 i32 i32)
    (local $t i32)
    (local.set $t (global.get $g))
    (global.set $g (local.get $x))
    (local.get $t)
    (global.get $g)
    (global.get $k))
  ;; the old value of a global stays on the stack across global.set
  (func (export "global_swap") (param $x i64) (result i64 i64)
    (global.get $h)
    (global.set $h (i64.add (global.get $h) (local.get $x)))
    (global.get $h))
  ;; a global.get in a compare-and-branch and as a load's folded address
  (func (export "global_cmp") (param $x i32) (result i32)
    (block (br_if 0 (i32.gt_u (global.get $g) (local.get $x))) (return (i32.const 0)))
    (i32.const 1))
  ;; v128 globals: get, set from a computation with a local, read back
  (func (export "v128_global") (param $x v128) (result v128 v128)
    (global.get $v)
    (global.set $v (i32x4.add (local.get $x) (global.get $vk)))
    (global.get $v))
)
)");
  const std::vector<uint32_t> vals = {0u, 1u, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu};
  for (uint32_t a : vals) {
    for (uint32_t c : vals) {
      INFO("a=" << hex(a) << " c=" << hex(c));
      CHECK(invoke_i32(store, inst, "sel_lc", {i32(a), i32(c)}) == (c ? a : 7u));
      CHECK(invoke_i32(store, inst, "sel_cl", {i32(a), i32(c)}) == (c ? 0x80000000u : a));
      CHECK(invoke_i32(store, inst, "sel_cc", {i32(a), i32(c)}) == (c ? 1u : 2u));
      CHECK(call_bits(store, inst, "sel_const_cond", {i32(a), i32(c)}) == U{a, c});
      CHECK(invoke_i32(store, inst, "sel_cmp", {i32(a), i32(c)}) == (a < c ? a + 1 : c - 1));
      uint64_t a64 = uint64_t{a} << 31 | c;
      CHECK(invoke_i64(store, inst, "sel_i64", {i64(a64), i32(c)}) == (c ? 0x123456789ABCDEF0ull : a64));
      double d = static_cast<double>(static_cast<int32_t>(a)) / 3;
      CHECK(call_bits(store, inst, "sel_f64", {f64(d), i32(c)}) ==
            U{c ? std::bit_cast<uint64_t>(d) : 0x8000000000000000ull});
      for (uint32_t b : vals) {
        INFO("b=" << hex(b));
        CHECK(call_bits(store, inst, "sel_set", {i32(a), i32(b), i32(c)}) == U{a, c ? b : a});
      }
      CHECK(invoke_i32(store, inst, "global_cmp", {i32(c)}) == (inst->global("g")->get().i32 > c ? 1u : 0u));
    }
    auto r = invoke(store, inst, "sel_v128", {v_i32x4(1, 2, 3, a), v_i32x4(5, 6, 7, 8), i32(a)});
    REQUIRE(r.size() == 2);
    CHECK(lanes(r[0]) == (a ? L4{1, 2, 3, a} : L4{5, 6, 7, 8}));
    CHECK(lanes(r[1]) == (a ? L4{7, 7, 7, 7} : L4{1, 2, 3, a}));
  }
  inst->global("g")->set(i32(11));
  CHECK(call_bits(store, inst, "global_to_local", {i32(5)}) == U{11, 5, 99});
  CHECK(call_bits(store, inst, "global_to_local", {i32(0xFFFFFFFF)}) == U{5, 0xFFFFFFFF, 99});
  CHECK(inst->global("g")->get().i32 == 0xFFFFFFFFu);
  CHECK(invoke_i32(store, inst, "global_cmp", {i32(0xFFFFFFFE)}) == 1);
  CHECK(invoke_i32(store, inst, "global_cmp", {i32(0xFFFFFFFF)}) == 0);
  CHECK(call_bits(store, inst, "global_swap", {i64(1)}) == U{0x7FFFFFFFFFFFFFFFull, 0x8000000000000000ull});
  CHECK(call_bits(store, inst, "global_swap", {i64(~uint64_t{0})}) == U{0x8000000000000000ull, 0x7FFFFFFFFFFFFFFFull});
  CHECK(inst->global("h")->get().i64 == 0x7FFFFFFFFFFFFFFFull);

  auto r = invoke(store, inst, "v128_global", {v_i32x4(1, 1, 1, 0xFFFFFFFF)});
  REQUIRE(r.size() == 2);
  CHECK(lanes(r[0]) == L4{1, 2, 3, 4});
  CHECK(lanes(r[1]) == L4{11, 21, 31, 39});
  CHECK(lanes(inst->global("v")->get()) == L4{11, 21, 31, 39});
  r = invoke(store, inst, "v128_global", {v_i32x4(0, 0, 0, 0)});
  REQUIRE(r.size() == 2);
  CHECK(lanes(r[0]) == L4{11, 21, 31, 39});
  CHECK(lanes(r[1]) == L4{10, 20, 30, 40});
}

// ---------------------------------------------------------------------------
// More corners of the same forms

TEST_CASE("interp register: fused compares as loop back edges (negative offsets)", "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  ;; counts i from 0 while i <s limit, the limit a 64-bit constant above
  ;; 2^32 (BrIfI64LtS_RI backwards, its offset in the third word)
  (func (export "i64_ri") (param $start i64) (result i64) (local $n i64)
    (loop $l
      (local.set $start (i64.add (local.get $start) (i64.const 1)))
      (local.set $n (i64.add (local.get $n) (i64.const 1)))
      (br_if $l (i64.lt_s (local.get $start) (i64.const 0x100000005))))
    (local.get $n))
  ;; the constant on the left (swapped): while 0xFFFFFFFF00000000 >u i
  (func (export "i64_ir") (param $start i64) (result i64) (local $n i64)
    (loop $l
      (local.set $start (i64.add (local.get $start) (i64.const 0x40000000)))
      (local.set $n (i64.add (local.get $n) (i64.const 1)))
      (br_if $l (i64.gt_u (i64.const 0xFFFFFFFF00000000) (local.get $start))))
    (local.get $n))
  (func (export "i64_rr") (param $i i64) (param $end i64) (result i64) (local $n i64)
    (loop $l
      (local.set $n (i64.add (local.get $n) (i64.const 1)))
      (br_if $l (i64.ne (local.tee $i (i64.add (local.get $i) (i64.const 1))) (local.get $end))))
    (local.get $n))
  ;; i32: a tee'd counter compared with a local and with a constant
  (func (export "i32_rr") (param $i i32) (param $end i32) (result i32) (local $n i32)
    (loop $l
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $end))))
    (local.get $n))
  (func (export "i32_ri") (param $i i32) (result i32) (local $n i32)
    (loop $l
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $l (i32.le_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const -2147483640))))
    (local.get $n))
  ;; eqz as a back edge (BrIfNot backwards), and an if inside the loop
  (func (export "eqz_loop") (param $x i32) (result i32) (local $n i32)
    (loop $l
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (if (i32.eq (i32.and (local.get $x) (i32.const 1)) (i32.const 1))
        (then (local.set $n (i32.add (local.get $n) (i32.const 100)))))
      (local.set $x (i32.shr_u (local.get $x) (i32.const 1)))
      (br_if $l (i32.eqz (i32.eqz (local.get $x)))))
    (local.get $n))
)
)");
  CHECK(invoke_i64(store, inst, "i64_ri", {i64(0x100000000ull)}) == 5);
  CHECK(invoke_i64(store, inst, "i64_ri", {i64(0x100000010ull)}) == 1);
  CHECK(invoke_i64(store, inst, "i64_ri", {i64(0x100000003ull)}) == 2);
  CHECK(invoke_i64(store, inst, "i64_ri", {i64(0x100000004ull)}) == 1);
  CHECK(invoke_i64(store, inst, "i64_ri", {i64(0xFFFFFFFFull)}) == 6);
  CHECK(invoke_i64(store, inst, "i64_ri", {i64(0x100000005ull)}) == 1);
  // from 0xFFFFFFFE00000000 by 2^30: 4 steps reach 0xFFFFFFFF00000000
  CHECK(invoke_i64(store, inst, "i64_ir", {i64(0xFFFFFFFE00000000ull)}) == 4);
  CHECK(invoke_i64(store, inst, "i64_ir", {i64(0xFFFFFFFF00000000ull)}) == 1);
  CHECK(invoke_i64(store, inst, "i64_rr", {i64(0xFFFFFFFFFFFFFFF0ull), i64(5)}) == 21);
  CHECK(invoke_i64(store, inst, "i64_rr", {i64(0x7FFFFFFFFFFFFFFFull), i64(0x8000000000000003ull)}) == 4);
  CHECK(invoke_i32(store, inst, "i32_rr", {i32(0xFFFFFFF0), i32(0xFFFFFFFF)}) == 15);
  CHECK(invoke_i32(store, inst, "i32_rr", {i32(5), i32(0)}) == 1);
  CHECK(invoke_i32(store, inst, "i32_ri", {i32(0x80000000)}) == 9);
  CHECK(invoke_i32(store, inst, "i32_ri", {i32(0x7FFFFFFF)}) == 10);  // wraps to INT_MIN first
  for (uint32_t x : {0u, 1u, 0x80000000u, 0xFFFFFFFFu, 0x12345678u}) {
    uint32_t want = 0, v = x;
    do {
      want += 1;
      if (v & 1) want += 100;
      v >>= 1;
    } while (v != 0);
    INFO("x=" << hex(x));
    CHECK(invoke_i32(store, inst, "eqz_loop", {i32(x)}) == want);
  }
}

TEST_CASE("interp register: loads redirected into their own address local; folds stop at a changed local",
          "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (memory (export "mem") 1)
  ;; a linked list: node at p holds [value, next]; walks with the address
  ;; local overwritten by the load that reads through it (plain, _A, _RR)
  (func (export "walk") (param $p i32) (result i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $p)))
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
        (local.set $p (i32.load offset=4 (local.get $p)))
        (br $l)))
    (local.get $s))
  (func (export "walk_a") (param $p i32) (result i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $p)))
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
        (local.set $p (i32.load (i32.add (local.get $p) (i32.const 4))))
        (br $l)))
    (local.get $s))
  (func (export "walk_rr") (param $p i32) (param $four i32) (result i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $p)))
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
        (local.set $p (i32.load (i32.add (local.get $p) (local.get $four))))
        (br $l)))
    (local.get $s))
  ;; a load through a load, with a folded add on the loaded address
  (func (export "double_load") (param $p i32) (result i32)
    (i32.load (i32.add (i32.load (local.get $p)) (i32.const 4))))
  ;; the address is computed before $p changes in the value (a tee): the
  ;; store must use the old $p
  (func (export "store_tee") (param $p i32) (param $v i32)
    (i32.store (i32.add (local.get $p) (i32.const 4)) (local.tee $p (local.get $v))))
  (func (export "store_tee_new") (param $p i32)
    (i32.store (local.tee $p (i32.add (local.get $p) (i32.const 4))) (local.get $p)))
  (func (export "store_set_between") (param $p i32) (param $v i32)
    (i32.add (local.get $p) (i32.const 8))
    (local.set $p (i32.const 0x10000))
    (local.get $v)
    (i32.store))
  ;; the same for a mul+add: $a changes between the mul and the add
  (func (export "mul_tee_add") (param $a i32) (param $b i32) (result i32)
    (i32.add (i32.mul (local.get $a) (local.get $b)) (local.tee $a (i32.const 1000))))
  ;; and for a compare: $a changes between the compare and the branch
  (func (export "cmp_tee_br") (param $a i32) (result i32)
    (block (result i32)
      (i32.lt_s (local.get $a) (i32.const 10))
      (local.set $a (i32.const 50))
      (if (then (return (i32.add (local.get $a) (i32.const 1)))))
      (local.get $a)))
)
)");
  Memory* mem = inst->memory("mem");
  uint8_t* bytes = mem->bytes().data();
  auto put = [&](uint32_t at, uint32_t v) { std::memcpy(bytes + at, &v, 4); };
  auto get = [&](uint32_t at) {
    uint32_t v;
    std::memcpy(&v, bytes + at, 4);
    return v;
  };
  // list 100 -> 200 -> 65528 -> end, values 1, 20, 300
  put(100, 1);
  put(104, 200);
  put(200, 20);
  put(204, 65528);
  put(65528, 300);
  put(65532, 0);
  CHECK(invoke_i32(store, inst, "walk", {i32(100)}) == 321);
  CHECK(invoke_i32(store, inst, "walk_a", {i32(100)}) == 321);
  CHECK(invoke_i32(store, inst, "walk_rr", {i32(100), i32(4)}) == 321);
  CHECK(invoke_i32(store, inst, "walk", {i32(0)}) == 0);
  put(65532, 65533);  // the last node points at a node that does not fit
  CHECK(trap_of(store, inst, "walk", {i32(100)}) == "out of bounds memory access");
  CHECK(trap_of(store, inst, "walk_a", {i32(100)}) == "out of bounds memory access");
  CHECK(trap_of(store, inst, "walk_rr", {i32(100), i32(4)}) == "out of bounds memory access");
  put(300, 1000);
  put(1004, 0xCAFEBABE);
  CHECK(invoke_i32(store, inst, "double_load", {i32(300)}) == 0xCAFEBABEu);

  // the new $p + 4 is out of bounds: a store there would trap
  CHECK(trap_of(store, inst, "store_tee", {i32(400), i32(0xFFFF)}) == "");
  CHECK(get(404) == 0xFFFFu);
  invoke(store, inst, "store_tee_new", {i32(500)});
  CHECK(get(504) == 504u);
  invoke(store, inst, "store_set_between", {i32(600), i32(0x12345678)});
  CHECK(get(608) == 0x12345678u);
  for (uint32_t a : {0u, 3u, 0xFFFFFFFFu}) {
    for (uint32_t b : {0u, 7u, 0x80000000u}) {
      INFO("a=" << hex(a) << " b=" << hex(b));
      CHECK(invoke_i32(store, inst, "mul_tee_add", {i32(a), i32(b)}) == uint32_t(a * b + 1000));
    }
  }
  CHECK(invoke_i32(store, inst, "cmp_tee_br", {i32(5)}) == 51);
  CHECK(invoke_i32(store, inst, "cmp_tee_br", {i32(10)}) == 50);
  CHECK(invoke_i32(store, inst, "cmp_tee_br", {i32(0x80000000)}) == 51);
}

namespace {

// 20 i32 values through a call, a br_if, a br_table and a loop's params:
// more than the 16 that may stay un-materialized.
std::string wide_module() {
  auto repeat = [](const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  std::string t20 = "(param" + repeat(" i32", 20) + ") (result" + repeat(" i32", 20) + ")";
  std::string w = "(module\n(type $t20 (func " + t20 + "))\n";
  // weighted sum: sum of (i+1) * p_i
  w += "(func $sum20 (param" + repeat(" i32", 20) + ") (result i32)\n  (i32.const 0)";
  for (int i = 0; i < 20; ++i)
    w += " (i32.add (i32.mul (local.get " + std::to_string(i) + ") (i32.const " + std::to_string(i + 1) + ")))";
  w += ")\n";
  // args: the 20 locals, the same local, and constants, one local changed midway
  w += "(func (export \"call20\") (param $x i32) (param $y i32) (result i32)\n  ";
  for (int i = 0; i < 20; ++i) {
    if (i == 10) w += "(local.set $x (i32.add (local.get $x) (i32.const 1000))) ";
    w += i % 3 == 0 ? "(local.get $x) " : i % 3 == 1 ? "(local.get $y) " : "(i32.const " + std::to_string(i) + ") ";
  }
  w += "(call $sum20))\n";
  // br_if with 20 values and one below them; the fall-through sums them
  w += "(func (export \"br_if20\") (param $c i32) (param $x i32) (result i32) (local $r i32)\n";
  w += "  (block $b (result" + repeat(" i32", 20) + ")\n    (i32.const 7777)\n    ";
  for (int i = 0; i < 20; ++i)
    w += i % 2 ? "(i32.add (local.get $x) (i32.const " + std::to_string(i) + ")) " : "(local.get $x) ";
  w += "\n    (br_if $b (local.get $c))\n    " + repeat("(i32.add) ", 19) + "(local.set $r) (drop)\n    ";
  for (int i = 0; i < 20; ++i) w += "(local.get $r) ";
  w += ")\n  (call $sum20))\n";
  // br_table with 20 values to blocks of different heights
  w += "(func (export \"br_table20\") (param $i i32) (param $x i32) (result i32)\n";
  w += "  (block $a (result" + repeat(" i32", 20) + ")\n    (i32.const 1) (i32.const 2)\n";
  w += "    (block $b (result" + repeat(" i32", 20) + ")\n      (i32.const 3)\n      ";
  for (int i = 0; i < 20; ++i) w += "(i32.xor (local.get $x) (i32.const " + std::to_string(i << 8) + ")) ";
  w += "\n      (br_table $a $b $a (local.get $i)))\n    ";
  w += "(call $sum20) (i32.add) (i32.add) (return))\n  (call $sum20))\n";
  // a loop whose 20 params are rotated by one each round, n rounds
  w += "(func (export \"loop20\") (param $n i32) (param $x i32) (result i32) (local $t i32)\n  ";
  for (int i = 0; i < 20; ++i) w += "(i32.add (local.get $x) (i32.const " + std::to_string(i) + ")) ";
  w += "\n  (loop $l (type $t20)\n    (local.set $t)\n    ";  // the last value aside
  w += "(local.get $t)\n    ";  // ... would stay on top; rotate via a block: [v0..v18, v19] -> [v19, v0..v18]
  w += "(drop)\n    (block (param" + repeat(" i32", 19) + ") (result" + repeat(" i32", 19) + "))\n    ";
  w += "(call $rot19 (local.get $t))\n    ";
  w += "(br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))\n  (call $sum20))\n";
  // $rot19: takes v0..v18 and t, returns t, v0..v18
  w += "(func $rot19 (param" + repeat(" i32", 20) + ") (result" + repeat(" i32", 20) + ")\n  (local.get 19) ";
  for (int i = 0; i < 19; ++i) w += "(local.get " + std::to_string(i) + ") ";
  w += ")\n";
  return w + ")";
}

uint32_t sum20(const std::vector<uint32_t>& v) {
  uint32_t s = 0;
  for (size_t i = 0; i < 20; ++i) s += v[i] * uint32_t(i + 1);
  return s;
}

}  // namespace

TEST_CASE("interp register: 20 values through calls, br_if, br_table and loop params", "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, wide_module());
  for (uint32_t x : {0u, 1u, 0x7FFFFFFFu, 0xFFFFFFFFu}) {
    for (uint32_t y : {0u, 5u, 0x80000000u}) {
      INFO("x=" << hex(x) << " y=" << hex(y));
      std::vector<uint32_t> args;
      for (uint32_t i = 0; i < 20; ++i) args.push_back(i % 3 == 0 ? (i < 10 ? x : x + 1000) : i % 3 == 1 ? y : i);
      CHECK(invoke_i32(store, inst, "call20", {i32(x), i32(y)}) == sum20(args));
    }
    std::vector<uint32_t> v;
    for (uint32_t i = 0; i < 20; ++i) v.push_back(i % 2 ? x + i : x);
    uint32_t total = 0;
    for (uint32_t e : v) total += e;
    CHECK(invoke_i32(store, inst, "br_if20", {i32(1), i32(x)}) == sum20(v));
    CHECK(invoke_i32(store, inst, "br_if20", {i32(0), i32(x)}) == sum20(std::vector<uint32_t>(20, total)));
    v.clear();
    for (uint32_t i = 0; i < 20; ++i) v.push_back(x ^ (i << 8));
    CHECK(invoke_i32(store, inst, "br_table20", {i32(0), i32(x)}) == sum20(v));
    CHECK(invoke_i32(store, inst, "br_table20", {i32(2), i32(x)}) == sum20(v));
    CHECK(invoke_i32(store, inst, "br_table20", {i32(7), i32(x)}) == sum20(v));
    CHECK(invoke_i32(store, inst, "br_table20", {i32(1), i32(x)}) == sum20(v) + 3);
    for (uint32_t n : {1u, 2u, 19u, 20u, 45u}) {
      std::vector<uint32_t> r;
      for (uint32_t i = 0; i < 20; ++i) r.push_back(x + i);
      for (uint32_t k = 0; k < n; ++k) std::rotate(r.rbegin(), r.rbegin() + 1, r.rend());
      INFO("n=" << n);
      CHECK(invoke_i32(store, inst, "loop20", {i32(n), i32(x)}) == sum20(r));
    }
  }
}

TEST_CASE("interp register: the zero slot and zeroed locals after dirty frames; memory.grow and loads",
          "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (memory (export "mem") 1 3)
  ;; leaves -1 in every slot of its frame it can
  (func $dirty (param i32) (result i32) (local i32 i32 i32 i32 i32 i32)
    (local.set 1 (i32.const -1)) (local.set 2 (i32.const -1)) (local.set 3 (i32.const -1))
    (local.set 4 (i32.const -1)) (local.set 5 (i32.const -1)) (local.set 6 (i32.const -1))
    (i32.add (i32.add (local.get 0) (local.get 1)) (i32.add (local.get 2) (local.get 3))))
  ;; a constant address (the zero slot is slot 0, then slot 2)
  (func $cload (result i32) (i32.load (i32.const 16)))
  (func $cload2 (param i32) (result i32) (local i32) (i32.load offset=4 (i32.const 12)))
  (func $cstore (param i32) (local i32 i32) (i32.store offset=8 (i32.const 8) (local.get 0)))
  ;; locals set to zero first thing (a compiler's initialization)
  (func $fresh (param i32) (result i32) (local i32 i64 i32)
    (local.set 1 (i32.const 0)) (local.set 2 (i64.const 0))
    (i32.add (i32.add (local.get 1) (i32.wrap_i64 (local.get 2))) (local.get 3)))
  (func (export "after_dirty") (result i32 i32 i32 i32)
    (drop (call $dirty (i32.const -1)))
    (call $cload)
    (drop (call $dirty (i32.const -1)))
    (call $cload2 (i32.const -1))
    (drop (call $dirty (i32.const -1)))
    (call $fresh (i32.const -1))
    (drop (call $dirty (i32.const -1)))
    (call $cstore (i32.const 0x5A5A5A5A))
    (i32.load (i32.const 16)))
  ;; loads above the first page, before and after memory.grow here and in a callee
  (func $grow (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "grow_here") (param i32) (result i32 i32)
    (drop (memory.grow (i32.const 1)))
    (i32.load offset=65536 (i32.const 0))
    (i32.load (i32.add (local.get 0) (i32.const 131068))))
  (func (export "grow_callee") (param $p i32) (result i32 i32)
    (drop (call $grow (i32.const 1)))
    (i32.load8_u (local.get $p))
    (memory.size))
  (func (export "load_at") (param $p i32) (result i32) (i32.load (local.get $p)))
)
)");
  Memory* mem = inst->memory("mem");
  uint32_t v = 0x11223344;
  std::memcpy(mem->bytes().data() + 16, &v, 4);
  CHECK(call_bits(store, inst, "after_dirty") == U{0x11223344, 0x11223344, 0, 0x5A5A5A5A});

  CHECK(trap_of(store, inst, "load_at", {i32(65536)}) == "out of bounds memory access");
  CHECK(call_bits(store, inst, "grow_here", {i32(0)}) == U{0, 0});  // the new page is zeroed
  CHECK(mem->pages() == 2);
  CHECK(invoke_i32(store, inst, "load_at", {i32(131068)}) == 0);
  CHECK(trap_of(store, inst, "load_at", {i32(131069)}) == "out of bounds memory access");
  CHECK(trap_of(store, inst, "load_at", {i32(196604)}) == "out of bounds memory access");
  // the callee's grow makes 196607 valid in the caller right after the call
  CHECK(call_bits(store, inst, "grow_callee", {i32(196607)}) == U{0, 3});
  CHECK(mem->pages() == 3);
  CHECK(invoke_i32(store, inst, "load_at", {i32(196604)}) == 0);
  // the grow fails (3 pages is the maximum): 196608 stays out of bounds
  CHECK(trap_of(store, inst, "grow_callee", {i32(196608)}) == "out of bounds memory access");
}

TEST_CASE("interp register: dropped results still trap; if with params and an unreachable arm", "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module
  (memory 1)
  (func (export "drop_div") (param $a i32) (drop (i32.div_u (local.get $a) (i32.const 0))))
  (func (export "drop_load") (param $a i32) (drop (i32.load (i32.add (local.get $a) (i32.const 65536)))))
  (func (export "drop_trunc") (param $f f64) (drop (i64.trunc_f64_u (local.get $f))))
  (func (export "drop_cmp_trap") (param $a i32) (result i32)
    (drop (i32.lt_s (i32.div_s (local.get $a) (i32.const -1)) (i32.const 0)))
    (i32.const 5))
  ;; if with a param and no else: the param is the result when the
  ;; condition is false; the then arm traps
  (func (export "if_param") (param $c i32) (param $x i32) (result i32)
    (i32.mul (local.get $x) (i32.const 2))
    (if (param i32) (result i32) (i32.ne (local.get $c) (i32.const 0)) (then (unreachable))))
  (func (export "br_if_const") (param $x i32) (result i32 i32)
    (block (result i32) (br_if 0 (local.get $x) (i32.const 0)) (drop) (i32.const 1))
    (block (result i32) (br_if 0 (local.get $x) (i32.const 1)) (drop) (i32.const 1)))
  (func (export "if_const") (param $x i32) (result i32)
    (if (result i32) (i32.const 0) (then (local.get $x)) (else (i32.const 3))))
)
)");
  CHECK(trap_of(store, inst, "drop_div", {i32(5)}) == "integer divide by zero");
  CHECK(trap_of(store, inst, "drop_load", {i32(0)}) == "out of bounds memory access");
  CHECK(trap_of(store, inst, "drop_load", {i32(0xFFFF0000)}) == "");  // wraps to 0
  CHECK(trap_of(store, inst, "drop_trunc", {f64(-1.0)}) == "integer overflow");
  CHECK(trap_of(store, inst, "drop_cmp_trap", {i32(0x80000000)}) == "integer overflow");
  CHECK(invoke_i32(store, inst, "drop_cmp_trap", {i32(7)}) == 5);
  CHECK(invoke_i32(store, inst, "if_param", {i32(0), i32(21)}) == 42);
  CHECK(trap_of(store, inst, "if_param", {i32(1), i32(21)}) == "unreachable");
  CHECK(call_bits(store, inst, "br_if_const", {i32(9)}) == U{1, 9});
  CHECK(invoke_i32(store, inst, "if_const", {i32(9)}) == 3);
}

TEST_CASE("interp register: load-fused forms (post-increment, scaled address, loaded operand, branch on a load)",
          "[interp][register]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
(module (memory (export "mem") 1)
  ;; t = load [p+4]; store [p+4], t - 1; t is still used (I32LoadAddStore)
  (func (export "postinc") (param $p i32) (result i32) (local $t i32)
    (i32.store offset=4 (local.get $p) (i32.add (local.tee $t (i32.load offset=4 (local.get $p))) (i32.const -1)))
    (local.get $t))
  ;; the loaded value replaces the address local: the store goes to the old p
  (func (export "postinc_self") (param $p i32) (result i32)
    (i32.store (local.get $p) (i32.add (local.tee $p (i32.load (local.get $p))) (i32.const 1)))
    (local.get $p))
  (func (export "add3") (param $a i32) (param $b i32) (param $c i32) (result i32)
    (i32.add (i32.add (local.get $a) (local.get $b)) (local.get $c)))
  ;; i32.load at (x << 2) + 0xFFFFFFF0 (wrapping) + 3
  (func (export "scaled") (param $x i32) (result i32)
    (i32.load offset=3 (i32.add (i32.shl (local.get $x) (i32.const 2)) (i32.const 0xFFFFFFF0))))
  ;; a loaded operand on the right and on the left of a non-commutative op
  (func (export "sub_load") (param $a i32) (param $p i32) (result i32)
    (i32.sub (local.get $a) (i32.load8_s (local.get $p))))
  (func (export "load_sub") (param $a i32) (param $p i32) (result i32)
    (i32.sub (i32.load16_u (local.get $p)) (local.get $a)))
  (func (export "i64_sub_load") (param $a i64) (param $p i32) (result i64)
    (i64.sub (local.get $a) (i64.load offset=1 (local.get $p))))
  (func (export "f64_div_load") (param $a f64) (param $p i32) (result f64)
    (f64.div (local.get $a) (f64.load (local.get $p))))
  (func (export "brif_load") (param $p i32) (result i32)
    (block (br_if 0 (i32.load offset=8 (local.get $p))) (return (i32.const 0))) (i32.const 1))
  (func (export "brif_not_load") (param $p i32) (result i32)
    (if (i32.load (local.get $p)) (then (return (i32.const 1)))) (i32.const 0))
)
)");
  uint8_t* bytes = inst->memory("mem")->bytes().data();
  auto put = [&](uint32_t at, uint32_t v) { std::memcpy(bytes + at, &v, 4); };
  auto get = [&](uint32_t at) {
    uint32_t v;
    std::memcpy(&v, bytes + at, 4);
    return v;
  };
  for (uint32_t v : {0u, 1u, 0x80000000u, 0xFFFFFFFFu}) {
    INFO("v=" << hex(v));
    put(104, v);
    CHECK(invoke_i32(store, inst, "postinc", {i32(100)}) == v);
    CHECK(get(104) == uint32_t(v - 1));
    put(200, v);
    CHECK(invoke_i32(store, inst, "postinc_self", {i32(200)}) == v);
    CHECK(get(200) == uint32_t(v + 1));
    CHECK(invoke_i32(store, inst, "brif_load", {i32(92)}) == (get(100) != 0 ? 1u : 0u));
    put(300, v);
    CHECK(invoke_i32(store, inst, "brif_not_load", {i32(300)}) == (v != 0 ? 1u : 0u));
    for (uint32_t b : {0u, 7u, 0xFFFFFFFFu}) {
      CHECK(invoke_i32(store, inst, "add3", {i32(v), i32(b), i32(0x80000001)}) == uint32_t(v + b + 0x80000001u));
    }
  }
  put(65532, 5);
  CHECK(invoke_i32(store, inst, "postinc", {i32(65528)}) == 5);  // the last 4 bytes
  CHECK(get(65532) == 4);
  CHECK(trap_of(store, inst, "postinc", {i32(65529)}) == "out of bounds memory access");
  CHECK(get(65532) == 4);
  CHECK(trap_of(store, inst, "brif_load", {i32(65528)}) == "out of bounds memory access");

  for (uint32_t i = 0; i < 64; ++i) bytes[i] = static_cast<uint8_t>(0xF0 + i * 3);
  CHECK(invoke_i32(store, inst, "scaled", {i32(4)}) == get(3));
  CHECK(invoke_i32(store, inst, "scaled", {i32(0x40000005)}) == get(7));  // (x << 2) wraps to 0x14
  CHECK(trap_of(store, inst, "scaled", {i32(0)}) == "out of bounds memory access");
  CHECK(trap_of(store, inst, "scaled", {i32(16388)}) == "out of bounds memory access");
  for (uint32_t a : {0u, 1u, 0x80000000u, 0xFFFFFFFFu}) {
    for (uint32_t p : {0u, 5u, 30u}) {
      INFO("a=" << hex(a) << " p=" << p);
      int8_t s8 = static_cast<int8_t>(bytes[p]);
      uint16_t u16 = static_cast<uint16_t>(bytes[p] | bytes[p + 1] << 8);
      CHECK(invoke_i32(store, inst, "sub_load", {i32(a), i32(p)}) == uint32_t(a - static_cast<uint32_t>(s8)));
      CHECK(invoke_i32(store, inst, "load_sub", {i32(a), i32(p)}) == uint32_t(u16 - a));
      uint64_t l;
      std::memcpy(&l, bytes + p + 1, 8);
      uint64_t a64 = uint64_t{a} << 16 | 0x8000000000000000ull;
      CHECK(invoke_i64(store, inst, "i64_sub_load", {i64(a64), i32(p)}) == a64 - l);
      double d;
      std::memcpy(&d, bytes + p, 8);
      double x = static_cast<double>(static_cast<int32_t>(a)) + 0.5;
      CHECK(call_bits(store, inst, "f64_div_load", {f64(x), i32(p)}) == U{std::bit_cast<uint64_t>(x / d)});
    }
  }
  CHECK(trap_of(store, inst, "sub_load", {i32(0), i32(65536)}) == "out of bounds memory access");
  CHECK(trap_of(store, inst, "load_sub", {i32(0), i32(65535)}) == "out of bounds memory access");
}

TEST_CASE("interp register: an address add joins a later store only if its operand is unchanged", "[interp][register]") {
  // The store's address p + 8 is computed before the value, which is then
  // written to p (local.tee), computed plainly or by a fused load-and-
  // multiply: the store must use the old p.
  Store store;
  Instance* inst = instantiate_wat(store, R"((module (memory (export "mem") 1)
    (func (export "tee") (param $p i32) (param $x i32) (result i32)
      (i32.store (i32.add (local.get $p) (i32.const 8)) (local.tee $p (i32.mul (local.get $x) (i32.const 3))))
      (i32.load (i32.const 8)))
    (func (export "fused") (param $p i32) (param $x i32) (result i32)
      (i32.store (i32.add (local.get $p) (i32.const 8))
                 (local.tee $p (i32.mul (local.get $x) (i32.load16_s offset=2 (local.get $x)))))
      (i32.load (i32.const 8))))
  )");
  auto mem = inst->memory("mem")->bytes();
  CHECK(invoke_i32(store, inst, "tee", {i32(0), i32(5)}) == 15u);  // the new p is 15: a store at 23 is wrong
  mem[8] = 0;
  mem[6] = 5;  // i16 5 at 6
  CHECK(invoke_i32(store, inst, "fused", {i32(0), i32(4)}) == 20u);  // 4 * 5 at 0 + 8, not at 20 + 8
}
