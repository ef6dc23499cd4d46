/* simdmix: four kernels that clang-14 auto-vectorises for wasm SIMD
 * (-O3 -msimd128) and leaves scalar without -msimd128, so the same source
 * measures what fixed-width SIMD buys an engine:
 *   blend  8-bit alpha blend of two byte images (widen u8 -> u16, multiply,
 *          shift, narrow back: i16x8.extmul/extend, shr, narrow)
 *   sad    sum of absolute byte differences (u8 min/max or abs, widening adds)
 *   dot    int16 x int16 -> int32 dot product (extend + mul, i32x4.add)
 *   saxpy  y = a*x + y on floats (f32x4.mul/add), exact IEEE on every engine
 * The checksum mixes every kernel's result, and the float lanes as bits, so
 * the scalar build, the SIMD build and the native build must agree. */
#include <stdint.h>
#include <string.h>

#include "../src/bench.h"

#ifndef SIMDMIX_N
#define SIMDMIX_N 16384
#endif
#ifndef SIMDMIX_REPS
#define SIMDMIX_REPS 1500
#endif
#define N SIMDMIX_N

static uint8_t img_a[N], img_b[N], img_c[N];
static int16_t p[N], q[N];
static float x[N], y[N];

static void blend(const uint8_t *restrict a, const uint8_t *restrict b, uint8_t *restrict out, uint32_t alpha) {
  for (int i = 0; i < N; i++)
    out[i] = (uint8_t)((a[i] * alpha + b[i] * (256 - alpha)) >> 8);
}

static uint32_t sad(const uint8_t *restrict a, const uint8_t *restrict b) {
  uint32_t s = 0;
  for (int i = 0; i < N; i++) {
    int d = (int)a[i] - (int)b[i];
    s += (uint32_t)(d < 0 ? -d : d);
  }
  return s;
}

static int32_t dot(const int16_t *restrict u, const int16_t *restrict v) {
  int32_t s = 0;
  for (int i = 0; i < N; i++) s += (int32_t)u[i] * v[i];
  return s;
}

static void saxpy(float a, const float *restrict xs, float *restrict ys) {
  for (int i = 0; i < N; i++) ys[i] = a * xs[i] + ys[i];
}

static uint32_t bench_run(void) {
  uint32_t s = bench_opaque(0x51D5EEDu);
  for (int i = 0; i < N; i++) {
    img_a[i] = (uint8_t)bench_rand(&s);
    img_b[i] = (uint8_t)bench_rand(&s);
    p[i] = (int16_t)bench_rand(&s);
    q[i] = (int16_t)(bench_rand(&s) >> 3);
    x[i] = (float)(int32_t)(bench_rand(&s) & 0xffff) / 65536.0f;
    y[i] = 0.0f;
  }
  uint8_t *src = img_a, *out = img_c;
  uint32_t h = 0;
  uint32_t reps = bench_opaque(SIMDMIX_REPS);
  for (uint32_t r = 0; r < reps; r++) {
    blend(src, img_b, out, (r * 37u) & 0xff);
    h = bench_mix(h, sad(out, img_b));
    /* feed the blend back so no repetition is redundant */
    uint8_t *t = src;
    src = out;
    out = t;
    h = bench_mix(h, (uint32_t)dot(p, q));
    p[r % N] ^= (int16_t)h;
    /* a in (-1, 1), so y stays bounded over the repetitions */
    saxpy(((float)(int32_t)(h & 0xff) - 127.5f) / 256.0f, x, y);
    uint32_t bits;
    memcpy(&bits, &y[(r * 131u) % N], sizeof bits);
    h = bench_mix(h, bits);
  }
  return h;
}

BENCH_MAIN("simdmix")
