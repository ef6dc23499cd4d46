// Structs and arrays (WebAssembly 3.0 GC, exec "Aggregate Reference"):
// each canonical type's layout, and making, reading and writing objects.
// What the handlers (interp/exec/handlers_gc.inc), constant expressions
// and the embedding API share. Objects live in the store's GcHeap.
#pragma once

#include <cstdint>
#include <cstring>

#include "interp/runtime/runtime.h"

namespace wasmrun::interp {

// Bytes a field of this storage type takes in an object: packed i8/i16 1
// and 2, numbers their width, references 8, v128 16.
uint32_t storage_bytes(ValType storage);

// Fills inst.gc_types for every struct and array type of its module: the
// layout of each canonical type is made once per store.
void add_gc_types(Store::Impl& S, InstanceImpl& inst);

// Where each field of a struct type lies in its payload (each at its
// natural alignment, at most 8: the payload is 8-aligned and v128 is
// copied bytewise); returns the payload's size. The same for every store,
// so the compiler reads it too.
uint32_t struct_layout(const std::vector<FieldType>& fields, std::vector<uint32_t>& offsets);

// A field's value as a stack slot (or two, for v128) from `p`, a field of
// `bytes` bytes: packed fields sign- or zero-extended to i32 as `sign` says.
inline void read_sized(const uint8_t* p, uint32_t bytes, bool sign, uint64_t* out) {
  switch (bytes) {
    case 1: {
      uint8_t v = *p;
      out[0] = sign ? static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(v))) : v;
      return;
    }
    case 2: {
      uint16_t v;
      std::memcpy(&v, p, 2);
      out[0] = sign ? static_cast<uint32_t>(static_cast<int32_t>(static_cast<int16_t>(v))) : v;
      return;
    }
    case 4: {
      uint32_t v;
      std::memcpy(&v, p, 4);
      out[0] = v;
      return;
    }
    case 8: std::memcpy(out, p, 8); return;
    default: std::memcpy(out, p, 16); return;
  }
}

// Writes a value's slot(s) to a field of `bytes` bytes at `p`, packed
// fields truncated.
inline void write_sized(uint8_t* p, uint32_t bytes, const uint64_t* in) {
  switch (bytes) {
    case 1: *p = static_cast<uint8_t>(in[0]); return;
    case 2: {
      uint16_t v = static_cast<uint16_t>(in[0]);
      std::memcpy(p, &v, 2);
      return;
    }
    case 4: {
      uint32_t v = static_cast<uint32_t>(in[0]);
      std::memcpy(p, &v, 4);
      return;
    }
    case 8: std::memcpy(p, in, 8); return;
    default: std::memcpy(p, in, 16); return;
  }
}

inline void write_field(uint8_t* p, ValType storage, const uint64_t* in) { write_sized(p, storage_bytes(storage), in); }

// struct.new: the fields' values from `fields` (each field's slots in
// order), or all zero (struct.new_default) when it is null. The value
// stack is live below `live_top` (GcHeap::allocate).
GcObject* new_struct(Store::Impl& S, const GcTypeInfo* t, const uint64_t* fields, const uint64_t* live_top);
// struct.new_desc and struct.new_default_desc (`fields` null): as
// new_struct, with the descriptor reference read from `desc` (a stack
// slot, read after the allocation) stored at the type's desc_offset.
GcObject* new_struct_desc(Store::Impl& S, const GcTypeInfo* t, const uint64_t* fields, const uint64_t* desc,
                          const uint64_t* live_top);
// array.new (`value` one element's slots) and array.new_default (`value`
// null): `length` elements. Traps "out of memory" for absurd lengths.
GcObject* new_array(Store::Impl& S, const GcTypeInfo* t, uint32_t length, const uint64_t* value,
                    const uint64_t* live_top);
// array.new_fixed: `length` elements whose slots follow one another at `values`.
GcObject* new_array_fixed(Store::Impl& S, const GcTypeInfo* t, uint32_t length, const uint64_t* values,
                          const uint64_t* live_top);
// array.new_data: `length` elements read from data segment bytes at
// `offset` ("out of bounds memory access" past its end).
GcObject* new_array_data(Store::Impl& S, const GcTypeInfo* t, std::span<const uint8_t> data, uint32_t offset,
                         uint32_t length, const uint64_t* live_top);
// array.new_elem: `length` references from an element segment at
// `offset` ("out of bounds table access" past its end).
GcObject* new_array_elem(Store::Impl& S, const GcTypeInfo* t, const std::vector<uintptr_t>& elem, uint32_t offset,
                         uint32_t length, const uint64_t* live_top);

// The bulk array instructions; each checks its ranges first ("out of
// bounds array access", then the segment's).
void array_fill(GcObject* a, uint32_t offset, const uint64_t* value, uint32_t n);
void array_copy(GcObject* dst, uint32_t dst_offset, const GcObject* src, uint32_t src_offset, uint32_t n);
void array_init_data(GcObject* a, uint32_t offset, std::span<const uint8_t> data, uint32_t data_offset, uint32_t n);
void array_init_elem(GcObject* a, uint32_t offset, const std::vector<uintptr_t>& elem, uint32_t elem_offset,
                     uint32_t n);

[[noreturn]] void trap_null_struct();
[[noreturn]] void trap_null_array();
[[noreturn]] void trap_null_i31();
[[noreturn]] void trap_array_oob();
[[noreturn]] void trap_cast_failure();
[[noreturn]] void trap_null_descriptor();
[[noreturn]] void trap_descriptor_cast_failure();

// The descriptor of struct object `o` (whose type has one).
inline uintptr_t descriptor_of(const GcObject* o) {
  uintptr_t d;
  std::memcpy(&d, o->payload() + o->type->desc_offset, sizeof d);
  return d;
}

// ref.cast_desc_eq's test for a non-null reference word `w`: a struct
// with a descriptor, and that descriptor is `desc`.
inline bool has_descriptor(uintptr_t w, uintptr_t desc) {
  if (!is_pointer_word(w)) return false;
  const GcObject* o = reinterpret_cast<const GcObject*>(w);
  return o->type->desc_offset != GcTypeInfo::kNoDescriptor && descriptor_of(o) == desc;
}

}  // namespace wasmrun::interp
