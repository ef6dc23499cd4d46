// The embedding API of wasmrun/aggregates.h over gc_objects.h.
#include "wasmrun/aggregates.h"

#include <string>

#include "interp/runtime/gc_objects.h"
#include "interp/runtime/value_check.h"

namespace wasmrun {

namespace {

using interp::GcObject;
using interp::GcTypeInfo;

[[noreturn]] void usage(const std::string& message) { throw Error(ErrorKind::Usage, message); }

GcObject* object_of(const Value& ref, Composite kind) {
  if (!ref.type.is_ref()) usage("not a reference");
  if (ref.is_null()) {
    if (kind == Composite::Struct) interp::trap_null_struct();
    interp::trap_null_array();
  }
  const ReferenceKind k = reference_kind(ref);
  if (k != (kind == Composite::Struct ? ReferenceKind::Struct : ReferenceKind::Array))
    usage(kind == Composite::Struct ? "not a struct reference" : "not an array reference");
  return reinterpret_cast<GcObject*>(ref.ref);
}

Value read(Store::Impl& S, const uint8_t* p, ValType storage, bool sign) {
  uint64_t slots[2] = {};
  interp::read_sized(p, interp::storage_bytes(storage), sign, slots);
  const ValType t = is_packed(storage) ? ValType::I32 : interp::shown_type(S, storage);
  return interp::slots_to_value(t, slots);
}

void write(Store::Impl& S, uint8_t* p, const FieldType& f, const Value& v) {
  if (!f.mut) usage("the field is immutable");
  if (is_packed(f.storage) ? v.type != ValType::I32 : !interp::value_fits(S, v, f.storage))
    usage("a value of type " + val_type_name(v.type) + " does not fit the field");
  uint64_t slots[2] = {};
  interp::value_to_slots(v, slots);
  interp::write_field(p, f.storage, slots);
}

const FieldType& field_of(const GcObject* o, uint32_t field) {
  if (field >= o->type->fields.size())
    usage("unknown field " + std::to_string(field) + " (the struct has " + std::to_string(o->type->fields.size()) +
          ")");
  return o->type->fields[field];
}

uint8_t* element_at(GcObject* a, uint32_t index) {
  if (index >= a->length) interp::trap_array_oob();
  return a->payload() + size_t{index} * a->type->size;
}

}  // namespace

uint32_t struct_field_count(Store&, const Value& ref) {
  return static_cast<uint32_t>(object_of(ref, Composite::Struct)->type->fields.size());
}

AggregateField struct_field(Store&, const Value& ref, uint32_t field) {
  const FieldType& f = field_of(object_of(ref, Composite::Struct), field);
  return {f.storage, f.mut};
}

Value struct_get(Store& store, const Value& ref, uint32_t field, bool sign) {
  GcObject* o = object_of(ref, Composite::Struct);
  const FieldType& f = field_of(o, field);
  return read(store.impl(), o->payload() + o->type->offsets[field], f.storage, sign);
}

void struct_set(Store& store, const Value& ref, uint32_t field, const Value& value) {
  GcObject* o = object_of(ref, Composite::Struct);
  const FieldType& f = field_of(o, field);
  write(store.impl(), o->payload() + o->type->offsets[field], f, value);
}

uint32_t array_length(Store&, const Value& ref) { return object_of(ref, Composite::Array)->length; }

AggregateField array_element(Store&, const Value& ref) {
  const FieldType& f = object_of(ref, Composite::Array)->type->fields[0];
  return {f.storage, f.mut};
}

Value array_get(Store& store, const Value& ref, uint32_t index, bool sign) {
  GcObject* a = object_of(ref, Composite::Array);
  return read(store.impl(), element_at(a, index), a->type->fields[0].storage, sign);
}

void array_set(Store& store, const Value& ref, uint32_t index, const Value& value) {
  GcObject* a = object_of(ref, Composite::Array);
  write(store.impl(), element_at(a, index), a->type->fields[0], value);
}

}  // namespace wasmrun
