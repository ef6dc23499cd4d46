// LEB128 and the other primitives of ByteReader: limits, over-long and
// too-large encodings, signed boundaries.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "loader/byte_reader.h"

using namespace wasmrun;

namespace {

using Bytes = std::vector<uint8_t>;

std::string malformed_message(const Bytes& b, int bits, bool is_signed) {
  ByteReader r(b);
  try {
    if (is_signed) {
      if (bits == 32) r.s32();
      else if (bits == 33) r.s33();
      else r.s64();
    } else {
      if (bits == 32) r.u32();
      else r.u64();
    }
  } catch (const Error& e) {
    REQUIRE(e.kind() == ErrorKind::Malformed);
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("u32: values and their encodings", "[leb]") {
  {
    Bytes b{0x00};
    ByteReader r(b);
    CHECK(r.u32() == 0);
    CHECK(r.at_end());
  }
  {
    Bytes b{0xE5, 0x8E, 0x26};  // the classic 624485
    ByteReader r(b);
    CHECK(r.u32() == 624485u);
  }
  {
    Bytes b{0xFF, 0xFF, 0xFF, 0xFF, 0x0F};
    ByteReader r(b);
    CHECK(r.u32() == std::numeric_limits<uint32_t>::max());
    CHECK(r.offset() == 5);
  }
  {
    // Padded zero: redundant bytes are allowed within the maximum length.
    Bytes b{0x80, 0x80, 0x80, 0x80, 0x00};
    ByteReader r(b);
    CHECK(r.u32() == 0);
  }
}

TEST_CASE("u32: too long, too large, truncated", "[leb]") {
  CHECK(malformed_message({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 32, false) == "integer representation too long");
  CHECK(malformed_message({0xFF, 0xFF, 0xFF, 0xFF, 0x1F}, 32, false) == "integer too large");
  CHECK(malformed_message({0x80, 0x80, 0x80, 0x80, 0x10}, 32, false) == "integer too large");
  CHECK(malformed_message({0x80}, 32, false) == "unexpected end");
  CHECK(malformed_message({}, 32, false) == "unexpected end");
}

TEST_CASE("u64: maximum and limits", "[leb]") {
  Bytes max{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01};
  ByteReader r(max);
  CHECK(r.u64() == std::numeric_limits<uint64_t>::max());
  CHECK(malformed_message({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02}, 64, false) ==
        "integer too large");
  CHECK(malformed_message({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 64, false) ==
        "integer representation too long");
}

TEST_CASE("s32: signed boundaries", "[leb]") {
  auto s32 = [](Bytes b) {
    ByteReader r(b);
    return r.s32();
  };
  CHECK(s32({0x7F}) == -1);
  CHECK(s32({0x3F}) == 63);
  CHECK(s32({0x40}) == -64);
  CHECK(s32({0xC0, 0x00}) == 64);
  CHECK(s32({0xFF, 0xFF, 0xFF, 0xFF, 0x07}) == std::numeric_limits<int32_t>::max());
  CHECK(s32({0x80, 0x80, 0x80, 0x80, 0x78}) == std::numeric_limits<int32_t>::min());
  CHECK(s32({0xFF, 0xFF, 0xFF, 0xFF, 0x7F}) == -1);  // padded -1
  // The unused high bits of the fifth byte must repeat the sign bit.
  CHECK(malformed_message({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, 32, true) == "integer too large");
  CHECK(malformed_message({0x80, 0x80, 0x80, 0x80, 0x70}, 32, true) == "integer too large");
  CHECK(malformed_message({0x80, 0x80, 0x80, 0x80, 0x1F}, 32, true) == "integer too large");
  CHECK(malformed_message({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, 32, true) == "integer representation too long");
}

TEST_CASE("s33: block type indices", "[leb]") {
  auto s33 = [](Bytes b) {
    ByteReader r(b);
    return r.s33();
  };
  CHECK(s33({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}) == 0xFFFFFFFFll);        // 2^32-1
  CHECK(s33({0x80, 0x80, 0x80, 0x80, 0x70}) == -(1ll << 32));         // -2^32
  CHECK(s33({0x40}) == -64);
  CHECK(malformed_message({0xFF, 0xFF, 0xFF, 0xFF, 0x1F}, 33, true) == "integer too large");
  CHECK(malformed_message({0x80, 0x80, 0x80, 0x80, 0x60}, 33, true) == "integer too large");
}

TEST_CASE("s64: signed boundaries", "[leb]") {
  auto s64 = [](Bytes b) {
    ByteReader r(b);
    return r.s64();
  };
  CHECK(s64({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00}) == std::numeric_limits<int64_t>::max());
  CHECK(s64({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F}) == std::numeric_limits<int64_t>::min());
  CHECK(s64({0x7F}) == -1);
  CHECK(malformed_message({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}, 64, true) ==
        "integer too large");
  CHECK(malformed_message({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7E}, 64, true) ==
        "integer too large");
  CHECK(malformed_message({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 64, true) ==
        "integer representation too long");
}

TEST_CASE("names: UTF-8 and length", "[leb]") {
  {
    Bytes b{0x03, 'a', 'b', 'c'};
    ByteReader r(b);
    CHECK(r.name() == "abc");
  }
  {
    Bytes b{0x02, 0xC0, 0x80};  // overlong NUL
    ByteReader r(b);
    REQUIRE_THROWS_WITH(r.name(), "malformed UTF-8 encoding");
  }
  {
    Bytes b{0x03, 0xED, 0xA0, 0x80};  // a surrogate
    ByteReader r(b);
    REQUIRE_THROWS_WITH(r.name(), "malformed UTF-8 encoding");
  }
  {
    Bytes b{0x05, 'a'};
    ByteReader r(b);
    REQUIRE_THROWS_WITH(r.name(), "length out of bounds");
  }
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));   // U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST_CASE("floats are little-endian raw bits", "[leb]") {
  Bytes b{0x00, 0x00, 0x80, 0x3F, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};
  ByteReader r(b);
  CHECK(r.f32_bits() == 0x3F800000u);
  CHECK(r.f64_bits() == 0x0807060504030201ull);
  CHECK(r.at_end());
  REQUIRE_THROWS_WITH(r.f32_bits(), "unexpected end");
}
