// Annotations `(@id ...)`: white space to the grammar, read without
// recursion; the checks on @custom, @name and @metadata.code.branch_hint.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "loader/text/wat.h"
#include "wasmrun/error.h"

using namespace wasmrun;

namespace {

std::vector<uint8_t> wat(const std::string& s) { return wat_to_binary(s, Features::all()); }

// The message of the Malformed error, or "" when the text compiles.
std::string malformed(const std::string& s) {
  try {
    wat(s);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Malformed);
    return e.message();
  }
  return "";
}

}  // namespace

TEST_CASE("annotations are white space", "[text][annotations]") {
  const auto plain = wat("(module (func (export \"f\") (result i32) (i32.const 7)))");
  CHECK(wat("(module (@a) (func (@b x (y) \"s\" , ; [ ] { }) (export \"f\") (result i32) (@c) (i32.const 7)))") ==
        plain);
  CHECK(wat("(module (@a (;c;) ;; line\n (@nested (@deeper))) (func (export \"f\") (result i32) i32.const 7))") ==
        plain);
  CHECK(wat("(@\"quoted id\" x) (func (export \"f\") (result i32) i32.const 7)") == plain);
}

TEST_CASE("annotations nest 100k deep without recursion", "[text][annotations][deep]") {
  const int depth = 100000;
  std::string deep = "(module (@a " + std::string(depth, '(') + std::string(depth, ')') + "))";
  CHECK(wat(deep) == wat("(module)"));
  CHECK(malformed("(module (@a " + std::string(depth, '(') + "))") == "unclosed annotation");
}

TEST_CASE("malformed annotations", "[text][annotations]") {
  CHECK(malformed("(@)") == "empty annotation id");
  CHECK(malformed("(@ x)") == "empty annotation id");
  CHECK(malformed("(@\"\")") == "empty annotation id");
  CHECK(malformed("(@\"\\ef\")") == "malformed UTF-8 encoding");
  CHECK(malformed("(@x ") == "unclosed annotation");
  CHECK(malformed("(@x \"") == "unclosed string");
}

TEST_CASE("@custom: its syntax and place", "[text][annotations]") {
  CHECK(malformed("(@custom \"s\" \"bytes\" \"more\")").empty());
  CHECK(malformed("(module (@custom \"s\" (before global) \"x\") (@custom \"t\" (after func)))").empty());
  CHECK(malformed("(@custom)") == "@custom annotation: missing section name");
  CHECK(malformed("(@custom bla)") == "@custom annotation: missing section name");
  CHECK(malformed("(@custom \"\\df\")") == "@custom annotation: malformed UTF-8 encoding");
  CHECK(malformed("(@custom \"s\" x)") == "@custom annotation: unexpected token");
  CHECK(malformed("(@custom \"s\" (after))") == "@custom annotation: malformed section kind");
  CHECK(malformed("(@custom \"s\" (before types))") == "@custom annotation: malformed section kind");
  CHECK(malformed("(@custom \"s\" (type))") == "@custom annotation: malformed placement");
  CHECK(malformed("(func (@custom \"s\"))") == "misplaced @custom annotation");
  CHECK(malformed("(func (block (@custom \"s\")))") == "misplaced @custom annotation");
}

TEST_CASE("@name and branch hints: their place", "[text][annotations]") {
  CHECK(malformed("(module $m (@name \"M\") (func $f (@name \"F\")))").empty());
  CHECK(malformed("(module (@name \"M1\") (@name \"M2\"))") == "@name annotation: multiple module");
  CHECK(malformed("(module (func) (@name \"M\"))") == "misplaced @name annotation");
  CHECK(malformed("(module (start $f (@name \"M\")) (func $f))") == "misplaced @name annotation");
  CHECK(malformed("(func (param i32) (@metadata.code.branch_hint \"\\01\") (if (local.get 0) (then)))").empty());
  CHECK(malformed("(func (param i32) local.get 0 (@metadata.code.branch_hint \"\\01\") "
                  "(@metadata.code.branch_hint \"\\01\") if end)") ==
        "@metadata.code.branch_hint annotation: duplicate annotation");
  CHECK(malformed("(module (@metadata.code.branch_hint \"\\01\") (func))") ==
        "@metadata.code.branch_hint annotation: not in a function");

  CHECK(malformed("(func (param i32) local.get 0 (@metadata.code.branch_hint \"\\00\") br_if 0)").empty());
}

TEST_CASE("a branch hint on an instruction other than if and br_if makes the module invalid", "[text][annotations]") {
  // The whole script is tokenized first: the error belongs to the module,
  // when it is read, and is validation's.
  try {
    wat("(module (func (param i32) local.get 0 (@metadata.code.branch_hint \"\\01\") drop))");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Invalid);
    CHECK(std::string(e.message()) == "@metadata.code.branch_hint annotation: invalid target");
    CHECK(e.where() == "1:74");  // at drop
  }
  try {
    wat("(module (func (@metadata.code.branch_hint \"\\01\") (block)))");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Invalid);
  }
}
