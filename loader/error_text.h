// Text for the details and locations of the loader's errors. Used only on
// the way to throwing (never while a valid module loads), so nothing here
// needs to be fast.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "loader/module.h"
#include "wasmrun/error.h"
#include "wasmrun/types.h"

namespace wasmrun {

std::string hex(uint64_t value);                    // "0x1f"
std::string types_text(std::span<const ValType> types);  // "[i32 f64]"; a type of 0 is "any"
std::string func_type_text(const FuncType& type);   // "[i32] -> [i64]"
std::string limits_text(const Limits& limits);      // "min 2, max 1"
std::string quoted(std::string_view name);          // "\"f\"", non-printable bytes as \hh

// "the module has 3 globals", "the function has 1 local", "2 labels are
// in scope": what an index of an "unknown local 5" error is checked against.
std::string index_space_detail(std::string_view what, size_t count);

// How messages name function `index` of `module`: "$NAME" from the name
// section, else `export "NAME"`, else "".
std::string function_name(const Module& module, uint32_t index);

// Names the function an error is in (ErrorLocation::function_name), if it
// is in one and has no name yet.
void name_function(Error& error, const Module& module);

}  // namespace wasmrun
