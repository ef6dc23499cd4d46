// Debug listings of internal code (code.h).
#pragma once

#include <utility>
#include <vector>

#include "interp/code.h"
#include "interp/compiler/code_records.h"

namespace wasmrun::interp {

const char* iop_name(IOp op);

// Prints `code` to stderr; `starts` holds each instruction's offset and op.
void dump_code(uint32_t func_index, const Code& code, const std::vector<std::pair<size_t, IOp>>& starts);

// Prints a function's records after compiler pass `pass` to stderr: each
// record's index, op, first operand and words, and its branches' labels.
void dump_records(uint32_t func_index, const char* pass, const LoweredFunction& f);

}  // namespace wasmrun::interp
