// Unit tests for memory/: LinearMemory and MemoryView.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <vector>

#include "memory/linear_memory.h"
#include "memory/memory_view.h"
#include "wasmrun/error.h"

using wasmrun::Error;
using wasmrun::ErrorKind;
using wasmrun::LinearMemory;
using wasmrun::MemoryView;

namespace {

constexpr uint64_t kPage = 65536;
constexpr uint64_t kU64Max = std::numeric_limits<uint64_t>::max();

// Runs f and returns the kind and message of the wasmrun::Error it throws.
template <class F>
std::pair<ErrorKind, std::string> error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return {e.kind(), e.what()};
  }
  FAIL("expected a wasmrun::Error");
  return {};
}

bool traps_oob(auto&& f) {
  auto [kind, msg] = error_of(f);
  return kind == ErrorKind::Trap && msg == "out of bounds memory access";
}

bool all_zero(const uint8_t* p, uint64_t n) {
  for (uint64_t i = 0; i < n; ++i)
    if (p[i]) return false;
  return true;
}

template <size_t N>
std::array<uint8_t, N> bytes_at(const LinearMemory& m, uint64_t addr) {
  std::array<uint8_t, N> out{};
  std::memcpy(out.data(), m.base() + addr, N);
  return out;
}

}  // namespace

TEST_CASE("new memory: size, limits and zero contents", "[memory]") {
  LinearMemory m(2, 5);
  CHECK(m.pages() == 2);
  CHECK(m.size_bytes() == 2 * kPage);
  CHECK(m.max_pages() == std::optional<uint64_t>(5));
  CHECK(m.limit_pages() == 5);
  CHECK(m.page_size() == kPage);
  REQUIRE(m.base() != nullptr);
  CHECK(m.bytes().size() == 2 * kPage);
  CHECK(all_zero(m.base(), m.size_bytes()));

  LinearMemory unbounded(0, std::nullopt);
  CHECK(unbounded.pages() == 0);
  CHECK(unbounded.max_pages() == std::nullopt);
  CHECK(unbounded.limit_pages() <= 65536);
  CHECK(unbounded.base() != nullptr);  // reserved even when empty
}

TEST_CASE("constructor errors", "[memory]") {
  auto [k1, m1] = error_of([] { LinearMemory m(3, 2); });
  CHECK(k1 == ErrorKind::Io);
  CHECK(m1 == "cannot allocate linear memory");
  auto [k2, m2] = error_of([] { LinearMemory m(5, std::nullopt, 4); });
  CHECK(k2 == ErrorKind::Io);
  auto [k3, m3] = error_of([] { LinearMemory m(1, std::nullopt, 65536, 12); });
  CHECK(k3 == ErrorKind::Usage);
}

TEST_CASE("in_bounds at the exact end and without overflow", "[memory]") {
  LinearMemory m(1, std::nullopt);
  CHECK(m.in_bounds(kPage - 4, 0, 4));
  CHECK(m.in_bounds(kPage - 8, 4, 4));
  CHECK_FALSE(m.in_bounds(kPage - 3, 0, 4));
  CHECK_FALSE(m.in_bounds(kPage - 4, 1, 4));
  CHECK(m.in_bounds(kPage, 0, 0));  // empty access at the end is fine
  CHECK(m.in_bounds(0, kPage, 0));
  CHECK_FALSE(m.in_bounds(kPage + 1, 0, 0));
  CHECK_FALSE(m.in_bounds(kPage, 1, 0));
  // Sums that would wrap in 64 bits must not come back into range.
  CHECK_FALSE(m.in_bounds(kU64Max, kU64Max, 1));
  CHECK_FALSE(m.in_bounds(1, kU64Max, 0));
  CHECK_FALSE(m.in_bounds(0, 1, kU64Max));
  CHECK_FALSE(m.in_bounds(kU64Max, 2, 0));
}

TEST_CASE("loads and stores at the end of memory", "[memory]") {
  LinearMemory m(1, std::nullopt);
  m.store<uint8_t>(kPage - 1, 0, 0xAB);
  CHECK(m.load<uint8_t>(kPage - 1, 0) == 0xAB);
  CHECK(m.load<uint8_t>(kPage - 2, 1) == 0xAB);
  m.store<uint64_t>(kPage - 8, 0, 0x0102030405060708ull);
  CHECK(m.load<uint64_t>(0, kPage - 8) == 0x0102030405060708ull);

  CHECK(traps_oob([&] { (void)m.load<uint8_t>(kPage, 0); }));
  CHECK(traps_oob([&] { (void)m.load<uint16_t>(kPage - 1, 0); }));
  CHECK(traps_oob([&] { (void)m.load<uint32_t>(kPage - 3, 0); }));
  CHECK(traps_oob([&] { (void)m.load<uint64_t>(kPage - 7, 0); }));
  CHECK(traps_oob([&] { (void)m.load<double>(kPage - 4, 0); }));
  CHECK(traps_oob([&] { m.store<uint32_t>(kPage - 2, 0, 0xFFFFFFFF); }));
  CHECK(traps_oob([&] { m.store<uint16_t>(kPage - 1, 0, 0xFFFF); }));
  // A trapping store writes nothing.
  CHECK(m.load<uint8_t>(kPage - 2, 0) == 0x02);
  CHECK(m.load<uint8_t>(kPage - 1, 0) == 0x01);
}

TEST_CASE("32-bit address plus 32-bit offset past 4 GiB traps", "[memory]") {
  // Would wrap to a small address in 32-bit arithmetic.
  LinearMemory m(1, std::nullopt);
  CHECK(traps_oob([&] { (void)m.load<uint32_t>(0xFFFFFFFFu, 0xFFFFFFFFu); }));
  CHECK(traps_oob([&] { (void)m.load<uint8_t>(0xFFFFFFFFu, 1); }));
  CHECK(traps_oob([&] { (void)m.load<uint8_t>(1, 0xFFFFFFFFu); }));
  CHECK(traps_oob([&] { m.store<uint64_t>(0x80000000u, 0x80000000u, 1); }));
  CHECK(traps_oob([&] { (void)m.load<uint8_t>(kU64Max, 1); }));
  CHECK(all_zero(m.base(), m.size_bytes()));
}

TEST_CASE("little-endian byte order of every width", "[memory]") {
  LinearMemory m(1, std::nullopt);
  using B2 = std::array<uint8_t, 2>;
  using B4 = std::array<uint8_t, 4>;
  using B8 = std::array<uint8_t, 8>;

  m.store<uint8_t>(0, 0, 0x81);
  CHECK(m.load<uint8_t>(0, 0) == 0x81);
  CHECK(m.load<int8_t>(0, 0) == -127);

  // Odd addresses: access must not need alignment.
  m.store<uint16_t>(1, 0, 0x1234);
  CHECK(bytes_at<2>(m, 1) == B2{0x34, 0x12});
  CHECK(m.load<uint16_t>(1, 0) == 0x1234);
  m.store<int16_t>(3, 0, -2);
  CHECK(bytes_at<2>(m, 3) == B2{0xFE, 0xFF});
  CHECK(m.load<int16_t>(3, 0) == -2);

  m.store<uint32_t>(17, 0, 0x11223344u);
  CHECK(bytes_at<4>(m, 17) == B4{0x44, 0x33, 0x22, 0x11});
  CHECK(m.load<uint32_t>(17, 0) == 0x11223344u);
  m.store<int32_t>(21, 0, -0x11223344);
  CHECK(m.load<int32_t>(21, 0) == -0x11223344);
  CHECK(bytes_at<4>(m, 21) == B4{0xBC, 0xCC, 0xDD, 0xEE});

  m.store<uint64_t>(33, 0, 0x1122334455667788ull);
  CHECK(bytes_at<8>(m, 33) == B8{0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11});
  CHECK(m.load<uint64_t>(33, 0) == 0x1122334455667788ull);
  m.store<int64_t>(41, 0, -1);
  CHECK(bytes_at<8>(m, 41) == B8{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF});
  CHECK(m.load<int64_t>(41, 0) == -1);

  m.store<float>(51, 0, 1.0f);  // 0x3F800000
  CHECK(bytes_at<4>(m, 51) == B4{0x00, 0x00, 0x80, 0x3F});
  CHECK(m.load<float>(51, 0) == 1.0f);
  m.store<double>(55, 0, -2.0);  // 0xC000000000000000
  CHECK(bytes_at<8>(m, 55) == B8{0, 0, 0, 0, 0, 0, 0x00, 0xC0});
  CHECK(m.load<double>(55, 0) == -2.0);

  // The memarg offset adds to the address.
  m.store<uint32_t>(100, 28, 0xCAFEBABEu);
  CHECK(m.load<uint32_t>(128, 0) == 0xCAFEBABEu);
  CHECK(m.load<uint16_t>(64, 66) == 0xCAFEu);

  // A signalling NaN's bits survive a store/load round trip.
  const uint32_t snan = 0x7FA00001u;
  m.store<uint32_t>(200, 0, snan);
  float f = m.load<float>(200, 0);
  m.store<float>(204, 0, f);
  CHECK(m.load<uint32_t>(204, 0) == snan);
}

TEST_CASE("grow: old size, limits, zeroed pages, stable base", "[memory]") {
  LinearMemory m(1, 4);
  uint8_t* base = m.base();
  m.store<uint8_t>(0, 0, 7);
  CHECK(m.grow(0) == 1);
  CHECK(m.grow(2) == 1);
  CHECK(m.pages() == 3);
  CHECK(m.size_bytes() == 3 * kPage);
  CHECK(m.base() == base);
  CHECK(m.load<uint8_t>(0, 0) == 7);
  CHECK(all_zero(m.base() + kPage, 2 * kPage));
  m.store<uint32_t>(3 * kPage - 4, 0, 1);  // the new last bytes are usable

  CHECK(m.grow(2) == -1);  // past max: unchanged
  CHECK(m.pages() == 3);
  CHECK(m.grow(kU64Max) == -1);
  CHECK(m.grow(uint64_t{1} << 63) == -1);
  CHECK(m.grow(1) == 3);
  CHECK(m.grow(1) == -1);
  CHECK(m.grow(0) == 4);
  CHECK(m.base() == base);
  CHECK(m.max_pages() == std::optional<uint64_t>(4));  // the declared max stays
}

TEST_CASE("grow honours the host cap", "[memory]") {
  LinearMemory m(1, 100, 3);
  CHECK(m.limit_pages() == 3);
  CHECK(m.grow(3) == -1);
  CHECK(m.grow(2) == 1);
  CHECK(m.grow(1) == -1);
  CHECK(m.pages() == 3);

  // Without a max the default cap is the 2^16 pages of a 32-bit memory.
  LinearMemory u(0, std::nullopt);
  uint8_t* base = u.base();
  CHECK(u.grow(65537) == -1);
  CHECK(u.grow(16) == 0);
  CHECK(u.base() == base);
  CHECK(all_zero(u.base(), u.size_bytes()));
}

TEST_CASE("zero-page memories", "[memory]") {
  LinearMemory m(0, 0);
  CHECK(m.size_bytes() == 0);
  CHECK(m.in_bounds(0, 0, 0));
  CHECK(traps_oob([&] { (void)m.load<uint8_t>(0, 0); }));
  m.fill(0, 1, 0);  // empty at the end: fine
  CHECK(m.grow(0) == 0);
  CHECK(m.grow(1) == -1);
}

TEST_CASE("1-byte pages (custom page sizes)", "[memory]") {
  LinearMemory m(3, 10, 65536, 0);
  CHECK(m.page_size() == 1);
  CHECK(m.size_bytes() == 3);
  CHECK(traps_oob([&] { (void)m.load<uint32_t>(0, 0); }));
  CHECK(m.grow(5) == 3);
  CHECK(m.size_bytes() == 8);
  m.store<uint64_t>(0, 0, ~uint64_t{0});
  CHECK(m.grow(2) == 8);
  CHECK(m.load<uint16_t>(8, 0) == 0);
  CHECK(m.grow(1) == -1);
}

TEST_CASE("move keeps the mapping and base", "[memory]") {
  LinearMemory a(1, 2);
  uint8_t* base = a.base();
  a.store<uint32_t>(0, 0, 42);
  LinearMemory b(std::move(a));
  CHECK(b.base() == base);
  CHECK(b.load<uint32_t>(0, 0) == 42);
  CHECK(b.grow(1) == 1);
  std::vector<LinearMemory> v;
  v.push_back(std::move(b));
  CHECK(v[0].base() == base);
  CHECK(v[0].pages() == 2);
  LinearMemory c(1, std::nullopt);
  c = std::move(v[0]);
  CHECK(c.base() == base);
  CHECK(c.load<uint32_t>(0, 0) == 42);
}

TEST_CASE("fill", "[memory]") {
  LinearMemory m(1, std::nullopt);
  m.fill(10, 0xAA, 5);
  CHECK(m.load<uint8_t>(9, 0) == 0);
  CHECK(m.load<uint8_t>(10, 0) == 0xAA);
  CHECK(m.load<uint8_t>(14, 0) == 0xAA);
  CHECK(m.load<uint8_t>(15, 0) == 0);
  m.fill(kPage - 3, 0x55, 3);
  CHECK(m.load<uint8_t>(kPage - 1, 0) == 0x55);
  m.fill(kPage, 0x11, 0);
  CHECK(traps_oob([&] { m.fill(kPage + 1, 0x11, 0); }));
  // Out of bounds: traps before writing anything (2.0 semantics).
  CHECK(traps_oob([&] { m.fill(kPage - 10, 0x77, 11); }));
  CHECK(m.load<uint8_t>(kPage - 10, 0) == 0);
  CHECK(traps_oob([&] { m.fill(0, 0x77, kU64Max); }));
  CHECK(m.load<uint8_t>(0, 0) == 0);
}

TEST_CASE("copy: overlap in both directions and bounds", "[memory]") {
  LinearMemory m(1, std::nullopt);
  for (uint8_t i = 0; i < 10; ++i) m.store<uint8_t>(i, 0, i + 1);  // 1..10

  SECTION("forward overlap (dst > src)") {
    m.copy(2, 0, 8);
    std::array<uint8_t, 10> want{1, 2, 1, 2, 3, 4, 5, 6, 7, 8};
    CHECK(bytes_at<10>(m, 0) == want);
  }
  SECTION("backward overlap (dst < src)") {
    m.copy(0, 2, 8);
    std::array<uint8_t, 10> want{3, 4, 5, 6, 7, 8, 9, 10, 9, 10};
    CHECK(bytes_at<10>(m, 0) == want);
  }
  SECTION("bounds") {
    m.copy(kPage - 4, 0, 4);
    CHECK(m.load<uint32_t>(kPage - 4, 0) == 0x04030201u);
    m.copy(kPage, 0, 0);
    m.copy(0, kPage, 0);
    CHECK(traps_oob([&] { m.copy(kPage + 1, 0, 0); }));
    CHECK(traps_oob([&] { m.copy(0, kPage + 1, 0); }));
    // Either side out of bounds: nothing is written.
    CHECK(traps_oob([&] { m.copy(100, kPage - 4, 5); }));
    CHECK(m.load<uint8_t>(100, 0) == 0);
    CHECK(traps_oob([&] { m.copy(kPage - 4, 100, 5); }));
    CHECK(m.load<uint32_t>(kPage - 4, 0) == 0x04030201u);
    CHECK(traps_oob([&] { m.copy(0, 1, kU64Max); }));
  }
}

TEST_CASE("init from a data segment", "[memory]") {
  LinearMemory m(1, std::nullopt);
  const std::array<uint8_t, 4> seg{0xA, 0xB, 0xC, 0xD};
  std::span<const uint8_t> src(seg);

  m.init(5, src, 1, 3);
  CHECK(bytes_at<5>(m, 4) == std::array<uint8_t, 5>{0, 0xB, 0xC, 0xD, 0});
  m.init(kPage - 4, src, 0, 4);
  CHECK(m.load<uint32_t>(kPage - 4, 0) == 0x0D0C0B0Au);
  m.init(kPage, src, 4, 0);  // empty at both ends: fine
  m.init(0, {}, 0, 0);

  CHECK(traps_oob([&] { m.init(20, src, 2, 3); }));   // source too short
  CHECK(traps_oob([&] { m.init(20, src, 5, 0); }));   // source offset past end
  CHECK(traps_oob([&] { m.init(kPage + 1, src, 0, 0); }));
  CHECK(traps_oob([&] { m.init(kPage - 2, src, 0, 3); }));
  CHECK(traps_oob([&] { m.init(20, src, kU64Max, 2); }));
  CHECK(traps_oob([&] { m.init(20, src, 1, kU64Max); }));
  CHECK(m.load<uint32_t>(20, 0) == 0);
  CHECK(m.load<uint8_t>(kPage - 2, 0) == 0x0C);  // unchanged
}

TEST_CASE("typed views", "[memory]") {
  LinearMemory m(1, 2);
  MemoryView<uint16_t> v(m);
  CHECK(v.size() == kPage / 2);
  CHECK(v.bytes().size() == kPage);
  CHECK(v.bytes().data() == m.base());

  v.set(1, 0x1234);
  CHECK(m.load<uint8_t>(2, 0) == 0x34);
  CHECK(m.load<uint8_t>(3, 0) == 0x12);
  CHECK(v.get(1) == 0x1234);
  CHECK(v.at(1) == 0x1234);
  CHECK(v.at(kPage / 2 - 1) == 0);
  auto [kind, msg] = error_of([&] { (void)v.at(kPage / 2); });
  CHECK(kind == ErrorKind::Usage);
  CHECK(msg == "index out of range");

  // Unaligned base and a length that is not a whole number of elements.
  MemoryView<uint32_t> odd(m.base() + 101, 9);
  CHECK(odd.size() == 2);
  odd.set(0, 0xA1B2C3D4u);
  CHECK(m.load<uint32_t>(101, 0) == 0xA1B2C3D4u);
  CHECK_THROWS_AS(odd.at(2), Error);

  MemoryView<double> d(m);
  d.set(3, 0.5);
  CHECK(m.load<double>(24, 0) == 0.5);
  CHECK(d.get(3) == 0.5);

  MemoryView<int8_t> s(m);
  m.store<uint8_t>(7, 0, 0xFF);
  CHECK(s.get(7) == -1);

  // grow keeps the base, so an old view stays usable, just stale in length.
  CHECK(m.grow(1) == 1);
  CHECK(v.size() == kPage / 2);
  CHECK(v.get(1) == 0x1234);
  MemoryView<uint16_t> fresh(m);
  CHECK(fresh.size() == kPage);
  CHECK(fresh.bytes().data() == v.bytes().data());
}
