// Reading value, reference and heap types from the binary format: the
// one-byte forms of 2.0 (i32 ... v128, funcref 0x70, externref 0x6F) and
// 3.0's shorthands of the other nullable abstract references, and the
// general forms 0x63 (ref null ht) and 0x64 (ref ht), whose heap type is an
// s33: negative for an abstract type, otherwise a type index.
#pragma once

#include <cstdint>

#include "byte_reader.h"
#include "wasmrun/features.h"
#include "wasmrun/types.h"

namespace wasmrun {

// `type_count` bounds the type indices that may appear (the types defined
// so far); an index at or above it is invalid: "unknown type".
HeapType read_heap_type(ByteReader& r, const Features& f, uint32_t type_count);
ValType read_val_type(ByteReader& r, const Features& f, uint32_t type_count);
// A reference type (a table's or element segment's): "malformed reference
// type" for a number or vector type.
ValType read_ref_type(ByteReader& r, const Features& f, uint32_t type_count);

// The abstract heap type whose one-byte code is `byte`, if the features
// allow it; false otherwise.
bool abstract_heap_of(uint8_t byte, const Features& f, AbsHeap& out);

}  // namespace wasmrun
