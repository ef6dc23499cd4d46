// WASI clock ids to host clocks (shared by clock_* and poll_oneoff).
#pragma once

#include <time.h>

#include <cstdint>

#include "wasi/abi.h"

namespace wasmrun::wasi {

bool host_clock(uint32_t wasi_id, clockid_t& out);
// The clock's current value in nanoseconds; Inval for an unknown id.
Errno clock_now(uint32_t wasi_id, uint64_t& ns);

}  // namespace wasmrun::wasi
