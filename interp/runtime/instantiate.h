// Module instantiation (exec/modules.rst "Instantiation") and allocation
// of tables and memories.
#pragma once

#include "interp/runtime/runtime.h"

namespace wasmrun::interp {

InstanceImpl* instantiate(Store::Impl& store, const CompiledModule& module, const Imports& imports);

TableImpl* new_table_impl(Store::Impl& store, const TableType& type, uintptr_t init);
MemoryImpl* new_memory_impl(Store::Impl& store, const MemoryType& type);

}  // namespace wasmrun::interp
