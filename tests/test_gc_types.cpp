// GC's type system: recursion groups, struct/array/sub definitions in the
// binary and text formats, the type section's validation, iso-recursive
// canonical ids (within a module and across a store's modules), import
// matching by subtyping and call_indirect of a subtype.
#include <catch2/catch.hpp>

#include "loader/decoder.h"
#include "loader/text/wat.h"
#include "loader/type_match.h"
#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;
using Catch::Matchers::Contains;

namespace {

Module decode_wat(const char* wat) { return decode_module(wat_to_binary(wat, Features::defaults()), Features::defaults()); }

Failure load_failure(const char* wat) {
  return failure_of([&] { CompiledModule::from_text(wat, Features::defaults()); });
}

}  // namespace

TEST_CASE("gc types: text rec, sub, struct and array decode to their definitions", "[gc-types]") {
  Module m = decode_wat(R"((module
    (rec (type $a (sub (struct (field $x (mut i8)) (field i16 (ref null $b)))))
         (type $b (sub final $a (struct (field (mut i8) i16 (ref null $b) f64)))))
    (type $arr (array (mut i32)))
    (type $f (func (param i32) (result i64)))))");
  REQUIRE(m.type_defs.size() == 4);
  const SubType& a = m.type_defs[0];
  CHECK(a.kind == Composite::Struct);
  CHECK_FALSE(a.final);
  CHECK_FALSE(a.has_super());
  CHECK(a.rec_begin == 0);
  CHECK(a.rec_size == 2);
  REQUIRE(a.fields.size() == 3);
  CHECK(a.fields[0] == FieldType{kStorageI8, true});
  CHECK(a.fields[1] == FieldType{kStorageI16, false});
  CHECK(a.fields[2] == FieldType{ValType::ref(HeapType::index(1), true), false});
  const SubType& b = m.type_defs[1];
  CHECK(b.final);
  CHECK(b.super == 0);
  CHECK(b.fields.size() == 4);
  CHECK(b.fields[3].storage == ValType::F64);
  CHECK(m.type_defs[2].kind == Composite::Array);
  CHECK(m.type_defs[2].fields == std::vector<FieldType>{{ValType::I32, true}});
  CHECK(m.type_defs[2].rec_size == 1);
  CHECK(m.type_defs[3].kind == Composite::Func);
  CHECK(m.types[3].params == std::vector<ValType>{ValType::I32});
  CHECK(m.types[3].results == std::vector<ValType>{ValType::I64});
}

TEST_CASE("gc types: binary rec group, sub and packed fields", "[gc-types]") {
  // One rec group of two types: 0x50 (sub, no supers) struct {i8 mut},
  // then 0x4F (sub final) with supertype 0: struct {i8 mut, i16}.
  std::vector<uint8_t> bin = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x12, 0x01, 0x4E, 0x02,
                              0x50, 0x00, 0x5F, 0x01, 0x78, 0x01, 0x4F, 0x01, 0x00, 0x5F, 0x02, 0x78, 0x01, 0x77, 0x00};
  Module m = decode_module(bin, Features::defaults());
  REQUIRE(m.type_defs.size() == 2);
  CHECK(m.type_defs[1].super == 0);
  CHECK(m.type_defs[1].final);
  CHECK(m.type_defs[1].fields[1] == FieldType{kStorageI16, false});
  CHECK(m.type_canon[0] != m.type_canon[1]);
  CHECK(heap_matches(HeapType::index(1), HeapType::index(0), m));
  CHECK_FALSE(heap_matches(HeapType::index(0), HeapType::index(1), m));
  CHECK(heap_matches(HeapType::index(1), HeapType::abs(AbsHeap::Struct), m));
  CHECK(heap_matches(HeapType::index(1), HeapType::abs(AbsHeap::Eq), m));
  CHECK_FALSE(heap_matches(HeapType::index(1), HeapType::abs(AbsHeap::Array), m));
  CHECK(heap_matches(HeapType::abs(AbsHeap::None), HeapType::index(0), m));
  CHECK_FALSE(heap_matches(HeapType::abs(AbsHeap::NoFunc), HeapType::index(0), m));

  // Mutability 2: malformed.
  std::vector<uint8_t> bad = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x5E, 0x78, 0x02};
  Failure f = failure_of([&] { decode_module(bad, Features::defaults()); });
  CHECK(f.kind == ErrorKind::Malformed);
  CHECK_THAT(f.message, Contains("malformed mutability"));

  // Without gc the forms are not read.
  Features v2 = Features::v2();
  v2.function_references = true;
  Failure off = failure_of([&] { decode_module(bin, v2); });
  CHECK(off.kind == ErrorKind::Malformed);
}

TEST_CASE("gc types: the type section's validation errors", "[gc-types][validate]") {
  Failure final_super = load_failure("(module (type $t (func)) (type (sub $t (func))))");
  CHECK(final_super.kind == ErrorKind::Invalid);
  CHECK_THAT(final_super.message, Contains("sub type"));
  CHECK_THAT(load_failure("(module (type $a (sub (array i32))) (type (sub $a (struct))))").message,
             Contains("sub type"));
  // A mutable field is invariant; an immutable one covariant.
  CHECK_THAT(load_failure("(module (type $a (sub (struct (field (mut anyref)))))"
                          " (type (sub $a (struct (field (mut eqref))))))")
                 .message,
             Contains("sub type"));
  CHECK_FALSE(load_failure("(module (type $a (sub (struct (field anyref))))"
                           " (type (sub $a (struct (field eqref) (field i32)))))")
                  .thrown);
  // func: contravariant parameters, covariant results.
  CHECK_FALSE(load_failure("(module (type $f (sub (func (param eqref) (result anyref))))"
                           " (type (sub $f (func (param anyref) (result eqref)))))")
                  .thrown);
  CHECK_THAT(load_failure("(module (type $f (sub (func (param anyref))))"
                          " (type (sub $f (func (param eqref)))))")
                 .message,
             Contains("sub type"));
  // A supertype later in the same group.
  CHECK_THAT(load_failure("(module (rec (type (sub 1 (struct))) (type (sub (struct)))))").message,
             Contains("unknown type"));
  // A reference past the group.
  CHECK_THAT(load_failure("(module (rec (type (func (param (ref 1))))) (rec (type (func))))").message,
             Contains("unknown type"));
  // A struct type where a function type is needed.
  Failure not_func = load_failure("(module (type $s (struct)) (func (type $s)))");
  CHECK(not_func.kind == ErrorKind::Invalid);
  CHECK_THAT(not_func.message, Contains("type mismatch"));
}

TEST_CASE("gc types: equal recursion groups get equal canonical ids", "[gc-types]") {
  Module m = decode_wat(R"((module
    (rec (type $f1 (func)) (type (struct (field (ref $f1)))))
    (rec (type $f2 (func)) (type (struct (field (ref $f2)))))
    (rec (type $g (func)) (type (struct (field (ref $f1)))))
    (type $h (func))))");
  CHECK(m.type_canon[0] == m.type_canon[2]);
  CHECK(m.type_canon[1] == m.type_canon[3]);
  CHECK(m.type_canon[0] != m.type_canon[4]);  // (ref $f1) is outside its group there
  CHECK(m.type_canon[0] != m.type_canon[6]);  // alone in its group
  CHECK(types_equal(HeapType::index(1), HeapType::index(3), m));
  CHECK_FALSE(types_equal(HeapType::index(1), HeapType::index(5), m));
}

TEST_CASE("gc types: call_indirect and imports across modules use canonical ids and subtyping",
          "[gc-types][interp]") {
  Store store;
  Instance* a = instantiate_wat(store, R"((module
    (rec (type $t (sub (func (result i32)))) (type (struct (field (ref null $t)))))
    (type $sub (sub $t (func (result i32))))
    (func $seven (export "seven") (type $t) (i32.const 7))
    (func $eight (export "eight") (type $sub) (i32.const 8))
    (table (export "tab") 2 funcref)
    (elem (i32.const 0) $seven $eight)))");
  Imports imports;
  imports.add_instance("a", *a);
  // The same group written again: call_indirect through it matches, and
  // the subtype's function is accepted where its supertype is expected.
  Instance* b = instantiate_wat(store, R"((module
    (rec (type $u (sub (func (result i32)))) (type (struct (field (ref null $u)))))
    (type $other (func (result i32)))
    (import "a" "eight" (func $e (type $u)))
    (import "a" "tab" (table 2 funcref))
    (func (export "call") (param i32) (result i32) (call_indirect (type $u) (local.get 0)))
    (func (export "call-other") (param i32) (result i32) (call_indirect (type $other) (local.get 0)))
    (func (export "imported") (result i32) (call $e))))",
                                imports);
  CHECK(invoke_i32(store, b, "call", {i32(0)}) == 7);
  CHECK(invoke_i32(store, b, "call", {i32(1)}) == 8);
  CHECK(invoke_i32(store, b, "imported") == 8);
  Failure mismatch = failure_of([&] { invoke(store, b, "call-other", {i32(0)}); });
  CHECK(mismatch.kind == ErrorKind::Trap);
  CHECK_THAT(mismatch.message, Contains("indirect call type mismatch"));

  // A supertype's function does not satisfy an import of the subtype.
  Failure link = failure_of([&] {
    instantiate_wat(store, R"((module
      (rec (type $t (sub (func (result i32)))) (type (struct (field (ref null $t)))))
      (type $sub (sub $t (func (result i32))))
      (import "a" "seven" (func (type $sub)))))",
                    imports);
  });
  CHECK(link.kind == ErrorKind::Link);
  CHECK_THAT(link.message, Contains("incompatible import type"));
}

TEST_CASE("gc types: ref.null of the GC heap types in globals, tables and results", "[gc-types][interp]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"((module
    (type $s (struct))
    (global $g (mut eqref) (ref.null none))
    (global (ref null $s) (ref.null $s))
    (table 1 i31ref)
    (func (export "any") (result anyref) (ref.null any))
    (func (export "g") (result eqref) (global.get $g))
    (func (export "noexn") (result nullexnref) (ref.null noexn))))");
  std::vector<Value> r = invoke(store, inst, "any");
  REQUIRE(r.size() == 1);
  CHECK(r[0].is_null());
  CHECK(ref_hierarchy(r[0].type) == ValType::AnyRef);
  CHECK(invoke(store, inst, "g")[0].is_null());
  CHECK(ref_hierarchy(invoke(store, inst, "noexn")[0].type) == ValType::ExnRef);
}
