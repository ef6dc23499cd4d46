// The semantics of the scalar instructions with two results: the wide
// arithmetic of 128-bit integers held as two i64, low half first. One row
// per instruction, keyed by its Op (loader/opcodes.def), beside
// scalar_semantics.h, whose rows all have one result. As there, the types
// are not repeated: they are the row's signature in opcodes.def ("IIII:II",
// "II:II").
//
// R(X, name, expr): expr computes the num::Pair64 {lo, hi} of the results
// from the operands a, b (and c, d with four), the i64 slots in signature
// order, read as uint64_t (the row's helper in numerics.h decides what
// is signed).
//
// From the table: the internal ops and their stack-style handlers
// (code.h's WASMRUN_WIDE_OPS, handlers_numeric.inc), the compiler's map
// (lower.cpp), and wide::NAME(const uint64_t* operands) below, which every
// user computes with. None is allowed in constant expressions. The checks
// at the end fail the build when a two-result numeric row of opcodes.def
// has no row here, or a row does not fit its signature.
#pragma once

#include <cstdint>
#include <string_view>

#include "interp/semantics/numerics.h"
#include "loader/opcode.h"

// clang-format off
#define WASMRUN_WIDE_SEMANTICS(R, X)                   \
  R(X, I64Add128,   num::add128(a, b, c, d))           \
  R(X, I64Sub128,   num::sub128(a, b, c, d))           \
  R(X, I64MulWideS, num::mul_wide_s(a, b))             \
  R(X, I64MulWideU, num::mul_wide_u(a, b))
// clang-format on

namespace wasmrun::interp::wide {

// The number of operands of a row, from its signature.
constexpr size_t operand_count(Op op) { return op_info(op).sig.find(':'); }

// wide::NAME(s): the row's results from its operands s[0..n).
#define WASMRUN_WIDE_FUNCTION(X, name, expr)                                 \
  [[gnu::always_inline]] inline num::Pair64 name(const uint64_t* s) {        \
    constexpr size_t n = operand_count(Op::name);                            \
    [[maybe_unused]] uint64_t a = s[0], b = s[1], c = n > 2 ? s[2] : 0,      \
                              d = n > 3 ? s[3] : 0;                          \
    return expr;                                                             \
  }
WASMRUN_WIDE_SEMANTICS(WASMRUN_WIDE_FUNCTION, )
#undef WASMRUN_WIDE_FUNCTION

namespace detail {

constexpr bool has_row(Op op) {
#define WASMRUN_WIDE_IS(X, name, expr) if (op == Op::name) return true;
  WASMRUN_WIDE_SEMANTICS(WASMRUN_WIDE_IS, )
#undef WASMRUN_WIDE_IS
  return false;
}

// A fixed numeric signature with two results: such a row must be here.
constexpr bool needs_row(Op op) {
  std::string_view sig = op_info(op).sig;
  size_t colon = sig.find(':');
  if (sig == "*" || colon == std::string_view::npos || sig.size() - colon - 1 < 2) return false;
  for (char c : sig)
    if (c != ':' && c != 'i' && c != 'I' && c != 'f' && c != 'F') return false;
  return true;
}

constexpr bool check_all() {
  for (size_t i = 0; i < kOpCount; ++i) {
    const Op op = static_cast<Op>(i);
    if (needs_row(op) != has_row(op)) throw "a two-result numeric row of opcodes.def and wide_semantics.h differ";
    if (!has_row(op)) continue;
    std::string_view sig = op_info(op).sig;
    if (op_info(op).imm != ImmKind::None) throw "a wide row has no immediates";
    if (sig != "IIII:II" && sig != "II:II") throw "a wide row takes two or four i64 and gives two";
  }
  return true;
}
static_assert(check_all());

}  // namespace detail

}  // namespace wasmrun::interp::wide
