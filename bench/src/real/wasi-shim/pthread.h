/* Single-threaded stand-ins for the pthread calls QuickJS makes (its class-id
 * lock and Atomics.wait/notify), for the wasm32-wasi build only: clang-14's
 * wasi-libc has no pthread.h. A wasm command here runs one thread, so a
 * mutex never blocks; a wait would never be woken, so it fails at once. */
#ifndef BENCH_WASI_SHIM_PTHREAD_H
#define BENCH_WASI_SHIM_PTHREAD_H
#include <errno.h>
#include <time.h>

typedef int pthread_mutex_t;
typedef int pthread_cond_t;
typedef int pthread_condattr_t;
#define PTHREAD_MUTEX_INITIALIZER 0

static inline int pthread_mutex_lock(pthread_mutex_t *m) { (void)m; return 0; }
static inline int pthread_mutex_unlock(pthread_mutex_t *m) { (void)m; return 0; }
static inline int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *a) {
  (void)a; *c = 0; return 0;
}
static inline int pthread_cond_destroy(pthread_cond_t *c) { (void)c; return 0; }
static inline int pthread_cond_signal(pthread_cond_t *c) { (void)c; return 0; }
static inline int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) {
  (void)c; (void)m; return EDEADLK;
}
static inline int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
                                         const struct timespec *t) {
  (void)c; (void)m; (void)t; return ETIMEDOUT;
}
#endif
