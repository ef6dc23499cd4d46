// The `spectest` host module that the official test scripts import from:
// print functions, four globals, a table and a memory.
#pragma once

#include "wasmrun/wasmrun.h"

namespace wasmrun::spectest {

// Creates the spectest objects in `store` and adds them to `imports` under
// the module name "spectest". The print functions write to stdout only when
// `echo` is set, so test output stays readable.
void add_spectest_module(Store& store, Imports& imports, bool echo);

}  // namespace wasmrun::spectest
