// The store's garbage-collected heap (WebAssembly 3.0 GC): struct and
// array objects, allocated by the interpreter and freed by a tracing
// collector. See docs/GC.md.
//
// A reference word (a slot, a field, a global, a table element) is one of:
//   0                      null
//   odd                    an i31: the 31-bit value shifted left by one, plus 1
//   ...10 (word & 3 == 2)  a host's externref: (host id << 2) | 2
//   else (8-aligned)       a GcObject* (structs, arrays), a FuncImpl* in the
//                          func hierarchy, an ExceptionObject* for exnref
// any.convert_extern and extern.convert_any change no bits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "loader/type_defs.h"
#include "wasmrun/types.h"
#include "wasmrun/wasmrun.h"

namespace wasmrun::interp {

inline constexpr bool is_i31_word(uintptr_t w) { return (w & 1) != 0; }
inline constexpr bool is_host_extern_word(uintptr_t w) { return (w & 3) == 2; }
// A word that may point to a heap object (non-null, not tagged).
inline constexpr bool is_pointer_word(uintptr_t w) { return w != 0 && (w & 7) == 0; }
inline constexpr uintptr_t i31_word(uint32_t v) { return (uintptr_t{v & 0x7FFFFFFFu} << 1) | 1; }
// Bit 31 of the word's low half is the i31's sign: an arithmetic shift extends it.
inline constexpr int32_t i31_get_s(uintptr_t w) { return static_cast<int32_t>(static_cast<uint32_t>(w)) >> 1; }
inline constexpr uint32_t i31_get_u(uintptr_t w) { return static_cast<uint32_t>(w >> 1) & 0x7FFFFFFFu; }

// Whether a value may point to a collected object (a GC object, or an
// exception): a reference outside the func hierarchy (functions belong to
// the store) that is neither null nor tagged.
inline bool may_name_collected(const Value& v) {
  if (!v.type.is_ref() || !is_pointer_word(v.ref)) return false;
  const HeapType h = v.type.heap();
  return !h.is_abstract(AbsHeap::Func) && !h.is_abstract(AbsHeap::NoFunc);
}

// The layout of one canonical struct or array type, shared by every
// object of that type. Built once per canonical id and store
// (gc_type_info), immutable after.
struct GcTypeInfo {
  Composite kind = Composite::Struct;
  uint32_t canon_id = 0;          // the store's TypeRegistry id
  // Struct: the payload's size in bytes. Array: one element's size.
  uint32_t size = 0;
  std::vector<FieldType> fields;  // struct: every field; array: the element
  std::vector<uint32_t> offsets;  // struct: each field's byte offset in the payload
  std::vector<uint8_t> bytes;     // struct: each field's size (storage_bytes), for struct.new
  // What the collector traces: the byte offsets of the struct's fields
  // that hold references of the any, extern or exn hierarchy (func
  // references point to store-owned functions, never to heap objects), or
  // for an array whether its elements do.
  std::vector<uint32_t> traced_offsets;
  bool traced_elements = false;
  // Custom descriptors: where a struct with a descriptor keeps the
  // reference to it, a word after the fields (so that fields keep the
  // offsets a supertype without descriptor gives them); kNoDescriptor
  // otherwise. The word is among traced_offsets.
  static constexpr uint32_t kNoDescriptor = UINT32_MAX;
  uint32_t desc_offset = kNoDescriptor;
};

// Every heap object starts with this header; the payload follows, 8-aligned.
struct GcObject {
  const GcTypeInfo* type;
  uint32_t length;   // arrays: the element count; structs: 0
  uint32_t gc_bits;  // the collector's (unused: marks are kept beside the objects)
  uint8_t* payload() { return reinterpret_cast<uint8_t*>(this + 1); }
  const uint8_t* payload() const { return reinterpret_cast<const uint8_t*>(this + 1); }
};
static_assert(sizeof(GcObject) == 16);

struct GcStats {
  uint64_t collections = 0;
  uint64_t allocated_bytes = 0;  // in total, headers included
  uint64_t live_bytes = 0;       // after the last collection, plus what was allocated since
  uint64_t objects = 0;          // live objects now (as live_bytes)
};

class Marker;  // interp/runtime/gc_mark.h

// One store's heap. Not thread-safe: a store runs on one thread at a time.
class GcHeap {
 public:
  explicit GcHeap(Store::Impl& store);
  ~GcHeap();
  GcHeap(const GcHeap&) = delete;
  GcHeap& operator=(const GcHeap&) = delete;

  // A new object with a zeroed payload of `payload_bytes`; `length` is an
  // array's element count (0 for structs). May collect first, when what was
  // allocated since the last collection passes the budget: the value stack
  // is live below `live_top` (as ExceptionPool::make), which must lie above
  // every operand the caller still needs. Traps "out of memory" when the
  // object or the heap would pass the store's limit.
  GcObject* allocate(const GcTypeInfo* type, uint32_t length, size_t payload_bytes, const uint64_t* live_top);
  // A full collection now.
  void collect(const uint64_t* live_top);
  // Whether `word` points to the start of a live object of this heap.
  bool contains(uintptr_t word) const;
  // While collections are inhibited (instantiation evaluates constant
  // expressions whose values are not yet anywhere the collector looks),
  // allocate() never collects.
  void inhibit() { ++inhibited_; }
  void uninhibit() { --inhibited_; }
  // The host's handles (wasmrun::GcRoot): a pinned object and what it
  // reaches stay alive.
  void pin(uintptr_t word);
  void unpin(uintptr_t word);
  const GcStats& stats() const { return stats_; }

  // The host-root policy (docs/GC.md): the references in the results of
  // Store::call stay alive until the next call made while no wasm code of
  // the store runs (an outermost call) starts.
  void keep_host_results(std::span<const Value> results);
  void release_host_results();
  // For the shared mark (gc_mark.h): marks the object `word` points to
  // the start of, if it is one of the heap's (marks live beside the
  // objects, in their blocks, until the sweep); and the pinned words and
  // kept results.
  enum class MarkOutcome : uint8_t { NotObject, AlreadyMarked, Marked };
  MarkOutcome mark(uintptr_t word);
  void reach_host_roots(Marker& marker) const;
  // What the heap has mapped from the OS: blocks in use, spare blocks and
  // large objects.
  uint64_t mapped_bytes() const;

 private:
  struct State;
  Store::Impl& store_;
  std::unique_ptr<State> state_;
  GcStats stats_;
  uint32_t inhibited_ = 0;
};

// The store's heap, made on first use.
GcHeap& gc_heap(Store::Impl& S);

}  // namespace wasmrun::interp
