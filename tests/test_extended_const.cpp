// Extended constant expressions: integer add, sub and mul, and global.get
// of earlier globals (global initializers) or of any global (segment
// offsets), as 3.0 allows and 2.0 does not; long expressions evaluate
// without recursion.
#include <cstdint>
#include <string>

#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

TEST_CASE("extended const: arithmetic on imported and earlier globals", "[interp][const]") {
  Store store(Features::all());
  Imports imports;
  Global* base = store.new_global({ValType::I32, false}, Value::from_i32(1000));
  imports.add("env", "base", base);
  Instance* inst = instantiate_wat(store, R"(
(module
  (import "env" "base" (global $base i32))
  (global $a i32 (i32.add (global.get $base) (i32.const 24)))          ;; 1024
  (global $b i32 (i32.mul (global.get $a) (i32.sub (i32.const 0) (i32.const 2))))  ;; -2048
  (global $c i64 (i64.sub (i64.mul (i64.const 0x100000000) (i64.const 0x100000000)) (i64.const 1)))  ;; wraps to -1
  (memory 1)
  (data (i32.add (global.get $a) (i32.const 4)) "\2a")                ;; at 1028
  (table 8 funcref)
  (elem (i32.sub (global.get $a) (i32.const 1019)) $f)                 ;; at 5
  (func $f (result i32) (i32.const 9))
  (func (export "a") (result i32) (global.get $a))
  (func (export "b") (result i32) (global.get $b))
  (func (export "c") (result i64) (global.get $c))
  (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "elem") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
))", imports);
  CHECK(invoke_i32(store, inst, "a") == 1024);
  CHECK(invoke_i32(store, inst, "b") == static_cast<uint32_t>(-2048));
  CHECK(invoke_i64(store, inst, "c") == UINT64_MAX);
  CHECK(invoke_i32(store, inst, "byte", {i32(1028)}) == 42);
  CHECK(invoke_i32(store, inst, "elem", {i32(5)}) == 9);
}

TEST_CASE("extended const: what 2.0 and 3.0 reject", "[interp][const][validate]") {
  auto load = [](const std::string& wat, const Features& f) {
    return failure_of([&] { CompiledModule::from_text(wat, f); });
  };
  const std::string earlier = "(module (global i32 (i32.const 1)) (global i32 (global.get 0)))";
  CHECK_FALSE(load(earlier, Features::all()).thrown);
  Failure v2 = load(earlier, Features::v2());
  CHECK(v2.kind == ErrorKind::Invalid);
  CHECK(v2.message == "unknown global 0");
  Failure add_v2 = load("(module (global i32 (i32.add (i32.const 1) (i32.const 2))))", Features::v2());
  CHECK(add_v2.message == "constant expression required");

  // A later global, a mutable one, an operator that is not constant, a
  // mixed-type operand, too few operands.
  Failure later = load("(module (global i32 (global.get 1)) (global i32 (i32.const 0)))", Features::all());
  CHECK(later.message == "unknown global 1");
  Failure mut = load("(module (global (mut i32) (i32.const 1)) (memory 1) (data (global.get 0) \"\"))",
                     Features::all());
  CHECK(mut.message == "constant expression required");
  Failure div = load("(module (global i32 (i32.div_u (i32.const 1) (i32.const 1))))", Features::all());
  CHECK(div.message == "constant expression required");
  Failure mixed = load("(module (global i64 (i64.add (i64.const 1) (i32.const 1))))", Features::all());
  CHECK(mixed.kind == ErrorKind::Invalid);
  CHECK(mixed.message == "type mismatch");
  Failure few = load("(module (global i32 i32.const 1 i32.add))", Features::all());
  CHECK(few.message == "type mismatch");
  Failure result = load("(module (global i32 (i64.add (i64.const 1) (i64.const 1))))", Features::all());
  CHECK(result.message == "type mismatch");
}

TEST_CASE("extended const: a long expression is evaluated without recursion", "[interp][const]") {
  // 200,000 additions in a row: 1 + 1 + ... + 1, left-nested.
  constexpr int kTerms = 200000;
  std::string wat = "(module (global $g i32 i32.const 1";
  for (int i = 1; i < kTerms; ++i) wat += " i32.const 1 i32.add";
  wat += ") (func (export \"g\") (result i32) (global.get $g)))";
  Store store(Features::all());
  Instance* inst = instantiate_wat(store, wat);
  CHECK(invoke_i32(store, inst, "g") == static_cast<uint32_t>(kTerms));
}
