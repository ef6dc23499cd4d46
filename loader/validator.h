// The validator: checks a decoded module against the WebAssembly
// validation rules (types, indices, constant expressions, function bodies).
// Errors are wasmrun::Error of kind Invalid with the test suite's message.
#pragma once

#include "loader/module.h"
#include "wasmrun/features.h"

namespace wasmrun {

void validate_module(const Module& module, const Features& features);

}  // namespace wasmrun
