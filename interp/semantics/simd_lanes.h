// Lane access, splats, shuffles, loads and stores of v128 (part of
// interp/semantics/simd_ops.h).
//
// Lane indices are immediates the validator has checked (< lane count);
// they are masked anyway so a bad index cannot touch memory outside the
// vector. Memory operators take a pointer to the accessed bytes, which the
// caller has bounds-checked; it may be unaligned, hence memcpy.
#pragma once

#include <cstdint>
#include <cstring>

#include "interp/semantics/simd_types.h"

namespace wasmrun::simd {
namespace detail {

template <class T>
inline lane_t<T> get_lane(V a, unsigned lane) {
  return as<T>(a)[lane & (kLanes<T> - 1)];
}
template <class T>
inline V set_lane(V a, lane_t<T> x, unsigned lane) {
  T v = as<T>(a);
  v[lane & (kLanes<T> - 1)] = x;
  return as<V>(v);
}

template <class T>
inline lane_t<T> load_scalar(const uint8_t* p) {
  lane_t<T> x;
  std::memcpy(&x, p, sizeof x);
  return x;
}

// Loads 8 bytes as a half vector of In lanes and extends them to Out.
template <class Out, class In>
inline V load_extend(const uint8_t* p) {
  using H = decltype(low_half(full_t<In>{}));
  H h;
  std::memcpy(&h, p, sizeof h);
  return as<V>(widen<Out>(h));
}

template <class T>
inline V load_splat(const uint8_t* p) {
  return as<V>(splat<T>(load_scalar<T>(p)));
}
template <class T>
inline V load_zero(const uint8_t* p) {
  T v{};
  v[0] = load_scalar<T>(p);
  return as<V>(v);
}
template <class T>
inline V load_lane(const uint8_t* p, V a, unsigned lane) {
  return set_lane<T>(a, load_scalar<T>(p), lane);
}
template <class T>
inline void store_lane(uint8_t* p, V a, unsigned lane) {
  lane_t<T> x = get_lane<T>(a, lane);
  std::memcpy(p, &x, sizeof x);
}

}  // namespace detail

// ---- Splat ---------------------------------------------------------------

// i8x16/i16x8 splat take the low bits of the i32 operand.
inline V I8x16Splat(uint32_t x) {
  return detail::as<V>(detail::splat<detail::U8>(static_cast<uint8_t>(x)));
}
inline V I16x8Splat(uint32_t x) {
  return detail::as<V>(detail::splat<detail::U16>(static_cast<uint16_t>(x)));
}
inline V I32x4Splat(uint32_t x) { return detail::as<V>(detail::splat<detail::U32>(x)); }
inline V I64x2Splat(uint64_t x) { return detail::as<V>(detail::splat<detail::U64>(x)); }
inline V F32x4Splat(float x) { return detail::as<V>(detail::splat<detail::F32>(x)); }
inline V F64x2Splat(double x) { return detail::as<V>(detail::splat<detail::F64>(x)); }

// ---- Extract / replace lane ----------------------------------------------

// Narrow lanes come back as i32, sign- or zero-extended.
inline uint32_t I8x16ExtractLaneS(V a, unsigned lane) {
  return static_cast<uint32_t>(int32_t{detail::get_lane<detail::I8>(a, lane)});
}
inline uint32_t I8x16ExtractLaneU(V a, unsigned lane) {
  return detail::get_lane<detail::U8>(a, lane);
}
inline uint32_t I16x8ExtractLaneS(V a, unsigned lane) {
  return static_cast<uint32_t>(int32_t{detail::get_lane<detail::I16>(a, lane)});
}
inline uint32_t I16x8ExtractLaneU(V a, unsigned lane) {
  return detail::get_lane<detail::U16>(a, lane);
}
inline uint32_t I32x4ExtractLane(V a, unsigned lane) {
  return detail::get_lane<detail::U32>(a, lane);
}
inline uint64_t I64x2ExtractLane(V a, unsigned lane) {
  return detail::get_lane<detail::U64>(a, lane);
}
inline float F32x4ExtractLane(V a, unsigned lane) { return detail::get_lane<detail::F32>(a, lane); }
inline double F64x2ExtractLane(V a, unsigned lane) {
  return detail::get_lane<detail::F64>(a, lane);
}

inline V I8x16ReplaceLane(V a, uint32_t x, unsigned lane) {
  return detail::set_lane<detail::U8>(a, static_cast<uint8_t>(x), lane);
}
inline V I16x8ReplaceLane(V a, uint32_t x, unsigned lane) {
  return detail::set_lane<detail::U16>(a, static_cast<uint16_t>(x), lane);
}
inline V I32x4ReplaceLane(V a, uint32_t x, unsigned lane) {
  return detail::set_lane<detail::U32>(a, x, lane);
}
inline V I64x2ReplaceLane(V a, uint64_t x, unsigned lane) {
  return detail::set_lane<detail::U64>(a, x, lane);
}
inline V F32x4ReplaceLane(V a, float x, unsigned lane) {
  return detail::set_lane<detail::F32>(a, x, lane);
}
inline V F64x2ReplaceLane(V a, double x, unsigned lane) {
  return detail::set_lane<detail::F64>(a, x, lane);
}

// ---- Shuffle / swizzle ---------------------------------------------------

// Lane i of the result is byte lanes[i] of the 32-byte concatenation a:b.
// The validator rejects lanes >= 32; they are taken modulo 32 here.
inline V I8x16Shuffle(V a, V b, const uint8_t lanes[16]) {
  using namespace detail;
  U8 idx;
  std::memcpy(&idx, lanes, sizeof idx);
#if defined(__clang__)
  // Clang's shufflevector needs constant indices and it has no variable
  // two-operand shuffle builtin.
  U8 x = as<U8>(a), y = as<U8>(b), r;
  for (unsigned i = 0; i < 16; ++i) r[i] = idx[i] & 16 ? y[idx[i] & 15] : x[idx[i] & 15];
  return as<V>(r);
#else
  // GCC takes variable-index shuffles modulo the total lane count.
  return as<V>(__builtin_shuffle(as<U8>(a), as<U8>(b), idx));
#endif
}

// Lane i of the result is byte b[i] of a, or 0 if b[i] >= 16.
inline V I8x16Swizzle(V a, V b) {
  using namespace detail;
  U8 x = as<U8>(a), idx = as<U8>(b);
#if defined(__clang__)
  U8 r;
  for (unsigned i = 0; i < 16; ++i) r[i] = idx[i] < 16 ? x[idx[i]] : 0;
  return as<V>(r);
#else
  // __builtin_shuffle takes indices modulo 16; the comparison mask zeroes
  // the lanes whose index was out of range.
  return as<V>(__builtin_shuffle(x, idx) & as<U8>(idx < 16));
#endif
}

// ---- Loads ---------------------------------------------------------------

inline V V128Load(const uint8_t* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline V V128Load8x8S(const uint8_t* p) { return detail::load_extend<int16_t, int8_t>(p); }
inline V V128Load8x8U(const uint8_t* p) { return detail::load_extend<uint16_t, uint8_t>(p); }
inline V V128Load16x4S(const uint8_t* p) { return detail::load_extend<int32_t, int16_t>(p); }
inline V V128Load16x4U(const uint8_t* p) { return detail::load_extend<uint32_t, uint16_t>(p); }
inline V V128Load32x2S(const uint8_t* p) { return detail::load_extend<int64_t, int32_t>(p); }
inline V V128Load32x2U(const uint8_t* p) { return detail::load_extend<uint64_t, uint32_t>(p); }
inline V V128Load8Splat(const uint8_t* p) { return detail::load_splat<detail::U8>(p); }
inline V V128Load16Splat(const uint8_t* p) { return detail::load_splat<detail::U16>(p); }
inline V V128Load32Splat(const uint8_t* p) { return detail::load_splat<detail::U32>(p); }
inline V V128Load64Splat(const uint8_t* p) { return detail::load_splat<detail::U64>(p); }
inline V V128Load32Zero(const uint8_t* p) { return detail::load_zero<detail::U32>(p); }
inline V V128Load64Zero(const uint8_t* p) { return detail::load_zero<detail::U64>(p); }
inline V V128Load8Lane(const uint8_t* p, V a, unsigned lane) {
  return detail::load_lane<detail::U8>(p, a, lane);
}
inline V V128Load16Lane(const uint8_t* p, V a, unsigned lane) {
  return detail::load_lane<detail::U16>(p, a, lane);
}
inline V V128Load32Lane(const uint8_t* p, V a, unsigned lane) {
  return detail::load_lane<detail::U32>(p, a, lane);
}
inline V V128Load64Lane(const uint8_t* p, V a, unsigned lane) {
  return detail::load_lane<detail::U64>(p, a, lane);
}

// ---- Stores --------------------------------------------------------------

inline void V128Store(uint8_t* p, V a) { std::memcpy(p, &a, sizeof a); }
inline void V128Store8Lane(uint8_t* p, V a, unsigned lane) {
  detail::store_lane<detail::U8>(p, a, lane);
}
inline void V128Store16Lane(uint8_t* p, V a, unsigned lane) {
  detail::store_lane<detail::U16>(p, a, lane);
}
inline void V128Store32Lane(uint8_t* p, V a, unsigned lane) {
  detail::store_lane<detail::U32>(p, a, lane);
}
inline void V128Store64Lane(uint8_t* p, V a, unsigned lane) {
  detail::store_lane<detail::U64>(p, a, lane);
}

}  // namespace wasmrun::simd
