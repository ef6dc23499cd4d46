// ref.test, ref.cast and br_on_cast (3.0, exec "ref.test"): whether a
// reference word (gc_heap.h) has a type. The compiler classifies the
// target heap type once (RefTestKind), so a test is a few compares: for
// abstract types a tag or kind check, for a defined type one display
// compare in the store's TypeRegistry (constant time for any type whose
// supertype chain fits the display).
#pragma once

#include <cstdint>

#include "interp/runtime/runtime.h"

namespace wasmrun::interp {

enum class RefTestKind : uint8_t {
  NonNull,      // any, func, extern, exn: every non-null reference
  Eq,           // i31 or an object
  I31,
  Struct,       // any struct object
  Array,        // any array object
  Nothing,      // none, nofunc, noextern, noexn: only null (if allowed)
  DefinedData,  // a defined struct or array type: by subtyping
  DefinedFunc,  // a defined function type: by subtyping
  ExactData,    // custom descriptors' (exact $t) of a struct or array type: that type alone
  ExactFunc,    // (exact $t) of a function type
};
inline constexpr uint32_t kRefTestNullable = 256;

// The test for an abstract heap type.
constexpr RefTestKind abstract_test_kind(AbsHeap a) {
  switch (a) {
    case AbsHeap::Eq: return RefTestKind::Eq;
    case AbsHeap::I31: return RefTestKind::I31;
    case AbsHeap::Struct: return RefTestKind::Struct;
    case AbsHeap::Array: return RefTestKind::Array;
    case AbsHeap::None:
    case AbsHeap::NoFunc:
    case AbsHeap::NoExtern:
    case AbsHeap::NoExn: return RefTestKind::Nothing;
    default: return RefTestKind::NonNull;
  }
}

// `test` is a RefTestKind plus kRefTestNullable when null passes;
// `type_index` the target's index in inst's module for the defined kinds.
inline bool ref_test(const InstanceImpl* inst, uintptr_t w, uint32_t test, uint32_t type_index) {
  if (w == 0) return (test & kRefTestNullable) != 0;
  switch (static_cast<RefTestKind>(test & 0xFF)) {
    case RefTestKind::NonNull: return true;
    case RefTestKind::Eq: return is_i31_word(w) || is_pointer_word(w);
    case RefTestKind::I31: return is_i31_word(w);
    case RefTestKind::Struct:
      return is_pointer_word(w) && reinterpret_cast<const GcObject*>(w)->type->kind == Composite::Struct;
    case RefTestKind::Array:
      return is_pointer_word(w) && reinterpret_cast<const GcObject*>(w)->type->kind == Composite::Array;
    case RefTestKind::Nothing: return false;
    case RefTestKind::DefinedData:
      return is_pointer_word(w) && inst->type_registry->is_subtype(reinterpret_cast<const GcObject*>(w)->type->canon_id,
                                                                   inst->type_ids[type_index]);
    case RefTestKind::DefinedFunc:
      return inst->type_registry->is_subtype(reinterpret_cast<const FuncImpl*>(w)->type_id, inst->type_ids[type_index]);
    case RefTestKind::ExactData:
      return is_pointer_word(w) && reinterpret_cast<const GcObject*>(w)->type->canon_id == inst->type_ids[type_index];
    case RefTestKind::ExactFunc: return reinterpret_cast<const FuncImpl*>(w)->type_id == inst->type_ids[type_index];
  }
  return false;
}

}  // namespace wasmrun::interp
