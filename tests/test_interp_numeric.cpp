// Interpreter: numeric instructions, their corner cases and traps.
#include <cmath>
#include <cstring>
#include <limits>

#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

const char* kNumeric = R"(
(module
  (func (export "i32.div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "i32.div_u") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "i32.rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
  (func (export "i32.shl") (param i32 i32) (result i32) (i32.shl (local.get 0) (local.get 1)))
  (func (export "i32.shr_s") (param i32 i32) (result i32) (i32.shr_s (local.get 0) (local.get 1)))
  (func (export "i32.rotl") (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))
  (func (export "i32.rotr") (param i32 i32) (result i32) (i32.rotr (local.get 0) (local.get 1)))
  (func (export "i32.clz") (param i32) (result i32) (i32.clz (local.get 0)))
  (func (export "i32.ctz") (param i32) (result i32) (i32.ctz (local.get 0)))
  (func (export "i32.popcnt") (param i32) (result i32) (i32.popcnt (local.get 0)))
  (func (export "i64.div_s") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
  (func (export "i64.rem_s") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
  (func (export "i64.rem_u") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
  (func (export "i64.shr_u") (param i64 i64) (result i64) (i64.shr_u (local.get 0) (local.get 1)))
  (func (export "i64.clz") (param i64) (result i64) (i64.clz (local.get 0)))
  (func (export "i32.extend8_s") (param i32) (result i32) (i32.extend8_s (local.get 0)))
  (func (export "i32.extend16_s") (param i32) (result i32) (i32.extend16_s (local.get 0)))
  (func (export "i64.extend32_s") (param i64) (result i64) (i64.extend32_s (local.get 0)))
  (func (export "i64.extend_i32_s") (param i32) (result i64) (i64.extend_i32_s (local.get 0)))
  (func (export "i64.extend_i32_u") (param i32) (result i64) (i64.extend_i32_u (local.get 0)))
  (func (export "f32.min") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
  (func (export "f32.max") (param f32 f32) (result f32) (f32.max (local.get 0) (local.get 1)))
  (func (export "f64.min") (param f64 f64) (result f64) (f64.min (local.get 0) (local.get 1)))
  (func (export "f64.max") (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
  (func (export "f64.nearest") (param f64) (result f64) (f64.nearest (local.get 0)))
  (func (export "f32.nearest") (param f32) (result f32) (f32.nearest (local.get 0)))
  (func (export "f64.floor") (param f64) (result f64) (f64.floor (local.get 0)))
  (func (export "f32.neg") (param f32) (result f32) (f32.neg (local.get 0)))
  (func (export "f64.copysign") (param f64 f64) (result f64) (f64.copysign (local.get 0) (local.get 1)))
  (func (export "f32.sqrt") (param f32) (result f32) (f32.sqrt (local.get 0)))
  (func (export "f64.div") (param f64 f64) (result f64) (f64.div (local.get 0) (local.get 1)))
  (func (export "i32.trunc_f32_s") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func (export "i32.trunc_f64_s") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func (export "i32.trunc_f64_u") (param f64) (result i32) (i32.trunc_f64_u (local.get 0)))
  (func (export "i64.trunc_f64_s") (param f64) (result i64) (i64.trunc_f64_s (local.get 0)))
  (func (export "i64.trunc_f64_u") (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
  (func (export "i32.trunc_sat_f32_s") (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0)))
  (func (export "i32.trunc_sat_f64_u") (param f64) (result i32) (i32.trunc_sat_f64_u (local.get 0)))
  (func (export "i64.trunc_sat_f64_s") (param f64) (result i64) (i64.trunc_sat_f64_s (local.get 0)))
  (func (export "f32.convert_i64_u") (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
  (func (export "f64.convert_i64_u") (param i64) (result f64) (f64.convert_i64_u (local.get 0)))
  (func (export "f32.demote_f64") (param f64) (result f32) (f32.demote_f64 (local.get 0)))
  (func (export "f32.reinterpret_i32") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))
  (func (export "i64.reinterpret_f64") (param f64) (result i64) (i64.reinterpret_f64 (local.get 0)))
  (func (export "f32.eq") (param f32 f32) (result i32) (f32.eq (local.get 0) (local.get 1)))
  (func (export "f64.ne") (param f64 f64) (result i32) (f64.ne (local.get 0) (local.get 1)))
)
)";

struct Fixture {
  Store store;
  Instance* inst = instantiate_wat(store, kNumeric);

  Value call1(const char* name, std::vector<Value> args) {
    auto r = invoke(store, inst, name, std::move(args));
    REQUIRE(r.size() == 1);
    return r[0];
  }
  uint32_t u32(const char* name, std::vector<Value> args) { return call1(name, std::move(args)).i32; }
  uint64_t u64(const char* name, std::vector<Value> args) { return call1(name, std::move(args)).i64; }
  float f(const char* name, std::vector<Value> args) { return call1(name, std::move(args)).f32; }
  double d(const char* name, std::vector<Value> args) { return call1(name, std::move(args)).f64; }
  Failure trap(const char* name, std::vector<Value> args) {
    return failure_of([&] { invoke(store, inst, name, std::move(args)); });
  }
};

uint32_t bits(float v) { return std::bit_cast<uint32_t>(v); }
uint64_t bits(double v) { return std::bit_cast<uint64_t>(v); }
constexpr uint32_t kMin32 = 0x80000000u;
constexpr uint64_t kMin64 = 0x8000000000000000ull;

}  // namespace

TEST_CASE("interp: integer division traps and corner cases", "[interp][numeric]") {
  Fixture t;
  Failure f = t.trap("i32.div_s", {i32(1), i32(0)});
  CHECK(f.thrown);
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "integer divide by zero");
  f = t.trap("i32.div_s", {i32(kMin32), i32(uint32_t(-1))});
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "integer overflow");
  CHECK(t.trap("i32.div_u", {i32(7), i32(0)}).message == "integer divide by zero");
  CHECK(t.trap("i64.div_s", {i64(kMin64), i64(uint64_t(-1))}).message == "integer overflow");
  CHECK(t.trap("i64.rem_u", {i64(1), i64(0)}).message == "integer divide by zero");

  CHECK(t.u32("i32.div_s", {i32(uint32_t(-7)), i32(2)}) == uint32_t(-3));  // truncates toward zero
  CHECK(t.u32("i32.div_u", {i32(uint32_t(-7)), i32(2)}) == 0x7FFFFFFCu);
  CHECK(t.u32("i32.rem_s", {i32(kMin32), i32(uint32_t(-1))}) == 0);       // no trap for rem
  CHECK(t.u32("i32.rem_s", {i32(uint32_t(-7)), i32(2)}) == uint32_t(-1)); // sign of the dividend
  CHECK(t.u64("i64.rem_s", {i64(kMin64), i64(uint64_t(-1))}) == 0);
}

TEST_CASE("interp: shifts, rotations and bit counts", "[interp][numeric]") {
  Fixture t;
  CHECK(t.u32("i32.shl", {i32(1), i32(33)}) == 2);  // shift counts are taken mod 32
  CHECK(t.u32("i32.shr_s", {i32(kMin32), i32(31)}) == 0xFFFFFFFFu);
  CHECK(t.u64("i64.shr_u", {i64(kMin64), i64(127)}) == 1);
  CHECK(t.u32("i32.rotl", {i32(0x80000001u), i32(1)}) == 3);
  CHECK(t.u32("i32.rotr", {i32(1), i32(33)}) == kMin32);
  CHECK(t.u32("i32.clz", {i32(0)}) == 32);
  CHECK(t.u32("i32.ctz", {i32(0)}) == 32);
  CHECK(t.u32("i32.ctz", {i32(0x100)}) == 8);
  CHECK(t.u32("i32.popcnt", {i32(0xF0F0F0F0u)}) == 16);
  CHECK(t.u64("i64.clz", {i64(1)}) == 63);
}

TEST_CASE("interp: sign and zero extension", "[interp][numeric]") {
  Fixture t;
  CHECK(t.u32("i32.extend8_s", {i32(0x80)}) == 0xFFFFFF80u);
  CHECK(t.u32("i32.extend8_s", {i32(0x17F)}) == 0x7F);
  CHECK(t.u32("i32.extend16_s", {i32(0x8000)}) == 0xFFFF8000u);
  CHECK(t.u64("i64.extend32_s", {i64(0x80000000ull)}) == 0xFFFFFFFF80000000ull);
  CHECK(t.u64("i64.extend_i32_s", {i32(0xFFFFFFFFu)}) == ~0ull);
  CHECK(t.u64("i64.extend_i32_u", {i32(0xFFFFFFFFu)}) == 0xFFFFFFFFull);
}

TEST_CASE("interp: float min/max, signed zeros and NaN", "[interp][numeric]") {
  Fixture t;
  CHECK(bits(t.f("f32.min", {f32(0.0f), f32(-0.0f)})) == bits(-0.0f));
  CHECK(bits(t.f("f32.min", {f32(-0.0f), f32(0.0f)})) == bits(-0.0f));
  CHECK(bits(t.f("f32.max", {f32(-0.0f), f32(0.0f)})) == bits(0.0f));
  CHECK(bits(t.d("f64.max", {f64(0.0), f64(-0.0)})) == bits(0.0));
  CHECK(bits(t.d("f64.min", {f64(-0.0), f64(0.0)})) == bits(-0.0));
  CHECK(std::isnan(t.f("f32.min", {f32(std::numeric_limits<float>::quiet_NaN()), f32(1.0f)})));
  CHECK(std::isnan(t.d("f64.max", {f64(1.0), f64(std::numeric_limits<double>::quiet_NaN())})));
  // A signalling NaN comes out quiet (an arithmetic NaN).
  float snan = std::bit_cast<float>(0x7FA00000u);
  CHECK((bits(t.f("f32.min", {f32(snan), f32(1.0f)})) & 0x00400000u) != 0);
  CHECK(t.d("f64.min", {f64(-1.0), f64(2.0)}) == -1.0);
}

TEST_CASE("interp: float rounding and sign operations", "[interp][numeric]") {
  Fixture t;
  CHECK(t.d("f64.nearest", {f64(2.5)}) == 2.0);   // ties to even
  CHECK(t.d("f64.nearest", {f64(3.5)}) == 4.0);
  CHECK(t.d("f64.nearest", {f64(-0.5)}) == 0.0);
  CHECK(std::signbit(t.d("f64.nearest", {f64(-0.5)})));  // -0.5 rounds to -0
  CHECK(t.f("f32.nearest", {f32(-1.5f)}) == -2.0f);
  CHECK(std::signbit(t.d("f64.floor", {f64(-0.0)})));
  double snan = std::bit_cast<double>(0x7FF4000000000000ull);
  CHECK((bits(t.d("f64.floor", {f64(snan)})) & 0x0008000000000000ull) != 0);
  // neg and copysign only touch the sign bit, NaN payloads included.
  CHECK(bits(t.f("f32.neg", {f32(std::bit_cast<float>(0x7FA00001u))})) == 0xFFA00001u);
  CHECK(bits(t.d("f64.copysign", {f64(1.5), f64(-0.0)})) == bits(-1.5));
  CHECK(std::isnan(t.f("f32.sqrt", {f32(-1.0f)})));
  CHECK(bits(t.d("f64.div", {f64(1.0), f64(-0.0)})) == bits(-std::numeric_limits<double>::infinity()));
  CHECK(t.u32("f32.eq", {f32(0.0f), f32(-0.0f)}) == 1);
  CHECK(t.u32("f64.ne", {f64(std::nan("")), f64(std::nan(""))}) == 1);
}

TEST_CASE("interp: float to integer conversions", "[interp][numeric]") {
  Fixture t;
  CHECK(t.trap("i32.trunc_f32_s", {f32(std::nanf(""))}).message == "invalid conversion to integer");
  CHECK(t.trap("i32.trunc_f32_s", {f32(2147483648.0f)}).message == "integer overflow");
  CHECK(t.u32("i32.trunc_f32_s", {f32(-2147483648.0f)}) == kMin32);
  CHECK(t.u32("i32.trunc_f64_s", {f64(-2147483648.9)}) == kMin32);  // truncates into range
  CHECK(t.trap("i32.trunc_f64_s", {f64(-2147483649.0)}).message == "integer overflow");
  CHECK(t.u32("i32.trunc_f64_u", {f64(-0.9)}) == 0);
  CHECK(t.trap("i32.trunc_f64_u", {f64(-1.0)}).message == "integer overflow");
  CHECK(t.u32("i32.trunc_f64_u", {f64(4294967295.9)}) == 0xFFFFFFFFu);
  CHECK(t.trap("i64.trunc_f64_s", {f64(9223372036854775808.0)}).message == "integer overflow");
  CHECK(t.u64("i64.trunc_f64_s", {f64(-9223372036854775808.0)}) == kMin64);
  CHECK(t.u64("i64.trunc_f64_u", {f64(18446744073709549568.0)}) == 18446744073709549568ull);
  CHECK(t.trap("i64.trunc_f64_u", {f64(18446744073709551616.0)}).message == "integer overflow");

  CHECK(t.u32("i32.trunc_sat_f32_s", {f32(std::nanf(""))}) == 0);
  CHECK(t.u32("i32.trunc_sat_f32_s", {f32(-1e10f)}) == kMin32);
  CHECK(t.u32("i32.trunc_sat_f32_s", {f32(1e10f)}) == 0x7FFFFFFFu);
  CHECK(t.u32("i32.trunc_sat_f64_u", {f64(-5.0)}) == 0);
  CHECK(t.u32("i32.trunc_sat_f64_u", {f64(1e300)}) == 0xFFFFFFFFu);
  CHECK(t.u64("i64.trunc_sat_f64_s", {f64(-std::numeric_limits<double>::infinity())}) == kMin64);
}

TEST_CASE("interp: integer to float and float conversions", "[interp][numeric]") {
  Fixture t;
  CHECK(t.f("f32.convert_i64_u", {i64(~0ull)}) == 18446744073709551616.0f);
  // Round to nearest even: 2^53 + 1 is not representable in f64.
  CHECK(t.d("f64.convert_i64_u", {i64((1ull << 53) + 1)}) == 9007199254740992.0);
  CHECK(t.f("f32.convert_i64_u", {i64(0x8000008000000001ull)}) == 9223373136366403584.0f);
  CHECK(bits(t.f("f32.demote_f64", {f64(-0.0)})) == bits(-0.0f));
  CHECK(std::isinf(t.f("f32.demote_f64", {f64(1e300)})));
  CHECK(bits(t.f("f32.reinterpret_i32", {i32(0x7FA00001u)})) == 0x7FA00001u);  // bits kept exactly
  CHECK(t.u64("i64.reinterpret_f64", {f64(-0.0)}) == kMin64);
}
