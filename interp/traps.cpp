#include "interp/traps.h"

#include <string>

#include "wasmrun/error.h"

namespace wasmrun::interp {

[[gnu::cold, gnu::noinline]] void trap_unreachable() { throw_trap("unreachable"); }
[[gnu::cold, gnu::noinline]] void trap_table_oob() { throw_trap("out of bounds table access"); }
[[gnu::cold, gnu::noinline]] void trap_undefined_element() { throw_trap("undefined element"); }
[[gnu::cold, gnu::noinline]] void trap_uninitialized_element(uint64_t index) {
  throw_trap("uninitialized element " + std::to_string(index));
}
[[gnu::cold, gnu::noinline]] void trap_indirect_mismatch() { throw_trap("indirect call type mismatch"); }
[[gnu::cold, gnu::noinline]] void trap_stack_exhausted() { throw_exhaustion("call stack exhausted"); }

}  // namespace wasmrun::interp
