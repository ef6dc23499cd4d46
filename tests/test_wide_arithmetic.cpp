// Wide arithmetic: the 128-bit helpers of numerics.h at their edges
// (expected values worked out by hand in base 2^64), and the four
// instructions through a module, including their stack-style placement
// among other values.
#include <cstdint>

#include "interp/semantics/numerics.h"
#include "interp/semantics/wide_semantics.h"
#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

constexpr uint64_t kMax = UINT64_MAX;
constexpr uint64_t kMin64 = uint64_t{1} << 63;  // INT64_MIN's bits

bool is(num::Pair64 p, uint64_t lo, uint64_t hi) { return p.lo == lo && p.hi == hi; }

}  // namespace

TEST_CASE("wide numerics: add128 and sub128 carry and borrow across the halves", "[numerics][wide]") {
  CHECK(is(num::add128(kMax, 0, 1, 0), 0, 1));
  CHECK(is(num::add128(kMax, kMax, 1, 0), 0, 0));            // wraps modulo 2^128
  CHECK(is(num::add128(kMax, kMax, kMax, kMax), kMax - 1, kMax));
  CHECK(is(num::add128(5, 7, 6, 8), 11, 15));
  CHECK(is(num::sub128(0, 1, 1, 0), kMax, 0));
  CHECK(is(num::sub128(0, 0, 1, 0), kMax, kMax));            // 0 - 1 = -1
  CHECK(is(num::sub128(3, 9, 5, 2), kMax - 1, 6));
  CHECK(is(num::sub128(kMax, kMax, kMax, kMax), 0, 0));
}

TEST_CASE("wide numerics: the 128-bit products, unsigned and signed", "[numerics][wide]") {
  CHECK(is(num::mul_wide_u(kMax, kMax), 1, kMax - 1));       // (2^64-1)^2 = 2^128 - 2^65 + 1
  CHECK(is(num::mul_wide_u(uint64_t{1} << 32, uint64_t{1} << 32), 0, 1));
  CHECK(is(num::mul_wide_u(0x123456789ABCDEF0, 0), 0, 0));
  CHECK(is(num::mul_wide_u(kMax, 2), kMax - 1, 1));
  CHECK(is(num::mul_wide_s(kMax, kMax), 1, 0));              // -1 * -1
  CHECK(is(num::mul_wide_s(kMax, 1), kMax, kMax));           // -1
  CHECK(is(num::mul_wide_s(kMin64, kMin64), 0, uint64_t{1} << 62));  // 2^126
  CHECK(is(num::mul_wide_s(kMin64, kMax), kMin64, 0));       // 2^63
  CHECK(is(num::mul_wide_s(kMin64, 1), kMin64, kMax));       // -2^63
  CHECK(is(num::mul_wide_s(3, static_cast<uint64_t>(-2)), static_cast<uint64_t>(-6), kMax));
}

TEST_CASE("wide numerics: the rows read their operands in signature order", "[numerics][wide]") {
  const uint64_t four[] = {kMax, 0, 1, 0};
  CHECK(is(interp::wide::I64Add128(four), 0, 1));
  CHECK(is(interp::wide::I64Sub128(four), kMax - 1, 0));
  const uint64_t two[] = {kMax, kMax};
  CHECK(is(interp::wide::I64MulWideS(two), 1, 0));
  CHECK(is(interp::wide::I64MulWideU(two), 1, kMax - 1));
  static_assert(interp::wide::operand_count(Op::I64Add128) == 4);
  static_assert(interp::wide::operand_count(Op::I64MulWideU) == 2);
}

TEST_CASE("wide arithmetic through a module", "[interp][wide]") {
  Store store(Features::all());
  Instance* inst = instantiate_wat(store, R"(
(module
  ;; a 128-bit x * y + z, with values below and a local in between
  (func (export "muladd") (param $x i64) (param $y i64) (param $z i64) (result i32 i64 i64)
    (local $hi i64)
    (i32.const 77)
    (i64.mul_wide_u (local.get $x) (local.get $y))
    (local.set $hi)
    (local.get $hi)
    (local.get $z) (i64.const 0)
    (i64.add128)
    (local.set $hi)
    (local.get $hi))
  (func (export "neg") (param i64 i64) (result i64 i64)
    (i64.sub128 (i64.const 0) (i64.const 0) (local.get 0) (local.get 1)))
  (func (export "square_s") (param i64) (result i64 i64)
    (i64.mul_wide_s (local.get 0) (local.get 0)))
))");
  auto r = invoke(store, inst, "muladd", {i64(kMax), i64(kMax), i64(kMax)});
  REQUIRE(r.size() == 3);
  // (2^64-1)^2 + 2^64-1 = 2^128 - 2^64 = hi 2^64-1, lo 0
  CHECK(r[0].i32 == 77);
  CHECK(r[1].i64 == 0);
  CHECK(r[2].i64 == kMax);
  r = invoke(store, inst, "neg", {i64(1), i64(0)});
  REQUIRE(r.size() == 2);
  CHECK(r[0].i64 == kMax);
  CHECK(r[1].i64 == kMax);
  r = invoke(store, inst, "square_s", {i64(static_cast<uint64_t>(-3))});
  REQUIRE(r.size() == 2);
  CHECK(r[0].i64 == 9);
  CHECK(r[1].i64 == 0);
}

TEST_CASE("wide arithmetic: validation and the feature flag", "[interp][wide][validate]") {
  Failure one_result = failure_of([] {
    CompiledModule::from_text("(module (func (param i64 i64) (result i64) (i64.mul_wide_s (local.get 0) (local.get 1))))",
                              Features::all());
  });
  CHECK(one_result.kind == ErrorKind::Invalid);
  CHECK(one_result.message == "type mismatch");
  Features off = Features::all();
  off.wide_arithmetic = false;
  Failure text = failure_of([&] {
    CompiledModule::from_text("(module (func (param i64 i64) (result i64 i64) (i64.mul_wide_s (local.get 0) (local.get 1))))",
                              off);
  });
  CHECK(text.kind == ErrorKind::Malformed);
  CHECK(text.message == "unknown operator i64.mul_wide_s");
  // (func (param i64 i64) (result i64 i64) local.get 0 local.get 1 i64.mul_wide_u) in binary
  const std::vector<uint8_t> bytes = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x01, 0x60, 0x02,
                                      0x7e, 0x7e, 0x02, 0x7e, 0x7e, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x0a, 0x01, 0x08,
                                      0x00, 0x20, 0x00, 0x20, 0x01, 0xfc, 0x16, 0x0b};
  CHECK_FALSE(failure_of([&] { CompiledModule::from_binary(std::span<const uint8_t>(bytes), Features::all()); }).thrown);
  Failure binary = failure_of([&] { CompiledModule::from_binary(std::span<const uint8_t>(bytes), off); });
  CHECK(binary.kind == ErrorKind::Malformed);
  CHECK(binary.message == "illegal opcode");
}
