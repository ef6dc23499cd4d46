// Relaxed SIMD: each of the 20 instructions on inputs where the relaxed
// semantics leaves a choice (out-of-range swizzle indices, NaN and
// out-of-range truncations, inputs where fused and unfused multiply-add
// differ, partial laneselect masks, NaN and signed-zero min/max, the
// q15mulr overflow, dot products with the second operand's top bit set),
// checking wasmrun's deterministic choice (docs/STATUS.md) both on the
// function in interp/semantics/simd_relaxed.h and through a module that
// runs the instruction; then the feature flag.
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "interp/semantics/simd_ops.h"
#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;
using simd::V;

namespace {

template <class L, size_t K>
V vec(const L (&lanes)[K]) {
  static_assert(K * sizeof(L) == 16);
  V v;
  std::memcpy(&v, lanes, 16);
  return v;
}

// Lanes of 32 bits in hex, so a failure shows the bits (NaN payloads,
// the sign of zero) rather than a rounded decimal.
std::string hex(const uint8_t* bytes) {
  std::string s;
  for (int i = 0; i < 16; i += 4) {
    uint32_t w;
    std::memcpy(&w, bytes + i, 4);
    s += fmt::format("{}{:08x}", i ? " " : "", w);
  }
  return s;
}
std::string hex(V v) {
  uint8_t b[16];
  std::memcpy(b, &v, 16);
  return hex(b);
}

using Direct = V (*)(const V*);

// Runs `op` (its text name) with `arity` v128 operands both as the
// simd_ops.h function and in a compiled module, and checks both against
// `want`.
void check_op(const char* op, unsigned arity, std::vector<V> in, V want, Direct direct) {
  REQUIRE(in.size() == arity);
  INFO(op);
  CHECK(hex(direct(in.data())) == hex(want));

  std::string params, gets;
  for (unsigned i = 0; i < arity; ++i) {
    params += " v128";
    gets += fmt::format(" (local.get {})", i);
  }
  Store store(Features::all());
  Instance* inst = instantiate_wat(
      store, fmt::format("(module (func (export \"f\") (param{}) (result v128) ({}{})))", params, op, gets));
  std::vector<Value> args;
  for (const V& v : in) {
    V128 b;
    std::memcpy(b.bytes, &v, 16);
    args.push_back(Value::from_v128(b));
  }
  auto r = invoke(store, inst, "f", args);
  REQUIRE(r.size() == 1);
  REQUIRE(r[0].type == ValType::V128);
  CHECK(hex(r[0].v128.bytes) == hex(want));
}

const float kNanF = std::bit_cast<float>(0x7FC00000u);  // canonical, positive
const double kNanD = std::bit_cast<double>(0x7FF8000000000000ull);
constexpr int32_t kMaxI32 = std::numeric_limits<int32_t>::max();
constexpr int32_t kMinI32 = std::numeric_limits<int32_t>::min();
constexpr uint32_t kMaxU32 = std::numeric_limits<uint32_t>::max();

}  // namespace

TEST_CASE("relaxed simd: i8x16.relaxed_swizzle zeroes every out-of-range index", "[simd][relaxed]") {
  const uint8_t a[16] = {0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
                         0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F};
  // 16..127 may also take a[i % 16]; 128..255 are always 0.
  const uint8_t s[16] = {0, 15, 16, 17, 31, 127, 128, 255, 3, 200, 7, 64, 8, 0x8F, 1, 2};
  const uint8_t want[16] = {0x10, 0x1F, 0, 0, 0, 0, 0, 0, 0x13, 0, 0x17, 0, 0x18, 0, 0x11, 0x12};
  check_op("i8x16.relaxed_swizzle", 2, {vec(a), vec(s)}, vec(want),
           [](const V* v) { return simd::I8x16RelaxedSwizzle(v[0], v[1]); });
}

TEST_CASE("relaxed simd: the relaxed truncations saturate and map NaN to 0", "[simd][relaxed]") {
  const float fs[4] = {-1.9f, kNanF, 3e9f, -3e9f};
  const int32_t ws[4] = {-1, 0, kMaxI32, kMinI32};
  check_op("i32x4.relaxed_trunc_f32x4_s", 1, {vec(fs)}, vec(ws),
           [](const V* v) { return simd::I32x4RelaxedTruncF32x4S(v[0]); });

  const float fu[4] = {3e9f, kNanF, 5e9f, -1.9f};
  const uint32_t wu[4] = {3000000000u, 0, kMaxU32, 0};
  check_op("i32x4.relaxed_trunc_f32x4_u", 1, {vec(fu)}, vec(wu),
           [](const V* v) { return simd::I32x4RelaxedTruncF32x4U(v[0]); });

  const double ds[2] = {kNanD, -1e10};
  const int32_t wds[4] = {0, kMinI32, 0, 0};
  check_op("i32x4.relaxed_trunc_f64x2_s_zero", 1, {vec(ds)}, vec(wds),
           [](const V* v) { return simd::I32x4RelaxedTruncF64x2SZero(v[0]); });
  const double ds2[2] = {2147483647.9, -2.5};
  const int32_t wds2[4] = {kMaxI32, -2, 0, 0};
  check_op("i32x4.relaxed_trunc_f64x2_s_zero", 1, {vec(ds2)}, vec(wds2),
           [](const V* v) { return simd::I32x4RelaxedTruncF64x2SZero(v[0]); });

  const double du[2] = {4294967295.9, -1.0};
  const uint32_t wdu[4] = {kMaxU32, 0, 0, 0};
  check_op("i32x4.relaxed_trunc_f64x2_u_zero", 1, {vec(du)}, vec(wdu),
           [](const V* v) { return simd::I32x4RelaxedTruncF64x2UZero(v[0]); });
  const double du2[2] = {kNanD, 1e10};
  const uint32_t wdu2[4] = {0, kMaxU32, 0, 0};
  check_op("i32x4.relaxed_trunc_f64x2_u_zero", 1, {vec(du2)}, vec(wdu2),
           [](const V* v) { return simd::I32x4RelaxedTruncF64x2UZero(v[0]); });
}

// x * y rounds to exactly -z, so the unfused result is 0 where a fused
// multiply-add gives the rounding error (2^-37 for f32, 2^-53 for f64).
TEST_CASE("relaxed simd: f32x4.relaxed_madd and nmadd round twice", "[simd][relaxed]") {
  const float big = std::numeric_limits<float>::max();
  const float x = 0x1.000004p+0f, y = 0x1.0002p+0f, z = -0x1.000204p+0f;
  const float a[4] = {x, big, 2.0f, -0.0f};
  const float b[4] = {y, 2.0f, 3.0f, 1.0f};
  const float c[4] = {z, -big, 4.0f, 0.0f};
  // FLT_MAX * 2 overflows to inf before the addition; -0 * 1 + 0 = +0
  const float madd[4] = {0.0f, INFINITY, 10.0f, 0.0f};
  check_op("f32x4.relaxed_madd", 3, {vec(a), vec(b), vec(c)}, vec(madd),
           [](const V* v) { return simd::F32x4RelaxedMadd(v[0], v[1], v[2]); });
  const float nc[4] = {-z, big, 10.0f, -0.0f};
  // -(x * y) + -z = 0; -(FLT_MAX * 2) + FLT_MAX = -inf; -(6) + 10; -(-0) + -0 = +0
  const float nmadd[4] = {0.0f, -INFINITY, 4.0f, 0.0f};
  check_op("f32x4.relaxed_nmadd", 3, {vec(a), vec(b), vec(nc)}, vec(nmadd),
           [](const V* v) { return simd::F32x4RelaxedNmadd(v[0], v[1], v[2]); });
}

TEST_CASE("relaxed simd: f64x2.relaxed_madd and nmadd round twice", "[simd][relaxed]") {
  const double x = 0x1.00000004p+0, y = 0x1.000002p+0, z = -0x1.00000204p+0;
  const double big = std::numeric_limits<double>::max();
  const double a[2] = {x, big}, b[2] = {y, 2.0}, c[2] = {z, -big};
  const double madd[2] = {0.0, INFINITY};
  check_op("f64x2.relaxed_madd", 3, {vec(a), vec(b), vec(c)}, vec(madd),
           [](const V* v) { return simd::F64x2RelaxedMadd(v[0], v[1], v[2]); });
  const double nc[2] = {-z, 1.5};
  const double nmadd[2] = {0.0, -INFINITY};
  check_op("f64x2.relaxed_nmadd", 3, {vec(a), vec(b), vec(nc)}, vec(nmadd),
           [](const V* v) { return simd::F64x2RelaxedNmadd(v[0], v[1], v[2]); });
  const double a2[2] = {3.0, -2.0}, b2[2] = {0.5, 4.0}, c2[2] = {1.0, 1.0};
  const double nmadd2[2] = {-0.5, 9.0};
  check_op("f64x2.relaxed_nmadd", 3, {vec(a2), vec(b2), vec(c2)}, vec(nmadd2),
           [](const V* v) { return simd::F64x2RelaxedNmadd(v[0], v[1], v[2]); });
}

// A partial mask selects bit by bit (v128.bitselect) at every lane width,
// including the i16 mask 0x0080 whose byte-wise top bits differ from the
// lane's top bit.
TEST_CASE("relaxed simd: the laneselects are bitselect", "[simd][relaxed]") {
  const uint8_t a8[16] = {0, 1, 0x12, 0x12, 0x12, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  const uint8_t b8[16] = {16, 17, 0x34, 0x34, 0x34, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};
  const uint8_t m8[16] = {0xFF, 0, 0xF0, 0x0F, 0x80, 0, 0, 0, 0xFF, 0, 0, 0, 0, 0, 0, 0};
  const uint8_t w8[16] = {0, 17, 0x14, 0x32, 0x34, 21, 22, 23, 8, 25, 26, 27, 28, 29, 30, 31};
  check_op("i8x16.relaxed_laneselect", 3, {vec(a8), vec(b8), vec(m8)}, vec(w8),
           [](const V* v) { return simd::I8x16RelaxedLaneselect(v[0], v[1], v[2]); });

  const uint16_t a16[8] = {0, 1, 0x1234, 0x1234, 0x12B4, 5, 6, 7};
  const uint16_t b16[8] = {8, 9, 0x5678, 0x5678, 0x5678, 13, 14, 15};
  const uint16_t m16[8] = {0xFFFF, 0, 0xFF00, 0x00FF, 0x0080, 0, 0, 0};
  const uint16_t w16[8] = {0, 9, 0x1278, 0x5634, 0x56F8, 13, 14, 15};
  check_op("i16x8.relaxed_laneselect", 3, {vec(a16), vec(b16), vec(m16)}, vec(w16),
           [](const V* v) { return simd::I16x8RelaxedLaneselect(v[0], v[1], v[2]); });

  const uint32_t a32[4] = {0, 1, 0x12341234, 0x12341234};
  const uint32_t b32[4] = {4, 5, 0x56785678, 0x56785678};
  const uint32_t m32[4] = {0xFFFFFFFF, 0, 0xFFFF0000, 0x80000000};
  const uint32_t w32[4] = {0, 5, 0x12345678, 0x56785678};
  check_op("i32x4.relaxed_laneselect", 3, {vec(a32), vec(b32), vec(m32)}, vec(w32),
           [](const V* v) { return simd::I32x4RelaxedLaneselect(v[0], v[1], v[2]); });

  const uint64_t a64[2] = {0x1234123412341234, 0x1234123412341234};
  const uint64_t b64[2] = {0x5678567856785678, 0x5678567856785678};
  const uint64_t m64[2] = {0xFFFFFFFF00000000, 0x8000000000000000};
  const uint64_t w64[2] = {0x1234123456785678, 0x5678567856785678};
  check_op("i64x2.relaxed_laneselect", 3, {vec(a64), vec(b64), vec(m64)}, vec(w64),
           [](const V* v) { return simd::I64x2RelaxedLaneselect(v[0], v[1], v[2]); });
}

TEST_CASE("relaxed simd: relaxed min and max are the wasm min and max", "[simd][relaxed]") {
  const float a[4] = {kNanF, -0.0f, 0.0f, -INFINITY};
  const float b[4] = {1.0f, 0.0f, kNanF, 5.0f};
  const float mn[4] = {kNanF, -0.0f, kNanF, -INFINITY};
  const float mx[4] = {kNanF, 0.0f, kNanF, 5.0f};
  check_op("f32x4.relaxed_min", 2, {vec(a), vec(b)}, vec(mn),
           [](const V* v) { return simd::F32x4RelaxedMin(v[0], v[1]); });
  check_op("f32x4.relaxed_max", 2, {vec(a), vec(b)}, vec(mx),
           [](const V* v) { return simd::F32x4RelaxedMax(v[0], v[1]); });
  // zeros of opposite sign in either order
  const float c[4] = {0.0f, -0.0f, 2.0f, -3.0f};
  const float d[4] = {-0.0f, 0.0f, -2.0f, -4.0f};
  const float mn2[4] = {-0.0f, -0.0f, -2.0f, -4.0f};
  const float mx2[4] = {0.0f, 0.0f, 2.0f, -3.0f};
  check_op("f32x4.relaxed_min", 2, {vec(c), vec(d)}, vec(mn2),
           [](const V* v) { return simd::F32x4RelaxedMin(v[0], v[1]); });
  check_op("f32x4.relaxed_max", 2, {vec(c), vec(d)}, vec(mx2),
           [](const V* v) { return simd::F32x4RelaxedMax(v[0], v[1]); });

  const double e[2] = {0.0, 1.0}, f[2] = {-0.0, kNanD};
  const double dmn[2] = {-0.0, kNanD}, dmx[2] = {0.0, kNanD};
  check_op("f64x2.relaxed_min", 2, {vec(e), vec(f)}, vec(dmn),
           [](const V* v) { return simd::F64x2RelaxedMin(v[0], v[1]); });
  check_op("f64x2.relaxed_max", 2, {vec(e), vec(f)}, vec(dmx),
           [](const V* v) { return simd::F64x2RelaxedMax(v[0], v[1]); });
  const double g[2] = {kNanD, -7.5}, h[2] = {-0.0, 7.5};
  const double gmn[2] = {kNanD, -7.5}, gmx[2] = {kNanD, 7.5};
  check_op("f64x2.relaxed_min", 2, {vec(g), vec(h)}, vec(gmn),
           [](const V* v) { return simd::F64x2RelaxedMin(v[0], v[1]); });
  check_op("f64x2.relaxed_max", 2, {vec(g), vec(h)}, vec(gmx),
           [](const V* v) { return simd::F64x2RelaxedMax(v[0], v[1]); });
}

TEST_CASE("relaxed simd: i16x8.relaxed_q15mulr_s saturates the one overflow", "[simd][relaxed]") {
  const int16_t a[8] = {-32768, 16384, -1, 32767, -32768, 100, -16384, 0};
  const int16_t b[8] = {-32768, 16384, 1, 32767, 32767, -200, 3, 5};
  // (a * b + 2^14) >> 15: 2^30 + 2^14 -> 32768 saturates; 2^28 + 2^14 ->
  // 8192; -1 + 2^14 -> 0; 0x3FFF0001 + 2^14 -> 32766; ...
  const int16_t want[8] = {32767, 8192, 0, 32766, -32767, -1, -1, 0};
  check_op("i16x8.relaxed_q15mulr_s", 2, {vec(a), vec(b)}, vec(want),
           [](const V* v) { return simd::I16x8RelaxedQ15mulrS(v[0], v[1]); });
}

// The second operand's bytes count as signed, and each pair sum saturates
// to i16.
TEST_CASE("relaxed simd: i16x8.relaxed_dot_i8x16_i7x16_s", "[simd][relaxed]") {
  const int8_t a[16] = {-128, -128, 127, 127, -128, -128, 1, 2, 1, 1, 0, 0, 5, -6, 0, 0};
  const int8_t b[16] = {-128, -128, 127, 127, 127, 127, 3, 4, -1, -1, 0, 0, 7, 8, 0, 0};
  // 2 * 16384 = 32768 -> 32767; 2 * 16129; 2 * -16256; 3 + 8; -1 - 1
  // (0xFF as unsigned would give 510); 0; 35 - 48; 0
  const int16_t want[8] = {32767, 32258, -32512, 11, -2, 0, -13, 0};
  check_op("i16x8.relaxed_dot_i8x16_i7x16_s", 2, {vec(a), vec(b)}, vec(want),
           [](const V* v) { return simd::I16x8RelaxedDotI8x16I7x16S(v[0], v[1]); });
}

TEST_CASE("relaxed simd: i32x4.relaxed_dot_i8x16_i7x16_add_s", "[simd][relaxed]") {
  const int8_t a[16] = {-128, -128, -128, -128, 1, 2, 3, 4, 127, 127, 127, 127, 1, 1, 1, 1};
  const int8_t b[16] = {-128, -128, -128, -128, 5, 6, 7, 8, 127, 127, 127, 127, -128, -128, -128, -128};
  const int32_t c[4] = {1, -70, kMaxI32, 0};
  // 32767 + 32767 (each pair saturated) + 1; 17 + 53 - 70; 32258 * 2 +
  // INT32_MAX wraps; -256 - 256
  const int32_t want[4] = {65535, 0, kMinI32 + 64515, -512};
  check_op("i32x4.relaxed_dot_i8x16_i7x16_add_s", 3, {vec(a), vec(b), vec(c)}, vec(want),
           [](const V* v) { return simd::I32x4RelaxedDotI8x16I7x16AddS(v[0], v[1], v[2]); });
}

TEST_CASE("relaxed simd: validation and the feature flag", "[simd][relaxed][validate]") {
  Failure arity = failure_of([] {
    CompiledModule::from_text(
        "(module (func (param v128 v128) (result v128) (f32x4.relaxed_madd (local.get 0) (local.get 1))))",
        Features::all());
  });
  CHECK(arity.kind == ErrorKind::Invalid);
  CHECK(arity.message.starts_with("type mismatch"));

  Features off = Features::all();
  off.relaxed_simd = false;
  Failure text = failure_of([&] {
    CompiledModule::from_text("(module (func (param v128) (result v128) (i32x4.relaxed_trunc_f32x4_s (local.get 0))))",
                              off);
  });
  CHECK(text.kind == ErrorKind::Malformed);
  CHECK(text.message == "unknown operator i32x4.relaxed_trunc_f32x4_s");

  // (func (param v128 v128) (result v128) local.get 0 local.get 1
  //  i8x16.relaxed_swizzle): the opcode is 0xFD then u32 0x100 (0x80 0x02)
  const std::vector<uint8_t> bytes = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60,
                                      0x02, 0x7b, 0x7b, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x0b, 0x01,
                                      0x09, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x80, 0x02, 0x0b};
  CHECK_FALSE(failure_of([&] { CompiledModule::from_binary(std::span<const uint8_t>(bytes), Features::all()); }).thrown);
  Failure binary = failure_of([&] { CompiledModule::from_binary(std::span<const uint8_t>(bytes), off); });
  CHECK(binary.kind == ErrorKind::Malformed);
  CHECK(binary.message == "illegal opcode");
  std::string described;
  try {
    CompiledModule::from_binary(std::span<const uint8_t>(bytes), off);
  } catch (const Error& e) {
    described = e.describe();
  }
  CHECK(described.find("needs feature relaxed-simd") != std::string::npos);

  // The code after the last relaxed opcode, 0x114, is not an instruction.
  std::vector<uint8_t> next = bytes;
  next[31] = 0x94;
  Failure unknown = failure_of([&] { CompiledModule::from_binary(std::span<const uint8_t>(next), Features::all()); });
  CHECK(unknown.kind == ErrorKind::Malformed);
  CHECK(unknown.message == "illegal opcode");
}

TEST_CASE("relaxed simd: the same inputs give the same result every time", "[simd][relaxed]") {
  Store store(Features::all());
  Instance* inst = instantiate_wat(store, R"(
(module
  (func (export "same") (param v128 v128 v128) (result v128)
    (v128.and
      (v128.and
        (f32x4.eq (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2))
                  (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
        (i8x16.eq (i8x16.relaxed_swizzle (local.get 0) (local.get 1))
                  (i8x16.relaxed_swizzle (local.get 0) (local.get 1))))
      (i32x4.eq (i32x4.relaxed_trunc_f32x4_u (local.get 2))
                (i32x4.relaxed_trunc_f32x4_u (local.get 2)))))))");
  const float a[4] = {0x1.000004p+0f, 3e9f, 1.5f, -2.0f};
  const float b[4] = {0x1.0002p+0f, 7.0f, 2.0f, 0.5f};
  const float c[4] = {-0x1.000204p+0f, -5e9f, 1e10f, -1.0f};
  std::vector<Value> args;
  for (const V& v : {vec(a), vec(b), vec(c)}) {
    V128 x;
    std::memcpy(x.bytes, &v, 16);
    args.push_back(Value::from_v128(x));
  }
  auto r = invoke(store, inst, "same", args);
  REQUIRE(r.size() == 1);
  const uint32_t ones[4] = {kMaxU32, kMaxU32, kMaxU32, kMaxU32};
  CHECK(hex(r[0].v128.bytes) == hex(vec(ones)));
}
