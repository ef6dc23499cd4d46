/* Shared by the WASI end-to-end test programs: print results in a form
   that is the same under every runtime (errno by name, not by text). */
#pragma once
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char* errname(int e) {
  switch (e) {
    case 0: return "OK";
    case EACCES: return "EACCES";
    case EBADF: return "EBADF";
    case EEXIST: return "EEXIST";
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case EISDIR: return "EISDIR";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOENT: return "ENOENT";
    case ENOSYS: return "ENOSYS";
    case ENOTDIR: return "ENOTDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ENOTSOCK: return "ENOTSOCK";
    case ENOTSUP: return "ENOTSUP";
    case ENOTCAPABLE: return "ENOTCAPABLE";
    case EPERM: return "EPERM";
    case EPIPE: return "EPIPE";
    case ESPIPE: return "ESPIPE";
    case EXDEV: return "EXDEV";
    case ENOTTY: return "ENOTTY";
    default: return "E?";
  }
}

/* CHECK(expr): prints "label: OK" or "label: ENAME" for a call that
   returns -1 and sets errno on failure. */
#define CHECK(label, expr)                                            \
  do {                                                                \
    errno = 0;                                                        \
    long r_ = (long)(expr);                                           \
    printf("%s: %s\n", label, r_ < 0 ? errname(errno) : "OK");        \
  } while (0)

/* WCHECK: the same for a raw __wasi_* call, which returns its errno. */
#define WCHECK(label, expr)                                           \
  do {                                                                \
    int e_ = (int)(expr);                                             \
    printf("%s: %s\n", label, errname(e_));                           \
  } while (0)
