// Input-controlled nesting, 100,000 deep in every form the text and binary
// formats have: nothing recurses on the host stack, so each either loads
// and runs or fails with a one-line error (never a stack overflow).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "loader/text/wast.h"
#include "loader/text/wat.h"
#include "test_interp_util.h"
#include "wasmrun/error.h"

using namespace wasmrun;
using namespace wasmrun::test;
using Bytes = std::vector<uint8_t>;

namespace {

constexpr int kDeep = 100000;

std::string repeat(std::string_view s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// The i32 result of export "f" of the module in `wat`.
uint32_t run_wat(const std::string& wat) {
  Store store;
  return invoke_i32(store, instantiate_wat(store, wat), "f");
}

std::string wat_func(const std::string& body) {
  return "(module (func (export \"f\") (result i32)\n" + body + "))";
}

void put_leb(Bytes& out, uint64_t v) {
  do {
    uint8_t b = v & 0x7F;
    v >>= 7;
    out.push_back(b | (v ? 0x80 : 0));
  } while (v);
}

void put_section(Bytes& out, uint8_t id, const Bytes& content) {
  out.push_back(id);
  put_leb(out, content.size());
  out.insert(out.end(), content.begin(), content.end());
}

// A binary module with one function () -> i32, exported as "f", whose
// body (without locals, with its final `end`) is `code`.
Bytes binary_func(const Bytes& code) {
  Bytes m = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  put_section(m, 1, {0x01, 0x60, 0x00, 0x01, 0x7F});
  put_section(m, 3, {0x01, 0x00});
  put_section(m, 7, {0x01, 0x01, 'f', 0x00, 0x00});
  Bytes body = {0x00};  // no locals
  body.insert(body.end(), code.begin(), code.end());
  Bytes sec = {0x01};
  put_leb(sec, body.size());
  sec.insert(sec.end(), body.begin(), body.end());
  put_section(m, 10, sec);
  return m;
}

// `open` n times, then `middle`, then `close` n times, then `tail`.
Bytes nest(const Bytes& open, int n, const Bytes& middle, const Bytes& close, const Bytes& tail) {
  Bytes out;
  for (int i = 0; i < n; ++i) out.insert(out.end(), open.begin(), open.end());
  out.insert(out.end(), middle.begin(), middle.end());
  for (int i = 0; i < n; ++i) out.insert(out.end(), close.begin(), close.end());
  out.insert(out.end(), tail.begin(), tail.end());
  return out;
}

uint32_t run_binary(const Bytes& bytes) {
  Store store;
  auto module = CompiledModule::from_binary(std::span<const uint8_t>(bytes), store.features());
  return invoke_i32(store, store.instantiate(*module, Imports{}), "f");
}

Failure binary_failure(const Bytes& bytes) {
  return failure_of([&] {
    Store store;
    auto module = CompiledModule::from_binary(std::span<const uint8_t>(bytes), store.features());
    store.instantiate(*module, Imports{});
  });
}

Failure text_failure(const std::string& wat) {
  return failure_of([&] { wat_to_binary(wat, Features::v2()); });
}

}  // namespace

TEST_CASE("text: 100k-deep plain block, loop and if", "[deep][text]") {
  CHECK(run_wat(wat_func(repeat("block\n", kDeep) + repeat("end\n", kDeep) + "i32.const 7")) == 7);
  CHECK(run_wat(wat_func(repeat("loop\n", kDeep) + repeat("end\n", kDeep) + "i32.const 8")) == 8);
  CHECK(run_wat(wat_func(repeat("i32.const 1 if\n", kDeep) + "i32.const 0 drop " +
                         repeat("else end\n", kDeep) + "i32.const 9")) == 9);
  // Labelled, with a branch from the innermost block to the outermost
  // (resolved by name, then as a depth).
  CHECK(run_wat(wat_func("block $out (result i32) " + repeat("block $b\n", kDeep) + "i32.const 5 br $out " +
                         repeat("end $b\n", kDeep) + "i32.const 6 end")) == 5);
  CHECK(run_wat(wat_func("block (result i32) " + repeat("block\n", kDeep) + "i32.const 4 br " +
                         std::to_string(kDeep) + repeat(" end", kDeep) + " i32.const 6 end")) == 4);
}

TEST_CASE("text: 100k-deep folded block, loop and if", "[deep][text]") {
  CHECK(run_wat(wat_func(repeat("(block ", kDeep) + repeat(")", kDeep) + " i32.const 7")) == 7);
  CHECK(run_wat(wat_func(repeat("(loop ", kDeep) + repeat(")", kDeep) + " i32.const 8")) == 8);
  // Nested in the then branch, and in the else branch.
  CHECK(run_wat(wat_func(repeat("(if (i32.const 1) (then ", kDeep) + repeat("))", kDeep) + " i32.const 9")) == 9);
  CHECK(run_wat(wat_func(repeat("(if (i32.const 0) (then) (else ", kDeep) + repeat("))", kDeep) +
                         " i32.const 10")) == 10);
  // Nested in the condition: each if yields its condition.
  CHECK(run_wat(wat_func(repeat("(if (result i32) ", kDeep) + "(i32.const 1)" +
                         repeat(" (then (i32.const 1)) (else (i32.const 0)))", kDeep))) == 1);
}

TEST_CASE("text: 100k-deep folded expressions", "[deep][text]") {
  CHECK(run_wat(wat_func(repeat("(i32.add (i32.const 1) ", kDeep) + "(i32.const 7)" + repeat(")", kDeep))) ==
        kDeep + 7);
  // An even number of eqz leaves eqz(eqz(7)) = 1.
  CHECK(run_wat(wat_func(repeat("(i32.eqz ", kDeep) + "(i32.const 7)" + repeat(")", kDeep))) == 1);
}

TEST_CASE("text: 100k-deep malformed nesting fails with line:column", "[deep][text]") {
  Failure unclosed = text_failure(wat_func(repeat("(block ", kDeep)));
  CHECK(unclosed.kind == ErrorKind::Malformed);
  CHECK(unclosed.message.find("unclosed (") != std::string::npos);
  Failure no_end = text_failure("(func " + repeat("block\n", kDeep) + ")");
  CHECK(no_end.kind == ErrorKind::Malformed);
  CHECK(no_end.where == std::to_string(kDeep + 1) + ":1");  // at the `)`, after the last block
  Failure bad_op = text_failure(wat_func(repeat("(i32.eqz ", kDeep) + "(i32.bogus)" + repeat(")", kDeep)));
  CHECK(bad_op.message == "unknown operator i32.bogus");
  CHECK(bad_op.where == "2:" + std::to_string(kDeep * 9 + 2));
  Failure parens = text_failure(repeat("(", kDeep) + repeat(")", kDeep));
  CHECK(parens.message == "unexpected token, expected a module field");
  CHECK(parens.where == "1:2");
  // Not a constant expression (2.0 has no extended constants): invalid, not a crash.
  Failure global = failure_of([&] {
    Store store(Features::v2());
    instantiate_wat(store, "(module (global i32 " + repeat("(i32.add (i32.const 1) ", kDeep) + "(i32.const 7)" +
                               repeat(")", kDeep) + "))");
  });
  CHECK(global.kind == ErrorKind::Invalid);
  CHECK(global.message.find("constant expression required") != std::string::npos);
}

TEST_CASE("wast: 100k-deep quoted modules and commands", "[deep][text]") {
  wast::Script script = wast::parse_script(
      "(module quote \"(func (export \\\"f\\\") (result i32) " + repeat("(block ", kDeep) + repeat(")", kDeep) +
          " i32.const 7)\")\n(assert_return (invoke \"f\") (i32.const 7))",
      Features::v2());
  REQUIRE(script.commands.size() == 2);
  REQUIRE(script.commands[0].module.form == wast::ScriptModule::Form::Quote);
  CHECK(run_wat(script.commands[0].module.quote) == 7);
  Failure deep_command = failure_of([&] {
    wast::parse_script("(assert_return " + repeat("(", kDeep) + repeat(")", kDeep) + ")", Features::v2());
  });
  CHECK(deep_command.kind == ErrorKind::Malformed);
  CHECK(deep_command.message == "unexpected token, expected invoke or get");
  CHECK(deep_command.where == "1:17");
  Failure deep_module = failure_of([&] { wast::parse_script("(module " + repeat("(", kDeep), Features::v2()); });
  CHECK(deep_module.kind == ErrorKind::Malformed);
}

TEST_CASE("binary: 100k-deep block, loop and if", "[deep][binary]") {
  const Bytes end = {0x0B};
  CHECK(run_binary(binary_func(nest({0x02, 0x40}, kDeep, {}, end, {0x41, 0x07, 0x0B}))) == 7);
  CHECK(run_binary(binary_func(nest({0x03, 0x40}, kDeep, {}, end, {0x41, 0x08, 0x0B}))) == 8);
  CHECK(run_binary(binary_func(nest({0x41, 0x01, 0x04, 0x40}, kDeep, {}, {0x05, 0x0B}, {0x41, 0x09, 0x0B}))) ==
        9);
  // if/else yielding a value through 100k levels, the taken arm the else.
  CHECK(run_binary(binary_func(nest({0x41, 0x00, 0x04, 0x7F, 0x41, 0x00, 0x05}, kDeep, {0x41, 0x0A},
                                    end, {0x0B}))) == 10);
  // br and br_table from the innermost block to the outermost.
  Bytes br = {0x41, 0x05, 0x0C};
  put_leb(br, kDeep);
  CHECK(run_binary(binary_func(nest({0x02, 0x7F}, 1, nest({0x02, 0x40}, kDeep, br, end, {0x41, 0x06}), end,
                                    {0x0B}))) == 5);
  Bytes table = {0x41, 0x04, 0x41, 0x00, 0x0E, 0x01};
  put_leb(table, kDeep);
  put_leb(table, kDeep);  // the default: every target must have the same arity
  CHECK(run_binary(binary_func(nest({0x02, 0x7F}, 1, nest({0x02, 0x40}, kDeep, table, end, {0x41, 0x06}), end,
                                    {0x0B}))) == 4);
}

TEST_CASE("binary: 100k-deep invalid and truncated bodies fail cleanly", "[deep][binary]") {
  // Missing one end: the body runs out inside the nesting.
  Failure truncated = binary_failure(binary_func(nest({0x02, 0x40}, kDeep, {}, {0x0B}, {})));
  CHECK(truncated.thrown);
  CHECK(truncated.kind != ErrorKind::Usage);
  // A type mismatch at the innermost level.
  Failure mismatch = binary_failure(binary_func(nest({0x02, 0x40}, kDeep, {0x41, 0x01}, {0x0B}, {0x41, 0x07, 0x0B})));
  CHECK(mismatch.kind == ErrorKind::Invalid);
  CHECK(mismatch.message.find("type mismatch") != std::string::npos);
  // A branch one level past the function's label.
  Bytes br = {0x0C};
  put_leb(br, kDeep + 1);
  Failure label = binary_failure(binary_func(nest({0x02, 0x40}, kDeep, br, {0x0B}, {0x41, 0x07, 0x0B})));
  CHECK(label.kind == ErrorKind::Invalid);
  CHECK(label.message.find("unknown label") != std::string::npos);
}
