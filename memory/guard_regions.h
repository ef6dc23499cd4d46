// Out-of-bounds accesses caught by the processor instead of by compares.
//
// A 32-bit memory's effective address is a 32-bit address plus a 32-bit
// offset, so it is below 2^33. A memory reserved as "guarded" owns
// kGuardedSpan bytes of address space from its base: every access the
// interpreter can compute lands inside the reservation, and every byte
// past the memory's current size is PROT_NONE. So the interpreter may load
// and store without comparing the address with the size: an access past
// the end faults, and the fault becomes the spec's trap.
//
// How a fault becomes a trap. Code that runs guest loads and stores
// unchecked enters a TrapLanding (sigsetjmp) first and makes it this
// thread's current landing. The SIGSEGV/SIGBUS handler looks at the
// faulting address: if this thread has a landing and the address lies in
// a registered guarded reservation, it jumps to the landing, which throws
// the trap as an ordinary C++ exception on the normal path. Any other
// fault goes to the handler that was installed before ours (or the
// default action), so a real crash stays a crash.
//
// The landing is per thread and nests: a host function called from wasm
// clears it while the host runs (host code uses checked accessors, and a
// fault in it is a real bug), and a wasm call made from that host function
// enters a landing of its own.
//
// Stores are safe too: on x86-64 a store that faults writes nothing, even
// one that crosses into the guard from the last valid bytes, so a trapping
// store leaves memory unchanged as the spec requires. Other hosts use
// explicit checks (guarded_memory_supported() is false).
#pragma once

#include <csetjmp>
#include <cstddef>
#include <cstdint>

namespace wasmrun::guard {

// The address space a guarded reservation covers: 2^33 (a 32-bit address
// plus a 32-bit offset) plus room for the widest access (16 bytes),
// rounded up to 64 KiB.
inline constexpr uint64_t kGuardedSpan = (uint64_t{1} << 33) + 64 * 1024;

// Whether this host can catch accesses this way: x86-64 Linux.
bool guarded_memory_supported();

// Records [base, base + bytes) as a guarded reservation and installs the
// signal handlers on first use. Returns false (nothing recorded) if the
// table of reservations is full. Thread-safe and lock-free.
bool register_region(const void* base, uint64_t bytes);
// Forgets the reservation starting at base (before it is unmapped).
void unregister_region(const void* base);

// A point that a fault in a guarded reservation returns to. The sigjmp_buf
// is filled by sigsetjmp in the function that enters the landing (it must
// stay on the stack while the landing is current, and that function makes
// the landing before it current again when it returns).
struct TrapLanding {
  sigjmp_buf jump;
  // The general registers at the fault (where the host can read them),
  // which tell the interpreter where in the guest's code it was.
  static constexpr int kMaxRegisters = 32;
  uint64_t registers[kMaxRegisters];
  int register_count = 0;
};

// This thread's current landing, or null (faults are not ours).
TrapLanding* current_landing();
void set_current_landing(TrapLanding* landing);

}  // namespace wasmrun::guard
