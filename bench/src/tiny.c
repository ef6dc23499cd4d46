/* tiny: does nearly nothing. Used to check that an engine runs WASI
 * commands at all, and as the small-module baseline for start-up time. */
#include "bench.h"

static uint32_t bench_run(void) { return bench_opaque(0x600df00du); }

BENCH_MAIN("tiny")
