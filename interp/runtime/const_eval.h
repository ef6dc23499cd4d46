// Constant expressions (valid/instructions.rst "Constant Expressions",
// exec: evaluated in the instance being built): global initializers,
// segment offsets and element items.
#pragma once

#include <cstdint>
#include <span>

#include "interp/runtime/runtime.h"

namespace wasmrun::interp {

// Evaluates `expr` with the functions and globals `inst` has so far;
// writes its value as stack slots (two for v128) to out[0..2).
void eval_const(std::span<const uint8_t> expr, const InstanceImpl& inst, const Features& features, uint64_t out[2]);

}  // namespace wasmrun::interp
