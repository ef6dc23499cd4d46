/* fib: naive doubly recursive Fibonacci. Measures call/return overhead:
 * almost nothing but calls, a compare and an add per frame. */
#include "bench.h"

#ifndef FIB_N
#define FIB_N 38
#endif

__attribute__((noinline)) static uint32_t fib(uint32_t n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

static uint32_t bench_run(void) {
  uint32_t h = 0;
  uint32_t n = bench_opaque(FIB_N);
  for (uint32_t i = 0; i < 3; i++) h = bench_mix(h, fib(n - i));
  return h;
}

BENCH_MAIN("fib")
