// Host errno (Linux/POSIX) to WASI errno. The host's numbers never reach
// the guest: every failing system call goes through errno_from_host.
#pragma once

#include "wasi/abi.h"

namespace wasmrun::wasi {

Errno errno_from_host(int host_errno);

// errno_from_host(errno), for the common `if (syscall() < 0) return last_errno();`.
Errno last_errno();

}  // namespace wasmrun::wasi
