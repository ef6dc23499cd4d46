// Traps' backtraces: the wasm frames a trap went up through, added to its
// wasmrun::Error (Error::backtrace) on its way out of the interpreter.
// Cold: nothing here runs unless something traps.
#pragma once

#include "interp/runtime/runtime.h"
#include "wasmrun/error.h"

namespace wasmrun::interp {

// The frames of one run of the loop, innermost first: the function at
// `pc` (where the trap happened; a return address if the innermost frame
// is a call to host code that trapped), then its callers through the
// frame stack from `fr` down to the run's first frame `entry` (the one
// whose return address is the run's exit); frames that return into
// another instance are recognised as not lying in any compiled code. A
// null `fr`: the innermost frame alone.
void add_wasm_frames(Error& e, const Slot* pc, const Frame* fr, const Frame* entry);

// A host function's frame (the trap came out of it).
void add_host_frame(Error& e);

// Whether an error gets a backtrace: traps and exhaustion.
inline bool traced(const Error& e) {
  return e.kind() == ErrorKind::Trap || e.kind() == ErrorKind::Exhaustion;
}

}  // namespace wasmrun::interp
