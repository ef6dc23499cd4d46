// Typed function references at run time: br_on_null and br_on_non_null
// (both branches, values under the reference), the initialization rule of
// non-defaultable locals, and embedder arguments of typed reference types.
#include <catch2/catch.hpp>

#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

const char* kBrOnNull = R"((module
  (type $t (func (param i32) (result i32)))
  (elem declare func $sq)
  (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  ;; null: the branch leaves n; else the call squares it
  (func $on_null (param $n i32) (param $r (ref null $t)) (result i32)
    (block $l (result i32)
      (return (call_ref $t (br_on_null $l (local.get $n) (local.get $r))))))
  ;; non-null: the branch carries the reference out and calls it; null gives -n
  (func $on_non_null (param $n i32) (param $r (ref null $t)) (result i32)
    (call_ref $t (local.get $n)
      (block $l (result (ref $t))
        (br_on_non_null $l (local.get $r))
        (return (i32.sub (i32.const 0) (local.get $n))))))
  ;; the reference a temporary, not a local
  (func $temp (param $n i32) (param $pick i32) (result i32)
    (block $l (result i32)
      (local.get $n)
      (select (result (ref null $t)) (ref.func $sq) (ref.null $t) (local.get $pick))
      (br_on_null $l)
      (call_ref $t)))
  (func (export "null") (param i32) (result i32) (call $on_null (local.get 0) (ref.null $t)))
  (func (export "func") (param i32) (result i32) (call $on_null (local.get 0) (ref.func $sq)))
  (func (export "nn-null") (param i32) (result i32) (call $on_non_null (local.get 0) (ref.null $t)))
  (func (export "nn-func") (param i32) (result i32) (call $on_non_null (local.get 0) (ref.func $sq)))
  (func (export "temp") (param i32 i32) (result i32) (call $temp (local.get 0) (local.get 1)))
))";

}  // namespace

TEST_CASE("typed refs: br_on_null and br_on_non_null take the right path with their values",
          "[interp][typed-refs]") {
  Store store;
  Instance* inst = instantiate_wat(store, kBrOnNull);
  CHECK(invoke_i32(store, inst, "null", {Value::from_i32(7)}) == 7);
  CHECK(invoke_i32(store, inst, "func", {Value::from_i32(7)}) == 49);
  CHECK(invoke_i32(store, inst, "nn-null", {Value::from_i32(7)}) == static_cast<uint32_t>(-7));
  CHECK(invoke_i32(store, inst, "nn-func", {Value::from_i32(7)}) == 49);
  CHECK(invoke_i32(store, inst, "temp", {Value::from_i32(5), Value::from_i32(1)}) == 25);
  CHECK(invoke_i32(store, inst, "temp", {Value::from_i32(5), Value::from_i32(0)}) == 5);
}

TEST_CASE("typed refs: a non-defaultable local is read only after a set in an enclosing block",
          "[validate][typed-refs]") {
  auto load = [](const char* wat) { return failure_of([&] { CompiledModule::from_text(wat, Features::defaults()); }); };
  CHECK_FALSE(load("(module (func (param $p (ref extern)) (local $x (ref extern))"
                   " (local.set $x (local.get $p)) (block (drop (local.get $x)))))")
                  .thrown);
  Failure never = load("(module (func (local $x (ref extern)) (drop (local.get $x))))");
  CHECK(never.kind == ErrorKind::Invalid);
  CHECK(never.message == "uninitialized local");
  Failure after_end = load("(module (func (param $p (ref extern)) (local $x (ref extern))"
                           " (block (local.set $x (local.get $p))) (drop (local.get $x))))");
  CHECK(after_end.message == "uninitialized local");
  Failure in_else = load("(module (func (param $p (ref extern)) (local $x (ref extern))"
                         " (if (i32.const 1) (then (local.set $x (local.get $p))) (else (drop (local.get $x))))))");
  CHECK(in_else.message == "uninitialized local");
  // Nullable and number locals are set to their defaults.
  CHECK_FALSE(load("(module (func (local $x externref) (local $n i32) (drop (local.get $x)) (drop (local.get $n))))")
                  .thrown);
}

TEST_CASE("typed refs: the embedder passes references to typed parameters", "[interp][typed-refs]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"((module
    (func (export "id") (param (ref extern)) (result (ref extern)) (local.get 0))))");
  std::vector<Value> r = store.call(inst->func("id"), {Value::from_extern(42)});
  REQUIRE(r.size() == 1);
  CHECK(!r[0].is_null());
  CHECK(r[0].extern_id() == 42);
  // A null where the parameter is non-null is the embedder's error.
  CHECK(failure_of([&] { store.call(inst->func("id"), {Value::null_ref(ValType::ExternRef)}); }).kind ==
        ErrorKind::Usage);
}
