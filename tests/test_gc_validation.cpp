// Validation of the GC instructions (struct.*, array.*, ref.test/ref.cast,
// br_on_cast*, the any/extern conversions, i31, ref.eq) and of GC constant
// expressions: for each rule a module that validates and one that does
// not, with the error's exact message. Validation only: nothing here runs.
#include <catch2/catch.hpp>

#include <string>

#include "loader/decoder.h"
#include "loader/text/wat.h"
#include "loader/validator.h"
#include "wasmrun/error.h"

using namespace wasmrun;

namespace {

struct Outcome {
  bool ok = false;
  ErrorKind kind = ErrorKind::Usage;
  std::string message;
  std::string detail;
};

Outcome validate_wat(const std::string& wat) {
  Outcome o;
  try {
    const Features f = Features::defaults();
    Module m = decode_module(wat_to_binary(wat, f), f);
    validate_module(m, f);
    o.ok = true;
  } catch (const Error& e) {
    o.kind = e.kind();
    o.message = e.what();
    o.detail = e.detail();
  }
  return o;
}

// The message a module's validation fails with ("" if it validates).
std::string invalid_message(const std::string& wat) {
  Outcome o = validate_wat(wat);
  if (o.ok) return "";
  if (o.kind != ErrorKind::Invalid) return "not invalid: " + o.message;
  return o.message;
}

bool validates(const std::string& wat) {
  Outcome o = validate_wat(wat);
  if (!o.ok) UNSCOPED_INFO("validation failed: " << o.message << " (" << o.detail << ")");
  return o.ok;
}

// A module with the usual types and a function of `sig` with `body`.
std::string with_types(const std::string& sig, const std::string& body, const std::string& extra = "") {
  return R"((module
    (type $s (struct (field i32) (field (mut i64)) (field (mut i8)) (field i16)))
    (type $e (struct))
    (type $ref (struct (field (ref $e))))
    (type $a (array (mut i32)))
    (type $ai (array i32))
    (type $a8 (array (mut i8)))
    (type $af (array (mut funcref)))
    (type $anf (array (mut (ref func))))
    (type $f (func))
    (elem $fe funcref)
    (elem $xe externref)
    (data $d "abcd"))" +
         extra + "\n(func " + sig + "\n" + body + "))";
}

}  // namespace

TEST_CASE("gc validation: struct.new and struct.new_default", "[gc-validation]") {
  CHECK(validates(with_types("(result (ref $s))",
                             "(struct.new $s (i32.const 1) (i64.const 2) (i32.const 3) (i32.const 4))")));
  // Packed fields take i32 operands.
  CHECK(invalid_message(with_types("(result (ref $s))",
                                   "(struct.new $s (i32.const 1) (i64.const 2) (i64.const 3) (i32.const 4))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(result (ref $s))", "(struct.new $s (i32.const 1))")) == "type mismatch");
  // The result is non-null: it fits (ref $s), (ref struct), eqref, anyref.
  CHECK(validates(with_types("(result (ref struct))", "(struct.new_default $s)")));
  CHECK(validates(with_types("(result eqref)", "(struct.new_default $s)")));
  CHECK(validates(with_types("(result anyref)", "(struct.new_default $e)")));
  CHECK(invalid_message(with_types("(result (ref array))", "(struct.new_default $s)")) == "type mismatch");
  // A non-null reference field has no default.
  CHECK(invalid_message(with_types("(result (ref $ref))", "(struct.new_default $ref)")) ==
        "field type is not defaultable");
  // An array type or a function type is no struct type.
  CHECK(invalid_message(with_types("(result anyref)", "(struct.new_default $a)")) == "type mismatch");
  CHECK(invalid_message(with_types("(result anyref)", "(struct.new $f)")) == "type mismatch");
  CHECK(invalid_message(with_types("(result anyref)", "(struct.new 99)")) == "unknown type 99");
}

TEST_CASE("gc validation: struct.get, get_s, get_u and set", "[gc-validation]") {
  CHECK(validates(with_types("(param (ref null $s)) (result i64)", "(struct.get $s 1 (local.get 0))")));
  CHECK(validates(with_types("(param (ref $s)) (result i32)", "(struct.get_s $s 2 (local.get 0))")));
  CHECK(validates(with_types("(param (ref $s)) (result i32)", "(struct.get_u $s 3 (local.get 0))")));
  CHECK(invalid_message(with_types("(param (ref $s)) (result i32)", "(struct.get $s 2 (local.get 0))")) ==
        "field is packed");
  CHECK(invalid_message(with_types("(param (ref $s)) (result i32)", "(struct.get_s $s 0 (local.get 0))")) ==
        "field is unpacked");
  CHECK(invalid_message(with_types("(param (ref $s)) (result i32)", "(struct.get $s 1 (local.get 0))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(param (ref $s)) (result i32)", "(struct.get $s 4 (local.get 0))")) ==
        "unknown field 4");
  // The operand must be a reference to that struct type (or a subtype).
  CHECK(invalid_message(with_types("(param structref) (result i32)", "(struct.get $s 0 (local.get 0))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(param (ref $e)) (result i32)", "(struct.get $s 0 (local.get 0))")) ==
        "type mismatch");
  CHECK(validates(with_types("(param (ref $s))", "(struct.set $s 1 (local.get 0) (i64.const 7))")));
  CHECK(validates(with_types("(param (ref $s))", "(struct.set $s 2 (local.get 0) (i32.const 7))")));
  CHECK(invalid_message(with_types("(param (ref $s))", "(struct.set $s 0 (local.get 0) (i32.const 7))")) ==
        "immutable field");
  CHECK(invalid_message(with_types("(param (ref $s))", "(struct.set $s 1 (local.get 0) (i32.const 7))")) ==
        "type mismatch");
  // Subtypes are accepted where the supertype is named.
  CHECK(validates(R"((module
    (type $p (sub (struct (field i32))))
    (type $c (sub $p (struct (field i32) (field f32))))
    (func (param (ref $c)) (result i32) (struct.get $p 0 (local.get 0)))))"));
}

TEST_CASE("gc validation: array.new, new_default, new_fixed", "[gc-validation]") {
  CHECK(validates(with_types("(result (ref $a))", "(array.new $a (i32.const 0) (i32.const 3))")));
  CHECK(invalid_message(with_types("(result (ref $a))", "(array.new $a (i64.const 0) (i32.const 3))")) ==
        "type mismatch");
  CHECK(validates(with_types("(result (ref $a8))", "(array.new_default $a8 (i32.const 3))")));
  CHECK(invalid_message(with_types("(result (ref $anf))", "(array.new_default $anf (i32.const 3))")) ==
        "array type is not defaultable");
  CHECK(invalid_message(with_types("(result anyref)", "(array.new_default $s (i32.const 3))")) == "type mismatch");
  CHECK(validates(with_types("(result (ref $ai))", "(array.new_fixed $ai 3 (i32.const 1) (i32.const 2) (i32.const 3))")));
  CHECK(invalid_message(with_types("(result (ref $ai))", "(array.new_fixed $ai 3 (i32.const 1) (i32.const 2))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(result (ref $ai))", "(array.new_fixed $ai 2 (i32.const 1) (f32.const 2))")) ==
        "type mismatch");
  // A huge count after unreachable: the operands are unknown (and cheap).
  CHECK(validates(with_types("(result (ref $ai))", "(unreachable) (array.new_fixed $ai 4000000000)")));
  CHECK(invalid_message(with_types("(result (ref $ai))", "(i32.const 1) (array.new_fixed $ai 4000000000)")) ==
        "type mismatch");
}

TEST_CASE("gc validation: array.new_data and array.new_elem", "[gc-validation]") {
  CHECK(validates(with_types("(result (ref $a8))", "(array.new_data $a8 $d (i32.const 0) (i32.const 4))")));
  CHECK(invalid_message(with_types("(result (ref $af))", "(array.new_data $af $d (i32.const 0) (i32.const 1))")) ==
        "array type is not numeric or vector");
  CHECK(invalid_message(with_types("(result (ref $a8))", "(array.new_data $a8 7 (i32.const 0) (i32.const 1))")) ==
        "unknown data segment 7");
  CHECK(validates(with_types("(result (ref $af))", "(array.new_elem $af $fe (i32.const 0) (i32.const 0))")));
  // The segment's type must match the element type: funcref is no
  // (ref func), externref no funcref, and a numeric array takes no segment.
  CHECK(invalid_message(with_types("(result (ref $anf))", "(array.new_elem $anf $fe (i32.const 0) (i32.const 0))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(result (ref $af))", "(array.new_elem $af $xe (i32.const 0) (i32.const 0))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(result (ref $a))", "(array.new_elem $a $fe (i32.const 0) (i32.const 0))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(result (ref $af))", "(array.new_elem $af 9 (i32.const 0) (i32.const 0))")) ==
        "unknown elem segment 9");
}

TEST_CASE("gc validation: array.get, get_s, get_u, set and len", "[gc-validation]") {
  CHECK(validates(with_types("(param (ref null $ai)) (result i32)", "(array.get $ai (local.get 0) (i32.const 0))")));
  CHECK(validates(with_types("(param (ref $a8)) (result i32)", "(array.get_u $a8 (local.get 0) (i32.const 0))")));
  CHECK(invalid_message(with_types("(param (ref $a8)) (result i32)", "(array.get $a8 (local.get 0) (i32.const 0))")) ==
        "array is packed");
  CHECK(invalid_message(with_types("(param (ref $a)) (result i32)", "(array.get_s $a (local.get 0) (i32.const 0))")) ==
        "array is unpacked");
  CHECK(invalid_message(with_types("(param (ref $a)) (result i32)", "(array.get $a (local.get 0) (i64.const 0))")) ==
        "type mismatch");
  CHECK(validates(with_types("(param (ref $a))", "(array.set $a (local.get 0) (i32.const 0) (i32.const 5))")));
  CHECK(invalid_message(with_types("(param (ref $ai))", "(array.set $ai (local.get 0) (i32.const 0) (i32.const 5))")) ==
        "immutable array");
  CHECK(validates(with_types("(param (ref null $a)) (result i32)", "(array.len (local.get 0))")));
  CHECK(validates(with_types("(param arrayref) (result i32)", "(array.len (local.get 0))")));
  CHECK(invalid_message(with_types("(param structref) (result i32)", "(array.len (local.get 0))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(param eqref) (result i32)", "(array.len (local.get 0))")) == "type mismatch");
  // An index of a struct type is no array type.
  CHECK(invalid_message(with_types("(param (ref $s)) (result i32)", "(array.get $s (local.get 0) (i32.const 0))")) ==
        "type mismatch");
}

TEST_CASE("gc validation: array.fill, copy, init_data and init_elem", "[gc-validation]") {
  CHECK(validates(with_types("(param (ref $a))", "(array.fill $a (local.get 0) (i32.const 0) (i32.const 1) (i32.const 2))")));
  CHECK(invalid_message(with_types("(param (ref $ai))",
                                   "(array.fill $ai (local.get 0) (i32.const 0) (i32.const 1) (i32.const 2))")) ==
        "immutable array");
  CHECK(invalid_message(with_types("(param (ref $a))",
                                   "(array.fill $a (local.get 0) (i32.const 0) (f64.const 1) (i32.const 2))")) ==
        "type mismatch");
  CHECK(validates(with_types("(param (ref $a) (ref $ai))",
                             "(array.copy $a $ai (local.get 0) (i32.const 0) (local.get 1) (i32.const 0) (i32.const 1))")));
  CHECK(invalid_message(with_types("(param (ref $ai) (ref $a))",
                                   "(array.copy $ai $a (local.get 0) (i32.const 0) (local.get 1) (i32.const 0) (i32.const 1))")) ==
        "immutable array");
  CHECK(invalid_message(with_types("(param (ref $a) (ref $a8))",
                                   "(array.copy $a $a8 (local.get 0) (i32.const 0) (local.get 1) (i32.const 0) (i32.const 1))")) ==
        "array types do not match");
  // (ref func) elements may be copied into funcref ones, not back.
  CHECK(validates(with_types("(param (ref $af) (ref $anf))",
                             "(array.copy $af $anf (local.get 0) (i32.const 0) (local.get 1) (i32.const 0) (i32.const 1))")));
  CHECK(invalid_message(with_types("(param (ref $anf) (ref $af))",
                                   "(array.copy $anf $af (local.get 0) (i32.const 0) (local.get 1) (i32.const 0) (i32.const 1))")) ==
        "array types do not match");
  CHECK(validates(with_types("(param (ref $a8))",
                             "(array.init_data $a8 $d (local.get 0) (i32.const 0) (i32.const 0) (i32.const 1))")));
  CHECK(invalid_message(with_types("(param (ref $af))",
                                   "(array.init_data $af $d (local.get 0) (i32.const 0) (i32.const 0) (i32.const 1))")) ==
        "array type is not numeric or vector");
  CHECK(invalid_message(with_types("(param (ref $ai))",
                                   "(array.init_data $ai $d (local.get 0) (i32.const 0) (i32.const 0) (i32.const 1))")) ==
        "immutable array");
  CHECK(validates(with_types("(param (ref $af))",
                             "(array.init_elem $af $fe (local.get 0) (i32.const 0) (i32.const 0) (i32.const 1))")));
  CHECK(invalid_message(with_types("(param (ref $a8))",
                                   "(array.init_elem $a8 $fe (local.get 0) (i32.const 0) (i32.const 0) (i32.const 1))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(param (ref $af))",
                                   "(array.init_elem $af 5 (local.get 0) (i32.const 0) (i32.const 0) (i32.const 1))")) ==
        "unknown elem segment 5");
}

TEST_CASE("gc validation: ref.test and ref.cast take any reference of the target's hierarchy", "[gc-validation]") {
  CHECK(validates(with_types("(param anyref) (result i32)", "(ref.test (ref $s) (local.get 0))")));
  CHECK(validates(with_types("(param (ref $e)) (result i32)", "(ref.test (ref null $s) (local.get 0))")));
  CHECK(validates(with_types("(param funcref) (result i32)", "(ref.test (ref $f) (local.get 0))")));
  CHECK(validates(with_types("(param externref) (result i32)", "(ref.test (ref noextern) (local.get 0))")));
  CHECK(invalid_message(with_types("(param funcref) (result i32)", "(ref.test (ref $s) (local.get 0))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(param externref) (result i32)", "(ref.test anyref (local.get 0))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(param i32) (result i32)", "(ref.test anyref (local.get 0))")) == "type mismatch");
  // A cast gives the target type: nullable or not as written.
  CHECK(validates(with_types("(param anyref) (result (ref $s))", "(ref.cast (ref $s) (local.get 0))")));
  CHECK(validates(with_types("(param eqref) (result (ref null i31))", "(ref.cast i31ref (local.get 0))")));
  CHECK(invalid_message(with_types("(param anyref) (result (ref $s))", "(ref.cast (ref null $s) (local.get 0))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(param anyref) (result (ref func))", "(ref.cast (ref func) (local.get 0))")) ==
        "type mismatch");
  // After unreachable the operand is unknown.
  CHECK(validates(with_types("(result (ref $s))", "(unreachable) (ref.cast (ref $s))")));
}

TEST_CASE("gc validation: br_on_cast and br_on_cast_fail", "[gc-validation]") {
  // br_on_cast: the label gets rt2, the fall-through rt1 \ rt2.
  CHECK(validates(with_types("(param anyref) (result (ref null $s))",
                             "(block (result (ref null $s)) (br_on_cast 0 anyref (ref null $s) (local.get 0)) "
                             "(drop) (ref.null $s))")));
  // A nullable target takes the null: what falls through is non-null.
  CHECK(invalid_message(with_types("(param anyref) (result (ref any))",
                                   "(block (result (ref null $s)) (br_on_cast 1 anyref (ref null $s) (local.get 0)) "
                                   "(return)) (unreachable)")) == "type mismatch");
  CHECK(validates(with_types("(param anyref) (result (ref any))",
                             "(drop (block (result (ref null $s)) (br_on_cast 0 anyref (ref null $s) (local.get 0)) "
                             "(return))) (unreachable)")));
  CHECK(invalid_message(with_types("(param anyref) (result (ref any))",
                                   "(drop (block (result (ref null $s)) (br_on_cast 0 anyref (ref $s) (local.get 0)) "
                                   "(return))) (unreachable)")) == "type mismatch");
  // rt2 must be a subtype of rt1.
  CHECK(invalid_message(with_types("(result anyref)", "(br_on_cast 0 eqref anyref (unreachable))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(result anyref)", "(br_on_cast 0 structref arrayref (unreachable))")) ==
        "type mismatch");
  // The label's type must take rt2.
  CHECK(invalid_message(with_types("(param anyref) (result (ref $s))",
                                   "(block (result (ref any)) (br_on_cast 1 anyref (ref null $s) (local.get 0))) "
                                   "(unreachable)")) == "type mismatch");
  CHECK(invalid_message(with_types("(param anyref)", "(br_on_cast 0 anyref (ref $s) (local.get 0)) (drop)")) ==
        "type mismatch");
  // br_on_cast_fail: the label gets rt1 \ rt2, the fall-through rt2.
  CHECK(validates(with_types("(param anyref) (result anyref)",
                             "(block (result anyref) (br_on_cast_fail 0 anyref (ref $s) (local.get 0)) "
                             "(struct.get $s 0) (drop) (ref.null any))")));
  CHECK(validates(with_types("(param anyref) (result (ref any))",
                             "(block (result (ref any)) (br_on_cast_fail 0 anyref (ref null $s) (local.get 0)) "
                             "(drop) (unreachable))")));
  CHECK(invalid_message(with_types("(param anyref) (result (ref any))",
                                   "(block (result (ref any)) (br_on_cast_fail 0 anyref (ref $s) (local.get 0)) "
                                   "(drop) (unreachable))")) == "type mismatch");
  // The values below the reference are passed on with the label's types
  // (WebAssembly/gc#516): the (ref $f) below becomes a funcref.
  CHECK(invalid_message(R"((module
    (type $t (func))
    (func $f (param (ref null $t)) (result funcref) (local.get 0))
    (func (param funcref) (result funcref funcref)
      (ref.null $t) (local.get 0) (br_on_cast 0 funcref (ref $t))
      (drop) (call $f) (local.get 0))))") == "type mismatch");
  CHECK(invalid_message(with_types("(param anyref)", "(block (br_on_cast 0 anyref (ref $s) (local.get 0)) (drop))")) ==
        "type mismatch");
}

TEST_CASE("gc validation: any.convert_extern and extern.convert_any carry nullability", "[gc-validation]") {
  CHECK(validates(with_types("(param (ref extern)) (result (ref any))", "(any.convert_extern (local.get 0))")));
  CHECK(validates(with_types("(param externref) (result anyref)", "(any.convert_extern (local.get 0))")));
  CHECK(invalid_message(with_types("(param externref) (result (ref any))", "(any.convert_extern (local.get 0))")) ==
        "type mismatch");
  CHECK(validates(with_types("(param (ref $s)) (result (ref extern))", "(extern.convert_any (local.get 0))")));
  CHECK(invalid_message(with_types("(param i31ref) (result (ref extern))", "(extern.convert_any (local.get 0))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(param funcref) (result externref)", "(extern.convert_any (local.get 0))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(param anyref) (result anyref)", "(any.convert_extern (local.get 0))")) ==
        "type mismatch");
  // Unknown operands convert to the non-null type.
  CHECK(validates(with_types("(result (ref any))", "(unreachable) (any.convert_extern)")));
}

TEST_CASE("gc validation: ref.i31, i31.get_s/get_u and ref.eq", "[gc-validation]") {
  CHECK(validates(with_types("(result (ref i31))", "(ref.i31 (i32.const 5))")));
  CHECK(invalid_message(with_types("(result (ref i31))", "(ref.i31 (i64.const 5))")) == "type mismatch");
  CHECK(validates(with_types("(param i31ref) (result i32)", "(i31.get_s (local.get 0))")));
  CHECK(validates(with_types("(result i32)", "(i31.get_u (ref.null none))")));
  CHECK(invalid_message(with_types("(param eqref) (result i32)", "(i31.get_u (local.get 0))")) == "type mismatch");
  CHECK(validates(with_types("(param eqref (ref $s)) (result i32)", "(ref.eq (local.get 0) (local.get 1))")));
  CHECK(validates(with_types("(param (ref i31) arrayref) (result i32)", "(ref.eq (local.get 0) (local.get 1))")));
  CHECK(invalid_message(with_types("(param anyref eqref) (result i32)", "(ref.eq (local.get 0) (local.get 1))")) ==
        "type mismatch");
  CHECK(invalid_message(with_types("(param funcref eqref) (result i32)", "(ref.eq (local.get 0) (local.get 1))")) ==
        "type mismatch");
}

TEST_CASE("gc validation: a mismatch's detail names the operands the instruction wanted", "[gc-validation]") {
  Outcome o = validate_wat(with_types("(param (ref $a)) (result i32)", "(array.get $a (local.get 0) (i64.const 0))"));
  REQUIRE_FALSE(o.ok);
  CHECK(o.message == "type mismatch");
  CHECK(o.detail == "instruction requires [(ref null 3) i32] but stack has [(ref 3) i64]");
  Outcome s = validate_wat(with_types("(param (ref $s))", "(struct.set $s 1 (local.get 0) (i32.const 7))"));
  CHECK(s.detail == "instruction requires [(ref null 0) i64] but stack has [(ref 0) i32]");
}

TEST_CASE("gc validation: GC constant expressions", "[gc-validation]") {
  CHECK(validates(R"((module
    (type $s (struct (field i32) (field (mut f32))))
    (type $a (array (mut i8)))
    (global (ref $s) (struct.new $s (i32.const 1) (f32.const 2)))
    (global (ref $s) (struct.new_default $s))
    (global (ref $a) (array.new $a (i32.const 7) (i32.const 3)))
    (global (ref $a) (array.new_default $a (i32.const 3)))
    (global (ref $a) (array.new_fixed $a 2 (i32.const 1) (i32.const 2)))
    (global (ref i31) (ref.i31 (i32.const 1)))
    (global externref (extern.convert_any (ref.null any)))
    (global (ref extern) (extern.convert_any (ref.i31 (i32.const 1))))
    (global anyref (any.convert_extern (ref.null extern)))
    (table 2 (ref $a) (array.new_default $a (i32.const 1)))
    (elem (ref i31) (item (ref.i31 (i32.const 4))))
    (elem (ref $s) (item (struct.new_default $s)) (item (global.get 1)))))"));
  // Globals see earlier ones (extended-const).
  CHECK(validates(R"((module
    (type $a (array i32))
    (global $n i32 (i32.const 3))
    (global (ref $a) (array.new $a (i32.const 0) (global.get $n)))))"));
  CHECK(invalid_message(R"((module
    (type $a (array i32))
    (global (ref $a) (array.new $a (i32.const 0) (i64.const 3)))))") == "type mismatch");
  CHECK(invalid_message(R"((module
    (type $a (array i32))
    (global (ref $a) (array.new_fixed $a 2 (i32.const 0)))))") == "type mismatch");
  CHECK(invalid_message(R"((module
    (type $s (struct (field i32)))
    (global (ref null $s) (struct.new $s (i32.const 0)))
    (global (ref i31) (struct.new $s (i32.const 0)))))") == "type mismatch");
  CHECK(invalid_message(R"((module
    (type $a (array i8))
    (data $d "abc")
    (global (ref $a) (array.new_data $a $d (i32.const 0) (i32.const 1)))))") == "constant expression required");
  CHECK(invalid_message(R"((module
    (type $s (struct (field i32)))
    (global i32 (struct.get $s 0 (struct.new_default $s)))))") == "constant expression required");
  CHECK(invalid_message(R"((module
    (global i32 (i31.get_s (ref.i31 (i32.const 0))))))") == "constant expression required");
  CHECK(invalid_message(R"((module
    (type $s (struct (field (ref any))))
    (global (ref $s) (struct.new_default $s))))") == "field type is not defaultable");
}

TEST_CASE("gc validation: the abstract heap types nest under eq and any", "[gc-validation]") {
  // (ref $s) <: (ref struct) <: eqref <: anyref, and none below them all.
  CHECK(validates(with_types("(param (ref $s)) (result anyref)",
                             "(local.get 0) (block (param (ref struct)) (result eqref)) (block (param eqref) (result anyref))")));
  CHECK(validates(with_types("(param (ref $a)) (result eqref)", "(local.get 0) (block (param (ref array)) (result (ref array)))")));
  CHECK(validates(with_types("(result (ref null $s))", "(ref.null none)")));
  CHECK(invalid_message(with_types("(param (ref $s)) (result (ref array))", "(local.get 0)")) == "type mismatch");
  CHECK(invalid_message(with_types("(param eqref) (result (ref null struct))", "(local.get 0)")) == "type mismatch");
  CHECK(invalid_message(with_types("(param (ref $f)) (result eqref)", "(local.get 0)")) == "type mismatch");
}

TEST_CASE("gc validation: unknown operands after unreachable follow the polymorphic rules", "[gc-validation]") {
  // Every operand may be missing: the rules pop unknown types and push
  // their own results.
  const char* bodies[] = {
      "(unreachable) (struct.get $s 0) (drop)",
      "(unreachable) (struct.set $s 1)",
      "(unreachable) (struct.new $s) (drop)",
      "(unreachable) (array.get $a) (drop)",
      "(unreachable) (array.set $a)",
      "(unreachable) (array.len) (drop)",
      "(unreachable) (array.fill $a)",
      "(unreachable) (array.copy $a $ai)",
      "(unreachable) (array.init_data $a8 $d)",
      "(unreachable) (array.init_elem $af $fe)",
      "(unreachable) (array.new_data $a8 $d) (drop)",
      "(unreachable) (array.new_elem $af $fe) (drop)",
      "(unreachable) (ref.test (ref $s)) (drop)",
      "(unreachable) (ref.cast (ref $s)) (drop)",
      "(block (result anyref) (unreachable) (br_on_cast 0 anyref (ref $s))) (drop)",
      "(block (result anyref) (unreachable) (br_on_cast_fail 0 anyref (ref $s))) (drop)",
      "(unreachable) (extern.convert_any) (drop)",
      "(unreachable) (ref.eq) (drop)",
      "(unreachable) (i31.get_s) (drop)",
      "(unreachable) (ref.i31) (drop)",
      // The bottom reference br_on_null leaves after unreachable.
      "(unreachable) (br_on_null 0) (ref.cast (ref $s)) (drop)",
      "(unreachable) (br_on_null 0) (any.convert_extern) (drop)",
      "(unreachable) (br_on_null 0) (ref.eq (ref.i31 (i32.const 0))) (drop)",
  };
  for (const char* body : bodies) {
    INFO(body);
    CHECK(validates(with_types("", body)));
  }
  // What is on the stack is still checked, and so are the immediates.
  CHECK(invalid_message(with_types("", "(unreachable) (i64.const 0) (struct.get $s 0) (drop)")) == "type mismatch");
  CHECK(invalid_message(with_types("", "(unreachable) (i32.const 0) (ref.eq) (drop)")) == "type mismatch");
  CHECK(invalid_message(with_types("", "(unreachable) (struct.set $s 0)")) == "immutable field");
  CHECK(invalid_message(with_types("", "(unreachable) (br_on_cast 0 anyref (ref $s)) (drop)")) == "type mismatch");
  CHECK(invalid_message(with_types("", "(block (result funcref) (unreachable) (br_on_cast 0 funcref (ref $s))) (drop)")) ==
        "type mismatch");
  // The fall-through of br_on_cast is rt1 \ rt2 even when the operand was
  // unknown: a funcref here, no anyref.
  CHECK(invalid_message(with_types("(result anyref)",
                                   "(block (result (ref $f)) (unreachable) (br_on_cast 1 funcref (ref $f))) (drop) "
                                   "(unreachable)")) == "type mismatch");
}

TEST_CASE("gc validation: lazily validated bodies use the same rules", "[gc-validation]") {
  const Features f = Features::defaults();
  Module m = decode_module(wat_to_binary(with_types("(param (ref $s))", "(struct.set $s 0 (local.get 0) (i32.const 7))"), f), f);
  BodyContext ctx = validate_module(m, f, BodyValidation::Deferred);
  std::string message;
  try {
    validate_deferred_body(m, f, ctx, 0);
  } catch (const Error& e) {
    message = e.what();
  }
  CHECK(message == "immutable field");
}

TEST_CASE("gc validation: array.new_fixed's many operands are counted in a mismatch, not listed", "[gc-validation]") {
  std::string ints;
  for (int i = 0; i < 40000; ++i) ints += " (i32.const 1)";
  Outcome o = validate_wat(with_types("(result (ref $ai))", "(f32.const 0)" + ints + " (array.new_fixed $ai 40001)"));
  REQUIRE_FALSE(o.ok);
  CHECK(o.message == "type mismatch");
  CHECK(o.detail == "instruction requires 40001 operands of type i32 but stack has 40001 values");
  CHECK(validates(with_types("(result (ref $ai))", "(i32.const 0)" + ints + " (array.new_fixed $ai 40001) (drop)" +
                                                       " (array.new_fixed $ai 0)")));
}
