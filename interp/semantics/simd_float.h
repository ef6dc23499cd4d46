// Floating-point v128 operators and the float <-> int lane conversions
// (part of interp/semantics/simd_ops.h).
//
// NaN policy, as for the scalar helpers in interp/semantics/numerics.h: a NaN result
// is a NaN input with its quiet bit set, or the hardware default NaN for
// invalid operations (canonical up to sign). Either satisfies the spec's
// rule (canonical when all NaN inputs are canonical, else arithmetic).
// Hardware vector add/sub/mul/div/sqrt and conversions behave this way.
// abs and neg are sign-bit operations that leave NaN payloads untouched.
//
// Rounding (ceil/floor/trunc/nearest) uses the 2^(mantissa bits) trick in
// vector arithmetic instead of a per-lane libm call. It relies on the
// default round-to-nearest-even mode, which the interpreter never changes.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "interp/semantics/simd_types.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__aarch64__) && defined(__ARM_NEON)
#include <arm_neon.h>
#endif

namespace wasmrun::simd {
namespace detail {

// Integer view matching a float view lane for lane (bit operations).
template <class F>
using fbits_t = std::conditional_t<std::is_same_v<F, F32>, U32, U64>;
template <class F>
inline constexpr lane_t<fbits_t<F>> kSignBit = lane_t<fbits_t<F>>{1} << (sizeof(lane_t<F>) * 8 - 1);

template <class F>
inline F fabs_v(F x) {
  return as<F>(as<fbits_t<F>>(x) & ~kSignBit<F>);
}
template <class F>
inline F fneg_v(F x) {
  return as<F>(as<fbits_t<F>>(x) ^ kSignBit<F>);
}
// Magnitude of m, sign of s.
template <class F>
inline F copysign_v(F m, F s) {
  using B = fbits_t<F>;
  return as<F>((as<B>(m) & ~kSignBit<F>) | (as<B>(s) & kSignBit<F>));
}

template <class F>
inline V fabs(V a) {
  return as<V>(fabs_v(as<F>(a)));
}
template <class F>
inline V fneg(V a) {
  return as<V>(fneg_v(as<F>(a)));
}

template <class F>
inline V fadd(V a, V b) {
  return as<V>(as<F>(a) + as<F>(b));
}
template <class F>
inline V fsub(V a, V b) {
  return as<V>(as<F>(a) - as<F>(b));
}
template <class F>
inline V fmul(V a, V b) {
  return as<V>(as<F>(a) * as<F>(b));
}
template <class F>
inline V fdiv(V a, V b) {
  return as<V>(as<F>(a) / as<F>(b));
}

// wasm min/max: NaN if either lane is NaN (a + b propagates a quieted NaN
// operand); -0 < +0, and for equal lanes (which differ at most in the sign
// of zero) OR of the bits picks -0, AND picks +0.
template <class F>
inline V fmin(V a, V b) {
  using B = fbits_t<F>;
  F x = as<F>(a), y = as<F>(b);
  F r = select(x < y, x, y);
  r = select(x == y, as<F>(as<B>(x) | as<B>(y)), r);
  return as<V>(select((x != x) | (y != y), x + y, r));
}
template <class F>
inline V fmax(V a, V b) {
  using B = fbits_t<F>;
  F x = as<F>(a), y = as<F>(b);
  F r = select(x > y, x, y);
  r = select(x == y, as<F>(as<B>(x) & as<B>(y)), r);
  return as<V>(select((x != x) | (y != y), x + y, r));
}
// Pseudo-min/max are exactly C's b < a ? b : a and a < b ? b : a, with no
// NaN or zero special cases (a NaN in b never wins, a NaN in a always does).
template <class F>
inline V fpmin(V a, V b) {
  F x = as<F>(a), y = as<F>(b);
  return as<V>(select(y < x, y, x));
}
template <class F>
inline V fpmax(V a, V b) {
  F x = as<F>(a), y = as<F>(b);
  return as<V>(select(x < y, y, x));
}

// Round to nearest integer, ties to even. For |x| < 2^p (p = 23 or 52
// mantissa bits), |x| + 2^p lies in [2^p, 2^(p+1)) where the spacing is
// exactly 1, so the addition rounds |x| to an integer (ties to even, 2^p
// being even) and subtracting 2^p is exact. Larger magnitudes are already
// integers (or infinite) and pass through. NaN fails the >= test and goes
// through the arithmetic, which quiets it; copysign restores the sign of
// NaN and of zero results (-0.4 -> -0).
template <class F>
inline F round_even(F x) {
  using L = lane_t<F>;
  constexpr L kBig = std::is_same_v<L, float> ? L(0x1p23f) : L(0x1p52);
  F ax = fabs_v(x);
  F r = (ax + kBig) - kBig;
  return copysign_v(select(ax >= kBig, ax, r), x);
}
// ceil/floor/trunc correct the nearest integer by one where it overshot.
// The result always has the sign of x (ceil(-0.5) = -0, floor(0.5) = +0),
// so copysign fixes the zeros the +-1 corrections produce. NaN compares
// false everywhere and stays as round_even made it.
template <class F>
inline V fceil(V a) {
  F x = as<F>(a), r = round_even(x);
  return as<V>(copysign_v(select(r < x, r + 1, r), x));
}
template <class F>
inline V ffloor(V a) {
  F x = as<F>(a), r = round_even(x);
  return as<V>(copysign_v(select(r > x, r - 1, r), x));
}
template <class F>
inline V ftrunc(V a) {
  F x = as<F>(a), ax = fabs_v(x), r = round_even(ax);
  return as<V>(copysign_v(select(r > ax, r - 1, r), x));
}
template <class F>
inline V fnearest(V a) {
  return as<V>(round_even(as<F>(a)));
}

// Comparisons: all-ones / zero lanes; every comparison with NaN is false
// except ne.
template <class F>
inline V feq(V a, V b) {
  return as<V>(as<F>(a) == as<F>(b));
}
template <class F>
inline V fne(V a, V b) {
  return as<V>(as<F>(a) != as<F>(b));
}
template <class F>
inline V flt(V a, V b) {
  return as<V>(as<F>(a) < as<F>(b));
}
template <class F>
inline V fgt(V a, V b) {
  return as<V>(as<F>(a) > as<F>(b));
}
template <class F>
inline V fle(V a, V b) {
  return as<V>(as<F>(a) <= as<F>(b));
}
template <class F>
inline V fge(V a, V b) {
  return as<V>(as<F>(a) >= as<F>(b));
}

}  // namespace detail

// ---- f32x4 ---------------------------------------------------------------

inline V F32x4Eq(V a, V b) { return detail::feq<detail::F32>(a, b); }
inline V F32x4Ne(V a, V b) { return detail::fne<detail::F32>(a, b); }
inline V F32x4Lt(V a, V b) { return detail::flt<detail::F32>(a, b); }
inline V F32x4Gt(V a, V b) { return detail::fgt<detail::F32>(a, b); }
inline V F32x4Le(V a, V b) { return detail::fle<detail::F32>(a, b); }
inline V F32x4Ge(V a, V b) { return detail::fge<detail::F32>(a, b); }

inline V F32x4Ceil(V a) { return detail::fceil<detail::F32>(a); }
inline V F32x4Floor(V a) { return detail::ffloor<detail::F32>(a); }
inline V F32x4Trunc(V a) { return detail::ftrunc<detail::F32>(a); }
inline V F32x4Nearest(V a) { return detail::fnearest<detail::F32>(a); }
inline V F32x4Abs(V a) { return detail::fabs<detail::F32>(a); }
inline V F32x4Neg(V a) { return detail::fneg<detail::F32>(a); }
// Generic vector extensions have no square root; use the target's vector
// instruction (both quiet NaN inputs and return the default NaN for
// negative ones, like the scalar instructions).
inline V F32x4Sqrt(V a) {
#if defined(__SSE2__)
  return detail::as<V>(_mm_sqrt_ps(detail::as<__m128>(a)));
#elif defined(__aarch64__) && defined(__ARM_NEON)
  return detail::as<V>(vsqrtq_f32(detail::as<float32x4_t>(a)));
#else
  detail::F32 x = detail::as<detail::F32>(a);
  for (unsigned i = 0; i < 4; ++i) x[i] = __builtin_sqrtf(x[i]);
  return detail::as<V>(x);
#endif
}
inline V F32x4Add(V a, V b) { return detail::fadd<detail::F32>(a, b); }
inline V F32x4Sub(V a, V b) { return detail::fsub<detail::F32>(a, b); }
inline V F32x4Mul(V a, V b) { return detail::fmul<detail::F32>(a, b); }
inline V F32x4Div(V a, V b) { return detail::fdiv<detail::F32>(a, b); }
inline V F32x4Min(V a, V b) { return detail::fmin<detail::F32>(a, b); }
inline V F32x4Max(V a, V b) { return detail::fmax<detail::F32>(a, b); }
inline V F32x4Pmin(V a, V b) { return detail::fpmin<detail::F32>(a, b); }
inline V F32x4Pmax(V a, V b) { return detail::fpmax<detail::F32>(a, b); }

// ---- f64x2 ---------------------------------------------------------------

inline V F64x2Eq(V a, V b) { return detail::feq<detail::F64>(a, b); }
inline V F64x2Ne(V a, V b) { return detail::fne<detail::F64>(a, b); }
inline V F64x2Lt(V a, V b) { return detail::flt<detail::F64>(a, b); }
inline V F64x2Gt(V a, V b) { return detail::fgt<detail::F64>(a, b); }
inline V F64x2Le(V a, V b) { return detail::fle<detail::F64>(a, b); }
inline V F64x2Ge(V a, V b) { return detail::fge<detail::F64>(a, b); }

inline V F64x2Ceil(V a) { return detail::fceil<detail::F64>(a); }
inline V F64x2Floor(V a) { return detail::ffloor<detail::F64>(a); }
inline V F64x2Trunc(V a) { return detail::ftrunc<detail::F64>(a); }
inline V F64x2Nearest(V a) { return detail::fnearest<detail::F64>(a); }
inline V F64x2Abs(V a) { return detail::fabs<detail::F64>(a); }
inline V F64x2Neg(V a) { return detail::fneg<detail::F64>(a); }
inline V F64x2Sqrt(V a) {
#if defined(__SSE2__)
  return detail::as<V>(_mm_sqrt_pd(detail::as<__m128d>(a)));
#elif defined(__aarch64__) && defined(__ARM_NEON)
  return detail::as<V>(vsqrtq_f64(detail::as<float64x2_t>(a)));
#else
  detail::F64 x = detail::as<detail::F64>(a);
  for (unsigned i = 0; i < 2; ++i) x[i] = __builtin_sqrt(x[i]);
  return detail::as<V>(x);
#endif
}
inline V F64x2Add(V a, V b) { return detail::fadd<detail::F64>(a, b); }
inline V F64x2Sub(V a, V b) { return detail::fsub<detail::F64>(a, b); }
inline V F64x2Mul(V a, V b) { return detail::fmul<detail::F64>(a, b); }
inline V F64x2Div(V a, V b) { return detail::fdiv<detail::F64>(a, b); }
inline V F64x2Min(V a, V b) { return detail::fmin<detail::F64>(a, b); }
inline V F64x2Max(V a, V b) { return detail::fmax<detail::F64>(a, b); }
inline V F64x2Pmin(V a, V b) { return detail::fpmin<detail::F64>(a, b); }
inline V F64x2Pmax(V a, V b) { return detail::fpmax<detail::F64>(a, b); }

// ---- Conversions ---------------------------------------------------------
//
// __builtin_convertvector from float to int is undefined outside the
// target range (like a scalar cast), so every lane is clamped into range
// first and the saturated lanes are patched in afterwards.

// NaN -> 0, below -2^31 -> INT32_MIN, at or above 2^31 -> INT32_MAX.
// The largest float below 2^31 is 2^31 - 128, the clamp's upper bound.
inline V I32x4TruncSatF32x4S(V a) {
  using namespace detail;
  F32 x = as<F32>(a);
  x = select(x != x, F32{}, x);
  F32 c = vmin(vmax(x, splat<F32>(-0x1p31f)), splat<F32>(0x1p31f - 128));
  I32 r = __builtin_convertvector(c, I32);
  return as<V>(select(x >= 0x1p31f, splat<I32>(std::numeric_limits<int32_t>::max()), r));
}
// NaN and (truncated) negatives -> 0, at or above 2^32 -> UINT32_MAX.
// Lanes in [2^31, 2^32) are converted as x - 2^31 (exact: such floats are
// multiples of 256) and get bit 31 back, since only the signed conversion
// has a vector instruction everywhere.
inline V I32x4TruncSatF32x4U(V a) {
  using namespace detail;
  F32 x = as<F32>(a);
  x = select(x > 0, x, F32{});  // also maps NaN to 0
  I32 big = x >= 0x1p31f;
  F32 c = vmin(select(big, x - 0x1p31f, x), splat<F32>(0x1p31f - 128));
  U32 r = as<U32>(__builtin_convertvector(c, I32)) | (as<U32>(big) & 0x8000'0000u);
  return as<V>(select(x >= 0x1p32f, splat<U32>(~0u), r));
}
inline V F32x4ConvertI32x4S(V a) {
  return detail::as<V>(__builtin_convertvector(detail::as<detail::I32>(a), detail::F32));
}
// Correctly rounded (ties to even), like the scalar unsigned conversion.
inline V F32x4ConvertI32x4U(V a) {
  return detail::as<V>(__builtin_convertvector(detail::as<detail::U32>(a), detail::F32));
}

// Both i32 limits are exact doubles, so clamping before the truncation
// gives the same result as saturating after it. The two high lanes are 0.
inline V I32x4TruncSatF64x2SZero(V a) {
  using namespace detail;
  F64 x = as<F64>(a);
  x = select(x != x, F64{}, x);
  F64 c = vmin(vmax(x, splat<F64>(-0x1p31)), splat<F64>(0x1p31 - 1));
  return as<V>(concat(__builtin_convertvector(c, I32h), I32h{}));
}
inline V I32x4TruncSatF64x2UZero(V a) {
  using namespace detail;
  F64 x = as<F64>(a);
  x = select(x > 0, x, F64{});  // also maps NaN to 0
  F64 c = vmin(x, splat<F64>(0x1p32 - 1));
  // In range for i64, then exact to u32.
  U32h r = __builtin_convertvector(__builtin_convertvector(c, I64), U32h);
  return as<V>(concat(r, U32h{}));
}
// Exact: every i32/u32 is a double.
inline V F64x2ConvertLowI32x4S(V a) {
  using namespace detail;
  return as<V>(widen<double>(low_half(as<I32>(a))));
}
inline V F64x2ConvertLowI32x4U(V a) {
  using namespace detail;
  return as<V>(widen<double>(low_half(as<U32>(a))));
}

// Rounded to nearest; overflow gives infinity. NaNs are quieted by the
// hardware conversion, which keeps sign and leading payload bits (so a
// canonical NaN stays canonical). The two high lanes are 0.
inline V F32x4DemoteF64x2Zero(V a) {
  using namespace detail;
  return as<V>(concat(__builtin_convertvector(as<F64>(a), F32h), F32h{}));
}
// Exact for numbers; NaNs quieted as above.
inline V F64x2PromoteLowF32x4(V a) {
  using namespace detail;
  return as<V>(widen<double>(low_half(as<F32>(a))));
}

}  // namespace wasmrun::simd
