// Which compiled function a code position belongs to. Unwinding
// (unwind.cpp) asks with a return address or the position of a throw, a
// trap's backtrace (backtrace.cpp) with the positions of its frames;
// nothing on the path of code that runs without throwing or trapping does.
// Process-wide: compiled code is shared by the stores of a module, on any
// thread.
#pragma once

#include "interp/code.h"

namespace wasmrun::interp {

// Called once the code's words are final (compile_function); Code's
// destructor forgets it.
void register_code(const Code* code);
// The registered code whose words contain `pc`, or null.
const Code* code_at(const Slot* pc);

}  // namespace wasmrun::interp
