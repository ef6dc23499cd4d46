// Scalar semantics shared by the interpreter's handlers: operand readers
// and result writers for 64-bit slots, one function per binary operator of
// code.h's WASMRUN_BINARY_OPS and one per load and store, so plain
// and fused handlers compute with the same code. Included by
// interpreter.cpp only: the IN_*/OUT_* macros stay defined for its
// handlers.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

#include "interp/code.h"
#include "interp/numerics.h"
#include "memory/linear_memory.h"

// Slot readers (i32/f32 live in the low 32 bits) and writers.
#define IN_U32(x) static_cast<uint32_t>(x)
#define IN_S32(x) static_cast<int32_t>(static_cast<uint32_t>(x))
#define IN_U64(x) static_cast<uint64_t>(x)
#define IN_S64(x) static_cast<int64_t>(x)
#define IN_F32(x) std::bit_cast<float>(static_cast<uint32_t>(x))
#define IN_F64(x) std::bit_cast<double>(static_cast<uint64_t>(x))
#define OUT_32(v) static_cast<uint64_t>(static_cast<uint32_t>(v))
#define OUT_64(v) static_cast<uint64_t>(v)
#define OUT_F32(v) static_cast<uint64_t>(std::bit_cast<uint32_t>(static_cast<float>(v)))
#define OUT_F64(v) std::bit_cast<uint64_t>(static_cast<double>(v))
#define OUT_BOOL(v) static_cast<uint64_t>((v) ? 1 : 0)

// Whether an operand reader takes a 64-bit value (a constant operand then
// has a word of its own).
#define WIDE_IN_U32 false
#define WIDE_IN_S32 false
#define WIDE_IN_F32 false
#define WIDE_IN_U64 true
#define WIDE_IN_S64 true
#define WIDE_IN_F64 true
#define WIDE(IN) WIDE_##IN

// Load widening into a slot.
#define ZX(v) static_cast<uint64_t>(v)
#define SX32(v) static_cast<uint64_t>(static_cast<uint32_t>(static_cast<int32_t>(v)))
#define SX64(v) static_cast<uint64_t>(static_cast<int64_t>(v))

namespace wasmrun::interp::scalar {

#define WASMRUN_DEFINE_BINOP(name, IN, OUT, expr)                              \
  [[gnu::always_inline]] inline uint64_t name(uint64_t x, uint64_t y) {        \
    auto a = IN(x);                                                            \
    auto b = IN(y);                                                            \
    return OUT(expr);                                                          \
  }
WASMRUN_BINARY_OPS(WASMRUN_DEFINE_BINOP)
#undef WASMRUN_DEFINE_BINOP

// The loaded value at `p` (little-endian), widened into a slot.
#define WASMRUN_DEFINE_LOAD(name, T, widen)                                    \
  [[gnu::always_inline]] inline uint64_t load_##name(const uint8_t* p) {       \
    T v;                                                                       \
    std::memcpy(&v, p, sizeof(T));                                             \
    return widen(detail::to_from_le(v));                                       \
  }                                                                            \
  constexpr uint64_t size_##name = sizeof(T);
WASMRUN_LOADS(WASMRUN_DEFINE_LOAD)
#undef WASMRUN_DEFINE_LOAD

// Stores the slot value `v` at `p` (little-endian, truncated to the width).
#define WASMRUN_DEFINE_STORE(name, T)                                          \
  [[gnu::always_inline]] inline void store_##name(uint8_t* p, uint64_t v) {    \
    T t = detail::to_from_le(static_cast<T>(v));                               \
    std::memcpy(p, &t, sizeof(T));                                             \
  }                                                                            \
  constexpr uint64_t size_##name = sizeof(T);
WASMRUN_STORES(WASMRUN_DEFINE_STORE)
#undef WASMRUN_DEFINE_STORE

}  // namespace wasmrun::interp::scalar
