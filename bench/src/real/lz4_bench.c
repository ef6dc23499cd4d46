/* lz4: compresses and decompresses generated text with the LZ4 library
 * (lz4.c, lz4hc.c as the npm package `lz4` ships them): the fast
 * compressor and the HC compressor at levels 4 and 9, each result
 * decompressed and compared with the input. LZ4 hashes differently on
 * 32- and 64-bit targets, so the compressed bytes may differ between the
 * wasm32 and native builds: the checksum covers only what both must agree
 * on (round trips and the decompressed text), printed as
 * "lz4 checksum XXXXXXXX". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lz4.h"
#include "lz4hc.h"
#include "../bench.h"

#define INPUT_BYTES (4u << 20)

static const char *words[] = {
  "the ", "of ", "and ", "a ", "to ", "in ", "is ", "you ", "that ", "it ", "he ", "was ", "for ",
  "on ", "are ", "as ", "with ", "his ", "they ", "I ", "at ", "be ", "this ", "have ", "from ",
  "or ", "one ", "had ", "by ", "word ", "but ", "not ", "what ", "all ", "were ", "we ", "when ",
  "your ", "can ", "said ", "there ", "use ", "an ", "each ", "which ", "she ", "do ", "how ",
  "their ", "if ", "compression ", "benchmark ", "interpreter ", "WebAssembly ", ".\n", ", ",
};

/* Text with a Zipf-like word distribution and some numbers. */
static void make_input(char *buf, size_t n) {
  uint32_t s = 2463534242u;
  size_t i = 0;
  const size_t nw = sizeof words / sizeof *words;
  while (i < n) {
    uint32_t r = bench_rand(&s);
    const char *w;
    char num[16];
    if ((r & 31) == 0) {
      snprintf(num, sizeof num, "%u ", (unsigned)(r >> 8) % 100000);
      w = num;
    } else {
      uint32_t k = (r >> 5) % nw;
      w = words[(k * k) / nw]; /* skewed towards the first words */
    }
    for (; *w && i < n; w++) buf[i++] = *w;
  }
}

static uint32_t fnv(const char *p, size_t n, uint32_t h) {
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 16777619u;
  return h;
}

static uint32_t bench_run(void) {
  char *in = malloc(INPUT_BYTES);
  int cap = LZ4_compressBound(INPUT_BYTES);
  char *comp = malloc((size_t)cap);
  char *back = malloc(INPUT_BYTES);
  if (!in || !comp || !back) {
    fputs("lz4: out of memory\n", stderr);
    exit(1);
  }
  make_input(in, INPUT_BYTES);
  uint32_t sum = fnv(in, INPUT_BYTES, 0x811c9dc5u);

  /* name, HC level (0: the fast compressor), repetitions, input bytes */
  static const struct { int level, reps; unsigned bytes; } runs[] = {
    {0, 6, INPUT_BYTES}, {4, 1, INPUT_BYTES}, {9, 1, INPUT_BYTES / 4},
  };
  for (size_t r = 0; r < sizeof runs / sizeof *runs; r++) {
    int n = (int)runs[r].bytes;
    for (int rep = 0; rep < runs[r].reps; rep++) {
      int c = runs[r].level ? LZ4_compress_HC(in, comp, n, cap, runs[r].level)
                            : LZ4_compress_default(in, comp, n, cap);
      if (c <= 0) {
        fputs("lz4: compression failed\n", stderr);
        exit(1);
      }
      /* decompress more often than compress, as readers do */
      for (int d = 0; d < 4; d++) {
        memset(back, 0, (size_t)n);
        int got = LZ4_decompress_safe(comp, back, c, n);
        int same = got == n && memcmp(in, back, (size_t)n) == 0;
        sum = bench_mix(sum, (uint32_t)same * 0x5a5au + (uint32_t)r);
        if (!same) fprintf(stderr, "lz4: round trip %zu failed\n", r);
      }
      sum = fnv(back, (size_t)n, sum);
    }
  }
  free(in);
  free(comp);
  free(back);
  return sum;
}

BENCH_MAIN("lz4")
