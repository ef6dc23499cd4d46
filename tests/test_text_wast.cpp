// .wast scripts parsed into commands.
#include <catch2/catch.hpp>

#include "loader/text/wast.h"
#include "wasmrun/error.h"

using namespace wasmrun;
using namespace wasmrun::wast;

TEST_CASE("a script becomes commands", "[text][wast]") {
  Script s = parse_script(R"wast(
(module $M (func (export "f") (param i32) (result i32) local.get 0))
(register "m" $M)
(assert_return (invoke $M "f" (i32.const -1)) (i32.const 0xffff_ffff))
(assert_return (invoke "g" (f32.const 1.5) (i64.const 2)) (f32.const nan:canonical) (f64.const nan:arithmetic))
(assert_return (invoke "v") (v128.const f32x4 nan:canonical 1 -0 nan:arithmetic))
(assert_return (invoke "r" (ref.null extern) (ref.extern 7)) (ref.func) (ref.extern) (ref.null func) (ref.extern 7))
(assert_trap (invoke "t") "unreachable")
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")
(assert_exhaustion (invoke "loop") "call stack exhausted")
(assert_malformed (module quote "(func" " i32.const 0x1_0000_0000)") "constant out of range")
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_unlinkable (module (import "x" "y" (func))) "unknown import")
(module binary "\00asm" "\01\00\00\00")
(get $M "g")
(invoke "f" (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 -1))
)wast",
                          Features::v2());
  using K = Command::Kind;
  REQUIRE(s.commands.size() == 15);
  const auto& c = s.commands;
  CHECK(c[0].kind == K::Module);
  CHECK(c[0].line == 2);
  CHECK(c[0].module.name == "M");
  CHECK_FALSE(c[0].module.encode_error);
  CHECK(c[0].module.binary.size() > 8);
  CHECK(c[1].kind == K::Register);
  CHECK(c[1].register_as == "m");
  CHECK(c[1].register_module == "M");
  CHECK(c[2].kind == K::AssertReturn);
  CHECK(c[2].action.module == "M");
  CHECK(c[2].action.field == "f");
  REQUIRE(c[2].action.args.size() == 1);
  CHECK(c[2].action.args[0].bits == 0xFFFFFFFFu);
  REQUIRE(c[2].expected.size() == 1);
  CHECK(c[2].expected[0].kind == Expected::Kind::Exact);
  CHECK(c[2].expected[0].value.bits == 0xFFFFFFFFu);
  CHECK(c[3].action.args[0].kind == ValueKind::F32);
  CHECK(c[3].action.args[0].bits == 0x3FC00000u);
  CHECK(c[3].expected[0].kind == Expected::Kind::Nan);
  CHECK(c[3].expected[0].nan == NanPattern::Canonical);
  CHECK(c[3].expected[1].value.kind == ValueKind::F64);
  CHECK(c[3].expected[1].nan == NanPattern::Arithmetic);
  const Expected& v = c[4].expected[0];
  CHECK(v.kind == Expected::Kind::V128Lanes);
  CHECK(v.shape == LaneShape::F32x4);
  REQUIRE(v.lane_nan.size() == 4);
  CHECK(v.lane_nan[0] == NanPattern::Canonical);
  CHECK(v.lane_nan[1] == NanPattern::None);
  CHECK(v.lane_bits[1] == 0x3F800000u);
  CHECK(v.lane_bits[2] == 0x80000000u);
  CHECK(v.lane_nan[3] == NanPattern::Arithmetic);
  CHECK(c[5].action.args[0].kind == ValueKind::RefNull);
  CHECK(c[5].action.args[0].ref_type == ValType::ExternRef);
  CHECK(c[5].action.args[1].kind == ValueKind::RefExtern);
  CHECK(c[5].action.args[1].bits == 7);
  CHECK(c[5].expected[0].kind == Expected::Kind::AnyRefFunc);
  CHECK(c[5].expected[1].kind == Expected::Kind::AnyRefExtern);
  CHECK(c[5].expected[2].value.ref_type == ValType::FuncRef);
  CHECK(c[5].expected[3].kind == Expected::Kind::Exact);
  CHECK(c[6].kind == K::AssertTrap);
  CHECK_FALSE(c[6].has_module);
  CHECK(c[6].message == "unreachable");
  CHECK(c[7].kind == K::AssertTrap);
  CHECK(c[7].has_module);
  CHECK(c[8].kind == K::AssertExhaustion);
  CHECK(c[9].kind == K::AssertMalformed);
  CHECK(c[9].module.form == ScriptModule::Form::Quote);
  CHECK(c[9].module.quote.find("i32.const 0x1_0000_0000") != std::string::npos);
  CHECK(c[10].kind == K::AssertInvalid);
  CHECK_FALSE(c[10].module.encode_error);
  CHECK(c[11].kind == K::AssertUnlinkable);
  CHECK(c[12].module.form == ScriptModule::Form::Binary);
  CHECK(c[12].module.binary == std::vector<uint8_t>{0, 'a', 's', 'm', 1, 0, 0, 0});
  CHECK(c[13].kind == K::Action);
  CHECK(c[13].action.kind == Action::Kind::Get);
  REQUIRE(c[14].action.args.size() == 1);
  CHECK(c[14].action.args[0].kind == ValueKind::V128);
  CHECK(c[14].action.args[0].v128[0] == 1);
  CHECK(c[14].action.args[0].v128[15] == 0xFF);
}

TEST_CASE("a text module that fails to encode does not fail the script", "[text][wast]") {
  Script s = parse_script("(module (func (call $nope)))\n(assert_invalid (module (func i32.bogus)) \"x\")",
                          Features::v2());
  REQUIRE(s.commands.size() == 2);
  REQUIRE(s.commands[0].module.encode_error);
  CHECK(s.commands[0].module.encode_error->location().line == 1);
  CHECK(s.commands[0].module.encode_error->location().column == 21);  // at $nope
  REQUIRE(s.commands[1].module.encode_error);
  CHECK(s.commands[1].module.encode_error->location().line == 2);
  CHECK(std::string(s.commands[1].module.encode_error->message()) == "unknown operator i32.bogus");
}

TEST_CASE("unparsable scripts throw with a position", "[text][wast]") {
  CHECK_THROWS_AS(parse_script("(assert_return (invoke \"f\" (i32.const x)))", Features::v2()), Error);
  CHECK_THROWS_AS(parse_script("(frobnicate)", Features::v2()), Error);
  CHECK_THROWS_AS(parse_script("(module", Features::v2()), Error);
}

TEST_CASE("3.0 script commands and result patterns", "[text][wast]") {
  Script s = parse_script(R"wast(
(module definition $D (func (export "f") (result i32) (i32.const 3)))
(module instance $I $D)
(module instance $D)
(module $B binary "\00asm" "\01\00\00\00")
(module $Q quote "(func)")
(assert_return (invoke "f") (either (i32.const 1) (i32.const 3)))
(assert_return (invoke "r") (ref.null any) (ref.null nofunc) (ref.null $t) (ref.null 0) (ref.null (exact $t))
                            (ref.null) (ref.struct) (ref.array) (ref.i31) (ref.eq) (ref.any) (ref.exn) (ref.host 5))
(assert_malformed_custom (module quote "(@custom)") "@custom annotation: missing section name")
(assert_invalid_custom (module quote "(@custom \"x\")") "x")
(thread $T (shared (module $M)) (register "m" $M) (module (func)) (thread $U (wait $V)) (invoke "f"))
(wait $T)
)wast",
                          Features::all());
  using K = Command::Kind;
  using E = Expected::Kind;
  const auto& c = s.commands;
  REQUIRE(c.size() == 11);
  CHECK(c[0].module.definition);
  CHECK(c[0].module.name == "D");
  CHECK(c[1].module.instance);
  CHECK(c[1].module.name == "I");
  CHECK(c[1].module.instance_of == "D");
  CHECK(c[2].module.instance);
  CHECK(c[2].module.name == "D");  // one id: the instance's; the definition is the latest
  CHECK_FALSE(c[2].module.instance_of);
  CHECK(c[3].module.form == ScriptModule::Form::Binary);
  CHECK(c[3].module.name == "B");
  CHECK(c[3].module.binary.size() == 8);
  CHECK(c[4].module.form == ScriptModule::Form::Quote);
  CHECK(c[4].module.name == "Q");

  REQUIRE(c[5].expected.size() == 1);
  const Expected& either = c[5].expected[0];
  CHECK(either.kind == E::Either);
  REQUIRE(either.alternatives.size() == 2);
  CHECK(either.alternatives[1].value.kind == ValueKind::I32);
  CHECK(either.alternatives[1].value.bits == 3);

  const auto& r = c[6].expected;
  REQUIRE(r.size() == 13);
  CHECK(r[0].kind == E::Exact);
  CHECK(r[0].value.kind == ValueKind::RefNull);
  CHECK(r[0].value.heap == ScriptHeap::Any);
  CHECK(r[1].value.heap == ScriptHeap::NoFunc);
  CHECK(r[1].value.ref_type == ValType::FuncRef);
  CHECK(r[2].value.heap == ScriptHeap::Defined);
  CHECK(r[3].value.heap == ScriptHeap::Defined);
  CHECK(r[4].value.heap == ScriptHeap::Defined);
  CHECK(r[5].kind == E::AnyNull);
  const ScriptHeap patterns[] = {ScriptHeap::Struct, ScriptHeap::Array, ScriptHeap::I31,
                               ScriptHeap::Eq,     ScriptHeap::Any,   ScriptHeap::Exn};
  for (int i = 0; i < 6; ++i) {
    CHECK(r[6 + i].kind == E::AnyRefOf);
    CHECK(r[6 + i].value.heap == patterns[i]);
  }
  CHECK(r[12].value.kind == ValueKind::RefHost);
  CHECK(r[12].value.bits == 5);

  CHECK(c[7].kind == K::AssertMalformedCustom);
  CHECK(c[7].message == "@custom annotation: missing section name");
  CHECK(c[8].kind == K::AssertInvalidCustom);
  CHECK(c[9].kind == K::Thread);
  CHECK(c[9].thread == "T");
  REQUIRE(c[9].shared_modules.size() == 1);
  CHECK(c[9].shared_modules[0] == "M");
  // Its commands: register, module, the nested thread (kept without a
  // body), invoke.
  REQUIRE(c[9].body.size() == 4);
  CHECK(c[9].body[0].kind == K::Register);
  CHECK(c[9].body[1].kind == K::Module);
  CHECK(c[9].body[2].kind == K::Thread);
  CHECK(c[9].body[2].nested_thread);
  CHECK(c[9].body[2].body.empty());
  CHECK(c[9].body[3].kind == K::Action);
  CHECK(c[9].body[3].action.field == "f");
  CHECK(c[10].kind == K::Wait);
  CHECK(c[10].thread == "T");
}

TEST_CASE("3.0 script syntax errors", "[text][wast]") {
  auto fails = [](const char* script) {
    try {
      parse_script(script, Features::all());
    } catch (const Error& e) {
      return e.kind() == ErrorKind::Malformed;
    }
    return false;
  };
  CHECK(fails("(assert_return (invoke \"f\") (either))"));
  CHECK(fails("(assert_return (invoke \"f\") (ref.null bogus))"));
  CHECK(fails("(invoke \"f\" (either (i32.const 1)))"));  // alternatives are results, not arguments
  CHECK(fails("(invoke \"f\" (ref.struct))"));
  CHECK(fails("(thread $T (invoke \"f\")"));
}
