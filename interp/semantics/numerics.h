// Numeric operators with exact WebAssembly semantics (core 2.0,
// exec/numerics.rst) where plain C++ differs or leaves things undefined:
// NaN propagation of min/max and rounding, -0 handling, float -> int
// truncation ranges, shifts and rotates modulo the bit width, trapping
// division. Plain + - * / on floats already match IEEE 754 and are not
// wrapped here.
//
// NaN policy. The spec lets an operation return any NaN that is canonical
// when every NaN input is canonical, and arithmetic (quiet) otherwise.
// Returning a NaN operand with its quiet bit set satisfies both, so that
// is what these helpers do. fabs_/fneg/fcopysign are bit operations and
// leave NaNs (even signalling ones) untouched, as the spec requires.
//
// Integer helpers accept signed or unsigned T of 32 or 64 bits (the
// interpreter may keep its stack values unsigned); the signedness of the
// operation comes from the operator, not from T.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "wasmrun/error.h"

namespace wasmrun::num {

namespace detail {

template <class F> struct FloatBits;
template <> struct FloatBits<float> {
  using U = uint32_t;
  static constexpr U kSign = 0x8000'0000u;
  static constexpr U kQuiet = 0x0040'0000u;
};
template <> struct FloatBits<double> {
  using U = uint64_t;
  static constexpr U kSign = 0x8000'0000'0000'0000ull;
  static constexpr U kQuiet = 0x0008'0000'0000'0000ull;
};
template <class F> using bits_t = typename FloatBits<F>::U;

template <class F> inline bits_t<F> to_bits(F x) { return std::bit_cast<bits_t<F>>(x); }
template <class F> inline F from_bits(bits_t<F> b) { return std::bit_cast<F>(b); }

template <class T> inline constexpr unsigned kWidth = sizeof(T) * 8;

// 2^e exactly, as F (e < 128 fits both float and double).
template <class F> inline constexpr F pow2(int e) {
  F r = 1;
  for (int i = 0; i < e; ++i) r *= 2;
  return r;
}

}  // namespace detail

// ---- NaN helpers ---------------------------------------------------------

// Sets the quiet bit of a NaN, keeping sign and payload. Non-NaNs pass.
template <class F> inline F quiet(F x) {
  if (!std::isnan(x)) return x;
  return detail::from_bits<F>(detail::to_bits(x) | detail::FloatBits<F>::kQuiet);
}

// The positive canonical NaN (only the quiet bit of the payload set).
template <class F> inline F canonical_nan() {
  using B = detail::FloatBits<F>;
  return detail::from_bits<F>(detail::to_bits(std::numeric_limits<F>::infinity()) |
                              B::kQuiet);
}

// ---- Float operators -----------------------------------------------------

// wasm min: NaN if either operand is NaN; -0 is less than +0.
template <class F> inline F fmin(F a, F b) {
  if (std::isnan(a)) return quiet(a);
  if (std::isnan(b)) return quiet(b);
  // Equal operands differ at most in the sign of zero: OR picks -0.
  if (a == b) return detail::from_bits<F>(detail::to_bits(a) | detail::to_bits(b));
  return a < b ? a : b;
}

// wasm max: NaN if either operand is NaN; +0 is greater than -0.
template <class F> inline F fmax(F a, F b) {
  if (std::isnan(a)) return quiet(a);
  if (std::isnan(b)) return quiet(b);
  // Equal operands differ at most in the sign of zero: AND picks +0.
  if (a == b) return detail::from_bits<F>(detail::to_bits(a) & detail::to_bits(b));
  return a > b ? a : b;
}

// Round to nearest, ties to even, independent of the FPU rounding mode.
// roundeven keeps the sign of zero (-0.5 -> -0).
template <class F> inline F fnearest(F x) {
  if (std::isnan(x)) return quiet(x);
#if defined(__has_builtin) && __has_builtin(__builtin_roundevenf)
  if constexpr (std::is_same_v<F, float>) return __builtin_roundevenf(x);
  else return __builtin_roundeven(x);
#else
  // Clang before 17 lacks the builtin; nearbyint rounds per the FPU's
  // mode, which wasmrun leaves at its default, to nearest with ties to even.
  return std::nearbyint(x);
#endif
}

template <class F> inline F fceil(F x) { return std::isnan(x) ? quiet(x) : std::ceil(x); }
template <class F> inline F ffloor(F x) { return std::isnan(x) ? quiet(x) : std::floor(x); }
template <class F> inline F ftrunc(F x) { return std::isnan(x) ? quiet(x) : std::trunc(x); }
// sqrt of a negative number yields the hardware default NaN, which is
// canonical up to sign (allowed); a NaN input is quieted.
template <class F> inline F fsqrt(F x) { return std::isnan(x) ? quiet(x) : std::sqrt(x); }

template <class F> inline F fabs_(F x) {
  return detail::from_bits<F>(detail::to_bits(x) & ~detail::FloatBits<F>::kSign);
}
template <class F> inline F fneg(F x) {
  return detail::from_bits<F>(detail::to_bits(x) ^ detail::FloatBits<F>::kSign);
}
template <class F> inline F fcopysign(F a, F b) {
  constexpr auto kSign = detail::FloatBits<F>::kSign;
  return detail::from_bits<F>((detail::to_bits(a) & ~kSign) | (detail::to_bits(b) & kSign));
}

// ---- Conversions ---------------------------------------------------------

namespace detail {
// Truncating x toward zero gives a value representable in I iff
// lo <= trunc(x) < hi, with lo = I's minimum and hi = I's maximum + 1.
// Both are 0 or powers of two, hence exact in F, so the test is exact at
// every boundary (e.g. -2147483648.9 is valid for i32 from f64,
// -2147483649.0 is not; 4294967295.9 is valid for u32, 4294967296.0 not).
template <class I, class F> inline constexpr F trunc_lo() {
  if constexpr (std::is_signed_v<I>) return -pow2<F>(kWidth<I> - 1);
  else return F(0);
}
template <class I, class F> inline constexpr F trunc_hi() {
  return pow2<F>(std::is_signed_v<I> ? kWidth<I> - 1 : kWidth<I>);
}
}  // namespace detail

// iN.trunc_fM_{s,u}: traps on NaN and on out-of-range values.
template <class I, class F> inline I trunc_checked(F x) {
  static_assert(std::is_integral_v<I> && std::is_floating_point_v<F>);
  if (std::isnan(x)) throw_trap("invalid conversion to integer");
  F t = std::trunc(x);  // -0.9 -> -0, which is >= 0: valid for unsigned
  if (!(t >= detail::trunc_lo<I, F>() && t < detail::trunc_hi<I, F>()))
    throw_trap("integer overflow");
  return static_cast<I>(t);
}

// iN.trunc_sat_fM_{s,u}: NaN -> 0, out of range -> the nearest limit.
template <class I, class F> inline I trunc_sat(F x) {
  static_assert(std::is_integral_v<I> && std::is_floating_point_v<F>);
  if (std::isnan(x)) return 0;
  F t = std::trunc(x);
  if (t < detail::trunc_lo<I, F>()) return std::numeric_limits<I>::min();
  if (t >= detail::trunc_hi<I, F>()) return std::numeric_limits<I>::max();
  return static_cast<I>(t);
}

// fM.convert_iN_{s,u}: correctly rounded (to nearest, ties to even).
// A direct conversion is a single rounding: GCC emits cvtsi2ss/sd for
// signed sources and, for u64, a halve-with-sticky-bit sequence that is
// also correctly rounded. Going through double would round twice and get
// u64/i64 -> f32 wrong near ties; the unit tests pin those cases.
template <class F, class I> inline F convert(I x) {
  static_assert(std::is_integral_v<I> && std::is_floating_point_v<F>);
  return static_cast<F>(x);
}

// f32.demote_f64 / f64.promote_f32: NaN results are quieted, keeping the
// sign and the leading payload bits.
inline float demote(double x) {
  if (std::isnan(x)) {
    // Top 22 payload bits of the double become the float's payload.
    uint64_t b = detail::to_bits(x);
    uint32_t sign = static_cast<uint32_t>(b >> 32) & detail::FloatBits<float>::kSign;
    uint32_t payload = static_cast<uint32_t>((b >> 29) & 0x003F'FFFFu);
    return detail::from_bits<float>(sign | 0x7F80'0000u | detail::FloatBits<float>::kQuiet |
                                    payload);
  }
  return static_cast<float>(x);
}
inline double promote(float x) {
  if (std::isnan(x)) {
    uint32_t b = detail::to_bits(x);
    uint64_t sign = static_cast<uint64_t>(b & detail::FloatBits<float>::kSign) << 32;
    uint64_t payload = static_cast<uint64_t>(b & 0x003F'FFFFu) << 29;
    return detail::from_bits<double>(sign | 0x7FF0'0000'0000'0000ull |
                                     detail::FloatBits<double>::kQuiet | payload);
  }
  return static_cast<double>(x);
}

// ---- Integer bit operators -----------------------------------------------

template <class T> inline T rotl(T x, unsigned n) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(std::rotl(static_cast<U>(x), static_cast<int>(n % detail::kWidth<T>)));
}
template <class T> inline T rotr(T x, unsigned n) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(std::rotr(static_cast<U>(x), static_cast<int>(n % detail::kWidth<T>)));
}

// std::countl_zero(0) is the bit width, as wasm requires.
template <class T> inline T clz(T x) {
  return static_cast<T>(std::countl_zero(static_cast<std::make_unsigned_t<T>>(x)));
}
template <class T> inline T ctz(T x) {
  return static_cast<T>(std::countr_zero(static_cast<std::make_unsigned_t<T>>(x)));
}
template <class T> inline T popcnt(T x) {
  return static_cast<T>(std::popcount(static_cast<std::make_unsigned_t<T>>(x)));
}

// Shift counts are taken modulo the width (C++ leaves >= width undefined).
template <class T> inline T shl(T x, T n) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(x) << (static_cast<U>(n) % detail::kWidth<T>));
}
template <class T> inline T shr_s(T x, T n) {
  using U = std::make_unsigned_t<T>;
  using S = std::make_signed_t<T>;
  // >> on a negative signed value is arithmetic since C++20.
  return static_cast<T>(static_cast<S>(x) >> (static_cast<U>(n) % detail::kWidth<T>));
}
template <class T> inline T shr_u(T x, T n) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(x) >> (static_cast<U>(n) % detail::kWidth<T>));
}

// ---- Division ------------------------------------------------------------

template <class T> inline T div_s(T a, T b) {
  using S = std::make_signed_t<T>;
  S sa = static_cast<S>(a), sb = static_cast<S>(b);
  if (sb == 0) throw_trap("integer divide by zero");
  if (sa == std::numeric_limits<S>::min() && sb == -1) throw_trap("integer overflow");
  return static_cast<T>(sa / sb);
}
template <class T> inline T div_u(T a, T b) {
  using U = std::make_unsigned_t<T>;
  if (b == 0) throw_trap("integer divide by zero");
  return static_cast<T>(static_cast<U>(a) / static_cast<U>(b));
}
// INT_MIN rem -1 is 0 in wasm (no trap); in C++ it is undefined.
template <class T> inline T rem_s(T a, T b) {
  using S = std::make_signed_t<T>;
  S sa = static_cast<S>(a), sb = static_cast<S>(b);
  if (sb == 0) throw_trap("integer divide by zero");
  if (sb == -1) return 0;
  return static_cast<T>(sa % sb);
}
template <class T> inline T rem_u(T a, T b) {
  using U = std::make_unsigned_t<T>;
  if (b == 0) throw_trap("integer divide by zero");
  return static_cast<T>(static_cast<U>(a) % static_cast<U>(b));
}

// iN.extendM_s: sign-extends the low Bits bits of x to the width of T.
template <class T, int Bits> inline T extend_s(T x) {
  static_assert(Bits > 0 && Bits <= static_cast<int>(detail::kWidth<T>));
  using U = std::make_unsigned_t<T>;
  using S = std::make_signed_t<T>;
  constexpr unsigned kShift = detail::kWidth<T> - Bits;
  // Move the sign bit of the field to the top, then shift back
  // arithmetically (well defined since C++20).
  return static_cast<T>(static_cast<S>(static_cast<U>(x) << kShift) >> kShift);
}

// ---- 128-bit integers as two i64 (wide arithmetic) ----------------------

// A 128-bit value as the instructions take and give it: the low i64, then
// the high one.
struct Pair64 {
  uint64_t lo, hi;
};

// i64.add128 and i64.sub128: (a_lo, a_hi) +/- (b_lo, b_hi), modulo 2^128.
inline Pair64 add128(uint64_t a_lo, uint64_t a_hi, uint64_t b_lo, uint64_t b_hi) {
  uint64_t lo = a_lo + b_lo;
  uint64_t carry = lo < a_lo ? 1 : 0;
  return {lo, a_hi + b_hi + carry};
}
inline Pair64 sub128(uint64_t a_lo, uint64_t a_hi, uint64_t b_lo, uint64_t b_hi) {
  uint64_t borrow = a_lo < b_lo ? 1 : 0;
  return {a_lo - b_lo, a_hi - b_hi - borrow};
}

// i64.mul_wide_u: the full 128-bit product of two unsigned i64.
inline Pair64 mul_wide_u(uint64_t a, uint64_t b) {
#if defined(__SIZEOF_INT128__)
  unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
  return {static_cast<uint64_t>(p), static_cast<uint64_t>(p >> 64)};
#else
  // Schoolbook on 32-bit halves: no partial sum overflows 64 bits.
  uint64_t a0 = a & 0xFFFFFFFFu, a1 = a >> 32, b0 = b & 0xFFFFFFFFu, b1 = b >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
  return {(mid << 32) | (p00 & 0xFFFFFFFFu), p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32)};
#endif
}

// i64.mul_wide_s: the signed product. The two's-complement operands read
// unsigned are a + 2^64 [a < 0] and b + 2^64 [b < 0]; modulo 2^128 their
// unsigned product differs from the signed one only in the high half, by
// b [a < 0] + a [b < 0].
inline Pair64 mul_wide_s(uint64_t a, uint64_t b) {
  Pair64 p = mul_wide_u(a, b);
  if (static_cast<int64_t>(a) < 0) p.hi -= b;
  if (static_cast<int64_t>(b) < 0) p.hi -= a;
  return p;
}

}  // namespace wasmrun::num
