/* matmul: integer (uint32, wrapping) matrix multiply C = A * B of N x N
 * matrices, the textbook i-j-k loop (a dot product of a row of A with a
 * column of B per element), repeated with the product fed back in. The
 * wasm build has no SIMD (clang-14's default), so the native build is kept
 * scalar too: gcc 12 -O2 would otherwise vectorise the j loop around the
 * dot product and the comparison would be SIMD against scalar. */
#include "bench.h"

#ifndef MATMUL_N
#define MATMUL_N 240
#endif
#ifndef MATMUL_REPS
#define MATMUL_REPS 40
#endif
#define N MATMUL_N

static uint32_t A[N][N], B[N][N], C[N][N];

#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-vectorize")))
#endif
static void multiply(void) {
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < N; j++) {
      uint32_t s = 0;
      for (int k = 0; k < N; k++) s += A[i][k] * B[k][j];
      C[i][j] = s;
    }
  }
}

static uint32_t bench_run(void) {
  uint32_t s = bench_opaque(0xC0FFEEu);
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      A[i][j] = bench_rand(&s) & 0xff;
      B[i][j] = bench_rand(&s) & 0xff;
    }
  uint32_t h = 0;
  uint32_t reps = bench_opaque(MATMUL_REPS);
  for (uint32_t r = 0; r < reps; r++) {
    multiply();
    for (int i = 0; i < N; i++) {
      h = bench_mix(h, C[i][(i * 7 + r) % N]);
      for (int j = 0; j < N; j++) A[i][j] = (C[i][j] >> 3) & 0x3ff;
    }
  }
  return h;
}

BENCH_MAIN("matmul")
