// Exception objects: what `throw` makes, an exnref points to, and a catch
// hands over. See docs/EXCEPTIONS.md.
//
// Lifetime: the store owns them, in its ExceptionPool. exnrefs are copied
// freely between slots, locals, globals, tables and GC objects' fields, so
// counting references would cost every copy; the pool instead frees, when
// it has grown enough since the last time, every object that nothing can
// reach. The mark is the GC heap's (interp/runtime/gc_mark.h): one mark
// over the value stack in use, globals, tables, the host's roots (the
// exceptions pinned by wasmrun::Exception among them), the payloads of
// marked exceptions and the fields of marked GC objects, so that an
// exception held only by a struct and a struct held only by an exception
// both stay. A loop that throws and catches runs in bounded memory.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_set>
#include <vector>

#include "interp/runtime/runtime.h"

namespace wasmrun::interp {

class Marker;  // interp/runtime/gc_mark.h

struct ExceptionObject {
  TagImpl* tag = nullptr;
  std::vector<uint64_t> payload;  // the payload's slots (v128 takes two)
  uint32_t pins = 0;              // wasmrun::Exception objects holding it
  bool marked = false;
};

class ExceptionPool {
 public:
  ExceptionPool() = default;
  ExceptionPool(const ExceptionPool&) = delete;
  ExceptionPool& operator=(const ExceptionPool&) = delete;
  ~ExceptionPool();

  // A new exception of `tag`, its payload copied from `payload` (the tag's
  // payload_slots slots). May first free what nothing reaches: the value
  // stack is live below `live_top`, which must lie above `payload`.
  ExceptionObject* make(Store::Impl& S, TagImpl* tag, const uint64_t* payload, const uint64_t* live_top);
  bool owns(const void* object) const { return objects_.count(static_cast<ExceptionObject*>(const_cast<void*>(object))) != 0; }
  // The object `word` points to, if it is one of the pool's.
  ExceptionObject* find(uintptr_t word) const {
    auto* o = reinterpret_cast<ExceptionObject*>(word);
    return objects_.count(o) ? o : nullptr;
  }
  size_t size() const { return objects_.size(); }
  // Frees every object nothing reaches now (make() calls it when due).
  // With a GC heap in the store this is the heap's collection, which
  // sweeps both.
  void collect(Store::Impl& S, const uint64_t* live_top);
  // For the shared mark: the objects a wasmrun::Exception holds.
  void reach_pinned(Marker& marker) const;
  // Frees what the last mark left unmarked and clears the marks.
  void sweep();
  // Clears the marks, freeing nothing (a mark that could not finish).
  void clear_marks();

 private:
  std::unordered_set<ExceptionObject*> objects_;
  size_t next_collection_ = kFirstCollection;
  static constexpr size_t kFirstCollection = 256;
};

ExceptionPool& exception_pool(Store::Impl& S);

// `throw`: a new exception of `tag` with the payload at `payload`.
ExceptionObject* new_exception(Store::Impl& S, TagImpl* tag, const uint64_t* payload);

// What a host function threw, as an exception object: the one it carries
// if it came from this store, else a new one (Trap if the payload does not
// fit the tag). `live_top`: as for make().
ExceptionObject* exception_from_host(Store::Impl& S, const Exception& e, const uint64_t* live_top);

// The exception as the embedder sees it, keeping the object alive.
Exception uncaught_exception(Store::Impl& S, ExceptionObject* exn);

[[noreturn]] void trap_null_exception();

}  // namespace wasmrun::interp
