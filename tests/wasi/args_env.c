/* argv, environ and the exit code. */
#include <stdlib.h>

#include "common.h"

extern char** environ;

int main(int argc, char** argv) {
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; ++i) printf("argv[%d]=[%s]\n", i, argv[i]);
  int n = 0;
  for (char** e = environ; *e; ++e) ++n;
  printf("environ entries=%d\n", n);
  printf("FOO=[%s]\n", getenv("FOO") ? getenv("FOO") : "(unset)");
  printf("EMPTY=[%s]\n", getenv("EMPTY") ? getenv("EMPTY") : "(unset)");
  printf("HOME=[%s]\n", getenv("HOME") ? getenv("HOME") : "(unset)");
  fflush(stdout);
  exit(argc == 4 ? 7 : 1);
}
