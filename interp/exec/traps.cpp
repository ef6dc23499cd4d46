#include "interp/exec/traps.h"

#include <string>

#include "interp/runtime/type_registry.h"
#include "wasmrun/error.h"

namespace wasmrun::interp {

[[gnu::cold, gnu::noinline]] void trap_unreachable() { throw_trap("unreachable"); }
[[gnu::cold, gnu::noinline]] void trap_table_oob() { throw_trap("out of bounds table access"); }
[[gnu::cold, gnu::noinline]] void trap_undefined_element() { throw_trap("undefined element"); }
[[gnu::cold, gnu::noinline]] void trap_uninitialized_element(uint64_t index) {
  throw_trap("uninitialized element " + std::to_string(index));
}
[[gnu::cold, gnu::noinline]] void trap_indirect_mismatch() { throw_trap("indirect call type mismatch"); }
[[gnu::cold, gnu::noinline]] void trap_unless_subtype(const TypeRegistry* types, uint32_t actual, uint32_t expected) {
  if (!types || !types->is_subtype(actual, expected)) throw_trap("indirect call type mismatch");
}
[[gnu::cold, gnu::noinline]] void trap_null_function() { throw_trap("null function reference"); }
[[gnu::cold, gnu::noinline]] void trap_null_reference() { throw_trap("null reference"); }
[[gnu::cold, gnu::noinline]] void trap_stack_exhausted() { throw_exhaustion("call stack exhausted"); }
[[gnu::cold, gnu::noinline]] void trap_limits(int64_t& fuel, std::atomic<bool>& interrupted) {
  if (interrupted.exchange(false, std::memory_order_relaxed)) {
    if (fuel < 0) fuel = 0;
    throw_trap("interrupted");
  }
  fuel = 0;
  throw_trap("all fuel consumed");
}

}  // namespace wasmrun::interp
