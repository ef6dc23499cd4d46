// The binary decoder: turns a module's bytes into the module IR.
//
// Decoding only checks what the binary format itself requires (the
// specification's "malformed" class); everything else is the validator's
// job. Errors are wasmrun::Error of kind Malformed, with the test suite's
// message text.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "loader/module.h"
#include "wasmrun/features.h"

namespace wasmrun {

// See DecodeOptions::fetch_code.
using CodeFetch = std::function<std::span<const uint8_t>(size_t offset, size_t size)>;

struct DecodeOptions {
  // Scan every function body's instructions while decoding, so that a
  // malformed body (an illegal opcode or immediate, a misplaced `else`, a
  // missing final `end`, memory.init or data.drop without a data count
  // section) fails decoding. Off, only each body's header (size and
  // locals) is read, and check_body_syntax must pass on a body before it
  // is validated or compiled: lazy validation does that on first call.
  bool scan_bodies = true;
  // Set when the code section's contents are not in module.bytes (a big
  // file loaded lazily, loader/module_file.h): returns the module's bytes
  // from `offset` on, at least `size` of them unless the module ends first,
  // valid until the next call. The decoder reads the code section's count
  // and each body's size and header (locals) through it, and nothing else
  // of the bodies, which stay unread until their first call. Only with
  // scan_bodies off.
  CodeFetch fetch_code;
};

// Decodes a whole module. The bytes are copied into Module::bytes, so the
// caller's buffer need not outlive the result.
Module decode_module(std::span<const uint8_t> bytes, const Features& features, const DecodeOptions& options = {});
// The same, taking over the caller's buffer (no copy).
Module decode_module(std::vector<uint8_t>&& bytes, const Features& features, const DecodeOptions& options = {});

// Decodes module.bytes into the rest of `module`, which must be otherwise
// empty. On error, module.bytes are still there (the rest is unspecified).
void decode_into(Module& module, const Features& features, const DecodeOptions& options = {});

// The checks DecodeOptions::scan_bodies makes, for one body of a module
// decoded without them; the body is read within its declared size. Throws
// Malformed.
void check_body_syntax(const Module& module, const Function& fn, const Features& features);

// Reads instructions from `code` (whose first byte is at `base_offset` in
// the module) up to the `end` that closes a function body; returns the
// offset just past it. Sets `uses_data_index` if memory.init or data.drop
// occur. Throws Malformed.
size_t scan_instructions(std::span<const uint8_t> code, size_t base_offset, const Features& features,
                         bool& uses_data_index);

// Upper bound on the locals (parameters excluded) a function may declare.
// The specification allows up to 2^32-1; engines must pick a bound so that a
// tiny module cannot demand gigabytes of frame.
inline constexpr uint64_t kMaxFunctionLocals = 50000;

}  // namespace wasmrun
