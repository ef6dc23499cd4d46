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
  X(I32Extend8S, sign_extension)      \
  X(I32Extend16S, sign_extension)     \
  X(I64Extend8S, sign_extension)      \
  X(I64Extend16S, sign_extension)     \
  X(I64Extend32S, sign_extension)     \
  X(I32TruncSatF32S, saturating_float_to_int) \
  X(I32TruncSatF32U, saturating_float_to_int) \
  X(I32TruncSatF64S, saturating_float_to_int) \
  X(I32TruncSatF64U, saturating_float_to_int) \
  X(I64TruncSatF32S, saturating_float_to_int) \
  X(I64TruncSatF32U, saturating_float_to_int) \
  X(I64TruncSatF64S, saturating_float_to_int) \
  X(I64TruncSatF64U, saturating_float_to_int) \
  X(MemoryInit, bulk_memory)          \
  X(DataDrop, bulk_memory)            \
  X(MemoryCopy, bulk_memory)          \
  X(MemoryFill, bulk_memory)          \
  X(TableInit, bulk_memory)           \
  X(ElemDrop, bulk_memory)            \
  X(TableCopy, bulk_memory)           \
  X(SelectT, reference_types)         \
  X(TableGet, reference_types)        \
  X(TableSet, reference_types)        \
  X(TableGrow, reference_types)       \
  X(TableSize, reference_types)       \
  X(TableFill, reference_types)       \
  X(RefNull, reference_types)         \
  X(RefIsNull, reference_types)       \
  X(RefFunc, reference_types)         \
  X(I8x16RelaxedSwizzle, relaxed_simd)           \
  X(I32x4RelaxedTruncF32x4S, relaxed_simd)       \
  X(I32x4RelaxedTruncF32x4U, relaxed_simd)       \
  X(I32x4RelaxedTruncF64x2SZero, relaxed_simd)   \
  X(I32x4RelaxedTruncF64x2UZero, relaxed_simd)   \
  X(F32x4RelaxedMadd, relaxed_simd)              \
  X(F32x4RelaxedNmadd, relaxed_simd)             \
  X(F64x2RelaxedMadd, relaxed_simd)              \
  X(F64x2RelaxedNmadd, relaxed_simd)             \
  X(I8x16RelaxedLaneselect, relaxed_simd)        \
  X(I16x8RelaxedLaneselect, relaxed_simd)        \
  X(I32x4RelaxedLaneselect, relaxed_simd)        \
  X(I64x2RelaxedLaneselect, relaxed_simd)        \
  X(F32x4RelaxedMin, relaxed_simd)               \
  X(F32x4RelaxedMax, relaxed_simd)               \
  X(F64x2RelaxedMin, relaxed_simd)               \
  X(F64x2RelaxedMax, relaxed_simd)               \
  X(I16x8RelaxedQ15mulrS, relaxed_simd)          \
  X(I16x8RelaxedDotI8x16I7x16S, relaxed_simd)    \
  X(I32x4RelaxedDotI8x16I7x16AddS, relaxed_simd) \
  X(ReturnCall, tail_call)            \
  X(ReturnCallIndirect, tail_call)    \
  X(CallRef, function_references)     \
  X(ReturnCallRef, function_references) \
  X(RefAsNonNull, function_references) \
  X(BrOnNull, function_references)     \
  X(BrOnNonNull, function_references)  \
  X(I64Add128, wide_arithmetic)       \
  X(I64Sub128, wide_arithmetic)       \
  X(I64MulWideS, wide_arithmetic)     \
  X(I64MulWideU, wide_arithmetic)     \
  X(Try, exceptions)                  \
  X(Catch, exceptions)                \
  X(Throw, exceptions)                \
  X(Rethrow, exceptions)              \
  X(ThrowRef, exceptions)             \
  X(Delegate, exceptions)             \
  X(CatchAll, exceptions)             \
  X(TryTable, exceptions)             \
  X(StructNew, gc) \
  X(StructNewDefault, gc) \
  X(StructGet, gc) \
  X(StructGetS, gc) \
  X(StructGetU, gc) \
  X(StructSet, gc) \
  X(ArrayNew, gc) \
  X(ArrayNewDefault, gc) \
  X(ArrayNewFixed, gc) \
  X(ArrayNewData, gc) \
  X(ArrayNewElem, gc) \
  X(ArrayGet, gc) \
  X(ArrayGetS, gc) \
  X(ArrayGetU, gc) \
  X(ArraySet, gc) \
  X(ArrayLen, gc) \
  X(ArrayFill, gc) \
  X(ArrayCopy, gc) \
  X(ArrayInitData, gc) \
  X(ArrayInitElem, gc) \
  X(RefTest, gc) \
  X(RefTestNull, gc) \
  X(RefCast, gc) \
  X(RefCastNull, gc) \
  X(BrOnCast, gc) \
  X(BrOnCastFail, gc) \
  X(AnyConvertExtern, gc) \
  X(ExternConvertAny, gc) \
  X(RefI31, gc) \
  X(I31GetS, gc) \
  X(I31GetU, gc) \
  X(RefEq, gc) \
  X(StructNewDesc, custom_descriptors) \
  X(StructNewDefaultDesc, custom_descriptors) \
  X(RefGetDesc, custom_descriptors) \
  X(RefCastDescEq, custom_descriptors) \
  X(RefCastDescEqNull, custom_descriptors) \
  X(BrOnCastDescEq, custom_descriptors) \
  X(BrOnCastDescEqFail, custom_descriptors)

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
