// Instantiation in the specification's order (exec/modules.rst):
//   1. resolve and type-check every import ("unknown import",
//      "incompatible import type");
//   2. allocate functions, tables, memories and globals (global
//      initializers see the imported globals, every function and, with
//      extended-const, the globals defined before them);
//   3. exports;
//   4. element segments: evaluate their items; active ones are copied into
//      their table (table.init) and dropped, declarative ones dropped;
//   5. active data segments are copied into memory (memory.init), dropped;
//   6. the start function.
// A trap in 4-6 leaves the writes already made: the half-built instance
// stays in the store, reachable through whatever it wrote into imports.
#include "interp/runtime/instantiate.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interp/exec/bounds_mode.h"
#include "interp/runtime/const_eval.h"
#include "interp/runtime/gc_objects.h"
#include "interp/exec/interpreter.h"
#include "interp/exec/table_ops.h"

namespace wasmrun::interp {

namespace {

[[noreturn]] void incompatible(const Import& imp, const std::string& why) {
  throw_link("incompatible import type: \"" + imp.module + "\" \"" + imp.name + "\": " + why);
}

// Limits subtyping (valid/types.rst "Import Subtyping"): the actual object
// is at least as large now and promises no larger maximum.
bool limits_match(uint64_t actual_min, bool actual_has_max, uint64_t actual_max, const Limits& want) {
  if (actual_min < want.min) return false;
  if (want.has_max) {
    if (!actual_has_max || actual_max > want.max) return false;
  }
  return true;
}

// `ids`: the importing module's canonical type ids. Functions match by
// subtyping of their types; globals by subtyping if immutable, by equality
// if mutable; tables' element types and tags' types are equal.
void check_import(Store::Impl& S, const std::vector<uint32_t>& ids, const Import& imp, const Extern& ext) {
  if (ext.kind != imp.kind) incompatible(imp, std::string("expected a ") + extern_kind_name(imp.kind));
  switch (imp.kind) {
    case ExternKind::Func: {
      if (!ext.func) incompatible(imp, "null function");
      if (!S.types.is_subtype(impl(ext.func)->type_id, ids.at(imp.func_type))) incompatible(imp, "function type");
      if (imp.exact && impl(ext.func)->type_id != ids.at(imp.func_type)) incompatible(imp, "exact function type");
      break;
    }
    case ExternKind::Table: {
      const TableImpl* t = impl(ext.table);
      if (!t) incompatible(imp, "null table");
      if (t->ty.elem != TypeRegistry::canonical(imp.table.elem, ids)) incompatible(imp, "element type");
      if (t->ty.is64 != imp.table.is64) incompatible(imp, "table index type");
      if (!limits_match(t->elems.size(), t->ty.limits.has_max, t->ty.limits.max, imp.table.limits))
        incompatible(imp, "table limits");
      break;
    }
    case ExternKind::Memory: {
      const MemoryImpl* mem = impl(ext.memory);
      if (!mem) incompatible(imp, "null memory");
      if (mem->ty.is64 != imp.memory.is64 || mem->ty.page_size_log2 != imp.memory.page_size_log2)
        incompatible(imp, "memory type");
      if (mem->ty.shared != imp.memory.shared)
        incompatible(imp, mem->ty.shared ? "a shared memory for an unshared import"
                                         : "an unshared memory for a shared import");
      if (!limits_match(mem->mem.pages(), mem->ty.limits.has_max, mem->ty.limits.max, imp.memory.limits))
        incompatible(imp, "memory limits");
      break;
    }
    case ExternKind::Global: {
      const GlobalImpl* g = impl(ext.global);
      if (!g) incompatible(imp, "null global");
      const ValType want = TypeRegistry::canonical(imp.global.type, ids);
      if (g->ty.mut != imp.global.mut) incompatible(imp, "global type");
      if (g->ty.mut ? g->ty.type != want : !S.types.val_matches(g->ty.type, want)) incompatible(imp, "global type");
      break;
    }
    case ExternKind::Tag: {
      // Tag types match exactly.
      const TagImpl* t = impl(ext.tag);
      if (!t) incompatible(imp, "null tag");
      if (t->type_id != ids.at(imp.tag_type)) incompatible(imp, "tag type");
      break;
    }
  }
}

}  // namespace

TableImpl* new_table_impl(Store::Impl& S, const TableType& type, uintptr_t init) {
  auto t = std::make_unique<TableImpl>();
  t->ty = type;
  t->store = &S;
  t->shown = shown_type(S, type.elem);
  uint64_t cap = std::min<uint64_t>(S.limits.max_table_elements, 0xFFFFFFFFu);
  t->limit = type.limits.has_max ? std::min(type.limits.max, cap) : cap;
  if (type.limits.min > t->limit) throw Error(ErrorKind::Exhaustion, "table too large");
  t->elems.assign(type.limits.min, init);
  S.tables.push_back(std::move(t));
  return S.tables.back().get();
}

// Whether the loop may access a memory of this type without compares: a
// 32-bit memory whose pages are whole OS pages (so that every byte past
// its size is unmapped), in the Guard bounds mode.
static bool guardable(const MemoryType& type) {
  return bounds_mode() == BoundsMode::Guard && !type.is64 && type.page_size_log2 >= 12;
}

MemoryImpl* new_memory_impl(Store::Impl& S, const MemoryType& type) {
  std::optional<uint64_t> max;
  if (type.limits.has_max) max = type.limits.max;
  // The store's caps are in 64 KiB units whatever the page size.
  uint64_t cap = type.is64 ? S.limits.max_memory64_pages : S.limits.max_memory_pages;
  const unsigned shift = 16 - type.page_size_log2;
  cap = cap > (UINT64_MAX >> shift) ? UINT64_MAX : cap << shift;
  if (!type.is64) cap = std::min<uint64_t>(cap, uint64_t{1} << (32 - type.page_size_log2));
  // In the Guard bounds mode every memory that can be guarded is: any may
  // become an instance's memory 0 through an import.
  LinearMemory lm(type.limits.min, max, cap, type.page_size_log2, guardable(type));
  S.memories.push_back(std::make_unique<MemoryImpl>(type, std::move(lm)));
  return S.memories.back().get();
}

InstanceImpl* instantiate(Store::Impl& S, const CompiledModule& cm, const Imports& imports) {
  const Module& m = cm.ir();
  const Features& features = cm.features();

  // 1. Imports, checked against the module's types in the store's
  // canonical form.
  std::vector<uint32_t> type_ids = S.types.intern_module(m);
  std::vector<Extern> resolved;
  resolved.reserve(m.imports.size());
  for (const Import& imp : m.imports) {
    const Extern* e = imports.find(imp.module, imp.name);
    if (!e) throw_link("unknown import: \"" + imp.module + "\" \"" + imp.name + "\"");
    check_import(S, type_ids, imp, *e);
    resolved.push_back(*e);
  }

  // 2. Allocation. The instance joins the store at once, so everything it
  // allocates stays alive whatever happens below.
  S.instances.push_back(std::make_unique<InstanceImpl>());
  InstanceImpl* inst = S.instances.back().get();
  inst->keep_alive = cm.weak_from_this().lock();
  inst->compiled = &cm;
  inst->ir = &m;
  inst->type_ids = std::move(type_ids);
  inst->type_registry = &S.types;
  inst->store = &S;
  add_gc_types(S, *inst);
  // Constant expressions may allocate structs and arrays whose references
  // are nowhere the collector looks until they are stored: no collection
  // until the segments are in place.
  struct NoCollection {
    GcHeap& heap;
    explicit NoCollection(GcHeap& h) : heap(h) { heap.inhibit(); }
    ~NoCollection() { heap.uninhibit(); }
  };
  std::optional<NoCollection> no_collection;
  if (!S.gc_type_infos.empty()) no_collection.emplace(gc_heap(S));

  for (size_t i = 0; i < m.imports.size(); ++i) {
    const Extern& e = resolved[i];
    switch (e.kind) {
      case ExternKind::Func: inst->funcs.push_back(impl(e.func)); break;
      case ExternKind::Table: inst->tables.push_back(impl(e.table)); break;
      case ExternKind::Memory: inst->memories.push_back(impl(e.memory)); break;
      case ExternKind::Global: inst->globals.push_back(impl(e.global)); break;
      case ExternKind::Tag: inst->tags.push_back(impl(e.tag)); break;
    }
  }
  for (const TagDef& t : m.tags) inst->tags.push_back(S.new_tag(m.types.at(t.type_index), inst->type_ids.at(t.type_index)));
  // Functions: a big module has thousands, so what depends only on the
  // type is computed once per type. Their code is compiled on first call.
  std::vector<std::pair<uint32_t, uint32_t>> type_slots;  // (param, result) slots per type index
  std::vector<FuncType> shown;                              // the host's view of each type
  std::vector<std::vector<ValType>> canon_params;           // canonical parameters, if a defined type is one
  type_slots.reserve(m.types.size());
  shown.reserve(m.types.size());
  canon_params.resize(m.types.size());
  for (const FuncType& t : m.types) {
    uint32_t p = 0, r = 0;
    for (ValType v : t.params) p += slot_count(v);
    for (ValType v : t.results) r += slot_count(v);
    type_slots.emplace_back(p, r);
    shown.push_back(shown_func_type(t, m));
    for (ValType v : t.params)
      if (v.is_ref() && v.heap().is_defined()) {
        for (ValType q : t.params) canon_params[shown.size() - 1].push_back(TypeRegistry::canonical(q, inst->type_ids));
        break;
      }
  }
  inst->funcs.reserve(m.num_imported_funcs + m.functions.size());
  for (size_t i = 0; i < m.functions.size(); ++i) {
    const uint32_t type_index = m.functions[i].type_index;
    auto f = std::make_unique<FuncImpl>();
    f->index = m.num_imported_funcs + static_cast<uint32_t>(i);
    f->sig = shown.at(type_index);
    f->canon_params = canon_params[type_index];
    f->type_id = inst->type_ids.at(type_index);
    f->param_slots = type_slots[type_index].first;
    f->result_slots = type_slots[type_index].second;
    f->inst = inst;
    S.funcs.push_back(std::move(f));
    inst->funcs.push_back(S.funcs.back().get());
  }
  for (TableType t : m.tables) {
    t.elem = TypeRegistry::canonical(t.elem, inst->type_ids);  // comparable across modules
    inst->tables.push_back(new_table_impl(S, t, 0));
  }
  for (const MemoryType& t : m.memories) inst->memories.push_back(new_memory_impl(S, t));
  inst->mem0 = inst->memories.empty() ? nullptr : &inst->memories[0]->mem;
  // Only a memory 0 that the fast forms reach (32-bit, 64 KiB pages:
  // lower.cpp's fast_memory) must be guarded; the others are checked.
  const MemoryType* mem0_type = inst->memories.empty() ? nullptr : &inst->memories[0]->ty;
  if (mem0_type && !mem0_type->is64 && mem0_type->page_size_log2 == 16 && bounds_mode() == BoundsMode::Guard &&
      !inst->mem0->guarded())
    throw Error(ErrorKind::Usage,
                "memory 0 cannot be guarded (64-bit addresses or small pages): run with "
                "WASMRUN_BOUNDS_CHECKS=explicit");
  for (const GlobalDef& g : m.globals) {
    auto gi = std::make_unique<GlobalImpl>();
    gi->ty = g.type;
    gi->store = &S;
    gi->ty.type = TypeRegistry::canonical(g.type.type, inst->type_ids);  // comparable across modules
    gi->shown = shown_type(S, gi->ty.type);
    eval_const(g.init.code, *inst, features, gi->val);
    S.globals.push_back(std::move(gi));
    inst->globals.push_back(S.globals.back().get());
  }
  // Tables with an initializer (3.0), which may read the globals.
  for (size_t i = 0; i < m.table_inits.size(); ++i) {
    if (m.table_inits[i].code.empty()) continue;
    uint64_t v[2] = {};
    eval_const(m.table_inits[i].code, *inst, features, v);
    TableImpl& t = *inst->tables.at(m.num_imported_tables + i);
    std::fill(t.elems.begin(), t.elems.end(), static_cast<uintptr_t>(v[0]));
  }

  // 3. Exports.
  for (const Export& e : m.exports) {
    Extern x;
    switch (e.kind) {
      case ExternKind::Func: x = Extern::of(static_cast<Func*>(inst->funcs.at(e.index))); break;
      case ExternKind::Table: x = Extern::of(static_cast<Table*>(inst->tables.at(e.index))); break;
      case ExternKind::Memory: x = Extern::of(static_cast<Memory*>(inst->memories.at(e.index))); break;
      case ExternKind::Global: x = Extern::of(static_cast<Global*>(inst->globals.at(e.index))); break;
      case ExternKind::Tag: x = Extern::of(static_cast<Tag*>(inst->tags.at(e.index))); break;
    }
    inst->export_list.emplace_back(e.name, x);
    inst->export_map.emplace(e.name, x);
  }

  // 4. Element segments.
  inst->elems.resize(m.elems.size());
  // Lists of function indices are held as ref.func expressions, read so
  // even without reference types (1.0), as the validator does.
  Features item_features = features;
  item_features.reference_types = true;
  for (size_t i = 0; i < m.elems.size(); ++i) {
    const ElemSegment& seg = m.elems[i];
    std::vector<uintptr_t>& refs = inst->elems[i];
    refs.reserve(seg.items.size());
    for (const ConstExpr& item : seg.items) {
      uint64_t v[2];
      eval_const(item.code, *inst, item_features, v);
      refs.push_back(static_cast<uintptr_t>(v[0]));
    }
  }
  inst->datas.reserve(m.datas.size());
  for (const DataSegment& d : m.datas) inst->datas.push_back(m.data(d));

  for (size_t i = 0; i < m.elems.size(); ++i) {
    const ElemSegment& seg = m.elems[i];
    if (seg.mode == SegmentMode::Active) {
      uint64_t off[2];
      eval_const(seg.offset.code, *inst, features, off);
      std::vector<uintptr_t>& refs = inst->elems[i];
      TableImpl& table = *inst->tables.at(seg.table_index);
      table_init(table, refs, table.ty.is64 ? off[0] : static_cast<uint32_t>(off[0]), 0, refs.size());
      refs = {};
    } else if (seg.mode == SegmentMode::Declarative) {
      inst->elems[i] = {};
    }
  }

  // 5. Data segments.
  for (size_t i = 0; i < m.datas.size(); ++i) {
    const DataSegment& d = m.datas[i];
    if (d.mode != SegmentMode::Active) continue;
    uint64_t off[2];
    eval_const(d.offset.code, *inst, features, off);
    LinearMemory& mem = inst->memories.at(d.memory_index)->mem;
    uint64_t addr = inst->memories[d.memory_index]->ty.is64 ? off[0] : static_cast<uint32_t>(off[0]);
    mem.init(addr, inst->datas[i], 0, inst->datas[i].size());
    inst->datas[i] = {};
  }

  // 6. Start.
  no_collection.reset();
  if (m.start) invoke(S, inst->funcs.at(*m.start), {});
  return inst;
}

}  // namespace wasmrun::interp
