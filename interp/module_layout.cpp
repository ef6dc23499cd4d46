// The module-only side of module_layout.h: includes loader/module.h and
// must not include wasmrun/wasmrun.h.
#include "interp/module_layout.h"

#include "loader/decoder.h"
#include "loader/module.h"
#include "loader/validator.h"

namespace wasmrun::interp {

namespace {
ModuleLayout::Mode mode_of(SegmentMode m) {
  switch (m) {
    case SegmentMode::Active: return ModuleLayout::Mode::Active;
    case SegmentMode::Passive: return ModuleLayout::Mode::Passive;
    case SegmentMode::Declarative: return ModuleLayout::Mode::Declarative;
  }
  return ModuleLayout::Mode::Passive;
}
}  // namespace

std::unique_ptr<ModuleLayout> make_layout(const Module& m) {
  auto l = std::make_unique<ModuleLayout>();
  l->types = m.types;
  for (const Import& i : m.imports)
    l->imports.push_back({i.module, i.name, i.kind, i.func_type, i.table, i.memory, i.global});
  for (const Function& f : m.functions) l->func_type_indices.push_back(f.type_index);
  l->num_imported_funcs = m.num_imported_funcs;
  l->tables = m.tables;
  l->memories = m.memories;
  for (const Global& g : m.globals) l->globals.push_back({g.type, g.init.code});
  for (const Export& e : m.exports) l->exports.push_back({e.name, e.kind, e.index});
  l->start = m.start;
  for (const ElemSegment& e : m.elems) {
    ModuleLayout::ElemDef d;
    d.mode = mode_of(e.mode);
    d.table_index = e.table_index;
    d.offset = e.offset.code;
    for (const ConstExpr& item : e.items) d.items.push_back(item.code);
    l->elems.push_back(std::move(d));
  }
  for (const DataSegment& s : m.datas) {
    ModuleLayout::DataDef d;
    d.mode = mode_of(s.mode);
    d.memory_index = s.memory_index;
    d.offset = s.offset.code;
    d.bytes = m.data(s);
    l->datas.push_back(std::move(d));
  }
  l->func_names = m.func_names;
  return l;
}

std::shared_ptr<const Module> load_module(std::span<const uint8_t> bytes, const Features& features) {
  auto m = std::make_shared<Module>(decode_module(bytes, features));
  validate_module(*m, features);
  return m;
}

}  // namespace wasmrun::interp
