// The threads proposal's instructions in the interpreter loop: one step
// function, specialized per row of atomic_semantics.h by kind and width,
// which the handlers of handlers_atomic.inc call. Stack style: the
// operands are the stack top, [memory|is64] and [offset] follow the
// instruction's first word.
//
// Order of checks: bounds first ("out of bounds memory access", as every
// access), then alignment of the effective address ("unaligned atomic"),
// then for wait that the memory is shared ("expected shared memory").
#pragma once

#include <atomic>
#include <cstdint>

#include "interp/code.h"
#include "interp/exec/memory_access.h"
#include "interp/runtime/runtime.h"
#include "interp/semantics/atomic_semantics.h"
#include "wasmrun/error.h"

namespace wasmrun::interp::atomic {

[[noreturn]] void trap_unaligned();
// memory.atomic.wait32/64 of Bytes at `at` (address `ea` of `m`): the
// instruction's result, or a trap (unshared memory, interrupted).
uint32_t wait(MemoryImpl& m, uint64_t ea, uint8_t* at, unsigned bytes, uint64_t expected, int64_t timeout_ns,
              std::atomic<bool>& interrupted);
uint32_t notify(MemoryImpl& m, uint64_t ea, uint32_t count);

// The host address of an atomic access of Bytes at addr + offset.
template <unsigned Bytes>
[[gnu::always_inline]] inline uint8_t* atomic_at(LinearMemory& m, uint64_t addr, uint64_t offset, uint64_t& ea) {
  uint8_t* at = any_memory_at<Bytes>(m, addr, offset);
  ea = addr + offset;  // in bounds, so no wrap
  if (ea & (Bytes - 1)) [[unlikely]] trap_unaligned();
  return at;
}

template <Kind K, unsigned Bytes>
[[gnu::always_inline]] inline void step(uint64_t*& sp, const Slot*& pc, InstanceImpl* inst, Store::Impl* S) {
  if constexpr (K == Kind::FENCE) {
    std::atomic_thread_fence(std::memory_order_seq_cst);
    (void)sp, (void)pc, (void)inst, (void)S;
  } else {
    using T = Word<Bytes>;
    constexpr unsigned n = operand_count(K);
    MemoryImpl& mi = *inst->memories[pc[0].half[kLowHalf]];
    const bool is64 = pc[0].half[1 - kLowHalf];
    const uint64_t offset = pc[1].u64;
    pc += 2;
    sp -= n;
    const uint64_t addr = is64 ? sp[0] : static_cast<uint32_t>(sp[0]);
    uint64_t ea;
    uint8_t* at = atomic_at<Bytes>(mi.mem, addr, offset, ea);
    if constexpr (K == Kind::LOAD) {
      sp[0] = load<T>(at);
      ++sp;
    } else if constexpr (K == Kind::STORE) {
      store<T>(at, sp[1]);
    } else if constexpr (K == Kind::CMPXCHG) {
      sp[0] = cmpxchg<T>(at, sp[1], sp[2]);
      ++sp;
    } else if constexpr (K == Kind::WAIT) {
      sp[0] = wait(mi, ea, at, Bytes, Bytes == 4 ? static_cast<uint32_t>(sp[1]) : sp[1], static_cast<int64_t>(sp[2]),
                   S->interrupted);
      ++sp;
    } else if constexpr (K == Kind::NOTIFY) {
      sp[0] = notify(mi, ea, static_cast<uint32_t>(sp[1]));
      ++sp;
    } else {
      sp[0] = rmw<K, T>(at, sp[1]);
      ++sp;
    }
  }
}

}  // namespace wasmrun::interp::atomic
