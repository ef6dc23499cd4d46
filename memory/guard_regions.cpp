// The table of guarded reservations and the fault handler (guard_regions.h).
#include "memory/guard_regions.h"

#include <signal.h>
#include <ucontext.h>

#include <atomic>
#include <mutex>

namespace wasmrun::guard {

namespace {

// Live memories rarely number more than a few; the spec suite keeps a few
// hundred alive at once. 4096 reservations of 8 GiB are 32 TiB of the 128
// TiB a process can map. Entries are claimed and released with atomics, so
// the handler can read the table at any time without a lock.
constexpr size_t kMaxRegions = 4096;
struct Region {
  std::atomic<uintptr_t> begin{0};  // 0: free
  std::atomic<uintptr_t> end{0};
};
Region regions[kMaxRegions];
constexpr uintptr_t kClaimed = 1;

thread_local TrapLanding* tl_landing = nullptr;

struct sigaction previous_segv, previous_bus;

bool in_guarded_region(uintptr_t addr) {
  for (const Region& r : regions) {
    uintptr_t b = r.begin.load(std::memory_order_acquire);
    if (b > kClaimed && addr >= b && addr < r.end.load(std::memory_order_acquire)) return true;
  }
  return false;
}

// Hands a fault that is not ours to whoever handled it before.
void forward(int sig, siginfo_t* info, void* context) {
  const struct sigaction& prev = sig == SIGBUS ? previous_bus : previous_segv;
  if (prev.sa_flags & SA_SIGINFO) {
    if (prev.sa_sigaction) return prev.sa_sigaction(sig, info, context);
  } else if (prev.sa_handler != SIG_DFL && prev.sa_handler != SIG_IGN) {
    return prev.sa_handler(sig);
  }
  // Default action: restore it and return, so the faulting instruction
  // runs again and the process dies with the usual signal.
  signal(sig, SIG_DFL);
}

// The faulting thread's general registers, for the trap's backtrace
// (plain stores: safe in a signal handler).
void save_registers(TrapLanding& landing, void* context) {
  landing.register_count = 0;
#if defined(__x86_64__) && defined(__linux__)
  const auto* uc = static_cast<const ucontext_t*>(context);
  static_assert(TrapLanding::kMaxRegisters >= NGREG);
  for (int i = 0; i < NGREG; ++i) landing.registers[i] = static_cast<uint64_t>(uc->uc_mcontext.gregs[i]);
  landing.register_count = NGREG;
#else
  (void)context;
#endif
}

void on_fault(int sig, siginfo_t* info, void* context) {
  TrapLanding* landing = tl_landing;
  if (landing && in_guarded_region(reinterpret_cast<uintptr_t>(info->si_addr))) {
    // SA_NODEFER keeps the signal unblocked here, so the jump needs no
    // signal mask restore (sigsetjmp without one is a few instructions).
    save_registers(*landing, context);
    siglongjmp(landing->jump, 1);
  }
  forward(sig, info, context);
}

void install_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction sa {};
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &previous_segv);
    sigaction(SIGBUS, &sa, &previous_bus);
  });
}

}  // namespace

bool guarded_memory_supported() {
#if defined(__linux__) && defined(__x86_64__)
  return true;
#else
  return false;
#endif
}

bool register_region(const void* base, uint64_t bytes) {
  install_handlers();
  const uintptr_t b = reinterpret_cast<uintptr_t>(base);
  for (Region& r : regions) {
    // Claim a free entry (1: being written), write its end, then publish
    // its begin: the handler never sees a begin without its end.
    uintptr_t expected = 0;
    if (r.begin.load(std::memory_order_relaxed) == 0 &&
        r.begin.compare_exchange_strong(expected, kClaimed, std::memory_order_acq_rel)) {
      r.end.store(b + bytes, std::memory_order_release);
      r.begin.store(b, std::memory_order_release);
      return true;
    }
  }
  return false;
}

void unregister_region(const void* base) {
  const uintptr_t b = reinterpret_cast<uintptr_t>(base);
  for (Region& r : regions) {
    uintptr_t expected = b;
    if (r.begin.compare_exchange_strong(expected, 0, std::memory_order_acq_rel)) return;
  }
}

TrapLanding* current_landing() { return tl_landing; }
void set_current_landing(TrapLanding* landing) { tl_landing = landing; }

}  // namespace wasmrun::guard
