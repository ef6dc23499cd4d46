// interp/semantics/scalar_semantics.h gives each scalar instruction one row; the
// build already fails when a row is missing, doubled or does not fit its
// signature. Here: the lists derived from it hold what the handlers need,
// and the row's claims (operands swap, a mirrored or negated comparison)
// hold for the functions the handlers compute with.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <limits>
#include <set>
#include <vector>

#include "interp/semantics/scalar_ops.h"
#include "loader/opcode.h"

using namespace wasmrun;
using namespace wasmrun::interp;

namespace {

std::set<Op> listed(int kind) {
  std::set<Op> s;
#define WASMRUN_ADD(name, ...) s.insert(Op::name);
  if (kind == 0) { WASMRUN_BINARY_OPS(WASMRUN_ADD) }
  if (kind == 1) { WASMRUN_UNARY_OPS(WASMRUN_ADD) }
  if (kind == 2) { WASMRUN_LOADS(WASMRUN_ADD) }
  if (kind == 3) { WASMRUN_STORES(WASMRUN_ADD) }
  if (kind == 4) { WASMRUN_BR_CMPS(WASMRUN_ADD) }
#undef WASMRUN_ADD
  return s;
}

uint64_t binary(Op op, uint64_t a, uint64_t b) {
  switch (op) {
#define WASMRUN_CASE(name, ...) \
  case Op::name: return scalar::name(a, b);
    WASMRUN_BINARY_OPS(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: FAIL("not a binary operator"); return 0;
  }
}

// Operand values of each type, as slots: edges, signs, NaN, zeros.
std::vector<uint64_t> samples(char type) {
  switch (type) {
    case 'i': return {0, 1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x12345678};
    case 'I': return {0, 1, 2, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, ~uint64_t{0}, 0xFFFFFFFF};
    case 'f': {
      std::vector<uint64_t> v;
      for (float f : {0.0f, -0.0f, 1.0f, -2.5f, std::numeric_limits<float>::infinity(), 3e38f})
        v.push_back(std::bit_cast<uint32_t>(f));
      v.push_back(0x7FC00000);  // NaN
      return v;
    }
    default: {
      std::vector<uint64_t> v;
      for (double f : {0.0, -0.0, 1.0, -2.5, std::numeric_limits<double>::infinity(), 1e300})
        v.push_back(std::bit_cast<uint64_t>(f));
      v.push_back(0x7FF8000000000000);  // NaN
      return v;
    }
  }
}

bool is_nan(char type, uint64_t v) {
  return type == 'f' ? std::isnan(std::bit_cast<float>(static_cast<uint32_t>(v)))
                     : type == 'F' && std::isnan(std::bit_cast<double>(v));
}

}  // namespace

TEST_CASE("interp op lists: derived from the semantics table, each op once", "[opcodes][interp]") {
  std::set<Op> all;
  for (int k = 0; k < 4; ++k)
    for (Op op : listed(k)) CHECK(all.insert(op).second);  // no op in two lists
  size_t rows = 0;
  for (size_t i = 0; i < kOpCount; ++i) {
    const ScalarSemantics& s = scalar_semantics(static_cast<Op>(i));
    if (s.form == ScalarForm::None) continue;
    ++rows;
    INFO(op_name(static_cast<Op>(i)));
    CHECK(all.count(static_cast<Op>(i)) == 1);
  }
  CHECK(rows == all.size());
  CHECK(all.size() == 160);  // 2.0's scalar numeric instructions, loads, stores and ref.is_null
  CHECK(listed(4).size() == 20);
  for (Op op : listed(4)) CHECK(listed(0).count(op) == 1);
}

TEST_CASE("interp op lists: swapped, mirrored and negated rows hold", "[opcodes][interp]") {
  for (Op op : listed(0)) {
    const ScalarSemantics& s = scalar_semantics(op);
    if (s.trap != ScalarTrap::None) continue;  // division: nothing swaps
    char t = param_letter(op);
    INFO(op_name(op));
    for (uint64_t a : samples(t))
      for (uint64_t b : samples(t)) {
        uint64_t r = binary(op, a, b);
        bool nan_result = is_nan(result_letter(op), r);
        if (s.swap == ScalarSwap::Commutes) CHECK(binary(op, b, a) == r);
        if (s.swap == ScalarSwap::CommutesButNaN && !nan_result) CHECK(binary(op, b, a) == r);
        if (s.swap == ScalarSwap::CommutesButNaN && nan_result) CHECK(is_nan(t, binary(op, b, a)));
        if (s.swap == ScalarSwap::Mirrored) CHECK(binary(s.partner, b, a) == r);
        if (s.has_negation) CHECK(binary(s.negation, a, b) == (r ^ 1));
      }
  }
}

TEST_CASE("interp op lists: readers, writers and memory types follow the signature", "[opcodes][interp]") {
  CHECK(scalar::I32LtS(0xFFFFFFFF, 0) == 1);  // S: -1 < 0
  CHECK(scalar::I32LtU(0xFFFFFFFF, 0) == 0);
  CHECK(scalar::I64GtS(0, ~uint64_t{0}) == 1);
  CHECK(scalar::I32Add(0xFFFFFFFF, 1) == 0);  // wraps, upper bits zero
  CHECK(scalar::F32Add(std::bit_cast<uint32_t>(1.5f), std::bit_cast<uint32_t>(2.0f)) ==
        std::bit_cast<uint32_t>(3.5f));
  CHECK(scalar::holds_I32GeS(scalar::in<Op::I32GeS>(5), scalar::in<Op::I32GeS>(0xFFFFFFFB)));
  static_assert(std::is_same_v<scalar::load_type<Op::I64Load16S>, int16_t>);
  static_assert(std::is_same_v<scalar::load_type<Op::F32Load>, uint32_t>);
  static_assert(std::is_same_v<scalar::store_type<Op::I64Store32>, uint32_t>);
  CHECK(scalar::widen<Op::I32Load8S>(int8_t{-1}) == 0xFFFFFFFF);
  CHECK(scalar::widen<Op::I64Load8S>(int8_t{-1}) == ~uint64_t{0});
  CHECK(scalar::widen<Op::I64Load32U>(0xFFFFFFFFu) == 0xFFFFFFFF);
  CHECK(scalar::out<Op::F32ReinterpretI32>(scalar::in<Op::F32ReinterpretI32>(0x7FC00001)) == 0x7FC00001);
  CHECK(scalar_semantics(Op::I32DivS).trap == ScalarTrap::Div);
  CHECK(scalar_semantics(Op::I32TruncF32S).trap == ScalarTrap::Conversion);
  CHECK(scalar_semantics(Op::I32Load).trap == ScalarTrap::Bounds);
  CHECK(scalar_semantics(Op::I64Mul).constant);
  CHECK_FALSE(scalar_semantics(Op::I64And).constant);
}
