// Ordered parallel loops for the loader: checking many function bodies on
// a few threads while reporting exactly the error a sequential loop would.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace wasmrun {

// Threads worth using for `work_bytes` of function bodies: one below
// 1 MiB (starting a thread costs more than it saves), else up to the
// machine's cores, at most 4.
inline unsigned loader_threads(size_t work_bytes) {
  if (work_bytes < (size_t{1} << 20)) return 1;
  unsigned hw = std::thread::hardware_concurrency();
  return std::clamp(hw, 1u, 4u);
}

// Calls task(i, worker) for every i in [0, n), on `threads` threads
// (`worker` in [0, threads) names the calling thread, for per-thread
// scratch space). If tasks throw, rethrows the exception of the lowest i
// that threw, once every task below it has run; tasks above a failed one
// may be skipped. So the outcome is the one of a plain loop that stops at
// its first exception.
template <class Task>
void for_each_ordered(size_t n, unsigned threads, Task&& task) {
  if (threads <= 1 || n < 2) {
    for (size_t i = 0; i < n; ++i) task(i, 0u);
    return;
  }
  // Chunks are handed out in increasing order; ~16 per thread balance
  // uneven bodies.
  const size_t chunk = std::max<size_t>(1, n / (size_t{threads} * 16));
  std::atomic<size_t> next_chunk{0};
  std::atomic<size_t> fail_at{n};  // lowest index that threw so far
  std::mutex fail_lock;
  std::exception_ptr fail;

  auto work = [&](unsigned worker) {
    for (;;) {
      size_t begin = next_chunk.fetch_add(1, std::memory_order_relaxed) * chunk;
      if (begin >= n || begin >= fail_at.load(std::memory_order_relaxed)) return;
      size_t end = std::min(n, begin + chunk);
      for (size_t i = begin; i < end && i < fail_at.load(std::memory_order_relaxed); ++i) {
        try {
          task(i, worker);
        } catch (...) {
          std::lock_guard<std::mutex> lock(fail_lock);
          if (i < fail_at.load(std::memory_order_relaxed)) {
            fail_at.store(i, std::memory_order_relaxed);
            fail = std::current_exception();
          }
          break;
        }
      }
    }
  };

  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  try {
    for (unsigned w = 1; w < threads; ++w) pool.emplace_back(work, w);
  } catch (const std::system_error&) {
    // No more threads to be had: the ones started and this one do it all.
  }
  work(0);
  for (std::thread& t : pool) t.join();
  if (fail) std::rethrow_exception(fail);
}

}  // namespace wasmrun
