// Tail calls (-mtail-call): mutual recursion millions deep, direct and
// through a function table, runs in constant stack only with return_call
// and return_call_indirect.
#include <stdint.h>
#include <stdio.h>

static int is_odd(uint32_t n);
__attribute__((noinline)) static int is_even(uint32_t n) {
  if (n == 0) return 1;
  __attribute__((musttail)) return is_odd(n - 1);
}
__attribute__((noinline)) static int is_odd(uint32_t n) {
  if (n == 0) return 0;
  __attribute__((musttail)) return is_even(n - 1);
}

// A state machine whose states are functions reached through a table.
typedef uint64_t (*state_fn)(uint64_t acc, uint32_t n);
static uint64_t state_a(uint64_t acc, uint32_t n);
static uint64_t state_b(uint64_t acc, uint32_t n);
static uint64_t state_c(uint64_t acc, uint32_t n);
static state_fn volatile next_state[3] = {state_a, state_b, state_c};
__attribute__((noinline)) static uint64_t state_a(uint64_t acc, uint32_t n) {
  if (n == 0) return acc;
  __attribute__((musttail)) return next_state[n % 3](acc * 31 + n, n - 1);
}
__attribute__((noinline)) static uint64_t state_b(uint64_t acc, uint32_t n) {
  if (n == 0) return acc;
  __attribute__((musttail)) return next_state[(n >> 1) % 3](acc ^ (acc >> 7) ^ n, n - 1);
}
__attribute__((noinline)) static uint64_t state_c(uint64_t acc, uint32_t n) {
  if (n == 0) return acc;
  __attribute__((musttail)) return next_state[(acc >> 3) % 3](acc + (uint64_t)n * n, n - 1);
}

// Accumulator-passing sum with more arguments than registers would hold.
__attribute__((noinline)) static int64_t sum_to(int64_t a, int64_t b, int32_t c, double d, int64_t n) {
  if (n == 0) return a + b + c + (int64_t)d;
  __attribute__((musttail)) return sum_to(b, a + n, c ^ (int32_t)n, d + 0.5, n - 1);
}

int main(void) {
  printf("is_even(1000001) = %d\n", is_even(1000001));
  printf("is_odd(3000001) = %d\n", is_odd(3000001));
  printf("state machine = %llu\n", (unsigned long long)state_a(1, 5000000));
  printf("sum_to = %lld\n", (long long)sum_to(0, 0, 0, 0.0, 4000000));
  return 0;
}
