// MemoryView is public (include/wasmrun/memory_view.h); this name stays
// for code inside the engine that includes it with LinearMemory.
#pragma once

#include "memory/linear_memory.h"
#include "wasmrun/memory_view.h"
