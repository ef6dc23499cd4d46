#include "interp/runtime/gc_mark.h"

#include <cstring>

#include "interp/exec/exceptions.h"

namespace wasmrun::interp {

Marker::Marker(Store::Impl& S) : S_(S), heap_(S.gc.get()), pool_(S.exceptions.get()) {}

void Marker::reach(uintptr_t word) {
  if (!is_pointer_word(word)) return;
  if (heap_) {
    const GcHeap::MarkOutcome outcome = heap_->mark(word);
    if (outcome == GcHeap::MarkOutcome::AlreadyMarked) return;
    if (outcome == GcHeap::MarkOutcome::Marked) {
      // An object with nothing to trace needs no second visit.
      const GcTypeInfo* type = reinterpret_cast<const GcObject*>(word)->type;
      if (type && (!type->traced_offsets.empty() || type->traced_elements)) work_.push_back(word);
      return;
    }
  }
  if (pool_) {
    ExceptionObject* e = pool_->find(word);
    if (!e || e->marked) return;
    e->marked = true;
    work_.push_back(word | 1);
  }
}

// Funcrefs point to store-owned functions, never to collected objects:
// their tables (often large) are not scanned. Without a GC heap only the
// exn hierarchy can hold collected objects.
bool Marker::may_hold_collected(ValType t) const {
  if (!t.is_ref()) return false;
  const HeapType h = t.heap();
  if (h.is_abstract(AbsHeap::Exn) || h.is_abstract(AbsHeap::NoExn)) return true;
  if (!heap_) return false;
  return !h.is_abstract(AbsHeap::Func) && !h.is_abstract(AbsHeap::NoFunc);
}

void Marker::reach_roots(const uint64_t* live_top) {
  if (S_.stack) {
    const uint64_t* base = S_.stack.get();
    const uint64_t* top = live_top && live_top >= base && live_top <= S_.stack_end ? live_top : S_.sp_top;
    for (const uint64_t* p = base; p < top; ++p) reach(static_cast<uintptr_t>(*p));
  }
  for (const auto& g : S_.globals)
    if (may_hold_collected(g->ty.type)) reach(static_cast<uintptr_t>(g->val[0]));
  for (const auto& t : S_.tables)
    if (may_hold_collected(t->ty.elem))
      for (uintptr_t r : t->elems) reach(r);
  // Passive (and declared, not yet dropped) segments keep their references
  // for table.init and array.new_elem. Constant expressions make no
  // exceptions, so only a GC heap's objects can be there.
  if (heap_) {
    for (const auto& inst : S_.instances) {
      const auto& segments = inst->elems;
      for (size_t i = 0; i < segments.size(); ++i) {
        if (inst->ir && i < inst->ir->elems.size()) {
          const ValType t = inst->ir->elems[i].type;
          if (!may_hold_collected(t)) continue;
          // (ref $f) of a function type: functions again.
          const HeapType h = t.heap();
          if (h.kind == HeapType::Kind::Index && h.value < inst->ir->type_defs.size() &&
              inst->ir->type_defs[h.value].kind == Composite::Func)
            continue;
        }
        for (uintptr_t r : segments[i]) reach(r);
      }
    }
    heap_->reach_host_roots(*this);
  }
  if (pool_) pool_->reach_pinned(*this);
}

void Marker::drain() {
  while (!work_.empty()) {
    const uintptr_t word = work_.back();
    work_.pop_back();
    if (word & 1) {
      const auto* e = reinterpret_cast<const ExceptionObject*>(word & ~uintptr_t{1});
      for (uint64_t w : e->payload) reach(static_cast<uintptr_t>(w));
      continue;
    }
    const auto* o = reinterpret_cast<const GcObject*>(word);
    const GcTypeInfo& type = *o->type;
    const uint8_t* payload = o->payload();
    if (type.kind == Composite::Array) {
      const size_t stride = type.size;
      if (!type.traced_elements || stride < sizeof(uintptr_t)) continue;
      for (uint32_t i = 0; i < o->length; ++i) {
        uintptr_t w;
        std::memcpy(&w, payload + i * stride, sizeof w);
        reach(w);
      }
    } else {
      for (uint32_t offset : type.traced_offsets) {
        uintptr_t w;
        std::memcpy(&w, payload + offset, sizeof w);
        reach(w);
      }
    }
  }
}

void mark_reachable(Store::Impl& S, const uint64_t* live_top) {
  Marker marker(S);
  marker.reach_roots(live_top);
  marker.drain();
}

}  // namespace wasmrun::interp
