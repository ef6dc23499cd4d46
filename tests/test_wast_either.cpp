// The (either ...) result of .wast scripts: a result that may be any one
// of several (the relaxed SIMD scripts use it). Matching is checked end to
// end by tests/cli/run.sh.
#include <catch2/catch.hpp>

#include "loader/text/wast.h"
#include "wasmrun/error.h"

using namespace wasmrun;
using namespace wasmrun::wast;

TEST_CASE("wast: (either ...) lists alternative results", "[text][wast]") {
  Script s = parse_script(R"wast(
(assert_return (invoke "f") (i32.const 5) (either (i32.const 1) (i32.const -1))
               (either (v128.const f32x4 nan:canonical 0 0 0) (v128.const i32x4 1 2 3 4) (f64.const nan:arithmetic)))
)wast",
                          Features::all());
  REQUIRE(s.commands.size() == 1);
  const auto& e = s.commands[0].expected;
  REQUIRE(e.size() == 3);
  CHECK(e[0].kind == Expected::Kind::Exact);
  CHECK(e[0].value.bits == 5);
  REQUIRE(e[1].kind == Expected::Kind::Either);
  REQUIRE(e[1].alternatives.size() == 2);
  CHECK(e[1].alternatives[0].kind == Expected::Kind::Exact);
  CHECK(e[1].alternatives[0].value.bits == 1);
  CHECK(e[1].alternatives[1].value.bits == 0xFFFFFFFFu);
  REQUIRE(e[2].kind == Expected::Kind::Either);
  REQUIRE(e[2].alternatives.size() == 3);
  CHECK(e[2].alternatives[0].kind == Expected::Kind::V128Lanes);
  CHECK(e[2].alternatives[0].lane_nan[0] == NanPattern::Canonical);
  CHECK(e[2].alternatives[1].kind == Expected::Kind::Exact);
  CHECK(e[2].alternatives[1].value.v128[8] == 3);
  CHECK(e[2].alternatives[2].kind == Expected::Kind::Nan);
  CHECK(e[2].alternatives[2].nan == NanPattern::Arithmetic);
}

TEST_CASE("wast: (either) needs a result, and does not nest", "[text][wast]") {
  auto error_of = [](const char* text) {
    try {
      parse_script(text, Features::all());
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("parsed");
  };
  CHECK(error_of(R"((assert_return (invoke "f") (either)))") == "unexpected token, expected a result");
  CHECK(error_of(R"((assert_return (invoke "f") (either (either (i32.const 1)))))") ==
        "unknown constant either");
}
