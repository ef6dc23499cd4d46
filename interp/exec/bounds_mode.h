// How the interpreter keeps loads and stores of memory 0 in bounds.
//
//   Guard     a 32-bit memory is reserved with a guard span
//             (memory/guard_regions.h) and accessed without compares; an
//             access past the end faults and becomes the trap. The default
//             where the host supports it and address space is unlimited.
//   Explicit  every access compares its end with the memory's size: for
//             hosts that cannot take signals, a limited address space
//             (ulimit -v), or by choice (WASMRUN_BOUNDS_CHECKS=explicit).
//
// The mode is one per process, fixed the first time anything asks for it:
// compiled code holds handler addresses of the loop built for that mode.
#pragma once

namespace wasmrun::interp {

enum class BoundsMode { Guard, Explicit };

// WASMRUN_BOUNDS_CHECKS=explicit|guard in the environment chooses; else
// Guard where guard::guarded_memory_supported() and RLIMIT_AS is
// unlimited, Explicit otherwise. A value that names neither is ignored.
BoundsMode bounds_mode();

const char* bounds_mode_name(BoundsMode mode);

}  // namespace wasmrun::interp
