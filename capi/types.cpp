// The type objects of the wasm-c-api: value, function, global, table,
// memory, extern, import and export types.
#include "capi/objects.h"
#include "loader/module.h"

using wasmrun::ExternKind;
using wasmrun::ValType;

namespace wasmrun::capi {

wasm_valkind_t valkind_of(ValType type) {
  const ValType t = ref_hierarchy(type);
  switch (t) {
    case ValType::I32: return WASM_I32;
    case ValType::I64: return WASM_I64;
    case ValType::F32: return WASM_F32;
    case ValType::F64: return WASM_F64;
    case ValType::FuncRef: return WASM_FUNCREF;
    case ValType::ExternRef: return WASM_EXTERNREF;
    case ValType::V128: break;  // the C API has no v128
    case ValType::ExnRef: break;  // nor exnref
  }
  return WASM_EXTERNREF;
}

ValType valtype_of(wasm_valkind_t k) {
  switch (k) {
    case WASM_I32: return ValType::I32;
    case WASM_I64: return ValType::I64;
    case WASM_F32: return ValType::F32;
    case WASM_F64: return ValType::F64;
    case WASM_FUNCREF: return ValType::FuncRef;
    default: return ValType::ExternRef;
  }
}

Limits limits_of(const wasm_limits_t& l) {
  Limits r;
  r.min = l.min;
  r.has_max = l.max != wasm_limits_max_default;
  r.max = r.has_max ? l.max : 0;
  return r;
}

wasm_limits_t c_limits_of(const Limits& l) {
  return {static_cast<uint32_t>(l.min), l.has_max ? static_cast<uint32_t>(l.max) : wasm_limits_max_default};
}

static void valtypes_of(const std::vector<ValType>& types, wasm_valtype_vec_t* out) {
  wasm_valtype_vec_new_uninitialized(out, types.size());
  for (size_t i = 0; i < types.size(); ++i) out->data[i] = wasm_valtype_new(valkind_of(types[i]));
}

wasm_functype_t* new_functype(const FuncType& t) {
  auto* f = new wasm_functype_t{};
  f->kind = WASM_EXTERN_FUNC;
  valtypes_of(t.params, &f->params);
  valtypes_of(t.results, &f->results);
  return f;
}

FuncType functype_of(const wasm_functype_t* t) {
  FuncType r;
  for (size_t i = 0; i < t->params.size; ++i) r.params.push_back(valtype_of(t->params.data[i]->kind));
  for (size_t i = 0; i < t->results.size; ++i) r.results.push_back(valtype_of(t->results.data[i]->kind));
  return r;
}

static wasm_externtype_t* new_globaltype(const GlobalType& g) {
  return wasm_globaltype_as_externtype(wasm_globaltype_new(wasm_valtype_new(valkind_of(g.type)),
                                                           g.mut ? WASM_VAR : WASM_CONST));
}

static wasm_externtype_t* new_tabletype(const TableType& t) {
  wasm_limits_t l = c_limits_of(t.limits);
  return wasm_tabletype_as_externtype(wasm_tabletype_new(wasm_valtype_new(valkind_of(t.elem)), &l));
}

static wasm_externtype_t* new_memorytype(const MemoryType& m) {
  wasm_limits_t l = c_limits_of(m.limits);
  return wasm_memorytype_as_externtype(wasm_memorytype_new(&l));
}

// The type of item `index` of a module's index space of `kind`.
wasm_externtype_t* new_externtype(const Module& ir, ExternKind kind, uint32_t index) {
  switch (kind) {
    case ExternKind::Func: return wasm_functype_as_externtype(new_functype(ir.func_type(index)));
    case ExternKind::Global: return new_globaltype(ir.all_globals[index]);
    case ExternKind::Table: return new_tabletype(ir.all_tables[index]);
    case ExternKind::Memory: return new_memorytype(ir.all_memories[index]);
    case ExternKind::Tag: break;  // the C API has no tags
  }
  return nullptr;
}

}  // namespace wasmrun::capi

using namespace wasmrun::capi;

extern "C" {

// --- Value types ---
wasm_valtype_t* wasm_valtype_new(wasm_valkind_t kind) { return new wasm_valtype_t{kind}; }
wasm_valkind_t wasm_valtype_kind(const wasm_valtype_t* t) { return t->kind; }
wasm_valtype_t* wasm_valtype_copy(const wasm_valtype_t* t) { return new wasm_valtype_t{*t}; }
void wasm_valtype_delete(wasm_valtype_t* t) { delete t; }

// --- Function types ---
wasm_functype_t* wasm_functype_new(wasm_valtype_vec_t* params, wasm_valtype_vec_t* results) {
  auto* f = new wasm_functype_t{};
  f->kind = WASM_EXTERN_FUNC;
  f->params = *params;  // adopted: the caller's vectors now belong to the type
  f->results = *results;
  return f;
}
const wasm_valtype_vec_t* wasm_functype_params(const wasm_functype_t* f) { return &f->params; }
const wasm_valtype_vec_t* wasm_functype_results(const wasm_functype_t* f) { return &f->results; }
wasm_functype_t* wasm_functype_copy(const wasm_functype_t* f) {
  auto* c = new wasm_functype_t{};
  c->kind = WASM_EXTERN_FUNC;
  wasm_valtype_vec_copy(&c->params, &f->params);
  wasm_valtype_vec_copy(&c->results, &f->results);
  return c;
}
void wasm_functype_delete(wasm_functype_t* f) {
  if (!f) return;
  wasm_valtype_vec_delete(&f->params);
  wasm_valtype_vec_delete(&f->results);
  delete f;
}

// --- Global types ---
wasm_globaltype_t* wasm_globaltype_new(wasm_valtype_t* content, wasm_mutability_t mutability) {
  auto* g = new wasm_globaltype_t{};
  g->kind = WASM_EXTERN_GLOBAL;
  g->content = content;
  g->mutability = mutability;
  return g;
}
const wasm_valtype_t* wasm_globaltype_content(const wasm_globaltype_t* g) { return g->content; }
wasm_mutability_t wasm_globaltype_mutability(const wasm_globaltype_t* g) { return g->mutability; }
wasm_globaltype_t* wasm_globaltype_copy(const wasm_globaltype_t* g) {
  return wasm_globaltype_new(wasm_valtype_copy(g->content), g->mutability);
}
void wasm_globaltype_delete(wasm_globaltype_t* g) {
  if (!g) return;
  wasm_valtype_delete(g->content);
  delete g;
}

// --- Table types ---
wasm_tabletype_t* wasm_tabletype_new(wasm_valtype_t* element, const wasm_limits_t* limits) {
  auto* t = new wasm_tabletype_t{};
  t->kind = WASM_EXTERN_TABLE;
  t->element = element;
  t->limits = *limits;
  return t;
}
const wasm_valtype_t* wasm_tabletype_element(const wasm_tabletype_t* t) { return t->element; }
const wasm_limits_t* wasm_tabletype_limits(const wasm_tabletype_t* t) { return &t->limits; }
wasm_tabletype_t* wasm_tabletype_copy(const wasm_tabletype_t* t) {
  return wasm_tabletype_new(wasm_valtype_copy(t->element), &t->limits);
}
void wasm_tabletype_delete(wasm_tabletype_t* t) {
  if (!t) return;
  wasm_valtype_delete(t->element);
  delete t;
}

// --- Memory types ---
wasm_memorytype_t* wasm_memorytype_new(const wasm_limits_t* limits) {
  auto* m = new wasm_memorytype_t{};
  m->kind = WASM_EXTERN_MEMORY;
  m->limits = *limits;
  return m;
}
const wasm_limits_t* wasm_memorytype_limits(const wasm_memorytype_t* m) { return &m->limits; }
wasm_memorytype_t* wasm_memorytype_copy(const wasm_memorytype_t* m) { return wasm_memorytype_new(&m->limits); }
void wasm_memorytype_delete(wasm_memorytype_t* m) { delete m; }

// --- Extern types: a view of one of the four above ---
wasm_externkind_t wasm_externtype_kind(const wasm_externtype_t* t) { return t->kind; }

wasm_externtype_t* wasm_externtype_copy(const wasm_externtype_t* t) {
  switch (t->kind) {
    case WASM_EXTERN_FUNC: return wasm_functype_copy(static_cast<const wasm_functype_t*>(t));
    case WASM_EXTERN_GLOBAL: return wasm_globaltype_copy(static_cast<const wasm_globaltype_t*>(t));
    case WASM_EXTERN_TABLE: return wasm_tabletype_copy(static_cast<const wasm_tabletype_t*>(t));
    default: return wasm_memorytype_copy(static_cast<const wasm_memorytype_t*>(t));
  }
}

void wasm_externtype_delete(wasm_externtype_t* t) {
  if (!t) return;
  switch (t->kind) {
    case WASM_EXTERN_FUNC: wasm_functype_delete(static_cast<wasm_functype_t*>(t)); break;
    case WASM_EXTERN_GLOBAL: wasm_globaltype_delete(static_cast<wasm_globaltype_t*>(t)); break;
    case WASM_EXTERN_TABLE: wasm_tabletype_delete(static_cast<wasm_tabletype_t*>(t)); break;
    default: wasm_memorytype_delete(static_cast<wasm_memorytype_t*>(t)); break;
  }
}

// Views between wasm_externtype_t and the type NAME of extern kind KIND:
// the downcasts are checked, and give NULL for another kind.
#define WASMRUN_EXTERNTYPE_CASTS(NAME, KIND)                                                       \
  wasm_externtype_t* wasm_##NAME##_as_externtype(wasm_##NAME##_t* t) { return t; }                 \
  const wasm_externtype_t* wasm_##NAME##_as_externtype_const(const wasm_##NAME##_t* t) { return t; } \
  wasm_##NAME##_t* wasm_externtype_as_##NAME(wasm_externtype_t* t) {                               \
    return t && t->kind == KIND ? static_cast<wasm_##NAME##_t*>(t) : nullptr;                      \
  }                                                                                                \
  const wasm_##NAME##_t* wasm_externtype_as_##NAME##_const(const wasm_externtype_t* t) {           \
    return t && t->kind == KIND ? static_cast<const wasm_##NAME##_t*>(t) : nullptr;                \
  }

WASMRUN_EXTERNTYPE_CASTS(functype, WASM_EXTERN_FUNC)
WASMRUN_EXTERNTYPE_CASTS(globaltype, WASM_EXTERN_GLOBAL)
WASMRUN_EXTERNTYPE_CASTS(tabletype, WASM_EXTERN_TABLE)
WASMRUN_EXTERNTYPE_CASTS(memorytype, WASM_EXTERN_MEMORY)

// --- Import and export types ---
wasm_importtype_t* wasm_importtype_new(wasm_name_t* module, wasm_name_t* name, wasm_externtype_t* type) {
  return new wasm_importtype_t{*module, *name, type};
}
const wasm_name_t* wasm_importtype_module(const wasm_importtype_t* t) { return &t->module; }
const wasm_name_t* wasm_importtype_name(const wasm_importtype_t* t) { return &t->name; }
const wasm_externtype_t* wasm_importtype_type(const wasm_importtype_t* t) { return t->type; }
wasm_importtype_t* wasm_importtype_copy(const wasm_importtype_t* t) {
  auto* c = new wasm_importtype_t{};
  wasm_byte_vec_copy(&c->module, &t->module);
  wasm_byte_vec_copy(&c->name, &t->name);
  c->type = wasm_externtype_copy(t->type);
  return c;
}
void wasm_importtype_delete(wasm_importtype_t* t) {
  if (!t) return;
  wasm_byte_vec_delete(&t->module);
  wasm_byte_vec_delete(&t->name);
  wasm_externtype_delete(t->type);
  delete t;
}

wasm_exporttype_t* wasm_exporttype_new(wasm_name_t* name, wasm_externtype_t* type) {
  return new wasm_exporttype_t{*name, type};
}
const wasm_name_t* wasm_exporttype_name(const wasm_exporttype_t* t) { return &t->name; }
const wasm_externtype_t* wasm_exporttype_type(const wasm_exporttype_t* t) { return t->type; }
wasm_exporttype_t* wasm_exporttype_copy(const wasm_exporttype_t* t) {
  auto* c = new wasm_exporttype_t{};
  wasm_byte_vec_copy(&c->name, &t->name);
  c->type = wasm_externtype_copy(t->type);
  return c;
}
void wasm_exporttype_delete(wasm_exporttype_t* t) {
  if (!t) return;
  wasm_byte_vec_delete(&t->name);
  wasm_externtype_delete(t->type);
  delete t;
}

}  // extern "C"
