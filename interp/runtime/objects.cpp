// The public methods of the runtime objects (wasmrun.h), over the structs
// in runtime.h.
#include <cstring>

#include "interp/runtime/runtime.h"
#include "interp/exec/table_ops.h"
#include "interp/exec/traps.h"

namespace wasmrun {

using namespace interp;

// --- Func ---
const FuncType& Func::type() const { return impl(this)->sig; }

std::string Func::debug_name() const {
  const FuncImpl* f = impl(this);
  if (f->is_host()) return f->host_name;
  const Module& m = *f->inst->ir;
  auto it = m.func_names.find(f->index);
  if (it != m.func_names.end() && !it->second.empty()) return it->second;
  for (const Export& e : m.exports)
    if (e.kind == ExternKind::Func && e.index == f->index) return e.name;
  return "func[" + std::to_string(f->index) + "]";
}

// --- Table ---
TableType Table::type() const {
  TableType t = impl(this)->ty;
  t.limits.min = impl(this)->elems.size();  // the current size, as the spec's type of a grown table
  return t;
}
uint64_t Table::size() const { return impl(this)->elems.size(); }
Value Table::get(uint64_t index) const {
  const TableImpl* t = impl(this);
  if (index >= t->elems.size()) trap_table_oob();
  Value v = Value::null_ref(t->ty.elem);
  v.ref = t->elems[index];
  return v;
}
void Table::set(uint64_t index, const Value& value) {
  TableImpl* t = impl(this);
  if (value.type != t->ty.elem) throw Error(ErrorKind::Usage, "table element of the wrong type");
  if (index >= t->elems.size()) trap_table_oob();
  t->elems[index] = value.ref;
}
int64_t Table::grow(uint64_t delta, const Value& init) {
  TableImpl* t = impl(this);
  if (init.type != t->ty.elem) throw Error(ErrorKind::Usage, "table element of the wrong type");
  return table_grow(*t, delta, init.ref);
}

// --- Memory ---
MemoryType Memory::type() const {
  MemoryType t = impl(this)->ty;
  t.limits.min = impl(this)->mem.pages();
  return t;
}
uint64_t Memory::pages() const { return impl(this)->mem.pages(); }
uint64_t Memory::size_bytes() const { return impl(this)->mem.size_bytes(); }
int64_t Memory::grow(uint64_t delta_pages) { return impl(this)->mem.grow(delta_pages); }
std::span<uint8_t> Memory::bytes() { return impl(this)->mem.bytes(); }

// --- Global ---
GlobalType Global::type() const { return impl(this)->ty; }
Value Global::get() const {
  Value v = slots_to_value(impl(this)->ty.type, impl(this)->val);
  if (!impl(this)->shown.is_none()) v.type = impl(this)->shown;
  return v;
}
void Global::set(const Value& value) {
  GlobalImpl* g = impl(this);
  if (!g->ty.mut) throw Error(ErrorKind::Usage, "global is immutable");
  if (value.type != g->ty.type) throw Error(ErrorKind::Usage, "global value of the wrong type");
  value_to_slots(value, g->val);
}

// --- Tag ---
const FuncType& Tag::type() const { return impl(this)->sig; }

// --- Instance ---
const CompiledModule& Instance::module() const { return *impl(this)->compiled; }

std::optional<Extern> Instance::find_export(std::string_view name) const {
  const auto& map = impl(this)->export_map;
  auto it = map.find(name);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

std::vector<std::pair<std::string, Extern>> Instance::exports() const { return impl(this)->export_list; }

Func* Instance::func(std::string_view name) const {
  auto e = find_export(name);
  return e && e->kind == ExternKind::Func ? e->func : nullptr;
}
Memory* Instance::memory(std::string_view name) const {
  auto e = find_export(name);
  return e && e->kind == ExternKind::Memory ? e->memory : nullptr;
}
Global* Instance::global(std::string_view name) const {
  auto e = find_export(name);
  return e && e->kind == ExternKind::Global ? e->global : nullptr;
}
Table* Instance::table(std::string_view name) const {
  auto e = find_export(name);
  return e && e->kind == ExternKind::Table ? e->table : nullptr;
}

Tag* Instance::tag(std::string_view name) const {
  auto e = find_export(name);
  return e && e->kind == ExternKind::Tag ? e->tag : nullptr;
}

// --- Imports ---
void Imports::add_instance(const std::string& module, const Instance& instance) {
  for (const auto& [name, ext] : impl(&instance)->export_list) add(module, name, ext);
}

namespace interp {

}  // namespace interp

ReferenceKind reference_kind(const Value& v) {
  if (!v.type.is_ref() || v.ref == 0) return ReferenceKind::Null;
  switch (ref_hierarchy(v.type)) {
    case ValType::FuncRef: return ReferenceKind::Func;
    case ValType::ExnRef: return ReferenceKind::Exn;
    default: break;
  }
  if (v.is_i31()) return ReferenceKind::I31;
  if (v.is_host_extern()) return ReferenceKind::HostExtern;
  const auto* o = reinterpret_cast<const interp::GcObject*>(v.ref);
  return o->type->kind == Composite::Struct ? ReferenceKind::Struct : ReferenceKind::Array;
}

namespace interp {

FuncType shown_func_type(const FuncType& t, const Module& m) {
  auto kind_of = [&m](HeapType h) { return h.value < m.type_defs.size() ? m.type_defs[h.value].kind : Composite::Func; };
  FuncType r;
  for (ValType p : t.params) r.params.push_back(shown_type(p, kind_of));
  for (ValType p : t.results) r.results.push_back(shown_type(p, kind_of));
  return r;
}

void value_to_slots(const Value& v, uint64_t* out) {
  if (v.type.is_ref()) {  // every reference type, typed ones included
    out[0] = v.ref;
    return;
  }
  switch (v.type) {
    case ValType::I32: out[0] = v.i32; break;
    case ValType::I64: out[0] = v.i64; break;
    case ValType::F32: out[0] = std::bit_cast<uint32_t>(v.f32); break;
    case ValType::F64: out[0] = std::bit_cast<uint64_t>(v.f64); break;
    case ValType::V128: std::memcpy(out, v.v128.bytes, 16); break;
    case ValType::FuncRef:
    case ValType::ExternRef:
    case ValType::ExnRef: out[0] = v.ref; break;
  }
}

Value slots_to_value(ValType t, const uint64_t* in) {
  Value v;
  v.type = t;
  if (t.is_ref()) {
    v.ref = static_cast<uintptr_t>(in[0]);
    return v;
  }
  switch (t) {
    case ValType::I32: v.i32 = static_cast<uint32_t>(in[0]); break;
    case ValType::I64: v.i64 = in[0]; break;
    case ValType::F32: v.f32 = std::bit_cast<float>(static_cast<uint32_t>(in[0])); break;
    case ValType::F64: v.f64 = std::bit_cast<double>(in[0]); break;
    case ValType::V128: std::memcpy(v.v128.bytes, in, 16); break;
    case ValType::FuncRef:
    case ValType::ExternRef:
    case ValType::ExnRef: v.ref = static_cast<uintptr_t>(in[0]); break;
  }
  return v;
}

}  // namespace interp
}  // namespace wasmrun
