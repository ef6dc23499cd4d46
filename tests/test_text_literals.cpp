// Numeric literals and strings of the text format.
#include <catch2/catch.hpp>

#include "loader/text/lexer.h"
#include "loader/text/numbers.h"
#include "wasmrun/error.h"

using namespace wasmrun;
using namespace wasmrun::text;

static uint64_t i32(std::string_view s) {
  uint64_t v = 0;
  REQUIRE(parse_int(s, 32, v) == NumResult::Ok);
  return v;
}
static uint64_t i64(std::string_view s) {
  uint64_t v = 0;
  REQUIRE(parse_int(s, 64, v) == NumResult::Ok);
  return v;
}
static uint32_t f32(std::string_view s) {
  uint32_t v = 0;
  REQUIRE(parse_f32(s, v) == NumResult::Ok);
  return v;
}
static uint64_t f64(std::string_view s) {
  uint64_t v = 0;
  REQUIRE(parse_f64(s, v) == NumResult::Ok);
  return v;
}

TEST_CASE("integer literals", "[text]") {
  CHECK(i32("0") == 0);
  CHECK(i32("-1") == 0xFFFFFFFF);
  CHECK(i32("0xffff_ffff") == 0xFFFFFFFF);
  CHECK(i32("-0x8000_0000") == 0x80000000);
  CHECK(i32("+42") == 42);
  CHECK(i32("1_000_000") == 1000000);
  CHECK(i64("-9223372036854775808") == 0x8000000000000000ull);
  CHECK(i64("18446744073709551615") == ~0ull);
  CHECK(i64("0x7fff_ffff_ffff_ffff") == 0x7FFFFFFFFFFFFFFFull);
  uint64_t v = 0;
  CHECK(parse_int("0x1_0000_0000", 32, v) == NumResult::OutOfRange);
  CHECK(parse_int("-0x8000_0001", 32, v) == NumResult::OutOfRange);
  CHECK(parse_int("18446744073709551616", 64, v) == NumResult::OutOfRange);
  CHECK(parse_int("-9223372036854775809", 64, v) == NumResult::OutOfRange);
  CHECK(parse_int("1__0", 32, v) == NumResult::NotNumber);
  CHECK(parse_int("_1", 32, v) == NumResult::NotNumber);
  CHECK(parse_int("1_", 32, v) == NumResult::NotNumber);
  CHECK(parse_int("0x", 32, v) == NumResult::NotNumber);
  CHECK(parse_int("--1", 32, v) == NumResult::NotNumber);
  CHECK(parse_int("1.0", 32, v) == NumResult::NotNumber);
  CHECK(parse_uint("-1", 32, v) == NumResult::NotNumber);
  CHECK(parse_uint("0x1_0000_0000", 32, v) == NumResult::OutOfRange);
}

TEST_CASE("float literals", "[text]") {
  CHECK(f32("0") == 0);
  CHECK(f32("-0") == 0x80000000u);
  CHECK(f32("1") == 0x3F800000u);
  CHECK(f32("0x1p-149") == 1);               // smallest subnormal
  CHECK(f32("0x1.fffffep127") == 0x7F7FFFFFu);
  CHECK(f32("inf") == 0x7F800000u);
  CHECK(f32("-inf") == 0xFF800000u);
  CHECK(f32("nan") == 0x7FC00000u);
  CHECK(f32("-nan") == 0xFFC00000u);
  CHECK(f32("nan:0x200000") == 0x7FA00000u);
  CHECK(f32("-nan:0x7f_ffff") == 0xFFFFFFFFu);
  CHECK(f32("1_000.5e0_1") == f32("10005"));
  CHECK(f32("0x1.8p1") == 0x40400000u);  // 3.0
  CHECK(f32("0x1.") == 0x3F800000u);
  CHECK(f64("0x1p-1074") == 1);
  CHECK(f64("-0x1.fffffffffffffp1023") == 0xFFEFFFFFFFFFFFFFull);
  CHECK(f64("nan:0x1") == 0x7FF0000000000001ull);
  CHECK(f64("0.1") == 0x3FB999999999999Aull);
  // f32 rounding done directly, not via double: this decimal lies just
  // above the midpoint between two floats, but rounds to the midpoint as
  // a double, which would then round to even (the wrong way).
  CHECK(f32("1.00000005960464477539062500000000000000000001") == 0x3F800001u);
  CHECK(f32("1.000000059604644775390625") == 0x3F800000u);  // exact tie: even
  // Hex literals round to nearest even too.
  CHECK(f32("0x1.000001p0") == 0x3F800000u);
  CHECK(f32("0x1.000003p0") == 0x3F800002u);
  uint32_t b = 0;
  CHECK(parse_f32("0x1p128", b) == NumResult::OutOfRange);
  CHECK(parse_f32("1e39", b) == NumResult::OutOfRange);
  CHECK(parse_f32("0x1.ffffffp127", b) == NumResult::OutOfRange);  // rounds up to inf
  CHECK(parse_f32("nan:0x0", b) == NumResult::OutOfRange);
  CHECK(parse_f32("nan:0x80_0000", b) == NumResult::OutOfRange);
  CHECK(parse_f32(".5", b) == NumResult::NotNumber);
  CHECK(parse_f32("1e", b) == NumResult::NotNumber);
  CHECK(parse_f32("infinity", b) == NumResult::NotNumber);
  CHECK(parse_f32("0x1p", b) == NumResult::NotNumber);
}

TEST_CASE("string escapes and comments", "[text]") {
  auto toks = tokenize(R"(  ;; line comment
    (; nested (; block ;) comment ;) "a\t\n\r\"\'\\\41\u{48}\u{1F600}" $id x.y 12)");
  REQUIRE(toks.size() == 5);
  CHECK(toks[0].kind == TokKind::String);
  CHECK(toks[0].str == "a\t\n\r\"'\\AH\xF0\x9F\x98\x80");
  CHECK(toks[0].line == 2);
  CHECK(toks[1].kind == TokKind::Id);
  CHECK(toks[1].str == "id");
  CHECK(toks[2].kind == TokKind::Keyword);
  CHECK(toks[3].text == "12");
  CHECK(toks[4].kind == TokKind::Eof);
  CHECK_THROWS_AS(tokenize("\"abc"), Error);
  CHECK_THROWS_AS(tokenize("(; open"), Error);
  CHECK_THROWS_AS(tokenize(R"("\q")"), Error);
  CHECK_THROWS_AS(tokenize(R"("\u{D800}")"), Error);
  CHECK_THROWS_AS(tokenize("\"tab\there\""), Error);
  CHECK(tokenize(R"($l"a")")[0].kind == TokKind::Reserved);
}
