#include "interp/exec/atomic_exec.h"

namespace wasmrun::interp::atomic {

[[gnu::cold, gnu::noinline]] void trap_unaligned() { throw_trap("unaligned atomic"); }

uint32_t wait(MemoryImpl& m, uint64_t ea, uint8_t* at, unsigned bytes, uint64_t expected, int64_t timeout_ns,
              std::atomic<bool>& interrupted) {
  if (!m.waiters) throw_trap("expected shared memory");
  auto matches = [&] { return (bytes == 4 ? load<uint32_t>(at) : load<uint64_t>(at)) == expected; };
  WaitQueue::Result r = m.waiters->wait(ea, matches, timeout_ns, &interrupted);
  if (r == WaitQueue::Result::Interrupted) {
    interrupted.store(false, std::memory_order_relaxed);  // the trap answers the request
    throw_trap("interrupted");
  }
  return static_cast<uint32_t>(r);
}

// An unshared memory has no waiters: notify wakes nobody (not a trap).
uint32_t notify(MemoryImpl& m, uint64_t ea, uint32_t count) {
  return m.waiters ? m.waiters->notify(ea, count) : 0;
}

}  // namespace wasmrun::interp::atomic
