// Errors that say where (wasmrun::Error's location and detail): the
// function, the offset of the failing instruction or field, the
// instruction, the types expected and found, line:column in text; and that
// the message itself stays the specification's text.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "tests/wasm_bytes.h"
#include "wasmrun/wasmrun.h"

using namespace wasmrun;
using namespace wasmrun::testing;

namespace {

// The error loading `b` (eagerly) throws; fails the test if none.
Error load_error(const Bytes& b, const LoadOptions& options = {}) {
  try {
    CompiledModule::from_binary(b, Features::v2(), options);
  } catch (const Error& e) {
    return e;
  }
  FAIL("the module loaded");
  return Error(ErrorKind::Usage, "");
}

Error text_error(const std::string& wat) {
  try {
    CompiledModule::from_text(wat, Features::v2());
  } catch (const Error& e) {
    return e;
  }
  FAIL("the module loaded: " << wat);
  return Error(ErrorKind::Usage, "");
}

// The detail of the type mismatch loading `wat` with the 3.0 profile.
std::string mismatch_3_0(const std::string& wat) {
  try {
    CompiledModule::from_text(wat, Features::v3());
  } catch (const Error& e) {
    CHECK(std::string(e.message()) == "type mismatch");
    return e.detail();
  }
  FAIL("the module loaded: " << wat);
  return "";
}

// Where a func_module's body starts: its code section comes last.
uint64_t body_start(const Bytes& module, const Bytes& instrs) { return module.size() - instrs.size(); }

const Bytes kMemory = section(5, vec({{0x00, 0x01}}));

}  // namespace

TEST_CASE("error locations: an operand type mismatch names function, offset, instruction and types",
          "[errors][validator]") {
  const Bytes instrs = {0x41, 0x01, 0x6A, 0x0B};  // i32.const 1, i32.add, end
  const Bytes b = func_module({}, {I32}, instrs);
  Error e = load_error(b);
  CHECK(e.kind() == ErrorKind::Invalid);
  CHECK(std::string(e.what()) == "type mismatch");  // the spec's text alone
  CHECK(std::string(e.message()) == "type mismatch");
  REQUIRE(e.location().function);
  CHECK(*e.location().function == 0);
  CHECK(e.location().function_name.empty());
  REQUIRE(e.location().offset);
  CHECK(*e.location().offset == body_start(b, instrs) + 2);
  CHECK(*e.location().offset == 0x1a);
  CHECK(e.location().instruction == "i32.add");
  CHECK_FALSE(e.location().has_line());
  CHECK(e.detail() == "instruction requires [i32 i32] but stack has [i32]");
  CHECK(e.where() == "func[0] at offset 0x1a");
  CHECK(e.describe() == "func[0] at offset 0x1a: type mismatch in i32.add: instruction requires [i32 i32] but stack has [i32]");
}

TEST_CASE("error locations: wrong operand types are listed as found", "[errors][validator]") {
  // i64.const 0, f32.const 0, i32.add
  const Bytes instrs = {0x42, 0x00, 0x43, 0x00, 0x00, 0x00, 0x00, 0x6A, 0x1A, 0x0B};
  const Bytes b = func_module({}, {}, instrs);
  Error e = load_error(b);
  CHECK(*e.location().offset == body_start(b, instrs) + 7);
  CHECK(e.detail() == "instruction requires [i32 i32] but stack has [i64 f32]");
}

TEST_CASE("error locations: block and function results", "[errors][validator]") {
  SECTION("a block's end") {
    const Bytes instrs = {0x02, 0x7F, 0x0B, 0x1A, 0x0B};  // block (result i32) end, drop
    const Bytes b = func_module({}, {}, instrs);
    Error e = load_error(b);
    CHECK(std::string(e.what()) == "type mismatch");
    CHECK(*e.location().offset == body_start(b, instrs) + 2);
    CHECK(e.location().instruction == "end");
    CHECK(e.detail() == "instruction requires [i32] but stack has [] (at the end of the block)");
  }
  SECTION("values left below a block's results") {
    const Bytes instrs = {0x02, 0x40, 0x41, 0x01, 0x0B, 0x0B};  // block i32.const 1 end
    const Bytes b = func_module({}, {}, instrs);
    Error e = load_error(b);
    CHECK(*e.location().offset == body_start(b, instrs) + 4);
    CHECK(e.detail() == "block requires [] but stack has [i32] (at the end of the block)");
  }
  SECTION("the function's end") {
    const Bytes instrs = {0x43, 0x00, 0x00, 0x80, 0x3F, 0x0B};  // f32.const 1
    const Bytes b = func_module({}, {I32}, instrs);
    Error e = load_error(b);
    CHECK(*e.location().offset == body_start(b, instrs) + 5);
    CHECK(e.detail() == "instruction requires [i32] but stack has [f32] (at the end of the function)");
  }
  SECTION("a branch") {
    const Bytes instrs = {0x02, 0x7E, 0x41, 0x00, 0x0C, 0x00, 0x0B, 0x1A, 0x0B};  // block (result i64) i32.const 0 br 0
    const Bytes b = func_module({}, {}, instrs);
    Error e = load_error(b);
    CHECK(*e.location().offset == body_start(b, instrs) + 4);
    CHECK(e.location().instruction == "br");
    CHECK(e.detail() == "instruction requires [i64] but stack has [i32] (for label 0)");
  }
}

TEST_CASE("error locations: unknown indices give the size of the index space", "[errors][validator]") {
  SECTION("local") {
    const Bytes instrs = {0x20, 0x05, 0x1A, 0x0B};
    const Bytes b = func_module({I32}, {}, instrs);
    Error e = load_error(b);
    CHECK(std::string(e.what()) == "unknown local 5");
    CHECK(*e.location().offset == body_start(b, instrs));
    CHECK(e.location().instruction == "local.get");
    CHECK(e.detail() == "the function has 1 local");
  }
  SECTION("label") {
    const Bytes instrs = {0x0C, 0x01, 0x0B};
    Error e = load_error(func_module({}, {}, instrs));
    CHECK(std::string(e.what()) == "unknown label 1");
    CHECK(e.detail() == "1 label is in scope");
  }
  SECTION("function") {
    const Bytes instrs = {0x10, 0x03, 0x0B};
    Error e = load_error(func_module({}, {}, instrs));
    CHECK(std::string(e.what()) == "unknown function 3");
    CHECK(e.location().instruction == "call");
    CHECK(e.detail() == "the module has 1 function");
  }
  SECTION("memory") {
    const Bytes instrs = {0x3F, 0x00, 0x1A, 0x0B};  // memory.size
    Error e = load_error(func_module({}, {}, instrs));
    CHECK(std::string(e.what()) == "unknown memory 0");
    CHECK(e.detail() == "the module has 0 memories");
  }
  SECTION("a type, in the function section") {
    // The function section's entry names type 7, at offset 0x11: after the
    // header (8 bytes), the type section (6) and the section's id, size, count.
    const Bytes b = cat({header(), section(1, vec({functype({}, {})})), section(3, vec({{0x07}})),
                         section(10, vec({code_entry({0x00}, {0x0B})}))});
    Error e = load_error(b);
    CHECK(std::string(e.what()) == "unknown type 7");
    CHECK_FALSE(e.location().function);
    CHECK(*e.location().offset == 0x11);
    CHECK(e.detail() == "the module has 1 type");
  }
}

TEST_CASE("error locations: immutable globals and alignment", "[errors][validator]") {
  SECTION("global.set of an immutable global") {
    const Bytes global = section(6, vec({{I32, 0x00, 0x41, 0x00, 0x0B}}));
    const Bytes instrs = {0x41, 0x00, 0x24, 0x00, 0x0B};
    const Bytes b = func_module({}, {}, instrs, {global});
    Error e = load_error(b);
    CHECK(std::string(e.what()) == "global is immutable");
    CHECK(*e.location().offset == body_start(b, instrs) + 2);
    CHECK(e.location().instruction == "global.set");
    CHECK(e.detail() == "global 0");
  }
  SECTION("alignment larger than natural") {
    const Bytes instrs = {0x41, 0x00, 0x28, 0x03, 0x00, 0x1A, 0x0B};  // i32.load align=2^3
    const Bytes b = func_module({}, {}, instrs, {kMemory});
    Error e = load_error(b);
    CHECK(std::string(e.what()) == "alignment must not be larger than natural");
    CHECK(*e.location().offset == body_start(b, instrs) + 2);
    CHECK(e.location().instruction == "i32.load");
    CHECK(e.detail() == "2^3 for an access of 4 bytes");
  }
}

TEST_CASE("error locations: the function index counts imports; names come from exports and the name section",
          "[errors][validator]") {
  const Bytes types = section(1, vec({functype({}, {})}));
  const Bytes imports = section(2, vec({cat({str("env"), str("g"), {0x00, 0x00}})}));
  const Bytes funcs = section(3, vec({{0x00}}));
  const Bytes code = section(10, vec({code_entry({0x00}, {0x6A, 0x0B})}));  // i32.add on nothing
  SECTION("unnamed") {
    Error e = load_error(cat({header(), types, imports, funcs, code}));
    CHECK(*e.location().function == 1);
    CHECK(e.location().function_name.empty());
    CHECK(e.detail() == "instruction requires [i32 i32] but stack has []");
  }
  SECTION("exported") {
    const Bytes exports = section(7, vec({cat({str("run"), {0x00, 0x01}})}));
    Error e = load_error(cat({header(), types, imports, funcs, exports, code}));
    CHECK(e.location().function_name == "export \"run\"");
    CHECK(e.where().rfind("func[1] (export \"run\") at offset 0x", 0) == 0);
  }
  SECTION("named by the name section") {
    const Bytes names =
        section(0, cat({str("name"), section(1, vec({cat({uleb(1), str("compute")})}))}));
    Error e = load_error(cat({header(), types, imports, funcs, code, names}));
    CHECK(e.location().function_name == "$compute");
  }
}

TEST_CASE("error locations: lazy validation reports the function when it is called", "[errors][lazy]") {
  const Bytes instrs = {0x41, 0x01, 0x6A, 0x0B};
  const Bytes b = func_module({}, {I32}, instrs, {section(7, vec({cat({str("f"), {0x00, 0x00}})}))});
  LoadOptions lazy;
  lazy.lazy_validation = true;
  auto module = CompiledModule::from_binary(b, Features::v2(), lazy);
  Store store;
  Instance* inst = store.instantiate(*module, Imports{});
  std::optional<Error> err;
  try {
    store.call(inst->func("f"), {});
  } catch (const Error& e) {
    err = e;
  }
  REQUIRE(err);
  CHECK(*err->location().offset == body_start(b, instrs) + 2);
  CHECK(err->describe() ==
        "func[0] (export \"f\") at offset 0x21: type mismatch in i32.add: instruction requires [i32 i32] but stack has [i32]");
}

TEST_CASE("error locations: decode errors give the offset of the field", "[errors][decoder]") {
  SECTION("a section longer than the module") {
    const Bytes b = cat({header(), {0x01, 0x05}});
    Error e = load_error(b);
    CHECK(e.kind() == ErrorKind::Malformed);
    CHECK(std::string(e.what()) == "length out of bounds");
    CHECK(*e.location().offset == 9);  // the size, after the section id
    CHECK(e.detail() == "section size 5, 0 bytes left");
    CHECK(e.describe() == "offset 0x9: length out of bounds: section size 5, 0 bytes left");
  }
  SECTION("an illegal opcode in a body") {
    const Bytes instrs = {0x01, 0x27, 0x0B};  // nop, (0x27: no instruction), end
    const Bytes b = func_module({}, {}, instrs);
    Error e = load_error(b);
    CHECK(std::string(e.what()) == "illegal opcode");
    CHECK(*e.location().function == 0);
    CHECK(*e.location().offset == body_start(b, instrs) + 1);
    CHECK(e.detail() == "0x27");
  }
  SECTION("an over-long LEB128 immediate names its instruction") {
    const Bytes instrs = {0x20, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1A, 0x0B};  // local.get, 6-byte index
    const Bytes b = func_module({I32}, {}, instrs);
    Error e = load_error(b);
    CHECK(std::string(e.what()) == "integer representation too long");
    CHECK(*e.location().offset == body_start(b, instrs) + 1);  // the integer's first byte
    CHECK(e.location().instruction == "local.get");
  }
  SECTION("the version") {
    Error e = load_error({0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00});
    CHECK(std::string(e.what()) == "unknown binary version");
    CHECK(*e.location().offset == 4);
    CHECK(e.detail() == "version 2");
  }
}

TEST_CASE("error locations: text errors keep line and column", "[errors][text]") {
  Error e = text_error("(module\n  (func (result i32)\n    i32.bogus))");
  CHECK(e.kind() == ErrorKind::Malformed);
  CHECK(std::string(e.what()) == "unknown operator i32.bogus");  // no position in the message
  CHECK(e.location().line == 3);
  CHECK(e.location().column == 5);
  CHECK_FALSE(e.location().offset);
  CHECK(e.describe() == "3:5: unknown operator i32.bogus");

  Error utf8 = text_error("(module)\n  ;; \xFF\n");
  CHECK(std::string(utf8.what()) == "malformed UTF-8 encoding");
  CHECK(utf8.where() == "2:6");  // the bad byte, not the start of the text
}

TEST_CASE("error locations: a text module's validation error is located in its binary", "[errors][text]") {
  Error e = text_error(R"((module (func (export "f") (result i32) (i32.add (i32.const 1)))))");
  CHECK(e.describe() ==
        "func[0] (export \"f\") at offset 0x21: type mismatch in i32.add: instruction requires [i32 i32] but stack has [i32]");
}

TEST_CASE("error locations: 3.0 instructions list the types they take", "[errors][validator]") {
  // Addresses and table indices of 64-bit memories and tables are i64.
  CHECK(mismatch_3_0("(module (memory i64 1) (func (param i32) (drop (v128.load (local.get 0)))))") ==
        "instruction requires [i64] but stack has [i32]");
  CHECK(mismatch_3_0("(module (memory i64 1) (func (param i32)"
                     " (memory.fill (local.get 0) (i32.const 0) (i32.const 0))))") ==
        "instruction requires [i64 i32 i64] but stack has [i32 i32 i32]");
  CHECK(mismatch_3_0("(module (table i64 1 funcref) (func (drop (table.get 0 (i32.const 0)))))") ==
        "instruction requires [i64] but stack has [i32]");
  CHECK(mismatch_3_0("(module (table $a i64 1 funcref) (table $b 1 funcref)"
                     " (func (table.copy $a $b (i32.const 0) (i32.const 0) (i32.const 0))))") ==
        "instruction requires [i64 i32 i32] but stack has [i32 i32 i32]");
  // Typed references.
  CHECK(mismatch_3_0("(module (type $t (func (param i32))) (func (param (ref $t))"
                     " (i64.const 1) (local.get 0) (call_ref $t)))") ==
        "instruction requires [i32 (ref null 0)] but stack has [i64 (ref 0)]"
        " (the parameters of type 0 and a reference to it)");
  CHECK(mismatch_3_0("(module (func (param i32) (drop (ref.as_non_null (local.get 0)))))") ==
        "instruction requires a reference but stack has [i32]");
  CHECK(mismatch_3_0("(module (func (param i64) (result i32)"
                     " (block (result i32) (br_on_null 0 (local.get 0) (ref.null func))) (drop) (i32.const 0)))") ==
        "instruction requires [i32] but stack has [i64] (for label 0, below the reference)");
}
