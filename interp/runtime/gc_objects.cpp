#include "interp/runtime/gc_objects.h"

#include <bit>
#include <limits>

namespace wasmrun::interp {

uint32_t storage_bytes(ValType storage) {
  if (storage.code() == kPackedI8) return 1;
  if (storage.code() == kPackedI16) return 2;
  if (storage == ValType::I32 || storage == ValType::F32) return 4;
  if (storage == ValType::V128) return 16;
  return 8;  // i64, f64 and references
}

uint32_t struct_layout(const std::vector<FieldType>& fields, std::vector<uint32_t>& offsets) {
  uint32_t at = 0;
  offsets.clear();
  for (const FieldType& f : fields) {
    const uint32_t bytes = storage_bytes(f.storage);
    const uint32_t align = bytes < 8 ? bytes : 8;
    at = (at + align - 1) / align * align;
    offsets.push_back(at);
    at += bytes;
  }
  return (at + 7) / 8 * 8;
}

namespace {

// Whether a field of this (canonical) type may hold a heap object or an
// exception: references outside the func hierarchy.
bool traced(const TypeRegistry& types, ValType t) {
  if (!t.is_ref()) return false;
  const HeapType h = t.heap();
  if (h.kind == HeapType::Kind::Canon) return types.kind(h.value) != Composite::Func;
  if (!h.is_abstract()) return true;  // not expected in canonical form: trace to be safe
  switch (h.abstract()) {
    case AbsHeap::Func:
    case AbsHeap::NoFunc: return false;
    default: return true;
  }
}

GcTypeInfo make_layout(const TypeRegistry& types, const SubType& def, const std::vector<uint32_t>& ids,
                       uint32_t canon_id) {
  GcTypeInfo info;
  info.kind = def.kind;
  info.canon_id = canon_id;
  for (FieldType f : def.fields) {
    f.storage = TypeRegistry::canonical(f.storage, ids);
    info.fields.push_back(f);
  }
  if (def.kind == Composite::Array) {
    info.size = storage_bytes(info.fields.at(0).storage);
    info.traced_elements = traced(types, info.fields[0].storage);
    return info;
  }
  info.size = struct_layout(info.fields, info.offsets);
  for (const FieldType& f : info.fields) info.bytes.push_back(static_cast<uint8_t>(storage_bytes(f.storage)));
  for (size_t i = 0; i < info.fields.size(); ++i)
    if (traced(types, info.fields[i].storage)) info.traced_offsets.push_back(info.offsets[i]);
  if (def.has_descriptor()) {
    info.desc_offset = info.size;
    info.size += 8;
    info.traced_offsets.push_back(info.desc_offset);
  }
  return info;
}

const GcTypeInfo* layout_for(Store::Impl& S, const Module& m, const std::vector<uint32_t>& ids, uint32_t index) {
  const uint32_t id = ids.at(index);
  auto it = S.gc_type_infos.find(id);
  if (it != S.gc_type_infos.end()) return it->second.get();
  auto info = std::make_unique<GcTypeInfo>(make_layout(S.types, m.type_defs.at(index), ids, id));
  return S.gc_type_infos.emplace(id, std::move(info)).first->second.get();
}

// An array's payload size, or "out of memory" when it cannot be one.
size_t array_bytes(const GcTypeInfo* t, uint64_t length) {
  const uint64_t bytes = length * t->size;  // both below 2^32 and 2^5: no overflow
  if (bytes > std::numeric_limits<uint32_t>::max()) throw_trap("out of memory");
  return static_cast<size_t>(bytes);
}

// Elements from a data segment's little-endian bytes.
void copy_from_data(uint8_t* to, const uint8_t* from, uint32_t n, uint32_t size) {
  if constexpr (std::endian::native == std::endian::little) {
    if (n) std::memcpy(to, from, size_t{n} * size);
  } else {
    for (size_t i = 0; i < size_t{n} * size; i += size)
      for (uint32_t b = 0; b < size; ++b) to[i + b] = from[i + size - 1 - b];
  }
}

void check_range(uint64_t offset, uint64_t n, uint64_t size, void (*trap)()) {
  if (offset + n > size) trap();
}

[[noreturn]] void trap_memory_oob() { throw_trap("out of bounds memory access"); }
[[noreturn]] void trap_table_oob_access() { throw_trap("out of bounds table access"); }

}  // namespace

void add_gc_types(Store::Impl& S, InstanceImpl& inst) {
  const Module& m = *inst.ir;
  inst.gc_types.assign(m.type_defs.size(), nullptr);
  for (uint32_t i = 0; i < m.type_defs.size(); ++i)
    if (m.type_defs[i].kind != Composite::Func) inst.gc_types[i] = layout_for(S, m, inst.type_ids, i);
}

GcObject* new_struct(Store::Impl& S, const GcTypeInfo* t, const uint64_t* fields, const uint64_t* live_top) {
  GcObject* o = gc_heap(S).allocate(t, 0, t->size, live_top);
  if (fields) {
    const size_t n = t->bytes.size();
    for (size_t i = 0; i < n; ++i) {
      const uint32_t bytes = t->bytes[i];
      write_sized(o->payload() + t->offsets[i], bytes, fields);
      fields += bytes == 16 ? 2 : 1;
    }
  }
  return o;
}

GcObject* new_struct_desc(Store::Impl& S, const GcTypeInfo* t, const uint64_t* fields, const uint64_t* desc,
                          const uint64_t* live_top) {
  GcObject* o = new_struct(S, t, fields, live_top);
  std::memcpy(o->payload() + t->desc_offset, desc, 8);
  return o;
}

GcObject* new_array(Store::Impl& S, const GcTypeInfo* t, uint32_t length, const uint64_t* value,
                    const uint64_t* live_top) {
  GcObject* o = gc_heap(S).allocate(t, length, array_bytes(t, length), live_top);
  if (value) array_fill(o, 0, value, length);
  return o;
}

GcObject* new_array_fixed(Store::Impl& S, const GcTypeInfo* t, uint32_t length, const uint64_t* values,
                          const uint64_t* live_top) {
  GcObject* o = gc_heap(S).allocate(t, length, array_bytes(t, length), live_top);
  const ValType storage = t->fields[0].storage;
  for (uint32_t i = 0; i < length; ++i) {
    write_field(o->payload() + size_t{i} * t->size, storage, values);
    values += slot_count(storage);
  }
  return o;
}

GcObject* new_array_data(Store::Impl& S, const GcTypeInfo* t, std::span<const uint8_t> data, uint32_t offset,
                         uint32_t length, const uint64_t* live_top) {
  check_range(offset, uint64_t{length} * t->size, data.size(), trap_memory_oob);
  GcObject* o = gc_heap(S).allocate(t, length, array_bytes(t, length), live_top);
  copy_from_data(o->payload(), data.data() + offset, length, t->size);
  return o;
}

GcObject* new_array_elem(Store::Impl& S, const GcTypeInfo* t, const std::vector<uintptr_t>& elem, uint32_t offset,
                         uint32_t length, const uint64_t* live_top) {
  check_range(offset, length, elem.size(), trap_table_oob_access);
  GcObject* o = gc_heap(S).allocate(t, length, array_bytes(t, length), live_top);
  if (length) std::memcpy(o->payload(), elem.data() + offset, size_t{length} * sizeof(uintptr_t));
  return o;
}

void array_fill(GcObject* a, uint32_t offset, const uint64_t* value, uint32_t n) {
  check_range(offset, n, a->length, trap_array_oob);
  const GcTypeInfo* t = a->type;
  const ValType storage = t->fields[0].storage;
  for (uint32_t i = 0; i < n; ++i) write_field(a->payload() + (size_t{offset} + i) * t->size, storage, value);
}

void array_copy(GcObject* dst, uint32_t dst_offset, const GcObject* src, uint32_t src_offset, uint32_t n) {
  check_range(dst_offset, n, dst->length, trap_array_oob);
  check_range(src_offset, n, src->length, trap_array_oob);
  const uint32_t size = dst->type->size;  // the validator checked that the element types match
  if (n) std::memmove(dst->payload() + size_t{dst_offset} * size, src->payload() + size_t{src_offset} * size,
                      size_t{n} * size);
}

void array_init_data(GcObject* a, uint32_t offset, std::span<const uint8_t> data, uint32_t data_offset, uint32_t n) {
  const uint32_t size = a->type->size;
  check_range(offset, n, a->length, trap_array_oob);
  check_range(data_offset, uint64_t{n} * size, data.size(), trap_memory_oob);
  copy_from_data(a->payload() + size_t{offset} * size, data.data() + data_offset, n, size);
}

void array_init_elem(GcObject* a, uint32_t offset, const std::vector<uintptr_t>& elem, uint32_t elem_offset,
                     uint32_t n) {
  check_range(offset, n, a->length, trap_array_oob);
  check_range(elem_offset, n, elem.size(), trap_table_oob_access);
  if (n) std::memcpy(a->payload() + size_t{offset} * 8, elem.data() + elem_offset, size_t{n} * 8);
}

[[gnu::cold, gnu::noinline]] void trap_null_struct() { throw_trap("null structure reference"); }
[[gnu::cold, gnu::noinline]] void trap_null_array() { throw_trap("null array reference"); }
[[gnu::cold, gnu::noinline]] void trap_null_i31() { throw_trap("null i31 reference"); }
[[gnu::cold, gnu::noinline]] void trap_array_oob() { throw_trap("out of bounds array access"); }
[[gnu::cold, gnu::noinline]] void trap_cast_failure() { throw_trap("cast failure"); }
[[gnu::cold, gnu::noinline]] void trap_null_descriptor() { throw_trap("null descriptor reference"); }
[[gnu::cold, gnu::noinline]] void trap_descriptor_cast_failure() { throw_trap("descriptor cast failure"); }

}  // namespace wasmrun::interp
