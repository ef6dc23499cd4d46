// The validator: checks a decoded module against the WebAssembly
// validation rules (types, indices, constant expressions, function bodies).
// Errors are wasmrun::Error of kind Invalid with the test suite's message.
#pragma once

#include <cstdint>
#include <vector>

#include "loader/module.h"
#include "loader/opcode.h"
#include "wasmrun/features.h"

namespace wasmrun {

// What checking a function body needs beyond the module itself: the parts
// of the specification's context C that module-level validation computes.
struct BodyContext {
  std::vector<ValType> elem_types;    // type of each element segment
  std::vector<bool> declared_refs;    // functions ref.func may name in bodies
  // Custom descriptors: its typing rules are on (exact results of
  // allocations and ref.func, br_on_cast's relaxed source and target), and
  // per function index whether ref.func's reference is exact (a defined
  // function or an exact import).
  bool custom_descriptors = false;
  std::vector<bool> exact_funcs;
};

enum class BodyValidation : uint8_t {
  Eager,     // validate every function body now (several threads for big modules)
  Deferred,  // leave them to validate_deferred_body, one by one (lazy validation)
};

// The numeric instructions that extended-const allows in constant
// expressions: i32 and i64 add, sub and mul. (The interpreter's semantics
// table marks the same rows CONSTANT and checks that it agrees.)
constexpr bool is_extended_const_op(Op op) {
  return op == Op::I32Add || op == Op::I32Sub || op == Op::I32Mul || op == Op::I64Add || op == Op::I64Sub ||
         op == Op::I64Mul;
}

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
