// wasmrun::GcRoot (include/wasmrun/gc.h): a pin in the store's GC heap.
#include "wasmrun/gc.h"

#include "interp/runtime/runtime.h"

namespace wasmrun {

namespace {

// Only a word that may point to a collected object needs pinning:
// functions are owned by the store, i31s and host references are values.
bool needs_pin(const Value& v) {
  if (!v.type.is_ref() || !interp::is_pointer_word(v.ref)) return false;
  const HeapType h = v.type.heap();
  return !h.is_abstract(AbsHeap::Func) && !h.is_abstract(AbsHeap::NoFunc);
}

}  // namespace

GcRoot::GcRoot(Store& store, const Value& ref) : value_(ref) {
  if (!needs_pin(ref)) return;
  interp::gc_heap(store.impl()).pin(ref.ref);
  store_ = &store;
}

void GcRoot::reset() {
  if (!store_) return;
  // The heap exists: the constructor made it.
  store_->impl().gc->unpin(value_.ref);
  store_ = nullptr;
}

}  // namespace wasmrun
