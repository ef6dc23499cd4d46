#include "interp/exec/simd_shuffle_x86.h"

#if WASMRUN_SIMD_X86_SHUFFLE

#include <immintrin.h>

#include <cstring>

namespace wasmrun::interp::simd_x86 {

const bool kHasSsse3 = [] {
  __builtin_cpu_init();  // needed before static constructors run it
  return __builtin_cpu_supports("ssse3") != 0;
}();

namespace {

__attribute__((target("ssse3"))) inline __m128i to_m(simd::V v) {
  __m128i m;
  std::memcpy(&m, &v, sizeof m);
  return m;
}
__attribute__((target("ssse3"))) inline simd::V from_m(__m128i m) {
  simd::V v;
  std::memcpy(&v, &m, sizeof v);
  return v;
}

}  // namespace

// pshufb takes byte idx & 15 of its first operand, or 0 where idx has bit 7
// set. Lanes 0-15 select from a, 16-31 from b (the validator rejects the
// rest; like the portable version, lanes are taken modulo 32): bit 4 of
// the index moved to bit 7 zeroes b's lanes in a's shuffle and, inverted,
// a's lanes in b's.
__attribute__((target("ssse3"))) simd::V shuffle_ssse3(simd::V a, simd::V b, const uint8_t lanes[16]) {
  __m128i idx = _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(lanes)), _mm_set1_epi8(31));
  __m128i from_b = _mm_cmpgt_epi8(idx, _mm_set1_epi8(15));  // 0xFF where the lane is b's
  __m128i ma = _mm_or_si128(idx, from_b);
  __m128i mb = _mm_or_si128(idx, _mm_andnot_si128(from_b, _mm_set1_epi8(static_cast<char>(0x80))));
  return from_m(_mm_or_si128(_mm_shuffle_epi8(to_m(a), ma), _mm_shuffle_epi8(to_m(b), mb)));
}

// Indices 16-255 must give 0: a saturating add of 0x70 sets bit 7 for
// exactly those and keeps the low 4 bits of 0-15.
__attribute__((target("ssse3"))) simd::V swizzle_ssse3(simd::V a, simd::V b) {
  __m128i idx = _mm_adds_epu8(to_m(b), _mm_set1_epi8(0x70));
  return from_m(_mm_shuffle_epi8(to_m(a), idx));
}

}  // namespace wasmrun::interp::simd_x86

#endif
