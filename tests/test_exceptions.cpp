// Exception handling (docs/EXCEPTIONS.md): throw, try_table, legacy try,
// unwinding across frames, instances and host functions, exception
// lifetime, and what the embedder sees of an uncaught exception.
#include <string>

#include "interp/exec/exceptions.h"
#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

Features with_exceptions() {
  Features f = Features::v2();
  f.exceptions = true;
  return f;
}

}  // namespace

TEST_CASE("exceptions: a catch 1000 frames up takes the payload", "[exceptions]") {
  Store store(with_exceptions());
  Instance* inst = instantiate_wat(store, R"(
(module
  (tag $e (param i64 i32))
  (func $down (param $n i32) (result i32)
    (if (i32.eqz (local.get $n)) (then (throw $e (i64.const 40) (i32.const 7))))
    (i32.add (call $down (i32.sub (local.get $n) (i32.const 1))) (i32.const 1)))
  (func (export "run") (param i32) (result i64)
    (block $h (result i64 i32)
      (try_table (catch $e $h) (drop (call $down (local.get 0))))
      (return (i64.const -1)))
    (i64.add (i64.extend_i32_u)))
))");
  CHECK(invoke_i64(store, inst, "run", {Value::from_i32(1000)}) == 47);
  CHECK(invoke_i64(store, inst, "run", {Value::from_i32(0)}) == 47);
}

TEST_CASE("exceptions: a million throws and catches run in bounded memory", "[exceptions]") {
  Store store(with_exceptions());
  Instance* inst = instantiate_wat(store, R"(
(module
  (tag $e (param i32))
  (func $thrower (param i32) (throw $e (local.get 0)))
  (func (export "loop") (param $n i32) (result i32)
    (local $sum i32) (local $keep exnref)
    (loop $l
      (block $h (result i32 exnref)
        (try_table (catch_ref $e $h) (call $thrower (local.get $n)))
        (unreachable))
      (local.set $keep)
      (local.set $sum (i32.add (local.get $sum)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $sum))
))");
  // 1 + 2 + ... + 1000000, wrapped to 32 bits.
  CHECK(invoke_i32(store, inst, "loop", {Value::from_i32(1000000)}) ==
        static_cast<uint32_t>(uint64_t{1000000} * 1000001 / 2));
  // Only the exceptions made since the last collection remain.
  REQUIRE(store.impl().exceptions);
  CHECK(store.impl().exceptions->size() < 4096);
}

TEST_CASE("exceptions: a host function's exception is caught in wasm", "[exceptions][host]") {
  Store store(with_exceptions());
  Tag* tag = store.new_tag({ValType::I32});
  Imports imports;
  imports.add("env", "e", tag);
  imports.add("env", "fail", store.host_func({{ValType::I32}, {}},
      [tag](HostCall&, std::span<const Value> args, std::span<Value>) {
        throw Exception(tag, {Value::from_i32(args[0].i32 * 3)});
      }));
  Instance* inst = instantiate_wat(store, R"(
(module
  (import "env" "e" (tag $e (param i32)))
  (import "env" "fail" (func $fail (param i32)))
  (func (export "run") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $fail (local.get 0)))
      (i32.const -1)))
))", imports);
  CHECK(invoke_i32(store, inst, "run", {Value::from_i32(14)}) == 42);
}

TEST_CASE("exceptions: the embedder sees an uncaught exception's tag and payload", "[exceptions]") {
  Store store(with_exceptions());
  Instance* inst = instantiate_wat(store, R"(
(module
  (tag $e (export "e") (param i32 f64))
  (func (export "run") (throw $e (i32.const 5) (f64.const 2.5)))
))");
  Tag* tag = inst->tag("e");
  REQUIRE(tag != nullptr);
  CHECK(tag->type().params == std::vector<ValType>{ValType::I32, ValType::F64});
  bool caught = false;
  try {
    store.call(inst->func("run"), {});
  } catch (const Exception& e) {
    caught = true;
    CHECK(e.kind() == ErrorKind::Exception);
    CHECK(std::string(e.what()) == "uncaught exception");
    CHECK(e.tag() == tag);
    REQUIRE(e.payload().size() == 2);
    CHECK(e.payload()[0].i32 == 5);
    CHECK(e.payload()[1].f64 == 2.5);
  }
  CHECK(caught);
  // The store stays usable.
  CHECK(failure_of([&] { store.call(inst->func("run"), {}); }).kind == ErrorKind::Exception);
}

TEST_CASE("exceptions: a caught exnref is thrown again and caught again", "[exceptions]") {
  Store store(with_exceptions());
  Instance* inst = instantiate_wat(store, R"(
(module
  (tag $e (param i32))
  (func (export "run") (param i32) (result i32)
    (local $x exnref)
    (block $h1 (result i32 exnref)
      (try_table (catch_ref $e $h1) (throw $e (local.get 0)))
      (unreachable))
    (local.set $x)
    (drop)
    (block $h2 (result i32)
      (try_table (catch $e $h2) (throw_ref (local.get $x)))
      (unreachable))
    (i32.const 1)
    (i32.add))
  (func (export "legacy") (param i32) (result i32)
    (try (result i32)
      (do
        (try (do (throw $e (local.get 0)))
          (catch $e (drop) (rethrow 0)))
        (i32.const 0))
      (catch $e (i32.const 100) (i32.add))))
  (func (export "null") (throw_ref (ref.null exn)))
))");
  CHECK(invoke_i32(store, inst, "run", {Value::from_i32(41)}) == 42);
  CHECK(invoke_i32(store, inst, "legacy", {Value::from_i32(5)}) == 105);
  Failure f = failure_of([&] { invoke(store, inst, "null"); });
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "null exception reference");
}

TEST_CASE("exceptions: an exception crosses from an inner instance to an outer one", "[exceptions]") {
  Store store(with_exceptions());
  Instance* inner = instantiate_wat(store, R"(
(module
  (tag $e (export "e") (param i32))
  (func (export "throw") (param i32) (throw $e (i32.mul (local.get 0) (i32.const 2))))
))");
  Imports imports;
  imports.add_instance("inner", *inner);
  Instance* outer = instantiate_wat(store, R"(
(module
  (import "inner" "e" (tag $e (param i32)))
  (import "inner" "throw" (func $throw (param i32)))
  (memory 1)
  (func (export "run") (param i32) (result i32)
    (i32.store (i32.const 0) (i32.const 9))
    (block $h (result i32)
      (try_table (catch $e $h) (call $throw (local.get 0)))
      (i32.const -1))
    (i32.load (i32.const 0))
    (i32.add))
))", imports);
  CHECK(invoke_i32(store, outer, "run", {Value::from_i32(10)}) == 29);
}

TEST_CASE("exceptions: the feature flag gates the syntax", "[exceptions]") {
  Store store(Features::v2());
  Failure f = failure_of([&] { instantiate_wat(store, "(module (tag $e))"); });
  CHECK(f.kind == ErrorKind::Malformed);
}

namespace {

// The error of loading `wat` with the 3.0 profile (thrown false if it loads).
Error load_error_of(const char* wat, bool& thrown) {
  thrown = false;
  try {
    CompiledModule::from_text(wat, Features::v3());
  } catch (const Error& e) {
    thrown = true;
    return e;
  }
  return Error(ErrorKind::Usage, "");
}

}  // namespace

TEST_CASE("exceptions: a try_table clause's values match its label's types by subtyping", "[exceptions][validate]") {
  bool thrown = false;
  // (ref $t) is given where (ref null $t) is taken; (ref exn) where exnref is.
  load_error_of(R"((module (type $t (func)) (tag $e (param (ref $t)))
    (func (result (ref null $t))
      (block $l (result (ref null $t)) (try_table (catch $e $l) (unreachable)) (unreachable)))
    (func (result exnref)
      (block $l (result exnref) (try_table (catch_all_ref $l) (unreachable)) (unreachable)))
    (func (result (ref exn))
      (block $l (result (ref exn)) (try_table (catch_all_ref $l) (unreachable)) (unreachable)))))",
                thrown);
  CHECK_FALSE(thrown);
  // Not the other way round.
  Error e = load_error_of(R"((module (type $t (func)) (tag $e (param (ref null $t)))
    (func (result (ref $t))
      (block $l (result (ref $t)) (try_table (catch $e $l) (unreachable)) (unreachable)))))",
                          thrown);
  REQUIRE(thrown);
  CHECK(e.kind() == ErrorKind::Invalid);
  CHECK(std::string(e.message()) == "type mismatch");
}

TEST_CASE("exceptions: throw's operands are the tag's parameters, in the reference interpreter's words",
          "[exceptions][validate]") {
  bool thrown = false;
  Error e = load_error_of("(module (tag (param i32)) (func (i64.const 5) (throw 0)))", thrown);
  REQUIRE(thrown);
  CHECK(std::string(e.message()) == "type mismatch");
  CHECK(e.detail() == "instruction requires [i32] but stack has [i64] (tag 0's parameters)");
  e = load_error_of("(module (tag (param i32 f32)) (func (throw 0)))", thrown);
  REQUIRE(thrown);
  CHECK(e.detail() == "instruction requires [i32 f32] but stack has [] (tag 0's parameters)");
  // A legacy try's end with a value too many.
  e = load_error_of("(module (tag) (func (try (do) (catch 0 (i32.const 42)))))", thrown);
  REQUIRE(thrown);
  CHECK(e.detail() == "block requires [] but stack has [i32] (at the end of the block)");
}

TEST_CASE("validation: a table's initializer sees the imported globals only", "[validate][typed-refs]") {
  bool thrown = false;
  Error e = load_error_of("(module (global $g funcref (ref.null func)) (table $t 10 funcref (global.get $g)))", thrown);
  REQUIRE(thrown);
  CHECK(e.kind() == ErrorKind::Invalid);
  CHECK(std::string(e.message()) == "unknown global 0");
  load_error_of(R"((module (global $g (import "m" "g") funcref) (table $t 10 funcref (global.get $g))))", thrown);
  CHECK_FALSE(thrown);
}
