#include "interp/exec/bounds_mode.h"

#include <sys/resource.h>

#include <cstdlib>
#include <cstring>

#include "memory/guard_regions.h"

namespace wasmrun::interp {

namespace {

BoundsMode choose() {
  if (const char* v = std::getenv("WASMRUN_BOUNDS_CHECKS")) {
    if (std::strcmp(v, "explicit") == 0) return BoundsMode::Explicit;
    if (std::strcmp(v, "guard") == 0 && guard::guarded_memory_supported()) return BoundsMode::Guard;
  }
  if (!guard::guarded_memory_supported()) return BoundsMode::Explicit;
  // Each guarded memory reserves 8 GiB of address space: under a limit on
  // it (ulimit -v) a few memories would exhaust it.
  struct rlimit as {};
  if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) return BoundsMode::Explicit;
  return BoundsMode::Guard;
}

}  // namespace

BoundsMode bounds_mode() {
  static const BoundsMode mode = choose();
  return mode;
}

const char* bounds_mode_name(BoundsMode mode) { return mode == BoundsMode::Guard ? "guard" : "explicit"; }

}  // namespace wasmrun::interp
