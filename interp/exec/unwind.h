// Unwinding: from a throw to the handler that catches it, over the
// interpreter's own frame stack, in a loop (no host recursion).
#pragma once

#include "interp/exec/exceptions.h"

namespace wasmrun::interp {

// The interpreter's registers while it unwinds. `pc` is one word past a
// word of the instruction that threw (a throw's first word, a call's last:
// a return address), so pc - 1 lies inside that instruction.
struct UnwindState {
  const Slot* pc;
  uint64_t* fp;
  Frame* fr;
  InstanceImpl* inst;
};

// Finds the innermost handler of `exn` from `st` outwards: on return, `st`
// is the catching frame with pc at the catch's target and the payload (and
// exnref) in its slots. If no frame of this run of the loop catches it
// (the frame whose return address is `exit_code` is reached), throws it as
// a wasmrun::Exception. `return_to_instance` is the return address of a
// call into another instance (its frame's caller has the instance).
[[gnu::cold]] void unwind(Store::Impl& S, ExceptionObject* exn, UnwindState& st, const Slot* exit_code,
                          const Slot* return_to_instance);

}  // namespace wasmrun::interp
