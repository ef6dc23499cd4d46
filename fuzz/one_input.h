// What each fuzz target does with one input, shared by the libFuzzer
// targets (fuzz_*.cpp) and the unit test that replays fuzz/regressions/.
// Each returns normally for any input: an error the input deserves is a
// wasmrun::Error, caught here; a crash, sanitizer report or hang is a bug.
#pragma once

#include <cstddef>
#include <cstdint>

namespace wasmrun::fuzz {

// A binary module through the decoder and the validator (every function
// body, eagerly).
void decode_one(const uint8_t* data, size_t size);

// Text through the .wat parser and the .wast script parser; what the text
// parser encodes (and each quoted or binary module of a script) then goes
// through the decoder and validator.
void text_one(const uint8_t* data, size_t size);

// A binary module decoded, validated and instantiated with an import made
// up for each of its imports (host functions that return zeros, fresh
// tables, memories and globals), then every exported function called with
// zero arguments. Store limits keep memories, tables and stacks small;
// there is no fuel yet, so a guest that loops forever runs until the
// caller's timeout.
void run_one(const uint8_t* data, size_t size);

}  // namespace wasmrun::fuzz
