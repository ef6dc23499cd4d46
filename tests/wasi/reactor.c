/* A WASI reactor: _initialize runs the constructors, then --invoke calls
   an export. Built with -mexec-model=reactor. */
#include <stdio.h>

static int base;

__attribute__((constructor)) static void init(void) { base = 100; }

__attribute__((export_name("add"))) int add(int a, int b) {
  printf("add called, base=%d\n", base);
  fflush(stdout);
  return base + a + b;
}
