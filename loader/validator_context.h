// Internal to the validator: what the module-level checks hand to the
// function-body checker (the specification's context C).
#pragma once

#include <cstdint>
#include <memory>

#include "loader/module.h"
#include "loader/validator.h"
#include "wasmrun/features.h"

namespace wasmrun {

struct ValidationContext {
  const Module& module;
  const Features& features;
  const BodyContext& body;
};

// The type section's rules (validator_types.cpp): supertypes declared
// before, not final, matched structurally.
void validate_type_section(const Module& m);
// A type index used as a function type: defined, and a function type
// ("unknown type", "type mismatch"), at `offset`.
void check_func_type_index(const Module& m, uint32_t idx, size_t offset);

// Checks function bodies one after another, reusing its stacks: one per
// thread.
class FunctionValidator {
 public:
  explicit FunctionValidator(const ValidationContext& ctx);
  ~FunctionValidator();
  FunctionValidator(const FunctionValidator&) = delete;
  FunctionValidator& operator=(const FunctionValidator&) = delete;

  // Validates the body of module.functions[defined_index] (throws Invalid,
  // located in the function).
  void validate(uint32_t defined_index);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace wasmrun
