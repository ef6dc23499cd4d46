#include "interp/runtime/value_check.h"

#include "interp/exec/exceptions.h"

namespace wasmrun::interp {

namespace {

// The top of t's hierarchy, a defined type's by its kind.
ValType hierarchy_of(const Store::Impl& S, ValType t) {
  const HeapType h = t.heap();
  if (h.kind == HeapType::Kind::Canon) return S.types.kind(h.value) == Composite::Func ? ValType::FuncRef : ValType::AnyRef;
  return ref_hierarchy(t);
}

bool is_bottom(HeapType h) {
  if (!h.is_abstract()) return false;
  switch (h.abstract()) {
    case AbsHeap::None:
    case AbsHeap::NoFunc:
    case AbsHeap::NoExtern:
    case AbsHeap::NoExn: return true;
    default: return false;
  }
}

}  // namespace

bool value_fits(Store::Impl& S, const Value& v, ValType t) {
  if (!t.is_ref()) return v.type == t;
  if (!v.type.is_ref()) return false;
  const ValType top = hierarchy_of(S, t);
  if (ref_hierarchy(v.type) != top) return false;
  const uintptr_t w = v.ref;
  if (w == 0) return t.nullable();
  const HeapType h = t.heap();
  if (is_bottom(h)) return false;
  if (top == ValType::FuncRef) {
    if (h.kind == HeapType::Kind::Canon) return S.types.is_subtype(impl(v.func())->type_id, h.value);
    return true;
  }
  if (top == ValType::ExnRef) return S.exceptions && S.exceptions->owns(reinterpret_cast<const void*>(w));
  // The any and extern hierarchies share their words (gc_heap.h).
  const bool object = is_pointer_word(w);
  if (object ? !(S.gc && S.gc->contains(w)) : !is_i31_word(w) && !is_host_extern_word(w)) return false;
  if (top == ValType::ExternRef) return true;
  const GcObject* o = object ? reinterpret_cast<const GcObject*>(w) : nullptr;
  if (h.kind == HeapType::Kind::Canon) return o && S.types.is_subtype(o->type->canon_id, h.value);
  if (!h.is_abstract()) return false;  // a module's index: not meaningful to the host
  switch (h.abstract()) {
    case AbsHeap::Eq: return o || is_i31_word(w);
    case AbsHeap::I31: return is_i31_word(w);
    case AbsHeap::Struct: return o && o->type->kind == Composite::Struct;
    case AbsHeap::Array: return o && o->type->kind == Composite::Array;
    default: return true;  // any
  }
}

}  // namespace wasmrun::interp
