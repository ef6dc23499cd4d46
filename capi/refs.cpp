// References of the wasm-c-api: copying and comparing handles, host info,
// the views between wasm_ref_t and each kind, values (wasm_val_t) and
// their conversion to wasmrun values, foreign objects, traps and frames.
#include "capi/objects.h"

using wasmrun::Value;
using wasmrun::ValType;
using namespace wasmrun::capi;

wasm_store_t::~wasm_store_t() {
  for (auto& [object, info] : host_info)
    if (info.finalizer) info.finalizer(info.info);
  for (auto& env : env_finalizers) env.finalizer(env.info);
}

namespace wasmrun::capi {

wasm_ref_t* copy_ref(const wasm_ref_t* r) {
  wasm_ref_t* c = nullptr;
  switch (r->kind) {
    case RefKind::Func: c = new wasm_func_t(r->store, static_cast<Func*>(r->object)); break;
    case RefKind::Global: c = new wasm_global_t(r->store, static_cast<Global*>(r->object)); break;
    case RefKind::Table: c = new wasm_table_t(r->store, static_cast<Table*>(r->object)); break;
    case RefKind::Memory: c = new wasm_memory_t(r->store, static_cast<Memory*>(r->object)); break;
    case RefKind::Foreign: c = new wasm_foreign_t(r->store, static_cast<Foreign*>(r->object)); break;
    case RefKind::Instance: c = new wasm_instance_t(r->store, static_cast<Instance*>(r->object)); break;
    case RefKind::Module:
      c = new wasm_module_t(r->store, std::static_pointer_cast<ModuleData>(r->keep));
      break;
    case RefKind::Trap: c = new wasm_trap_t(r->store, std::static_pointer_cast<TrapData>(r->keep)); break;
  }
  return c;
}

wasm_extern_t* new_extern(wasm_store_t* store, const Extern& e) {
  switch (e.kind) {
    case ExternKind::Func: return new wasm_func_t(store, e.func);
    case ExternKind::Global: return new wasm_global_t(store, e.global);
    case ExternKind::Table: return new wasm_table_t(store, e.table);
    case ExternKind::Memory: return new wasm_memory_t(store, e.memory);
    case ExternKind::Tag: break;  // the C API has no tags
  }
  return nullptr;
}

bool from_c_val(wasm_store_t* store, const wasm_val_t& in, ValType type, Value& out) {
  switch (ref_hierarchy(type)) {
    case ValType::I32:
      if (in.kind != WASM_I32) return false;
      out = Value::from_i32(static_cast<uint32_t>(in.of.i32));
      return true;
    case ValType::I64:
      if (in.kind != WASM_I64) return false;
      out = Value::from_i64(static_cast<uint64_t>(in.of.i64));
      return true;
    case ValType::F32:
      if (in.kind != WASM_F32) return false;
      out = Value::from_f32(in.of.f32);
      return true;
    case ValType::F64:
      if (in.kind != WASM_F64) return false;
      out = Value::from_f64(in.of.f64);
      return true;
    case ValType::V128: return false;
    case ValType::ExnRef: return false;  // the C API has no exnref
    case ValType::FuncRef:
      if (!wasm_valkind_is_ref(in.kind)) return false;
      if (!in.of.ref) {
        out = Value::null_ref(ValType::FuncRef);
        return true;
      }
      if (in.of.ref->kind != RefKind::Func) return false;
      out = Value::from_func(static_cast<Func*>(in.of.ref->object));
      return true;
    case ValType::ExternRef: {
      if (!wasm_valkind_is_ref(in.kind)) return false;
      if (!in.of.ref) {
        out = Value::null_ref(ValType::ExternRef);
        return true;
      }
      // Any object may be an externref; the same object gets the same id.
      auto [it, added] = store->externref_ids.try_emplace(in.of.ref->object, store->externrefs.size());
      if (added) store->externrefs.emplace_back(copy_ref(in.of.ref));
      out = Value::from_extern(it->second);
      return true;
    }
  }
  return false;
}

wasm_val_t to_c_val(wasm_store_t* store, const Value& in) {
  wasm_val_t v;
  v.kind = valkind_of(in.type);
  switch (ref_hierarchy(in.type)) {
    case ValType::I32: v.of.i32 = static_cast<int32_t>(in.i32); break;
    case ValType::I64: v.of.i64 = static_cast<int64_t>(in.i64); break;
    case ValType::F32: v.of.f32 = in.f32; break;
    case ValType::F64: v.of.f64 = in.f64; break;
    case ValType::FuncRef: v.of.ref = in.is_null() ? nullptr : new wasm_func_t(store, in.func()); break;
    case ValType::ExternRef: {
      uint64_t id = in.extern_id();
      v.of.ref = in.is_null() || id >= store->externrefs.size() ? nullptr : copy_ref(store->externrefs[id].get());
      break;
    }
    case ValType::V128: v.of.ref = nullptr; break;
    case ValType::ExnRef: v.of.ref = nullptr; break;
  }
  return v;
}

wasm_trap_t* new_trap(wasm_store_t* store, std::string message) {
  auto data = std::make_shared<TrapData>();
  data->message = std::move(message);
  return new wasm_trap_t(store, std::move(data));
}

wasm_trap_t* new_trap(wasm_store_t* store, const Error& error) {
  auto data = std::make_shared<TrapData>();
  data->message = error.what();
  for (const TraceFrame& f : error.backtrace())
    if (!f.host) data->frames.push_back({f.function, static_cast<size_t>(f.function_offset), static_cast<size_t>(f.offset)});
  return new wasm_trap_t(store, std::move(data));
}

}  // namespace wasmrun::capi

namespace {

bool same_ref(const wasm_ref_t* a, const wasm_ref_t* b) {
  if (!a || !b) return a == b;
  return a->kind == b->kind && a->object == b->object;
}

void* host_info_of(const wasm_ref_t* r) {
  auto it = r->store->host_info.find(r->object);
  return it == r->store->host_info.end() ? nullptr : it->second.info;
}

void set_host_info(wasm_ref_t* r, void* info, void (*finalizer)(void*)) {
  r->store->host_info[r->object] = HostInfo{info, finalizer};
}

bool is_extern_kind(RefKind k) {
  return k == RefKind::Func || k == RefKind::Global || k == RefKind::Table || k == RefKind::Memory;
}

}  // namespace

// The functions every reference type NAME has.
#define WASMRUN_REF_COMMON_FUNCS(NAME)                                                          \
  void wasm_##NAME##_delete(wasm_##NAME##_t* r) { delete r; }                                   \
  wasm_##NAME##_t* wasm_##NAME##_copy(const wasm_##NAME##_t* r) {                               \
    return r ? static_cast<wasm_##NAME##_t*>(copy_ref(r)) : nullptr;                            \
  }                                                                                             \
  bool wasm_##NAME##_same(const wasm_##NAME##_t* a, const wasm_##NAME##_t* b) { return same_ref(a, b); } \
  void* wasm_##NAME##_get_host_info(const wasm_##NAME##_t* r) { return host_info_of(r); }       \
  void wasm_##NAME##_set_host_info(wasm_##NAME##_t* r, void* info) { set_host_info(r, info, nullptr); } \
  void wasm_##NAME##_set_host_info_with_finalizer(wasm_##NAME##_t* r, void* info, void (*f)(void*)) { \
    set_host_info(r, info, f);                                                                  \
  }

// A kind of reference whose handles are those with `r->kind` passing
// IS_KIND(kind): the views to and from wasm_ref_t (NULL for another kind).
#define WASMRUN_REF_FUNCS(NAME, IS_KIND)                                                         \
  WASMRUN_REF_COMMON_FUNCS(NAME)                                                                 \
  wasm_ref_t* wasm_##NAME##_as_ref(wasm_##NAME##_t* r) { return r; }                             \
  const wasm_ref_t* wasm_##NAME##_as_ref_const(const wasm_##NAME##_t* r) { return r; }           \
  wasm_##NAME##_t* wasm_ref_as_##NAME(wasm_ref_t* r) {                                           \
    return r && IS_KIND(r->kind) ? static_cast<wasm_##NAME##_t*>(r) : nullptr;                   \
  }                                                                                              \
  const wasm_##NAME##_t* wasm_ref_as_##NAME##_const(const wasm_ref_t* r) {                       \
    return r && IS_KIND(r->kind) ? static_cast<const wasm_##NAME##_t*>(r) : nullptr;             \
  }

#define WASMRUN_IS(KIND) [](RefKind k) { return k == RefKind::KIND; }

extern "C" {

WASMRUN_REF_COMMON_FUNCS(ref)
WASMRUN_REF_FUNCS(extern, is_extern_kind)
WASMRUN_REF_FUNCS(func, WASMRUN_IS(Func))
WASMRUN_REF_FUNCS(global, WASMRUN_IS(Global))
WASMRUN_REF_FUNCS(table, WASMRUN_IS(Table))
WASMRUN_REF_FUNCS(memory, WASMRUN_IS(Memory))
WASMRUN_REF_FUNCS(foreign, WASMRUN_IS(Foreign))
WASMRUN_REF_FUNCS(instance, WASMRUN_IS(Instance))
WASMRUN_REF_FUNCS(module, WASMRUN_IS(Module))
WASMRUN_REF_FUNCS(trap, WASMRUN_IS(Trap))

// --- Values ---
void wasm_val_delete(wasm_val_t* v) {
  if (wasm_valkind_is_ref(v->kind) && v->of.ref) {
    wasm_ref_delete(v->of.ref);
    v->of.ref = nullptr;
  }
}

void wasm_val_copy(wasm_val_t* out, const wasm_val_t* in) {
  *out = *in;
  if (wasm_valkind_is_ref(in->kind) && in->of.ref) out->of.ref = copy_ref(in->of.ref);
}

// --- Foreign objects ---
wasm_foreign_t* wasm_foreign_new(wasm_store_t* store) {
  store->foreigns.push_back(std::make_unique<Foreign>());
  return new wasm_foreign_t(store, store->foreigns.back().get());
}

// --- Traps ---
wasm_trap_t* wasm_trap_new(wasm_store_t* store, const wasm_message_t* message) {
  std::string text(message->data, message->size);
  if (!text.empty() && text.back() == '\0') text.pop_back();
  return new_trap(store, std::move(text));
}

void wasm_trap_message(const wasm_trap_t* trap, wasm_message_t* out) {
  const std::string& m = trap->message();
  wasm_byte_vec_new(out, m.size() + 1, m.c_str());  // with its NUL, as the API asks
}

// The wasm frames of the trap's backtrace (host frames are left out),
// innermost first; the origin is the innermost. A trap made by the host
// (wasm_trap_new) has none until it goes up through wasm code, which the
// API's handles do not record.
extern "C++" {
namespace {
wasm_frame_t* new_frame(const TrapFrame& f) {
  auto* out = new wasm_frame_t;
  out->func_index = f.func_index;
  out->func_offset = f.func_offset;
  out->module_offset = f.module_offset;
  return out;
}
const std::vector<TrapFrame>& frames_of(const wasm_trap_t* trap) {
  return static_cast<const TrapData*>(trap->object)->frames;
}
}  // namespace
}  // extern "C++"

wasm_frame_t* wasm_trap_origin(const wasm_trap_t* trap) {
  const std::vector<TrapFrame>& frames = frames_of(trap);
  return frames.empty() ? nullptr : new_frame(frames.front());
}
void wasm_trap_trace(const wasm_trap_t* trap, wasm_frame_vec_t* out) {
  const std::vector<TrapFrame>& frames = frames_of(trap);
  wasm_frame_vec_new_uninitialized(out, frames.size());
  for (size_t i = 0; i < frames.size(); ++i) out->data[i] = new_frame(frames[i]);
}

// --- Frames ---
wasm_frame_t* wasm_frame_copy(const wasm_frame_t* f) { return new wasm_frame_t(*f); }
void wasm_frame_delete(wasm_frame_t* f) { delete f; }
wasm_instance_t* wasm_frame_instance(const wasm_frame_t* f) { return f->instance; }
uint32_t wasm_frame_func_index(const wasm_frame_t* f) { return f->func_index; }
size_t wasm_frame_func_offset(const wasm_frame_t* f) { return f->func_offset; }
size_t wasm_frame_module_offset(const wasm_frame_t* f) { return f->module_offset; }

}  // extern "C"
