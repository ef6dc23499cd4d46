// The zero of a value type (null for references): the arguments the fuzz
// harnesses pass and the results their made-up imports return.
#pragma once

#include "wasmrun/wasmrun.h"

namespace wasmrun::fuzz {

inline Value zero_value(ValType t) {
  switch (t) {
    case ValType::I32: return Value::from_i32(0);
    case ValType::I64: return Value::from_i64(0);
    case ValType::F32: return Value::from_f32(0);
    case ValType::F64: return Value::from_f64(0);
    case ValType::V128: return Value::from_v128(V128{});
    default: return Value::null_ref(t);
  }
}

}  // namespace wasmrun::fuzz
