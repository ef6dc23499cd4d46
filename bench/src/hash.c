/* hash: byte-at-a-time crunching over a buffer: an FNV-1a style hash, a
 * table-driven byte substitution with a rotating key (which rewrites the
 * buffer, so every pass sees new data), and a 32-bit rolling sum over
 * 16-byte windows. Loads and stores of single bytes, shifts, xors,
 * multiplies. */
#include "bench.h"

#ifndef HASH_BUF
#define HASH_BUF 65536
#endif
#ifndef HASH_PASSES
#define HASH_PASSES 1000
#endif

static uint8_t buf[HASH_BUF];
static uint8_t sbox[256];

static void make_sbox(uint32_t seed) {
  for (int i = 0; i < 256; i++) sbox[i] = (uint8_t)i;
  for (int i = 255; i > 0; i--) { /* Fisher-Yates */
    uint32_t j = bench_rand(&seed) % (uint32_t)(i + 1);
    uint8_t t = sbox[i];
    sbox[i] = sbox[j];
    sbox[j] = t;
  }
}

static uint32_t fnv(const uint8_t *p, uint32_t n) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 16777619u;
  }
  return h;
}

static void substitute(uint8_t *p, uint32_t n, uint32_t key) {
  uint8_t k = (uint8_t)key;
  for (uint32_t i = 0; i < n; i++) {
    uint8_t b = sbox[(uint8_t)(p[i] ^ k)];
    p[i] = b;
    k = (uint8_t)((k << 1 | k >> 7) + b);
  }
}

static uint32_t rolling(const uint8_t *p, uint32_t n) {
  uint32_t a = 1, b = 0, best = 0;
  for (uint32_t i = 0; i < n; i++) {
    a += p[i];
    b += a;
    if (i >= 16) a -= p[i - 16];
    if ((b & 0xfff) > best) best = b & 0xfff;
  }
  return b ^ (best << 20);
}

static uint32_t bench_run(void) {
  uint32_t s = bench_opaque(0xBADC0DEu);
  for (uint32_t i = 0; i < HASH_BUF; i++) buf[i] = (uint8_t)bench_rand(&s);
  make_sbox(s);
  uint32_t h = 0;
  uint32_t passes = bench_opaque(HASH_PASSES);
  for (uint32_t p = 0; p < passes; p++) {
    uint32_t f = fnv(buf, HASH_BUF);
    substitute(buf, HASH_BUF, f);
    h = bench_mix(h, f);
    h = bench_mix(h, rolling(buf, HASH_BUF));
  }
  return h;
}

BENCH_MAIN("hash")
