// Feature lists (`--features=3.0,+tail-call,-simd`), the 3.0 default, and
// the one-line error that names a feature which is off.
#include <catch2/catch.hpp>

#include <string>

#include "tests/test_interp_util.h"
#include "tests/wasm_bytes.h"
#include "wasmrun/features.h"

using namespace wasmrun;
using namespace wasmrun::test;
using namespace wasmrun::testing;

namespace {

Features parsed(const std::string& list, Features start = Features::defaults()) {
  std::string error;
  REQUIRE(parse_features(list, start, error));
  CHECK(error.empty());
  return start;
}

std::string parse_error(const std::string& list) {
  Features f = Features::defaults();
  const Features before = f;
  std::string error;
  CHECK_FALSE(parse_features(list, f, error));
  CHECK(f == before);  // a bad list changes nothing
  return error;
}

}  // namespace

TEST_CASE("features: the default is the 3.0 profile", "[features]") {
  CHECK(Features::defaults() == Features::v3());
  CHECK(Features::defaults().tail_call);
  CHECK(Features::defaults().memory64);
  CHECK_FALSE(Features::v2().tail_call);
  CHECK_FALSE(Features::v2().multi_memory);
  Store store;
  CHECK(store.features() == Features::v3());
}

TEST_CASE("features: profiles select exactly their flags", "[features]") {
  CHECK(parsed("2.0") == Features::v2());
  CHECK(parsed("3.0") == Features::v3());
  CHECK(parsed("all") == Features::all());
  CHECK(parsed("2.0", Features::all()) == Features::v2());
  CHECK(parsed("3.0", Features::all()) == Features::v3());
  // 3.0 is the standard alone; `all` adds the implemented proposals.
  const Features v3 = Features::v3(), all = Features::all();
  CHECK(v3.messages_3_0);
  CHECK(v3.exceptions);
  CHECK(v3.function_references);
  CHECK(v3.relaxed_simd);
  CHECK_FALSE(v3.custom_page_sizes);
  CHECK_FALSE(v3.wide_arithmetic);
  CHECK(all.custom_page_sizes);
  CHECK(all.wide_arithmetic);
  Features only_proposals = all;
  only_proposals.custom_page_sizes = v3.custom_page_sizes;
  only_proposals.wide_arithmetic = v3.wide_arithmetic;
  only_proposals.threads = v3.threads;
  only_proposals.custom_descriptors = v3.custom_descriptors;
  CHECK_FALSE(v3.custom_descriptors);
  CHECK(all.custom_descriptors);
  CHECK(only_proposals == v3);
}

TEST_CASE("features: a proposal past 3.0 is off in 3.0 and on in all", "[features]") {
  // Memory limits flag 0x08 (a page size) is custom-page-sizes'.
  const Bytes pagesize = cat({header(), section(5, vec({{0x08, 0x01, 0x00}}))});
  Failure in_3_0 = failure_of([&] { CompiledModule::from_binary(std::span<const uint8_t>(pagesize), Features::v3()); });
  CHECK(in_3_0.thrown);
  CHECK(in_3_0.kind == ErrorKind::Malformed);
  CHECK(in_3_0.message == "malformed limits flags");
  CHECK_FALSE(failure_of([&] { CompiledModule::from_binary(std::span<const uint8_t>(pagesize), Features::all()); }).thrown);
  Failure wide = failure_of([&] { CompiledModule::from_text("(module (func (drop (drop (i64.mul_wide_s (i64.const 1) (i64.const 2))))))", Features::v3()); });
  CHECK(wide.thrown);
  CHECK_FALSE(failure_of([&] { CompiledModule::from_text("(module (func (drop (drop (i64.mul_wide_s (i64.const 1) (i64.const 2))))))", Features::all()); }).thrown);
}

TEST_CASE("features: +NAME and -NAME switch one flag, left to right", "[features]") {
  Features f = parsed("3.0,-simd");
  CHECK_FALSE(f.simd);
  f.simd = true;
  CHECK(f == Features::v3());
  CHECK(parsed("3.0,+wide-arithmetic").wide_arithmetic);

  f = parsed("2.0,+tail-call,+memory64");
  CHECK(f.tail_call);
  CHECK(f.memory64);
  CHECK_FALSE(f.multi_memory);
  f.tail_call = f.memory64 = false;
  CHECK(f == Features::v2());

  // Without a profile the list starts from what the caller passed in.
  f = parsed("-tail-call", Features::all());
  CHECK_FALSE(f.tail_call);
  CHECK(f.memory64);
  f = parsed("+tail-call", Features::v2());
  CHECK(f.tail_call);
  CHECK_FALSE(f.memory64);
  CHECK(parsed("+simd,-simd").simd == false);
  CHECK(parsed("-simd,+simd").simd == true);
}

TEST_CASE("features: every name of WASMRUN_FEATURE_NAMES switches its own flag", "[features]") {
#define CHECK_FEATURE_NAME(field, text)                     \
  {                                                         \
    Features off = parsed(std::string("-") + text);         \
    CHECK_FALSE(off.field);                                 \
    Features on = parsed(std::string("2.0,+") + text);      \
    CHECK(on.field);                                        \
    Features f = Features::v2();                            \
    CHECK(feature_flag(f, text) == &f.field);               \
  }
  WASMRUN_FEATURE_NAMES(CHECK_FEATURE_NAME)
#undef CHECK_FEATURE_NAME
  Features f;
  CHECK(feature_flag(f, "simd128") == nullptr);
  CHECK(feature_names().find("sign-ext, sat-float-to-int, ") == 0);
  CHECK(feature_names().find("wide-arithmetic") != std::string::npos);
}

TEST_CASE("features: bad lists are one-line errors listing the valid names", "[features]") {
  std::string e = parse_error("9.9");
  CHECK(e.find("unknown feature set '9.9'") == 0);
  CHECK(e.find("tail-call") != std::string::npos);
  CHECK(e.find('\n') == std::string::npos);
  CHECK(parse_error("3.0,+tailcall").find("unknown feature 'tailcall'") == 0);
  CHECK(parse_error("-bogus").find("unknown feature 'bogus'") == 0);
  CHECK(parse_error("tail-call").find("write +tail-call or -tail-call") == 0);
  CHECK(parse_error("+simd,3.0").find("a profile must come first, not '3.0'") == 0);
  CHECK(parse_error("3.0,,+simd").find("empty item") == 0);
  CHECK(parse_error("").find("empty item") == 0);
  CHECK(parse_error("3.0,").find("empty item") == 0);
}

TEST_CASE("features: SIMD switched off names the feature, binary and text", "[features][simd]") {
  Features no_simd = parsed("-simd");
  // (func (result v128) v128.const i32x4 0 0 0 0)
  Failure text = failure_of([&] {
    CompiledModule::from_text("(module (func (drop (v128.const i32x4 0 0 0 0))))", no_simd);
  });
  CHECK(text.thrown);
  CHECK(text.kind == ErrorKind::Malformed);
  CHECK(text.message == "unknown operator v128.const");
  Failure type = failure_of([&] { CompiledModule::from_text("(module (func (param v128)))", no_simd); });
  CHECK(type.thrown);
  CHECK(type.kind == ErrorKind::Malformed);
  CHECK(type.message == "unexpected token, expected a value type");
  try {
    CompiledModule::from_text("(module (func (drop (v128.const i32x4 0 0 0 0))))", no_simd);
  } catch (const Error& e) {
    CHECK(e.detail() == "needs feature simd, which is off (--features=+simd)");
  }
  // The same module with SIMD on loads.
  CHECK(CompiledModule::from_text("(module (func (drop (v128.const i32x4 0 0 0 0))))", Features::defaults()));
}

TEST_CASE("features: each 2.0 feature switched off rejects its constructs, naming the feature", "[features]") {
  struct Case {
    const char* feature;
    const char* wat;
    const char* message;
  };
  const Case cases[] = {
      {"sign-ext", "(module (func (param i32) (result i32) (i32.extend8_s (local.get 0))))",
       "unknown operator i32.extend8_s"},
      {"sat-float-to-int", "(module (func (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0))))",
       "unknown operator i32.trunc_sat_f32_s"},
      {"bulk-memory", "(module (memory 1) (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))))",
       "unknown operator memory.fill"},
      {"reference-types", "(module (func (result i32) (ref.is_null (ref.null func))))",
       "unknown operator ref.is_null"},
      {"multi-value", "(module (func (result i32 i32) (i32.const 1) (i32.const 2)))", "invalid result arity"},
      {"multi-value", "(module (func (result i32) (block (result i32 i32) (i32.const 1) (i32.const 2)) (drop)))",
       "invalid result arity"},
  };
  for (const Case& c : cases) {
    INFO(c.feature << ": " << c.wat);
    Features off = parsed(std::string("-") + c.feature);
    Failure f = failure_of([&] { CompiledModule::from_text(c.wat, off); });
    REQUIRE(f.thrown);
    CHECK(f.message == c.message);
    CHECK(description_of([&] { CompiledModule::from_text(c.wat, off); }).find(std::string("needs feature ") + c.feature) !=
          std::string::npos);
    // With the feature on the module loads.
    CHECK_FALSE(failure_of([&] { CompiledModule::from_text(c.wat, Features::defaults()); }).thrown);
  }
  // The binary decoder's fast path also checks: (func (param i32) (result i32) local.get 0 i32.extend8_s)
  const std::vector<uint8_t> bytes = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f,
                                      0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x07, 0x01, 0x05, 0x00, 0x20, 0x00, 0xc0,
                                      0x0b};
  CHECK_FALSE(failure_of([&] { CompiledModule::from_binary(std::span<const uint8_t>(bytes), Features::defaults()); }).thrown);
  Failure binary = failure_of([&] { CompiledModule::from_binary(std::span<const uint8_t>(bytes), parsed("-sign-ext")); });
  CHECK(binary.thrown);
  CHECK(binary.message == "illegal opcode");
}

TEST_CASE("features: messages that 3.0 changed follow the profile", "[features]") {
  auto message = [](const std::string& wat, const Features& f) {
    Failure e = failure_of([&] { CompiledModule::from_text(wat, f); });
    CHECK(e.thrown);
    return e.message;
  };
  const std::string set_const = "(module (global i32 (i32.const 0)) (func (global.set 0 (i32.const 1))))";
  CHECK(message(set_const, Features::v2()) == "global is immutable");
  CHECK(message(set_const, Features::all()) == "immutable global");
  CHECK(message(set_const, parsed("2.0,+memory64")) == "global is immutable");  // the profile decides
  // align=2^63: malformed in 2.0 (more than 32 bits), too large for the access in 3.0.
  const std::string align = "(module (memory 1) (func (drop (i32.load align=0x8000_0000_0000_0000 (i32.const 0)))))";
  CHECK(message(align, Features::v2()) == "malformed alignment");
  CHECK(message(align, Features::all()) == "alignment must not be larger than natural");
  // An unused single-byte opcode: 3.0 names it in the message.
  const std::vector<uint8_t> ff = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0,
                                   10, 5, 1, 3, 0, 0xFF, 0x0B};
  auto binary = [&](const Features& f) {
    return failure_of([&] { CompiledModule::from_binary(ff, f); }).message;
  };
  CHECK(binary(Features::v2()) == "illegal opcode");
  CHECK(binary(Features::all()) == "illegal opcode ff");
}
