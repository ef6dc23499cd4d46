#include "tools/limits.h"

#include <charconv>
#include <cmath>

namespace wasmrun::cli {

std::optional<uint64_t> parse_count(const std::string& text) {
  int base = 10;
  std::string_view digits = text;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    base = 16;
    digits.remove_prefix(2);
  }
  if (digits.empty()) return std::nullopt;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, base);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return v;
}

std::optional<uint64_t> parse_size(const std::string& text) {
  if (text.empty()) return std::nullopt;
  uint64_t scale = 1;
  std::string number = text;
  switch (text.back()) {
    case 'K': case 'k': scale = uint64_t{1} << 10; break;
    case 'M': case 'm': scale = uint64_t{1} << 20; break;
    case 'G': case 'g': scale = uint64_t{1} << 30; break;
    default: break;
  }
  if (scale != 1) number.pop_back();
  auto n = parse_count(number);
  if (!n || *n > UINT64_MAX / scale) return std::nullopt;
  return *n * scale;
}

std::optional<std::chrono::nanoseconds> parse_duration(const std::string& text) {
  double scale = 1e9;  // seconds
  std::string number = text;
  auto ends_with = [&](std::string_view s) {
    return number.size() > s.size() && number.compare(number.size() - s.size(), s.size(), s) == 0;
  };
  if (ends_with("ms")) {
    scale = 1e6;
    number.resize(number.size() - 2);
  } else if (ends_with("s")) {
    number.pop_back();
  } else if (ends_with("m")) {
    scale = 60e9;
    number.pop_back();
  } else if (ends_with("h")) {
    scale = 3600e9;
    number.pop_back();
  }
  if (number.empty() || number.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
  if (ec != std::errc() || end != number.data() + number.size() || !std::isfinite(v)) return std::nullopt;
  double ns = v * scale;
  if (ns > 1e18) return std::nullopt;  // ~30 years: a typo, not a limit
  return std::chrono::nanoseconds(static_cast<int64_t>(ns));
}

Watchdog::Watchdog(Store& store, std::chrono::nanoseconds after)
    : thread_([this, &store, after] {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!done_.wait_for(lock, after, [this] { return stop_; })) {
          fired_ = true;
          store.interrupt();
        }
      }) {}

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  done_.notify_all();
  thread_.join();
}

bool Watchdog::fired() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return fired_;
}

}  // namespace wasmrun::cli
