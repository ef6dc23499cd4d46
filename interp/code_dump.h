// Debug listings of internal code (code.h).
#pragma once

#include <utility>
#include <vector>

#include "interp/code.h"

namespace wasmrun::interp {

const char* iop_name(IOp op);

// Prints `code` to stderr; `starts` holds each instruction's offset and op.
void dump_code(uint32_t func_index, const Code& code, const std::vector<std::pair<size_t, IOp>>& starts);

}  // namespace wasmrun::interp
