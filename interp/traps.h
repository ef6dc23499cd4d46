// Cold, out-of-line trap functions with the test suite's messages, so the
// handlers' fast paths are one compare and a never-taken call.
#pragma once

#include <cstdint>

namespace wasmrun::interp {

[[noreturn]] void trap_unreachable();
[[noreturn]] void trap_table_oob();
[[noreturn]] void trap_undefined_element();
[[noreturn]] void trap_uninitialized_element(uint64_t index);
[[noreturn]] void trap_indirect_mismatch();
[[noreturn]] void trap_stack_exhausted();
// Numeric traps: interp/numerics.h; out of bounds memory:
// wasmrun::trap_out_of_bounds (memory/linear_memory.h).

}  // namespace wasmrun::interp
