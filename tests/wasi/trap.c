/* A trap ends the program with a message on stderr and a non-zero status. */
#include <stdio.h>

int main(void) {
  printf("before the trap\n");
  fflush(stdout);
  __builtin_trap();
}
