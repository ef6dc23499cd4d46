// The command line's limits: --fuel, --timeout, --max-memory, --max-stack.
// Each one that runs out is a trap with its own message (docs in --help).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "wasmrun/wasmrun.h"

namespace wasmrun::cli {

// "N" or "0xN": a count; nothing else (no octal, no sign, no suffix).
std::optional<uint64_t> parse_count(const std::string& text);
// A size in bytes: a count with an optional K, M or G suffix (binary).
std::optional<uint64_t> parse_size(const std::string& text);
// A duration: a decimal number with an optional unit ms, s (default), m, h.
std::optional<std::chrono::nanoseconds> parse_duration(const std::string& text);

// Interrupts `store` once `after` has passed, from a thread of its own,
// unless destroyed first. fired() says whether it did.
class Watchdog {
 public:
  Watchdog(Store& store, std::chrono::nanoseconds after);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;
  bool fired() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable done_;
  bool stop_ = false;
  bool fired_ = false;
  std::thread thread_;
};

}  // namespace wasmrun::cli
