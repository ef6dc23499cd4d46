// The binary decoder: turns a module's bytes into the module IR.
//
// Decoding only checks what the binary format itself requires (the
// specification's "malformed" class); everything else is the validator's
// job. Errors are wasmrun::Error of kind Malformed, with the test suite's
// message text.
#pragma once

#include <cstdint>
#include <span>

#include "loader/module.h"
#include "wasmrun/features.h"

namespace wasmrun {

// Decodes a whole module. The bytes are copied into Module::bytes, so the
// caller's buffer need not outlive the result.
Module decode_module(std::span<const uint8_t> bytes, const Features& features);

// Upper bound on the locals (parameters excluded) a function may declare.
// The specification allows up to 2^32-1; engines must pick a bound so that a
// tiny module cannot demand gigabytes of frame.
inline constexpr uint64_t kMaxFunctionLocals = 50000;

}  // namespace wasmrun
