// Internal to the validator: what the module-level checks hand to the
// function-body checker (the specification's context C).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "loader/module.h"
#include "wasmrun/features.h"

namespace wasmrun {

struct ValidationContext {
  const Module& module;
  const Features& features;
  std::vector<ValType> elem_types;    // type of each element segment
  std::vector<bool> declared_refs;    // functions ref.func may name in bodies
};

// Validates one defined function's body (throws Invalid).
void validate_function(const ValidationContext& ctx, const Function& fn);

}  // namespace wasmrun
