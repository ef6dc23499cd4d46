// Multiple results (-mmultivalue with the experimental-mv ABI): small
// structs come back as several wasm results instead of through memory.
#include <stdint.h>
#include <stdio.h>

typedef struct { uint32_t quot, rem; } divmod_t;
typedef struct { int64_t lo; int64_t hi; double scale; } triple_t;

__attribute__((noinline)) static divmod_t divmod(uint32_t a, uint32_t b) {
  divmod_t r = {a / b, a % b};
  return r;
}
__attribute__((noinline)) static triple_t step(triple_t t, int32_t k) {
  triple_t r = {t.hi ^ k, t.lo + t.hi * 3, t.scale * 0.5 + k};
  return r;
}

int main(void) {
  uint64_t q = 0, r = 0;
  for (uint32_t i = 1; i < 200000; ++i) {
    divmod_t d = divmod(i * 2654435761u, i % 97 + 1);
    q += d.quot;
    r += d.rem;
  }
  triple_t t = {1, 2, 3.0};
  for (int32_t k = 0; k < 100000; ++k) t = step(t, k);
  printf("quot sum %llu, rem sum %llu\n", (unsigned long long)q, (unsigned long long)r);
  printf("triple %lld %lld %.6f\n", (long long)t.lo, (long long)t.hi, t.scale);
  return 0;
}
