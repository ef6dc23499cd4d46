// The semantics of the threads proposal's 0xFE instructions: one row per
// instruction, keyed by its Op (loader/opcodes.def). The row gives only
// the instruction's kind; its access width is the row's access_bytes and
// its operand types are the row's signature, so neither is repeated here.
//
// R(X, name, KIND) with KIND one of
//   LOAD     value = *p, zero-extended
//   STORE    *p = value, truncated to the width
//   ADD SUB AND OR XOR XCHG
//            read-modify-write: returns the old value, zero-extended
//   CMPXCHG  (expected, replacement): *p = replacement if *p equals the
//            expected value truncated to the width; returns the old value
//   WAIT     memory.atomic.wait32/64 (interp/exec/atomic_exec.h)
//   NOTIFY   memory.atomic.notify
//   FENCE    atomic.fence: no memory operand
//
// Every access is sequentially consistent and truly atomic on the host
// (C++20 std::atomic_ref on the memory's bytes), whether the memory is
// shared or not. From the table: the internal ops (code.h's
// WASMRUN_ATOMIC_OPS), their stack-style handlers (handlers_atomic.inc)
// and the compiler's map (lower.cpp). The check at the end fails the build
// when a 0xFE row of opcodes.def has no row here.
#pragma once

#include <atomic>
#include <bit>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "loader/opcode.h"
#include "memory/linear_memory.h"

// clang-format off
#define WASMRUN_ATOMIC_SEMANTICS(R, X)          \
  R(X, MemoryAtomicNotify,     NOTIFY)          \
  R(X, MemoryAtomicWait32,     WAIT)            \
  R(X, MemoryAtomicWait64,     WAIT)            \
  R(X, AtomicFence,            FENCE)           \
  R(X, I32AtomicLoad,          LOAD)            \
  R(X, I64AtomicLoad,          LOAD)            \
  R(X, I32AtomicLoad8U,        LOAD)            \
  R(X, I32AtomicLoad16U,       LOAD)            \
  R(X, I64AtomicLoad8U,        LOAD)            \
  R(X, I64AtomicLoad16U,       LOAD)            \
  R(X, I64AtomicLoad32U,       LOAD)            \
  R(X, I32AtomicStore,         STORE)           \
  R(X, I64AtomicStore,         STORE)           \
  R(X, I32AtomicStore8,        STORE)           \
  R(X, I32AtomicStore16,       STORE)           \
  R(X, I64AtomicStore8,        STORE)           \
  R(X, I64AtomicStore16,       STORE)           \
  R(X, I64AtomicStore32,       STORE)           \
  R(X, I32AtomicRmwAdd,        ADD)             \
  R(X, I64AtomicRmwAdd,        ADD)             \
  R(X, I32AtomicRmw8AddU,      ADD)             \
  R(X, I32AtomicRmw16AddU,     ADD)             \
  R(X, I64AtomicRmw8AddU,      ADD)             \
  R(X, I64AtomicRmw16AddU,     ADD)             \
  R(X, I64AtomicRmw32AddU,     ADD)             \
  R(X, I32AtomicRmwSub,        SUB)             \
  R(X, I64AtomicRmwSub,        SUB)             \
  R(X, I32AtomicRmw8SubU,      SUB)             \
  R(X, I32AtomicRmw16SubU,     SUB)             \
  R(X, I64AtomicRmw8SubU,      SUB)             \
  R(X, I64AtomicRmw16SubU,     SUB)             \
  R(X, I64AtomicRmw32SubU,     SUB)             \
  R(X, I32AtomicRmwAnd,        AND)             \
  R(X, I64AtomicRmwAnd,        AND)             \
  R(X, I32AtomicRmw8AndU,      AND)             \
  R(X, I32AtomicRmw16AndU,     AND)             \
  R(X, I64AtomicRmw8AndU,      AND)             \
  R(X, I64AtomicRmw16AndU,     AND)             \
  R(X, I64AtomicRmw32AndU,     AND)             \
  R(X, I32AtomicRmwOr,         OR)              \
  R(X, I64AtomicRmwOr,         OR)              \
  R(X, I32AtomicRmw8OrU,       OR)              \
  R(X, I32AtomicRmw16OrU,      OR)              \
  R(X, I64AtomicRmw8OrU,       OR)              \
  R(X, I64AtomicRmw16OrU,      OR)              \
  R(X, I64AtomicRmw32OrU,      OR)              \
  R(X, I32AtomicRmwXor,        XOR)             \
  R(X, I64AtomicRmwXor,        XOR)             \
  R(X, I32AtomicRmw8XorU,      XOR)             \
  R(X, I32AtomicRmw16XorU,     XOR)             \
  R(X, I64AtomicRmw8XorU,      XOR)             \
  R(X, I64AtomicRmw16XorU,     XOR)             \
  R(X, I64AtomicRmw32XorU,     XOR)             \
  R(X, I32AtomicRmwXchg,       XCHG)            \
  R(X, I64AtomicRmwXchg,       XCHG)            \
  R(X, I32AtomicRmw8XchgU,     XCHG)            \
  R(X, I32AtomicRmw16XchgU,    XCHG)            \
  R(X, I64AtomicRmw8XchgU,     XCHG)            \
  R(X, I64AtomicRmw16XchgU,    XCHG)            \
  R(X, I64AtomicRmw32XchgU,    XCHG)            \
  R(X, I32AtomicRmwCmpxchg,    CMPXCHG)         \
  R(X, I64AtomicRmwCmpxchg,    CMPXCHG)         \
  R(X, I32AtomicRmw8CmpxchgU,  CMPXCHG)         \
  R(X, I32AtomicRmw16CmpxchgU, CMPXCHG)         \
  R(X, I64AtomicRmw8CmpxchgU,  CMPXCHG)         \
  R(X, I64AtomicRmw16CmpxchgU, CMPXCHG)         \
  R(X, I64AtomicRmw32CmpxchgU, CMPXCHG)
// clang-format on

namespace wasmrun::interp::atomic {

enum class Kind { LOAD, STORE, ADD, SUB, AND, OR, XOR, XCHG, CMPXCHG, WAIT, NOTIFY, FENCE };

// The unsigned integer of an access width.
template <unsigned Bytes>
using Word = std::conditional_t<
    Bytes == 1, uint8_t,
    std::conditional_t<Bytes == 2, uint16_t, std::conditional_t<Bytes == 4, uint32_t, uint64_t>>>;

// The number of stack operands of a kind (the address included).
constexpr unsigned operand_count(Kind k) {
  switch (k) {
    case Kind::FENCE: return 0;
    case Kind::LOAD: return 1;
    case Kind::CMPXCHG:
    case Kind::WAIT: return 3;
    default: return 2;
  }
}

// Wasm memory is little-endian: a word as the memory holds it, from or to
// its value (a no-op on little-endian hosts).
template <class T>
[[gnu::always_inline]] inline T le(T v) {
  return wasmrun::detail::to_from_le(v);
}

// `p` is aligned to sizeof(T) (the handlers trap "unaligned atomic"
// first), as std::atomic_ref requires.
template <class T>
[[gnu::always_inline]] inline std::atomic_ref<T> ref(uint8_t* p) {
  return std::atomic_ref<T>(*reinterpret_cast<T*>(p));
}

template <class T>
[[gnu::always_inline]] inline uint64_t load(uint8_t* p) {
  return le(ref<T>(p).load());
}

template <class T>
[[gnu::always_inline]] inline void store(uint8_t* p, uint64_t v) {
  ref<T>(p).store(le(static_cast<T>(v)));
}

// The value a read-modify-write of kind K writes, from the old value.
template <Kind K, class T>
[[gnu::always_inline]] inline T modify(T old, T v) {
  if constexpr (K == Kind::ADD) return static_cast<T>(old + v);
  else if constexpr (K == Kind::SUB) return static_cast<T>(old - v);
  else if constexpr (K == Kind::AND) return static_cast<T>(old & v);
  else if constexpr (K == Kind::OR) return static_cast<T>(old | v);
  else if constexpr (K == Kind::XOR) return static_cast<T>(old ^ v);
  else return v;  // XCHG
}

// ADD ... XCHG: returns the old value.
template <Kind K, class T>
[[gnu::always_inline]] inline uint64_t rmw(uint8_t* p, uint64_t operand) {
  const T v = static_cast<T>(operand);
  std::atomic_ref<T> r = ref<T>(p);
  if constexpr (std::endian::native == std::endian::little) {
    if constexpr (K == Kind::ADD) return r.fetch_add(v);
    else if constexpr (K == Kind::SUB) return r.fetch_sub(v);
    else if constexpr (K == Kind::AND) return r.fetch_and(v);
    else if constexpr (K == Kind::OR) return r.fetch_or(v);
    else if constexpr (K == Kind::XOR) return r.fetch_xor(v);
    else return r.exchange(v);
  } else {
    // Arithmetic on byte-swapped words is not the word's arithmetic: a
    // compare-exchange loop on the value.
    T seen = r.load();
    while (!r.compare_exchange_weak(seen, le(modify<K, T>(le(seen), v)))) {
    }
    return le(seen);
  }
}

// CMPXCHG: the expected value is compared at the access width (the
// operand's high bits beyond it are ignored, as the spec wraps it).
template <class T>
[[gnu::always_inline]] inline uint64_t cmpxchg(uint8_t* p, uint64_t expected, uint64_t replacement) {
  T seen = le(static_cast<T>(expected));
  ref<T>(p).compare_exchange_strong(seen, le(static_cast<T>(replacement)));
  return le(seen);
}

namespace detail {
constexpr bool has_row(Op op) {
#define WASMRUN_ATOMIC_IS(X, name, kind) if (op == Op::name) return true;
  WASMRUN_ATOMIC_SEMANTICS(WASMRUN_ATOMIC_IS, )
#undef WASMRUN_ATOMIC_IS
  return false;
}
constexpr bool every_0xFE_row_has_semantics() {
  for (size_t i = 0; i < kOpCount; ++i)
    if (kOpInfo[i].prefix == 0xFE && !has_row(static_cast<Op>(i))) return false;
  return true;
}
// A row's operand count must be its kind's, its width a power of two.
#define WASMRUN_ATOMIC_FITS(X, name, kind)                                                              \
  static_assert(op_info(Op::name).prefix == 0xFE);                                                      \
  static_assert(op_info(Op::name).sig.find(':') == operand_count(Kind::kind), #name ": operand count"); \
  static_assert(Kind::kind == Kind::FENCE || std::has_single_bit(unsigned{op_info(Op::name).access_bytes}));
WASMRUN_ATOMIC_SEMANTICS(WASMRUN_ATOMIC_FITS, )
#undef WASMRUN_ATOMIC_FITS
}  // namespace detail
static_assert(detail::every_0xFE_row_has_semantics(), "a 0xFE row of opcodes.def has no row in atomic_semantics.h");

}  // namespace wasmrun::interp::atomic
