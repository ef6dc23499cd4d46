// The validator: each rule with the message the test suite expects.
#include <catch2/catch.hpp>

#include <string>

#include "loader/decoder.h"
#include "loader/validator.h"
#include "tests/wasm_bytes.h"
#include "wasmrun/error.h"

using namespace wasmrun;
using namespace wasmrun::testing;

namespace {

// "" when the module decodes and validates; else the Invalid message.
std::string invalid(const Bytes& b) {
  Module m = decode_module(b, Features::v2());
  try {
    validate_module(m, Features::v2());
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Invalid) return std::string("wrong kind: ") + e.what();
    return e.what();
  }
  return "";
}

const Bytes kMemory = section(5, vec({{0x00, 0x01}}));
const Bytes kTable = section(4, vec({{FUNCREF, 0x00, 0x01}}));

}  // namespace

TEST_CASE("validator: operand types", "[validator]") {
  CHECK(invalid(func_module({}, {I32}, {0x41, 0x01, 0x0B})) == "");
  CHECK(invalid(func_module({}, {I32}, {0x42, 0x01, 0x0B})) == "type mismatch");         // i64 for i32
  CHECK(invalid(func_module({}, {I32}, {0x0B})) == "type mismatch");                     // missing result
  CHECK(invalid(func_module({}, {}, {0x41, 0x01, 0x0B})) == "type mismatch");            // extra value
  CHECK(invalid(func_module({}, {}, {0x6A, 0x1A, 0x0B})) == "type mismatch");            // i32.add on empty
  CHECK(invalid(func_module({I32, F32}, {F32}, {0x20, 0x01, 0x0B})) == "");
  CHECK(invalid(func_module({}, {}, {0x20, 0x00, 0x1A, 0x0B})) == "unknown local 0");
  CHECK(invalid(func_module({}, {}, {0x20, 0x01, 0x1A, 0x0B}, {}, {0x01, 0x02, I64})) == "");
  CHECK(invalid(func_module({}, {}, {0x20, 0x01, 0x1A, 0x0B}, {}, {0x01, 0x01, I64})) == "unknown local 1");
}

TEST_CASE("validator: unreachable code is stack-polymorphic", "[validator]") {
  CHECK(invalid(func_module({}, {I32}, {0x00, 0x0B})) == "");
  CHECK(invalid(func_module({}, {I32}, {0x00, 0x6A, 0x0B})) == "");                   // i32.add of unknowns
  CHECK(invalid(func_module({}, {I32}, {0x00, 0x42, 0x00, 0x6A, 0x0B})) == "type mismatch");
  CHECK(invalid(func_module({}, {}, {0x00, 0x1B, 0x1A, 0x0B})) == "");                 // select of unknowns
  CHECK(invalid(func_module({}, {I32}, {0x0F, 0x42, 0x00, 0x0B})) == "type mismatch"); // return, then i64
}

TEST_CASE("validator: blocks, branches and multi-value", "[validator]") {
  // block (result i32) i32.const 1 end
  CHECK(invalid(func_module({}, {I32}, {0x02, I32, 0x41, 0x01, 0x0B, 0x0B})) == "");
  // block (result i32) end: nothing left
  CHECK(invalid(func_module({}, {I32}, {0x02, I32, 0x0B, 0x0B})) == "type mismatch");
  // A type-index block type: [i32 i32] -> [i32] with type 1.
  Bytes types = section(1, vec({functype({}, {I32}), functype({I32, I32}, {I32})}));
  Bytes m = cat({header(), types, section(3, vec({{0x00}})),
                 section(10, vec({code_entry({0x00}, {0x41, 0x01, 0x41, 0x02, 0x02, 0x01, 0x6A, 0x0B, 0x0B})}))});
  CHECK(invalid(m) == "");
  Bytes bad_index = cat({header(), types, section(3, vec({{0x00}})),
                         section(10, vec({code_entry({0x00}, {0x02, 0x05, 0x0B, 0x00, 0x0B})}))});
  CHECK(invalid(bad_index) == "unknown type 5");
  CHECK(invalid(func_module({}, {}, {0x0C, 0x01, 0x0B})) == "unknown label 1");
  // br 0 out of a (result i32) block with an f32 on the stack.
  CHECK(invalid(func_module({}, {I32}, {0x02, I32, 0x43, 0, 0, 0, 0, 0x0C, 0x00, 0x0B, 0x0B})) == "type mismatch");
  // br_table with targets of different arities.
  CHECK(invalid(func_module({}, {}, {0x02, I32, 0x41, 0x00, 0x41, 0x00, 0x0E, 0x01, 0x00, 0x01, 0x0B, 0x1A, 0x0B})) ==
        "type mismatch");
  CHECK(invalid(func_module({}, {}, {0x02, 0x40, 0x41, 0x00, 0x0E, 0x01, 0x00, 0x01, 0x0B, 0x0B})) == "");
  // if without else must not change the stack type.
  CHECK(invalid(func_module({}, {I32}, {0x41, 0x01, 0x04, I32, 0x41, 0x01, 0x0B, 0x0B})) == "type mismatch");
  CHECK(invalid(func_module({}, {I32}, {0x41, 0x01, 0x04, I32, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0B, 0x0B})) == "");
  // loop labels take the loop's parameters: br 0 to a loop (result i32) needs nothing.
  CHECK(invalid(func_module({}, {I32}, {0x03, I32, 0x0C, 0x00, 0x0B, 0x0B})) == "");
}

TEST_CASE("validator: select", "[validator]") {
  CHECK(invalid(func_module({}, {I64}, {0x42, 0x01, 0x42, 0x02, 0x41, 0x00, 0x1B, 0x0B})) == "");
  CHECK(invalid(func_module({}, {}, {0x42, 0x01, 0x41, 0x02, 0x41, 0x00, 0x1B, 0x1A, 0x0B})) == "type mismatch");
  // Untyped select is for numbers and vectors only.
  CHECK(invalid(func_module({}, {}, {0xD0, 0x70, 0xD0, 0x70, 0x41, 0x00, 0x1B, 0x1A, 0x0B})) == "type mismatch");
  CHECK(invalid(func_module({}, {}, {0xD0, 0x70, 0xD0, 0x70, 0x41, 0x00, 0x1C, 0x01, FUNCREF, 0x1A, 0x0B})) == "");
  CHECK(invalid(func_module({}, {}, {0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0x1C, 0x02, I32, I32, 0x1A, 0x0B})) ==
        "invalid result arity");
}

TEST_CASE("validator: calls", "[validator]") {
  CHECK(invalid(func_module({}, {}, {0x10, 0x00, 0x0B})) == "");
  CHECK(invalid(func_module({}, {}, {0x10, 0x01, 0x0B})) == "unknown function 1");
  CHECK(invalid(func_module({}, {}, {0x41, 0x00, 0x11, 0x00, 0x00, 0x0B}, {kTable})) == "");
  CHECK(invalid(func_module({}, {}, {0x41, 0x00, 0x11, 0x00, 0x00, 0x0B})) == "unknown table 0");
  CHECK(invalid(func_module({}, {}, {0x41, 0x00, 0x11, 0x03, 0x00, 0x0B}, {kTable})) == "unknown type 3");
  Bytes extern_table = section(4, vec({{EXTERNREF, 0x00, 0x01}}));
  CHECK(invalid(func_module({}, {}, {0x41, 0x00, 0x11, 0x00, 0x00, 0x0B}, {extern_table})) == "type mismatch");
}

TEST_CASE("validator: globals", "[validator]") {
  Bytes imm = section(6, vec({{I32, 0x00, 0x41, 0x00, 0x0B}}));
  Bytes mut = section(6, vec({{I32, 0x01, 0x41, 0x00, 0x0B}}));
  CHECK(invalid(func_module({}, {}, {0x41, 0x00, 0x24, 0x00, 0x0B}, {mut})) == "");
  CHECK(invalid(func_module({}, {}, {0x41, 0x00, 0x24, 0x00, 0x0B}, {imm})) == "global is immutable");
  CHECK(invalid(func_module({}, {}, {0x23, 0x01, 0x1A, 0x0B}, {imm})) == "unknown global 1");
  // Initialisers: constant, of the declared type, naming imported globals only.
  CHECK(invalid(module({section(6, vec({{I32, 0x00, 0x42, 0x00, 0x0B}}))})) == "type mismatch");
  CHECK(invalid(module({section(6, vec({{I32, 0x00, 0x41, 0x00, 0x41, 0x00, 0x6A, 0x0B}}))})) ==
        "constant expression required");
  CHECK(invalid(module({section(6, vec({{I32, 0x00, 0x0B}}))})) == "type mismatch");
  CHECK(invalid(module({section(6, vec({{I32, 0x00, 0x41, 0x00, 0x0B}, {I32, 0x00, 0x23, 0x00, 0x0B}}))})) ==
        "unknown global 0");
  Bytes imported_mut = section(2, vec({cat({str("m"), str("g"), {0x03, I32, 0x01}})}));
  CHECK(invalid(module({imported_mut, section(6, vec({{I32, 0x00, 0x23, 0x00, 0x0B}}))})) ==
        "constant expression required");
  Bytes imported = section(2, vec({cat({str("m"), str("g"), {0x03, I32, 0x00}})}));
  CHECK(invalid(module({imported, section(6, vec({{I32, 0x00, 0x23, 0x00, 0x0B}}))})) == "");
}

TEST_CASE("validator: memory instructions", "[validator]") {
  Bytes load = {0x41, 0x00, 0x28, 0x02, 0x00, 0x1A, 0x0B};  // i32.load align=4
  CHECK(invalid(func_module({}, {}, load, {kMemory})) == "");
  CHECK(invalid(func_module({}, {}, load)) == "unknown memory 0");
  CHECK(invalid(func_module({}, {}, {0x41, 0x00, 0x28, 0x03, 0x00, 0x1A, 0x0B}, {kMemory})) ==
        "alignment must not be larger than natural");
  CHECK(invalid(func_module({}, {}, {0x41, 0x00, 0x2C, 0x01, 0x00, 0x1A, 0x0B}, {kMemory})) ==
        "alignment must not be larger than natural");  // i32.load8_s align=2
  CHECK(invalid(func_module({}, {}, {0x3F, 0x00, 0x1A, 0x0B})) == "unknown memory 0");
  CHECK(invalid(func_module({}, {I32}, {0x41, 0x01, 0x40, 0x00, 0x0B}, {kMemory})) == "");
  CHECK(invalid(module({section(5, vec({{0x00, 0x01}, {0x00, 0x01}}))})) == "multiple memories");
  CHECK(invalid(module({section(5, vec({{0x01, 0x02, 0x01}}))})) == "size minimum must not be greater than maximum");
  CHECK(invalid(module({section(5, vec({cat({{0x00}, uleb(65537)})}))})) ==
        "memory size must be at most 65536 pages (4GiB)");
  CHECK(invalid(module({section(5, vec({cat({{0x00}, uleb(65536)})}))})) == "");
}

TEST_CASE("validator: bulk memory and table instructions", "[validator]") {
  Bytes init = {0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, 0x0B};
  CHECK(invalid(func_module({}, {}, init, {kMemory, section(12, {0x00})})) == "unknown data segment 0");
  CHECK(invalid(func_module({}, {}, {0xFC, 0x09, 0x00, 0x0B}, {section(12, {0x00})})) == "unknown data segment 0");
  CHECK(invalid(func_module({}, {}, {0xFC, 0x0D, 0x00, 0x0B})) == "unknown elem segment 0");
  Bytes passive_extern = section(9, vec({cat({{0x05, EXTERNREF}, vec({{0xD0, 0x6F, 0x0B}})})}));
  Bytes table_init = {0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0C, 0x00, 0x00, 0x0B};
  CHECK(invalid(func_module({}, {}, table_init, {passive_extern})) == "unknown table 0");
  CHECK(invalid(func_module({}, {}, table_init, {kTable, passive_extern})) == "type mismatch");
  CHECK(invalid(func_module({}, {I32}, {0xFC, 0x10, 0x00, 0x0B}, {kTable})) == "");  // table.size
  CHECK(invalid(func_module({}, {}, {0x41, 0x00, 0x25, 0x00, 0x1A, 0x0B})) == "unknown table 0");
  // table.set of an externref into a funcref table.
  CHECK(invalid(func_module({}, {}, {0x41, 0x00, 0xD0, 0x6F, 0x26, 0x00, 0x0B}, {kTable})) == "type mismatch");
}

TEST_CASE("validator: references", "[validator]") {
  CHECK(invalid(func_module({}, {}, {0xD2, 0x00, 0x1A, 0x0B})) == "undeclared function reference");
  Bytes declare = section(9, vec({cat({{0x03, 0x00}, vec({{0x00}})})}));
  CHECK(invalid(func_module({}, {}, {0xD2, 0x00, 0x1A, 0x0B}, {declare})) == "");
  Bytes exported = section(7, vec({cat({str("f"), {0x00, 0x00}})}));
  CHECK(invalid(func_module({}, {}, {0xD2, 0x00, 0x1A, 0x0B}, {exported})) == "");
  CHECK(invalid(func_module({}, {I32}, {0xD0, 0x70, 0xD1, 0x0B})) == "");
  CHECK(invalid(func_module({}, {I32}, {0x41, 0x00, 0xD1, 0x0B})) == "type mismatch");
}

TEST_CASE("validator: SIMD lanes", "[validator]") {
  Bytes v0 = cat({{0xFD, 0x0C}, Bytes(16, 0)});  // v128.const 0
  CHECK(invalid(func_module({}, {I32}, cat({v0, {0xFD, 0x15, 0x0F, 0x0B}}))) == "");  // i8x16.extract_lane_s 15
  CHECK(invalid(func_module({}, {I32}, cat({v0, {0xFD, 0x15, 0x10, 0x0B}}))) == "invalid lane index");
  CHECK(invalid(func_module({}, {I64}, cat({v0, {0xFD, 0x1D, 0x02, 0x0B}}))) == "invalid lane index");
  Bytes shuffle = cat({v0, v0, {0xFD, 0x0D}, Bytes(15, 0), {32}, {0x0B}});
  CHECK(invalid(func_module({}, {V128}, shuffle)) == "invalid lane index");
  // v128.load32_lane lane 4 of 4.
  CHECK(invalid(func_module({}, {V128}, cat({{0x41, 0x00}, v0, {0xFD, 0x56, 0x02, 0x00, 0x04, 0x0B}}), {kMemory})) ==
        "invalid lane index");
  CHECK(invalid(func_module({}, {V128}, cat({{0x41, 0x00}, v0, {0xFD, 0x56, 0x02, 0x00, 0x03, 0x0B}}), {kMemory})) ==
        "");
  CHECK(invalid(func_module({}, {V128}, cat({v0, v0, {0xFD, 0x6E, 0x0B}}))) == "");  // i8x16.add
  CHECK(invalid(func_module({}, {V128}, cat({v0, {0x41, 0x00, 0xFD, 0x6E, 0x0B}}))) == "type mismatch");
}

TEST_CASE("validator: module-level rules", "[validator]") {
  Bytes exports = section(7, vec({cat({str("a"), {0x00, 0x00}}), cat({str("a"), {0x00, 0x00}})}));
  CHECK(invalid(func_module({}, {}, {0x0B}, {exports})) == "duplicate export name");
  CHECK(invalid(func_module({}, {}, {0x0B}, {section(7, vec({cat({str("a"), {0x02, 0x00}})}))})) ==
        "unknown memory 0");
  CHECK(invalid(func_module({}, {}, {0x0B}, {section(8, {0x00})})) == "");
  CHECK(invalid(func_module({}, {}, {0x0B}, {section(8, {0x01})})) == "unknown function 1");
  CHECK(invalid(func_module({I32}, {}, {0x0B}, {section(8, {0x00})})) == "start function");
  CHECK(invalid(module({section(1, vec({functype({}, {})})), section(3, vec({{0x01}})),
                        section(10, vec({code_entry({0x00}, {0x0B})}))})) == "unknown type 1");
  CHECK(invalid(module({section(4, vec({{FUNCREF, 0x01, 0x02, 0x01}}))})) ==
        "size minimum must not be greater than maximum");
  // An active element segment of externrefs into a funcref table.
  Bytes elem = section(9, vec({cat({{0x06, 0x00, 0x41, 0x00, 0x0B, EXTERNREF}, vec({{0xD0, 0x6F, 0x0B}})})}));
  CHECK(invalid(func_module({}, {}, {0x0B}, {kTable, elem})) == "type mismatch");
  Bytes elem_no_table = section(9, vec({cat({{0x00, 0x41, 0x00, 0x0B}, vec({{0x00}})})}));
  CHECK(invalid(func_module({}, {}, {0x0B}, {elem_no_table})) == "unknown table 0");
  Bytes data_no_memory = section(11, vec({cat({{0x00, 0x41, 0x00, 0x0B}, str("x")})}));
  CHECK(invalid(cat({func_module({}, {}, {0x0B}), data_no_memory})) == "unknown memory 0");
}
