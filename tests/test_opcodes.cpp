// The instruction table is the single source of truth: check that it is
// self-consistent, so a bad row fails here rather than deep in a decoder.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "loader/opcode.h"

using namespace wasmrun;

TEST_CASE("every opcode encoding maps back to its row", "[opcodes]") {
  for (size_t i = 0; i < kOpCount; ++i) {
    const OpInfo& info = kOpInfo[i];
    auto op = op_from_encoding(info.prefix, info.code);
    INFO(std::string(info.name));
    REQUIRE(op.has_value());
    CHECK(static_cast<size_t>(*op) == i);
  }
}

TEST_CASE("text names are unique but for the two selects, ref.tests, ref.casts and ref.cast_desc_eqs", "[opcodes]") {
  std::set<std::string_view> names;
  int duplicates = 0;
  for (size_t i = 0; i < kOpCount; ++i) {
    if (!names.insert(kOpInfo[i].name).second) ++duplicates;
  }
  CHECK(duplicates == 4);
  CHECK(op_from_name("select") == Op::Select);
  CHECK(op_from_name("ref.test") == Op::RefTest);
  CHECK(op_from_name("ref.cast") == Op::RefCast);
  CHECK(op_from_name("i32.add") == Op::I32Add);
  CHECK(op_from_name("v128.load8_lane") == Op::V128Load8Lane);
  CHECK_FALSE(op_from_name("i32.bogus").has_value());
}

TEST_CASE("known encodings and properties", "[opcodes]") {
  CHECK(op_from_encoding(0, 0x6A) == Op::I32Add);
  CHECK(op_from_encoding(0xFC, 0x0B) == Op::MemoryFill);
  CHECK(op_from_encoding(0xFD, 0x0C) == Op::V128Const);
  CHECK_FALSE(op_from_encoding(0, 0x27).has_value());
  CHECK(op_from_encoding(0, 0x06) == Op::Try);
  CHECK_FALSE(op_from_encoding(0xFC, 0x1FF).has_value());
  CHECK(op_info(Op::I64Load32U).access_bytes == 4);
  CHECK(op_info(Op::V128Load8x8S).access_bytes == 8);
  CHECK(op_info(Op::I32Add).sig == "ii:i");
  CHECK(op_info(Op::F64Store).sig == "aF:");
  CHECK(op_info(Op::BrTable).imm == ImmKind::BrTable);
}

// The table is a constant expression: interp derives handler types from
// it at compile time (scalar_semantics.h).
static_assert(op_info(Op::I32Add).sig == "ii:i");
static_assert(op_info(Op::I64Load16S).access_bytes == 2);

TEST_CASE("signatures use only the documented letters", "[opcodes]") {
  for (size_t i = 0; i < kOpCount; ++i) {
    std::string_view sig = kOpInfo[i].sig;
    INFO(std::string(kOpInfo[i].name) << " " << std::string(sig));
    if (sig == "*") continue;
    auto colon = sig.find(':');
    REQUIRE(colon != std::string_view::npos);
    for (char c : sig)
      CHECK(std::string_view("iIfFva:").find(c) != std::string_view::npos);
  }
}
