// Numeric operations with exact WebAssembly semantics (exec/numerics.rst),
// as used by the interpreter's handlers. Traps go through cold,
// out-of-line functions so the inline fast paths stay small.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace wasmrun::interp {

[[noreturn]] void trap_div_zero();
[[noreturn]] void trap_int_overflow();
[[noreturn]] void trap_invalid_conversion();

namespace nops {

template <class T>
inline T div_s(T a, T b) {
  using S = std::make_signed_t<T>;
  if (b == 0) [[unlikely]] trap_div_zero();
  if (static_cast<S>(a) == std::numeric_limits<S>::min() && static_cast<S>(b) == -1) [[unlikely]]
    trap_int_overflow();
  return static_cast<T>(static_cast<S>(a) / static_cast<S>(b));
}
template <class T>
inline T div_u(T a, T b) {
  if (b == 0) [[unlikely]] trap_div_zero();
  return a / b;
}
template <class T>
inline T rem_s(T a, T b) {
  using S = std::make_signed_t<T>;
  if (b == 0) [[unlikely]] trap_div_zero();
  if (static_cast<S>(b) == -1) return 0;  // INT_MIN % -1 is 0, not UB
  return static_cast<T>(static_cast<S>(a) % static_cast<S>(b));
}
template <class T>
inline T rem_u(T a, T b) {
  if (b == 0) [[unlikely]] trap_div_zero();
  return a % b;
}
template <class T>
inline T shl(T a, T b) { return a << (b & (sizeof(T) * 8 - 1)); }
template <class T>
inline T shr_u(T a, T b) { return a >> (b & (sizeof(T) * 8 - 1)); }
template <class T>
inline T shr_s(T a, T b) {
  using S = std::make_signed_t<T>;
  return static_cast<T>(static_cast<S>(a) >> (b & (sizeof(T) * 8 - 1)));
}
template <class T>
inline T rotl(T a, T b) { return std::rotl(a, static_cast<int>(b & (sizeof(T) * 8 - 1))); }
template <class T>
inline T rotr(T a, T b) { return std::rotr(a, static_cast<int>(b & (sizeof(T) * 8 - 1))); }

// Floats. Arithmetic NaNs propagate through the hardware operations; the
// sign/abs/copysign family works on the bits so payloads stay intact.
template <class F>
using Bits = std::conditional_t<sizeof(F) == 4, uint32_t, uint64_t>;
template <class F>
constexpr Bits<F> sign_bit = Bits<F>{1} << (sizeof(F) * 8 - 1);

template <class F>
inline F fabs_(F a) { return std::bit_cast<F>(std::bit_cast<Bits<F>>(a) & ~sign_bit<F>); }
template <class F>
inline F fneg(F a) { return std::bit_cast<F>(std::bit_cast<Bits<F>>(a) ^ sign_bit<F>); }
template <class F>
inline F fcopysign(F a, F b) {
  return std::bit_cast<F>((std::bit_cast<Bits<F>>(a) & ~sign_bit<F>) | (std::bit_cast<Bits<F>>(b) & sign_bit<F>));
}
template <class F>
inline F fmin(F a, F b) {
  if (std::isnan(a) || std::isnan(b)) return a + b;  // a NaN, quieted
  if (a == b) return std::signbit(a) ? a : b;       // min(-0, +0) = -0
  return a < b ? a : b;
}
template <class F>
inline F fmax(F a, F b) {
  if (std::isnan(a) || std::isnan(b)) return a + b;
  if (a == b) return std::signbit(a) ? b : a;       // max(-0, +0) = +0
  return a > b ? a : b;
}
// A NaN input must come out quiet (an arithmetic NaN); the library
// rounding functions may hand a signalling NaN back unchanged, so NaNs are
// quieted by an addition first.
template <class F>
inline F fnearest(F a) { return std::isnan(a) ? a + a : std::nearbyint(a); }
template <class F>
inline F fceil(F a) { return std::isnan(a) ? a + a : std::ceil(a); }
template <class F>
inline F ffloor(F a) { return std::isnan(a) ? a + a : std::floor(a); }
template <class F>
inline F ftrunc(F a) { return std::isnan(a) ? a + a : std::trunc(a); }
template <class F>
inline F fsqrt(F a) { return std::sqrt(a); }

// Float -> integer. The ranges are the open intervals (min - 1, max + 1)
// of the mathematical truncation, written so every bound is exact.
template <class I, class F>
inline bool trunc_in_range(F a) {
  if constexpr (std::is_signed_v<I>) {
    constexpr double lo = -static_cast<double>(std::numeric_limits<I>::min());  // 2^(N-1)
    if constexpr (sizeof(I) == 4) {
      return static_cast<double>(a) > -lo - 1.0 && static_cast<double>(a) < lo;
    } else {
      return static_cast<double>(a) >= -lo && static_cast<double>(a) < lo;
    }
  } else {
    constexpr double hi = sizeof(I) == 4 ? 4294967296.0 : 18446744073709551616.0;
    return static_cast<double>(a) > -1.0 && static_cast<double>(a) < hi;
  }
}
template <class I, class F>
inline I trunc_checked(F a) {
  if (std::isnan(a)) [[unlikely]] trap_invalid_conversion();
  if (!trunc_in_range<I>(a)) [[unlikely]] trap_int_overflow();
  return static_cast<I>(a);
}
template <class I, class F>
inline I trunc_sat(F a) {
  if (std::isnan(a)) return 0;
  if (trunc_in_range<I>(a)) return static_cast<I>(a);
  return a < 0 ? std::numeric_limits<I>::min() : std::numeric_limits<I>::max();
}

template <class T, int Bits>
inline T extend_s(T a) {
  using S = std::make_signed_t<T>;
  constexpr int shift = static_cast<int>(sizeof(T) * 8) - Bits;
  return static_cast<T>(static_cast<S>(a << shift) >> shift);
}

}  // namespace nops
}  // namespace wasmrun::interp
