// The compiler's thread pass: branches that land on a branch go straight
// to where it goes, and a `br` that lands on a lone copy does the copy.
#pragma once

#include "interp/compiler/code_records.h"

namespace wasmrun::interp {

// Runs after the lowering, before the specialize pass (which may then pair
// the records as they end up). Every branch field whose label is a plain
// `Br` record takes that Br's label instead (following chains). A `Br`
// whose label is a `CopyS` record becomes `CopyBr` to the record after the
// copy: the same copy and the same next instruction, one dispatch fewer.
// No record is added, removed or moved.
void thread_branches(Records& records);

}  // namespace wasmrun::interp
