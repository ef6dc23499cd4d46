// One mark for the store's two kinds of collected objects: GC heap objects
// (structs and arrays, gc_heap.h) and exception objects (exceptions.h).
// Either may hold the other (an exnref field, a struct in an exception's
// payload), so both are marked together, from one root set, and then each
// sweeps its own. See docs/GC.md.
//
// The roots: the value stack in use, scanned conservatively (any slot that
// holds the address of a live object keeps it); the store's globals and
// tables of reference types that can hold such objects; the instances'
// element segments; the host's roots (GcRoot pins, the results the store
// keeps for the embedder, the exceptions a wasmrun::Exception holds).
// Marking uses a worklist, never the host stack: chains of any length are
// fine.
#pragma once

#include <cstdint>
#include <vector>

#include "interp/runtime/runtime.h"

namespace wasmrun::interp {

class ExceptionPool;

class Marker {
 public:
  explicit Marker(Store::Impl& S);
  // A word from a root or a traced field: marks the object it points to if
  // it is one of ours, live and not yet marked. Any other word (null, an
  // i31, a host externref, a function, an address into an object, a number
  // in a stack slot) is ignored.
  void reach(uintptr_t word);
  // The roots above, `live_top` as for GcHeap::allocate.
  void reach_roots(const uint64_t* live_top);
  // Traces everything marked so far, until nothing new is reached.
  void drain();

 private:
  bool may_hold_collected(ValType t) const;

  Store::Impl& S_;
  GcHeap* heap_;
  ExceptionPool* pool_;
  // Marked objects not yet traced; an exception's word has bit 0 set (both
  // kinds are 8-aligned).
  std::vector<uintptr_t> work_;
};

// Marks everything reachable from the roots (both kinds of objects).
void mark_reachable(Store::Impl& S, const uint64_t* live_top);

}  // namespace wasmrun::interp
