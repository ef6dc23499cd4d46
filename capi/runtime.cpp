// The runtime part of the wasm-c-api over wasmrun's C++ API: engine,
// store, module, instance, function (with host callbacks), global, table,
// memory and extern. Every wasmrun error becomes the API's failure value
// (NULL, false or a trap); nothing throws across the C boundary.
#include <new>

#include "capi/objects.h"
#include "loader/module.h"

using namespace wasmrun;
using namespace wasmrun::capi;

namespace {

// A host callback's trap, carried through the interpreter as the trap it
// is (kind Trap) with the callback's message.
Error host_trap(wasm_trap_t* trap) {
  Error e(ErrorKind::Trap, trap->message());
  wasm_trap_delete(trap);
  return e;
}

// Calls a wasm_func_callback_t or wasm_func_callback_with_env_t.
struct Callback {
  wasm_func_callback_t plain = nullptr;
  wasm_func_callback_with_env_t with_env = nullptr;
  void* env = nullptr;

  wasm_trap_t* operator()(const wasm_val_vec_t* args, wasm_val_vec_t* results) const {
    return plain ? plain(args, results) : with_env(env, args, results);
  }
};

Func* new_host_func(wasm_store_t* store, const wasm_functype_t* type, Callback cb) {
  FuncType sig = functype_of(type);
  return store->store.host_func(
      sig, [store, cb, sig](HostCall&, std::span<const Value> args, std::span<Value> results) {
        std::vector<wasm_val_t> c_args, c_results(results.size());
        for (const Value& a : args) c_args.push_back(to_c_val(store, a));
        for (size_t i = 0; i < results.size(); ++i) {
          c_results[i].kind = valkind_of(sig.results[i]);
          c_results[i].of.i64 = 0;
          c_results[i].of.ref = nullptr;
        }
        wasm_val_vec_t arg_vec{c_args.size(), c_args.data()};
        wasm_val_vec_t result_vec{c_results.size(), c_results.data()};
        wasm_trap_t* trap = cb(&arg_vec, &result_vec);
        for (wasm_val_t& a : c_args) wasm_val_delete(&a);
        bool ok = true;
        for (size_t i = 0; i < results.size(); ++i) {
          ok = ok && from_c_val(store, c_results[i], sig.results[i], results[i]);
          wasm_val_delete(&c_results[i]);
        }
        if (trap) throw host_trap(trap);
        if (!ok) throw Error(ErrorKind::Trap, "host function returned a value of the wrong type");
      },
      "host");
}

Extern extern_of(const wasm_extern_t* e) {
  switch (e->kind) {
    case RefKind::Func: return Extern::of(static_cast<Func*>(e->object));
    case RefKind::Global: return Extern::of(static_cast<Global*>(e->object));
    case RefKind::Table: return Extern::of(static_cast<Table*>(e->object));
    default: return Extern::of(static_cast<Memory*>(e->object));
  }
}

wasm_name_t name_of(const std::string& s) {
  wasm_name_t n;
  wasm_byte_vec_new(&n, s.size(), s.data());
  return n;
}

// Every failure of the API's functions: an Error or the host out of memory.
template <class F>
auto guarded(F&& f, decltype(f()) on_failure) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception&) {
    return on_failure;
  }
}

}  // namespace

extern "C" {

// --- Config, engine, store ---
wasm_config_t* wasm_config_new(void) { return new wasm_config_t; }
void wasm_config_delete(wasm_config_t* c) { delete c; }

wasm_engine_t* wasm_engine_new(void) { return new wasm_engine_t; }
wasm_engine_t* wasm_engine_new_with_config(wasm_config_t* config) {
  delete config;
  return new wasm_engine_t;
}
void wasm_engine_delete(wasm_engine_t* e) { delete e; }

wasm_store_t* wasm_store_new(wasm_engine_t* engine) { return new wasm_store_t(engine->features); }
void wasm_store_delete(wasm_store_t* s) { delete s; }

// --- Modules ---
wasm_module_t* wasm_module_new(wasm_store_t* store, const wasm_byte_vec_t* binary) {
  return guarded(
      [&]() -> wasm_module_t* {
        auto data = std::make_shared<ModuleData>();
        auto bytes = std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(binary->data), binary->size);
        data->module = CompiledModule::from_binary(bytes, store->store.features());
        return new wasm_module_t(store, std::move(data));
      },
      nullptr);
}

bool wasm_module_validate(wasm_store_t* store, const wasm_byte_vec_t* binary) {
  wasm_module_t* m = wasm_module_new(store, binary);
  wasm_module_delete(m);
  return m != nullptr;
}

void wasm_module_imports(const wasm_module_t* module, wasm_importtype_vec_t* out) {
  const Module& ir = module->module().ir();
  wasm_importtype_vec_new_uninitialized(out, ir.imports.size());
  uint32_t next[4] = {0, 0, 0, 0};  // the next index in each index space
  for (size_t i = 0; i < ir.imports.size(); ++i) {
    const Import& imp = ir.imports[i];
    wasm_name_t mod = name_of(imp.module), name = name_of(imp.name);
    uint32_t index = next[static_cast<int>(imp.kind)]++;
    out->data[i] = wasm_importtype_new(&mod, &name, new_externtype(ir, imp.kind, index));
  }
}

void wasm_module_exports(const wasm_module_t* module, wasm_exporttype_vec_t* out) {
  const Module& ir = module->module().ir();
  wasm_exporttype_vec_new_uninitialized(out, ir.exports.size());
  for (size_t i = 0; i < ir.exports.size(); ++i) {
    const Export& e = ir.exports[i];
    wasm_name_t name = name_of(e.name);
    out->data[i] = wasm_exporttype_new(&name, new_externtype(ir, e.kind, e.index));
  }
}

// The serialized form is the module's binary: deserializing compiles it again.
void wasm_module_serialize(const wasm_module_t* module, wasm_byte_vec_t* out) {
  std::span<const uint8_t> bytes(module->module().ir().bytes);
  wasm_byte_vec_new(out, bytes.size(), reinterpret_cast<const char*>(bytes.data()));
}
wasm_module_t* wasm_module_deserialize(wasm_store_t* store, const wasm_byte_vec_t* bytes) {
  return wasm_module_new(store, bytes);
}

wasm_shared_module_t* wasm_module_share(const wasm_module_t* module) {
  return new wasm_shared_module_t{module->data()};
}
wasm_module_t* wasm_module_obtain(wasm_store_t* store, const wasm_shared_module_t* shared) {
  return new wasm_module_t(store, shared->data);
}
void wasm_shared_module_delete(wasm_shared_module_t* s) { delete s; }

// --- Instances ---
wasm_instance_t* wasm_instance_new(wasm_store_t* store, const wasm_module_t* module,
                                   const wasm_extern_vec_t* imports, wasm_trap_t** trap) {
  if (trap) *trap = nullptr;
  try {
    const Module& ir = module->module().ir();
    Imports resolved;
    // The API gives imports by position, in the module's import order.
    for (size_t i = 0; i < ir.imports.size(); ++i) {
      if (!imports || i >= imports->size || !imports->data[i])
        throw Error(ErrorKind::Link, "unknown import: \"" + ir.imports[i].module + "\" \"" + ir.imports[i].name +
                                         "\": no extern given at position " + std::to_string(i));
      resolved.add(ir.imports[i].module, ir.imports[i].name, extern_of(imports->data[i]));
    }
    Instance* inst = store->store.instantiate(module->module(), resolved);
    return new wasm_instance_t(store, inst);
  } catch (const Error& e) {
    // A link error is reported as a trap too, so the caller sees why.
    if (trap) *trap = new_trap(store, e);
  } catch (const std::exception& e) {
    if (trap) *trap = new_trap(store, e.what());
  }
  return nullptr;
}

void wasm_instance_exports(const wasm_instance_t* instance, wasm_extern_vec_t* out) {
  auto exports = instance->instance()->exports();
  wasm_extern_vec_new_uninitialized(out, exports.size());
  for (size_t i = 0; i < exports.size(); ++i) out->data[i] = new_extern(instance->store, exports[i].second);
}

// --- Functions ---
wasm_func_t* wasm_func_new(wasm_store_t* store, const wasm_functype_t* type, wasm_func_callback_t cb) {
  return guarded([&] { return new wasm_func_t(store, new_host_func(store, type, Callback{cb, nullptr, nullptr})); },
                 static_cast<wasm_func_t*>(nullptr));
}

wasm_func_t* wasm_func_new_with_env(wasm_store_t* store, const wasm_functype_t* type,
                                    wasm_func_callback_with_env_t cb, void* env, void (*finalizer)(void*)) {
  return guarded(
      [&] {
        auto* f = new wasm_func_t(store, new_host_func(store, type, Callback{nullptr, cb, env}));
        if (finalizer) store->env_finalizers.push_back(HostInfo{env, finalizer});
        return f;
      },
      static_cast<wasm_func_t*>(nullptr));
}

wasm_functype_t* wasm_func_type(const wasm_func_t* f) { return new_functype(f->func()->type()); }
size_t wasm_func_param_arity(const wasm_func_t* f) { return f->func()->type().params.size(); }
size_t wasm_func_result_arity(const wasm_func_t* f) { return f->func()->type().results.size(); }

wasm_trap_t* wasm_func_call(const wasm_func_t* f, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  wasm_store_t* store = f->store;
  try {
    const FuncType& type = f->func()->type();
    size_t given = args ? args->size : 0;
    if (given != type.params.size())
      return new_trap(store, "wrong number of arguments: " + std::to_string(given) + " given, " +
                                 std::to_string(type.params.size()) + " expected");
    std::vector<Value> in(given);
    for (size_t i = 0; i < given; ++i)
      if (!from_c_val(store, args->data[i], type.params[i], in[i]))
        return new_trap(store, "argument " + std::to_string(i) + " has the wrong type (expected " +
                                   val_type_name(type.params[i]) + ")");
    std::vector<Value> out = store->store.call(f->func(), in);
    size_t room = results ? results->size : 0;
    for (size_t i = 0; i < out.size() && i < room; ++i) results->data[i] = to_c_val(store, out[i]);
    return nullptr;
  } catch (const Error& e) {
    return new_trap(store, e);
  } catch (const std::exception& e) {
    return new_trap(store, e.what());
  }
}

// --- Globals ---
wasm_global_t* wasm_global_new(wasm_store_t* store, const wasm_globaltype_t* type, const wasm_val_t* val) {
  return guarded(
      [&]() -> wasm_global_t* {
        GlobalType t{valtype_of(type->content->kind), type->mutability == WASM_VAR};
        Value v;
        if (!from_c_val(store, *val, t.type, v)) return nullptr;
        return new wasm_global_t(store, store->store.new_global(t, v));
      },
      nullptr);
}

wasm_globaltype_t* wasm_global_type(const wasm_global_t* g) {
  GlobalType t = g->global()->type();
  return wasm_globaltype_new(wasm_valtype_new(valkind_of(t.type)), t.mut ? WASM_VAR : WASM_CONST);
}

void wasm_global_get(const wasm_global_t* g, wasm_val_t* out) { *out = to_c_val(g->store, g->global()->get()); }

// Ignored for an immutable global or a value of another type (the API
// has no way to report it).
void wasm_global_set(wasm_global_t* g, const wasm_val_t* val) {
  Value v;
  if (!from_c_val(g->store, *val, g->global()->type().type, v)) return;
  guarded([&] { g->global()->set(v); return true; }, false);
}

// --- Tables ---
wasm_table_t* wasm_table_new(wasm_store_t* store, const wasm_tabletype_t* type, wasm_ref_t* init) {
  return guarded(
      [&]() -> wasm_table_t* {
        TableType t{valtype_of(type->element->kind), limits_of(type->limits)};
        wasm_val_t c_init = WASM_INIT_VAL;
        c_init.of.ref = init;
        Value v;
        if (!from_c_val(store, c_init, t.elem, v)) return nullptr;
        return new wasm_table_t(store, store->store.new_table(t, v));
      },
      nullptr);
}

wasm_tabletype_t* wasm_table_type(const wasm_table_t* t) {
  TableType ty = t->table()->type();
  wasm_limits_t l = c_limits_of(ty.limits);
  return wasm_tabletype_new(wasm_valtype_new(valkind_of(ty.elem)), &l);
}

wasm_ref_t* wasm_table_get(const wasm_table_t* t, wasm_table_size_t index) {
  if (index >= t->table()->size()) return nullptr;
  return to_c_val(t->store, t->table()->get(index)).of.ref;
}

bool wasm_table_set(wasm_table_t* t, wasm_table_size_t index, wasm_ref_t* ref) {
  wasm_val_t c = WASM_INIT_VAL;
  c.of.ref = ref;
  Value v;
  if (index >= t->table()->size() || !from_c_val(t->store, c, t->table()->type().elem, v)) return false;
  return guarded([&] { t->table()->set(index, v); return true; }, false);
}

wasm_table_size_t wasm_table_size(const wasm_table_t* t) { return static_cast<wasm_table_size_t>(t->table()->size()); }

bool wasm_table_grow(wasm_table_t* t, wasm_table_size_t delta, wasm_ref_t* init) {
  wasm_val_t c = WASM_INIT_VAL;
  c.of.ref = init;
  Value v;
  if (!from_c_val(t->store, c, t->table()->type().elem, v)) return false;
  return guarded([&] { return t->table()->grow(delta, v) >= 0; }, false);
}

// --- Memories ---
wasm_memory_t* wasm_memory_new(wasm_store_t* store, const wasm_memorytype_t* type) {
  return guarded(
      [&] {
        MemoryType t;
        t.limits = limits_of(type->limits);
        return new wasm_memory_t(store, store->store.new_memory(t));
      },
      static_cast<wasm_memory_t*>(nullptr));
}

wasm_memorytype_t* wasm_memory_type(const wasm_memory_t* m) {
  wasm_limits_t l = c_limits_of(m->memory()->type().limits);
  return wasm_memorytype_new(&l);
}

byte_t* wasm_memory_data(wasm_memory_t* m) { return reinterpret_cast<byte_t*>(m->memory()->bytes().data()); }
size_t wasm_memory_data_size(const wasm_memory_t* m) { return m->memory()->size_bytes(); }
wasm_memory_pages_t wasm_memory_size(const wasm_memory_t* m) {
  return static_cast<wasm_memory_pages_t>(m->memory()->pages());
}
bool wasm_memory_grow(wasm_memory_t* m, wasm_memory_pages_t delta) {
  return guarded([&] { return m->memory()->grow(delta) >= 0; }, false);
}

// --- Externs ---
wasm_externkind_t wasm_extern_kind(const wasm_extern_t* e) {
  switch (e->kind) {
    case RefKind::Func: return WASM_EXTERN_FUNC;
    case RefKind::Global: return WASM_EXTERN_GLOBAL;
    case RefKind::Table: return WASM_EXTERN_TABLE;
    default: return WASM_EXTERN_MEMORY;
  }
}

wasm_externtype_t* wasm_extern_type(const wasm_extern_t* e) {
  switch (e->kind) {
    case RefKind::Func: return wasm_func_type(static_cast<const wasm_func_t*>(e));
    case RefKind::Global: return wasm_global_type(static_cast<const wasm_global_t*>(e));
    case RefKind::Table: return wasm_table_type(static_cast<const wasm_table_t*>(e));
    default: return wasm_memory_type(static_cast<const wasm_memory_t*>(e));
  }
}

// Views between wasm_extern_t and its four kinds (NULL for another kind).
#define WASMRUN_EXTERN_CASTS(NAME, KIND)                                                     \
  wasm_extern_t* wasm_##NAME##_as_extern(wasm_##NAME##_t* x) { return x; }                   \
  const wasm_extern_t* wasm_##NAME##_as_extern_const(const wasm_##NAME##_t* x) { return x; } \
  wasm_##NAME##_t* wasm_extern_as_##NAME(wasm_extern_t* e) {                                 \
    return e && e->kind == RefKind::KIND ? static_cast<wasm_##NAME##_t*>(e) : nullptr;       \
  }                                                                                          \
  const wasm_##NAME##_t* wasm_extern_as_##NAME##_const(const wasm_extern_t* e) {             \
    return e && e->kind == RefKind::KIND ? static_cast<const wasm_##NAME##_t*>(e) : nullptr; \
  }

WASMRUN_EXTERN_CASTS(func, Func)
WASMRUN_EXTERN_CASTS(global, Global)
WASMRUN_EXTERN_CASTS(table, Table)
WASMRUN_EXTERN_CASTS(memory, Memory)

}  // extern "C"
