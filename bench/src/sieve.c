/* sieve: sieve of Eratosthenes over a byte array, repeated; counts primes
 * and sums the last few. Tight loops with byte stores at a stride. */
#include <string.h>
#include "bench.h"

#define LIMIT 4000000u
#ifndef SIEVE_REPS
#define SIEVE_REPS 24
#endif
static uint8_t composite[LIMIT + 1];

static uint32_t sieve(uint32_t limit) {
  memset(composite, 0, limit + 1);
  uint32_t count = 0;
  for (uint32_t i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    if ((uint64_t)i * i > limit) continue;
    for (uint32_t j = i * i; j <= limit; j += i) composite[j] = 1;
  }
  return count;
}

static uint32_t bench_run(void) {
  uint32_t h = 0;
  uint32_t reps = bench_opaque(SIEVE_REPS);
  for (uint32_t r = 0; r < reps; r++) {
    uint32_t limit = LIMIT - r * 1000u;
    uint32_t c = sieve(limit);
    uint32_t last = 0;
    for (uint32_t k = limit; k > 1 && last < 5; k--)
      if (!composite[k]) { h = bench_mix(h, k); last++; }
    h = bench_mix(h, c);
  }
  return h;
}

BENCH_MAIN("sieve")
