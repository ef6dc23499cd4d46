// What the opaque types of the wasm-c-api (include/wasmrun/wasm.h) are
// inside wasmrun.
//
// Type objects (valtype, functype, ...) are plain values owned by their
// handle. Runtime objects belong to a wasmrun::Store, so their handles
// (wasm_func_t, wasm_global_t, ...) only point at them: deleting a handle
// frees the handle, and copies of a handle point at the same object.
// Handles form one class hierarchy so the API's views (wasm_func_as_extern,
// wasm_ref_as_func, ...) are casts between a base and the type a handle
// was made as, never between unrelated types:
//
//   wasm_ref_t <- wasm_extern_t <- wasm_func_t, wasm_global_t, wasm_table_t, wasm_memory_t
//   wasm_ref_t <- wasm_foreign_t, wasm_instance_t, wasm_module_t, wasm_trap_t
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "wasm.h"
#include "wasmrun/wasmrun.h"

// --- Type objects ---

struct wasm_valtype_t {
  wasm_valkind_t kind;
};

struct wasm_externtype_t {
  wasm_externkind_t kind;
};

struct wasm_functype_t : wasm_externtype_t {
  wasm_valtype_vec_t params;
  wasm_valtype_vec_t results;
};

struct wasm_globaltype_t : wasm_externtype_t {
  wasm_valtype_t* content;
  wasm_mutability_t mutability;
};

struct wasm_tabletype_t : wasm_externtype_t {
  wasm_valtype_t* element;
  wasm_limits_t limits;
};

struct wasm_memorytype_t : wasm_externtype_t {
  wasm_limits_t limits;
};

struct wasm_importtype_t {
  wasm_name_t module;
  wasm_name_t name;
  wasm_externtype_t* type;
};

struct wasm_exporttype_t {
  wasm_name_t name;
  wasm_externtype_t* type;
};

// --- Engine and store ---

struct wasm_config_t {};

struct wasm_engine_t {
  wasmrun::Features features = wasmrun::Features::defaults();
};

namespace wasmrun::capi {

// What a reference handle points at.
enum class RefKind { Func, Global, Table, Memory, Foreign, Instance, Module, Trap };

struct HostInfo {
  void* info = nullptr;
  void (*finalizer)(void*) = nullptr;
};

// A foreign object: nothing but its identity (and host info).
struct Foreign {};

// A trap's content, shared by copies of its handle.
// A wasm frame of a trap's backtrace (wasmrun::TraceFrame), as the C API
// reports it.
struct TrapFrame {
  uint32_t func_index = 0;
  size_t func_offset = 0;
  size_t module_offset = 0;
};

struct TrapData {
  std::string message;
  std::vector<TrapFrame> frames;  // innermost first
};

// A compiled module, shared by copies of its handle and shared modules.
struct ModuleData {
  std::shared_ptr<CompiledModule> module;
};

}  // namespace wasmrun::capi

struct wasm_store_t {
  explicit wasm_store_t(const wasmrun::Features& features) : store(features) {}
  ~wasm_store_t();

  wasmrun::Store store;
  // Host info by object (a Func*, Instance*, Foreign*, ...): every handle
  // to an object sees the same.
  std::unordered_map<const void*, wasmrun::capi::HostInfo> host_info;
  // Run when the store dies: environments of wasm_func_new_with_env.
  std::vector<wasmrun::capi::HostInfo> env_finalizers;
  std::vector<std::unique_ptr<wasmrun::capi::Foreign>> foreigns;
  // Objects wasm code holds as externrefs: Value::from_extern(id) refers
  // to externrefs[id] (kept as a handle to copy from).
  std::vector<std::unique_ptr<wasm_ref_t>> externrefs;
  std::unordered_map<const void*, uint64_t> externref_ids;
};

// --- Reference handles ---

struct wasm_ref_t {
  wasm_ref_t(wasmrun::capi::RefKind k, wasm_store_t* s, void* o) : kind(k), store(s), object(o) {}
  virtual ~wasm_ref_t() = default;

  wasmrun::capi::RefKind kind;
  wasm_store_t* store;
  void* object;                // the wasmrun object, or Foreign/TrapData/ModuleData
  std::shared_ptr<void> keep;  // keeps a trap's or module's data alive
};

struct wasm_extern_t : wasm_ref_t {
  using wasm_ref_t::wasm_ref_t;
};
struct wasm_func_t : wasm_extern_t {
  wasm_func_t(wasm_store_t* s, wasmrun::Func* f) : wasm_extern_t(wasmrun::capi::RefKind::Func, s, f) {}
  wasmrun::Func* func() const { return static_cast<wasmrun::Func*>(object); }
};
struct wasm_global_t : wasm_extern_t {
  wasm_global_t(wasm_store_t* s, wasmrun::Global* g) : wasm_extern_t(wasmrun::capi::RefKind::Global, s, g) {}
  wasmrun::Global* global() const { return static_cast<wasmrun::Global*>(object); }
};
struct wasm_table_t : wasm_extern_t {
  wasm_table_t(wasm_store_t* s, wasmrun::Table* t) : wasm_extern_t(wasmrun::capi::RefKind::Table, s, t) {}
  wasmrun::Table* table() const { return static_cast<wasmrun::Table*>(object); }
};
struct wasm_memory_t : wasm_extern_t {
  wasm_memory_t(wasm_store_t* s, wasmrun::Memory* m) : wasm_extern_t(wasmrun::capi::RefKind::Memory, s, m) {}
  wasmrun::Memory* memory() const { return static_cast<wasmrun::Memory*>(object); }
};
struct wasm_foreign_t : wasm_ref_t {
  wasm_foreign_t(wasm_store_t* s, wasmrun::capi::Foreign* f) : wasm_ref_t(wasmrun::capi::RefKind::Foreign, s, f) {}
};
struct wasm_instance_t : wasm_ref_t {
  wasm_instance_t(wasm_store_t* s, wasmrun::Instance* i) : wasm_ref_t(wasmrun::capi::RefKind::Instance, s, i) {}
  wasmrun::Instance* instance() const { return static_cast<wasmrun::Instance*>(object); }
};
struct wasm_module_t : wasm_ref_t {
  wasm_module_t(wasm_store_t* s, std::shared_ptr<wasmrun::capi::ModuleData> d)
      : wasm_ref_t(wasmrun::capi::RefKind::Module, s, d.get()) {
    keep = std::move(d);
  }
  const wasmrun::CompiledModule& module() const { return *static_cast<wasmrun::capi::ModuleData*>(object)->module; }
  std::shared_ptr<wasmrun::capi::ModuleData> data() const {
    return std::static_pointer_cast<wasmrun::capi::ModuleData>(keep);
  }
};
struct wasm_trap_t : wasm_ref_t {
  wasm_trap_t(wasm_store_t* s, std::shared_ptr<wasmrun::capi::TrapData> d)
      : wasm_ref_t(wasmrun::capi::RefKind::Trap, s, d.get()) {
    keep = std::move(d);
  }
  const std::string& message() const { return static_cast<wasmrun::capi::TrapData*>(object)->message; }
};

struct wasm_shared_module_t {
  std::shared_ptr<wasmrun::capi::ModuleData> data;
};

// A frame of a trap's backtrace. Its instance is not recorded (null).
struct wasm_frame_t {
  wasm_instance_t* instance = nullptr;
  uint32_t func_index = 0;
  size_t func_offset = 0;
  size_t module_offset = 0;
};

namespace wasmrun::capi {

// A new handle of the same kind to the same object.
wasm_ref_t* copy_ref(const wasm_ref_t* ref);

// A new handle to an extern of an instance or an import.
wasm_extern_t* new_extern(wasm_store_t* store, const Extern& e);

// C values <-> wasmrun values. A reference converts per the wasm type
// `type` (the API marks every reference value WASM_EXTERNREF). Returns
// false if the value does not fit the type.
bool from_c_val(wasm_store_t* store, const wasm_val_t& in, ValType type, Value& out);
// A new wasm_val_t, owning a new handle for a non-null reference.
wasm_val_t to_c_val(wasm_store_t* store, const Value& in);

wasm_valkind_t valkind_of(ValType t);
ValType valtype_of(wasm_valkind_t k);
Limits limits_of(const wasm_limits_t& l);
wasm_limits_t c_limits_of(const Limits& l);
wasm_functype_t* new_functype(const FuncType& t);
FuncType functype_of(const wasm_functype_t* t);
wasm_externtype_t* new_externtype(const Module& ir, ExternKind kind, uint32_t index);

// A new trap handle with `message`.
wasm_trap_t* new_trap(wasm_store_t* store, std::string message);
// A new trap handle for an error, with the wasm frames of its backtrace.
wasm_trap_t* new_trap(wasm_store_t* store, const Error& error);

}  // namespace wasmrun::capi
