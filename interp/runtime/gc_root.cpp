// wasmrun::GcRoot (include/wasmrun/gc.h): a pin in the store's GC heap.
#include "wasmrun/gc.h"

#include "interp/runtime/runtime.h"

namespace wasmrun {

GcRoot::GcRoot(Store& store, const Value& ref) : value_(ref) {
  // Functions belong to the store; i31s and host references are values.
  if (!interp::may_name_collected(ref)) return;
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
