/* The fd-level calls through the raw WASI API: fdflags given to path_open,
   rights narrowing, renumbering, times with the NOW flags, advice and
   allocation errors, and the O_DIRECTORY/O_TRUNC/O_EXCL oflags. */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

#include "common.h"

static __wasi_fd_t open_at(const char* path, __wasi_oflags_t oflags, __wasi_rights_t rights, __wasi_fdflags_t fdflags,
                           int* err) {
  __wasi_fd_t fd = (__wasi_fd_t)-1;
  *err = __wasi_path_open(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, oflags, rights, rights, fdflags, &fd);
  return fd;
}

int main(void) {
  const __wasi_rights_t rw = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK |
                             __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET |
                             __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_FILESTAT_SET_TIMES |
                             __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS;
  int e;
  __wasi_fd_t fd = open_at("f.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, rw, 0, &e);
  WCHECK("create f.txt", e);
  open_at("f.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, rw, 0, &e);
  WCHECK("create f.txt again (EXCL)", e);
  open_at("f.txt", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, &e);
  WCHECK("f.txt as DIRECTORY", e);
  __wasi_fd_t d = open_at("sub", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN, 0, &e);
  WCHECK("sub as DIRECTORY", e);

  __wasi_ciovec_t iov = {(const uint8_t*)"0123456789", 10};
  __wasi_size_t n;
  WCHECK("write", __wasi_fd_write(fd, &iov, 1, &n));
  __wasi_filesize_t pos;
  WCHECK("tell", __wasi_fd_tell(fd, &pos));
  printf("pos=%llu\n", (unsigned long long)pos);

  /* fdflags: APPEND given at open, reported back, changed with set_flags */
  __wasi_fd_t a = open_at("f.txt", 0, rw, __WASI_FDFLAGS_APPEND, &e);
  WCHECK("open APPEND", e);
  __wasi_fdstat_t st;
  __wasi_fd_fdstat_get(a, &st);
  printf("append flag=%d filetype=%u\n", (st.fs_flags & __WASI_FDFLAGS_APPEND) != 0, st.fs_filetype);
  iov.buf = (const uint8_t*)"AB";
  iov.buf_len = 2;
  WCHECK("write appended", __wasi_fd_write(a, &iov, 1, &n));
  WCHECK("set_flags NONBLOCK", __wasi_fd_fdstat_set_flags(a, __WASI_FDFLAGS_NONBLOCK));
  __wasi_fd_fdstat_get(a, &st);
  printf("flags now append=%d nonblock=%d\n", (st.fs_flags & __WASI_FDFLAGS_APPEND) != 0,
         (st.fs_flags & __WASI_FDFLAGS_NONBLOCK) != 0);
  WCHECK("set_flags SYNC (cannot change)", __wasi_fd_fdstat_set_flags(a, __WASI_FDFLAGS_SYNC));
  __wasi_fd_t s = open_at("f.txt", 0, rw, __WASI_FDFLAGS_SYNC, &e);
  WCHECK("open SYNC", e);
  __wasi_fd_fdstat_get(s, &st);
  printf("sync flag=%d\n", (st.fs_flags & __WASI_FDFLAGS_SYNC) != 0);
  __wasi_fd_t ds = open_at("f.txt", 0, rw, __WASI_FDFLAGS_DSYNC, &e);
  WCHECK("open DSYNC", e);
  __wasi_fd_fdstat_get(ds, &st);
  printf("dsync flag=%d\n", (st.fs_flags & __WASI_FDFLAGS_DSYNC) != 0);
  __wasi_fd_close(s);
  __wasi_fd_close(ds);

  /* rights only shrink */
  WCHECK("drop write right", __wasi_fd_fdstat_set_rights(a, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK, 0));
  WCHECK("write without the right", __wasi_fd_write(a, &iov, 1, &n));
  WCHECK("regain write right", __wasi_fd_fdstat_set_rights(a, rw, 0));
  __wasi_fd_fdstat_get(a, &st);
  printf("rights now=%llx\n", (unsigned long long)st.fs_rights_base);
  WCHECK("fd_tell without the right", __wasi_fd_tell(a, &pos));

  /* renumber: a onto fd, then fd is a (and a is gone) */
  WCHECK("renumber", __wasi_fd_renumber(a, fd));
  WCHECK("old number closed", __wasi_fd_fdstat_get(a, &st));
  __wasi_fd_fdstat_get(fd, &st);
  printf("renumbered rights=%llx\n", (unsigned long long)st.fs_rights_base);
  WCHECK("renumber to a closed fd", __wasi_fd_renumber(fd, 77));
  __wasi_fd_close(fd);

  fd = open_at("f.txt", 0, rw, 0, &e);
  __wasi_filestat_t fs;
  WCHECK("filestat", __wasi_fd_filestat_get(fd, &fs));
  printf("size=%llu nlink=%llu type=%u\n", (unsigned long long)fs.size, (unsigned long long)fs.nlink, fs.filetype);
  WCHECK("set_size 4", __wasi_fd_filestat_set_size(fd, 4));
  WCHECK("allocate 0..64", __wasi_fd_allocate(fd, 0, 64));
  WCHECK("allocate len 0", __wasi_fd_allocate(fd, 0, 0));
  __wasi_fd_filestat_get(fd, &fs);
  printf("size=%llu\n", (unsigned long long)fs.size);
  WCHECK("advise DONTNEED", __wasi_fd_advise(fd, 0, 0, __WASI_ADVICE_DONTNEED));
  WCHECK("advise 9", __wasi_fd_advise(fd, 0, 0, 9));
  WCHECK("times ATIM+MTIM", __wasi_fd_filestat_set_times(fd, 1000000000ull, 2000000000ull,
                                                          __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  __wasi_fd_filestat_get(fd, &fs);
  printf("atim=%llu mtim=%llu\n", (unsigned long long)fs.atim, (unsigned long long)fs.mtim);
  WCHECK("times MTIM_NOW", __wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
  __wasi_fd_filestat_get(fd, &fs);
  printf("atim kept=%d mtim is recent=%d\n", fs.atim == 1000000000ull, fs.mtim > 1600000000000000000ull);
  WCHECK("times ATIM and ATIM_NOW", __wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
  WCHECK("path times", __wasi_path_filestat_set_times(3, 0, "f.txt", 5000000000ull, 0, __WASI_FSTFLAGS_ATIM));
  WCHECK("path filestat", __wasi_path_filestat_get(3, 0, "f.txt", &fs));
  printf("atim=%llu\n", (unsigned long long)fs.atim);

  /* O_TRUNC */
  __wasi_fd_t t = open_at("f.txt", __WASI_OFLAGS_TRUNC, rw, 0, &e);
  WCHECK("open TRUNC", e);
  __wasi_fd_filestat_get(t, &fs);
  printf("size after TRUNC=%llu\n", (unsigned long long)fs.size);

  /* a directory fd: relative opens, readdir right, no read */
  __wasi_fd_t inner;
  WCHECK("open relative to sub", __wasi_path_open(d, 0, "..", 0, __WASI_RIGHTS_FD_READDIR, 0, 0, &inner));
  WCHECK("create in sub without the right", __wasi_path_open(d, 0, "x", __WASI_OFLAGS_CREAT, 0, 0, 0, &inner));
  char buf[8];
  __wasi_iovec_t riov = {(uint8_t*)buf, sizeof buf};
  WCHECK("read a directory fd", __wasi_fd_read(d, &riov, 1, &n));
  WCHECK("seek a directory fd", __wasi_fd_seek(d, 0, __WASI_WHENCE_SET, &pos));
  WCHECK("unlink f.txt", __wasi_path_unlink_file(3, "f.txt"));
  WCHECK("close preopen", __wasi_fd_close(3));
  WCHECK("prestat after close", __wasi_fd_prestat_get(3, &(__wasi_prestat_t){0}));
  return 0;
}
