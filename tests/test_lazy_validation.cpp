// Lazy validation (LoadOptions::lazy_validation): function bodies checked
// on first call; and the eager path's one-pass loading and parallel body
// validation, which must report the errors a plain sequential load does.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "tests/lazy_module.h"
#include "tests/wasm_bytes.h"
#include "wasmrun/wasmrun.h"

using namespace wasmrun;
using namespace wasmrun::testing;

namespace {

// "" if loading succeeds, else "<kind>: <message>".
std::string load_error(const Bytes& b, const LoadOptions& options = {}) {
  try {
    CompiledModule::from_binary(b, Features::v2(), options);
  } catch (const Error& e) {
    return std::string(error_kind_name(e.kind())) + ": " + e.what();
  }
  return "";
}

const Bytes kGood = {0x41, 0x07, 0x0B};                 // i32.const 7
const Bytes kTypeMismatch = {0x42, 0x01, 0x0B};         // i64.const 1 for an i32 result
const Bytes kCallsBad = {0x10, 0x01, 0x0B};             // call 1
const Bytes kIllegalOpcode = {0x41, 0x01, 0x06, 0x0B};  // 0x06 (try) is not 2.0
const Bytes kTrailing = {0x41, 0x01, 0x0B, 0x01};       // a nop after the final end
const Bytes kUnknownLocal = {0x20, 0x05, 0x0B};         // local.get 5

}  // namespace

TEST_CASE("lazy validation: an invalid body is rejected eagerly by default", "[lazy]") {
  Bytes b = build({{"good", kGood}, {"bad", kTypeMismatch}});
  CHECK(load_error(b) == "invalid: type mismatch");
  CHECK(load_error(b, LoadOptions{}) == "invalid: type mismatch");
  CHECK_FALSE(CompiledModule::from_binary(build({{"good", kGood}}), Features::v2())->load_options().lazy_validation);
}

TEST_CASE("lazy validation: the module loads; the invalid function fails when called", "[lazy]") {
  Bytes b = build({{"good", kGood}, {"bad", kTypeMismatch}, {"calls_bad", kCallsBad}});
  auto module = CompiledModule::from_binary(b, Features::v2(), lazy());
  CHECK(module->load_options().lazy_validation);
  Store store;
  Instance* inst = store.instantiate(*module, Imports{});

  uint32_t r = 0;
  CHECK(call(store, inst, "good", &r) == "");
  CHECK(r == 7);
  CHECK(call(store, inst, "bad") == "invalid: type mismatch");
  CHECK(call(store, inst, "bad") == "invalid: type mismatch");  // every call, not only the first
  CHECK(call(store, inst, "calls_bad") == "invalid: type mismatch");
  r = 0;
  CHECK(call(store, inst, "good", &r) == "");  // the store is still usable
  CHECK(r == 7);

  // A second store shares the module's compiled code and its checks.
  Store other;
  Instance* inst2 = other.instantiate(*module, Imports{});
  CHECK(call(other, inst2, "bad") == "invalid: type mismatch");
  CHECK(call(other, inst2, "good", &r) == "");
}

TEST_CASE("lazy validation: malformed bodies fail on call, as malformed", "[lazy]") {
  SECTION("illegal opcode") {
    Bytes b = build({{"good", kGood}, {"bad", kIllegalOpcode}});
    CHECK(load_error(b) == "malformed: illegal opcode");
    auto module = CompiledModule::from_binary(b, Features::v2(), lazy());
    Store store;
    Instance* inst = store.instantiate(*module, Imports{});
    CHECK(call(store, inst, "good") == "");
    CHECK(call(store, inst, "bad") == "malformed: illegal opcode");
  }
  SECTION("bytes after the final end") {
    Bytes b = build({{"good", kGood}, {"bad", kTrailing}});
    CHECK(load_error(b) == "malformed: section size mismatch");
    auto module = CompiledModule::from_binary(b, Features::v2(), lazy());
    Store store;
    Instance* inst = store.instantiate(*module, Imports{});
    CHECK(call(store, inst, "bad") == "malformed: section size mismatch");
  }
  SECTION("no final end") {
    Bytes b = build({{"good", kGood}, {"bad", {0x41, 0x01}}});
    CHECK(load_error(b).rfind("malformed: ", 0) == 0);
    auto module = CompiledModule::from_binary(b, Features::v2(), lazy());
    Store store;
    Instance* inst = store.instantiate(*module, Imports{});
    CHECK(call(store, inst, "bad") == "malformed: unexpected end of section or function");
  }
  SECTION("data.drop without a data count section") {
    Bytes mem = section(5, vec({{0x00, 0x01}}));
    Bytes data = section(11, vec({{0x01, 0x00}}));  // one passive, empty segment
    Bytes b = build({{"good", kGood}, {"bad", {0xFC, 0x09, 0x00, 0x0B}, 1}}, {}, {data}, {mem});
    CHECK(load_error(b) == "malformed: data count section required");
    auto module = CompiledModule::from_binary(b, Features::v2(), lazy());
    Store store;
    Instance* inst = store.instantiate(*module, Imports{});
    CHECK(call(store, inst, "good") == "");
    CHECK(call(store, inst, "bad") == "malformed: data count section required");
  }
}

TEST_CASE("lazy validation: the rest of the module is still validated at load", "[lazy]") {
  // An export of function 5, which does not exist.
  Bytes b = cat({header(), section(1, vec({functype({}, {I32})})), section(3, vec({{0x00}})),
                 section(7, vec({cat({str("f"), {0x00, 0x05}})})), section(10, vec({code_entry({0x00}, kGood)}))});
  CHECK(load_error(b) == "invalid: unknown function 5");
  CHECK(load_error(b, lazy()) == "invalid: unknown function 5");
  // A start function whose body is invalid fails instantiation.
  Bytes start = section(8, {0x01});
  Bytes s = build({{"good", kGood}, {"", {0x41, 0x01, 0x0B}, 1}}, {start});
  CHECK(load_error(s) == "invalid: type mismatch");
  auto module = CompiledModule::from_binary(s, Features::v2(), lazy());
  Store store;
  try {
    store.instantiate(*module, Imports{});
    FAIL("instantiation should fail");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Invalid);
    CHECK(std::string(e.what()) == "type mismatch");
  }
}

TEST_CASE("eager loading: a malformed body outranks an earlier invalid one", "[lazy]") {
  // One-pass loading meets the type error of function 0 first; the
  // specification's order (decoding before validation) reports function 1.
  Bytes b = build({{"a", kTypeMismatch}, {"b", kIllegalOpcode}});
  CHECK(load_error(b) == "malformed: illegal opcode");
  // A module-level error is reported before any body's.
  Bytes c = cat({header(), section(1, vec({functype({}, {I32})})), section(3, vec({{0x00}})),
                 section(7, vec({cat({str("f"), {0x00, 0x05}})})),
                 section(10, vec({code_entry({0x00}, kTypeMismatch)}))});
  CHECK(load_error(c) == "invalid: unknown function 5");
}

TEST_CASE("eager loading: big modules (several threads) report the first failing body", "[lazy]") {
  // ~1.2 MB of code: enough for parallel validation.
  Bytes filler;
  for (int i = 0; i < 200; ++i) append(filler, {0x41, 0x01, 0x1A});  // i32.const 1; drop
  Bytes ok = cat({filler, kGood});
  std::vector<Fn> fns(2000, Fn{"", ok});
  fns[0].export_name = "first";
  fns[1999].export_name = "last";
  CHECK(load_error(build(fns)) == "");

  std::vector<Fn> bad = fns;
  bad[1500].instrs = cat({filler, kTypeMismatch});
  bad[700].instrs = cat({filler, kUnknownLocal});
  bad[1900].instrs = cat({filler, kIllegalOpcode});
  Bytes b = build(bad);
  CHECK(load_error(b) == "malformed: illegal opcode");  // decoding comes first
  bad[1900].instrs = ok;
  b = build(bad);
  for (int i = 0; i < 5; ++i) CHECK(load_error(b) == "invalid: unknown local 5");

  // Lazily: loads, runs what is valid.
  auto module = CompiledModule::from_binary(b, Features::v2(), lazy());
  Store store;
  Instance* inst = store.instantiate(*module, Imports{});
  uint32_t r = 0;
  CHECK(call(store, inst, "first", &r) == "");
  CHECK(r == 7);
  CHECK(call(store, inst, "last", &r) == "");
}

TEST_CASE("lazy validation: from_file and from_text take the option", "[lazy]") {
  Bytes b = build({{"good", kGood}, {"bad", kTypeMismatch}});
  auto file = std::make_unique<TempFile>(b);
  try {
    CompiledModule::from_file(file->path(), Features::v2());
    FAIL("eager from_file should fail");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Invalid);
  }
  auto module = CompiledModule::from_file(file->path(), Features::v2(), lazy());
  file.reset();  // the module keeps what it needs of a file removed after loading
  Store store;
  Instance* inst = store.instantiate(*module, Imports{});
  CHECK(call(store, inst, "good") == "");
  CHECK(call(store, inst, "bad") == "invalid: type mismatch");

  const char* wat = R"((module
    (func (export "good") (result i32) i32.const 7)
    (func (export "bad") (result i32) i64.const 1)))";
  CHECK_THROWS_AS(CompiledModule::from_text(wat, Features::v2()), Error);
  auto text = CompiledModule::from_text(wat, Features::v2(), lazy());
  Store store2;
  Instance* inst2 = store2.instantiate(*text, Imports{});
  CHECK(call(store2, inst2, "good") == "");
  CHECK(call(store2, inst2, "bad") == "invalid: type mismatch");
}
