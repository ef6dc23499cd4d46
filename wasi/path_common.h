// The first step of every path_* call: check the directory fd and its
// right, read the path from guest memory, and resolve it in the sandbox.
#pragma once

#include "wasi/ops.h"
#include "wasi/path_resolve.h"

namespace wasmrun::wasi {

Errno resolve_guest_path(Call& c, u32 dirfd, uint64_t needed_right, u32 path, u32 path_len, bool follow,
                         ResolvedPath& out);

}  // namespace wasmrun::wasi
