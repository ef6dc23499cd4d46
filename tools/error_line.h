// The one line the wasmrun command prints for an error in a module.
#pragma once

#include <string>

#include "wasmrun/error.h"

namespace wasmrun::cli {

// "FILE:LINE:COL: MESSAGE (KIND)" for an error in text, else
// "FILE: WHERE: MESSAGE[ in INSTRUCTION][: DETAIL] (KIND)", WHERE being
// e.g. `func[0] (export "f") at offset 0x1f` (Error::where), left out
// with its colon when the error has no location.
std::string module_error_line(const std::string& file, const Error& e);

}  // namespace wasmrun::cli
