// Iso-recursive type equivalence (WebAssembly 3.0, "Type Equivalence"):
// two types are equal when their recursion groups are structurally equal
// and they sit at the same position in them. A group is compared in its
// closed form: references to types of the group itself become relative
// `Rec` indices, references to earlier types become the canonical ids of
// those types. So a group's key, a string of words, is equal for equal
// groups, and canonical ids are handed out per key.
//
// The module's ids (Module::type_canon, for validation) and the store's
// (interp TypeRegistry, across modules) use the same keys, with
// `outside_ids` naming the earlier types in their own numbering.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "loader/type_defs.h"

namespace wasmrun {

struct Module;

// Appends the key of the recursion group [begin, begin + size) of the
// module's types. A reference to a type index j < begin is written as
// Canon(outside_ids[j]).
void append_rec_group_key(const std::vector<FuncType>& types, const std::vector<SubType>& defs, uint32_t begin,
                          uint32_t size, const std::vector<uint32_t>& outside_ids, std::string& key);

// The key of a final function type without a supertype in a group of its
// own whose references are abstract or canonical already (a host
// function's type): equal to what append_rec_group_key gives for such a
// module type.
void append_func_type_key(const FuncType& ft, std::string& key);

// Per type index, ids equal exactly for equal types (within the module).
// Types must refer only to types of their own or earlier groups (the
// decoder's bound); the ids of a group are consecutive.
std::vector<uint32_t> canonical_type_ids(const std::vector<FuncType>& types, const std::vector<SubType>& defs);

}  // namespace wasmrun
