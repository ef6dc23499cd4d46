/* Directory listing: many entries, cookies via telldir/seekdir, rewind. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static int cmp(const void* a, const void* b) { return strcmp(*(char* const*)a, *(char* const*)b); }

int main(void) {
  if (chdir("/sandbox") != 0) return 1;
  CHECK("mkdir many", mkdir("many", 0755));
  char path[64];
  for (int i = 0; i < 120; ++i) {
    snprintf(path, sizeof path, "many/file-with-a-longish-name-%03d", i);
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    if (fd < 0) { printf("create %s: %s\n", path, errname(errno)); return 1; }
    close(fd);
  }
  mkdir("many/subdir", 0755);
  symlink("file-with-a-longish-name-000", "many/link");
  DIR* d = opendir("many");
  CHECK("opendir", d ? 0 : -1);
  char* names[200];
  int n = 0, dirs = 0, links = 0, regs = 0;
  long mid_cookie = 0;
  char mid_name[64] = {0};
  struct dirent* e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    names[n++] = strdup(e->d_name);
    dirs += e->d_type == DT_DIR;
    links += e->d_type == DT_LNK;
    regs += e->d_type == DT_REG;
    if (n == 60) {
      mid_cookie = telldir(d);
      e = readdir(d);
      strcpy(mid_name, e->d_name);
      names[n++] = strdup(e->d_name);
      regs += e->d_type == DT_REG;
      dirs += e->d_type == DT_DIR;
      links += e->d_type == DT_LNK;
    }
  }
  printf("entries=%d regular=%d dirs=%d links=%d\n", n, regs, dirs, links);
  qsort(names, n, sizeof *names, cmp);
  printf("first=%s last=%s\n", names[0], names[n - 1]);
  seekdir(d, mid_cookie);
  e = readdir(d);
  printf("seekdir returns the same entry: %d\n", e && !strcmp(e->d_name, mid_name));
  rewinddir(d);
  int again = 0;
  while ((e = readdir(d))) again += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
  printf("after rewind=%d\n", again);
  closedir(d);
  /* remove while listing: cookies stay valid */
  d = opendir("many");
  int removed = 0;
  while ((e = readdir(d))) {
    if (e->d_type != DT_REG && e->d_type != DT_LNK) continue;
    snprintf(path, sizeof path, "many/%s", e->d_name);
    removed += unlink(path) == 0;
  }
  closedir(d);
  printf("removed=%d\n", removed);
  CHECK("rmdir subdir", rmdir("many/subdir"));
  CHECK("rmdir many", rmdir("many"));
  CHECK("opendir a file", opendir("hello.txt") ? 0 : -1);
  CHECK("opendir missing", opendir("nope") ? 0 : -1);
  return 0;
}
