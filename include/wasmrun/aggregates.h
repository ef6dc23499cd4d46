// Reading and writing WebAssembly GC structs and arrays from C++, with
// types checked. A reference comes from wasm (a call's result, a global, a
// table, a host function's argument); see wasmrun/gc.h for how long it
// stays valid.
//
//   Value point = store.call(inst->func("make_point"), {})[0];
//   int32_t x = wasmrun::struct_get(store, point, 0).i32;
//   wasmrun::struct_set(store, point, 1, Value::from_i32(7));
//
// Packed fields (i8, i16) read as i32, zero-extended unless `sign` says
// otherwise, and are written as i32 truncated. Every misuse is a
// wasmrun::Error of kind Usage: not a struct (or array) reference, a field
// or element index out of range (kind Trap, "out of bounds array access",
// for an element), an immutable field, a value of the wrong type (a
// reference is checked against the field's type as ref.cast would). A
// null reference traps as the instructions do.
#pragma once

#include <cstdint>

#include "wasmrun/wasmrun.h"

namespace wasmrun {

// The field's (or element's) type: a value type, or i8/i16 as
// ValType::from_code(0x78 / 0x77); and whether it is mutable.
struct AggregateField {
  ValType storage;
  bool mut = false;
};

uint32_t struct_field_count(Store& store, const Value& ref);
AggregateField struct_field(Store& store, const Value& ref, uint32_t field);
Value struct_get(Store& store, const Value& ref, uint32_t field, bool sign = false);
void struct_set(Store& store, const Value& ref, uint32_t field, const Value& value);

uint32_t array_length(Store& store, const Value& ref);
AggregateField array_element(Store& store, const Value& ref);
Value array_get(Store& store, const Value& ref, uint32_t index, bool sign = false);
void array_set(Store& store, const Value& ref, uint32_t index, const Value& value);

}  // namespace wasmrun
