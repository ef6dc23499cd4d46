/* Shared scaffolding for the wasmrun benchmark programs.
 *
 * Every program defines
 *     static uint32_t bench_run(void);
 * which does the work and returns a 32-bit checksum, then includes this
 * header's BENCH_MAIN at the end of the file.
 *
 * Two builds are made from each source:
 *   - a command (native and wasm32-wasi): main() prints "NAME checksum XXXXXXXX"
 *   - a "plain" wasm module (-DBENCH_PLAIN): no WASI imports at all, only an
 *     exported function bench() returning the checksum, so engines without
 *     WASI (wabt's wasm-interp as packaged in Debian, `wasmrun --invoke`) can
 *     run the same code.
 */
#ifndef WASMRUN_BENCH_H
#define WASMRUN_BENCH_H

#include <stddef.h>
#include <stdint.h>

/* Small deterministic PRNG (xorshift32) used to make inputs. */
static inline uint32_t bench_rand(uint32_t *s) {
  uint32_t x = *s;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *s = x;
  return x;
}

/* Mix a value into a running checksum (order-sensitive). */
static inline uint32_t bench_mix(uint32_t h, uint32_t v) {
  h ^= v + 0x9e3779b9u + (h << 6) + (h >> 2);
  return h;
}

/* Keeps the optimiser from folding work whose inputs are known at compile
 * time: the value goes through a volatile. */
static inline uint32_t bench_opaque(uint32_t v) {
  volatile uint32_t x = v;
  return x;
}

#ifdef BENCH_PLAIN
#define BENCH_MAIN(NAME)                                                     \
  __attribute__((export_name("bench"))) uint32_t bench(void) {               \
    return bench_run();                                                      \
  }
#else
#include <stdio.h>
#define BENCH_MAIN(NAME)                                                     \
  int main(void) {                                                           \
    uint32_t c = bench_run();                                                \
    printf("%s checksum %08x\n", NAME, (unsigned)c);                         \
    return 0;                                                                \
  }
#endif

#endif
