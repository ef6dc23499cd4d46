// The compiler's specialize pass: neighbouring records become the pairs of
// the tuning table (interp/compiler/tuning_table.def's WASMRUN_PREFIXED and
// WASMRUN_FORWARDED; code.h says what a row means).
#pragma once

#include "interp/code.h"
#include "interp/compiler/code_records.h"

namespace wasmrun::interp {

// Gives every record that a pair row starts, followed by the record that
// row's SECOND names, the pair's op. Words, records and branches stay as
// they are: a pair's handler does FIRST and enters SECOND's, and a branch
// to SECOND still runs it alone.
void specialize(Records& records);

// Whether this run writes an instruction profile for the tuning table
// (a -DWASMRUN_PROFILE_OPS build with WASMRUN_PROFILE_OUT set): then the
// specialize pass does not run, so the profile counts the instructions
// the pairs are chosen from.
bool profiling_unpaired();

// Whether WASMRUN_FORWARDED has a row FIRST -> SECOND (the lowering places
// instructions so that such a row can apply).
bool has_forwarded_row(IOp first, IOp second);

}  // namespace wasmrun::interp
