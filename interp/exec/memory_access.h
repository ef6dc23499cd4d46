// The one path by which the interpreter's loads and stores reach memory 0.
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

}  // namespace wasmrun::interp
