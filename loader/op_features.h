// Opcodes that belong to a feature which can be switched off (features.h).
// The readers consult this table: the binary instruction reader
// (instr_reader.cpp) and the text parser (text/wat_instrs.cpp) reject such
// an opcode while its feature is off, with an error that names the
// feature. One row per opcode: add a feature's rows here, next to its
// others, when its opcodes join opcodes.def.
#pragma once

#include <array>

#include "loader/opcode.h"
#include "wasmrun/features.h"

// X(Op name, Features member)
#define WASMRUN_FEATURE_OPS(X)        \
  X(ReturnCall, tail_call)            \
  X(ReturnCallIndirect, tail_call)    \
  X(CallRef, function_references)     \
  X(ReturnCallRef, function_references) \
  X(RefAsNonNull, function_references) \
  X(I64Add128, wide_arithmetic)       \
  X(I64Sub128, wide_arithmetic)       \
  X(I64MulWideS, wide_arithmetic)     \
  X(I64MulWideU, wide_arithmetic)

namespace wasmrun {

using FeatureFlag = bool Features::*;

namespace op_features_detail {

// Each opcode's flag, or null for the opcodes that are always there.
constexpr std::array<FeatureFlag, kOpCount> flags() {
  std::array<FeatureFlag, kOpCount> t{};
#define WASMRUN_FEATURE_OP_ROW(name, member) t[static_cast<size_t>(Op::name)] = &Features::member;
  WASMRUN_FEATURE_OPS(WASMRUN_FEATURE_OP_ROW)
#undef WASMRUN_FEATURE_OP_ROW
  return t;
}

}  // namespace op_features_detail

inline constexpr std::array<FeatureFlag, kOpCount> kOpFeature = op_features_detail::flags();

// True for opcodes that need a feature: a table load, so the readers test
// it on every instruction and look further only for these few.
inline constexpr std::array<bool, kOpCount> kOpGated = [] {
  std::array<bool, kOpCount> t{};
  for (size_t i = 0; i < kOpCount; ++i) t[i] = kOpFeature[i] != nullptr;
  return t;
}();

// The user-facing name of a flag (WASMRUN_FEATURE_NAMES).
constexpr const char* feature_name(FeatureFlag flag) {
#define WASMRUN_FEATURE_NAME_ROW(member, text) \
  if (flag == &Features::member) return text;
  WASMRUN_FEATURE_NAMES(WASMRUN_FEATURE_NAME_ROW)
#undef WASMRUN_FEATURE_NAME_ROW
  return "?";
}

// The name of the feature `op` needs if it is off in `f`, else null.
inline const char* disabled_feature_of(Op op, const Features& f) {
  FeatureFlag flag = kOpFeature[static_cast<size_t>(op)];
  if (!flag || f.*flag) return nullptr;
  return feature_name(flag);
}

}  // namespace wasmrun
