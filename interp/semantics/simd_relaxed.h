// The relaxed SIMD instructions (WebAssembly 3.0; proposals/relaxed-simd/
// Overview.md, spectec-3.0/3.0-numerics.relaxed.spectec), part of
// interp/semantics/simd_ops.h.
//
// Each relaxed instruction may return any of a small list of results on
// some inputs (out-of-range swizzle indices, NaN or out-of-range float to
// int lanes, fused or unfused multiply-add, ...). wasmrun always returns
// the first one, which is what the specification's deterministic profile
// prescribes ($relaxed2 / $relaxed4 pick index 0 when non-determinism is
// off), and which in every case equals the corresponding non-relaxed
// instruction (or composition of instructions). So every function here is
// the same on every host and from call to call. docs/STATUS.md lists the
// choice per instruction.
#pragma once

#include "interp/semantics/simd_float.h"
#include "interp/semantics/simd_int.h"
#include "interp/semantics/simd_lanes.h"
#include "interp/semantics/simd_types.h"

namespace wasmrun::simd {

// Indices 16..255 give 0, as for i8x16.swizzle.
inline V I8x16RelaxedSwizzle(V a, V s) { return I8x16Swizzle(a, s); }

// NaN lanes give 0 and out-of-range lanes saturate, as for trunc_sat.
inline V I32x4RelaxedTruncF32x4S(V a) { return I32x4TruncSatF32x4S(a); }
inline V I32x4RelaxedTruncF32x4U(V a) { return I32x4TruncSatF32x4U(a); }
inline V I32x4RelaxedTruncF64x2SZero(V a) { return I32x4TruncSatF64x2SZero(a); }
inline V I32x4RelaxedTruncF64x2UZero(V a) { return I32x4TruncSatF64x2UZero(a); }

// Unfused: a * b is rounded, then the sum is rounded (two roundings), as
// for mul followed by add. Separate vector operations, and the build's
// -ffp-contract=off, keep the compiler from fusing them into an FMA.
// nmadd is -(a * b) + c: negating the rounded product is exact, so this
// equals madd(-a, b, c).
inline V F32x4RelaxedMadd(V a, V b, V c) { return F32x4Add(F32x4Mul(a, b), c); }
inline V F32x4RelaxedNmadd(V a, V b, V c) { return F32x4Add(F32x4Neg(F32x4Mul(a, b)), c); }
inline V F64x2RelaxedMadd(V a, V b, V c) { return F64x2Add(F64x2Mul(a, b), c); }
inline V F64x2RelaxedNmadd(V a, V b, V c) { return F64x2Add(F64x2Neg(F64x2Mul(a, b)), c); }

// Bit by bit, as v128.bitselect, whatever the lane width: lanes whose mask
// is all ones or all zeros select a whole lane, the only case the
// instruction defines.
inline V I8x16RelaxedLaneselect(V a, V b, V m) { return V128Bitselect(a, b, m); }
inline V I16x8RelaxedLaneselect(V a, V b, V m) { return V128Bitselect(a, b, m); }
inline V I32x4RelaxedLaneselect(V a, V b, V m) { return V128Bitselect(a, b, m); }
inline V I64x2RelaxedLaneselect(V a, V b, V m) { return V128Bitselect(a, b, m); }

// NaN operands and zeros of opposite sign as for the non-relaxed min/max
// (NaN result; min(-0, +0) = -0, max(-0, +0) = +0).
inline V F32x4RelaxedMin(V a, V b) { return F32x4Min(a, b); }
inline V F32x4RelaxedMax(V a, V b) { return F32x4Max(a, b); }
inline V F64x2RelaxedMin(V a, V b) { return F64x2Min(a, b); }
inline V F64x2RelaxedMax(V a, V b) { return F64x2Max(a, b); }

// -32768 * -32768 saturates to 32767, as for q15mulr_sat_s.
inline V I16x8RelaxedQ15mulrS(V a, V b) { return I16x8Q15mulrSatS(a, b); }

// Both operands' bytes are signed (also the second's, whose top bit the
// instruction leaves open), and each pair's sum saturates to i16: the
// spec's $ivdot_sat_ with the signed choice of $R_idot. A product of two
// i8 fits i16 (at most 128 * 128), so only the sum can overflow, for
// (-128 * -128) * 2.
inline V I16x8RelaxedDotI8x16I7x16S(V a, V b) {
  using namespace detail;
  I8 x = as<I8>(a), y = as<I8>(b);
  I16 even = widen<int16_t>(even_lanes(x)) * widen<int16_t>(even_lanes(y));
  I16 odd = widen<int16_t>(odd_lanes(x)) * widen<int16_t>(odd_lanes(y));
  return add_sat_s<I16>(as<V>(even), as<V>(odd));
}
// The i16x8 dot product above, its adjacent pairs added into i32 lanes,
// plus c (wrapping): the spec's definition through relaxed_dot,
// extadd_pairwise_s and add.
inline V I32x4RelaxedDotI8x16I7x16AddS(V a, V b, V c) {
  return I32x4Add(I32x4ExtaddPairwiseI16x8S(I16x8RelaxedDotI8x16I7x16S(a, b)), c);
}

}  // namespace wasmrun::simd
