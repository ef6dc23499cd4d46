// The validator: checks a decoded module against the WebAssembly
// validation rules (types, indices, constant expressions, function bodies).
// Errors are wasmrun::Error of kind Invalid with the test suite's message.
#pragma once

#include <cstdint>
#include <vector>

#include "loader/module.h"
#include "wasmrun/features.h"

namespace wasmrun {

// What checking a function body needs beyond the module itself: the parts
// of the specification's context C that module-level validation computes.
struct BodyContext {
  std::vector<ValType> elem_types;    // type of each element segment
  std::vector<bool> declared_refs;    // functions ref.func may name in bodies
};

enum class BodyValidation : uint8_t {
  Eager,     // validate every function body now (several threads for big modules)
  Deferred,  // leave them to validate_deferred_body, one by one (lazy validation)
};

// Validates the module; returns what validate_deferred_body needs.
BodyContext validate_module(const Module& module, const Features& features,
                            BodyValidation bodies = BodyValidation::Eager);

// Checks one defined function (`defined_index` into module.functions) of a
// module decoded without DecodeOptions::scan_bodies and validated with
// BodyValidation::Deferred: first its syntax (Malformed), then its
// validity (Invalid). `context` is what validate_module returned.
void validate_deferred_body(const Module& module, const Features& features, const BodyContext& context,
                            uint32_t defined_index);

}  // namespace wasmrun
