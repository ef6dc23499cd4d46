// proc_exit, proc_raise, sched_yield and random_get: the process-level calls.
#include <sched.h>
#include <sys/random.h>

#include <cerrno>

#include "wasi/errno_map.h"
#include "wasi/ops.h"
#include "wasmrun/wasi.h"

namespace wasmrun::wasi {

void proc_exit(Call&, u32 code) { throw WasiExit(code); }

// Raising a signal in the host process would let the guest kill its
// embedder; WASI itself dropped proc_raise later, so refuse it.
Errno proc_raise(Call&, u32) { return Errno::NotSup; }

Errno sched_yield(Call&) {
  ::sched_yield();
  return Errno::Success;
}

Errno random_get(Call& c, u32 buf, u32 len) {
  auto out = c.mem.range(buf, len);
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return last_errno();
    }
    done += static_cast<size_t>(n);
  }
  return Errno::Success;
}

}  // namespace wasmrun::wasi
