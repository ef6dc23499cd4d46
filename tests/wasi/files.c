/* Files in the preopened directory: every fd_* and path_* call that
   wasi-libc reaches through POSIX, with their error paths. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static void show_file(const char* path) {
  char buf[256];
  int fd = open(path, O_RDONLY);
  ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
  if (n < 0) { printf("read %s: %s\n", path, errname(errno)); return; }
  buf[n] = 0;
  printf("%s contains [%s]\n", path, buf);
  close(fd);
}

int main(void) {
  if (chdir("/sandbox") != 0) { printf("chdir: %s\n", errname(errno)); return 1; }
  show_file("hello.txt");

  /* write, seek, tell, pread, pwrite */
  int fd = open("work.txt", O_RDWR | O_CREAT | O_EXCL, 0644);
  CHECK("create work.txt", fd);
  CHECK("write", write(fd, "0123456789", 10));
  printf("tell=%ld\n", (long)lseek(fd, 0, SEEK_CUR));
  printf("seek set 2=%ld\n", (long)lseek(fd, 2, SEEK_SET));
  printf("seek cur 3=%ld\n", (long)lseek(fd, 3, SEEK_CUR));
  printf("seek end -1=%ld\n", (long)lseek(fd, -1, SEEK_END));
  CHECK("seek before start", lseek(fd, -100, SEEK_SET));
  char buf[64] = {0};
  CHECK("pread", pread(fd, buf, 4, 3));
  printf("pread got [%s]\n", buf);
  CHECK("pwrite", pwrite(fd, "AB", 2, 8));
  CHECK("ftruncate", ftruncate(fd, 12));
  struct stat st;
  CHECK("fstat", fstat(fd, &st));
  printf("size=%ld regular=%d nlink=%ld\n", (long)st.st_size, S_ISREG(st.st_mode), (long)st.st_nlink);
  CHECK("fsync", fsync(fd));
  CHECK("fdatasync", fdatasync(fd));
  CHECK("posix_fallocate", -posix_fallocate(fd, 0, 100) ? -1 : 0);
  CHECK("posix_fadvise", posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL) ? -1 : 0);
  fstat(fd, &st);
  printf("size after fallocate=%ld\n", (long)st.st_size);
  close(fd);
  CHECK("close again", close(fd));

  /* append mode, and flags read back */
  fd = open("work.txt", O_WRONLY | O_APPEND);
  CHECK("open append", fd);
  printf("O_APPEND set=%d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  CHECK("clear append", fcntl(fd, F_SETFL, 0));
  printf("O_APPEND set=%d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  CHECK("read on write-only fd", read(fd, buf, 1));
  close(fd);
  fd = open("work.txt", O_RDONLY);
  CHECK("write on read-only fd", write(fd, "x", 1));
  close(fd);
  fd = open("work.txt", O_WRONLY | O_TRUNC);
  CHECK("open trunc", fd);
  fstat(fd, &st);
  printf("size after O_TRUNC=%ld\n", (long)st.st_size);
  close(fd);

  /* error paths of open */
  CHECK("open missing", open("missing.txt", O_RDONLY));
  CHECK("open excl existing", open("hello.txt", O_WRONLY | O_CREAT | O_EXCL, 0644));
  CHECK("open dir for writing", open("sub", O_WRONLY));
  CHECK("open file as directory", open("hello.txt", O_RDONLY | O_DIRECTORY));
  CHECK("open through file", open("hello.txt/x", O_RDONLY));
  CHECK("read a directory", ({ int d = open("sub", O_RDONLY); long r = read(d, buf, 1); close(d); r; }));

  /* directories */
  CHECK("mkdir d", mkdir("d", 0755));
  CHECK("mkdir d again", mkdir("d", 0755));
  CHECK("mkdir d/e", mkdir("d/e", 0755));
  CHECK("rmdir non-empty", rmdir("d"));
  CHECK("rmdir a file", rmdir("hello.txt"));
  CHECK("unlink a directory", unlink("d"));
  CHECK("rmdir d/e", rmdir("d/e"));
  CHECK("rmdir d", rmdir("d"));
  CHECK("rmdir missing", rmdir("d"));

  /* rename, link, symlink, readlink, unlink */
  CHECK("rename", rename("work.txt", "sub/moved.txt"));
  CHECK("rename missing", rename("work.txt", "x.txt"));
  CHECK("link", link("sub/moved.txt", "hard.txt"));
  stat("hard.txt", &st);
  printf("nlink after link=%ld\n", (long)st.st_nlink);
  CHECK("link existing", link("sub/moved.txt", "hard.txt"));
  CHECK("symlink", symlink("sub/moved.txt", "soft.txt"));
  char target[64] = {0};
  CHECK("readlink", readlink("soft.txt", target, sizeof target));
  printf("readlink=[%s]\n", target);
  CHECK("readlink a file", readlink("hard.txt", target, sizeof target));
  memset(target, 0, sizeof target);
  CHECK("readlink short buffer", readlink("soft.txt", target, 3));
  printf("readlink truncated=[%s]\n", target);
  CHECK("lstat symlink", lstat("soft.txt", &st));
  printf("lstat is link=%d\n", S_ISLNK(st.st_mode));
  CHECK("stat through symlink", stat("soft.txt", &st));
  printf("stat is regular=%d\n", S_ISREG(st.st_mode));
  CHECK("symlink existing", symlink("x", "soft.txt"));
  CHECK("unlink soft", unlink("soft.txt"));
  CHECK("unlink hard", unlink("hard.txt"));
  CHECK("unlink missing", unlink("hard.txt"));
  CHECK("unlink moved", unlink("sub/moved.txt"));

  /* times */
  fd = open("times.txt", O_WRONLY | O_CREAT, 0644);
  struct timespec ts[2] = {{1000000, 5}, {2000000, 7}};
  CHECK("futimens", futimens(fd, ts));
  fstat(fd, &st);
  printf("atime=%ld.%ld mtime=%ld.%ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec,
         st.st_mtim.tv_nsec);
  close(fd);
  struct timespec ts2[2] = {{3000000, 0}, {4000000, 0}};
  int dir = open(".", O_RDONLY | O_DIRECTORY);
  CHECK("utimensat", utimensat(dir, "times.txt", ts2, 0));
  stat("times.txt", &st);
  printf("atime=%ld mtime=%ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
  CHECK("utimensat missing", utimensat(dir, "nope.txt", ts2, 0));
  struct timespec bad[2] = {{0, 2000000000}, {0, 0}};
  CHECK("utimensat bad nsec", utimensat(dir, "times.txt", bad, 0));
  close(dir);
  unlink("times.txt");
  return 0;
}
