// Table instructions that touch many elements (exec/instructions.rst,
// "Table Instructions"), shared by the interpreter, instantiation and the
// public Table API. Bounds are checked before anything is written.
#pragma once

#include <cstdint>
#include <span>

#include "interp/runtime/runtime.h"

namespace wasmrun::interp {

// Old size, or -1 when the table cannot grow by `delta`.
int64_t table_grow(TableImpl& t, uint64_t delta, uintptr_t init);
void table_fill(TableImpl& t, uint64_t i, uintptr_t value, uint64_t n);
void table_copy(TableImpl& dst, TableImpl& src, uint64_t d, uint64_t s, uint64_t n);
void table_init(TableImpl& t, std::span<const uintptr_t> elems, uint64_t d, uint64_t s, uint64_t n);

}  // namespace wasmrun::interp
