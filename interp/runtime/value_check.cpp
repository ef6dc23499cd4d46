#include "interp/runtime/value_check.h"

#include "interp/exec/exceptions.h"
#include "interp/exec/ref_test.h"

namespace wasmrun::interp {

namespace {

// The top of t's hierarchy, a defined type's by its kind.
ValType hierarchy_of(const Store::Impl& S, ValType t) {
  const HeapType h = t.heap();
  if (h.kind == HeapType::Kind::Canon) return S.types.kind(h.value) == Composite::Func ? ValType::FuncRef : ValType::AnyRef;
  return ref_hierarchy(t);
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
  // A defined type: by subtyping, or the type itself when exact.
  auto is_of = [&](uint32_t id) { return h.exact ? id == h.value : S.types.is_subtype(id, h.value); };
  const bool defined = h.kind == HeapType::Kind::Canon;
  if (top == ValType::FuncRef) {
    if (defined) return is_of(impl(v.func())->type_id);
  } else if (top == ValType::ExnRef) {
    if (!S.exceptions || !S.exceptions->owns(reinterpret_cast<const void*>(w))) return false;
  } else {
    // The any and extern hierarchies share their words (gc_heap.h): an
    // object must be one of this store's heap.
    const bool object = is_pointer_word(w);
    if (object ? !(S.gc && S.gc->contains(w)) : !is_i31_word(w) && !is_host_extern_word(w)) return false;
    if (defined) return object && is_of(reinterpret_cast<const GcObject*>(w)->type->canon_id);
  }
  if (!h.is_abstract()) return false;  // a module's index: not meaningful to the host
  return ref_test(nullptr, w, static_cast<uint32_t>(abstract_test_kind(h.abstract())), 0);
}

}  // namespace wasmrun::interp
