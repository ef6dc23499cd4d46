// Typed calls of the embedding API: Instance::func<Signature> checks the
// export's type once and calls it with C++ values.
#include <cstdint>
#include <tuple>

#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

constexpr const char* kModule = R"(
(module
  (func (export "fac") (param i64) (result i64)
    (if (result i64) (i64.le_u (local.get 0) (i64.const 1))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call 0 (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "swap") (param i32 f64) (result f64 i32) (local.get 1) (local.get 0))
  (func (export "neg") (param f32) (result f32) (f32.neg (local.get 0)))
  (global $g (mut i32) (i32.const 0))
  (func (export "bump") (global.set $g (i32.add (global.get $g) (i32.const 1))))
  (func (export "count") (result i32) (global.get $g))
  (func (export "boom") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0))))
)";

}  // namespace

TEST_CASE("typed calls: one result, several, none", "[api][typed]") {
  Store store;
  Instance* inst = instantiate_wat(store, kModule);

  auto fac = inst->func<int64_t(int64_t)>("fac");
  CHECK(fac(store, 20) == 2432902008176640000);
  CHECK(fac(store, 0) == 1);
  auto fac_unsigned = inst->func<uint64_t(uint64_t)>("fac");
  CHECK(fac_unsigned(store, 5) == 120u);

  auto swap = inst->func<std::tuple<double, int32_t>(int32_t, double)>("swap");
  auto [d, i] = swap(store, -7, 2.5);
  CHECK(d == 2.5);
  CHECK(i == -7);

  CHECK(inst->func<float(float)>("neg")(store, 1.5f) == -1.5f);

  auto bump = inst->func<void()>("bump");
  bump(store);
  bump(store);
  CHECK(inst->func<int32_t()>("count")(store) == 2);
}

TEST_CASE("typed calls: the signature is checked when the function is looked up", "[api][typed]") {
  Store store;
  Instance* inst = instantiate_wat(store, kModule);
  auto usage = [](auto&& f) {
    try {
      f();
    } catch (const Error& e) {
      return e.kind() == ErrorKind::Usage;
    }
    return false;
  };
  CHECK(usage([&] { inst->func<int32_t(int32_t)>("fac"); }));        // wrong widths
  CHECK(usage([&] { inst->func<int64_t(int64_t, int64_t)>("fac"); }));  // wrong arity
  CHECK(usage([&] { inst->func<void(int64_t)>("fac"); }));           // missing result
  CHECK(usage([&] { inst->func<std::tuple<int32_t, double>(int32_t, double)>("swap"); }));  // results swapped
  CHECK(usage([&] { inst->func<int32_t()>("absent"); }));
}

TEST_CASE("typed calls: a trap is an Error of kind Trap", "[api][typed]") {
  Store store;
  Instance* inst = instantiate_wat(store, kModule);
  auto boom = inst->func<uint32_t(uint32_t)>("boom");
  CHECK(boom(store, 1) == 1u);
  try {
    boom(store, 0);
    FAIL("no trap");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Trap);
    CHECK(std::string(e.what()) == "integer divide by zero");
  }
}
