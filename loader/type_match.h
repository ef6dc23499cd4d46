// Subtyping and equality of value types within one module (WebAssembly
// 3.0, "Matching"): the loader's and validator's types, whose defined heap
// types are the module's type indices.
//
// Defined types are function types in singleton recursion groups for now:
// two indices denote the same type when their definitions are structurally
// equal (after naming each referenced type by its own class).
// `type_classes` gives each type index the number of its class, computed
// in definition order without recursion; GC's recursion groups and
// declared supertypes plug in here.
#pragma once

#include <cstdint>
#include <vector>

#include "wasmrun/types.h"

namespace wasmrun {

struct Module;

// One number per type of `types`: equal numbers for equal types. A type's
// references to itself count as equal to any other type's references to
// itself.
std::vector<uint32_t> type_classes(const std::vector<FuncType>& types);

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

// A type with a default value (numbers, vectors, nullable references):
// locals of other types must be set before they are read.
inline bool defaultable(ValType t) { return !t.is_ref() || t.nullable(); }

}  // namespace wasmrun
