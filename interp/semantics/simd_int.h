// Integer and bitwise v128 operators (part of interp/semantics/simd_ops.h).
//
// Wrapping arithmetic (add, sub, mul, neg) is done on unsigned lane views:
// signed overflow in vector lanes is as undefined as it is for scalars.
// Widening operations (extend, extmul, extadd_pairwise, dot, q15mulr)
// convert half vectors with __builtin_convertvector, narrowing ones clamp
// and convert back, so every operator below is whole-vector code.
#pragma once

#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

#include "interp/semantics/simd_types.h"

namespace wasmrun::simd {
namespace detail {

template <class T>
using unsigned_view_t = full_t<std::make_unsigned_t<lane_t<T>>>;
template <class T>
using signed_view_t = full_t<std::make_signed_t<lane_t<T>>>;

template <class T>
inline V add(V a, V b) {
  using U = unsigned_view_t<T>;
  return as<V>(as<U>(a) + as<U>(b));
}
template <class T>
inline V sub(V a, V b) {
  using U = unsigned_view_t<T>;
  return as<V>(as<U>(a) - as<U>(b));
}
template <class T>
inline V mul(V a, V b) {
  using U = unsigned_view_t<T>;
  return as<V>(as<U>(a) * as<U>(b));
}
template <class T>
inline V neg(V a) {
  using U = unsigned_view_t<T>;
  return as<V>(-as<U>(a));
}
// |INT_MIN| wraps to INT_MIN, as the spec's modular negation does.
template <class T>
inline V abs(V a) {
  using S = signed_view_t<T>;
  using U = unsigned_view_t<T>;
  U u = as<U>(a);
  return as<V>(select(as<S>(a) < 0, -u, u));
}

template <class T>
inline V min(V a, V b) {
  return as<V>(vmin(as<T>(a), as<T>(b)));
}
template <class T>
inline V max(V a, V b) {
  return as<V>(vmax(as<T>(a), as<T>(b)));
}

// The count is taken modulo the lane width. Left and logical right shifts
// use the unsigned view; the arithmetic right shift the signed one.
template <class T>
inline V shl(V a, uint32_t n) {
  using U = unsigned_view_t<T>;
  using L = lane_t<U>;
  return as<V>(as<U>(a) << static_cast<L>(n % (sizeof(L) * 8)));
}
template <class T>
inline V shr_s(V a, uint32_t n) {
  using S = signed_view_t<T>;
  using L = lane_t<S>;
  return as<V>(as<S>(a) >> static_cast<L>(n % (sizeof(L) * 8)));
}
template <class T>
inline V shr_u(V a, uint32_t n) {
  using U = unsigned_view_t<T>;
  using L = lane_t<U>;
  return as<V>(as<U>(a) >> static_cast<L>(n % (sizeof(L) * 8)));
}

// Unsigned saturation: a wrapped sum is smaller than an operand exactly when
// it overflowed; a difference underflowed exactly when a < b.
template <class T>
inline V add_sat_u(V a, V b) {
  using U = unsigned_view_t<T>;
  U x = as<U>(a), r = x + as<U>(b);
  return as<V>(r | as<U>(r < x));
}
template <class T>
inline V sub_sat_u(V a, V b) {
  using U = unsigned_view_t<T>;
  U x = as<U>(a), y = as<U>(b);
  return as<V>((x - y) & as<U>(x >= y));
}

// Signed saturation without widening: a wrapped sum overflowed iff both
// operands have the same sign and the result's sign differs (difference:
// the operands' signs differ and the result's sign differs from a's). The
// saturated value is MAX for a >= 0 and MIN for a < 0, i.e. (a >> w-1) ^ MAX.
template <class T>
inline V add_sat_s(V a, V b) {
  using S = signed_view_t<T>;
  using L = lane_t<S>;
  S x = as<S>(a), y = as<S>(b), r = as<S>(add<T>(a, b));
  S sat = (x >> static_cast<L>(sizeof(L) * 8 - 1)) ^ std::numeric_limits<L>::max();
  return as<V>(select(((r ^ x) & (r ^ y)) < 0, sat, r));
}
template <class T>
inline V sub_sat_s(V a, V b) {
  using S = signed_view_t<T>;
  using L = lane_t<S>;
  S x = as<S>(a), y = as<S>(b), r = as<S>(sub<T>(a, b));
  S sat = (x >> static_cast<L>(sizeof(L) * 8 - 1)) ^ std::numeric_limits<L>::max();
  return as<V>(select(((x ^ y) & (x ^ r)) < 0, sat, r));
}

// (a + b + 1) / 2 without the carry out of the lane: a + b = 2(a & b) +
// (a ^ b), so the rounded-up half is (a | b) - ((a ^ b) >> 1).
template <class T>
inline V avgr_u(V a, V b) {
  using U = unsigned_view_t<T>;
  U x = as<U>(a), y = as<U>(b);
  return as<V>((x | y) - ((x ^ y) >> 1));
}

// Comparisons yield all-ones / zero lanes, which is what vector
// comparisons produce.
template <class T>
inline V eq(V a, V b) {
  return as<V>(as<T>(a) == as<T>(b));
}
template <class T>
inline V ne(V a, V b) {
  return as<V>(as<T>(a) != as<T>(b));
}
template <class T>
inline V lt(V a, V b) {
  return as<V>(as<T>(a) < as<T>(b));
}
template <class T>
inline V gt(V a, V b) {
  return as<V>(as<T>(a) > as<T>(b));
}
template <class T>
inline V le(V a, V b) {
  return as<V>(as<T>(a) <= as<T>(b));
}
template <class T>
inline V ge(V a, V b) {
  return as<V>(as<T>(a) >= as<T>(b));
}

template <class T>
inline uint32_t all_true(V a) {
  U64 m = as<U64>(as<T>(a) != 0);
  return (m[0] & m[1]) == ~uint64_t{0};
}

// Sign bit of lane i -> bit i, without a per-lane loop: each negative lane
// becomes the weight 2^(i mod n/2), so the n/2 lanes in each 64-bit half
// hold distinct bits; multiplying that half by the repunit 0x0101...01 (of
// the lane width) sums its lanes into the top lane without carries.
template <class U, size_t... I>
constexpr U bitmask_weights(std::index_sequence<I...>) {
  return U{static_cast<lane_t<U>>(1u << (I % (sizeof...(I) / 2)))...};
}
template <class T>
inline uint32_t bitmask(V a) {
  using S = signed_view_t<T>;
  using U = unsigned_view_t<T>;
  using L = lane_t<U>;
  constexpr unsigned kHalf = kLanes<U> / 2, kWidth = sizeof(L) * 8;
  constexpr U kWeights = bitmask_weights<U>(std::make_index_sequence<kLanes<U>>{});
  U64 x = as<U64>(as<U>(as<S>(a) < 0) & kWeights);
  if constexpr (kWidth < 64) {
    constexpr uint64_t kRepunit = ~uint64_t{0} / ((uint64_t{1} << kWidth) - 1);
    x = (x * kRepunit) >> (64 - kWidth);
  }
  return static_cast<uint32_t>(x[0] | (x[1] << kHalf));
}

// Saturating narrow of two vectors of signed lanes (In) to lanes of type
// Out (a's lanes first), signed or unsigned saturation according to Out.
template <class Out, class In>
inline V narrow(V a, V b) {
  using SIn = full_t<In>;
  using H = decltype(low_half(full_t<Out>{}));
  const SIn lo = splat<SIn>(static_cast<In>(std::numeric_limits<Out>::min()));
  const SIn hi = splat<SIn>(static_cast<In>(std::numeric_limits<Out>::max()));
  H x = __builtin_convertvector(vmin(vmax(as<SIn>(a), lo), hi), H);
  H y = __builtin_convertvector(vmin(vmax(as<SIn>(b), lo), hi), H);
  return as<V>(concat(x, y));
}

// Extends the low or high half of a's In lanes to Out lanes (In's
// signedness picks sign or zero extension).
template <class Out, class In>
inline full_t<Out> extend_low(V a) {
  return widen<Out>(low_half(as<full_t<In>>(a)));
}
template <class Out, class In>
inline full_t<Out> extend_high(V a) {
  return widen<Out>(high_half(as<full_t<In>>(a)));
}

// Products of extended lanes fit the wide lane: signed ones at most
// (-2^(w-1))^2 = 2^(2w-2), unsigned ones at most (2^w - 1)^2.
template <class Out, class In>
inline V extmul_low(V a, V b) {
  return as<V>(extend_low<Out, In>(a) * extend_low<Out, In>(b));
}
template <class Out, class In>
inline V extmul_high(V a, V b) {
  return as<V>(extend_high<Out, In>(a) * extend_high<Out, In>(b));
}

// Sums of two extended adjacent lanes cannot overflow the wide lane.
template <class Out, class In>
inline V extadd_pairwise(V a) {
  full_t<In> x = as<full_t<In>>(a);
  return as<V>(widen<Out>(even_lanes(x)) + widen<Out>(odd_lanes(x)));
}

}  // namespace detail

// ---- Bitwise -------------------------------------------------------------

inline V V128Not(V a) { return ~a; }
inline V V128And(V a, V b) { return a & b; }
inline V V128Andnot(V a, V b) { return a & ~b; }
inline V V128Or(V a, V b) { return a | b; }
inline V V128Xor(V a, V b) { return a ^ b; }
// Bits of a where c is 1, bits of b where c is 0.
inline V V128Bitselect(V a, V b, V c) { return (a & c) | (b & ~c); }
inline uint32_t V128AnyTrue(V a) {
  detail::U64 u = detail::as<detail::U64>(a);
  return (u[0] | u[1]) != 0;
}

// ---- i8x16 ---------------------------------------------------------------

inline V I8x16Eq(V a, V b) { return detail::eq<detail::I8>(a, b); }
inline V I8x16Ne(V a, V b) { return detail::ne<detail::I8>(a, b); }
inline V I8x16LtS(V a, V b) { return detail::lt<detail::I8>(a, b); }
inline V I8x16LtU(V a, V b) { return detail::lt<detail::U8>(a, b); }
inline V I8x16GtS(V a, V b) { return detail::gt<detail::I8>(a, b); }
inline V I8x16GtU(V a, V b) { return detail::gt<detail::U8>(a, b); }
inline V I8x16LeS(V a, V b) { return detail::le<detail::I8>(a, b); }
inline V I8x16LeU(V a, V b) { return detail::le<detail::U8>(a, b); }
inline V I8x16GeS(V a, V b) { return detail::ge<detail::I8>(a, b); }
inline V I8x16GeU(V a, V b) { return detail::ge<detail::U8>(a, b); }

inline V I8x16Abs(V a) { return detail::abs<detail::I8>(a); }
inline V I8x16Neg(V a) { return detail::neg<detail::I8>(a); }
// Bit-parallel population count within each byte: sums of adjacent 1-,
// 2- and 4-bit fields.
inline V I8x16Popcnt(V a) {
  detail::U8 x = detail::as<detail::U8>(a);
  x = x - ((x >> 1) & 0x55);
  x = (x & 0x33) + ((x >> 2) & 0x33);
  return detail::as<V>((x + (x >> 4)) & 0x0F);
}
inline uint32_t I8x16AllTrue(V a) { return detail::all_true<detail::I8>(a); }
inline uint32_t I8x16Bitmask(V a) { return detail::bitmask<detail::I8>(a); }
inline V I8x16NarrowI16x8S(V a, V b) { return detail::narrow<int8_t, int16_t>(a, b); }
inline V I8x16NarrowI16x8U(V a, V b) { return detail::narrow<uint8_t, int16_t>(a, b); }
inline V I8x16Shl(V a, uint32_t n) { return detail::shl<detail::I8>(a, n); }
inline V I8x16ShrS(V a, uint32_t n) { return detail::shr_s<detail::I8>(a, n); }
inline V I8x16ShrU(V a, uint32_t n) { return detail::shr_u<detail::I8>(a, n); }
inline V I8x16Add(V a, V b) { return detail::add<detail::I8>(a, b); }
inline V I8x16AddSatS(V a, V b) { return detail::add_sat_s<detail::I8>(a, b); }
inline V I8x16AddSatU(V a, V b) { return detail::add_sat_u<detail::I8>(a, b); }
inline V I8x16Sub(V a, V b) { return detail::sub<detail::I8>(a, b); }
inline V I8x16SubSatS(V a, V b) { return detail::sub_sat_s<detail::I8>(a, b); }
inline V I8x16SubSatU(V a, V b) { return detail::sub_sat_u<detail::I8>(a, b); }
inline V I8x16MinS(V a, V b) { return detail::min<detail::I8>(a, b); }
inline V I8x16MinU(V a, V b) { return detail::min<detail::U8>(a, b); }
inline V I8x16MaxS(V a, V b) { return detail::max<detail::I8>(a, b); }
inline V I8x16MaxU(V a, V b) { return detail::max<detail::U8>(a, b); }
inline V I8x16AvgrU(V a, V b) { return detail::avgr_u<detail::U8>(a, b); }

// ---- i16x8 ---------------------------------------------------------------

inline V I16x8Eq(V a, V b) { return detail::eq<detail::I16>(a, b); }
inline V I16x8Ne(V a, V b) { return detail::ne<detail::I16>(a, b); }
inline V I16x8LtS(V a, V b) { return detail::lt<detail::I16>(a, b); }
inline V I16x8LtU(V a, V b) { return detail::lt<detail::U16>(a, b); }
inline V I16x8GtS(V a, V b) { return detail::gt<detail::I16>(a, b); }
inline V I16x8GtU(V a, V b) { return detail::gt<detail::U16>(a, b); }
inline V I16x8LeS(V a, V b) { return detail::le<detail::I16>(a, b); }
inline V I16x8LeU(V a, V b) { return detail::le<detail::U16>(a, b); }
inline V I16x8GeS(V a, V b) { return detail::ge<detail::I16>(a, b); }
inline V I16x8GeU(V a, V b) { return detail::ge<detail::U16>(a, b); }

inline V I16x8ExtaddPairwiseI8x16S(V a) { return detail::extadd_pairwise<int16_t, int8_t>(a); }
inline V I16x8ExtaddPairwiseI8x16U(V a) { return detail::extadd_pairwise<uint16_t, uint8_t>(a); }
inline V I16x8Abs(V a) { return detail::abs<detail::I16>(a); }
inline V I16x8Neg(V a) { return detail::neg<detail::I16>(a); }
// (a * b + 2^14) >> 15 with signed saturation. The only overflow is
// -32768 * -32768, which rounds to 32768 and saturates to 32767.
inline V I16x8Q15mulrSatS(V a, V b) {
  using namespace detail;
  auto q15 = [](I32 p) {
    I32 r = (p + 0x4000) >> 15;
    return __builtin_convertvector(vmin(vmax(r, splat<I32>(-32768)), splat<I32>(32767)), I16h);
  };
  I16 x = as<I16>(a), y = as<I16>(b);
  I16h lo = q15(widen<int32_t>(low_half(x)) * widen<int32_t>(low_half(y)));
  I16h hi = q15(widen<int32_t>(high_half(x)) * widen<int32_t>(high_half(y)));
  return as<V>(concat(lo, hi));
}
inline uint32_t I16x8AllTrue(V a) { return detail::all_true<detail::I16>(a); }
inline uint32_t I16x8Bitmask(V a) { return detail::bitmask<detail::I16>(a); }
inline V I16x8NarrowI32x4S(V a, V b) { return detail::narrow<int16_t, int32_t>(a, b); }
inline V I16x8NarrowI32x4U(V a, V b) { return detail::narrow<uint16_t, int32_t>(a, b); }
inline V I16x8ExtendLowI8x16S(V a) { return detail::as<V>(detail::extend_low<int16_t, int8_t>(a)); }
inline V I16x8ExtendHighI8x16S(V a) {
  return detail::as<V>(detail::extend_high<int16_t, int8_t>(a));
}
inline V I16x8ExtendLowI8x16U(V a) {
  return detail::as<V>(detail::extend_low<uint16_t, uint8_t>(a));
}
inline V I16x8ExtendHighI8x16U(V a) {
  return detail::as<V>(detail::extend_high<uint16_t, uint8_t>(a));
}
inline V I16x8Shl(V a, uint32_t n) { return detail::shl<detail::I16>(a, n); }
inline V I16x8ShrS(V a, uint32_t n) { return detail::shr_s<detail::I16>(a, n); }
inline V I16x8ShrU(V a, uint32_t n) { return detail::shr_u<detail::I16>(a, n); }
inline V I16x8Add(V a, V b) { return detail::add<detail::I16>(a, b); }
inline V I16x8AddSatS(V a, V b) { return detail::add_sat_s<detail::I16>(a, b); }
inline V I16x8AddSatU(V a, V b) { return detail::add_sat_u<detail::I16>(a, b); }
inline V I16x8Sub(V a, V b) { return detail::sub<detail::I16>(a, b); }
inline V I16x8SubSatS(V a, V b) { return detail::sub_sat_s<detail::I16>(a, b); }
inline V I16x8SubSatU(V a, V b) { return detail::sub_sat_u<detail::I16>(a, b); }
inline V I16x8Mul(V a, V b) { return detail::mul<detail::I16>(a, b); }
inline V I16x8MinS(V a, V b) { return detail::min<detail::I16>(a, b); }
inline V I16x8MinU(V a, V b) { return detail::min<detail::U16>(a, b); }
inline V I16x8MaxS(V a, V b) { return detail::max<detail::I16>(a, b); }
inline V I16x8MaxU(V a, V b) { return detail::max<detail::U16>(a, b); }
inline V I16x8AvgrU(V a, V b) { return detail::avgr_u<detail::U16>(a, b); }
inline V I16x8ExtmulLowI8x16S(V a, V b) { return detail::extmul_low<int16_t, int8_t>(a, b); }
inline V I16x8ExtmulHighI8x16S(V a, V b) { return detail::extmul_high<int16_t, int8_t>(a, b); }
inline V I16x8ExtmulLowI8x16U(V a, V b) { return detail::extmul_low<uint16_t, uint8_t>(a, b); }
inline V I16x8ExtmulHighI8x16U(V a, V b) { return detail::extmul_high<uint16_t, uint8_t>(a, b); }

// ---- i32x4 ---------------------------------------------------------------

inline V I32x4Eq(V a, V b) { return detail::eq<detail::I32>(a, b); }
inline V I32x4Ne(V a, V b) { return detail::ne<detail::I32>(a, b); }
inline V I32x4LtS(V a, V b) { return detail::lt<detail::I32>(a, b); }
inline V I32x4LtU(V a, V b) { return detail::lt<detail::U32>(a, b); }
inline V I32x4GtS(V a, V b) { return detail::gt<detail::I32>(a, b); }
inline V I32x4GtU(V a, V b) { return detail::gt<detail::U32>(a, b); }
inline V I32x4LeS(V a, V b) { return detail::le<detail::I32>(a, b); }
inline V I32x4LeU(V a, V b) { return detail::le<detail::U32>(a, b); }
inline V I32x4GeS(V a, V b) { return detail::ge<detail::I32>(a, b); }
inline V I32x4GeU(V a, V b) { return detail::ge<detail::U32>(a, b); }

inline V I32x4ExtaddPairwiseI16x8S(V a) { return detail::extadd_pairwise<int32_t, int16_t>(a); }
inline V I32x4ExtaddPairwiseI16x8U(V a) { return detail::extadd_pairwise<uint32_t, uint16_t>(a); }
inline V I32x4Abs(V a) { return detail::abs<detail::I32>(a); }
inline V I32x4Neg(V a) { return detail::neg<detail::I32>(a); }
inline uint32_t I32x4AllTrue(V a) { return detail::all_true<detail::I32>(a); }
inline uint32_t I32x4Bitmask(V a) { return detail::bitmask<detail::I32>(a); }
inline V I32x4ExtendLowI16x8S(V a) {
  return detail::as<V>(detail::extend_low<int32_t, int16_t>(a));
}
inline V I32x4ExtendHighI16x8S(V a) {
  return detail::as<V>(detail::extend_high<int32_t, int16_t>(a));
}
inline V I32x4ExtendLowI16x8U(V a) {
  return detail::as<V>(detail::extend_low<uint32_t, uint16_t>(a));
}
inline V I32x4ExtendHighI16x8U(V a) {
  return detail::as<V>(detail::extend_high<uint32_t, uint16_t>(a));
}
inline V I32x4Shl(V a, uint32_t n) { return detail::shl<detail::I32>(a, n); }
inline V I32x4ShrS(V a, uint32_t n) { return detail::shr_s<detail::I32>(a, n); }
inline V I32x4ShrU(V a, uint32_t n) { return detail::shr_u<detail::I32>(a, n); }
inline V I32x4Add(V a, V b) { return detail::add<detail::I32>(a, b); }
inline V I32x4Sub(V a, V b) { return detail::sub<detail::I32>(a, b); }
inline V I32x4Mul(V a, V b) { return detail::mul<detail::I32>(a, b); }
inline V I32x4MinS(V a, V b) { return detail::min<detail::I32>(a, b); }
inline V I32x4MinU(V a, V b) { return detail::min<detail::U32>(a, b); }
inline V I32x4MaxS(V a, V b) { return detail::max<detail::I32>(a, b); }
inline V I32x4MaxU(V a, V b) { return detail::max<detail::U32>(a, b); }
// Sum of the two products of each adjacent pair. Each product fits i32;
// their sum overflows only for four -32768 operands (2^31), and the spec
// wraps it, hence the unsigned addition.
inline V I32x4DotI16x8S(V a, V b) {
  using namespace detail;
  I16 x = as<I16>(a), y = as<I16>(b);
  I32 even = widen<int32_t>(even_lanes(x)) * widen<int32_t>(even_lanes(y));
  I32 odd = widen<int32_t>(odd_lanes(x)) * widen<int32_t>(odd_lanes(y));
  return as<V>(as<U32>(even) + as<U32>(odd));
}
inline V I32x4ExtmulLowI16x8S(V a, V b) { return detail::extmul_low<int32_t, int16_t>(a, b); }
inline V I32x4ExtmulHighI16x8S(V a, V b) { return detail::extmul_high<int32_t, int16_t>(a, b); }
inline V I32x4ExtmulLowI16x8U(V a, V b) { return detail::extmul_low<uint32_t, uint16_t>(a, b); }
inline V I32x4ExtmulHighI16x8U(V a, V b) { return detail::extmul_high<uint32_t, uint16_t>(a, b); }

// ---- i64x2 ---------------------------------------------------------------

inline V I64x2Abs(V a) { return detail::abs<detail::I64>(a); }
inline V I64x2Neg(V a) { return detail::neg<detail::I64>(a); }
inline uint32_t I64x2AllTrue(V a) { return detail::all_true<detail::I64>(a); }
inline uint32_t I64x2Bitmask(V a) { return detail::bitmask<detail::I64>(a); }
inline V I64x2ExtendLowI32x4S(V a) {
  return detail::as<V>(detail::extend_low<int64_t, int32_t>(a));
}
inline V I64x2ExtendHighI32x4S(V a) {
  return detail::as<V>(detail::extend_high<int64_t, int32_t>(a));
}
inline V I64x2ExtendLowI32x4U(V a) {
  return detail::as<V>(detail::extend_low<uint64_t, uint32_t>(a));
}
inline V I64x2ExtendHighI32x4U(V a) {
  return detail::as<V>(detail::extend_high<uint64_t, uint32_t>(a));
}
inline V I64x2Shl(V a, uint32_t n) { return detail::shl<detail::I64>(a, n); }
inline V I64x2ShrS(V a, uint32_t n) { return detail::shr_s<detail::I64>(a, n); }
inline V I64x2ShrU(V a, uint32_t n) { return detail::shr_u<detail::I64>(a, n); }
inline V I64x2Add(V a, V b) { return detail::add<detail::I64>(a, b); }
inline V I64x2Sub(V a, V b) { return detail::sub<detail::I64>(a, b); }
inline V I64x2Mul(V a, V b) { return detail::mul<detail::I64>(a, b); }
// i64x2 has signed comparisons only.
inline V I64x2Eq(V a, V b) { return detail::eq<detail::I64>(a, b); }
inline V I64x2Ne(V a, V b) { return detail::ne<detail::I64>(a, b); }
inline V I64x2LtS(V a, V b) { return detail::lt<detail::I64>(a, b); }
inline V I64x2GtS(V a, V b) { return detail::gt<detail::I64>(a, b); }
inline V I64x2LeS(V a, V b) { return detail::le<detail::I64>(a, b); }
inline V I64x2GeS(V a, V b) { return detail::ge<detail::I64>(a, b); }
inline V I64x2ExtmulLowI32x4S(V a, V b) { return detail::extmul_low<int64_t, int32_t>(a, b); }
inline V I64x2ExtmulHighI32x4S(V a, V b) { return detail::extmul_high<int64_t, int32_t>(a, b); }
inline V I64x2ExtmulLowI32x4U(V a, V b) { return detail::extmul_low<uint64_t, uint32_t>(a, b); }
inline V I64x2ExtmulHighI32x4U(V a, V b) { return detail::extmul_high<uint64_t, uint32_t>(a, b); }

}  // namespace wasmrun::simd
