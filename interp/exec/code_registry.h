// Which compiled function a code position belongs to, for the functions
// that have exception handlers. Unwinding (unwind.cpp) asks with a return
// address or the position of a throw; nothing on the path of code that does
// not throw does. Process-wide: compiled code is shared by the stores of
// a module, on any thread.
#pragma once

#include "interp/code.h"

namespace wasmrun::interp {

// Called once the code's words and handlers are final (compile_function);
// Code's destructor forgets it.
void register_handlers(const Code* code);
// The registered code whose words contain `pc`, or null.
const Code* code_with_handlers_at(const Slot* pc);

}  // namespace wasmrun::interp
