// clock_res_get and clock_time_get: WASI's four clocks are the POSIX ones.
#include <time.h>

#include "wasi/clock.h"
#include "wasi/errno_map.h"
#include "wasi/ops.h"

namespace wasmrun::wasi {

bool host_clock(u32 id, clockid_t& out) {
  switch (id) {
    case clockid::Realtime: out = CLOCK_REALTIME; return true;
    case clockid::Monotonic: out = CLOCK_MONOTONIC; return true;
    case clockid::ProcessCputime: out = CLOCK_PROCESS_CPUTIME_ID; return true;
    case clockid::ThreadCputime: out = CLOCK_THREAD_CPUTIME_ID; return true;
    default: return false;
  }
}

Errno clock_now(u32 id, u64& ns) {
  clockid_t clk;
  if (!host_clock(id, clk)) return Errno::Inval;
  struct timespec ts;
  if (clock_gettime(clk, &ts) != 0) return last_errno();
  ns = static_cast<u64>(ts.tv_sec) * 1000000000ull + static_cast<u64>(ts.tv_nsec);
  return Errno::Success;
}

Errno clock_res_get(Call& c, u32 id, u32 res_out) {
  clockid_t clk;
  if (!host_clock(id, clk)) return Errno::Inval;
  struct timespec ts;
  if (clock_getres(clk, &ts) != 0) return last_errno();
  u64 ns = static_cast<u64>(ts.tv_sec) * 1000000000ull + static_cast<u64>(ts.tv_nsec);
  c.mem.store_u64(res_out, ns == 0 ? 1 : ns);
  return Errno::Success;
}

Errno clock_time_get(Call& c, u32 id, u64 /*precision: a hint we may ignore*/, u32 time_out) {
  u64 ns = 0;
  Errno e = clock_now(id, ns);
  if (e != Errno::Success) return e;
  c.mem.store_u64(time_out, ns);
  return Errno::Success;
}

}  // namespace wasmrun::wasi
