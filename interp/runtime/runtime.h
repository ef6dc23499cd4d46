// The runtime objects behind the public API (exec/runtime.rst): function,
// table, memory and global instances, module instances and the store.
//
// The public classes in wasmrun.h have no data and no virtual functions;
// each is implemented by one struct here that derives from it, so the
// public methods are plain static_casts and the interpreter reads the
// fields directly.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "interp/code.h"
#include "interp/runtime/gc_heap.h"
#include "interp/runtime/type_registry.h"
#include "loader/module.h"
#include "loader/module_file.h"
#include "loader/validator.h"
#include "memory/linear_memory.h"
#include "memory/wait_queue.h"
#include "wasmrun/wasmrun.h"

namespace wasmrun {

struct CompiledModule::CodeCache {
  // Stores on different threads may share the module: compiling takes the
  // lock (once per function and store; FuncImpl::code caches the result).
  std::mutex compile_lock;
  // One entry per defined function; null until its first call.
  std::vector<std::unique_ptr<interp::Code>> funcs;
  // With lazy validation (LoadOptions), what checking a body needs: each
  // body is checked before it is compiled, under compile_lock. Null when
  // every body was validated at load.
  std::unique_ptr<const BodyContext> deferred_bodies;
  // A big file loaded lazily: where each body is read from, under
  // compile_lock, before it is validated. Null when every body was read at
  // load.
  std::unique_ptr<ModuleFile> body_file;
};

namespace interp {

struct InstanceImpl;

struct FuncImpl final : Func {
  FuncType sig;                   // as the host sees it (shown_type)
  // The parameters' types in canonical form when one names a defined
  // type (empty otherwise): what Store::call checks arguments against.
  std::vector<ValType> canon_params;
  uint32_t type_id = 0;           // canonical id in the store: equal ids <=> equal types
  uint32_t param_slots = 0;
  uint32_t result_slots = 0;
  // Wasm functions
  InstanceImpl* inst = nullptr;   // null for host functions
  uint32_t index = 0;             // in the module's function index space
  const Code* code = nullptr;     // compiled on first call
  // Copied from `code` when it is set, so a call reads one object (the
  // interpreter's do_call): the first instruction, its first word (a call
  // dispatches on it without waiting for a load through `entry`), the
  // locals to zero [zero_from, zero_to) and the frame's size in slots.
  const Slot* entry = nullptr;
  uint64_t first_word = 0;
  uint32_t zero_from = 0, zero_to = 0, frame_slots = 0;
  // Host functions
  HostFunction host;
  std::string host_name;

  bool is_host() const { return inst == nullptr; }
};

struct TableImpl final : Table {
  TableType ty;
  ValType shown;                  // the elements' type as the host sees it (GlobalImpl::shown)
  Store::Impl* store = nullptr;   // its store (checking what the host stores)
  std::vector<uintptr_t> elems;   // references in Value::ref form
  uint64_t limit = 0;             // grow never passes this (max and store cap)
};

struct MemoryImpl final : Memory {
  MemoryImpl(const MemoryType& t, LinearMemory m)
      : ty(t), mem(std::move(m)), waiters(t.shared ? std::make_unique<WaitQueue>() : nullptr) {}
  MemoryType ty;
  LinearMemory mem;
  // memory.atomic.wait/notify's waiters: shared memories only (an unshared
  // memory has no other thread to wake it; wait traps on it).
  std::unique_ptr<WaitQueue> waiters;
};

struct GlobalImpl final : Global {
  GlobalType ty;
  // The type of the values Global::get gives the host: ty.type with a
  // defined heap type replaced by its kind (func, struct, array), which
  // ref_hierarchy can read without the module.
  ValType shown;
  Store::Impl* store = nullptr;   // its store (checking what the host stores)
  uint64_t val[2] = {0, 0};       // two slots for v128
};

// An exception tag: its identity is the object's address (an imported tag
// is the exporter's object), its payload the parameter types.
struct TagImpl final : Tag {
  FuncType sig;                   // results empty
  uint32_t type_id = 0;           // canonical id in the store (imports match exactly)
  uint32_t payload_slots = 0;
};

class ExceptionPool;  // interp/exec/exceptions.h

struct InstanceImpl final : Instance {
  std::shared_ptr<const CompiledModule> keep_alive;  // when the module is shared-owned
  const CompiledModule* compiled = nullptr;
  const Module* ir = nullptr;                       // compiled->ir()
  std::vector<FuncImpl*> funcs;
  std::vector<TableImpl*> tables;
  std::vector<MemoryImpl*> memories;
  std::vector<GlobalImpl*> globals;
  std::vector<TagImpl*> tags;                        // imports first
  std::vector<uint32_t> type_ids;                    // canonical id per type index
  std::vector<const GcTypeInfo*> gc_types;           // per type index: its layout (null for func types)
  const TypeRegistry* type_registry = nullptr;       // the store's (call_indirect's subtype test)
  Store::Impl* store = nullptr;                      // the store it belongs to
  std::vector<std::vector<uintptr_t>> elems;         // element segments; empty once dropped
  std::vector<std::span<const uint8_t>> datas;       // data segments; empty once dropped
  std::vector<std::pair<std::string, Extern>> export_list;
  std::map<std::string, Extern, std::less<>> export_map;
  LinearMemory* mem0 = nullptr;                      // memory 0, cached for the loop
};

// A saved caller: where to continue, its locals and its instance.
// `inst` is set only in the frame below a ReturnToInstance frame (a call
// into another instance): other frames return to the same instance.
struct Frame {
  const Slot* ret_pc;
  uint64_t* fp;
  InstanceImpl* inst;
};

inline FuncImpl* impl(Func* f) { return static_cast<FuncImpl*>(f); }
inline const FuncImpl* impl(const Func* f) { return static_cast<const FuncImpl*>(f); }
inline TableImpl* impl(Table* t) { return static_cast<TableImpl*>(t); }
inline const TableImpl* impl(const Table* t) { return static_cast<const TableImpl*>(t); }
inline MemoryImpl* impl(Memory* m) { return static_cast<MemoryImpl*>(m); }
inline const MemoryImpl* impl(const Memory* m) { return static_cast<const MemoryImpl*>(m); }
inline GlobalImpl* impl(Global* g) { return static_cast<GlobalImpl*>(g); }
inline const GlobalImpl* impl(const Global* g) { return static_cast<const GlobalImpl*>(g); }
inline TagImpl* impl(Tag* t) { return static_cast<TagImpl*>(t); }
inline const TagImpl* impl(const Tag* t) { return static_cast<const TagImpl*>(t); }
inline InstanceImpl* impl(Instance* i) { return static_cast<InstanceImpl*>(i); }
inline const InstanceImpl* impl(const Instance* i) { return static_cast<const InstanceImpl*>(i); }

// A type as the host sees it (function signatures, globals): a reference
// to a defined type becomes one to its kind's abstract type (func, struct,
// array), nullability kept. `kind_of` gives a defined type's kind.
template <class KindOf>
ValType shown_type(ValType t, KindOf kind_of) {
  if (!t.is_ref() || !t.heap().is_defined()) return t;
  const Composite k = kind_of(t.heap());
  const AbsHeap a = k == Composite::Func ? AbsHeap::Func : k == Composite::Struct ? AbsHeap::Struct : AbsHeap::Array;
  return ValType::ref(HeapType::abs(a), t.nullable());
}
FuncType shown_func_type(const FuncType& t, const Module& m);

// Value <-> stack slots.
void value_to_slots(const Value& v, uint64_t* out);
Value slots_to_value(ValType t, const uint64_t* in);

}  // namespace interp

struct Store::Impl {
  Impl(const Features& f, const StoreLimits& l) : features(f), limits(l) {}

  Features features;
  StoreLimits limits;
  std::vector<std::unique_ptr<interp::FuncImpl>> funcs;
  std::vector<std::unique_ptr<interp::TableImpl>> tables;
  std::vector<std::unique_ptr<interp::MemoryImpl>> memories;
  std::vector<std::unique_ptr<interp::GlobalImpl>> globals;
  std::vector<std::unique_ptr<interp::InstanceImpl>> instances;
  std::vector<std::unique_ptr<interp::TagImpl>> tags;
  // Exception objects (exnref targets), made on first throw. Shared: an
  // uncaught Exception keeps the pool alive, and the objects it names.
  std::shared_ptr<interp::ExceptionPool> exceptions;
  interp::TypeRegistry types;
  // The GC heap (made on the first allocation) and the layout of each
  // canonical struct and array type (interp/runtime/gc_heap.h).
  std::unique_ptr<interp::GcHeap> gc;
  std::unordered_map<uint32_t, std::unique_ptr<interp::GcTypeInfo>> gc_type_infos;

  // Execution stacks, allocated on the first call and shared by nested
  // (host -> wasm) calls, which continue above the current top.
  std::unique_ptr<uint64_t[]> stack;
  // Spare slots past stack_end: a call zeroes 4 slots from the first
  // local on even when the frame has fewer (interpreter.cpp, do_call).
  static constexpr uint64_t kZeroSlack = 4;
  uint64_t* stack_end = nullptr;
  uint64_t* sp_top = nullptr;           // first free value slot
  std::unique_ptr<interp::Frame[]> frames;
  interp::Frame* frames_end = nullptr;
  interp::Frame* frame_top = nullptr;   // last used frame (frames[0] is a sentinel)
  // Metered code (LoadOptions::metered) subtracts from fuel and reads
  // interrupted at every function entry and loop iteration (CheckLimits).
  int64_t fuel = INT64_MAX;             // unlimited unless set_fuel
  std::atomic<bool> interrupted{false};
  // Where the loop was when it last noted a trap it was about to throw,
  // or the host call it is in (interpreter.cpp's NOTED): null otherwise.
  const interp::Slot* trap_pc = nullptr;
  const interp::Frame* trap_fr = nullptr;
  const char* native_anchor = nullptr;  // C++ stack position of the outermost call
  ptrdiff_t native_budget = 0;          // how far below it nested calls may go
  Store* owner = nullptr;

  void ensure_stacks();
  interp::FuncImpl* new_host_func(const FuncType& type, HostFunction fn, std::string name);
  // `type_id`: the canonical id of a module's tag type; a host tag's type
  // is interned here.
  interp::TagImpl* new_tag(const FuncType& type, std::optional<uint32_t> type_id = std::nullopt);
};

namespace interp {

// shown_type of a type in the store's canonical form; a defined type named
// otherwise (a host's type) is taken for a function type.
inline ValType shown_type(const Store::Impl& S, ValType t) {
  return shown_type(t, [&S](HeapType h) {
    return h.kind == HeapType::Kind::Canon ? S.types.kind(h.value) : Composite::Func;
  });
}

}  // namespace interp

}  // namespace wasmrun
