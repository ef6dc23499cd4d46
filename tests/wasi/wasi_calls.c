/* Raw WASI calls the libc does not reach, and bad pointers: every call
   must fail with its errno, never crash the host. */
#include <stdint.h>
#include <stdlib.h>
#include <wasi/api.h>

#include "common.h"

#define BAD ((void*)0xFFFFFFF0u)

/* The imports themselves: wasi-libc's __wasi_* wrappers copy results out
   through the guest's own pointers (which would trap the guest on a bad
   pointer before the host could answer EFAULT). proc_raise is also gone
   from wasi-libc's headers. */
#define RAW(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
RAW(proc_raise) uint16_t raw_proc_raise(uint32_t sig);
RAW(args_sizes_get) uint16_t raw_args_sizes_get(void* argc, void* size);
RAW(environ_sizes_get) uint16_t raw_environ_sizes_get(void* count, void* size);
RAW(clock_time_get) uint16_t raw_clock_time_get(uint32_t id, uint64_t precision, void* out);
RAW(fd_write) uint16_t raw_fd_write(uint32_t fd, const void* iovs, uint32_t n, void* nwritten);
RAW(fd_fdstat_get) uint16_t raw_fd_fdstat_get(uint32_t fd, void* out);
RAW(path_open)
uint16_t raw_path_open(uint32_t fd, uint32_t dirflags, const void* path, uint32_t path_len, uint32_t oflags,
                       uint64_t base, uint64_t inheriting, uint32_t fdflags, void* fd_out);
RAW(poll_oneoff) uint16_t raw_poll_oneoff(const void* in, void* out, uint32_t n, void* nevents);

int main(void) {
  __wasi_size_t a, b;
  WCHECK("args_sizes_get", __wasi_args_sizes_get(&a, &b));
  WCHECK("args_sizes_get bad ptr", raw_args_sizes_get(BAD, &b));
  WCHECK("environ_sizes_get bad ptr", raw_environ_sizes_get(&a, BAD));
  uint8_t* argv_buf = malloc(b);
  uint8_t** argv = malloc(a * sizeof *argv);
  WCHECK("args_get", __wasi_args_get(argv, argv_buf));
  WCHECK("args_get bad buf", __wasi_args_get(argv, BAD));
  __wasi_timestamp_t t;
  WCHECK("clock_time_get bad ptr", raw_clock_time_get(0, 0, BAD));
  WCHECK("clock_time_get bad clock", __wasi_clock_time_get(9, 0, &t));
  WCHECK("clock_res_get bad clock", __wasi_clock_res_get(9, &t));
  WCHECK("random_get bad ptr", __wasi_random_get(BAD, 100));
  WCHECK("random_get huge", __wasi_random_get((uint8_t*)16, 0xFFFFFFF0u));
  __wasi_ciovec_t iov = {BAD, 10};
  __wasi_size_t n;
  WCHECK("fd_write bad iovec buf", __wasi_fd_write(1, &iov, 1, &n));
  WCHECK("fd_write bad iovec array", __wasi_fd_write(1, BAD, 2, &n));
  iov.buf = (const uint8_t*)"ok\n";
  iov.buf_len = 3;
  WCHECK("fd_write bad nwritten", raw_fd_write(1, &iov, 1, BAD));
  WCHECK("fd_write bad fd", __wasi_fd_write(77, &iov, 1, &n));
  __wasi_fdstat_t fdstat;
  WCHECK("fd_fdstat_get bad ptr", raw_fd_fdstat_get(1, BAD));
  WCHECK("fd_fdstat_get closed", __wasi_fd_fdstat_get(99, &fdstat));
  __wasi_prestat_t pre;
  WCHECK("fd_prestat_get 3", __wasi_fd_prestat_get(3, &pre));
  printf("prestat name len=%u\n", (unsigned)pre.u.dir.pr_name_len);
  char name[4];
  WCHECK("fd_prestat_dir_name short", __wasi_fd_prestat_dir_name(3, (uint8_t*)name, 2));
  WCHECK("fd_prestat_get stdout", __wasi_fd_prestat_get(1, &pre));
  __wasi_fd_t fd;
  WCHECK("path_open bad path ptr", raw_path_open(3, 0, BAD, 64, 0, 0, 0, 0, &fd));
  WCHECK("path_open bad fd ptr", raw_path_open(3, 0, "hello.txt", 9, 0, __WASI_RIGHTS_FD_READ, 0, 0, BAD));
  WCHECK("path_open bad oflags", __wasi_path_open(3, 0, "hello.txt", 0x10, 0, 0, 0, &fd));
  WCHECK("path_open absolute", __wasi_path_open(3, 0, "/etc/passwd", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
  WCHECK("path_open on a file fd", __wasi_path_open(1, 0, "x", 0, 0, 0, 0, &fd));
  WCHECK("fd_seek on a pipe", __wasi_fd_seek(0, 0, __WASI_WHENCE_CUR, &t));
  WCHECK("fd_readdir on stdout", __wasi_fd_readdir(1, (uint8_t*)name, 4, 0, &n));
  WCHECK("fd_renumber closed", __wasi_fd_renumber(99, 1));
  WCHECK("proc_raise", raw_proc_raise(15 /* TERM */));
  WCHECK("sched_yield", __wasi_sched_yield());
  WCHECK("sock_accept stdout", __wasi_sock_accept(1, 0, &fd));
  WCHECK("sock_accept closed", __wasi_sock_accept(99, 0, &fd));
  __wasi_iovec_t riov = {(uint8_t*)name, 4};
  __wasi_roflags_t ro;
  WCHECK("sock_recv stdin", __wasi_sock_recv(0, &riov, 1, 0, &n, &ro));
  WCHECK("sock_send closed", __wasi_sock_send(99, &iov, 1, 0, &n));
  WCHECK("sock_shutdown preopen", __wasi_sock_shutdown(3, __WASI_SDFLAGS_WR));

  /* poll_oneoff: two clocks, the earlier fires; an absolute one in the past fires at once. */
  __wasi_subscription_t subs[2] = {0};
  __wasi_event_t ev[2];
  subs[0].userdata = 11;
  subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
  subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  subs[0].u.u.clock.timeout = 5000000;  /* 5 ms */
  subs[1] = subs[0];
  subs[1].userdata = 22;
  subs[1].u.u.clock.timeout = 5000000000ull;  /* 5 s */
  WCHECK("poll two clocks", __wasi_poll_oneoff(subs, ev, 2, &n));
  printf("events=%u first userdata=%llu type=%u\n", (unsigned)n, (unsigned long long)ev[0].userdata, ev[0].type);
  subs[0].u.u.clock.id = __WASI_CLOCKID_REALTIME;
  subs[0].u.u.clock.timeout = 1;
  subs[0].u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
  WCHECK("poll absolute past", __wasi_poll_oneoff(subs, ev, 1, &n));
  printf("events=%u userdata=%llu\n", (unsigned)n, (unsigned long long)ev[0].userdata);
  WCHECK("poll nothing", __wasi_poll_oneoff(subs, ev, 0, &n));
  WCHECK("poll bad out ptr", raw_poll_oneoff(subs, BAD, 1, &n));
  /* an fd subscription on stdin (a file with data) fires for reading */
  subs[0].userdata = 33;
  subs[0].u.tag = __WASI_EVENTTYPE_FD_READ;
  subs[0].u.u.fd_read.file_descriptor = 0;
  subs[1].userdata = 44;
  subs[1].u.tag = __WASI_EVENTTYPE_FD_WRITE;
  subs[1].u.u.fd_write.file_descriptor = 98;
  WCHECK("poll stdin and a bad fd", __wasi_poll_oneoff(subs, ev, 2, &n));
  for (unsigned i = 0; i < n; ++i)
    printf("event userdata=%llu error=%s type=%u\n", (unsigned long long)ev[i].userdata, errname(ev[i].error),
           ev[i].type);
  return 0;
}
