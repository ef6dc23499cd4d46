// Subtyping and equality of value types within one module (WebAssembly
// 3.0, "Matching"): the loader's and validator's types, whose defined heap
// types are the module's type indices.
//
// Two indices denote the same type when their canonical ids
// (Module::type_canon, type_canon.h) are equal; a defined type matches
// another when the other is on its declared supertype chain. Chains are
// walked iteratively: every declared supertype has a smaller index.
#pragma once

#include <cstdint>
#include <vector>

#include "loader/type_defs.h"
#include "wasmrun/types.h"

namespace wasmrun {

struct Module;

// The abstract lattice alone: a <: b.
bool abs_heap_matches(AbsHeap a, AbsHeap b);
// The top of an abstract type's hierarchy: func, extern, exn or any.
AbsHeap abs_heap_top(AbsHeap a);
// Whether a defined type of kind `c` matches the abstract type `b`
// ((ref $s) <: (ref struct), ...).
bool defined_matches_abs(Composite c, AbsHeap b);
// Whether the abstract type `a` matches a defined type of kind `c` (a
// bottom type: nofunc for functions, none for structs and arrays).
bool abs_matches_defined(AbsHeap a, Composite c);

// The abstract type at the top of `h`'s hierarchy: func, extern, exn or any.
AbsHeap heap_top(HeapType h, const Module& m);

bool types_equal(HeapType a, HeapType b, const Module& m);
// a <: b
bool heap_matches(HeapType a, HeapType b, const Module& m);
// a <: b, with the validator's unknown operand (no type) matching any.
bool val_matches(ValType a, ValType b, const Module& m);
inline bool val_matches_fast(ValType a, ValType b, const Module& m) { return a == b || val_matches(a, b, m); }
// Every type of `a` matches its counterpart in `b` (equal lengths).
bool vals_match(const std::vector<ValType>& a, const std::vector<ValType>& b, const Module& m);
// Storage types (a struct's or array's fields): packed types match only
// themselves.
bool storage_matches(ValType a, ValType b, const Module& m);
// The definition of type index `sub` matches its declared supertype
// `super`'s structurally (func: contravariant parameters, covariant
// results; struct: a prefix; mutable fields invariant).
bool composite_matches(uint32_t sub, uint32_t super, const Module& m);

// A type with a default value (numbers, vectors, nullable references):
// locals of other types must be set before they are read.
inline bool defaultable(ValType t) { return !t.is_ref() || t.nullable(); }

}  // namespace wasmrun
