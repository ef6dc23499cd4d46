// The compiler's last pass: records (code_records.h) -> code words
// (code.h). The only place that lays out code words and computes branch
// offsets.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "interp/code.h"
#include "interp/compiler/code_records.h"

namespace wasmrun::interp {

// Lays out every record, fills in every branch field and each BrTable0
// entry's copy of its target's first word. With `starts`, also gives each
// instruction's position and op (for the dump).
std::unique_ptr<Code> encode(const LoweredFunction& f, std::vector<std::pair<size_t, IOp>>* starts = nullptr);

}  // namespace wasmrun::interp
