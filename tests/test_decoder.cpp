// The binary decoder: a full module's IR, error messages, and robustness
// against truncated, corrupted and lying input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>

#include "loader/decoder.h"
#include "loader/validator.h"
#include "tests/wasm_bytes.h"
#include "wasmrun/error.h"

using namespace wasmrun;
using namespace wasmrun::testing;

namespace {

// The message of the Malformed error decoding `b` throws ("" if none).
std::string malformed(const Bytes& b) {
  try {
    decode_module(b, Features::v2());
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Malformed) return std::string("wrong kind: ") + e.what();
    return e.what();
  }
  return "";
}

// A module using every section, as a list of sections so that the tests
// know where section boundaries fall.
std::vector<Bytes> full_module_sections() {
  Bytes i32_const_0 = {0x41, 0x00, 0x0B};
  Bytes name_payload = cat({str("name"),
                            section(0, str("mod")),                           // module name
                            section(1, vec({cat({uleb(1), str("add")})}))});  // function 1 = "add"
  return {
      header(),
      section(1, vec({functype({}, {}), functype({I32, I32}, {I32})})),
      section(2, vec({cat({str("env"), str("f"), {0x00, 0x00}}),                  // func, type 0
                      cat({str("env"), str("g"), {0x03, I64, 0x00}})})),          // global i64 const
      section(3, vec({{0x01}, {0x00}})),
      section(4, vec({{FUNCREF, 0x01, 0x01, 0x08}})),                            // table 1..8
      section(5, vec({{0x00, 0x02}})),                                            // memory 2
      section(6, vec({cat({{I32, 0x01}, {0x41, 0x2A, 0x0B}})})),                  // mut i32 = 42
      section(7, vec({cat({str("add"), {0x00, 0x01}}), cat({str("mem"), {0x02, 0x00}})})),
      section(8, uleb(2)),
      section(9, vec({cat({{0x00}, i32_const_0, vec({{0x01}, {0x02}})}),         // active, funcs 1 2
                      cat({{0x05, FUNCREF}, vec({{0xD0, 0x70, 0x0B}})})})),       // passive, ref.null
      section(12, uleb(2)),
      section(10, vec({code_entry({0x00}, {0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B}),  // local.get 0 1, add
                       code_entry({0x02, 0x02, I64, 0x01, F32}, {0x0B})})),
      section(11, vec({cat({{0x00}, i32_const_0, str("hi")}), cat({{0x01}, str("xyz")})})),
      section(0, name_payload),
  };
}

Bytes full_module() {
  Bytes out;
  for (const Bytes& s : full_module_sections()) append(out, s);
  return out;
}

}  // namespace

TEST_CASE("decoder: a module using every section", "[decoder]") {
  Bytes bytes = full_module();
  Module m = decode_module(bytes, Features::v2());
  CHECK(m.bytes == bytes);
  REQUIRE(m.types.size() == 2);
  CHECK(m.types[1].params == std::vector<ValType>{ValType::I32, ValType::I32});
  CHECK(m.types[1].results == std::vector<ValType>{ValType::I32});

  REQUIRE(m.imports.size() == 2);
  CHECK(m.imports[0].module == "env");
  CHECK(m.imports[0].name == "f");
  CHECK(m.imports[1].kind == ExternKind::Global);
  CHECK(m.imports[1].global.type == ValType::I64);
  CHECK(m.num_imported_funcs == 1);
  CHECK(m.num_imported_globals == 1);
  CHECK(m.func_types == std::vector<uint32_t>{0, 1, 0});

  REQUIRE(m.tables.size() == 1);
  CHECK(m.all_tables.size() == 1);
  CHECK(m.tables[0].limits.min == 1);
  CHECK(m.tables[0].limits.has_max);
  CHECK(m.tables[0].limits.max == 8);
  REQUIRE(m.all_memories.size() == 1);
  CHECK(m.all_memories[0].limits.min == 2);
  CHECK_FALSE(m.all_memories[0].limits.has_max);

  REQUIRE(m.globals.size() == 1);
  CHECK(m.globals[0].type.mut);
  CHECK(m.globals[0].init.code == Bytes{0x41, 0x2A, 0x0B});
  CHECK(m.all_globals.size() == 2);

  REQUIRE(m.exports.size() == 2);
  CHECK(m.exports[1].name == "mem");
  CHECK(m.exports[1].kind == ExternKind::Memory);
  CHECK(m.start == 2u);

  REQUIRE(m.elems.size() == 2);
  CHECK(m.elems[0].mode == SegmentMode::Active);
  CHECK(m.elems[0].offset.code == Bytes{0x41, 0x00, 0x0B});
  REQUIRE(m.elems[0].items.size() == 2);
  CHECK(m.elems[0].items[1].code == Bytes{0xD2, 0x02, 0x0B});  // stored as ref.func 2
  CHECK(m.elems[1].mode == SegmentMode::Passive);
  CHECK(m.elems[1].items[0].code == Bytes{0xD0, 0x70, 0x0B});

  CHECK(m.data_count == 2u);
  REQUIRE(m.functions.size() == 2);
  const Function& add = m.functions[0];
  CHECK(add.type_index == 1);
  CHECK(add.num_locals == 0);
  CHECK(std::vector<uint8_t>(m.body(add).begin(), m.body(add).end()) == Bytes{0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B});
  const Function& f2 = m.functions[1];
  REQUIRE(f2.locals.size() == 2);
  CHECK(f2.locals[0].count == 2);
  CHECK(f2.locals[0].type == ValType::I64);
  CHECK(f2.num_locals == 3);
  CHECK(f2.body_size == 1);

  REQUIRE(m.datas.size() == 2);
  CHECK(std::string(m.data(m.datas[0]).begin(), m.data(m.datas[0]).end()) == "hi");
  CHECK(m.datas[1].mode == SegmentMode::Passive);
  CHECK(std::string(m.data(m.datas[1]).begin(), m.data(m.datas[1]).end()) == "xyz");

  REQUIRE(m.customs.size() == 1);
  CHECK(m.customs[0].name == "name");
  CHECK(m.module_name == "mod");
  CHECK(m.func_names.at(1) == "add");

  validate_module(m, Features::v2());
}

TEST_CASE("decoder: every truncation is malformed, never a crash", "[decoder]") {
  std::vector<Bytes> sections = full_module_sections();
  Bytes bytes = full_module();
  // Cutting at a section boundary may leave a valid module (only before the
  // function section or without an unmatched data count).
  std::vector<size_t> boundaries;
  size_t at = 0;
  for (const Bytes& s : sections) boundaries.push_back(at += s.size());
  for (size_t len = 0; len < bytes.size(); ++len) {
    INFO("prefix length " << len);
    Bytes prefix(bytes.begin(), bytes.begin() + static_cast<long>(len));
    try {
      decode_module(prefix, Features::v2());
      CHECK(std::find(boundaries.begin(), boundaries.end(), len) != boundaries.end());
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::Malformed);
    }
  }
}

TEST_CASE("decoder: random corruption throws wasmrun::Error or decodes", "[decoder]") {
  Bytes original = full_module();
  std::mt19937 rng(12345);
  int decoded = 0, rejected = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    Bytes b = original;
    int flips = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < flips; ++k) b[rng() % b.size()] = static_cast<uint8_t>(rng());
    try {
      Module m = decode_module(b, Features::v2());
      validate_module(m, Features::v2());
      ++decoded;
    } catch (const Error& e) {
      CHECK((e.kind() == ErrorKind::Malformed || e.kind() == ErrorKind::Invalid));
      ++rejected;
    }
  }
  CHECK(decoded + rejected == 20000);
  CHECK(rejected > 0);
}

TEST_CASE("decoder: huge counts in tiny files fail without allocating", "[decoder]") {
  Bytes huge = uleb(0xFFFFFFFFu);
  // Each would demand gigabytes if the count drove an allocation; a
  // std::bad_alloc would escape as a non-wasmrun exception and fail here.
  CHECK(malformed(module({section(1, huge)})).starts_with("unexpected end"));
  CHECK(malformed(module({section(2, huge)})).starts_with("unexpected end"));
  CHECK(malformed(module({section(3, huge)})).starts_with("unexpected end"));
  CHECK(malformed(module({section(4, huge)})).starts_with("unexpected end"));
  CHECK(malformed(module({section(6, huge)})).starts_with("unexpected end"));
  CHECK(malformed(module({section(7, huge)})).starts_with("unexpected end"));
  CHECK(malformed(module({section(9, huge)})).starts_with("unexpected end"));
  CHECK(malformed(module({section(10, huge)})).starts_with("unexpected end"));
  CHECK(malformed(module({section(11, huge)})).starts_with("unexpected end"));
  // Function type with 2^32-1 parameters.
  CHECK(malformed(module({section(1, cat({uleb(1), {0x60}, huge}))})).starts_with("unexpected end"));
  // br_table with 2^32-1 targets.
  CHECK(malformed(func_module({}, {}, cat({{0x41, 0x00, 0x0E}, huge, {0x0B}}))).starts_with("unexpected end"));
  // 2^32-1 local runs, and 2^32-1 locals in one run.
  CHECK(malformed(func_module({}, {}, {0x0B}, {}, huge)).starts_with("unexpected end"));
  CHECK(malformed(func_module({}, {}, {0x0B}, {}, cat({{0x01}, huge, {I32}}))) == "too many locals");
  CHECK(malformed(func_module({}, {}, {0x0B}, {}, cat({{0x02}, huge, {I32}, huge, {I32}}))) == "too many locals");
}

TEST_CASE("decoder: header and section framing messages", "[decoder]") {
  CHECK(malformed({}) == "unexpected end");
  CHECK(malformed({0x00, 0x61, 0x73}) == "unexpected end");
  CHECK(malformed({0x01, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}) == "magic header not detected");
  CHECK(malformed({0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00}) == "unknown binary version");
  CHECK(malformed({0x00, 0x61, 0x73, 0x6D, 0x01, 0x00}) == "unexpected end");
  CHECK(malformed(module({{0x0D, 0x00}})) == "malformed section id");
  CHECK(malformed(module({{0x01, 0x05, 0x00}})) == "length out of bounds");
  CHECK(malformed(module({section(1, {0x00, 0x00})})) == "section size mismatch");
  CHECK(malformed(module({section(1, {0x00}), section(1, {0x00})})) == "unexpected content after last section");
  CHECK(malformed(module({section(3, {0x00}), section(1, {0x00})})) == "unexpected content after last section");
  // The data count section goes between element and code.
  CHECK(malformed(module({section(10, {0x00}), section(12, {0x00})})) == "unexpected content after last section");
  CHECK(malformed(module({section(1, vec({functype({}, {})})), section(3, vec({{0x00}}))})) ==
        "function and code section have inconsistent lengths");
  CHECK(malformed(module({section(12, {0x01})})) == "data count and data section have inconsistent lengths");
  CHECK(malformed(module({section(12, {0x01}), section(11, {0x00})})) ==
        "data count and data section have inconsistent lengths");
  CHECK(malformed(module({section(0, cat({{0x02}, {0xC0, 0x80}}))})) == "malformed UTF-8 encoding");
}

TEST_CASE("decoder: malformed entries", "[decoder]") {
  CHECK(malformed(module({section(2, vec({cat({str("a"), str("b"), {0x04}})}))})) == "malformed import kind");
  CHECK(malformed(module({section(2, vec({cat({str("a"), str("b"), {0x03, I32, 0x02}})}))})) ==
        "malformed mutability");
  CHECK(malformed(module({section(4, vec({{0x71, 0x00, 0x00}}))})) == "malformed reference type");
  CHECK(malformed(module({section(5, vec({{0x02, 0x00}}))})) == "integer too large");
  CHECK(malformed(module({section(5, vec({{0x81, 0x00}}))})) == "integer representation too long");
  CHECK(malformed(module({section(9, vec({{0x08}}))})) == "malformed elements segment kind");
  CHECK(malformed(module({section(7, vec({cat({str("e"), {0x04, 0x00}})}))})) == "malformed export kind");
  // memory.grow's reserved byte, an unknown opcode, a missing end.
  Bytes mem = section(5, vec({{0x00, 0x01}}));
  CHECK(malformed(func_module({}, {}, {0x41, 0x00, 0x40, 0x01, 0x1A, 0x0B}, {mem})) == "zero byte expected");
  CHECK(malformed(func_module({}, {}, {0x06, 0x0B})) == "illegal opcode");
  CHECK(malformed(func_module({}, {}, {0xFD, 0xFF, 0x0F, 0x0B})) == "illegal opcode");
  CHECK(malformed(func_module({}, {}, {0x01})).starts_with("unexpected end"));
  CHECK(malformed(func_module({}, {}, {0x0B, 0x0B})) == "section size mismatch");
  // An alignment exponent of 32 or more cannot be encoded in 2.0.
  CHECK(malformed(func_module({}, {}, {0x41, 0x00, 0x28, 0x20, 0x00, 0x1A, 0x0B}, {mem})) == "malformed memop flags");
  // else outside an if, and a second else.
  CHECK(malformed(func_module({}, {}, {0x02, 0x40, 0x05, 0x0B, 0x0B})) == "END opcode expected");
  CHECK(malformed(func_module({}, {}, {0x41, 0x00, 0x04, 0x40, 0x05, 0x05, 0x0B, 0x0B})) == "END opcode expected");
  // A global initialiser running into the next section.
  CHECK(malformed(module({section(6, {0x01, I32, 0x00, 0x41, 0x00}), section(10, {0x00})})) == "illegal opcode");
  // memory.init without a data count section.
  CHECK(malformed(func_module({}, {}, {0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, 0x0B}, {mem})) ==
        "data count section required");
}

TEST_CASE("decoder: all element segment encodings", "[decoder]") {
  Bytes off = {0x41, 0x03, 0x0B};
  Bytes seg_items = vec({{0x00}});
  Bytes expr_items = vec({{0xD2, 0x00, 0x0B}});
  Bytes elems = section(9, vec({
      cat({{0x00}, off, seg_items}),                        // 0: active table 0, func indices
      cat({{0x01, 0x00}, seg_items}),                       // 1: passive, elemkind
      cat({{0x02, 0x00}, off, {0x00}, seg_items}),          // 2: active explicit table
      cat({{0x03, 0x00}, seg_items}),                       // 3: declarative
      cat({{0x04}, off, expr_items}),                       // 4: active table 0, exprs
      cat({{0x05, EXTERNREF}, vec({{0xD0, 0x6F, 0x0B}})}),  // 5: passive, reftype
      cat({{0x06, 0x00}, off, {FUNCREF}, expr_items}),      // 6: active explicit, reftype
      cat({{0x07, FUNCREF}, expr_items}),                   // 7: declarative, reftype
  }));
  Module m = decode_module(func_module({}, {}, {0x0B}, {section(4, vec({{FUNCREF, 0x00, 0x05}})), elems}),
                           Features::v2());
  REQUIRE(m.elems.size() == 8);
  const SegmentMode modes[] = {SegmentMode::Active,  SegmentMode::Passive, SegmentMode::Active,
                               SegmentMode::Declarative, SegmentMode::Active, SegmentMode::Passive,
                               SegmentMode::Active,  SegmentMode::Declarative};
  for (size_t i = 0; i < 8; ++i) {
    INFO("segment " << i);
    CHECK(m.elems[i].mode == modes[i]);
    REQUIRE(m.elems[i].items.size() == 1);
    if (m.elems[i].mode == SegmentMode::Active) CHECK(m.elems[i].offset.code == off);
  }
  CHECK(m.elems[5].type == ValType::ExternRef);
  CHECK(m.elems[0].items[0].code == Bytes{0xD2, 0x00, 0x0B});
  validate_module(m, Features::v2());
}

TEST_CASE("decoder: data segment encodings and data count", "[decoder]") {
  Bytes mem = section(5, vec({{0x00, 0x01}}));
  Bytes datas = section(11, vec({cat({{0x00, 0x41, 0x01, 0x0B}, str("a")}), cat({{0x01}, str("bc")}),
                                 cat({{0x02, 0x00, 0x41, 0x02, 0x0B}, str("def")})}));
  Module m = decode_module(cat({func_module({}, {}, {0x0B}, {mem, section(12, {0x03})}), datas}), Features::v2());
  REQUIRE(m.datas.size() == 3);
  CHECK(m.datas[0].mode == SegmentMode::Active);
  CHECK(m.datas[1].mode == SegmentMode::Passive);
  CHECK(m.datas[2].memory_index == 0);
  CHECK(m.datas[2].offset.code == Bytes{0x41, 0x02, 0x0B});
  CHECK(m.datas[2].data_size == 3);
  CHECK(m.data_count == 3u);
}

TEST_CASE("decoder: a malformed name section is ignored", "[decoder]") {
  Bytes bad_names = section(0, cat({str("name"), {0x00, 0x09, 0x05, 'a'}}));  // module name cut short
  Module m = decode_module(module({bad_names}), Features::v2());
  CHECK(m.module_name.empty());
  REQUIRE(m.customs.size() == 1);
  CHECK(m.customs[0].size == 4);
  Bytes bad_utf8 = section(0, cat({str("name"), section(0, {0x01, 0xFF})}));
  CHECK_NOTHROW(decode_module(module({bad_utf8}), Features::v2()));
}
