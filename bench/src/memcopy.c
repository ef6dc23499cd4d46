/* memcopy: memory-bound copying. Moves blocks of many sizes (8 bytes to
 * 64 KiB) between and within buffers with memcpy and overlapping memmove,
 * clears with memset, and samples the result. In wasm32 without the
 * bulk-memory feature (clang-14's default) these are wasi-libc's own loops,
 * so an interpreter runs the copy loops itself. */
#include <string.h>
#include "bench.h"

#ifndef MEMCOPY_ROUNDS
#define MEMCOPY_ROUNDS 900000
#endif
#define BUFSZ (1u << 20)

static uint8_t src[BUFSZ], dst[BUFSZ];

static uint32_t bench_run(void) {
  uint32_t s = bench_opaque(0x5EED5u);
  for (uint32_t i = 0; i < BUFSZ; i += 4) {
    uint32_t v = bench_rand(&s);
    memcpy(src + i, &v, 4);
  }
  uint32_t h = 0;
  uint32_t rounds = bench_opaque(MEMCOPY_ROUNDS);
  for (uint32_t r = 0; r < rounds; r++) {
    uint32_t x = bench_rand(&s);
    uint32_t len = 8u << (x % 14);             /* 8 B .. 64 KiB */
    len += (x >> 8) & 7;                         /* odd tails */
    uint32_t from = (x >> 4) % (BUFSZ - len);
    uint32_t to = bench_rand(&s) % (BUFSZ - len);
    switch (r & 3) {
    case 0: /* src -> dst */
      memcpy(dst + to, src + from, len);
      break;
    case 1: /* dst -> src, keeps the source changing */
      memcpy(src + from, dst + to, len);
      break;
    case 2: { /* overlapping move within dst, either direction */
      uint32_t shift = 1 + (x & 63);
      if (to + shift + len <= BUFSZ) memmove(dst + to + shift, dst + to, len);
      else memmove(dst + to - shift, dst + to, len);
      break;
    }
    default: /* overlapping move within src, then a small clear */
      memmove(src + from, src + from + 3, len - 3);
      memset(dst + to, (int)(x & 0xff), len / 4);
      break;
    }
    h = bench_mix(h, dst[to] | (uint32_t)src[from + len - 1] << 8);
  }
  for (uint32_t i = 0; i < BUFSZ; i += 4093) h = bench_mix(h, dst[i] ^ src[i]);
  return h;
}

BENCH_MAIN("memcopy")
