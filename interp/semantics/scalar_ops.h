// Scalar semantics shared by the interpreter's handlers: operand readers
// and result writers for 64-bit slots derived from scalar_semantics.h's
// rows, one function per binary operator of code.h's WASMRUN_BINARY_OPS
// and one per load and store, so plain and fused handlers compute with
// the same code.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "interp/code.h"
#include "interp/semantics/numerics.h"
#include "memory/linear_memory.h"

// Whether the operands of the binary operator or comparison `name` are
// 64-bit (a constant operand then has a word of its own).
#define WIDE(name) (sizeof(scalar::in<Op::name>(uint64_t{})) == 8)

namespace wasmrun::interp::scalar {

// The operand reader and result writer of a scalar_semantics.h row, from
// the types of its signature (opcodes.def) and its read column. A slot
// holds an i32/f32 in its low 32 bits (upper bits zero), floats as their
// IEEE bits.
template <Op op>
[[gnu::always_inline]] inline auto in(uint64_t x) {
  constexpr char read = scalar_semantics(op).read;
  constexpr char t = param_letter(op);
  if constexpr (read == 'R') {
    return x;
  } else if constexpr (read == 'B') {
    if constexpr (t == 'i' || t == 'f') return static_cast<uint32_t>(x);
    else return x;
  } else if constexpr (t == 'i') {
    if constexpr (read == 'S') return static_cast<int32_t>(static_cast<uint32_t>(x));
    else return static_cast<uint32_t>(x);
  } else if constexpr (t == 'I') {
    if constexpr (read == 'S') return static_cast<int64_t>(x);
    else return x;
  } else if constexpr (t == 'f') {
    return std::bit_cast<float>(static_cast<uint32_t>(x));
  } else {
    static_assert(t == 'F');
    return std::bit_cast<double>(x);
  }
}

template <Op op, class V>
[[gnu::always_inline]] inline uint64_t out(V v) {
  constexpr char read = scalar_semantics(op).read;
  constexpr char t = result_letter(op);
  if constexpr (std::is_same_v<V, bool>) {  // comparisons, eqz, ref.is_null
    return static_cast<uint64_t>(v ? 1 : 0);
  } else if constexpr (t == 'i' || (read == 'B' && t == 'f')) {
    return static_cast<uint64_t>(static_cast<uint32_t>(v));
  } else if constexpr (t == 'I' || (read == 'B' && t == 'F')) {
    return static_cast<uint64_t>(v);
  } else if constexpr (t == 'f') {
    return static_cast<uint64_t>(std::bit_cast<uint32_t>(static_cast<float>(v)));
  } else {
    static_assert(t == 'F');
    return std::bit_cast<uint64_t>(static_cast<double>(v));
  }
}

namespace memory_int {
template <size_t bytes, bool is_signed> struct MemoryInt;
template <> struct MemoryInt<1, false> { using type = uint8_t; };
template <> struct MemoryInt<2, false> { using type = uint16_t; };
template <> struct MemoryInt<4, false> { using type = uint32_t; };
template <> struct MemoryInt<8, false> { using type = uint64_t; };
template <> struct MemoryInt<1, true> { using type = int8_t; };
template <> struct MemoryInt<2, true> { using type = int16_t; };
template <> struct MemoryInt<4, true> { using type = int32_t; };
}  // namespace memory_int

// A load's and a store's type in memory: access_bytes wide, signed for a
// sign-extending load.
template <Op op>
using load_type = typename memory_int::MemoryInt<op_info(op).access_bytes, scalar_semantics(op).read == 'S'>::type;
template <Op op>
using store_type = typename memory_int::MemoryInt<op_info(op).access_bytes, false>::type;

// A loaded value widened into a slot: sign-extended to the result's width
// for a signed load, else zero-extended.
template <Op op>
[[gnu::always_inline]] inline uint64_t widen(load_type<op> v) {
  if constexpr (scalar_semantics(op).read != 'S') return static_cast<uint64_t>(v);
  else if constexpr (result_letter(op) == 'i') return static_cast<uint64_t>(static_cast<uint32_t>(static_cast<int32_t>(v)));
  else return static_cast<uint64_t>(static_cast<int64_t>(v));
}

#define WASMRUN_DEFINE_BINOP(name, IN, OUT, expr)                              \
  [[gnu::always_inline]] inline uint64_t name(uint64_t x, uint64_t y) {        \
    auto a = IN(x);                                                            \
    auto b = IN(y);                                                            \
    return OUT(expr);                                                          \
  }
WASMRUN_BINARY_OPS(WASMRUN_DEFINE_BINOP)
#undef WASMRUN_DEFINE_BINOP

#define WASMRUN_DEFINE_UNOP(name, IN, OUT, expr)                \
  [[gnu::always_inline]] inline uint64_t name(uint64_t x) {     \
    auto a = IN(x);                                             \
    return OUT(expr);                                           \
  }
WASMRUN_UNARY_OPS(WASMRUN_DEFINE_UNOP)
#undef WASMRUN_DEFINE_UNOP

// Whether the integer comparison holds for operands read with IN: the
// condition of its compare-and-branch forms.
#define WASMRUN_DEFINE_HOLDS(name, IN, op, NOT)                                               \
  [[gnu::always_inline]] inline bool holds_##name(decltype(IN(0)) a, decltype(IN(0)) b) { \
    return a op b;                                                                            \
  }
WASMRUN_BR_CMPS(WASMRUN_DEFINE_HOLDS)
#undef WASMRUN_DEFINE_HOLDS

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
