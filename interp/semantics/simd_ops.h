// Exact WebAssembly 2.0 semantics of every fixed-width SIMD instruction
// (core 2.0 exec/numerics.rst and instructions.rst, vector parts;
// proposals/simd/SIMD.md), header-only, in namespace wasmrun::simd.
//
// One function per instruction, named like its Op enumerator in
// loader/opcodes.def, with a signature derived from the row's "sig"
// string so the interpreter can wire them with an X-macro:
//   "v:v"  V Name(V)            "vv:v" V Name(V, V)      "vvv:v" V Name(V, V, V)
//   "v:i"  uint32_t Name(V)     (any_true, all_true, bitmask)
//   "vi:v" V Name(V, uint32_t count)   (shifts; count modulo lane width)
//   splat  V Name(uint32_t | uint64_t | float | double)
//   extract_lane  T Name(V, unsigned lane)      replace_lane  V Name(V, T, unsigned lane)
//          T = uint32_t (i8x16, i16x8, i32x4), uint64_t, float, double
//   I8x16Shuffle(V, V, const uint8_t lanes[16]), I8x16Swizzle(V, V)
//   loads  V Name(const uint8_t* p)  / lane loads V Name(const uint8_t* p, V, unsigned lane)
//   stores void Name(uint8_t* p, V)  / lane stores void Name(uint8_t* p, V, unsigned lane)
// The caller bounds-checks memory accesses; pointers may be unaligned.
// v128.const needs no function. tests/test_simd_ops.cpp checks at compile
// time that every 0xFD row of opcodes.def has a function of that shape.
//
// V is 16 bytes holding the v128's little-endian memory image (lane 0 in
// the lowest bytes); see simd_types.h for the lane views.
#pragma once

#include "interp/semantics/simd_float.h"
#include "interp/semantics/simd_int.h"
#include "interp/semantics/simd_lanes.h"
#include "interp/semantics/simd_relaxed.h"
#include "interp/semantics/simd_types.h"
