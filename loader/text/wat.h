// The WebAssembly text format, compiled to the binary format so that text
// and binary modules share one decoder.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "wasmrun/features.h"

namespace wasmrun {

// Encodes a .wat module (with or without the `(module ...)` wrapper).
// Throws Error (Malformed), located at a line and column, on any syntax
// error.
std::vector<uint8_t> wat_to_binary(std::string_view source, const Features& features);

}  // namespace wasmrun
