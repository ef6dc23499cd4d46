// The text format compiled to binary: exact bytes, abbreviations that must
// equal their long forms, and malformed modules that must be rejected.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "loader/text/wat.h"
#include "wasmrun/error.h"

using namespace wasmrun;
using Bytes = std::vector<uint8_t>;

static Bytes wat(std::string_view s) { return wat_to_binary(s, Features::v2()); }

static Bytes module(const Bytes& sections) {
  Bytes b = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  for (uint8_t byte : sections) b.push_back(byte);
  return b;
}

// The message with its line:column, "1:18: constant out of range".
static std::string malformed_message(std::string_view s) {
  try {
    wat(s);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Malformed);
    return e.describe();
  }
  FAIL("accepted: " << s);
  return "";
}

// The message of a Malformed error of the text under `f`, "" if it compiles.
static std::string failure_of_text(std::string_view s, const Features& f) {
  try {
    wat_to_binary(s, f);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Malformed);
    return e.message();
  }
  return "";
}

TEST_CASE("empty module", "[text]") {
  CHECK(wat("(module)") == module({}));
  CHECK(wat("") == module({}));
  CHECK(wat("(module $m)") == module({}));
}

TEST_CASE("a function with an export", "[text]") {
  Bytes expect = module({
      0x01, 0x07, 0x01, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F,        // type (i32 i32) -> i32
      0x03, 0x02, 0x01, 0x00,                                      // func 0: type 0
      0x07, 0x07, 0x01, 0x03, 'a', 'd', 'd', 0x00, 0x00,           // export "add"
      0x0A, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B,
  });
  CHECK(wat(R"((module (func $add (export "add") (param $a i32) (param $b i32) (result i32)
                 local.get $a local.get $b i32.add)))") == expect);
  // Folded form, type use by index, and a separate export give the same bytes.
  CHECK(wat(R"((module (type (func (param i32 i32) (result i32)))
                 (func $add (type 0) (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
                 (export "add" (func $add))))") == expect);
}

TEST_CASE("constants", "[text]") {
  Bytes b = wat("(func (result i32) i32.const -1) (func (result i64) (i64.const -9223372036854775808))"
                "(func (result f32) f32.const -nan:0x1) (func (result f64) f64.const 0x1p-1)");
  Bytes code = {0x0A, 0x28, 0x04,
                0x04, 0x00, 0x41, 0x7F, 0x0B,
                0x0D, 0x00, 0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F, 0x0B,
                0x07, 0x00, 0x43, 0x01, 0x00, 0x80, 0xFF, 0x0B,
                0x0B, 0x00, 0x44, 0, 0, 0, 0, 0, 0, 0xE0, 0x3F, 0x0B};
  REQUIRE(b.size() > code.size());
  CHECK(Bytes(b.end() - static_cast<ptrdiff_t>(code.size()), b.end()) == code);
}

TEST_CASE("blocks, labels and block types", "[text]") {
  // Multi-value block types append a new type at the end of the types.
  Bytes b = wat(R"((type (func))
    (func (block $l (result i32 i32) (br $l (i32.const 1) (i32.const 2))) drop drop
          (loop $x (br_if $x (i32.const 0)))
          (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3))) drop))");
  Bytes expect = module({
      0x01, 0x09, 0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x02, 0x7F, 0x7F,
      0x03, 0x02, 0x01, 0x00,
      0x0A, 0x21, 0x01, 0x1F, 0x00,
      0x02, 0x01, 0x41, 0x01, 0x41, 0x02, 0x0C, 0x00, 0x0B, 0x1A, 0x1A,
      0x03, 0x40, 0x41, 0x00, 0x0D, 0x00, 0x0B,
      0x41, 0x01, 0x04, 0x7F, 0x41, 0x02, 0x05, 0x41, 0x03, 0x0B, 0x1A, 0x0B,
  });
  CHECK(b == expect);
  // Flat syntax with labels after end/else.
  CHECK(wat("(func (block $l (result i32 i32) (br $l (i32.const 1) (i32.const 2))) drop drop"
            " loop $x i32.const 0 br_if $x end $x"
            " i32.const 1 if $i (result i32) i32.const 2 else $i i32.const 3 end $i drop)"
            "(type (func))") != Bytes{});
  CHECK_THROWS_AS(wat("(func block $a end $b)"), Error);
  CHECK_THROWS_AS(wat("(func br $nope)"), Error);
}

TEST_CASE("abbreviations equal their long forms", "[text]") {
  CHECK(wat(R"((func (import "m" "f") (param i32)))") ==
        wat(R"((type (func (param i32))) (import "m" "f" (func (type 0))))"));
  CHECK(wat(R"((memory (export "m") 1 2))") == wat(R"((memory $m 1 2) (export "m" (memory $m)))"));
  CHECK(wat(R"((global $g (import "m" "g") (mut i64)))") == wat(R"((import "m" "g" (global (mut i64))))"));
  CHECK(wat(R"((table funcref (elem $f $f)) (func $f))") ==
        wat(R"((table 2 2 funcref) (elem (i32.const 0) $f $f) (func $f))"));
  CHECK(wat(R"((table 1 funcref) (elem (table 0) (offset (i32.const 0)) func $f) (func $f))") ==
        wat(R"((table 1 funcref) (elem (i32.const 0) func $f) (func $f))"));
  CHECK(wat(R"((memory (data "ab" "c")))") == wat(R"((memory 1 1) (data (i32.const 0) "abc"))"));
  CHECK(wat(R"((memory 1) (data (memory 0) (offset (i32.const 0)) "x"))") ==
        wat(R"((memory 1) (data (i32.const 0) "x"))"));
  CHECK(wat(R"((elem funcref (item ref.func 0) (ref.null func)) (func))") ==
        wat(R"((elem funcref (ref.func 0) (item (ref.null func))) (func))"));
  CHECK(wat(R"((func (param $x i32) (local $y i64) (local i32 i32) local.get $x drop))") ==
        wat(R"((func (param i32) (local i64 i32 i32) local.get 0 drop))"));
}

TEST_CASE("identifiers spelled as strings are the same identifiers", "[text]") {
  CHECK(wat(R"((func $f) (func (call $"f")))") == wat(R"((func $f) (func (call $f)))"));
  CHECK(wat(R"((func $"a b") (func (call $"a\20b")))") == wat(R"((func) (func (call 0)))"));
  CHECK(wat(R"((func block $"l" br $l end $"\6c"))") == wat(R"((func block br 0 end))"));
  CHECK(malformed_message(R"((func $""))") == "1:7: empty identifier");
  CHECK(malformed_message(R"((func $"\ef"))") == "1:7: malformed UTF-8 encoding");
  // A string glued to more idchars is one reserved token, no identifier.
  CHECK(malformed_message(R"((func $"a"b))").find("unexpected token") != std::string::npos);
}

TEST_CASE("a legacy try's catch_all is its last clause", "[text][exceptions]") {
  Features f = Features::all();
  auto text = [&](std::string_view s) { return failure_of_text(s, f); };
  CHECK(text("(func (try (do) (catch_all) (catch_all)))") == "unexpected token, expected )");
  CHECK(text("(func try catch_all catch_all end)") == "unexpected token, expected end");
  CHECK(text("(tag) (func try catch_all end)").empty());
  CHECK(text("(tag) (func (try (do) (catch 0) (catch_all)))").empty());
}

TEST_CASE("memory, table and SIMD immediates", "[text]") {
  Bytes b = wat(R"((memory 1)
    (func (drop (i32.load offset=0x10 align=2 (i32.const 0))) (drop (i64.load8_u (i32.const 0)))
          (drop (v128.const i16x8 1 -1 0 0 0 0 0 0x7fff))
          (drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (v128.const i64x2 0 0) (v128.const f32x4 1 nan -0 inf)))
          (drop (v128.load8_lane offset=1 3 (i32.const 0) (v128.const i32x4 0 0 0 0)))
          (drop (select (result i32) (i32.const 1) (i32.const 2) (i32.const 3)))
          (drop (ref.null extern))))");
  auto contains = [&](Bytes needle) { return std::search(b.begin(), b.end(), needle.begin(), needle.end()) != b.end(); };
  CHECK(contains({0x28, 0x01, 0x10}));
  CHECK(contains({0x31, 0x00, 0x00}));
  CHECK(contains({0xFD, 0x0C, 1, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0x7F}));
  CHECK(contains({0xFD, 0x0C, 0, 0, 0x80, 0x3F, 0, 0, 0xC0, 0x7F, 0, 0, 0, 0x80, 0, 0, 0x80, 0x7F}));
  CHECK(contains({0xFD, 0x0D, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31}));
  CHECK(contains({0xFD, 0x54, 0x00, 0x01, 0x03}));
  CHECK(contains({0x1C, 0x01, 0x7F}));
  CHECK(contains({0xD0, 0x6F}));
  // Tables and memory.init use the 0xFC prefix with their indices.
  Bytes c = wat(R"((table $t 1 funcref) (elem $e func) (memory 1) (data $d "")
    (func (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 0))
          (memory.init $d (i32.const 0) (i32.const 0) (i32.const 0)) (data.drop $d)
          (call_indirect $t (type 0) (i32.const 0))))");
  auto has = [&](Bytes needle) { return std::search(c.begin(), c.end(), needle.begin(), needle.end()) != c.end(); };
  CHECK(has({0xFC, 0x0C, 0x00, 0x00}));
  CHECK(has({0xFC, 0x08, 0x00, 0x00}));
  CHECK(has({0xFC, 0x09, 0x00}));
  CHECK(has({0x11, 0x00, 0x00}));
  CHECK(has({0x0C, 0x01, 0x01}));  // data count section
}

TEST_CASE("numeric indices are encoded as written", "[text]") {
  Bytes b = wat("(func (local.get 5) drop (call 7))");
  Bytes tail = {0x20, 0x05, 0x1A, 0x10, 0x07, 0x0B};
  CHECK(Bytes(b.end() - 6, b.end()) == tail);
}

TEST_CASE("malformed modules are rejected with a position", "[text]") {
  CHECK(malformed_message("(func (i32.const 0x1_0000_0000))").rfind("1:18: ", 0) == 0);
  malformed_message("(func i32.const 1.5)");
  malformed_message("(func (result i32) (param i32))");
  malformed_message("(func) (import \"m\" \"f\" (func))");
  malformed_message("(func $f) (func $f)");
  malformed_message("(func (call $missing))");
  malformed_message("(func i32.frobnicate)");
  malformed_message("(func (i32.load align=3 (i32.const 0)))");
  malformed_message("(memory 1) (memory (import \"m\" \"m\") 1)");
  malformed_message("(type $t (func)) (func (type $t) (param i32))");
  malformed_message("(func (local.get $x))");
  malformed_message("(func $f (export \"\\ff\"))");
  malformed_message("(func (v128.const i32x4 1 2 3))");
  malformed_message("(start 0) (start 0) (func)");
  malformed_message("(module) (module)");
}
