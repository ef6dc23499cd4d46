// The interpreter: runs compiled code (code.h) on the store's stacks.
#pragma once

#include <span>
#include <vector>

#include "interp/runtime/runtime.h"

namespace wasmrun::interp {

// Store::call: checks the arguments (Usage error), runs `f` and returns its
// results. Re-entrant: a host function may call back into wasm.
std::vector<Value> invoke(Store::Impl& store, FuncImpl* f, std::span<const Value> args);

// The function's code, compiling it on first use.
const Code* ensure_compiled(FuncImpl* f);

// Calls host function `f` with its arguments in the top slots of `sp`;
// returns the new stack top, results in place of the arguments.
uint64_t* call_host(Store::Impl& store, FuncImpl* f, uint64_t* sp, InstanceImpl* caller);

}  // namespace wasmrun::interp
