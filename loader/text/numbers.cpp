#include "loader/text/numbers.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

namespace wasmrun::text {

namespace {

bool is_digit(char c, bool hex) {
  if (c >= '0' && c <= '9') return true;
  return hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Consumes `digit ('_'? digit)*` from s at i; appends the digits to out.
// Returns false if there is no digit or a '_' is misplaced.
bool digits(std::string_view s, size_t& i, bool hex, std::string* out) {
  if (i >= s.size() || !is_digit(s[i], hex)) return false;
  for (;;) {
    if (out) *out += s[i];
    ++i;
    if (i < s.size() && s[i] == '_') {
      ++i;
      if (i >= s.size() || !is_digit(s[i], hex)) return false;
    } else if (i >= s.size() || !is_digit(s[i], hex)) {
      return true;
    }
  }
}

// An unsigned magnitude; false on syntax error, `overflow` past 2^64-1.
bool magnitude(std::string_view s, uint64_t& out, bool& overflow) {
  bool hex = s.size() > 2 && s[0] == '0' && s[1] == 'x';
  size_t i = hex ? 2 : 0;
  std::string d;
  if (!digits(s, i, hex, &d) || i != s.size()) return false;
  uint64_t base = hex ? 16 : 10;
  out = 0;
  overflow = false;
  for (char c : d) {
    auto v = static_cast<uint64_t>(digit_value(c));
    if (out > (UINT64_MAX - v) / base) overflow = true;
    out = out * base + v;
  }
  return true;
}

}  // namespace

NumResult parse_uint(std::string_view text, int bits, uint64_t& out) {
  bool overflow = false;
  if (text.empty() || !magnitude(text, out, overflow)) return NumResult::NotNumber;
  if (overflow || (bits < 64 && out >> bits)) return NumResult::OutOfRange;
  return NumResult::Ok;
}

NumResult parse_int(std::string_view text, int bits, uint64_t& out) {
  bool neg = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    neg = text[0] == '-';
    text.remove_prefix(1);
  }
  uint64_t mag = 0;
  bool overflow = false;
  if (text.empty() || !magnitude(text, mag, overflow)) return NumResult::NotNumber;
  if (overflow) return NumResult::OutOfRange;
  uint64_t mask = bits == 64 ? UINT64_MAX : (uint64_t{1} << bits) - 1;
  if (neg) {
    if (mag > (uint64_t{1} << (bits - 1))) return NumResult::OutOfRange;
    out = (0 - mag) & mask;
  } else {
    if (mag > mask) return NumResult::OutOfRange;
    out = mag;
  }
  return NumResult::Ok;
}

namespace {

// Shared float parsing. Checks the literal against the text grammar, then
// hands the cleaned text to strtof/strtod, which round correctly (glibc
// implements exact decimal and hex conversion) directly to the target
// precision, so f32 never goes through double (no double rounding).
template <typename Bits>
NumResult parse_float(std::string_view text, Bits& out, int mant_bits, int exp_bits) {
  const Bits sign_bit = Bits{1} << (mant_bits + exp_bits);
  const Bits exp_mask = ((Bits{1} << exp_bits) - 1) << mant_bits;
  const Bits mant_mask = (Bits{1} << mant_bits) - 1;
  bool neg = false;
  std::string_view s = text;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  Bits sign = neg ? sign_bit : 0;
  if (s == "inf") {
    out = sign | exp_mask;
    return NumResult::Ok;
  }
  if (s == "nan") {
    out = sign | exp_mask | (Bits{1} << (mant_bits - 1));
    return NumResult::Ok;
  }
  if (s.substr(0, 6) == "nan:0x") {
    uint64_t payload = 0;
    bool overflow = false;
    if (!magnitude(s.substr(4), payload, overflow)) return NumResult::NotNumber;
    if (overflow || payload == 0 || payload > mant_mask) return NumResult::OutOfRange;
    out = sign | exp_mask | static_cast<Bits>(payload);
    return NumResult::Ok;
  }
  // Rebuild without '_' so the C library sees a plain literal.
  bool hex = s.size() > 2 && s[0] == '0' && s[1] == 'x';
  size_t i = hex ? 2 : 0;
  std::string clean = hex ? "0x" : "";
  if (!digits(s, i, hex, &clean)) return NumResult::NotNumber;
  if (i < s.size() && s[i] == '.') {
    clean += '.';
    ++i;
    if (i < s.size() && is_digit(s[i], hex)) {
      if (!digits(s, i, hex, &clean)) return NumResult::NotNumber;
    }
  }
  if (i < s.size() && (hex ? (s[i] == 'p' || s[i] == 'P') : (s[i] == 'e' || s[i] == 'E'))) {
    clean += hex ? 'p' : 'e';
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean += s[i++];
    if (!digits(s, i, false, &clean)) return NumResult::NotNumber;
  } else if (hex) {
    clean += "p0";
  }
  if (i != s.size()) return NumResult::NotNumber;
  errno = 0;
  if constexpr (sizeof(Bits) == 4) {
    float f = std::strtof(clean.c_str(), nullptr);
    if (std::isinf(f)) return NumResult::OutOfRange;
    std::memcpy(&out, &f, 4);
  } else {
    double f = std::strtod(clean.c_str(), nullptr);
    if (std::isinf(f)) return NumResult::OutOfRange;
    std::memcpy(&out, &f, 8);
  }
  out |= sign;
  return NumResult::Ok;
}

}  // namespace

NumResult parse_f32(std::string_view text, uint32_t& out) {
  return parse_float<uint32_t>(text, out, 23, 8);
}

NumResult parse_f64(std::string_view text, uint64_t& out) {
  return parse_float<uint64_t>(text, out, 52, 11);
}

}  // namespace wasmrun::text
