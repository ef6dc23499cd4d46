// The compiler: a validated function body -> internal code (code.h).
#pragma once

#include <cstdint>
#include <memory>

#include "interp/code.h"
#include "loader/module.h"
#include "wasmrun/features.h"

namespace wasmrun::interp {

// Compiles defined function `func_index` (in the module's function index
// space, imports included) of a validated module. Throws Trap
// "unsupported instruction: NAME" for instructions this interpreter does
// not execute yet (a memory index other than 0: multi-memory).
// With `metered`, the code charges fuel and checks for interrupts at the
// function's entry and every loop iteration (CheckLimits).
std::unique_ptr<Code> compile_function(const Module& module, uint32_t func_index, const Features& features,
                                       bool metered = false);

// For tests: with `on` false, functions compiled from now on get no fused
// instructions, no folded operands and no redirected results (the plain
// register form of every instruction), so the two can be compared.
void set_fusion_for_testing(bool on);

}  // namespace wasmrun::interp
