// The v128 value and its lane views, for the SIMD operators
// (interp/semantics/simd_ops.h). Internal to the simd_*.h headers; the interpreter
// only needs `wasmrun::simd::V`.
//
// Everything is written with GCC/Clang vector extensions so the compiler
// emits SSE/NEON for whole-vector operations on any host. A v128 is stored
// as the 16 bytes of its little-endian memory image; lane i of an N-lane
// view is bytes [i*16/N, (i+1)*16/N). Reinterpreting between views is a
// bit cast, which only matches wasm lane numbering on a little-endian host.
#pragma once

#include <bit>
#include <cfloat>
#include <cstdint>
#include <cstring>
#include <type_traits>

static_assert(std::endian::native == std::endian::little,
              "simd_*.h maps wasm lanes onto vector-extension lanes by bit casts; a "
              "big-endian port must reverse lane order in every view conversion");

// The float rounding tricks in simd_float.h need IEEE single/double
// arithmetic evaluated in the type's own precision (no x87 excess
// precision) and operations the compiler does not reassociate.
static_assert(FLT_EVAL_METHOD == 0, "simd float lane operations need FLT_EVAL_METHOD == 0");
#if defined(__FAST_MATH__)
#error "wasm float semantics (NaN, -0, rounding) are not preserved under -ffast-math"
#endif

namespace wasmrun::simd {

// The interpreter's v128 value (the type the brief fixes: 2 x i64).
using V = int64_t __attribute__((vector_size(16)));

namespace detail {

// Full-width lane views.
using I8 = int8_t __attribute__((vector_size(16)));
using U8 = uint8_t __attribute__((vector_size(16)));
using I16 = int16_t __attribute__((vector_size(16)));
using U16 = uint16_t __attribute__((vector_size(16)));
using I32 = int32_t __attribute__((vector_size(16)));
using U32 = uint32_t __attribute__((vector_size(16)));
using I64 = int64_t __attribute__((vector_size(16)));
using U64 = uint64_t __attribute__((vector_size(16)));
using F32 = float __attribute__((vector_size(16)));
using F64 = double __attribute__((vector_size(16)));

// Half-width (8-byte) views: the inputs of widening and the outputs of
// narrowing conversions.
using I8h = int8_t __attribute__((vector_size(8)));
using U8h = uint8_t __attribute__((vector_size(8)));
using I16h = int16_t __attribute__((vector_size(8)));
using U16h = uint16_t __attribute__((vector_size(8)));
using I32h = int32_t __attribute__((vector_size(8)));
using U32h = uint32_t __attribute__((vector_size(8)));
using F32h = float __attribute__((vector_size(8)));

// Reinterprets the 16 (or 8) bytes of a vector as another view.
template <class To, class From>
inline To as(From v) {
  static_assert(sizeof(To) == sizeof(From));
  return __builtin_bit_cast(To, v);
}

template <class T>
using lane_t = std::remove_cvref_t<decltype(std::declval<T>()[0])>;
template <class T>
inline constexpr unsigned kLanes = sizeof(T) / sizeof(lane_t<T>);

// Lane-wise select: lanes of `mask` are all-ones (take a) or zero (take b),
// as produced by vector comparisons.
template <class T, class M>
inline T select(M mask, T a, T b) {
  return mask ? a : b;
}

template <class T>
inline T vmin(T a, T b) {
  return a < b ? a : b;
}
template <class T>
inline T vmax(T a, T b) {
  return a > b ? a : b;
}

// Low / high half of a 16-byte vector as an 8-byte vector of the same lane
// type, and the concatenation of two halves.
template <class T>
inline auto low_half(T v) {
  if constexpr (kLanes<T> == 16)
    return __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7);
  else if constexpr (kLanes<T> == 8)
    return __builtin_shufflevector(v, v, 0, 1, 2, 3);
  else if constexpr (kLanes<T> == 4)
    return __builtin_shufflevector(v, v, 0, 1);
}
template <class T>
inline auto high_half(T v) {
  if constexpr (kLanes<T> == 16)
    return __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15);
  else if constexpr (kLanes<T> == 8)
    return __builtin_shufflevector(v, v, 4, 5, 6, 7);
  else if constexpr (kLanes<T> == 4)
    return __builtin_shufflevector(v, v, 2, 3);
}
template <class H>
inline auto concat(H lo, H hi) {
  if constexpr (kLanes<H> == 8)
    return __builtin_shufflevector(lo, hi, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  else if constexpr (kLanes<H> == 4)
    return __builtin_shufflevector(lo, hi, 0, 1, 2, 3, 4, 5, 6, 7);
  else if constexpr (kLanes<H> == 2)
    return __builtin_shufflevector(lo, hi, 0, 1, 2, 3);
}

// Even / odd lanes as a half-width vector (for extadd_pairwise and dot).
template <class T>
inline auto even_lanes(T v) {
  if constexpr (kLanes<T> == 16)
    return __builtin_shufflevector(v, v, 0, 2, 4, 6, 8, 10, 12, 14);
  else if constexpr (kLanes<T> == 8)
    return __builtin_shufflevector(v, v, 0, 2, 4, 6);
}
template <class T>
inline auto odd_lanes(T v) {
  if constexpr (kLanes<T> == 16)
    return __builtin_shufflevector(v, v, 1, 3, 5, 7, 9, 11, 13, 15);
  else if constexpr (kLanes<T> == 8)
    return __builtin_shufflevector(v, v, 1, 3, 5, 7);
}

// The full-width (16-byte) view with lanes of type L.
// clang-format off
template <class L> struct full;
template <> struct full<int8_t> { using type = I8; };
template <> struct full<uint8_t> { using type = U8; };
template <> struct full<int16_t> { using type = I16; };
template <> struct full<uint16_t> { using type = U16; };
template <> struct full<int32_t> { using type = I32; };
template <> struct full<uint32_t> { using type = U32; };
template <> struct full<int64_t> { using type = I64; };
template <> struct full<uint64_t> { using type = U64; };
template <> struct full<float> { using type = F32; };
template <> struct full<double> { using type = F64; };
// clang-format on
template <class L>
using full_t = typename full<L>::type;

// Every lane set to x. Vector + scalar broadcasts the scalar; floats go
// through their bits, since 0.0 + x would turn -0 into +0 and quiet a
// signalling NaN.
template <class T>
inline T splat(lane_t<T> x) {
  using L = lane_t<T>;
  if constexpr (std::is_floating_point_v<L>) {
    using B = std::conditional_t<sizeof(L) == 4, uint32_t, uint64_t>;
    return as<T>(full_t<B>{} + __builtin_bit_cast(B, x));
  } else {
    return T{} + x;
  }
}

// Converts each lane of a half-width vector to L, giving a full vector of
// the same lane count (sign or zero extension follows H's lane type).
template <class L, class H>
inline full_t<L> widen(H h) {
  static_assert(kLanes<full_t<L>> == kLanes<H>);
  return __builtin_convertvector(h, full_t<L>);
}

}  // namespace detail
}  // namespace wasmrun::simd
