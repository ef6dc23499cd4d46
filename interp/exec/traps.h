// Cold, out-of-line trap functions with the test suite's messages, so the
// handlers' fast paths are one compare and a never-taken call.
#pragma once

#include <atomic>
#include <cstdint>

namespace wasmrun::interp {

[[noreturn]] void trap_unreachable();
[[noreturn]] void trap_table_oob();
[[noreturn]] void trap_undefined_element();
[[noreturn]] void trap_uninitialized_element(uint64_t index);
[[noreturn]] void trap_indirect_mismatch();
class TypeRegistry;
// call_indirect's path when the callee's type id is not the expected one:
// returns if it is a subtype (declared with GC's `sub`), traps otherwise.
void trap_unless_subtype(const TypeRegistry* types, uint32_t actual, uint32_t expected);
[[noreturn]] void trap_null_function();
[[noreturn]] void trap_null_reference();
[[noreturn]] void trap_stack_exhausted();
// A CheckLimits that found the fuel spent or an interrupt requested:
// clears the request or the overdraft, then traps.
[[noreturn]] void trap_limits(int64_t& fuel, std::atomic<bool>& interrupted);
// Numeric traps: interp/semantics/numerics.h; out of bounds memory:
// wasmrun::trap_out_of_bounds (memory/linear_memory.h).

}  // namespace wasmrun::interp
