// The one path by which the interpreter's loads and stores reach memory.
//
// memory_at serves the fast forms, which reach memory 0 with 32-bit
// addresses and 64 KiB pages; any_memory_at serves the _M forms
// (handlers_any_memory.inc) for every other memory.
//
// Every scalar, fused and SIMD access computes a 64-bit effective address
// (a 32-bit address plus a 32-bit offset: it cannot overflow) and gets its
// host pointer here. With BoundsMode::Explicit that compares the access's
// end with the memory's size; with BoundsMode::Guard it compares nothing,
// because memory 0 is guarded (interp/exec/bounds_mode.h) and an access past
// the end faults into the trap.
#pragma once

#include <cstdint>

#include "interp/exec/bounds_mode.h"
#include "memory/linear_memory.h"

namespace wasmrun::interp {

template <BoundsMode M, unsigned Bytes>
[[gnu::always_inline]] inline uint8_t* memory_at(uint8_t* base, uint64_t size, uint64_t ea) {
  if constexpr (M == BoundsMode::Explicit) {
    if (ea + Bytes > size) [[unlikely]] trap_out_of_bounds();
  } else {
    (void)size;
  }
  return base + ea;
}

// The host address of an access of Bytes bytes at addr + offset of any
// memory (another index, 64-bit addresses, small pages): always an
// explicit check, and addr + offset + Bytes is never computed in a way
// that could wrap (LinearMemory::in_bounds), so a 64-bit address near
// 2^64 with an offset traps rather than wrapping into the memory.
template <unsigned Bytes>
[[gnu::always_inline]] inline uint8_t* any_memory_at(LinearMemory& m, uint64_t addr, uint64_t offset) {
  if (!m.in_bounds(addr, offset, Bytes)) [[unlikely]] trap_out_of_bounds();
  return m.base() + addr + offset;
}

}  // namespace wasmrun::interp
