// The embedding API for structs and arrays (wasmrun/aggregates.h): fields
// and elements read and written from C++ with their types checked, and
// what wasm then sees.
#include <catch2/catch.hpp>

#include "tests/test_interp_util.h"
#include "wasmrun/aggregates.h"
#include "wasmrun/gc.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

const char* kModule = R"((module
  (type $pt (struct (field $x (mut i32)) (field $y i64) (field $tag (mut i8)) (field $next (mut (ref null $pt)))))
  (type $bytes (array (mut i16)))
  (type $frozen (array f64))
  (func (export "point") (result (ref $pt)) (struct.new $pt (i32.const 3) (i64.const -5) (i32.const 200) (ref.null $pt)))
  (func (export "x") (param (ref $pt)) (result i32) (struct.get $pt $x (local.get 0)))
  (func (export "next_x") (param (ref $pt)) (result i32) (struct.get $pt $x (ref.as_non_null (struct.get $pt $next (local.get 0)))))
  (func (export "bytes") (result (ref $bytes)) (array.new $bytes (i32.const -2) (i32.const 4)))
  (func (export "frozen") (result (ref $frozen)) (array.new_fixed $frozen 2 (f64.const 1.5) (f64.const 2.5)))
  (func (export "sum") (param (ref $bytes)) (result i32)
    (i32.add (array.get_u $bytes (local.get 0) (i32.const 0)) (array.get_u $bytes (local.get 0) (i32.const 3))))
  (func (export "i31") (result (ref i31)) (ref.i31 (i32.const 9)))
))";

}  // namespace

TEST_CASE("gc api: struct fields read and written from the host", "[gc][api]") {
  Store store;
  Instance* inst = instantiate_wat(store, kModule);
  Value p = invoke(store, inst, "point")[0];
  GcRoot keep(store, p);
  CHECK(reference_kind(p) == ReferenceKind::Struct);
  REQUIRE(struct_field_count(store, p) == 4);
  CHECK(struct_get(store, p, 0).i32 == 3);
  CHECK(struct_get(store, p, 1).i64 == static_cast<uint64_t>(-5));
  CHECK(struct_get(store, p, 2).i32 == 200);
  CHECK(struct_get(store, p, 2, true).i32 == static_cast<uint32_t>(-56));
  CHECK(struct_field(store, p, 2).storage.code() == 0x78);
  CHECK(struct_field(store, p, 1).mut == false);
  CHECK(struct_get(store, p, 3).is_null());

  struct_set(store, p, 0, Value::from_i32(41));
  CHECK(invoke(store, inst, "x", {p})[0].i32 == 41);
  struct_set(store, p, 2, Value::from_i32(0x1FF));  // truncated to 8 bits
  CHECK(struct_get(store, p, 2).i32 == 0xFF);
  // A reference field takes a struct of its type, checked as a cast.
  Value q = invoke(store, inst, "point")[0];
  struct_set(store, p, 3, q);
  CHECK(invoke(store, inst, "next_x", {p})[0].i32 == 3);

  auto usage_message = [](auto&& fn) {
    Failure f = failure_of(fn);
    CHECK(f.kind == ErrorKind::Usage);
    return f.message;
  };
  CHECK(usage_message([&] { struct_set(store, p, 1, Value::from_i64(1)); }) == "the field is immutable");
  CHECK_THAT(usage_message([&] { struct_set(store, p, 0, Value::from_i64(1)); }),
             Catch::Contains("does not fit the field"));
  CHECK_THAT(usage_message([&] { struct_set(store, p, 3, invoke(store, inst, "bytes")[0]); }),
             Catch::Contains("does not fit the field"));
  CHECK_THAT(usage_message([&] { struct_set(store, p, 3, invoke(store, inst, "i31")[0]); }),
             Catch::Contains("does not fit the field"));
  CHECK_THAT(usage_message([&] { struct_get(store, p, 4); }), Catch::Contains("unknown field 4"));
  CHECK(usage_message([&] { struct_get(store, invoke(store, inst, "bytes")[0], 0); }) == "not a struct reference");
  CHECK(usage_message([&] { struct_get(store, Value::from_i32(1), 0); }) == "not a reference");
  Failure null = failure_of([&] { struct_get(store, Value::null_ref(ValType::StructRef), 0); });
  CHECK(null.kind == ErrorKind::Trap);
  CHECK(null.message == "null structure reference");
}

TEST_CASE("gc api: array elements read and written from the host", "[gc][api]") {
  Store store;
  Instance* inst = instantiate_wat(store, kModule);
  Value a = invoke(store, inst, "bytes")[0];
  GcRoot keep(store, a);
  REQUIRE(array_length(store, a) == 4);
  CHECK(array_get(store, a, 0).i32 == 0xFFFE);
  CHECK(array_get(store, a, 0, true).i32 == static_cast<uint32_t>(-2));
  array_set(store, a, 3, Value::from_i32(0x10005));  // truncated to 16 bits
  CHECK(invoke(store, inst, "sum", {a})[0].i32 == 0xFFFE + 5);
  Failure oob = failure_of([&] { array_get(store, a, 4); });
  CHECK(oob.kind == ErrorKind::Trap);
  CHECK(oob.message == "out of bounds array access");

  Value f = invoke(store, inst, "frozen")[0];
  CHECK(array_element(store, f).storage == ValType::F64);
  CHECK(array_get(store, f, 1).f64 == 2.5);
  Failure frozen = failure_of([&] { array_set(store, f, 0, Value::from_f64(0)); });
  CHECK(frozen.kind == ErrorKind::Usage);
  CHECK(frozen.message == "the field is immutable");
  CHECK(failure_of([&] { array_length(store, invoke(store, inst, "point")[0]); }).message == "not an array reference");
}

TEST_CASE("gc api: arguments, host results, globals and tables are checked against defined types", "[gc][api]") {
  Store store;
  Imports imports;
  // A host function that claims to return a struct but returns an i31.
  imports.add("host", "liar", store.host_func({{}, {ValType::ref(HeapType::abs(AbsHeap::Struct), true)}},
                                              [](HostCall&, std::span<const Value>, std::span<Value> results) {
                                                results[0] = Value::from_i31(5);
                                              },
                                              "liar"));
  Instance* inst = instantiate_wat(store, R"((module
    (import "host" "liar" (func $liar (result (ref null struct))))
    (type $a (struct (field i32)))
    (type $b (struct (field i64)))
    (global $g (export "g") (mut (ref null $a)) (ref.null $a))
    (table $t (export "t") 2 (ref null $a))
    (func (export "a") (result (ref $a)) (struct.new $a (i32.const 1)))
    (func (export "b") (result (ref $b)) (struct.new $b (i64.const 2)))
    (func (export "take_a") (param (ref $a)) (result i32) (struct.get $a 0 (local.get 0)))
    (func (export "call_liar") (result i32) (ref.is_null (call $liar)))
  ))", imports);
  Value a = invoke(store, inst, "a")[0];
  Value b = invoke(store, inst, "b")[0];
  GcRoot keep_a(store, a), keep_b(store, b);
  CHECK(store.call(inst->func("take_a"), {a})[0].i32 == 1);
  Failure wrong = failure_of([&] { store.call(inst->func("take_a"), {b}); });
  CHECK(wrong.kind == ErrorKind::Usage);
  CHECK_THAT(wrong.message, Catch::Contains("argument 0"));
  // A made-up pointer is no object of this store's heap.
  Value forged = a;
  forged.ref += 64;
  CHECK(failure_of([&] { store.call(inst->func("take_a"), {forged}); }).kind == ErrorKind::Usage);

  Failure liar = failure_of([&] { store.call(inst->func("call_liar"), {}); });
  CHECK(liar.kind == ErrorKind::Usage);
  CHECK_THAT(liar.message, Catch::Contains("host function liar returned"));

  Global* g = inst->global("g");
  g->set(a);
  CHECK(reference_kind(g->get()) == ReferenceKind::Struct);
  CHECK(g->get().type == ValType::ref(HeapType::abs(AbsHeap::Struct), true));
  CHECK(failure_of([&] { g->set(b); }).kind == ErrorKind::Usage);
  Table* t = inst->table("t");
  t->set(1, a);
  CHECK(t->get(1).ref == a.ref);
  CHECK(failure_of([&] { t->set(0, b); }).kind == ErrorKind::Usage);
  CHECK(failure_of([&] { t->set(0, Value::from_i31(3)); }).kind == ErrorKind::Usage);
}

TEST_CASE("gc api: an argument of an exact type must be of that type, not a subtype", "[gc][api]") {
  Store store(Features::all());
  Instance* inst = instantiate_wat(store, R"((module
    (type $a (sub (struct (field i32))))
    (type $b (sub $a (struct (field i32) (field i64))))
    (func (export "a") (result (ref $a)) (struct.new $a (i32.const 1)))
    (func (export "b") (result (ref $b)) (struct.new $b (i32.const 2) (i64.const 3)))
    (func (export "take_exact") (param (ref (exact $a))) (result i32) (struct.get $a 0 (local.get 0)))
    (func (export "take") (param (ref $a)) (result i32) (struct.get $a 0 (local.get 0)))
  ))");
  Value a = invoke(store, inst, "a")[0];
  Value b = invoke(store, inst, "b")[0];
  GcRoot keep_a(store, a), keep_b(store, b);
  CHECK(store.call(inst->func("take_exact"), {a})[0].i32 == 1);
  CHECK(store.call(inst->func("take"), {b})[0].i32 == 2);
  CHECK(failure_of([&] { store.call(inst->func("take_exact"), {b}); }).kind == ErrorKind::Usage);
}
