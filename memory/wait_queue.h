// The waiters of one shared memory (threads proposal): the threads blocked
// in memory.atomic.wait32/64, each at an address, woken in the order they
// started waiting by memory.atomic.notify at that address.
//
// No lost wake-up: a waiter compares the memory's value with the expected
// one and joins the queue under the queue's mutex, and a notifier takes the
// same mutex, so a notify that follows the store which changed the value
// (in the program's order of that thread) either finds the waiter queued
// or the waiter sees the new value and does not wait.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>

namespace wasmrun {

class WaitQueue {
 public:
  // The results of memory.atomic.wait, as the instruction returns them;
  // Interrupted is the host's (Store::interrupt), not the program's.
  enum class Result : uint32_t { Ok = 0, NotEqual = 1, TimedOut = 2, Interrupted = 3 };

  // Waits at `address` while `matches()` (the value comparison, called once
  // under the mutex) was true, for at most timeout_ns nanoseconds (negative:
  // forever). `interrupt`, when set, is polled while blocked: a request ends
  // the wait with Interrupted (the flag is left for the caller to clear).
  Result wait(uint64_t address, const std::function<bool()>& matches, int64_t timeout_ns,
              const std::atomic<bool>* interrupt);

  // Wakes up to `count` waiters at `address`, oldest first; returns how many.
  uint32_t notify(uint64_t address, uint32_t count);

  // The number of threads waiting at `address` (for tests).
  uint32_t waiting(uint64_t address);

 private:
  struct Waiter;
  std::mutex mutex_;
  std::list<Waiter*> waiters_;  // every address, oldest first
};

}  // namespace wasmrun
