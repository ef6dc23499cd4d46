// Unit tests for interp/semantics/simd_ops.h (the wasm SIMD operators).
//
// Three layers:
//  - a compile-time check that every 0xFD row of loader/opcodes.def has a
//    function of the right name and signature (so a missing or mistyped
//    operator fails the build, not a spec test run);
//  - hand-picked values at each family's edges (saturation, rounding ties,
//    NaN and signed zeros, out-of-range lanes), mostly the cases the 2.0
//    testsuite's simd_*.wast scripts pin;
//  - randomized comparisons of every lane-wise operator against a naive
//    per-lane reference written from the spec's definitions (interp/
//    numerics.h's scalar helpers for the float rules), over inputs biased
//    towards lane boundaries and float special values.
#include <array>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <random>
#include <string_view>
#include <type_traits>
#include <vector>

#include "interp/semantics/numerics.h"
#include "interp/semantics/simd_ops.h"

namespace simd = wasmrun::simd;
namespace num = wasmrun::num;
using simd::V;

// ---- Compile-time: one function per SIMD row, with the derived signature --

namespace sigcheck {

// One letter per parameter/result type, as in opcodes.def's sig strings;
// p / P are the const / mutable memory pointers (and the shuffle lanes).
// A lane index is `unsigned`, the same type as uint32_t, hence 'i'.
template <class T>
constexpr char code() {
  if constexpr (std::is_same_v<T, V>)
    return 'v';
  else if constexpr (std::is_same_v<T, uint32_t>)
    return 'i';
  else if constexpr (std::is_same_v<T, uint64_t>)
    return 'I';
  else if constexpr (std::is_same_v<T, float>)
    return 'f';
  else if constexpr (std::is_same_v<T, double>)
    return 'F';
  else if constexpr (std::is_same_v<T, const uint8_t*>)
    return 'p';
  else if constexpr (std::is_same_v<T, uint8_t*>)
    return 'P';
  else
    return '?';
}

// The signature the brief derives from a row: the sig's operands in order
// (the address operand 'a' becomes a pointer, mutable for stores, i.e.
// rows without results), then an `unsigned lane` for lane immediates or
// the 16 lane bytes for shuffle.
template <class R, class... A>
constexpr bool matches(R (*)(A...), std::string_view imm, std::string_view sig) {
  const auto colon = sig.find(':');
  const std::string_view params = sig.substr(0, colon), results = sig.substr(colon + 1);
  char want[8] = {};
  size_t n = 0;
  for (char c : params) want[n++] = c == 'a' ? (results.empty() ? 'P' : 'p') : c;
  if (imm == "Lane" || imm == "MemArgLane") want[n++] = 'i';
  if (imm == "Shuffle") want[n++] = 'p';
  if (sizeof...(A) != n) return false;
  const char have[] = {code<A>()..., '\0'};
  for (size_t i = 0; i < n; ++i)
    if (have[i] != want[i]) return false;
  if constexpr (std::is_void_v<R>)
    return results.empty();
  else
    return results.size() == 1 && results[0] == code<R>();
}

// Only 0xFD rows are checked; v128.const (the only V128 immediate) has no
// function. An immediate kind not listed here is a new kind of SIMD row:
// the undefined macro then fails the build until someone looks at it.
#define WASMRUN_SIMD_ROW_0x00(x)
#define WASMRUN_SIMD_ROW_0xFB(x)
#define WASMRUN_SIMD_ROW_0xFC(x)
#define WASMRUN_SIMD_ROW_0xFD(x) x
#define WASMRUN_SIMD_ROW_0xFE(x)
#define WASMRUN_SIMD_FN(name, imm, sig)                                               \
  static_assert(matches(&simd::name, #imm, sig), "wasmrun::simd::" #name              \
                                                 " does not have the signature that " \
                                                 "opcodes.def's sig " sig " implies");
#define WASMRUN_SIMD_CHECK_None WASMRUN_SIMD_FN
#define WASMRUN_SIMD_CHECK_Lane WASMRUN_SIMD_FN
#define WASMRUN_SIMD_CHECK_Shuffle WASMRUN_SIMD_FN
#define WASMRUN_SIMD_CHECK_MemArg WASMRUN_SIMD_FN
#define WASMRUN_SIMD_CHECK_MemArgLane WASMRUN_SIMD_FN
#define WASMRUN_SIMD_CHECK_V128(name, imm, sig)
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) \
  WASMRUN_SIMD_ROW_##prefix(WASMRUN_SIMD_CHECK_##imm(name, imm, sig))
#include "loader/opcodes.def"
#undef WASM_OP

}  // namespace sigcheck

namespace {

// ---- Building and reading vectors ------------------------------------------

template <class L>
constexpr unsigned N = 16 / sizeof(L);

// Lanes are compared as these wider types so Catch prints numbers, not
// characters.
template <class L>
using Print =
    std::conditional_t<(sizeof(L) < 4), std::conditional_t<std::is_signed_v<L>, int, unsigned>, L>;

template <class L, class... A>
V mk(A... x) {
  static_assert(sizeof...(A) == N<L>);
  const L lanes[] = {static_cast<L>(x)...};
  V v;
  std::memcpy(&v, lanes, sizeof v);
  return v;
}
template <class L>
V all(L x) {
  L lanes[N<L>];
  for (auto& l : lanes) l = x;
  V v;
  std::memcpy(&v, lanes, sizeof v);
  return v;
}
template <class L>
L lane(V v, unsigned i) {
  L lanes[N<L>];
  std::memcpy(lanes, &v, sizeof v);
  return lanes[i];
}
template <class L>
std::array<Print<L>, N<L>> lanes(V v) {
  std::array<Print<L>, N<L>> r;
  for (unsigned i = 0; i < N<L>; ++i) r[i] = lane<L>(v, i);
  return r;
}
// The expected lanes, each first truncated to L (so ex<uint8_t>(-1) is 255).
template <class L, class... A>
std::array<Print<L>, N<L>> ex(A... x) {
  static_assert(sizeof...(A) == N<L>);
  return {static_cast<Print<L>>(static_cast<L>(x))...};
}

uint32_t b32(float x) { return std::bit_cast<uint32_t>(x); }
uint64_t b64(double x) { return std::bit_cast<uint64_t>(x); }
float f32(uint32_t b) { return std::bit_cast<float>(b); }
double f64(uint64_t b) { return std::bit_cast<double>(b); }

// Float lanes as bit patterns (distinguishes -0 from +0 and NaN payloads).
std::array<uint32_t, 4> fbits(V v) {
  std::array<uint32_t, 4> r;
  for (unsigned i = 0; i < 4; ++i) r[i] = b32(lane<float>(v, i));
  return r;
}
std::array<uint64_t, 2> dbits(V v) { return {b64(lane<double>(v, 0)), b64(lane<double>(v, 1))}; }
std::array<uint32_t, 4> fx(float a, float b, float c, float d) {
  return {b32(a), b32(b), b32(c), b32(d)};
}
std::array<uint64_t, 2> dx(double a, double b) { return {b64(a), b64(b)}; }

constexpr float kInfF = std::numeric_limits<float>::infinity();
constexpr double kInf = std::numeric_limits<double>::infinity();
const float kNanF = f32(0x7FC00000u);   // canonical
const float kSNanF = f32(0x7FA00001u);  // signalling
const float kArithNanF = f32(0x7FC12345u);
const double kNan = f64(0x7FF8000000000000ull);
const double kSNan = f64(0x7FF4000000000001ull);

// Canonical up to sign (the spec's nan:canonical accepts both signs);
// arithmetic = quiet bit set.
bool canonical(float x) { return (b32(x) & 0x7FFFFFFFu) == 0x7FC00000u; }
bool canonical(double x) { return (b64(x) & 0x7FFF'FFFF'FFFF'FFFFull) == 0x7FF8'0000'0000'0000ull; }
bool arithmetic(float x) { return std::isnan(x) && (b32(x) & 0x00400000u); }
bool arithmetic(double x) { return std::isnan(x) && (b64(x) & 0x0008'0000'0000'0000ull); }

// ---- Random inputs, biased towards the edges --------------------------------

std::mt19937_64& rng() {
  static std::mt19937_64 r(0x5EED'51AD);
  return r;
}

template <class L>
L rand_int_lane() {
  using Lim = std::numeric_limits<L>;
  const L special[] = {L(0),
                       L(1),
                       L(2),
                       static_cast<L>(-1),
                       static_cast<L>(-2),
                       Lim::min(),
                       static_cast<L>(Lim::min() + 1),
                       Lim::max(),
                       static_cast<L>(Lim::max() - 1),
                       static_cast<L>(Lim::max() / 2),
                       static_cast<L>(Lim::max() / 2 + 1)};
  uint64_t r = rng()();
  if (r % 3 == 0) return special[(r >> 8) % std::size(special)];
  return static_cast<L>(r >> 16);
}

template <class F>
F rand_float_lane() {
  using Bits = std::conditional_t<std::is_same_v<F, float>, uint32_t, uint64_t>;
  constexpr bool kSingle = std::is_same_v<F, float>;
  const F big = kSingle ? F(0x1p23) : F(0x1p52);
  const F special[] = {F(0),
                       -F(0),
                       F(0.5),
                       -F(0.5),
                       F(1.5),
                       -F(1.5),
                       F(2.5),
                       -F(2.5),
                       F(1),
                       -F(1),
                       big - F(0.5),
                       -(big - F(0.5)),
                       big,
                       -big,
                       big + 1,
                       F(0x1p31),
                       -F(0x1p31),
                       F(0x1p32),
                       F(4294967040.0),
                       F(2147483520.0),
                       F(-2147483904.0),
                       F(4294967295.5),
                       F(-2147483648.5),
                       F(2147483647.5),
                       std::numeric_limits<F>::infinity(),
                       -std::numeric_limits<F>::infinity(),
                       std::numeric_limits<F>::max(),
                       std::numeric_limits<F>::denorm_min(),
                       -std::numeric_limits<F>::min(),
                       std::numeric_limits<F>::epsilon(),
                       std::bit_cast<F>(kSingle ? Bits(0x7FC00000u) : Bits(0x7FF8000000000000ull)),
                       std::bit_cast<F>(kSingle ? Bits(0xFFC00000u) : Bits(0xFFF8000000000000ull)),
                       std::bit_cast<F>(kSingle ? Bits(0x7FA00001u) : Bits(0x7FF4000000000001ull)),
                       std::bit_cast<F>(kSingle ? Bits(0xFFC12345u) : Bits(0xFFF8000012345000ull))};
  uint64_t r = rng()();
  switch (r % 6) {
    case 0:
    case 1:
      return special[(r >> 8) % std::size(special)];
    case 2:
      return std::bit_cast<F>(static_cast<Bits>(rng()()));
    case 3:  // quarters in [-8, 8): rounding ties and near-ties
      return F(static_cast<int>((r >> 8) % 64) - 32) / 4;
    case 4: {  // magnitudes around the integer-precision limit and 2^31/2^32
      int e = static_cast<int>((r >> 8) % (kSingle ? 12 : 40)) + (kSingle ? 21 : 21);
      F base = std::ldexp(F(1), e);
      F x = base + F(static_cast<int>((r >> 20) % 64) - 32) / 4;
      return (r >> 40) & 1 ? -x : x;
    }
    default:  // ordinary values with fractions
      return F(static_cast<int64_t>(rng()() % 2000001) - 1000000) / F(1 << ((r >> 8) % 12));
  }
}

template <class L>
V rand_vec() {
  L x[N<L>];
  for (auto& l : x) {
    if constexpr (std::is_floating_point_v<L>)
      l = rand_float_lane<L>();
    else
      l = rand_int_lane<L>();
  }
  V v;
  std::memcpy(&v, x, sizeof v);
  return v;
}

constexpr int kIters = 2000;

// The random sweeps compare millions of lanes; only a failing comparison
// reaches Catch (which then reports it and stops the test case), so the
// assertion count stays readable. Each sweep adds one SUCCEED.
#define LANE_REQUIRE(...)                     \
  do {                                        \
    if (!(__VA_ARGS__)) REQUIRE(__VA_ARGS__); \
  } while (0)

// Lane values compared as long long / unsigned long long so failures print
// as numbers.
template <class L>
auto wide(L x) {
  if constexpr (std::is_signed_v<L>)
    return static_cast<long long>(x);
  else
    return static_cast<unsigned long long>(x);
}

// Checks op against ref lane by lane, same lane shape in and out.
template <class L, class Op, class Ref>
void diff_unary_int(Op op, Ref ref) {
  for (int k = 0; k < kIters; ++k) {
    V a = rand_vec<L>(), r = op(a);
    for (unsigned i = 0; i < N<L>; ++i) {
      INFO("lane " << i << " a=" << wide(lane<L>(a, i)));
      LANE_REQUIRE(wide(lane<L>(r, i)) == wide(static_cast<L>(ref(lane<L>(a, i)))));
    }
  }
  SUCCEED();
}
template <class L, class Op, class Ref>
void diff_binary_int(Op op, Ref ref) {
  for (int k = 0; k < kIters; ++k) {
    V a = rand_vec<L>(), b = rand_vec<L>(), r = op(a, b);
    for (unsigned i = 0; i < N<L>; ++i) {
      INFO("lane " << i << " a=" << wide(lane<L>(a, i)) << " b=" << wide(lane<L>(b, i)));
      LANE_REQUIRE(wide(lane<L>(r, i)) == wide(static_cast<L>(ref(lane<L>(a, i), lane<L>(b, i)))));
    }
  }
  SUCCEED();
}
template <class L, class Op, class Ref>
void diff_shift(Op op, Ref ref) {
  for (int k = 0; k < kIters; ++k) {
    V a = rand_vec<L>();
    uint32_t n = static_cast<uint32_t>(rng()());
    if (k % 2) n %= 160;  // mostly counts near the lane widths
    V r = op(a, n);
    for (unsigned i = 0; i < N<L>; ++i) {
      INFO("lane " << i << " a=" << wide(lane<L>(a, i)) << " n=" << n);
      LANE_REQUIRE(wide(lane<L>(r, i)) == wide(static_cast<L>(ref(lane<L>(a, i), n))));
    }
  }
  SUCCEED();
}

// A float result against the reference: same bits for numbers; for NaN,
// canonical when every NaN input is canonical, arithmetic otherwise. The
// inputs may be of the other float type (demote, promote).
template <class F, class G>
void check_float(F got, F want, std::initializer_list<G> inputs) {
  if (!std::isnan(want)) {
    if constexpr (std::is_same_v<F, float>)
      LANE_REQUIRE(b32(got) == b32(want));
    else
      LANE_REQUIRE(b64(got) == b64(want));
    return;
  }
  LANE_REQUIRE(std::isnan(got));
  bool all_canonical = true;
  for (G x : inputs)
    if (std::isnan(x) && !canonical(x)) all_canonical = false;
  if (all_canonical)
    LANE_REQUIRE(canonical(got));
  else
    LANE_REQUIRE(arithmetic(got));
}

template <class F, class Op, class Ref>
void diff_unary_float(Op op, Ref ref) {
  for (int k = 0; k < kIters; ++k) {
    V a = rand_vec<F>(), r = op(a);
    for (unsigned i = 0; i < N<F>; ++i) {
      F x = lane<F>(a, i);
      INFO("lane " << i << " a=" << x << " bits " << std::hex
                   << wide(std::bit_cast<std::conditional_t<sizeof(F) == 4, uint32_t, uint64_t>>(
                          x)));
      check_float(lane<F>(r, i), ref(x), {x});
    }
  }
  SUCCEED();
}
template <class F, class Op, class Ref>
void diff_binary_float(Op op, Ref ref) {
  for (int k = 0; k < kIters; ++k) {
    V a = rand_vec<F>(), b = rand_vec<F>(), r = op(a, b);
    for (unsigned i = 0; i < N<F>; ++i) {
      F x = lane<F>(a, i), y = lane<F>(b, i);
      INFO("lane " << i << " a=" << x << " b=" << y);
      check_float(lane<F>(r, i), ref(x, y), {x, y});
    }
  }
  SUCCEED();
}
// Bit-exact (pmin/pmax, abs, neg: no NaN rules, operands pass unchanged).
template <class F, class Op, class Ref>
void diff_binary_float_exact(Op op, Ref ref) {
  using B = std::conditional_t<sizeof(F) == 4, uint32_t, uint64_t>;
  for (int k = 0; k < kIters; ++k) {
    V a = rand_vec<F>(), b = rand_vec<F>(), r = op(a, b);
    for (unsigned i = 0; i < N<F>; ++i) {
      F x = lane<F>(a, i), y = lane<F>(b, i);
      INFO("lane " << i << " a=" << x << " b=" << y);
      LANE_REQUIRE(std::bit_cast<B>(lane<F>(r, i)) == std::bit_cast<B>(ref(x, y)));
    }
  }
  SUCCEED();
}
// Float comparison: all-ones / zero lanes of the float's width.
template <class F, class Op, class Ref>
void diff_compare_float(Op op, Ref ref) {
  using I = std::conditional_t<sizeof(F) == 4, int32_t, int64_t>;
  for (int k = 0; k < kIters; ++k) {
    V a = rand_vec<F>(), b = rand_vec<F>(), r = op(a, b);
    for (unsigned i = 0; i < N<F>; ++i) {
      F x = lane<F>(a, i), y = lane<F>(b, i);
      INFO("lane " << i << " a=" << x << " b=" << y);
      LANE_REQUIRE(lane<I>(r, i) == (ref(x, y) ? I(-1) : I(0)));
    }
  }
  SUCCEED();
}

template <class T>
constexpr T sat(long long x) {
  using Lim = std::numeric_limits<T>;
  return static_cast<T>(x < static_cast<long long>(Lim::min())   ? Lim::min()
                        : x > static_cast<long long>(Lim::max()) ? Lim::max()
                                                                 : x);
}

}  // namespace

// ===========================================================================
// Hand-picked values
// ===========================================================================

TEST_CASE("simd: bitwise, any_true, all_true", "[simd]") {
  V a = mk<uint32_t>(0xF0F0F0F0u, 0, ~0u, 0x12345678u);
  V b = mk<uint32_t>(0xFF00FF00u, ~0u, 0, 0x0000FFFFu);
  CHECK(lanes<uint32_t>(simd::V128Not(a)) == ex<uint32_t>(0x0F0F0F0Fu, ~0u, 0, 0xEDCBA987u));
  CHECK(lanes<uint32_t>(simd::V128And(a, b)) == ex<uint32_t>(0xF000F000u, 0, 0, 0x5678u));
  CHECK(lanes<uint32_t>(simd::V128Andnot(a, b)) == ex<uint32_t>(0x00F000F0u, 0, ~0u, 0x12340000u));
  CHECK(lanes<uint32_t>(simd::V128Or(a, b)) == ex<uint32_t>(0xFFF0FFF0u, ~0u, ~0u, 0x1234FFFFu));
  CHECK(lanes<uint32_t>(simd::V128Xor(a, b)) == ex<uint32_t>(0x0FF00FF0u, ~0u, ~0u, 0x1234A987u));
  // c selects a's bits where 1.
  V c = mk<uint32_t>(0xFFFF0000u, 0x0F0F0F0Fu, 0, ~0u);
  CHECK(lanes<uint32_t>(simd::V128Bitselect(a, b, c)) ==
        ex<uint32_t>(0xF0F0FF00u, 0xF0F0F0F0u, 0, 0x12345678u));

  CHECK(simd::V128AnyTrue(V{}) == 0);
  CHECK(simd::V128AnyTrue(mk<uint8_t>(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80)) == 1);
  CHECK(simd::V128AnyTrue(mk<uint8_t>(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) == 1);

  // all_true looks at whole lanes: one zero lane of the shape is enough.
  V ones = all<uint8_t>(1);
  CHECK(simd::I8x16AllTrue(ones) == 1);
  CHECK(simd::I8x16AllTrue(mk<uint8_t>(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0)) == 0);
  CHECK(simd::I16x8AllTrue(mk<uint16_t>(0x100, 1, 1, 1, 1, 1, 1, 1)) == 1);
  CHECK(simd::I16x8AllTrue(mk<uint8_t>(1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0)) == 0);
  CHECK(simd::I32x4AllTrue(mk<uint32_t>(1, 0x80000000u, 0x10000, 0x100)) == 1);
  CHECK(simd::I32x4AllTrue(mk<uint32_t>(1, 1, 0, 1)) == 0);
  CHECK(simd::I64x2AllTrue(mk<uint64_t>(1, 1ull << 63)) == 1);
  CHECK(simd::I64x2AllTrue(mk<uint64_t>(0, 1)) == 0);
  CHECK(simd::I8x16AllTrue(V{}) == 0);
}

TEST_CASE("simd: bitmask collects lane sign bits", "[simd]") {
  CHECK(simd::I8x16Bitmask(mk<int8_t>(-1, 0, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1)) ==
        0x8005u);
  CHECK(simd::I8x16Bitmask(all<int8_t>(-1)) == 0xFFFFu);
  CHECK(simd::I8x16Bitmask(all<int8_t>(127)) == 0);
  CHECK(simd::I16x8Bitmask(mk<int16_t>(-1, 1, 0x7FFF, -32768, 0, 0, 0, -2)) == 0x89u);
  CHECK(simd::I32x4Bitmask(mk<int32_t>(0, -1, INT32_MIN, 1)) == 0x6u);
  CHECK(simd::I64x2Bitmask(mk<int64_t>(1, -1)) == 0x2u);
  CHECK(simd::I64x2Bitmask(mk<int64_t>(INT64_MIN, INT64_MAX)) == 0x1u);
}

TEST_CASE("simd: saturating add/sub at the boundaries", "[simd]") {
  V a = mk<int8_t>(127, -128, 100, -100, 0, 1, -1, 127, -128, 50, 0, 0, 0, 0, 0, 0);
  V b = mk<int8_t>(1, -1, 100, -100, -128, 127, -128, -128, 127, -50, 0, 0, 0, 0, 0, 0);
  CHECK(lanes<int8_t>(simd::I8x16AddSatS(a, b)) ==
        ex<int8_t>(127, -128, 127, -128, -128, 127, -128, -1, -1, 0, 0, 0, 0, 0, 0, 0));
  CHECK(lanes<int8_t>(simd::I8x16SubSatS(a, b)) ==
        ex<int8_t>(126, -127, 0, 0, 127, -126, 127, 127, -128, 100, 0, 0, 0, 0, 0, 0));

  V c = mk<uint8_t>(255, 0, 200, 1, 128, 0, 255, 10, 0, 0, 0, 0, 0, 0, 0, 0);
  V d = mk<uint8_t>(1, 1, 100, 255, 128, 0, 255, 20, 0, 0, 0, 0, 0, 0, 0, 0);
  CHECK(lanes<uint8_t>(simd::I8x16AddSatU(c, d)) ==
        ex<uint8_t>(255, 1, 255, 255, 255, 0, 255, 30, 0, 0, 0, 0, 0, 0, 0, 0));
  CHECK(lanes<uint8_t>(simd::I8x16SubSatU(c, d)) ==
        ex<uint8_t>(254, 0, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

  V e = mk<int16_t>(32767, -32768, 32767, -32768, 1, -1, 0, 20000);
  V f = mk<int16_t>(1, -1, -32768, 32767, 32767, -32768, -32768, 20000);
  CHECK(lanes<int16_t>(simd::I16x8AddSatS(e, f)) ==
        ex<int16_t>(32767, -32768, -1, -1, 32767, -32768, -32768, 32767));
  CHECK(lanes<int16_t>(simd::I16x8SubSatS(e, f)) ==
        ex<int16_t>(32766, -32767, 32767, -32768, -32766, 32767, 32767, 0));
  V g = mk<uint16_t>(65535, 0, 40000, 1, 0, 0, 0, 0);
  V h = mk<uint16_t>(1, 1, 40000, 65535, 0, 0, 0, 0);
  CHECK(lanes<uint16_t>(simd::I16x8AddSatU(g, h)) ==
        ex<uint16_t>(65535, 1, 65535, 65535, 0, 0, 0, 0));
  CHECK(lanes<uint16_t>(simd::I16x8SubSatU(g, h)) == ex<uint16_t>(65534, 0, 0, 0, 0, 0, 0, 0));
}

TEST_CASE("simd: wrapping arithmetic, abs, neg, popcnt", "[simd]") {
  CHECK(lanes<int8_t>(simd::I8x16Add(all<int8_t>(127), all<int8_t>(1))) ==
        lanes<int8_t>(all<int8_t>(-128)));
  CHECK(lanes<int16_t>(simd::I16x8Mul(all<int16_t>(0x4000), all<int16_t>(4))) ==
        lanes<int16_t>(V{}));
  CHECK(lanes<int16_t>(simd::I16x8Mul(mk<int16_t>(-3, 300, 255, -1, 0, 1, 2, 3),
                                      mk<int16_t>(7, 300, 255, -1, 5, -1, -2, 3))) ==
        ex<int16_t>(-21, 90000, 65025, 1, 0, -1, -4, 9));
  CHECK(lanes<int32_t>(simd::I32x4Mul(mk<int32_t>(0x10000, -7, INT32_MIN, 3),
                                      mk<int32_t>(0x10000, 6, -1, -3))) ==
        ex<int32_t>(0, -42, INT32_MIN, -9));
  CHECK(lanes<uint64_t>(simd::I64x2Mul(mk<uint64_t>(0x1'0000'0001ull, ~0ull),
                                       mk<uint64_t>(0x1'0000'0001ull, ~0ull))) ==
        ex<uint64_t>(0x2'0000'0001ull, 1));
  CHECK(lanes<int64_t>(simd::I64x2Sub(mk<int64_t>(INT64_MIN, 0), mk<int64_t>(1, 1))) ==
        ex<int64_t>(INT64_MAX, -1));

  // abs and neg of the most negative lane value are that value.
  CHECK(lanes<int8_t>(
            simd::I8x16Abs(mk<int8_t>(-128, -127, -1, 0, 1, 127, -5, 5, 0, 0, 0, 0, 0, 0, 0, 0))) ==
        ex<int8_t>(-128, 127, 1, 0, 1, 127, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0));
  CHECK(lanes<int16_t>(simd::I16x8Abs(mk<int16_t>(-32768, -32767, -1, 0, 1, 32767, -300, 300))) ==
        ex<int16_t>(-32768, 32767, 1, 0, 1, 32767, 300, 300));
  CHECK(lanes<int32_t>(simd::I32x4Abs(mk<int32_t>(INT32_MIN, -1, INT32_MAX, 0))) ==
        ex<int32_t>(INT32_MIN, 1, INT32_MAX, 0));
  CHECK(lanes<int64_t>(simd::I64x2Abs(mk<int64_t>(INT64_MIN, -42))) == ex<int64_t>(INT64_MIN, 42));
  CHECK(lanes<int8_t>(
            simd::I8x16Neg(mk<int8_t>(-128, 127, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))) ==
        ex<int8_t>(-128, -127, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  CHECK(lanes<int64_t>(simd::I64x2Neg(mk<int64_t>(INT64_MIN, 1))) == ex<int64_t>(INT64_MIN, -1));

  CHECK(lanes<uint8_t>(simd::I8x16Popcnt(mk<uint8_t>(0, 1, 2, 3, 0x55, 0xAA, 0xFF, 0x80, 0x7F, 0x0F,
                                                     0xF0, 0x11, 0x3C, 0xFE, 0x01, 0x10))) ==
        ex<uint8_t>(0, 1, 1, 2, 4, 4, 8, 1, 7, 4, 4, 2, 4, 7, 1, 1));
}

TEST_CASE("simd: min/max and avgr_u", "[simd]") {
  V a = mk<int8_t>(-128, 127, -1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  V b = mk<int8_t>(127, -128, 1, -1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  CHECK(lanes<int8_t>(simd::I8x16MinS(a, b)) ==
        ex<int8_t>(-128, -128, -1, -1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  CHECK(lanes<uint8_t>(simd::I8x16MinU(a, b)) ==
        ex<uint8_t>(127, 127, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  CHECK(lanes<int8_t>(simd::I8x16MaxS(a, b)) ==
        ex<int8_t>(127, 127, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  CHECK(lanes<uint8_t>(simd::I8x16MaxU(a, b)) ==
        ex<uint8_t>(128, 128, 255, 255, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  CHECK(lanes<uint32_t>(simd::I32x4MinU(mk<uint32_t>(0x80000000u, 1, 0, ~0u),
                                        mk<uint32_t>(1, 0x80000000u, ~0u, ~0u))) ==
        ex<uint32_t>(1, 1, 0, ~0u));
  CHECK(lanes<int32_t>(
            simd::I32x4MaxS(mk<int32_t>(INT32_MIN, 1, 0, -1), mk<int32_t>(1, INT32_MIN, -1, -1))) ==
        ex<int32_t>(1, 1, 0, -1));

  // (a + b + 1) / 2 without overflow of the lane.
  CHECK(lanes<uint8_t>(simd::I8x16AvgrU(
            mk<uint8_t>(0, 0, 1, 255, 254, 0, 3, 100, 0, 0, 0, 0, 0, 0, 0, 0),
            mk<uint8_t>(0, 1, 1, 255, 255, 255, 4, 201, 0, 0, 0, 0, 0, 0, 0, 0))) ==
        ex<uint8_t>(0, 1, 1, 255, 255, 128, 4, 151, 0, 0, 0, 0, 0, 0, 0, 0));
  CHECK(lanes<uint16_t>(simd::I16x8AvgrU(mk<uint16_t>(65535, 65535, 0, 1, 2, 0, 0, 0),
                                         mk<uint16_t>(0, 65535, 1, 2, 2, 0, 0, 0))) ==
        ex<uint16_t>(32768, 65535, 1, 2, 2, 0, 0, 0));
}

TEST_CASE("simd: shifts take the count modulo the lane width", "[simd]") {
  V a8 = mk<int8_t>(1, -128, -1, 64, 0x0F, -2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  CHECK(lanes<int8_t>(simd::I8x16Shl(a8, 1)) ==
        ex<int8_t>(2, 0, -2, -128, 0x1E, -4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  CHECK(lanes<int8_t>(simd::I8x16Shl(a8, 8)) == lanes<int8_t>(a8));
  CHECK(lanes<int8_t>(simd::I8x16Shl(a8, 9)) == lanes<int8_t>(simd::I8x16Shl(a8, 1)));
  CHECK(lanes<int8_t>(simd::I8x16ShrS(a8, 7)) ==
        ex<int8_t>(0, -1, -1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  CHECK(lanes<int8_t>(simd::I8x16ShrS(a8, 15)) == lanes<int8_t>(simd::I8x16ShrS(a8, 7)));
  CHECK(lanes<uint8_t>(simd::I8x16ShrU(a8, 7)) ==
        ex<uint8_t>(0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  CHECK(lanes<uint8_t>(simd::I8x16ShrU(a8, 0xFFFFFFF9u)) == lanes<uint8_t>(simd::I8x16ShrU(a8, 1)));

  V a16 = mk<int16_t>(-32768, 1, -1, 0x1234, 0, 0, 0, 0);
  CHECK(lanes<int16_t>(simd::I16x8ShrS(a16, 16)) == lanes<int16_t>(a16));
  CHECK(lanes<int16_t>(simd::I16x8ShrS(a16, 17)) == ex<int16_t>(-16384, 0, -1, 0x91A, 0, 0, 0, 0));
  CHECK(lanes<uint16_t>(simd::I16x8ShrU(a16, 33)) ==
        ex<uint16_t>(16384, 0, 32767, 0x91A, 0, 0, 0, 0));
  CHECK(lanes<int16_t>(simd::I16x8Shl(a16, 4)) == ex<int16_t>(0, 16, -16, 0x2340, 0, 0, 0, 0));

  V a32 = mk<int32_t>(INT32_MIN, 1, -1, 0x12345678);
  CHECK(lanes<int32_t>(simd::I32x4Shl(a32, 32)) == lanes<int32_t>(a32));
  CHECK(lanes<int32_t>(simd::I32x4Shl(a32, 63)) == ex<int32_t>(0, INT32_MIN, INT32_MIN, 0));
  CHECK(lanes<int32_t>(simd::I32x4ShrS(a32, 31)) == ex<int32_t>(-1, 0, -1, 0));
  CHECK(lanes<uint32_t>(simd::I32x4ShrU(a32, 36)) ==
        ex<uint32_t>(0x08000000u, 0, 0x0FFFFFFFu, 0x01234567u));

  V a64 = mk<int64_t>(INT64_MIN, -1);
  CHECK(lanes<int64_t>(simd::I64x2Shl(a64, 64)) == lanes<int64_t>(a64));
  CHECK(lanes<int64_t>(simd::I64x2Shl(a64, 65)) == ex<int64_t>(0, -2));
  CHECK(lanes<int64_t>(simd::I64x2ShrS(a64, 127)) == ex<int64_t>(-1, -1));
  CHECK(lanes<uint64_t>(simd::I64x2ShrU(a64, 63)) == ex<uint64_t>(1, 1));
  CHECK(lanes<uint64_t>(simd::I64x2ShrU(a64, 128)) == lanes<uint64_t>(a64));
}

TEST_CASE("simd: integer comparisons", "[simd]") {
  V a = mk<int8_t>(-1, 0, 1, -128, 127, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  V b = mk<int8_t>(1, 0, -1, 127, -128, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1);
  CHECK(lanes<int8_t>(simd::I8x16LtS(a, b)) ==
        ex<int8_t>(-1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  CHECK(lanes<int8_t>(simd::I8x16LtU(a, b)) ==
        ex<int8_t>(0, 0, -1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1));
  CHECK(lanes<int8_t>(simd::I8x16GeU(a, b)) ==
        ex<int8_t>(-1, -1, 0, -1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0));
  CHECK(lanes<int8_t>(simd::I8x16Eq(a, b)) ==
        ex<int8_t>(0, -1, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0));
  CHECK(lanes<int16_t>(simd::I16x8GtU(mk<int16_t>(-1, 1, 0, 0, 0, 0, 0, 0),
                                      mk<int16_t>(1, -1, 0, 0, 0, 0, 0, 0))) ==
        ex<int16_t>(-1, 0, 0, 0, 0, 0, 0, 0));
  CHECK(lanes<int32_t>(
            simd::I32x4LeS(mk<int32_t>(INT32_MIN, 0, 1, -1), mk<int32_t>(INT32_MAX, 0, 0, -2))) ==
        ex<int32_t>(-1, -1, 0, 0));
  // i64x2 comparisons are signed.
  V c = mk<int64_t>(-1, INT64_MAX), d = mk<int64_t>(1, INT64_MIN);
  CHECK(lanes<int64_t>(simd::I64x2LtS(c, d)) == ex<int64_t>(-1, 0));
  CHECK(lanes<int64_t>(simd::I64x2GtS(c, d)) == ex<int64_t>(0, -1));
  CHECK(lanes<int64_t>(simd::I64x2LeS(c, c)) == ex<int64_t>(-1, -1));
  CHECK(lanes<int64_t>(simd::I64x2GeS(d, c)) == ex<int64_t>(-1, 0));
  CHECK(lanes<int64_t>(simd::I64x2Ne(c, d)) == ex<int64_t>(-1, -1));
  CHECK(lanes<int64_t>(simd::I64x2Eq(c, mk<int64_t>(-1, 0))) == ex<int64_t>(-1, 0));
}

TEST_CASE("simd: narrow saturates", "[simd]") {
  V a = mk<int16_t>(128, -129, 127, -128, 32767, -32768, 255, 256);
  V b = mk<int16_t>(0, -1, 1, 0x7F, 0x80, 0xFF, -255, 300);
  CHECK(lanes<int8_t>(simd::I8x16NarrowI16x8S(a, b)) ==
        ex<int8_t>(127, -128, 127, -128, 127, -128, 127, 127, 0, -1, 1, 127, 127, 127, -128, 127));
  // Unsigned narrow reads the inputs as signed: negatives become 0.
  CHECK(lanes<uint8_t>(simd::I8x16NarrowI16x8U(a, b)) ==
        ex<uint8_t>(128, 0, 127, 0, 255, 0, 255, 255, 0, 0, 1, 0x7F, 0x80, 0xFF, 0, 255));
  V c = mk<int32_t>(32768, -32769, 65535, 65536), d = mk<int32_t>(-1, 0, INT32_MIN, INT32_MAX);
  CHECK(lanes<int16_t>(simd::I16x8NarrowI32x4S(c, d)) ==
        ex<int16_t>(32767, -32768, 32767, 32767, -1, 0, -32768, 32767));
  CHECK(lanes<uint16_t>(simd::I16x8NarrowI32x4U(c, d)) ==
        ex<uint16_t>(32768, 0, 65535, 65535, 0, 0, 0, 65535));
}

TEST_CASE("simd: extend, extmul, extadd_pairwise, dot, q15mulr", "[simd]") {
  V a = mk<int8_t>(-128, -1, 0, 1, 127, 2, 3, 4, -5, -6, 7, 8, -9, 10, 11, -12);
  CHECK(lanes<int16_t>(simd::I16x8ExtendLowI8x16S(a)) == ex<int16_t>(-128, -1, 0, 1, 127, 2, 3, 4));
  CHECK(lanes<int16_t>(simd::I16x8ExtendHighI8x16S(a)) ==
        ex<int16_t>(-5, -6, 7, 8, -9, 10, 11, -12));
  CHECK(lanes<uint16_t>(simd::I16x8ExtendLowI8x16U(a)) ==
        ex<uint16_t>(128, 255, 0, 1, 127, 2, 3, 4));
  CHECK(lanes<uint16_t>(simd::I16x8ExtendHighI8x16U(a)) ==
        ex<uint16_t>(251, 250, 7, 8, 247, 10, 11, 244));
  V h = mk<int16_t>(-32768, -1, 1, 32767, 5, -6, 7, -8);
  CHECK(lanes<int32_t>(simd::I32x4ExtendLowI16x8S(h)) == ex<int32_t>(-32768, -1, 1, 32767));
  CHECK(lanes<uint32_t>(simd::I32x4ExtendHighI16x8U(h)) == ex<uint32_t>(5, 65530, 7, 65528));
  V w = mk<int32_t>(INT32_MIN, -1, 7, -7);
  CHECK(lanes<int64_t>(simd::I64x2ExtendLowI32x4S(w)) == ex<int64_t>(INT32_MIN, -1));
  CHECK(lanes<uint64_t>(simd::I64x2ExtendLowI32x4U(w)) == ex<uint64_t>(0x80000000u, 0xFFFFFFFFu));
  CHECK(lanes<int64_t>(simd::I64x2ExtendHighI32x4S(w)) == ex<int64_t>(7, -7));
  CHECK(lanes<uint64_t>(simd::I64x2ExtendHighI32x4U(w)) == ex<uint64_t>(7, 0xFFFFFFF9u));

  // Extended products do not wrap.
  V m8 = mk<int8_t>(-128, -128, 127, -1, 0, 0, 0, 0, -128, 127, 0, 0, 0, 0, 0, -1);
  V n8 = mk<int8_t>(-128, 127, 127, -1, 0, 0, 0, 0, -128, 127, 0, 0, 0, 0, 0, -1);
  CHECK(lanes<int16_t>(simd::I16x8ExtmulLowI8x16S(m8, n8)) ==
        ex<int16_t>(16384, -16256, 16129, 1, 0, 0, 0, 0));
  CHECK(lanes<uint16_t>(simd::I16x8ExtmulLowI8x16U(m8, n8)) ==
        ex<uint16_t>(16384, 16256, 16129, 65025, 0, 0, 0, 0));
  CHECK(lanes<int16_t>(simd::I16x8ExtmulHighI8x16S(m8, n8)) ==
        ex<int16_t>(16384, 16129, 0, 0, 0, 0, 0, 1));
  CHECK(lanes<uint16_t>(simd::I16x8ExtmulHighI8x16U(m8, n8)) ==
        ex<uint16_t>(16384, 16129, 0, 0, 0, 0, 0, 65025));
  V m16 = mk<int16_t>(-32768, -1, 32767, 2, -32768, 0, 0, -1);
  CHECK(lanes<int32_t>(simd::I32x4ExtmulLowI16x8S(m16, m16)) ==
        ex<int32_t>(1 << 30, 1, 32767 * 32767, 4));
  CHECK(lanes<uint32_t>(simd::I32x4ExtmulLowI16x8U(m16, m16)) ==
        ex<uint32_t>(1u << 30, 4294836225u, 32767u * 32767u, 4));
  CHECK(lanes<int32_t>(simd::I32x4ExtmulHighI16x8S(m16, m16)) == ex<int32_t>(1 << 30, 0, 0, 1));
  CHECK(lanes<uint32_t>(simd::I32x4ExtmulHighI16x8U(m16, m16)) ==
        ex<uint32_t>(1u << 30, 0, 0, 4294836225u));
  V m32 = mk<int32_t>(INT32_MIN, -1, INT32_MAX, -1);
  CHECK(lanes<int64_t>(simd::I64x2ExtmulLowI32x4S(m32, m32)) == ex<int64_t>(1ll << 62, 1));
  CHECK(lanes<uint64_t>(simd::I64x2ExtmulLowI32x4U(m32, m32)) ==
        ex<uint64_t>(1ull << 62, 0xFFFFFFFE00000001ull));
  CHECK(lanes<int64_t>(simd::I64x2ExtmulHighI32x4S(m32, m32)) ==
        ex<int64_t>(int64_t{INT32_MAX} * INT32_MAX, 1));
  CHECK(lanes<uint64_t>(simd::I64x2ExtmulHighI32x4U(m32, m32)) ==
        ex<uint64_t>(uint64_t{INT32_MAX} * INT32_MAX, 0xFFFFFFFE00000001ull));

  V p8 = mk<int8_t>(-128, -128, 127, 127, -1, 1, 0, 0, -1, -1, 5, 6, 0, 0, 0, 0);
  CHECK(lanes<int16_t>(simd::I16x8ExtaddPairwiseI8x16S(p8)) ==
        ex<int16_t>(-256, 254, 0, 0, -2, 11, 0, 0));
  CHECK(lanes<uint16_t>(simd::I16x8ExtaddPairwiseI8x16U(p8)) ==
        ex<uint16_t>(256, 254, 256, 0, 510, 11, 0, 0));
  V p16 = mk<int16_t>(-32768, -32768, 32767, 32767, -1, -1, 1, 2);
  CHECK(lanes<int32_t>(simd::I32x4ExtaddPairwiseI16x8S(p16)) == ex<int32_t>(-65536, 65534, -2, 3));
  CHECK(lanes<uint32_t>(simd::I32x4ExtaddPairwiseI16x8U(p16)) ==
        ex<uint32_t>(65536, 65534, 131070, 3));

  // Dot: the one overflow (-32768 * -32768 * 2 = 2^31) wraps.
  CHECK(lanes<int32_t>(simd::I32x4DotI16x8S(all<int16_t>(-32768), all<int16_t>(-32768))) ==
        lanes<int32_t>(all<int32_t>(INT32_MIN)));
  CHECK(lanes<int32_t>(simd::I32x4DotI16x8S(mk<int16_t>(1, 2, 3, 4, -32768, 32767, 0, -1),
                                            mk<int16_t>(5, 6, -7, 8, 32767, 32767, 9, -1))) ==
        ex<int32_t>(17, 11, -32768 * 32767 + 32767 * 32767, 1));

  // q15mulr: (a * b + 0x4000) >> 15, only -32768 * -32768 saturates.
  V q1 = mk<int16_t>(-32768, 16384, 1, -1, 32767, -32768, 16383, -16384);
  V q2 = mk<int16_t>(-32768, 16384, 16384, 16384, 32767, 32767, 1, 1);
  CHECK(lanes<int16_t>(simd::I16x8Q15mulrSatS(q1, q2)) ==
        ex<int16_t>(32767, 8192, 1, 0, 32766, -32767, 0, 0));
}

TEST_CASE("simd: splat, extract and replace lanes", "[simd]") {
  CHECK(lanes<uint8_t>(simd::I8x16Splat(0x12345680u)) == lanes<uint8_t>(all<uint8_t>(0x80)));
  CHECK(lanes<uint16_t>(simd::I16x8Splat(0xFFFF8001u)) == lanes<uint16_t>(all<uint16_t>(0x8001)));
  CHECK(lanes<uint32_t>(simd::I32x4Splat(0xDEADBEEFu)) ==
        lanes<uint32_t>(all<uint32_t>(0xDEADBEEFu)));
  CHECK(lanes<uint64_t>(simd::I64x2Splat(0x0123456789ABCDEFull)) ==
        ex<uint64_t>(0x0123456789ABCDEFull, 0x0123456789ABCDEFull));
  CHECK(fbits(simd::F32x4Splat(-0.0f)) == fx(-0.0f, -0.0f, -0.0f, -0.0f));
  CHECK(fbits(simd::F32x4Splat(kSNanF)) == fx(kSNanF, kSNanF, kSNanF, kSNanF));  // bits unchanged
  CHECK(dbits(simd::F64x2Splat(kSNan)) == dx(kSNan, kSNan));

  V a = mk<uint8_t>(0, 1, 2, 3, 4, 5, 6, 7, 0x80, 0x81, 0xFE, 0xFF, 0x7F, 13, 14, 15);
  CHECK(simd::I8x16ExtractLaneS(a, 8) == 0xFFFFFF80u);
  CHECK(simd::I8x16ExtractLaneU(a, 8) == 0x80u);
  CHECK(simd::I8x16ExtractLaneS(a, 12) == 0x7Fu);
  CHECK(simd::I8x16ExtractLaneU(a, 15) == 15u);
  CHECK(simd::I16x8ExtractLaneS(a, 4) == 0xFFFF8180u);  // bytes 8, 9: 0x8180
  CHECK(simd::I16x8ExtractLaneU(a, 4) == 0x8180u);
  CHECK(simd::I16x8ExtractLaneU(a, 0) == 0x0100u);
  CHECK(simd::I32x4ExtractLane(a, 2) == 0xFFFE8180u);
  CHECK(simd::I64x2ExtractLane(a, 1) == 0x0F0E0D7FFFFE8180ull);

  V f = mk<float>(1.5f, -0.0f, kSNanF, kInfF);
  CHECK(b32(simd::F32x4ExtractLane(f, 1)) == b32(-0.0f));
  CHECK(b32(simd::F32x4ExtractLane(f, 2)) == b32(kSNanF));
  V d = mk<double>(-2.25, kSNan);
  CHECK(simd::F64x2ExtractLane(d, 0) == -2.25);
  CHECK(b64(simd::F64x2ExtractLane(d, 1)) == b64(kSNan));

  CHECK(lanes<uint8_t>(simd::I8x16ReplaceLane(V{}, 0x1FFu, 15)) ==
        ex<uint8_t>(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF));
  CHECK(lanes<uint16_t>(simd::I16x8ReplaceLane(all<uint16_t>(7), 0x12345u, 3)) ==
        ex<uint16_t>(7, 7, 7, 0x2345, 7, 7, 7, 7));
  CHECK(lanes<uint32_t>(simd::I32x4ReplaceLane(V{}, 0xCAFEBABEu, 0)) ==
        ex<uint32_t>(0xCAFEBABEu, 0, 0, 0));
  CHECK(lanes<uint64_t>(simd::I64x2ReplaceLane(V{}, ~0ull, 1)) == ex<uint64_t>(0, ~0ull));
  CHECK(fbits(simd::F32x4ReplaceLane(f, kArithNanF, 0)) == fx(kArithNanF, -0.0f, kSNanF, kInfF));
  CHECK(dbits(simd::F64x2ReplaceLane(d, -0.0, 1)) == dx(-2.25, -0.0));
}

TEST_CASE("simd: shuffle and swizzle", "[simd]") {
  V a = mk<uint8_t>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  V b = mk<uint8_t>(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
  const uint8_t rev[16] = {31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16};
  CHECK(lanes<uint8_t>(simd::I8x16Shuffle(a, b, rev)) ==
        ex<uint8_t>(31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16));
  const uint8_t mix[16] = {0, 16, 1, 17, 15, 31, 7, 7, 7, 7, 30, 2, 3, 19, 0, 0};
  V x = mk<uint8_t>(0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC,
                    0xAD, 0xAE, 0xAF);
  V y = mk<uint8_t>(0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBC,
                    0xBD, 0xBE, 0xBF);
  CHECK(lanes<uint8_t>(simd::I8x16Shuffle(x, y, mix)) ==
        ex<uint8_t>(0xA0, 0xB0, 0xA1, 0xB1, 0xAF, 0xBF, 0xA7, 0xA7, 0xA7, 0xA7, 0xBE, 0xA2, 0xA3,
                    0xB3, 0xA0, 0xA0));

  // Swizzle: indices >= 16 (including ones that are 16 more than a valid
  // index and ones with the top bit set) give 0.
  V idx = mk<uint8_t>(15, 0, 16, 255, 0x80, 0x8F, 31, 1, 7, 8, 17, 14, 100, 3, 0x10, 0x0F);
  CHECK(lanes<uint8_t>(simd::I8x16Swizzle(x, idx)) ==
        ex<uint8_t>(0xAF, 0xA0, 0, 0, 0, 0, 0, 0xA1, 0xA7, 0xA8, 0, 0xAE, 0, 0xA3, 0, 0xAF));
}

TEST_CASE("simd: loads and stores", "[simd]") {
  // Unaligned accesses at an odd offset.
  alignas(16) uint8_t mem[40];
  for (unsigned i = 0; i < sizeof mem; ++i) mem[i] = static_cast<uint8_t>(0x80 + i * 7);
  const uint8_t* p = mem + 3;

  CHECK(lanes<uint8_t>(simd::V128Load(p)) == ex<uint8_t>(p[0], p[1], p[2], p[3], p[4], p[5], p[6],
                                                         p[7], p[8], p[9], p[10], p[11], p[12],
                                                         p[13], p[14], p[15]));
  CHECK(lanes<int16_t>(simd::V128Load8x8S(p)) ==
        ex<int16_t>(int8_t(p[0]), int8_t(p[1]), int8_t(p[2]), int8_t(p[3]), int8_t(p[4]),
                    int8_t(p[5]), int8_t(p[6]), int8_t(p[7])));
  CHECK(lanes<uint16_t>(simd::V128Load8x8U(p)) ==
        ex<uint16_t>(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]));

  const uint8_t ext[8] = {0xFF, 0xFF, 0x01, 0x80, 0x00, 0x00, 0x00, 0x80};
  CHECK(lanes<int32_t>(simd::V128Load16x4S(ext)) == ex<int32_t>(-1, -32767, 0, -32768));
  CHECK(lanes<uint32_t>(simd::V128Load16x4U(ext)) == ex<uint32_t>(65535, 0x8001, 0, 0x8000));
  CHECK(lanes<int64_t>(simd::V128Load32x2S(ext)) == ex<int64_t>(int32_t(0x8001FFFFu), INT32_MIN));
  CHECK(lanes<uint64_t>(simd::V128Load32x2U(ext)) == ex<uint64_t>(0x8001FFFFu, 0x80000000u));

  CHECK(lanes<uint8_t>(simd::V128Load8Splat(ext + 3)) == lanes<uint8_t>(all<uint8_t>(0x80)));
  CHECK(lanes<uint16_t>(simd::V128Load16Splat(ext + 1)) == lanes<uint16_t>(all<uint16_t>(0x01FF)));
  CHECK(lanes<uint32_t>(simd::V128Load32Splat(ext + 2)) ==
        lanes<uint32_t>(all<uint32_t>(0x00008001u)));
  CHECK(lanes<uint64_t>(simd::V128Load64Splat(ext)) ==
        ex<uint64_t>(0x800000008001FFFFull, 0x800000008001FFFFull));
  CHECK(lanes<uint32_t>(simd::V128Load32Zero(ext + 1)) == ex<uint32_t>(0x008001FFu, 0, 0, 0));
  CHECK(lanes<uint64_t>(simd::V128Load64Zero(ext)) == ex<uint64_t>(0x800000008001FFFFull, 0));

  V base = all<uint8_t>(0xEE);
  CHECK(lanes<uint8_t>(simd::V128Load8Lane(ext + 3, base, 5)) ==
        ex<uint8_t>(0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0x80, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE,
                    0xEE, 0xEE, 0xEE));
  CHECK(lanes<uint16_t>(simd::V128Load16Lane(ext + 1, base, 7)) ==
        ex<uint16_t>(0xEEEE, 0xEEEE, 0xEEEE, 0xEEEE, 0xEEEE, 0xEEEE, 0xEEEE, 0x01FF));
  CHECK(lanes<uint32_t>(simd::V128Load32Lane(ext + 4, base, 1)) ==
        ex<uint32_t>(0xEEEEEEEEu, 0x80000000u, 0xEEEEEEEEu, 0xEEEEEEEEu));
  CHECK(lanes<uint64_t>(simd::V128Load64Lane(ext, base, 0)) ==
        ex<uint64_t>(0x800000008001FFFFull, 0xEEEEEEEEEEEEEEEEull));

  // Stores write exactly the accessed bytes, at unaligned addresses.
  uint8_t out[24];
  std::memset(out, 0x55, sizeof out);
  V v = mk<uint8_t>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  simd::V128Store(out + 1, v);
  CHECK(out[0] == 0x55);
  for (unsigned i = 0; i < 16; ++i) CHECK(out[1 + i] == i);
  CHECK(out[17] == 0x55);

  std::memset(out, 0x55, sizeof out);
  simd::V128Store8Lane(out + 1, v, 9);
  simd::V128Store16Lane(out + 3, v, 7);
  simd::V128Store32Lane(out + 6, v, 1);
  simd::V128Store64Lane(out + 11, v, 1);
  const uint8_t want[24] = {0x55, 9,  0x55, 14, 15, 0x55, 4,  5,    6,    7,    0x55, 8,
                            9,    10, 11,   12, 13, 14,   15, 0x55, 0x55, 0x55, 0x55, 0x55};
  for (unsigned i = 0; i < 24; ++i) {
    INFO("byte " << i);
    CHECK(out[i] == want[i]);
  }
}

TEST_CASE("simd: float min/max with NaN and signed zeros; pmin/pmax", "[simd]") {
  V a = mk<float>(-0.0f, 0.0f, kNanF, 1.0f);
  V b = mk<float>(0.0f, -0.0f, 1.0f, kNanF);
  CHECK(fbits(simd::F32x4Min(a, b)) == fx(-0.0f, -0.0f, kNanF, kNanF));
  CHECK(fbits(simd::F32x4Max(a, b)) == fx(0.0f, 0.0f, kNanF, kNanF));
  V r = simd::F32x4Min(mk<float>(kSNanF, 2.0f, -kInfF, kInfF),
                       mk<float>(1.0f, kArithNanF, kInfF, kInfF));
  CHECK(arithmetic(lane<float>(r, 0)));
  CHECK(arithmetic(lane<float>(r, 1)));
  CHECK(lane<float>(r, 2) == -kInfF);
  CHECK(lane<float>(r, 3) == kInfF);
  // pmin = b < a ? b : a: no NaN propagation from b, NaN in a wins, zeros
  // keep the first operand.
  CHECK(fbits(simd::F32x4Pmin(a, b)) == fx(-0.0f, 0.0f, kNanF, 1.0f));
  CHECK(fbits(simd::F32x4Pmax(a, b)) == fx(-0.0f, 0.0f, kNanF, 1.0f));
  CHECK(fbits(simd::F32x4Pmin(mk<float>(kSNanF, 3, 3, -1), mk<float>(1, 2, 4, -2))) ==
        fx(kSNanF, 2, 3, -2));
  CHECK(fbits(simd::F32x4Pmax(mk<float>(kSNanF, 3, 3, -1), mk<float>(1, 2, 4, -2))) ==
        fx(kSNanF, 3, 4, -1));

  V c = mk<double>(-0.0, 0.0), d = mk<double>(0.0, -0.0);
  CHECK(dbits(simd::F64x2Min(c, d)) == dx(-0.0, -0.0));
  CHECK(dbits(simd::F64x2Max(c, d)) == dx(0.0, 0.0));
  CHECK(dbits(simd::F64x2Min(mk<double>(kNan, 1), mk<double>(1, kNan))) == dx(kNan, kNan));
  CHECK(arithmetic(lane<double>(simd::F64x2Max(mk<double>(kSNan, 0), V{}), 0)));
  CHECK(dbits(simd::F64x2Pmin(mk<double>(1, kNan), mk<double>(kNan, 1))) == dx(1, kNan));
  CHECK(dbits(simd::F64x2Pmax(mk<double>(-0.0, 1), mk<double>(0.0, 2))) == dx(-0.0, 2));
}

TEST_CASE("simd: float rounding", "[simd]") {
  // nearest: ties to even, sign of zero kept.
  CHECK(fbits(simd::F32x4Nearest(mk<float>(0.5f, 1.5f, 2.5f, -0.5f))) ==
        fx(0.0f, 2.0f, 2.0f, -0.0f));
  CHECK(fbits(simd::F32x4Nearest(mk<float>(-1.5f, -0.4f, 8388607.5f, -8388606.5f))) ==
        fx(-2.0f, -0.0f, 8388608.0f, -8388606.0f));
  CHECK(fbits(simd::F32x4Nearest(mk<float>(0x1p23f + 1, 0x1.fffffep127f, kInfF, 0.49999997f))) ==
        fx(0x1p23f + 1, 0x1.fffffep127f, kInfF, 0.0f));
  CHECK(dbits(simd::F64x2Nearest(mk<double>(4503599627370495.5, -2.5))) ==
        dx(4503599627370496.0, -2.0));
  CHECK(dbits(simd::F64x2Nearest(mk<double>(0.49999999999999994, -4503599627370497.0))) ==
        dx(0.0, -4503599627370497.0));

  CHECK(fbits(simd::F32x4Ceil(mk<float>(-0.5f, 0.5f, -1.5f, 1.0000001f))) ==
        fx(-0.0f, 1.0f, -1.0f, 2.0f));
  CHECK(fbits(simd::F32x4Floor(mk<float>(-0.5f, 0.5f, -1.5f, -0.0f))) ==
        fx(-1.0f, 0.0f, -2.0f, -0.0f));
  CHECK(fbits(simd::F32x4Trunc(mk<float>(-0.7f, 0.7f, -1.5f, 8388607.5f))) ==
        fx(-0.0f, 0.0f, -1.0f, 8388607.0f));
  CHECK(fbits(simd::F32x4Ceil(mk<float>(kInfF, -kInfF, 0x1p30f, -0x1p-149f))) ==
        fx(kInfF, -kInfF, 0x1p30f, -0.0f));
  CHECK(fbits(simd::F32x4Floor(mk<float>(0x1p-149f, -0x1p-149f, 8388607.5f, -8388607.5f))) ==
        fx(0.0f, -1.0f, 8388607.0f, -8388608.0f));
  CHECK(dbits(simd::F64x2Ceil(mk<double>(-0.5, 4503599627370495.5))) ==
        dx(-0.0, 4503599627370496.0));
  CHECK(dbits(simd::F64x2Floor(mk<double>(-0.5, -4503599627370495.5))) ==
        dx(-1.0, -4503599627370496.0));
  CHECK(dbits(simd::F64x2Trunc(mk<double>(-0.5, -4503599627370495.5))) ==
        dx(-0.0, -4503599627370495.0));

  // NaN: canonical stays canonical, signalling becomes quiet.
  for (V (*op)(V) :
       {simd::F32x4Ceil, simd::F32x4Floor, simd::F32x4Trunc, simd::F32x4Nearest, simd::F32x4Sqrt}) {
    V r = op(mk<float>(kNanF, -kNanF, kSNanF, f32(0xFFA00001u)));
    CHECK(canonical(lane<float>(r, 0)));
    CHECK(canonical(lane<float>(r, 1)));
    CHECK(arithmetic(lane<float>(r, 2)));
    CHECK(arithmetic(lane<float>(r, 3)));
  }
  for (V (*op)(V) :
       {simd::F64x2Ceil, simd::F64x2Floor, simd::F64x2Trunc, simd::F64x2Nearest, simd::F64x2Sqrt}) {
    V r = op(mk<double>(kNan, kSNan));
    CHECK(canonical(lane<double>(r, 0)));
    CHECK(arithmetic(lane<double>(r, 1)));
  }
}

TEST_CASE("simd: float arithmetic, abs, neg, sqrt, comparisons", "[simd]") {
  {
    // inf - inf: a canonical NaN of either sign (the x86 default NaN is
    // negative; clang folds the constant operands to a positive one)
    V sum = simd::F32x4Add(mk<float>(1, 0.1f, kInfF, -0.0f), mk<float>(2, 0.2f, -kInfF, -0.0f));
    auto got = fbits(sum), want = fx(3, 0.1f + 0.2f, kNanF, -0.0f);
    CHECK(got[0] == want[0]);
    CHECK(got[1] == want[1]);
    CHECK(canonical(lane<float>(sum, 2)));
    CHECK(got[3] == want[3]);
  }
  CHECK(canonical(lane<float>(simd::F32x4Sub(all<float>(kInfF), all<float>(kInfF)), 0)));
  CHECK(canonical(lane<float>(simd::F32x4Mul(all<float>(0), all<float>(kInfF)), 0)));
  CHECK(canonical(lane<double>(simd::F64x2Div(all<double>(0), all<double>(0)), 1)));
  CHECK(fbits(simd::F32x4Div(mk<float>(1, -1, 0, 1), mk<float>(0, 0, -1, 3))) ==
        fx(kInfF, -kInfF, -0.0f, 1.0f / 3));
  CHECK(dbits(simd::F64x2Mul(mk<double>(0x1p1000, -3), mk<double>(0x1p100, 0.5))) ==
        dx(kInf, -1.5));
  CHECK(fbits(simd::F32x4Sqrt(mk<float>(4, -0.0f, kInfF, 2))) ==
        fx(2, -0.0f, kInfF, std::sqrt(2.0f)));
  CHECK(canonical(lane<float>(simd::F32x4Sqrt(all<float>(-1)), 0)));
  CHECK(dbits(simd::F64x2Sqrt(mk<double>(2, 0x1p-1074))) ==
        dx(std::sqrt(2.0), std::sqrt(0x1p-1074)));

  // abs/neg only touch the sign bit, even of signalling NaNs.
  CHECK(fbits(simd::F32x4Abs(mk<float>(-0.0f, kSNanF, f32(0xFFA00001u), -kInfF))) ==
        fx(0.0f, kSNanF, kSNanF, kInfF));
  CHECK(fbits(simd::F32x4Neg(mk<float>(0.0f, kSNanF, -1, kNanF))) ==
        fx(-0.0f, f32(0xFFA00001u), 1, -kNanF));
  CHECK(dbits(simd::F64x2Abs(mk<double>(-0.0, -kSNan))) == dx(0.0, kSNan));
  CHECK(dbits(simd::F64x2Neg(mk<double>(0.0, kSNan))) == dx(-0.0, -kSNan));

  V a = mk<float>(kNanF, -0.0f, 1, -kInfF), b = mk<float>(kNanF, 0.0f, 2, -kInfF);
  CHECK(lanes<int32_t>(simd::F32x4Eq(a, b)) == ex<int32_t>(0, -1, 0, -1));
  CHECK(lanes<int32_t>(simd::F32x4Ne(a, b)) == ex<int32_t>(-1, 0, -1, 0));
  CHECK(lanes<int32_t>(simd::F32x4Lt(a, b)) == ex<int32_t>(0, 0, -1, 0));
  CHECK(lanes<int32_t>(simd::F32x4Le(a, b)) == ex<int32_t>(0, -1, -1, -1));
  CHECK(lanes<int32_t>(simd::F32x4Gt(b, a)) == ex<int32_t>(0, 0, -1, 0));
  CHECK(lanes<int32_t>(simd::F32x4Ge(a, b)) == ex<int32_t>(0, -1, 0, -1));
  V c = mk<double>(kNan, 1), d = mk<double>(1, 1);
  CHECK(lanes<int64_t>(simd::F64x2Eq(c, d)) == ex<int64_t>(0, -1));
  CHECK(lanes<int64_t>(simd::F64x2Ne(c, d)) == ex<int64_t>(-1, 0));
  CHECK(lanes<int64_t>(simd::F64x2Lt(c, d)) == ex<int64_t>(0, 0));
  CHECK(lanes<int64_t>(simd::F64x2Le(c, d)) == ex<int64_t>(0, -1));
  CHECK(lanes<int64_t>(simd::F64x2Gt(d, c)) == ex<int64_t>(0, 0));
  CHECK(lanes<int64_t>(simd::F64x2Ge(d, c)) == ex<int64_t>(0, -1));
}

TEST_CASE("simd: trunc_sat", "[simd]") {
  CHECK(lanes<int32_t>(simd::I32x4TruncSatF32x4S(mk<float>(kNanF, kInfF, -kInfF, 0x1p31f))) ==
        ex<int32_t>(0, INT32_MAX, INT32_MIN, INT32_MAX));
  CHECK(lanes<int32_t>(
            simd::I32x4TruncSatF32x4S(mk<float>(-0x1p31f, 2147483520.0f, -2147483904.0f, -1.9f))) ==
        ex<int32_t>(INT32_MIN, 2147483520, INT32_MIN, -1));
  CHECK(lanes<int32_t>(simd::I32x4TruncSatF32x4S(mk<float>(-kSNanF, 0.9f, -0.9f, 1e10f))) ==
        ex<int32_t>(0, 0, 0, INT32_MAX));
  CHECK(lanes<uint32_t>(simd::I32x4TruncSatF32x4U(mk<float>(kNanF, kInfF, -kInfF, -0.9f))) ==
        ex<uint32_t>(0, UINT32_MAX, 0, 0));
  CHECK(lanes<uint32_t>(
            simd::I32x4TruncSatF32x4U(mk<float>(4294967040.0f, 0x1p32f, 0x1p31f, 2147483520.0f))) ==
        ex<uint32_t>(4294967040u, UINT32_MAX, 0x80000000u, 2147483520u));
  CHECK(lanes<uint32_t>(
            simd::I32x4TruncSatF32x4U(mk<float>(-1.0f, 1.9f, 3000000000.5f, 0x1p31f + 256))) ==
        ex<uint32_t>(0, 1, 3000000000u, 0x80000100u));

  // f64 sources: the i32 limits are exact, fractions below them truncate.
  CHECK(lanes<int32_t>(simd::I32x4TruncSatF64x2SZero(mk<double>(2147483647.9, -2147483648.9))) ==
        ex<int32_t>(INT32_MAX, INT32_MIN, 0, 0));
  CHECK(lanes<int32_t>(simd::I32x4TruncSatF64x2SZero(mk<double>(kNan, -kInf))) ==
        ex<int32_t>(0, INT32_MIN, 0, 0));
  CHECK(lanes<int32_t>(simd::I32x4TruncSatF64x2SZero(mk<double>(2147483648.0, -1.5))) ==
        ex<int32_t>(INT32_MAX, -1, 0, 0));
  CHECK(lanes<uint32_t>(simd::I32x4TruncSatF64x2UZero(mk<double>(4294967295.9, 4294967296.0))) ==
        ex<uint32_t>(UINT32_MAX, UINT32_MAX, 0, 0));
  CHECK(lanes<uint32_t>(simd::I32x4TruncSatF64x2UZero(mk<double>(-0.9, kNan))) ==
        ex<uint32_t>(0, 0, 0, 0));
  CHECK(lanes<uint32_t>(simd::I32x4TruncSatF64x2UZero(mk<double>(2147483648.5, -kInf))) ==
        ex<uint32_t>(0x80000000u, 0, 0, 0));
}

TEST_CASE("simd: int -> float conversions", "[simd]") {
  CHECK(fbits(simd::F32x4ConvertI32x4S(mk<int32_t>(INT32_MIN, -1, INT32_MAX, 16777217))) ==
        fx(-0x1p31f, -1.0f, 0x1p31f, 16777216.0f));
  // u32 -> f32 near 2^32 and at ties (spacing 256 above 2^31): correctly
  // rounded, ties to even.
  CHECK(fbits(simd::F32x4ConvertI32x4U(
            mk<uint32_t>(0xFFFFFFFFu, 0xFFFFFF80u, 0xFFFFFF7Fu, 0x80000080u))) ==
        fx(0x1p32f, 0x1p32f, 4294967040.0f, 0x1p31f));
  CHECK(fbits(simd::F32x4ConvertI32x4U(mk<uint32_t>(0x80000081u, 0x80000180u, 16777217u, 0))) ==
        fx(2147483904.0f, 2147484160.0f, 16777216.0f, 0.0f));
  CHECK(dbits(simd::F64x2ConvertLowI32x4S(mk<int32_t>(INT32_MIN, -1, 5, 6))) ==
        dx(-2147483648.0, -1.0));
  CHECK(dbits(simd::F64x2ConvertLowI32x4U(mk<uint32_t>(0xFFFFFFFFu, 0x80000000u, 5, 6))) ==
        dx(4294967295.0, 2147483648.0));
}

TEST_CASE("simd: demote and promote", "[simd]") {
  CHECK(fbits(simd::F32x4DemoteF64x2Zero(mk<double>(0.1, -0.0))) == fx(0.1f, -0.0f, 0.0f, 0.0f));
  CHECK(fbits(simd::F32x4DemoteF64x2Zero(mk<double>(std::numeric_limits<double>::max(),
                                                    0x1p-150))) == fx(kInfF, 0.0f, 0.0f, 0.0f));
  CHECK(fbits(simd::F32x4DemoteF64x2Zero(mk<double>(-0x1.fffffefffffffp127, 0x1p-149))) ==
        fx(-0x1.fffffep127f, 0x1p-149f, 0.0f, 0.0f));
  V r = simd::F32x4DemoteF64x2Zero(mk<double>(kNan, kSNan));
  CHECK(canonical(lane<float>(r, 0)));
  CHECK(arithmetic(lane<float>(r, 1)));
  CHECK(lane<uint64_t>(r, 1) == 0);

  CHECK(dbits(simd::F64x2PromoteLowF32x4(mk<float>(-0.0f, 0x1p-149f, 7, 8))) == dx(-0.0, 0x1p-149));
  CHECK(dbits(simd::F64x2PromoteLowF32x4(mk<float>(kInfF, 0.1f, 7, 8))) == dx(kInf, double(0.1f)));
  V s = simd::F64x2PromoteLowF32x4(mk<float>(-kNanF, kSNanF, 0, 0));
  CHECK(canonical(lane<double>(s, 0)));
  CHECK(arithmetic(lane<double>(s, 1)));
}

// ===========================================================================
// Randomized comparison with per-lane references
// ===========================================================================

TEST_CASE("simd: integer lane ops match the per-lane definitions", "[simd][random]") {
  // Wrapping arithmetic in unsigned lanes; signed views where the op is
  // signed.
  diff_binary_int<uint8_t>(simd::I8x16Add, [](uint8_t a, uint8_t b) { return a + b; });
  diff_binary_int<uint8_t>(simd::I8x16Sub, [](uint8_t a, uint8_t b) { return a - b; });
  diff_binary_int<uint16_t>(simd::I16x8Add, [](uint16_t a, uint16_t b) { return a + b; });
  diff_binary_int<uint16_t>(simd::I16x8Sub, [](uint16_t a, uint16_t b) { return a - b; });
  diff_binary_int<uint16_t>(simd::I16x8Mul, [](uint16_t a, uint16_t b) { return uint32_t{a} * b; });
  diff_binary_int<uint32_t>(simd::I32x4Add, [](uint32_t a, uint32_t b) { return a + b; });
  diff_binary_int<uint32_t>(simd::I32x4Sub, [](uint32_t a, uint32_t b) { return a - b; });
  diff_binary_int<uint32_t>(simd::I32x4Mul, [](uint32_t a, uint32_t b) { return a * b; });
  diff_binary_int<uint64_t>(simd::I64x2Add, [](uint64_t a, uint64_t b) { return a + b; });
  diff_binary_int<uint64_t>(simd::I64x2Sub, [](uint64_t a, uint64_t b) { return a - b; });
  diff_binary_int<uint64_t>(simd::I64x2Mul, [](uint64_t a, uint64_t b) { return a * b; });

  auto sadd = [](auto a, auto b) { return sat<decltype(a)>(static_cast<long long>(a) + b); };
  auto ssub = [](auto a, auto b) { return sat<decltype(a)>(static_cast<long long>(a) - b); };
  diff_binary_int<int8_t>(simd::I8x16AddSatS, sadd);
  diff_binary_int<uint8_t>(simd::I8x16AddSatU, sadd);
  diff_binary_int<int8_t>(simd::I8x16SubSatS, ssub);
  diff_binary_int<uint8_t>(simd::I8x16SubSatU, ssub);
  diff_binary_int<int16_t>(simd::I16x8AddSatS, sadd);
  diff_binary_int<uint16_t>(simd::I16x8AddSatU, sadd);
  diff_binary_int<int16_t>(simd::I16x8SubSatS, ssub);
  diff_binary_int<uint16_t>(simd::I16x8SubSatU, ssub);

  auto mn = [](auto a, auto b) { return a < b ? a : b; };
  auto mx = [](auto a, auto b) { return a > b ? a : b; };
  diff_binary_int<int8_t>(simd::I8x16MinS, mn);
  diff_binary_int<uint8_t>(simd::I8x16MinU, mn);
  diff_binary_int<int8_t>(simd::I8x16MaxS, mx);
  diff_binary_int<uint8_t>(simd::I8x16MaxU, mx);
  diff_binary_int<int16_t>(simd::I16x8MinS, mn);
  diff_binary_int<uint16_t>(simd::I16x8MinU, mn);
  diff_binary_int<int16_t>(simd::I16x8MaxS, mx);
  diff_binary_int<uint16_t>(simd::I16x8MaxU, mx);
  diff_binary_int<int32_t>(simd::I32x4MinS, mn);
  diff_binary_int<uint32_t>(simd::I32x4MinU, mn);
  diff_binary_int<int32_t>(simd::I32x4MaxS, mx);
  diff_binary_int<uint32_t>(simd::I32x4MaxU, mx);

  auto avgr = [](auto a, auto b) { return (static_cast<uint32_t>(a) + b + 1) / 2; };
  diff_binary_int<uint8_t>(simd::I8x16AvgrU, avgr);
  diff_binary_int<uint16_t>(simd::I16x8AvgrU, avgr);
  diff_binary_int<int16_t>(simd::I16x8Q15mulrSatS, [](int16_t a, int16_t b) {
    return sat<int16_t>((static_cast<long long>(a) * b + 0x4000) >> 15);
  });

  auto absf = [](auto a) { return a < 0 ? -static_cast<long long>(a) : a; };
  auto negf = [](auto a) { return -static_cast<long long>(a); };
  diff_unary_int<int8_t>(simd::I8x16Abs, absf);
  diff_unary_int<int16_t>(simd::I16x8Abs, absf);
  diff_unary_int<int32_t>(simd::I32x4Abs, absf);
  diff_unary_int<int64_t>(simd::I64x2Abs,
                          [](int64_t a) { return a < 0 ? 0 - static_cast<uint64_t>(a) : a; });
  diff_unary_int<int8_t>(simd::I8x16Neg, negf);
  diff_unary_int<int16_t>(simd::I16x8Neg, negf);
  diff_unary_int<int32_t>(simd::I32x4Neg, negf);
  diff_unary_int<int64_t>(simd::I64x2Neg, [](int64_t a) { return 0 - static_cast<uint64_t>(a); });
  diff_unary_int<uint8_t>(simd::I8x16Popcnt, [](uint8_t a) { return std::popcount(a); });

  auto shl = [](auto a, uint32_t n) {
    using L = decltype(a);
    return static_cast<L>(static_cast<uint64_t>(a) << (n % (sizeof(L) * 8)));
  };
  auto shr = [](auto a, uint32_t n) {
    return a >> (n % (sizeof(a) * 8));
  };  // arithmetic for signed
  diff_shift<uint8_t>(simd::I8x16Shl, shl);
  diff_shift<int8_t>(simd::I8x16ShrS, shr);
  diff_shift<uint8_t>(simd::I8x16ShrU, shr);
  diff_shift<uint16_t>(simd::I16x8Shl, shl);
  diff_shift<int16_t>(simd::I16x8ShrS, shr);
  diff_shift<uint16_t>(simd::I16x8ShrU, shr);
  diff_shift<uint32_t>(simd::I32x4Shl, shl);
  diff_shift<int32_t>(simd::I32x4ShrS, shr);
  diff_shift<uint32_t>(simd::I32x4ShrU, shr);
  diff_shift<uint64_t>(simd::I64x2Shl, shl);
  diff_shift<int64_t>(simd::I64x2ShrS, shr);
  diff_shift<uint64_t>(simd::I64x2ShrU, shr);
}

TEST_CASE("simd: integer comparisons match the per-lane definitions", "[simd][random]") {
  // Result lanes are all-ones or zero: -1 / 0 in the lane type.
  auto eq = [](auto a, auto b) { return a == b ? -1 : 0; };
  auto ne = [](auto a, auto b) { return a != b ? -1 : 0; };
  auto lt = [](auto a, auto b) { return a < b ? -1 : 0; };
  auto gt = [](auto a, auto b) { return a > b ? -1 : 0; };
  auto le = [](auto a, auto b) { return a <= b ? -1 : 0; };
  auto ge = [](auto a, auto b) { return a >= b ? -1 : 0; };
  diff_binary_int<int8_t>(simd::I8x16Eq, eq);
  diff_binary_int<int8_t>(simd::I8x16Ne, ne);
  diff_binary_int<int8_t>(simd::I8x16LtS, lt);
  diff_binary_int<uint8_t>(simd::I8x16LtU, lt);
  diff_binary_int<int8_t>(simd::I8x16GtS, gt);
  diff_binary_int<uint8_t>(simd::I8x16GtU, gt);
  diff_binary_int<int8_t>(simd::I8x16LeS, le);
  diff_binary_int<uint8_t>(simd::I8x16LeU, le);
  diff_binary_int<int8_t>(simd::I8x16GeS, ge);
  diff_binary_int<uint8_t>(simd::I8x16GeU, ge);
  diff_binary_int<int16_t>(simd::I16x8Eq, eq);
  diff_binary_int<int16_t>(simd::I16x8Ne, ne);
  diff_binary_int<int16_t>(simd::I16x8LtS, lt);
  diff_binary_int<uint16_t>(simd::I16x8LtU, lt);
  diff_binary_int<int16_t>(simd::I16x8GtS, gt);
  diff_binary_int<uint16_t>(simd::I16x8GtU, gt);
  diff_binary_int<int16_t>(simd::I16x8LeS, le);
  diff_binary_int<uint16_t>(simd::I16x8LeU, le);
  diff_binary_int<int16_t>(simd::I16x8GeS, ge);
  diff_binary_int<uint16_t>(simd::I16x8GeU, ge);
  diff_binary_int<int32_t>(simd::I32x4Eq, eq);
  diff_binary_int<int32_t>(simd::I32x4Ne, ne);
  diff_binary_int<int32_t>(simd::I32x4LtS, lt);
  diff_binary_int<uint32_t>(simd::I32x4LtU, lt);
  diff_binary_int<int32_t>(simd::I32x4GtS, gt);
  diff_binary_int<uint32_t>(simd::I32x4GtU, gt);
  diff_binary_int<int32_t>(simd::I32x4LeS, le);
  diff_binary_int<uint32_t>(simd::I32x4LeU, le);
  diff_binary_int<int32_t>(simd::I32x4GeS, ge);
  diff_binary_int<uint32_t>(simd::I32x4GeU, ge);
  diff_binary_int<int64_t>(simd::I64x2Eq, eq);
  diff_binary_int<int64_t>(simd::I64x2Ne, ne);
  diff_binary_int<int64_t>(simd::I64x2LtS, lt);
  diff_binary_int<int64_t>(simd::I64x2GtS, gt);
  diff_binary_int<int64_t>(simd::I64x2LeS, le);
  diff_binary_int<int64_t>(simd::I64x2GeS, ge);
}

namespace {

// Shape-changing integer ops against per-lane references.
template <class Out, class In, class Op, class Ref>
void diff_widening_binary(Op op, Ref ref) {
  for (int k = 0; k < kIters; ++k) {
    V a = rand_vec<In>(), b = rand_vec<In>(), r = op(a, b);
    for (unsigned i = 0; i < N<Out>; ++i) {
      INFO("lane " << i);
      LANE_REQUIRE(wide(lane<Out>(r, i)) == wide(static_cast<Out>(ref(a, b, i))));
    }
  }
  SUCCEED();
}

template <class L>
bool all_nonzero(V v) {
  for (unsigned i = 0; i < N<L>; ++i)
    if (lane<L>(v, i) == 0) return false;
  return true;
}
template <class L>
uint32_t sign_bits(V v) {
  uint32_t m = 0;
  for (unsigned i = 0; i < N<L>; ++i) m |= static_cast<uint32_t>(lane<L>(v, i) < 0) << i;
  return m;
}

}  // namespace

TEST_CASE("simd: narrowing and widening ops match the per-lane definitions", "[simd][random]") {
  // Narrow: a's lanes, then b's, saturated.
  diff_widening_binary<int8_t, int16_t>(simd::I8x16NarrowI16x8S, [](V a, V b, unsigned i) {
    return sat<int8_t>(i < 8 ? lane<int16_t>(a, i) : lane<int16_t>(b, i - 8));
  });
  diff_widening_binary<uint8_t, int16_t>(simd::I8x16NarrowI16x8U, [](V a, V b, unsigned i) {
    return sat<uint8_t>(i < 8 ? lane<int16_t>(a, i) : lane<int16_t>(b, i - 8));
  });
  diff_widening_binary<int16_t, int32_t>(simd::I16x8NarrowI32x4S, [](V a, V b, unsigned i) {
    return sat<int16_t>(i < 4 ? lane<int32_t>(a, i) : lane<int32_t>(b, i - 4));
  });
  diff_widening_binary<uint16_t, int32_t>(simd::I16x8NarrowI32x4U, [](V a, V b, unsigned i) {
    return sat<uint16_t>(i < 4 ? lane<int32_t>(a, i) : lane<int32_t>(b, i - 4));
  });

  // extmul low/high, signed/unsigned, three shapes.
  auto extmul = [](auto tag_in, bool high) {
    using In = decltype(tag_in);
    return [high](V a, V b, unsigned i) {
      unsigned j = i + (high ? N<In> / 2 : 0);
      return static_cast<long long>(lane<In>(a, j)) * static_cast<long long>(lane<In>(b, j));
    };
  };
  diff_widening_binary<int16_t, int8_t>(simd::I16x8ExtmulLowI8x16S, extmul(int8_t{}, false));
  diff_widening_binary<int16_t, int8_t>(simd::I16x8ExtmulHighI8x16S, extmul(int8_t{}, true));
  diff_widening_binary<uint16_t, uint8_t>(simd::I16x8ExtmulLowI8x16U, extmul(uint8_t{}, false));
  diff_widening_binary<uint16_t, uint8_t>(simd::I16x8ExtmulHighI8x16U, extmul(uint8_t{}, true));
  diff_widening_binary<int32_t, int16_t>(simd::I32x4ExtmulLowI16x8S, extmul(int16_t{}, false));
  diff_widening_binary<int32_t, int16_t>(simd::I32x4ExtmulHighI16x8S, extmul(int16_t{}, true));
  diff_widening_binary<uint32_t, uint16_t>(simd::I32x4ExtmulLowI16x8U, extmul(uint16_t{}, false));
  diff_widening_binary<uint32_t, uint16_t>(simd::I32x4ExtmulHighI16x8U, extmul(uint16_t{}, true));
  diff_widening_binary<int64_t, int32_t>(simd::I64x2ExtmulLowI32x4S, extmul(int32_t{}, false));
  diff_widening_binary<int64_t, int32_t>(simd::I64x2ExtmulHighI32x4S, extmul(int32_t{}, true));
  // u32 * u32 needs the full 64 bits: multiply as unsigned long long.
  diff_widening_binary<uint64_t, uint32_t>(simd::I64x2ExtmulLowI32x4U, [](V a, V b, unsigned i) {
    return static_cast<uint64_t>(lane<uint32_t>(a, i)) * lane<uint32_t>(b, i);
  });
  diff_widening_binary<uint64_t, uint32_t>(simd::I64x2ExtmulHighI32x4U, [](V a, V b, unsigned i) {
    return static_cast<uint64_t>(lane<uint32_t>(a, i + 2)) * lane<uint32_t>(b, i + 2);
  });

  diff_widening_binary<int32_t, int16_t>(simd::I32x4DotI16x8S, [](V a, V b, unsigned i) {
    long long s = static_cast<long long>(lane<int16_t>(a, 2 * i)) * lane<int16_t>(b, 2 * i) +
                  static_cast<long long>(lane<int16_t>(a, 2 * i + 1)) * lane<int16_t>(b, 2 * i + 1);
    return static_cast<int32_t>(static_cast<uint32_t>(s));  // wraps at 2^31
  });

  // Unary shape changes, through the binary harness with b ignored.
  auto unary = [](V (*op)(V)) { return [op](V a, V) { return op(a); }; };
  auto extend = [](auto tag_in, bool high) {
    using In = decltype(tag_in);
    return [high](V a, V, unsigned i) {
      return static_cast<long long>(lane<In>(a, i + (high ? N<In> / 2 : 0)));
    };
  };
  diff_widening_binary<int16_t, int8_t>(unary(simd::I16x8ExtendLowI8x16S), extend(int8_t{}, false));
  diff_widening_binary<int16_t, int8_t>(unary(simd::I16x8ExtendHighI8x16S), extend(int8_t{}, true));
  diff_widening_binary<uint16_t, uint8_t>(unary(simd::I16x8ExtendLowI8x16U),
                                          extend(uint8_t{}, false));
  diff_widening_binary<uint16_t, uint8_t>(unary(simd::I16x8ExtendHighI8x16U),
                                          extend(uint8_t{}, true));
  diff_widening_binary<int32_t, int16_t>(unary(simd::I32x4ExtendLowI16x8S),
                                         extend(int16_t{}, false));
  diff_widening_binary<int32_t, int16_t>(unary(simd::I32x4ExtendHighI16x8S),
                                         extend(int16_t{}, true));
  diff_widening_binary<uint32_t, uint16_t>(unary(simd::I32x4ExtendLowI16x8U),
                                           extend(uint16_t{}, false));
  diff_widening_binary<uint32_t, uint16_t>(unary(simd::I32x4ExtendHighI16x8U),
                                           extend(uint16_t{}, true));
  diff_widening_binary<int64_t, int32_t>(unary(simd::I64x2ExtendLowI32x4S),
                                         extend(int32_t{}, false));
  diff_widening_binary<int64_t, int32_t>(unary(simd::I64x2ExtendHighI32x4S),
                                         extend(int32_t{}, true));
  diff_widening_binary<uint64_t, uint32_t>(unary(simd::I64x2ExtendLowI32x4U),
                                           extend(uint32_t{}, false));
  diff_widening_binary<uint64_t, uint32_t>(unary(simd::I64x2ExtendHighI32x4U),
                                           extend(uint32_t{}, true));

  auto pairwise = [](auto tag_in) {
    using In = decltype(tag_in);
    return [](V a, V, unsigned i) {
      return static_cast<long long>(lane<In>(a, 2 * i)) + lane<In>(a, 2 * i + 1);
    };
  };
  diff_widening_binary<int16_t, int8_t>(unary(simd::I16x8ExtaddPairwiseI8x16S), pairwise(int8_t{}));
  diff_widening_binary<uint16_t, uint8_t>(unary(simd::I16x8ExtaddPairwiseI8x16U),
                                          pairwise(uint8_t{}));
  diff_widening_binary<int32_t, int16_t>(unary(simd::I32x4ExtaddPairwiseI16x8S),
                                         pairwise(int16_t{}));
  diff_widening_binary<uint32_t, uint16_t>(unary(simd::I32x4ExtaddPairwiseI16x8U),
                                           pairwise(uint16_t{}));

  // Reductions.
  for (int k = 0; k < kIters; ++k) {
    // Sparse zeros so all_true sees both outcomes.
    V a = rand_vec<uint8_t>();
    if (k % 3 == 0) a = simd::V128Or(a, all<uint8_t>(1));
    LANE_REQUIRE(simd::I8x16AllTrue(a) == all_nonzero<uint8_t>(a));
    LANE_REQUIRE(simd::I16x8AllTrue(a) == all_nonzero<uint16_t>(a));
    LANE_REQUIRE(simd::I32x4AllTrue(a) == all_nonzero<uint32_t>(a));
    LANE_REQUIRE(simd::I64x2AllTrue(a) == all_nonzero<uint64_t>(a));
    LANE_REQUIRE(simd::I8x16Bitmask(a) == sign_bits<int8_t>(a));
    LANE_REQUIRE(simd::I16x8Bitmask(a) == sign_bits<int16_t>(a));
    LANE_REQUIRE(simd::I32x4Bitmask(a) == sign_bits<int32_t>(a));
    LANE_REQUIRE(simd::I64x2Bitmask(a) == sign_bits<int64_t>(a));
  }

  // Swizzle and shuffle.
  for (int k = 0; k < kIters; ++k) {
    V a = rand_vec<uint8_t>(), b = rand_vec<uint8_t>(), idx = rand_vec<uint8_t>();
    if (k % 2) idx = simd::V128And(idx, all<uint8_t>(0x1F));  // mostly near the valid range
    V r = simd::I8x16Swizzle(a, idx);
    uint8_t lanes32[16];
    for (unsigned i = 0; i < 16; ++i) {
      uint8_t j = lane<uint8_t>(idx, i);
      LANE_REQUIRE(lane<uint8_t>(r, i) == (j < 16 ? lane<uint8_t>(a, j) : 0));
      lanes32[i] = j & 31;
    }
    V s = simd::I8x16Shuffle(a, b, lanes32);
    for (unsigned i = 0; i < 16; ++i)
      LANE_REQUIRE(lane<uint8_t>(s, i) == (lanes32[i] < 16 ? lane<uint8_t>(a, lanes32[i])
                                                           : lane<uint8_t>(b, lanes32[i] - 16)));
  }
  SUCCEED();
}

TEST_CASE("simd: float lane ops match the scalar wasm rules", "[simd][random]") {
  diff_binary_float<float>(simd::F32x4Add, [](float a, float b) { return a + b; });
  diff_binary_float<float>(simd::F32x4Sub, [](float a, float b) { return a - b; });
  diff_binary_float<float>(simd::F32x4Mul, [](float a, float b) { return a * b; });
  diff_binary_float<float>(simd::F32x4Div, [](float a, float b) { return a / b; });
  diff_binary_float<float>(simd::F32x4Min, num::fmin<float>);
  diff_binary_float<float>(simd::F32x4Max, num::fmax<float>);
  diff_binary_float_exact<float>(simd::F32x4Pmin, [](float a, float b) { return b < a ? b : a; });
  diff_binary_float_exact<float>(simd::F32x4Pmax, [](float a, float b) { return a < b ? b : a; });
  diff_unary_float<float>(simd::F32x4Sqrt, num::fsqrt<float>);
  diff_unary_float<float>(simd::F32x4Ceil, num::fceil<float>);
  diff_unary_float<float>(simd::F32x4Floor, num::ffloor<float>);
  diff_unary_float<float>(simd::F32x4Trunc, num::ftrunc<float>);
  diff_unary_float<float>(simd::F32x4Nearest, num::fnearest<float>);
  diff_binary_float_exact<float>([](V a, V) { return simd::F32x4Abs(a); },
                                 [](float a, float) { return num::fabs_(a); });
  diff_binary_float_exact<float>([](V a, V) { return simd::F32x4Neg(a); },
                                 [](float a, float) { return num::fneg(a); });

  diff_binary_float<double>(simd::F64x2Add, [](double a, double b) { return a + b; });
  diff_binary_float<double>(simd::F64x2Sub, [](double a, double b) { return a - b; });
  diff_binary_float<double>(simd::F64x2Mul, [](double a, double b) { return a * b; });
  diff_binary_float<double>(simd::F64x2Div, [](double a, double b) { return a / b; });
  diff_binary_float<double>(simd::F64x2Min, num::fmin<double>);
  diff_binary_float<double>(simd::F64x2Max, num::fmax<double>);
  diff_binary_float_exact<double>(simd::F64x2Pmin,
                                  [](double a, double b) { return b < a ? b : a; });
  diff_binary_float_exact<double>(simd::F64x2Pmax,
                                  [](double a, double b) { return a < b ? b : a; });
  diff_unary_float<double>(simd::F64x2Sqrt, num::fsqrt<double>);
  diff_unary_float<double>(simd::F64x2Ceil, num::fceil<double>);
  diff_unary_float<double>(simd::F64x2Floor, num::ffloor<double>);
  diff_unary_float<double>(simd::F64x2Trunc, num::ftrunc<double>);
  diff_unary_float<double>(simd::F64x2Nearest, num::fnearest<double>);
  diff_binary_float_exact<double>([](V a, V) { return simd::F64x2Abs(a); },
                                  [](double a, double) { return num::fabs_(a); });
  diff_binary_float_exact<double>([](V a, V) { return simd::F64x2Neg(a); },
                                  [](double a, double) { return num::fneg(a); });

  diff_compare_float<float>(simd::F32x4Eq, [](float a, float b) { return a == b; });
  diff_compare_float<float>(simd::F32x4Ne, [](float a, float b) { return a != b; });
  diff_compare_float<float>(simd::F32x4Lt, [](float a, float b) { return a < b; });
  diff_compare_float<float>(simd::F32x4Gt, [](float a, float b) { return a > b; });
  diff_compare_float<float>(simd::F32x4Le, [](float a, float b) { return a <= b; });
  diff_compare_float<float>(simd::F32x4Ge, [](float a, float b) { return a >= b; });
  diff_compare_float<double>(simd::F64x2Eq, [](double a, double b) { return a == b; });
  diff_compare_float<double>(simd::F64x2Ne, [](double a, double b) { return a != b; });
  diff_compare_float<double>(simd::F64x2Lt, [](double a, double b) { return a < b; });
  diff_compare_float<double>(simd::F64x2Gt, [](double a, double b) { return a > b; });
  diff_compare_float<double>(simd::F64x2Le, [](double a, double b) { return a <= b; });
  diff_compare_float<double>(simd::F64x2Ge, [](double a, double b) { return a >= b; });
}

TEST_CASE("simd: conversions match the scalar wasm rules", "[simd][random]") {
  for (int k = 0; k < kIters; ++k) {
    V f = rand_vec<float>(), d = rand_vec<double>();
    V i = k % 2 ? rand_vec<uint32_t>() : rand_vec<int32_t>();
    V ts = simd::I32x4TruncSatF32x4S(f), tu = simd::I32x4TruncSatF32x4U(f);
    V cs = simd::F32x4ConvertI32x4S(i), cu = simd::F32x4ConvertI32x4U(i);
    for (unsigned j = 0; j < 4; ++j) {
      float x = lane<float>(f, j);
      INFO("f32 lane " << j << " = " << x << " (0x" << std::hex << b32(x) << ")");
      LANE_REQUIRE(lane<int32_t>(ts, j) == num::trunc_sat<int32_t>(x));
      LANE_REQUIRE(lane<uint32_t>(tu, j) == num::trunc_sat<uint32_t>(x));
      LANE_REQUIRE(b32(lane<float>(cs, j)) == b32(num::convert<float>(lane<int32_t>(i, j))));
      LANE_REQUIRE(b32(lane<float>(cu, j)) == b32(num::convert<float>(lane<uint32_t>(i, j))));
    }
    V ds = simd::I32x4TruncSatF64x2SZero(d), du = simd::I32x4TruncSatF64x2UZero(d);
    V dm = simd::F32x4DemoteF64x2Zero(d), pr = simd::F64x2PromoteLowF32x4(f);
    V ls = simd::F64x2ConvertLowI32x4S(i), lu = simd::F64x2ConvertLowI32x4U(i);
    for (unsigned j = 0; j < 2; ++j) {
      double x = lane<double>(d, j);
      INFO("f64 lane " << j << " = " << x << " (0x" << std::hex << b64(x) << ")");
      LANE_REQUIRE(lane<int32_t>(ds, j) == num::trunc_sat<int32_t>(x));
      LANE_REQUIRE(lane<uint32_t>(du, j) == num::trunc_sat<uint32_t>(x));
      check_float(lane<float>(dm, j), num::demote(x), {x});
      float y = lane<float>(f, j);
      check_float(lane<double>(pr, j), num::promote(y), {y});
      LANE_REQUIRE(lane<double>(ls, j) == double(lane<int32_t>(i, j)));
      LANE_REQUIRE(lane<double>(lu, j) == double(lane<uint32_t>(i, j)));
    }
    // The "zero" variants clear the two high lanes.
    LANE_REQUIRE(lane<uint64_t>(ds, 1) == 0);
    LANE_REQUIRE(lane<uint64_t>(du, 1) == 0);
    LANE_REQUIRE(lane<uint64_t>(dm, 1) == 0);
  }
  SUCCEED();
}
