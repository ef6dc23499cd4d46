#include "memory/wait_queue.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>

namespace wasmrun {

struct WaitQueue::Waiter {
  uint64_t address = 0;
  bool notified = false;
  std::condition_variable cv;
};

namespace {
// How often a blocked waiter looks at the interrupt flag: Store::interrupt
// only sets a flag, which nothing signals.
constexpr std::chrono::milliseconds kInterruptPoll{10};
// Timeouts past this (about 292 years would overflow the clock) are forever.
constexpr int64_t kForeverNs = int64_t{100} * 365 * 24 * 3600 * 1'000'000'000;
}  // namespace

WaitQueue::Result WaitQueue::wait(uint64_t address, const std::function<bool()>& matches, int64_t timeout_ns,
                                  const std::atomic<bool>* interrupt) {
  using Clock = std::chrono::steady_clock;
  std::unique_lock<std::mutex> lock(mutex_);
  if (!matches()) return Result::NotEqual;
  const bool forever = timeout_ns < 0 || timeout_ns > kForeverNs;
  const Clock::time_point deadline =
      forever ? Clock::time_point::max() : Clock::now() + std::chrono::nanoseconds(timeout_ns);
  Waiter self;
  self.address = address;
  waiters_.push_back(&self);
  Result result = Result::Ok;
  while (!self.notified) {
    if (interrupt && interrupt->load(std::memory_order_relaxed)) {
      result = Result::Interrupted;
      break;
    }
    const Clock::time_point now = Clock::now();
    if (now >= deadline) {
      result = Result::TimedOut;
      break;
    }
    Clock::time_point until = deadline;
    if (interrupt && deadline - now > kInterruptPoll) until = now + kInterruptPoll;
    self.cv.wait_until(lock, until);
  }
  // A notify removes the waiters it wakes; one that gave up removes itself.
  if (!self.notified) waiters_.remove(&self);
  else result = Result::Ok;
  return result;
}

uint32_t WaitQueue::notify(uint64_t address, uint32_t count) {
  std::lock_guard<std::mutex> lock(mutex_);
  uint32_t woken = 0;
  for (auto it = waiters_.begin(); it != waiters_.end() && woken < count;) {
    Waiter* w = *it;
    if (w->address != address) {
      ++it;
      continue;
    }
    it = waiters_.erase(it);
    w->notified = true;
    w->cv.notify_one();
    ++woken;
  }
  return woken;
}

uint32_t WaitQueue::waiting(uint64_t address) {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<uint32_t>(std::count_if(waiters_.begin(), waiters_.end(),
                                             [&](const Waiter* w) { return w->address == address; }));
}

}  // namespace wasmrun
