// Unit tests for interp/semantics/numerics.h. Expected bit patterns come from the
// spec's definitions (exec/numerics.rst) and exact integer arithmetic, not
// from the host's libm.
#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>
#include <limits>
#include <string>

#include "interp/semantics/numerics.h"
#include "wasmrun/error.h"

namespace num = wasmrun::num;
using wasmrun::Error;
using wasmrun::ErrorKind;

namespace {

uint32_t b32(float x) { return std::bit_cast<uint32_t>(x); }
uint64_t b64(double x) { return std::bit_cast<uint64_t>(x); }
float f32(uint32_t b) { return std::bit_cast<float>(b); }
double f64(uint64_t b) { return std::bit_cast<double>(b); }

constexpr float kInfF = std::numeric_limits<float>::infinity();
constexpr double kInf = std::numeric_limits<double>::infinity();
const float kNanF = f32(0x7FC00000u);    // canonical
const float kSNanF = f32(0x7FA00001u);   // signalling, payload 0x200001
const double kNan = f64(0x7FF8000000000000ull);
const double kSNan = f64(0x7FF4000000000001ull);

// The trap message f throws, or "" if it throws nothing (or not a trap).
template <class F>
std::string trap_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind() == ErrorKind::Trap ? e.what() : "not a trap";
  }
  return "";
}

const std::string kOverflow = "integer overflow";
const std::string kInvalid = "invalid conversion to integer";
const std::string kDivZero = "integer divide by zero";

template <class I, class F>
std::string trunc_trap(F x) {
  return trap_of([x] { (void)num::trunc_checked<I>(x); });
}

}  // namespace

TEST_CASE("fmin/fmax: signed zeros", "[numerics]") {
  CHECK(b32(num::fmin(0.0f, -0.0f)) == 0x80000000u);
  CHECK(b32(num::fmin(-0.0f, 0.0f)) == 0x80000000u);
  CHECK(b32(num::fmax(0.0f, -0.0f)) == 0x00000000u);
  CHECK(b32(num::fmax(-0.0f, 0.0f)) == 0x00000000u);
  CHECK(b64(num::fmin(0.0, -0.0)) == 0x8000000000000000ull);
  CHECK(b64(num::fmin(-0.0, 0.0)) == 0x8000000000000000ull);
  CHECK(b64(num::fmax(-0.0, 0.0)) == 0);
  CHECK(b64(num::fmax(0.0, -0.0)) == 0);
  CHECK(b64(num::fmin(-0.0, -0.0)) == 0x8000000000000000ull);
  CHECK(b64(num::fmax(-0.0, -0.0)) == 0x8000000000000000ull);
}

TEST_CASE("fmin/fmax: ordinary values and infinities", "[numerics]") {
  CHECK(num::fmin(1.0f, 2.0f) == 1.0f);
  CHECK(num::fmin(2.0f, 1.0f) == 1.0f);
  CHECK(num::fmax(1.0f, 2.0f) == 2.0f);
  CHECK(num::fmax(-1.0, -2.0) == -1.0);
  CHECK(num::fmin(-kInf, 0.0) == -kInf);
  CHECK(num::fmax(kInf, 1e308) == kInf);
  CHECK(num::fmin(kInfF, -kInfF) == -kInfF);
  CHECK(num::fmin(1e-45f, 0.0f) == 0.0f);  // subnormal vs zero
}

TEST_CASE("fmin/fmax: NaN operands give quiet NaNs", "[numerics]") {
  // A canonical NaN operand gives a canonical NaN, either position.
  CHECK(b32(num::fmin(kNanF, 1.0f)) == 0x7FC00000u);
  CHECK(b32(num::fmin(1.0f, kNanF)) == 0x7FC00000u);
  CHECK(b32(num::fmax(-0.0f, kNanF)) == 0x7FC00000u);
  CHECK(b32(num::fmax(f32(0xFFC00000u), kInfF)) == 0xFFC00000u);
  CHECK(b64(num::fmin(kNan, -kInf)) == 0x7FF8000000000000ull);
  CHECK(b64(num::fmax(kInf, kNan)) == 0x7FF8000000000000ull);
  // A signalling NaN comes back quieted, payload kept (arithmetic NaN).
  CHECK(b32(num::fmin(kSNanF, 1.0f)) == 0x7FE00001u);
  CHECK(b32(num::fmax(1.0f, kSNanF)) == 0x7FE00001u);
  CHECK(b64(num::fmin(0.0, kSNan)) == 0x7FFC000000000001ull);
  CHECK(std::isnan(num::fmin(kNanF, kSNanF)));
  CHECK((b32(num::fmax(kSNanF, kNanF)) & 0x00400000u) != 0);
}

TEST_CASE("fnearest: ties to even, keeps -0", "[numerics]") {
  CHECK(b32(num::fnearest(0.5f)) == 0x00000000u);
  CHECK(num::fnearest(1.5f) == 2.0f);
  CHECK(num::fnearest(2.5f) == 2.0f);
  CHECK(num::fnearest(3.5f) == 4.0f);
  CHECK(b32(num::fnearest(-0.5f)) == 0x80000000u);
  CHECK(num::fnearest(-1.5f) == -2.0f);
  CHECK(num::fnearest(-2.5f) == -2.0f);
  CHECK(b32(num::fnearest(-0.0f)) == 0x80000000u);
  CHECK(b32(num::fnearest(-0.25f)) == 0x80000000u);
  CHECK(num::fnearest(0.49999997f) == 0.0f);
  CHECK(num::fnearest(8388609.0f) == 8388609.0f);  // 2^23 + 1: already integral
  CHECK(num::fnearest(kInfF) == kInfF);
  CHECK(b32(num::fnearest(kSNanF)) == 0x7FE00001u);

  CHECK(b64(num::fnearest(0.5)) == 0);
  CHECK(num::fnearest(2.5) == 2.0);
  CHECK(num::fnearest(-3.5) == -4.0);
  CHECK(b64(num::fnearest(-0.5)) == 0x8000000000000000ull);
  // The largest double below 0.5: round(x + 0.5) would wrongly give 1.
  CHECK(num::fnearest(0.49999999999999994) == 0.0);
  CHECK(num::fnearest(4503599627370497.0) == 4503599627370497.0);  // 2^52 + 1
  CHECK(num::fnearest(-kInf) == -kInf);
  CHECK(b64(num::fnearest(kSNan)) == 0x7FFC000000000001ull);
}

TEST_CASE("fceil/ffloor/ftrunc/fsqrt", "[numerics]") {
  CHECK(b32(num::fceil(-0.5f)) == 0x80000000u);
  CHECK(num::fceil(0.5f) == 1.0f);
  CHECK(num::fceil(-1.5f) == -1.0f);
  CHECK(num::ffloor(-0.5f) == -1.0f);
  CHECK(b32(num::ffloor(-0.0f)) == 0x80000000u);
  CHECK(num::ffloor(0.9f) == 0.0f);
  CHECK(b32(num::ftrunc(-0.9f)) == 0x80000000u);
  CHECK(num::ftrunc(1.9f) == 1.0f);
  CHECK(b64(num::fceil(-0.25)) == 0x8000000000000000ull);
  CHECK(num::ffloor(-1e-300) == -1.0);
  CHECK(num::ftrunc(-2.7) == -2.0);
  CHECK(num::fceil(kInf) == kInf);

  CHECK(b32(num::fceil(kSNanF)) == 0x7FE00001u);
  CHECK(b32(num::ffloor(kSNanF)) == 0x7FE00001u);
  CHECK(b32(num::ftrunc(kSNanF)) == 0x7FE00001u);
  CHECK(b64(num::fceil(kSNan)) == 0x7FFC000000000001ull);
  CHECK(b64(num::ftrunc(kNan)) == 0x7FF8000000000000ull);

  CHECK(num::fsqrt(4.0f) == 2.0f);
  CHECK(b32(num::fsqrt(-0.0f)) == 0x80000000u);
  CHECK(num::fsqrt(kInf) == kInf);
  // sqrt of a negative: a canonical NaN (either sign is allowed).
  CHECK((b32(num::fsqrt(-1.0f)) & 0x7FFFFFFFu) == 0x7FC00000u);
  CHECK((b64(num::fsqrt(-kInf)) & 0x7FFFFFFFFFFFFFFFull) == 0x7FF8000000000000ull);
  CHECK(b32(num::fsqrt(kSNanF)) == 0x7FE00001u);
  CHECK(b64(num::fsqrt(kSNan)) == 0x7FFC000000000001ull);
}

TEST_CASE("fabs_/fneg/fcopysign are pure bit operations", "[numerics]") {
  CHECK(b32(num::fneg(0.0f)) == 0x80000000u);
  CHECK(b32(num::fneg(-0.0f)) == 0x00000000u);
  CHECK(b32(num::fabs_(-0.0f)) == 0x00000000u);
  CHECK(num::fabs_(-3.0) == 3.0);
  CHECK(num::fneg(kInf) == -kInf);
  // NaNs keep every payload bit, signalling ones included.
  CHECK(b32(num::fneg(kSNanF)) == 0xFFA00001u);
  CHECK(b32(num::fabs_(f32(0xFFA00001u))) == 0x7FA00001u);
  CHECK(b32(num::fcopysign(kSNanF, -1.0f)) == 0xFFA00001u);
  CHECK(b32(num::fcopysign(f32(0xFFA00001u), kNanF)) == 0x7FA00001u);
  CHECK(b64(num::fneg(kSNan)) == 0xFFF4000000000001ull);
  CHECK(b64(num::fabs_(f64(0xFFF4000000000001ull))) == 0x7FF4000000000001ull);
  CHECK(b64(num::fcopysign(1.0, -0.0)) == b64(-1.0));
  CHECK(b64(num::fcopysign(-2.0, f64(0x7FF8000000000000ull))) == b64(2.0));
  CHECK(b32(num::fcopysign(0.0f, f32(0xFFC00000u))) == 0x80000000u);
}

TEST_CASE("trunc_checked: i32", "[numerics]") {
  // From f32: -2^31 is the lowest valid value; the next float down is not.
  CHECK(num::trunc_checked<int32_t>(f32(0xCF000000u)) == INT32_MIN);
  CHECK(trunc_trap<int32_t>(f32(0xCF000001u)) == kOverflow);
  CHECK(num::trunc_checked<int32_t>(f32(0x4EFFFFFFu)) == 2147483520);
  CHECK(trunc_trap<int32_t>(f32(0x4F000000u)) == kOverflow);  // 2^31
  // From f64: fractions beyond the limits still truncate into range.
  CHECK(num::trunc_checked<int32_t>(-2147483648.9) == INT32_MIN);
  CHECK(trunc_trap<int32_t>(-2147483649.0) == kOverflow);
  CHECK(num::trunc_checked<int32_t>(2147483647.9) == INT32_MAX);
  CHECK(trunc_trap<int32_t>(2147483648.0) == kOverflow);
  // Zeros, fractions, NaN, infinities.
  CHECK(num::trunc_checked<int32_t>(-0.0f) == 0);
  CHECK(num::trunc_checked<int32_t>(-0.9f) == 0);
  CHECK(num::trunc_checked<int32_t>(1e-45f) == 0);
  CHECK(num::trunc_checked<int32_t>(-1.9) == -1);
  CHECK(trunc_trap<int32_t>(kNanF) == kInvalid);
  CHECK(trunc_trap<int32_t>(f32(0xFFC00000u)) == kInvalid);
  CHECK(trunc_trap<int32_t>(kSNan) == kInvalid);
  CHECK(trunc_trap<int32_t>(kInfF) == kOverflow);
  CHECK(trunc_trap<int32_t>(-kInf) == kOverflow);
}

TEST_CASE("trunc_checked: u32", "[numerics]") {
  CHECK(num::trunc_checked<uint32_t>(-0.9f) == 0);  // truncates to -0
  CHECK(num::trunc_checked<uint32_t>(-0.0) == 0);
  CHECK(num::trunc_checked<uint32_t>(-0.99999999) == 0);
  CHECK(trunc_trap<uint32_t>(-1.0f) == kOverflow);
  CHECK(trunc_trap<uint32_t>(-1.0) == kOverflow);
  CHECK(num::trunc_checked<uint32_t>(f32(0x4F7FFFFFu)) == 4294967040u);
  CHECK(trunc_trap<uint32_t>(f32(0x4F800000u)) == kOverflow);  // 2^32
  CHECK(num::trunc_checked<uint32_t>(4294967295.9) == UINT32_MAX);
  CHECK(trunc_trap<uint32_t>(4294967296.0) == kOverflow);
  CHECK(num::trunc_checked<uint32_t>(2147483648.0f) == 0x80000000u);
  CHECK(trunc_trap<uint32_t>(kNan) == kInvalid);
  CHECK(trunc_trap<uint32_t>(kInf) == kOverflow);
  CHECK(trunc_trap<uint32_t>(-kInfF) == kOverflow);
}

TEST_CASE("trunc_checked: i64", "[numerics]") {
  CHECK(num::trunc_checked<int64_t>(f32(0xDF000000u)) == INT64_MIN);
  CHECK(trunc_trap<int64_t>(f32(0xDF000001u)) == kOverflow);
  CHECK(num::trunc_checked<int64_t>(f32(0x5EFFFFFFu)) == 9223371487098961920ll);
  CHECK(trunc_trap<int64_t>(f32(0x5F000000u)) == kOverflow);  // 2^63
  CHECK(num::trunc_checked<int64_t>(f64(0xC3E0000000000000ull)) == INT64_MIN);
  CHECK(trunc_trap<int64_t>(f64(0xC3E0000000000001ull)) == kOverflow);
  CHECK(num::trunc_checked<int64_t>(f64(0x43DFFFFFFFFFFFFFull)) == 9223372036854774784ll);
  CHECK(trunc_trap<int64_t>(9223372036854775808.0) == kOverflow);
  CHECK(num::trunc_checked<int64_t>(-0.9) == 0);
  CHECK(num::trunc_checked<int64_t>(-4294967296.5) == -4294967296ll);
  CHECK(trunc_trap<int64_t>(kNanF) == kInvalid);
  CHECK(trunc_trap<int64_t>(-kInf) == kOverflow);
}

TEST_CASE("trunc_checked: u64", "[numerics]") {
  CHECK(num::trunc_checked<uint64_t>(-0.9f) == 0);
  CHECK(trunc_trap<uint64_t>(-1.0) == kOverflow);
  CHECK(num::trunc_checked<uint64_t>(f32(0x5F7FFFFFu)) == 18446742974197923840ull);
  CHECK(trunc_trap<uint64_t>(f32(0x5F800000u)) == kOverflow);  // 2^64
  CHECK(num::trunc_checked<uint64_t>(f64(0x43EFFFFFFFFFFFFFull)) == 18446744073709549568ull);
  CHECK(trunc_trap<uint64_t>(18446744073709551616.0) == kOverflow);
  CHECK(num::trunc_checked<uint64_t>(9223372036854775808.0) == 0x8000000000000000ull);
  CHECK(trunc_trap<uint64_t>(kSNanF) == kInvalid);
  CHECK(trunc_trap<uint64_t>(kInf) == kOverflow);
}

TEST_CASE("trunc_sat: saturates at both limits, NaN is 0", "[numerics]") {
  CHECK(num::trunc_sat<int32_t>(f32(0xCF000000u)) == INT32_MIN);
  CHECK(num::trunc_sat<int32_t>(f32(0xCF000001u)) == INT32_MIN);
  CHECK(num::trunc_sat<int32_t>(f32(0x4EFFFFFFu)) == 2147483520);
  CHECK(num::trunc_sat<int32_t>(f32(0x4F000000u)) == INT32_MAX);
  CHECK(num::trunc_sat<int32_t>(-2147483648.9) == INT32_MIN);
  CHECK(num::trunc_sat<int32_t>(2147483647.9) == INT32_MAX);
  CHECK(num::trunc_sat<int32_t>(-1.5) == -1);
  CHECK(num::trunc_sat<int32_t>(kNanF) == 0);
  CHECK(num::trunc_sat<int32_t>(-kInf) == INT32_MIN);
  CHECK(num::trunc_sat<int32_t>(kInfF) == INT32_MAX);

  CHECK(num::trunc_sat<uint32_t>(-0.9f) == 0);
  CHECK(num::trunc_sat<uint32_t>(-1.0f) == 0);
  CHECK(num::trunc_sat<uint32_t>(-kInf) == 0);
  CHECK(num::trunc_sat<uint32_t>(4294967295.9) == UINT32_MAX);
  CHECK(num::trunc_sat<uint32_t>(4294967296.0) == UINT32_MAX);
  CHECK(num::trunc_sat<uint32_t>(f32(0x4F7FFFFFu)) == 4294967040u);
  CHECK(num::trunc_sat<uint32_t>(kSNan) == 0);

  CHECK(num::trunc_sat<int64_t>(f64(0xC3E0000000000001ull)) == INT64_MIN);
  CHECK(num::trunc_sat<int64_t>(f64(0xC3E0000000000000ull)) == INT64_MIN);
  CHECK(num::trunc_sat<int64_t>(9223372036854775808.0) == INT64_MAX);
  CHECK(num::trunc_sat<int64_t>(f64(0x43DFFFFFFFFFFFFFull)) == 9223372036854774784ll);
  CHECK(num::trunc_sat<int64_t>(f32(0x5F000000u)) == INT64_MAX);
  CHECK(num::trunc_sat<int64_t>(f64(0xFFF8000000000000ull)) == 0);

  CHECK(num::trunc_sat<uint64_t>(-1.0) == 0);
  CHECK(num::trunc_sat<uint64_t>(f32(0x5F800000u)) == UINT64_MAX);
  CHECK(num::trunc_sat<uint64_t>(f32(0x5F7FFFFFu)) == 18446742974197923840ull);
  CHECK(num::trunc_sat<uint64_t>(kInf) == UINT64_MAX);
  CHECK(num::trunc_sat<uint64_t>(kNanF) == 0);
}

TEST_CASE("convert: integers to floats, correctly rounded", "[numerics]") {
  // i32/u32 -> f32: ties to even.
  CHECK(b32(num::convert<float>(int32_t{0x1000001})) == 0x4B800000u);  // 2^24 + 1
  CHECK(b32(num::convert<float>(int32_t{0x1000003})) == 0x4B800002u);
  CHECK(b32(num::convert<float>(INT32_MAX)) == 0x4F000000u);
  CHECK(b32(num::convert<float>(INT32_MIN)) == 0xCF000000u);
  CHECK(b32(num::convert<float>(uint32_t{0x80000000u})) == 0x4F000000u);
  CHECK(b32(num::convert<float>(uint32_t{0xFFFFFF80u})) == 0x4F800000u);  // tie, up to even
  CHECK(b32(num::convert<float>(uint32_t{0xFFFFFF7Fu})) == 0x4F7FFFFFu);
  CHECK(b32(num::convert<float>(int32_t{-1})) == 0xBF800000u);
  CHECK(b64(num::convert<double>(uint32_t{0xFFFFFFFFu})) == b64(4294967295.0));
  CHECK(b64(num::convert<double>(INT32_MIN)) == b64(-2147483648.0));

  // i64/u64 -> f32: rounding through double would give the wrong answer
  // for every one of these (the double is an exact tie for f32).
  CHECK(b32(num::convert<float>(uint64_t{0x0020000020000001ull})) == 0x5A000001u);
  CHECK(b32(num::convert<float>(uint64_t{0x8000008000000001ull})) == 0x5F000001u);
  CHECK(b32(num::convert<float>(uint64_t{0xFFFFFE8000000001ull})) == 0x5F7FFFFFu);
  CHECK(b32(num::convert<float>(uint64_t{0x7FFFFF4000000001ull})) == 0x5EFFFFFFu);
  CHECK(b32(num::convert<float>(uint64_t{0x7FFFFFBFFFFFFFFFull})) == 0x5EFFFFFFu);
  CHECK(b32(num::convert<float>(int64_t{0x0020000020000001ll})) == 0x5A000001u);
  CHECK(b32(num::convert<float>(int64_t{0x7FFFFF4000000001ll})) == 0x5EFFFFFFu);
  CHECK(b32(num::convert<float>(int64_t{0x7FFFFFBFFFFFFFFFll})) == 0x5EFFFFFFu);
  CHECK(b32(num::convert<float>(static_cast<int64_t>(0x8000008000000001ull))) == 0xDEFFFFFFu);
  // Exact ties go to even; the maximum rounds up to 2^64.
  CHECK(b32(num::convert<float>(uint64_t{0x7FFFFF4000000000ull})) == 0x5EFFFFFEu);
  CHECK(b32(num::convert<float>(uint64_t{0x7FFFFFC000000000ull})) == 0x5F000000u);
  CHECK(b32(num::convert<float>(UINT64_MAX)) == 0x5F800000u);
  CHECK(b32(num::convert<float>(int64_t{-1})) == 0xBF800000u);
  CHECK(b32(num::convert<float>(INT64_MIN)) == 0xDF000000u);

  // i64/u64 -> f64.
  CHECK(b64(num::convert<double>(uint64_t{0x0020000000000001ull})) == 0x4340000000000000ull);
  CHECK(b64(num::convert<double>(uint64_t{0x0020000000000003ull})) == 0x4340000000000002ull);
  CHECK(b64(num::convert<double>(uint64_t{0x8000000000000401ull})) == 0x43E0000000000001ull);
  CHECK(b64(num::convert<double>(uint64_t{0x8000000000000400ull})) == 0x43E0000000000000ull);
  CHECK(b64(num::convert<double>(uint64_t{0x8000000000000C00ull})) == 0x43E0000000000002ull);
  CHECK(b64(num::convert<double>(uint64_t{0xFFFFFFFFFFFFF401ull})) == 0x43EFFFFFFFFFFFFFull);
  CHECK(b64(num::convert<double>(UINT64_MAX)) == 0x43F0000000000000ull);
  CHECK(b64(num::convert<double>(static_cast<int64_t>(0x8000000000000401ull))) ==
        0xC3DFFFFFFFFFFFFFull);
  CHECK(b64(num::convert<double>(INT64_MIN)) == 0xC3E0000000000000ull);
}

TEST_CASE("demote/promote", "[numerics]") {
  CHECK(num::demote(1.5) == 1.5f);
  CHECK(num::demote(1e300) == kInfF);
  CHECK(num::demote(-1e300) == -kInfF);
  CHECK(b32(num::demote(1e-300)) == 0x00000000u);
  CHECK(b32(num::demote(-1e-300)) == 0x80000000u);
  CHECK(b32(num::demote(-0.0)) == 0x80000000u);
  // Largest double that still rounds down to FLT_MAX, and the tie above it.
  CHECK(b32(num::demote(f64(0x47EFFFFFEFFFFFFFull))) == 0x7F7FFFFFu);
  CHECK(b32(num::demote(f64(0x47EFFFFFF0000000ull))) == 0x7F800000u);
  CHECK(b32(num::demote(0.1)) == 0x3DCCCCCDu);
  CHECK(b32(num::demote(kNan)) == 0x7FC00000u);
  CHECK(b32(num::demote(f64(0xFFF8000000000000ull))) == 0xFFC00000u);
  CHECK(b32(num::demote(kSNan)) == 0x7FE00000u);  // quieted, top payload bits kept
  CHECK(b32(num::demote(f64(0x7FF0000000000001ull))) == 0x7FC00000u);

  CHECK(num::promote(1.5f) == 1.5);
  CHECK(b64(num::promote(-0.0f)) == 0x8000000000000000ull);
  CHECK(num::promote(-kInfF) == -kInf);
  CHECK(num::promote(1e-45f) == f64(0x36A0000000000000ull));  // subnormal is exact
  CHECK(b64(num::promote(kNanF)) == 0x7FF8000000000000ull);
  CHECK(b64(num::promote(f32(0xFFC00000u))) == 0xFFF8000000000000ull);
  CHECK(b64(num::promote(f32(0x7FA00000u))) == 0x7FFC000000000000ull);
  CHECK(b64(num::promote(kSNanF)) == 0x7FFC000020000000ull);
}

TEST_CASE("rotates, bit counts, shifts", "[numerics]") {
  CHECK(num::rotl(uint32_t{0x80000001u}, 1) == 3u);
  CHECK(num::rotl(uint32_t{0x80000001u}, 33) == 3u);
  CHECK(num::rotl(uint32_t{0x12345678u}, 0) == 0x12345678u);
  CHECK(num::rotl(uint32_t{0x12345678u}, 32) == 0x12345678u);
  CHECK(num::rotr(uint32_t{1}, 1) == 0x80000000u);
  CHECK(num::rotr(uint32_t{0xABCD1234u}, 0xFFFFFFF0u) == 0x1234ABCDu);
  CHECK(num::rotl(uint64_t{1}, 65) == 2u);
  CHECK(num::rotr(uint64_t{1}, 1) == 0x8000000000000000ull);
  CHECK(num::rotl(INT32_MIN, 1) == 1);
  CHECK(num::rotr(int64_t{-2}, 1) == INT64_MAX);

  CHECK(num::clz(uint32_t{0}) == 32u);
  CHECK(num::clz(uint64_t{0}) == 64u);
  CHECK(num::clz(uint32_t{1}) == 31u);
  CHECK(num::clz(int32_t{-1}) == 0);
  CHECK(num::ctz(uint32_t{0}) == 32u);
  CHECK(num::ctz(uint64_t{0}) == 64u);
  CHECK(num::ctz(uint32_t{0x80000000u}) == 31u);
  CHECK(num::ctz(INT64_MIN) == 63);
  CHECK(num::popcnt(uint32_t{0xFFFFFFFFu}) == 32u);
  CHECK(num::popcnt(UINT64_MAX) == 64u);
  CHECK(num::popcnt(int32_t{-1}) == 32);
  CHECK(num::popcnt(uint64_t{0x8000000000000001ull}) == 2u);

  CHECK(num::shl(uint32_t{1}, uint32_t{31}) == 0x80000000u);
  CHECK(num::shl(uint32_t{1}, uint32_t{32}) == 1u);
  CHECK(num::shl(uint32_t{1}, uint32_t{33}) == 2u);
  CHECK(num::shl(uint64_t{1}, uint64_t{64}) == 1u);
  CHECK(num::shl(int32_t{1}, int32_t{-1}) == INT32_MIN);  // count 31
  CHECK(num::shl(int32_t{-1}, int32_t{4}) == -16);
  CHECK(num::shr_s(uint32_t{0x80000000u}, uint32_t{31}) == 0xFFFFFFFFu);
  CHECK(num::shr_s(uint32_t{0x80000000u}, uint32_t{63}) == 0xFFFFFFFFu);
  CHECK(num::shr_s(int64_t{-8}, int64_t{1}) == -4);
  CHECK(num::shr_s(int64_t{-1}, int64_t{64}) == -1);
  CHECK(num::shr_s(uint32_t{0x40000000u}, uint32_t{30}) == 1u);
  CHECK(num::shr_u(uint32_t{0x80000000u}, uint32_t{31}) == 1u);
  CHECK(num::shr_u(uint32_t{0x80000000u}, uint32_t{32}) == 0x80000000u);
  CHECK(num::shr_u(int32_t{-1}, int32_t{28}) == 0xF);
  CHECK(num::shr_u(int64_t{-1}, int64_t{63}) == 1);
  CHECK(num::shr_u(uint64_t{0x8000000000000000ull}, uint64_t{127}) == 1u);
}

TEST_CASE("division and remainder", "[numerics]") {
  CHECK(num::div_s(int32_t{7}, int32_t{-2}) == -3);  // toward zero
  CHECK(num::div_s(int32_t{-7}, int32_t{2}) == -3);
  CHECK(num::div_s(INT32_MIN, int32_t{1}) == INT32_MIN);
  CHECK(num::div_s(INT32_MIN, int32_t{2}) == -1073741824);
  CHECK(trap_of([] { (void)num::div_s(INT32_MIN, int32_t{-1}); }) == kOverflow);
  CHECK(trap_of([] { (void)num::div_s(INT64_MIN, int64_t{-1}); }) == kOverflow);
  CHECK(trap_of([] { (void)num::div_s(int32_t{1}, int32_t{0}); }) == kDivZero);
  CHECK(trap_of([] { (void)num::div_s(INT64_MIN, int64_t{0}); }) == kDivZero);
  // Unsigned storage, signed operation.
  CHECK(num::div_s(uint32_t{0xFFFFFFF9u}, uint32_t{2}) == static_cast<uint32_t>(-3));
  CHECK(trap_of([] { (void)num::div_s(uint32_t{0x80000000u}, uint32_t{0xFFFFFFFFu}); }) ==
        kOverflow);

  CHECK(num::div_u(uint32_t{0xFFFFFFFFu}, uint32_t{2}) == 0x7FFFFFFFu);
  CHECK(num::div_u(int32_t{-1}, int32_t{2}) == INT32_MAX);
  CHECK(num::div_u(uint64_t{0x8000000000000000ull}, UINT64_MAX) == 0u);
  CHECK(trap_of([] { (void)num::div_u(uint32_t{1}, uint32_t{0}); }) == kDivZero);
  CHECK(trap_of([] { (void)num::div_u(uint64_t{0}, uint64_t{0}); }) == kDivZero);

  CHECK(num::rem_s(int32_t{-7}, int32_t{2}) == -1);  // sign of the dividend
  CHECK(num::rem_s(int32_t{7}, int32_t{-2}) == 1);
  CHECK(num::rem_s(INT32_MIN, int32_t{-1}) == 0);  // no trap
  CHECK(num::rem_s(INT64_MIN, int64_t{-1}) == 0);
  CHECK(num::rem_s(INT32_MIN, int32_t{2}) == 0);
  CHECK(num::rem_s(int64_t{-5}, int64_t{-3}) == -2);
  CHECK(num::rem_s(uint32_t{0x80000000u}, uint32_t{0xFFFFFFFFu}) == 0u);
  CHECK(trap_of([] { (void)num::rem_s(int32_t{1}, int32_t{0}); }) == kDivZero);
  CHECK(trap_of([] { (void)num::rem_s(INT64_MIN, int64_t{0}); }) == kDivZero);

  CHECK(num::rem_u(uint32_t{0xFFFFFFFFu}, uint32_t{10}) == 5u);
  CHECK(num::rem_u(int64_t{-1}, int64_t{10}) == 5);  // 2^64 - 1 mod 10
  CHECK(trap_of([] { (void)num::rem_u(uint32_t{1}, uint32_t{0}); }) == kDivZero);
  CHECK(trap_of([] { (void)num::rem_u(uint64_t{1}, uint64_t{0}); }) == kDivZero);
}

TEST_CASE("extend_s", "[numerics]") {
  CHECK(num::extend_s<uint32_t, 8>(0x80u) == 0xFFFFFF80u);
  CHECK(num::extend_s<uint32_t, 8>(0x7Fu) == 0x7Fu);
  CHECK(num::extend_s<uint32_t, 8>(0x12345680u) == 0xFFFFFF80u);  // high bits ignored
  CHECK(num::extend_s<uint32_t, 8>(0xFFFFFF01u) == 1u);
  CHECK(num::extend_s<uint32_t, 16>(0x8000u) == 0xFFFF8000u);
  CHECK(num::extend_s<uint32_t, 16>(0xABCD7FFFu) == 0x7FFFu);
  CHECK(num::extend_s<int32_t, 8>(0xFF) == -1);
  CHECK(num::extend_s<uint64_t, 8>(0xFFull) == UINT64_MAX);
  CHECK(num::extend_s<uint64_t, 16>(0x7FFFull) == 0x7FFFu);
  CHECK(num::extend_s<uint64_t, 32>(0x80000000ull) == 0xFFFFFFFF80000000ull);
  CHECK(num::extend_s<uint64_t, 32>(0xFFFFFFFF7FFFFFFFull) == 0x7FFFFFFFull);
  CHECK(num::extend_s<int64_t, 32>(0x00000000FFFFFFFFll) == -1);
}
