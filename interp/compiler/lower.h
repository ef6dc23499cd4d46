// The compiler's first pass: a validated function body -> fused
// instruction records (code_records.h).
#pragma once

#include <cstdint>

#include "interp/compiler/code_records.h"
#include "loader/module.h"
#include "wasmrun/features.h"

namespace wasmrun::interp {

// Lowers defined function `func_index` (in the module's function index
// space) of a validated module. Throws Trap "unsupported instruction: NAME"
// for what this interpreter does not execute yet. With `metered`, adds the
// CheckLimits records; with `fuse` false, emits the plain register form of
// every instruction (set_fusion_for_testing).
LoweredFunction lower(const Module& module, uint32_t func_index, const Features& features, bool metered, bool fuse);

}  // namespace wasmrun::interp
