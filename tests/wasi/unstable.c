/* The older wasi_unstable ABI: same fds as preview1, but its own whence
   numbering, filestat layout (u32 nlink) and clock subscription layout. */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

#define UNSTABLE(name) __attribute__((import_module("wasi_unstable"), import_name(#name)))

UNSTABLE(fd_seek) uint16_t u_fd_seek(uint32_t fd, int64_t offset, uint32_t whence, uint64_t* newoffset);
UNSTABLE(fd_filestat_get) uint16_t u_fd_filestat_get(uint32_t fd, uint8_t* buf);
UNSTABLE(path_filestat_get)
uint16_t u_path_filestat_get(uint32_t fd, uint32_t flags, const char* path, uint32_t len, uint8_t* buf);
UNSTABLE(poll_oneoff) uint16_t u_poll_oneoff(const uint8_t* in, uint8_t* out, uint32_t n, uint32_t* nevents);
UNSTABLE(fd_write) uint16_t u_fd_write(uint32_t fd, const void* iovs, uint32_t n, uint32_t* nwritten);
UNSTABLE(sock_recv)
uint16_t u_sock_recv(uint32_t fd, void* iovs, uint32_t n, uint32_t flags, uint32_t* len, uint16_t* oflags);

static uint64_t u64(const uint8_t* p) { uint64_t v; memcpy(&v, p, 8); return v; }
static uint32_t u32(const uint8_t* p) { uint32_t v; memcpy(&v, p, 4); return v; }

int main(void) {
  int fd = open("/sandbox/hello.txt", O_RDONLY);
  uint64_t pos = 0;
  WCHECK("seek whence 2 (SET)", u_fd_seek(fd, 3, 2, &pos));
  printf("pos=%llu\n", (unsigned long long)pos);
  WCHECK("seek whence 0 (CUR)", u_fd_seek(fd, 2, 0, &pos));
  printf("pos=%llu\n", (unsigned long long)pos);
  WCHECK("seek whence 1 (END)", u_fd_seek(fd, -1, 1, &pos));
  printf("pos=%llu\n", (unsigned long long)pos);
  WCHECK("seek whence 3", u_fd_seek(fd, 0, 3, &pos));

  uint8_t st[56 + 8];
  memset(st, 0xAA, sizeof st);
  WCHECK("fd_filestat_get", u_fd_filestat_get(fd, st));
  printf("filetype=%u nlink=%u size=%llu after=%02x\n", st[16], u32(st + 20), (unsigned long long)u64(st + 24),
         st[56]);
  memset(st, 0xAA, sizeof st);
  WCHECK("path_filestat_get", u_path_filestat_get(3, 1, "sub", 3, st));
  printf("filetype=%u size>0=%d\n", st[16], u64(st + 24) > 0);
  WCHECK("path_filestat_get escape", u_path_filestat_get(3, 1, "../outside", 10, st));

  /* a 56-byte clock subscription: userdata, tag, identifier, id, timeout, precision, flags */
  uint8_t sub[56] = {0}, ev[32];
  sub[0] = 9;
  sub[8] = 0;                 /* clock */
  sub[16] = 5;                /* identifier */
  sub[24] = 1;                /* monotonic */
  uint64_t timeout = 1000000; /* 1 ms */
  memcpy(sub + 32, &timeout, 8);
  uint32_t n = 0;
  WCHECK("poll_oneoff", u_poll_oneoff(sub, ev, 1, &n));
  printf("events=%u userdata=%llu type=%u\n", n, (unsigned long long)u64(ev), ev[10]);

  const char msg[] = "written through wasi_unstable\n";
  uint32_t iov[2] = {(uint32_t)(uintptr_t)msg, sizeof msg - 1};
  uint32_t nw;
  fflush(stdout);  /* printf buffers; this write goes straight to fd 1 */
  WCHECK("fd_write", u_fd_write(1, iov, 1, &nw));
  uint32_t len;
  uint16_t of;
  WCHECK("sock_recv", u_sock_recv(fd, iov, 1, 0, &len, &of));
  return 0;
}
