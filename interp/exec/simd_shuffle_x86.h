// Byte shuffles with SSSE3's pshufb, for the interpreter's i8x16.shuffle
// and i8x16.swizzle handlers (simd_exec.h).
//
// simd_lanes.h implements both portably with a variable-index
// __builtin_shuffle, which on baseline x86-64 (SSE2, no pshufb) compiles to
// a loop over the 16 bytes through memory; clang emits i8x16.shuffle for
// every widening and interleave, so that loop dominated auto-vectorised
// code. Virtually every x86-64 CPU has SSSE3, so these are compiled for it
// (a target attribute, not a build flag) and used when the CPU reports it;
// other hosts and CPUs keep the portable versions.
#pragma once

#include <cstdint>

#include "interp/semantics/simd_types.h"

#if defined(__x86_64__) && defined(__GNUC__)
#define WASMRUN_SIMD_X86_SHUFFLE 1
#else
#define WASMRUN_SIMD_X86_SHUFFLE 0
#endif

#if WASMRUN_SIMD_X86_SHUFFLE
namespace wasmrun::interp::simd_x86 {

// True when the CPU has SSSE3 (checked once, at start-up).
extern const bool kHasSsse3;

// Same results as simd::I8x16Shuffle / simd::I8x16Swizzle; only call
// them when kHasSsse3.
simd::V shuffle_ssse3(simd::V a, simd::V b, const uint8_t lanes[16]);
simd::V swizzle_ssse3(simd::V a, simd::V b);

}  // namespace wasmrun::interp::simd_x86
#endif
