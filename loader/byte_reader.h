// ByteReader: bounds-checked reading of the binary format's primitives
// (bytes, LEB128 integers, IEEE floats, names). Every read checks the
// remaining length first, so malformed input can never read out of bounds;
// failures throw a Malformed error with the test suite's message and the
// offset of the field that could not be read.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "wasmrun/error.h"

namespace wasmrun {

// True if `s` is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF).
bool is_valid_utf8(std::string_view s);

class ByteReader {
 public:
  ByteReader() = default;
  explicit ByteReader(std::span<const uint8_t> bytes, size_t base_offset = 0)
      : begin_(bytes.data()), pos_(bytes.data()), end_(bytes.data() + bytes.size()), base_(base_offset) {}

  bool at_end() const { return pos_ == end_; }
  size_t remaining() const { return static_cast<size_t>(end_ - pos_); }
  // Offset of the next byte, counted from the start of the whole module.
  size_t offset() const { return base_ + static_cast<size_t>(pos_ - begin_); }
  const uint8_t* data() const { return pos_; }

  uint8_t u8() {
    need(1);
    return *pos_++;
  }
  uint8_t peek() const {
    if (pos_ == end_) fail(pos_, "unexpected end");
    return *pos_;
  }

  // LEB128 integers. Most are a single byte: that case is decoded inline
  // (a byte below 0x80 is the whole value, sign bit 0x40 for signed ones),
  // everything else by the checked loops below.
  uint32_t u32() {
    if (pos_ != end_ && *pos_ < 0x80) return *pos_++;
    return static_cast<uint32_t>(leb_unsigned(32));
  }
  uint64_t u64() {
    if (pos_ != end_ && *pos_ < 0x80) return *pos_++;
    return leb_unsigned(64);
  }
  int32_t s32() {
    if (pos_ != end_ && *pos_ < 0x80) return static_cast<int32_t>(single_byte_signed());
    return static_cast<int32_t>(leb_signed(32));
  }
  int64_t s33() {
    if (pos_ != end_ && *pos_ < 0x80) return single_byte_signed();
    return leb_signed(33);
  }
  int64_t s64() {
    if (pos_ != end_ && *pos_ < 0x80) return single_byte_signed();
    return leb_signed(64);
  }

  uint32_t f32_bits() {
    need(4);
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(pos_[i]) << (8 * i);
    pos_ += 4;
    return v;
  }
  uint64_t f64_bits() {
    need(8);
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(pos_[i]) << (8 * i);
    pos_ += 8;
    return v;
  }

  std::span<const uint8_t> bytes(size_t n) {
    need(n);
    std::span<const uint8_t> s(pos_, n);
    pos_ += n;
    return s;
  }
  void skip(size_t n) { bytes(n); }

  // A length-prefixed UTF-8 name.
  std::string name() {
    const uint8_t* start = pos_;
    uint32_t len = u32();
    if (len > remaining())
      fail(start, "length out of bounds", std::to_string(len) + " bytes, " + std::to_string(remaining()) + " left");
    std::string s(reinterpret_cast<const char*>(pos_), len);
    if (!is_valid_utf8(s)) fail(pos_, "malformed UTF-8 encoding");
    pos_ += len;
    return s;
  }

  // A sub-reader over the next n bytes; this reader skips past them.
  ByteReader sub(size_t n) {
    size_t off = offset();
    auto s = bytes(n);
    return ByteReader(s, off);
  }

 private:
  void need(size_t n) const {
    if (remaining() < n) fail(pos_, "unexpected end");
  }

  // Errors only: the offset of `at` in the module.
  [[noreturn]] void fail(const uint8_t* at, const char* message, std::string detail = {}) const {
    throw_malformed_at(base_ + static_cast<size_t>(at - begin_), message, std::move(detail));
  }

  int64_t single_byte_signed() {
    uint8_t b = *pos_++;
    return (b & 0x40) ? static_cast<int64_t>(b) - 0x80 : static_cast<int64_t>(b);
  }

  uint64_t leb_unsigned(unsigned bits) {
    const uint8_t* start = pos_;
    uint64_t result = 0;
    unsigned shift = 0;
    const unsigned max_bytes = (bits + 6) / 7;
    for (unsigned i = 0;; ++i) {
      if (pos_ == end_) fail(start, "unexpected end");
      uint8_t b = *pos_++;
      if (i == max_bytes - 1) {
        if (b & 0x80) fail(start, "integer representation too long");
        unsigned used = bits - shift;  // value bits this last byte may carry
        if (used < 7 && (b >> used) != 0) fail(start, "integer too large");
        result |= static_cast<uint64_t>(b) << shift;
        return result;
      }
      result |= static_cast<uint64_t>(b & 0x7F) << shift;
      shift += 7;
      if (!(b & 0x80)) return result;
    }
  }

  int64_t leb_signed(unsigned bits) {
    const uint8_t* start = pos_;
    uint64_t result = 0;
    unsigned shift = 0;
    const unsigned max_bytes = (bits + 6) / 7;
    uint8_t b = 0;
    for (unsigned i = 0;; ++i) {
      if (pos_ == end_) fail(start, "unexpected end");
      b = *pos_++;
      if (i == max_bytes - 1) {
        if (b & 0x80) fail(start, "integer representation too long");
        unsigned used = bits - shift;  // value bits this byte carries, sign included
        if (used < 7) {
          // The bits above the sign bit must all repeat it.
          auto mask = static_cast<uint8_t>((0x7F >> (used - 1)) << (used - 1));
          uint8_t top = b & mask;
          if (top != 0 && top != mask) fail(start, "integer too large");
        }
      }
      result |= static_cast<uint64_t>(b & 0x7F) << shift;
      shift += 7;
      if (!(b & 0x80)) break;
    }
    if (shift < 64 && (b & 0x40)) result |= ~uint64_t{0} << shift;
    return static_cast<int64_t>(result);
  }

  const uint8_t* begin_ = nullptr;
  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
  size_t base_ = 0;
};

inline bool is_valid_utf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    auto c = static_cast<uint8_t>(s[i]);
    if (c < 0x80) { ++i; continue; }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      auto cc = static_cast<uint8_t>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

}  // namespace wasmrun
