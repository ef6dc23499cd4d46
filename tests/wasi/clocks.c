/* Clocks, sleeping, randomness, stdin. */
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

static int64_t ns(struct timespec t) { return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec; }

int main(void) {
  clockid_t ids[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};
  const char* names[] = {"realtime", "monotonic", "process", "thread"};
  for (int i = 0; i < 4; ++i) {
    struct timespec r, t;
    int a = clock_getres(ids[i], &r), b = clock_gettime(ids[i], &t);
    printf("%s: res %s (%d) time %s\n", names[i], a ? errname(errno) : "OK", ns(r) > 0, b ? errname(errno) : "OK");
  }
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  printf("realtime after 2020: %d\n", now.tv_sec > 1577836800);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  struct timespec nap = {0, 20000000};
  CHECK("nanosleep 20ms", nanosleep(&nap, NULL));
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("slept at least 20ms: %d\n", ns(t1) - ns(t0) >= 20000000);
  CHECK("usleep", usleep(1000));
  unsigned char r1[32], r2[32];
  CHECK("getentropy", getentropy(r1, sizeof r1));
  CHECK("getentropy", getentropy(r2, sizeof r2));
  printf("random differs: %d\n", memcmp(r1, r2, sizeof r1) != 0);
  uint32_t x = arc4random();
  printf("arc4random ok: %d\n", x != arc4random());

  struct pollfd p = {0, POLLIN, 0};
  CHECK("poll stdin", poll(&p, 1, 1000));
  printf("stdin readable: %d\n", (p.revents & POLLIN) != 0);
  char line[128];
  size_t total = 0;
  while (fgets(line, sizeof line, stdin)) {
    total += strlen(line);
    for (char* c = line; *c; ++c) if (*c >= 'a' && *c <= 'z') *c -= 32;
    fputs(line, stdout);
  }
  printf("stdin bytes=%zu\n", total);
  fprintf(stderr, "this goes to stderr\n");
  return 0;
}
