// Whether a value the host hands over (an argument of Store::call, a host
// function's result, a field, global or table element it writes) is one of
// a type: so that wasm code, which relies on validated types, never sees a
// reference of the wrong kind or defined type. References are checked by
// their bits and, for objects, by this store's heap: a pointer that is no
// live object of this store (of another store, freed, made up) fails.
#pragma once

#include "interp/runtime/runtime.h"

namespace wasmrun::interp {

// `t` in canonical form (defined heap types as Canon ids) or abstract.
bool value_fits(Store::Impl& S, const Value& v, ValType t);

}  // namespace wasmrun::interp
