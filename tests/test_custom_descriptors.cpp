// The custom descriptors proposal: exact reference types in the binary and
// text formats and in matching, descriptor/describes clauses and their
// validation, and the instructions run by the interpreter (a struct's
// descriptor, exact casts, descriptor casts and branches), with the
// collector keeping descriptors alive through the objects they describe.
#include <catch2/catch.hpp>

#include "interp/runtime/gc_heap.h"
#include "interp/runtime/runtime.h"
#include "loader/decoder.h"
#include "loader/text/wat.h"
#include "loader/type_match.h"
#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

Features with_descriptors() {
  Features f = Features::defaults();
  f.custom_descriptors = true;
  return f;
}

Module decode_wat(const char* wat) {
  return decode_module(wat_to_binary(wat, with_descriptors()), with_descriptors());
}

Failure load_failure(const char* wat) {
  return failure_of([&] { CompiledModule::from_text(wat, with_descriptors()); });
}

// A counter whose struct has a descriptor holding its step; a subtype
// pair below it, to tell exact casts from plain ones.
const char* kCounter = R"((module
  (rec
    (type $c (sub (descriptor $c.d) (struct (field $v (mut i32)))))
    (type $c.d (sub (describes $c) (struct (field $step i32))))
    (type $s (sub $c (descriptor $s.d) (struct (field $v (mut i32)) (field i64))))
    (type $s.d (sub $c.d (describes $s) (struct (field $step i32)))))
  (global $d1 (ref (exact $c.d)) (struct.new $c.d (i32.const 1)))
  (global $d7 (ref (exact $c.d)) (struct.new $c.d (i32.const 7)))
  (global $sd (ref (exact $s.d)) (struct.new $s.d (i32.const 100)))
  (global $obj (mut (ref null $c)) (ref.null $c))
  (func $make (param $which i32) (result (ref $c))
    (if (result (ref $c)) (i32.eqz (local.get $which))
      (then (struct.new_desc $c (i32.const 10) (global.get $d1)))
      (else (if (result (ref $c)) (i32.eq (local.get $which) (i32.const 1))
        (then (struct.new_default_desc $c (global.get $d7)))
        (else (struct.new_desc $s (i32.const 5) (i64.const 9) (global.get $sd)))))))
  ;; Adds the descriptor's step to the counter n times; returns the value.
  (func (export "step") (param $which i32) (param $n i32) (result i32)
    (local $o (ref null $c))
    (local.set $o (call $make (local.get $which)))
    (loop $l
      (if (local.get $n) (then
        (struct.set $c $v (local.get $o)
          (i32.add (struct.get $c $v (local.get $o))
                   (struct.get $c.d $step (ref.get_desc $c (local.get $o)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l))))
    (struct.get $c $v (local.get $o)))
  ;; 1 if the object's descriptor is $d7 (by ref.cast_desc_eq), else traps.
  (func (export "cast-d7") (param $which i32) (result i32)
    (drop (ref.cast_desc_eq (ref $c) (call $make (local.get $which)) (global.get $d7)))
    (i32.const 1))
  ;; Which descriptor an object has, by br_on_cast_desc_eq: 1, 7 or 0.
  (func (export "which") (param $which i32) (result i32)
    (local $o (ref $c))
    (local.set $o (call $make (local.get $which)))
    (block $is1 (result (ref $c))
      (block $is7 (result (ref $c))
        (br_on_cast_desc_eq $is1 (ref $c) (ref $c) (local.get $o) (global.get $d1))
        (br_on_cast_desc_eq $is7 (ref $c) (ref $c) (global.get $d7))
        (drop)
        (return (i32.const 0)))
      (drop)
      (return (i32.const 7)))
    (drop)
    (i32.const 1))
  ;; ref.test against the exact type and against the plain type.
  (func (export "exact") (param $which i32) (result i32)
    (ref.test (ref (exact $c)) (call $make (local.get $which))))
  (func (export "plain") (param $which i32) (result i32)
    (ref.test (ref $c) (call $make (local.get $which))))
  (func (export "null-desc") (result i32)
    (drop (struct.new_default_desc $c (ref.null (exact $c.d))))
    (i32.const 0))
  ;; Keeps an object whose descriptor is reachable only through it, makes
  ;; garbage, then reads the descriptor's field.
  (func (export "keep") (param $rounds i32) (result i32)
    (global.set $obj (struct.new_desc $c (i32.const 0) (struct.new $c.d (i32.const 42))))
    (loop $l
      (if (local.get $rounds) (then
        (drop (struct.new_desc $c (i32.const 0) (struct.new $c.d (local.get $rounds))))
        (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
        (br $l))))
    (struct.get $c.d $step (ref.get_desc $c (ref.as_non_null (global.get $obj))))))
)";

}  // namespace

TEST_CASE("custom descriptors: the flag is in `all` and not in 3.0", "[custom-descriptors][features]") {
  CHECK(Features::all().custom_descriptors);
  CHECK_FALSE(Features::v3().custom_descriptors);
  Failure off = failure_of([] {
    CompiledModule::from_text("(module (type (struct (field (ref null (exact 0))))))", Features::v3());
  });
  CHECK(off.thrown);
  CHECK(off.kind == ErrorKind::Malformed);
}

TEST_CASE("custom descriptors: clauses and exact types decode", "[custom-descriptors]") {
  Module m = decode_wat(R"((module
    (rec
      (type $a (descriptor $b) (struct (field (ref null (exact $a)))))
      (type $b (describes $a) (descriptor $m) (struct))
      (type $m (describes $b) (struct)))
    (type $plain (struct))))");
  REQUIRE(m.type_defs.size() == 4);
  CHECK(m.type_defs[0].descriptor == 1);
  CHECK_FALSE(m.type_defs[0].has_describes());
  CHECK(m.type_defs[1].describes == 0);
  CHECK(m.type_defs[1].descriptor == 2);
  CHECK(m.type_defs[2].describes == 1);
  CHECK_FALSE(m.type_defs[2].has_descriptor());
  CHECK_FALSE(m.type_defs[3].has_descriptor());
  const ValType field = m.type_defs[0].fields.at(0).storage;
  CHECK(field.nullable());
  CHECK(field.heap().exact);
  CHECK(field.heap().value == 0);
  CHECK(val_type_name(field) == "(ref null (exact 0))");
  // The clauses are part of a type's identity: $plain is not $a's twin.
  CHECK(m.type_canon[3] != m.type_canon[0]);
}

TEST_CASE("custom descriptors: exact types match only themselves", "[custom-descriptors]") {
  Module m = decode_wat(R"((module
    (type $super (sub (struct)))
    (type $sub (sub $super (struct)))))");
  const HeapType super = HeapType::index(0), sub = HeapType::index(1);
  const HeapType exact_super = super.with_exact(true), exact_sub = sub.with_exact(true);
  CHECK(heap_matches(exact_sub, sub, m));
  CHECK(heap_matches(exact_sub, super, m));
  CHECK(heap_matches(exact_super, exact_super, m));
  CHECK_FALSE(heap_matches(sub, exact_super, m));
  CHECK_FALSE(heap_matches(exact_sub, exact_super, m));
  CHECK_FALSE(heap_matches(super, exact_super, m));
  CHECK(heap_matches(HeapType::abs(AbsHeap::None), exact_sub, m));
  CHECK(heap_matches(exact_super, HeapType::abs(AbsHeap::Struct), m));
  CHECK_FALSE(types_equal(exact_super, super, m));
  // One bit of the value type word, so a ValType round-trips it.
  const ValType t = ValType::ref(exact_sub, false);
  CHECK(t.heap() == exact_sub);
  CHECK(t.with_nullable(true).heap().exact);
}

TEST_CASE("custom descriptors: clause validation gives the suite's messages", "[custom-descriptors]") {
  CHECK_THAT(load_failure("(module (type (descriptor 1) (struct)) (type (describes 0) (struct)))").message,
             Contains("descriptor type is outside rec group"));
  CHECK_THAT(load_failure("(module (rec (type (descriptor 1) (struct)) (type (struct))))").message,
             Contains("type is not described by its descriptor"));
  CHECK_THAT(load_failure("(module (rec (type (describes 1) (struct)) (type (descriptor 0) (struct))))").message,
             Contains("forward use of described type"));
  CHECK_THAT(load_failure("(module (rec (type (descriptor 1) (array i8)) (type (describes 0) (struct))))").message,
             Contains("descriptor type must be a struct"));
  CHECK_THAT(load_failure(R"((module (rec
               (type $A (sub (descriptor $A.desc) (struct)))
               (type $A.desc (sub (describes $A) (struct)))
               (type $B (sub $A (struct))))))")
                 .message,
             Contains("sub type 2 does not match super type 0"));
  CHECK_THAT(load_failure(R"((module (rec
               (type $a (descriptor $b) (struct (field i32)))
               (type $b (describes $a) (struct)))
               (func (result anyref) (struct.new $a (i32.const 0)))))")
                 .message,
             Contains("type with descriptor requires descriptor allocation"));
  // struct.new_desc wants the exact descriptor: a plain one is a mismatch.
  CHECK_THAT(load_failure(R"((module (rec
               (type $a (descriptor $b) (struct))
               (type $b (describes $a) (struct)))
               (func (param (ref $b)) (result anyref) (struct.new_desc $a (local.get 0)))))")
                 .message,
             Contains("type mismatch"));
}

TEST_CASE("custom descriptors: objects carry their descriptors", "[custom-descriptors]") {
  Store store(with_descriptors());
  Instance* inst = instantiate_wat(store, kCounter);
  // 10 + 3 * 1, 0 + 3 * 7, 5 + 3 * 100 (the subtype's descriptor).
  CHECK(invoke_i32(store, inst, "step", {i32(0), i32(3)}) == 13);
  CHECK(invoke_i32(store, inst, "step", {i32(1), i32(3)}) == 21);
  CHECK(invoke_i32(store, inst, "step", {i32(2), i32(3)}) == 305);
  CHECK(invoke_i32(store, inst, "which", {i32(0)}) == 1);
  CHECK(invoke_i32(store, inst, "which", {i32(1)}) == 7);
  CHECK(invoke_i32(store, inst, "which", {i32(2)}) == 0);
  CHECK(invoke_i32(store, inst, "cast-d7", {i32(1)}) == 1);
  Failure wrong = failure_of([&] { invoke(store, inst, "cast-d7", {i32(0)}); });
  CHECK(wrong.kind == ErrorKind::Trap);
  CHECK_THAT(wrong.message, Contains("descriptor cast failure"));
  Failure null_desc = failure_of([&] { invoke(store, inst, "null-desc"); });
  CHECK(null_desc.kind == ErrorKind::Trap);
  CHECK_THAT(null_desc.message, Contains("null descriptor reference"));
}

TEST_CASE("custom descriptors: casts to exact types reject subtypes", "[custom-descriptors]") {
  Store store(with_descriptors());
  Instance* inst = instantiate_wat(store, kCounter);
  CHECK(invoke_i32(store, inst, "exact", {i32(0)}) == 1);
  CHECK(invoke_i32(store, inst, "exact", {i32(2)}) == 0);  // a $s is a $c, not exactly one
  CHECK(invoke_i32(store, inst, "plain", {i32(2)}) == 1);
}

TEST_CASE("custom descriptors: a descriptor reachable only through its object survives collections",
          "[custom-descriptors][gc]") {
  Store store(with_descriptors());
  Instance* inst = instantiate_wat(store, kCounter);
  // Enough garbage (two objects a round) to run the collector many times.
  CHECK(invoke_i32(store, inst, "keep", {i32(2000000)}) == 42);
  const interp::GcStats& stats = interp::gc_heap(store.impl()).stats();
  CHECK(stats.collections > 0);
  // Each object of $c is a header, its i32 field and the descriptor word.
  CHECK(stats.allocated_bytes >= uint64_t{2000000} * (16 + 8 + 16));
}

TEST_CASE("custom descriptors: exact function imports need exactly the type", "[custom-descriptors]") {
  Store store(with_descriptors());
  Instance* a = instantiate_wat(store, R"((module
    (type $super (sub (func)))
    (type $sub (sub $super (func)))
    (func (export "sub") (type $sub))
    (func (export "super") (type $super))))");
  const char* importer = R"((module
    (type $super (sub (func)))
    (import "a" "f" (func (exact (type $super))))))";
  Imports ok;
  ok.add("a", "f", a->func("super"));
  CHECK(instantiate_wat(store, importer, ok) != nullptr);
  Imports sub;
  sub.add("a", "f", a->func("sub"));
  Failure f = failure_of([&] { instantiate_wat(store, importer, sub); });
  CHECK(f.kind == ErrorKind::Link);
  CHECK_THAT(f.message, Contains("incompatible import type"));
}
