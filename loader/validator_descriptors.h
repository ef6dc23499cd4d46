// The custom descriptors proposal's validation rules: the `descriptor` and
// `describes` clauses of type definitions (validator_descriptors.cpp).
// The instructions' rules are with GC's (validator_gc.cpp), whose
// descriptor-specific parts (which descriptor a type has) come from here.
#pragma once

#include <cstdint>

#include "loader/instr_reader.h"
#include "loader/module.h"
#include "loader/validator.h"
#include "loader/validator_gc.h"

namespace wasmrun {

// Type i's own clauses: both name types of its recursion group, the
// descriptor describes i back, the described type comes before i and has
// i as its descriptor, and only struct types have either clause.
void validate_descriptor_clauses(const Module& m, uint32_t i);
// Type i against its declared supertype: a descriptor's supertype has the
// supertype's descriptor above it, a described type's supertype describes
// a supertype of it, and neither clause appears on only one side (except a
// descriptor below a supertype without one).
void validate_descriptor_subtyping(const Module& m, uint32_t i);

// Whether `op` is one of the proposal's instructions
// (validate_descriptor_instr's).
bool is_descriptor_op(Op op);

// Types struct.new_desc, struct.new_default_desc, ref.get_desc,
// ref.cast_desc_eq and br_on_cast_desc_eq(_fail)'s descriptor operand; for
// the branches, the rest is br_on_cast's rule, which the caller applies.
void validate_descriptor_instr(const Instr& in, const Module& m, OperandStack& s);

// struct.new and struct.new_default may not make a type with a descriptor
// ("type with descriptor requires descriptor allocation").
void check_plain_allocation(const Module& m, uint32_t type_index);

// The type of `ref.func f`: (ref $t), exact (custom descriptors) for a
// defined function or an exact import.
ValType func_ref_type(const Module& m, const BodyContext& body, uint32_t func);

// The result of an allocation of type index `x`: (ref $x), exact with the
// proposal on.
inline ValType allocated_type(const BodyContext& body, uint32_t x) {
  return ValType::ref(HeapType::index(x).with_exact(body.custom_descriptors), false);
}

}  // namespace wasmrun
