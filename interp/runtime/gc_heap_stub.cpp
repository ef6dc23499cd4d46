// Stand-in for gc_heap.cpp until the collector lands: allocates, never frees.
#include <cstdlib>
#include <new>

#include "interp/runtime/runtime.h"

namespace wasmrun::interp {

struct GcHeap::State {};
GcHeap::GcHeap(Store::Impl& store) : store_(store) {}
GcHeap::~GcHeap() = default;
GcObject* GcHeap::allocate(const GcTypeInfo* type, uint32_t length, size_t payload_bytes, const uint64_t*) {
  auto* o = static_cast<GcObject*>(std::calloc(1, sizeof(GcObject) + payload_bytes));
  if (!o) throw std::bad_alloc();
  o->type = type;
  o->length = length;
  return o;
}
void GcHeap::collect(const uint64_t*) {}
bool GcHeap::contains(uintptr_t) const { return false; }
void GcHeap::pin(uintptr_t) {}
void GcHeap::unpin(uintptr_t) {}
GcHeap& gc_heap(Store::Impl& S) {
  if (!S.gc) S.gc = std::make_unique<GcHeap>(S);
  return *S.gc;
}

}  // namespace wasmrun::interp
