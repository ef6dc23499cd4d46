#include "tools/value_text.h"

#include <fmt/core.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string_view>

namespace wasmrun::cli {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<uint64_t> parse_uint(std::string_view text) {
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  }
  if (text.empty()) return std::nullopt;
  uint64_t v = 0;
  for (char c : text) {
    int d = c >= '0' && c <= '9' ? c - '0' : base == 16 ? hex_digit(c) : -1;
    if (d < 0 || d >= base) return std::nullopt;
    if (v > (UINT64_MAX - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) return std::nullopt;  // overflow
    v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
  }
  return v;
}

namespace {

// Reads a whole-string integer; bits of the two's complement result.
std::optional<uint64_t> parse_int(const std::string& text, int64_t min, uint64_t max_unsigned) {
  if (text.empty()) return std::nullopt;
  bool neg = text[0] == '-';
  std::string digits = (text[0] == '-' || text[0] == '+') ? text.substr(1) : text;
  if (digits.empty() || digits[0] == '-' || digits[0] == '+') return std::nullopt;
  auto parsed = parse_uint(digits);
  if (!parsed) return std::nullopt;
  uint64_t v = *parsed;
  if (neg) {
    if (v > static_cast<unsigned long long>(-(min + 1)) + 1) return std::nullopt;
    return static_cast<uint64_t>(0) - static_cast<uint64_t>(v);
  }
  if (v > max_unsigned) return std::nullopt;
  return v;
}

template <class F>
std::optional<F> parse_float(const std::string& text) {
  if (text.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  F v;
  if constexpr (sizeof(F) == 4) v = std::strtof(text.c_str(), &end);
  else v = std::strtod(text.c_str(), &end);
  if (*end != '\0') return std::nullopt;
  return v;
}

template <class F, class Bits>
std::string format_float(F f) {
  if (std::isnan(f)) {
    Bits bits;
    std::memcpy(&bits, &f, sizeof f);
    constexpr int frac_bits = std::numeric_limits<F>::digits - 1;
    Bits payload = bits & ((Bits{1} << frac_bits) - 1);
    std::string sign = (bits >> (sizeof(Bits) * 8 - 1)) ? "-" : "";
    if (payload == (Bits{1} << (frac_bits - 1))) return sign + "nan";
    return fmt::format("{}nan:0x{:x}", sign, payload);
  }
  if (std::isinf(f)) return f < 0 ? "-inf" : "inf";
  return fmt::format("{}", f);
}

}  // namespace

std::optional<Value> parse_value(const std::string& text, ValType type) {
  switch (type) {
    case ValType::I32: {
      auto v = parse_int(text, std::numeric_limits<int32_t>::min(), std::numeric_limits<uint32_t>::max());
      if (!v) return std::nullopt;
      return Value::from_i32(static_cast<uint32_t>(*v));
    }
    case ValType::I64: {
      auto v = parse_int(text, std::numeric_limits<int64_t>::min(), std::numeric_limits<uint64_t>::max());
      if (!v) return std::nullopt;
      return Value::from_i64(*v);
    }
    case ValType::F32: {
      auto v = parse_float<float>(text);
      if (!v) return std::nullopt;
      return Value::from_f32(*v);
    }
    case ValType::F64: {
      auto v = parse_float<double>(text);
      if (!v) return std::nullopt;
      return Value::from_f64(*v);
    }
    case ValType::FuncRef:
    case ValType::ExternRef:
    case ValType::ExnRef:
      if (text == "null") return Value::null_ref(type);
      return std::nullopt;
    case ValType::V128: {
      // What format_value prints: "v128:" and 16 hex bytes in memory order.
      constexpr std::string_view kPrefix = "v128:";
      if (text.size() != kPrefix.size() + 32 || text.compare(0, kPrefix.size(), kPrefix) != 0) return std::nullopt;
      V128 v;
      for (size_t i = 0; i < 16; ++i) {
        int hi = hex_digit(text[kPrefix.size() + 2 * i]), lo = hex_digit(text[kPrefix.size() + 2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        v.bytes[i] = static_cast<uint8_t>(hi << 4 | lo);
      }
      return Value::from_v128(v);
    }
  }
  return std::nullopt;
}

std::string format_value(const Value& value) {
  Value v = value;
  v.type = ref_hierarchy(value.type);
  switch (v.type) {
    case ValType::I32: return fmt::format("{}", static_cast<int32_t>(v.i32));
    case ValType::I64: return fmt::format("{}", static_cast<int64_t>(v.i64));
    case ValType::F32: return format_float<float, uint32_t>(v.f32);
    case ValType::F64: return format_float<double, uint64_t>(v.f64);
    case ValType::V128: {
      std::string s = "v128:";
      for (uint8_t b : v.v128.bytes) s += fmt::format("{:02x}", b);
      return s;
    }
    case ValType::FuncRef: return v.is_null() ? "null" : "funcref";
    case ValType::ExternRef:
    case ValType::AnyRef: {
      const char* top = v.type == ValType::AnyRef ? "anyref" : "externref";
      if (v.is_null()) return "null";
      switch (reference_kind(v)) {
        case ReferenceKind::HostExtern: return fmt::format("{}:{}", top, v.extern_id());
        case ReferenceKind::I31: return fmt::format("i31:{}", v.i31_s());
        case ReferenceKind::Struct: return "structref";
        case ReferenceKind::Array: return "arrayref";
        default: return top;
      }
    }
    case ValType::ExnRef: return v.is_null() ? "null" : "exnref";
  }
  return "?";
}

}  // namespace wasmrun::cli
