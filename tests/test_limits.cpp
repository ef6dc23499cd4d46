// Fuel and interruption of metered code (LoadOptions::metered,
// Store::set_fuel, Store::interrupt): exact charges, traps with their own
// messages, a store that stays usable, and unmetered code that ignores both.
#include <chrono>
#include <thread>

#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

const char* kLoops = R"(
(module
  ;; counts n down to 0: the loop body is 8 instructions, end included
  (func (export "count") (param i32) (result i32)
    (loop $l
      (br_if $l (i32.ne (local.tee 0 (i32.sub (local.get 0) (i32.const 1))) (i32.const 0))))
    (local.get 0))
  (func (export "spin") (loop $l (br $l)))
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (call $down (i32.sub (local.get 0) (i32.const 1))))))
  (func $forever (export "forever") (call $forever)))
)";

Instance* load(Store& store, bool metered) {
  LoadOptions options;
  options.metered = metered;
  auto module = CompiledModule::from_text(kLoops, store.features(), options);
  return store.instantiate(*module, Imports{});
}

uint64_t fuel_used(Store& store, Instance* inst, const char* name, uint32_t arg) {
  store.set_fuel(1'000'000);
  invoke_i32(store, inst, name, {i32(arg)});
  return 1'000'000 - store.fuel();
}

}  // namespace

TEST_CASE("limits: fuel is charged per instruction of each loop iteration and call", "[limits]") {
  Store store;
  Instance* inst = load(store, true);
  CHECK(invoke_i32(store, inst, "count", {i32(5)}) == 0);  // unlimited fuel by default
  const uint64_t ten = fuel_used(store, inst, "count", 10), twenty = fuel_used(store, inst, "count", 20);
  CHECK(twenty - ten == 10 * 8);
  const uint64_t calls3 = fuel_used(store, inst, "down", 3), calls6 = fuel_used(store, inst, "down", 6);
  CHECK(calls6 > calls3);
  CHECK((calls6 - calls3) % 3 == 0);  // the same charge per call
}

TEST_CASE("limits: running out of fuel traps, leaves 0, and the store goes on", "[limits]") {
  Store store;
  Instance* inst = load(store, true);
  for (const char* f : {"spin", "forever"}) {
    INFO(f);
    store.set_fuel(10'000);
    Failure fail = failure_of([&] { store.call(inst->func(f), {}); });
    CHECK(fail.kind == ErrorKind::Trap);
    CHECK(fail.message == "all fuel consumed");
    CHECK(store.fuel() == 0);
  }
  // No fuel left: even a short call traps; with fuel again it runs.
  Failure fail = failure_of([&] { invoke_i32(store, inst, "count", {i32(3)}); });
  CHECK(fail.message == "all fuel consumed");
  store.set_fuel(100'000);
  CHECK(invoke_i32(store, inst, "count", {i32(3)}) == 0);
}

TEST_CASE("limits: another thread interrupts an endless loop", "[limits]") {
  Store store;
  Instance* inst = load(store, true);
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    store.interrupt();
  });
  Failure fail = failure_of([&] { store.call(inst->func("spin"), {}); });
  stopper.join();
  CHECK(fail.kind == ErrorKind::Trap);
  CHECK(fail.message == "interrupted");
  // The trap cleared the request.
  CHECK(invoke_i32(store, inst, "count", {i32(100)}) == 0);
}

TEST_CASE("limits: unmetered code ignores fuel and interrupts", "[limits]") {
  Store store;
  Instance* inst = load(store, false);
  store.set_fuel(5);
  store.interrupt();
  CHECK(invoke_i32(store, inst, "count", {i32(1000)}) == 0);
  CHECK(store.fuel() == 5);
}
