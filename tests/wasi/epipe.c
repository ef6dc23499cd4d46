/* Writing into a closed pipe (`wasmrun epipe.wasm | head -n 2`) fails with
   EPIPE inside the program; wasmrun itself is not killed by SIGPIPE. */
#include <stdio.h>

#include "common.h"

int main(void) {
  for (long i = 0; i < 10000000; ++i) {
    if (printf("line %ld\n", i) < 0 || fflush(stdout) != 0) {
      fprintf(stderr, "stopped: %s\n", errname(errno));
      return errno == EPIPE ? 4 : 5;
    }
  }
  return 0;
}
