// The threads proposal: shared memories, the 0xFE instructions of every
// width, wait/notify (memory/wait_queue.h) and several host threads on one
// shared memory, one store per thread (docs/THREADS.md).
//
// The multi-threaded tests do not sleep: a waiter is known to be blocked
// when notify (or WaitQueue::waiting) sees it, and every wait a test
// expects to be woken has a timeout of seconds as a safety net, so a bug
// fails the test instead of hanging it.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "interp/runtime/runtime.h"
#include "memory/wait_queue.h"
#include "tests/test_interp_util.h"
#include "tests/wasm_bytes.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

Features threads() {
  Features f = Features::all();
  f.threads = true;
  return f;
}

const char* kAtomics = R"((module
  (memory (export "mem") 1 1 shared)
  (func (export "ld32") (param i32) (result i32) (i32.atomic.load (local.get 0)))
  (func (export "ld64") (param i32) (result i64) (i64.atomic.load (local.get 0)))
  (func (export "ld32_8") (param i32) (result i32) (i32.atomic.load8_u (local.get 0)))
  (func (export "ld32_16") (param i32) (result i32) (i32.atomic.load16_u (local.get 0)))
  (func (export "ld64_8") (param i32) (result i64) (i64.atomic.load8_u (local.get 0)))
  (func (export "ld64_16") (param i32) (result i64) (i64.atomic.load16_u (local.get 0)))
  (func (export "ld64_32") (param i32) (result i64) (i64.atomic.load32_u (local.get 0)))
  (func (export "st32") (param i32 i32) (i32.atomic.store (local.get 0) (local.get 1)))
  (func (export "st64") (param i32 i64) (i64.atomic.store (local.get 0) (local.get 1)))
  (func (export "st32_8") (param i32 i32) (i32.atomic.store8 (local.get 0) (local.get 1)))
  (func (export "st32_16") (param i32 i32) (i32.atomic.store16 (local.get 0) (local.get 1)))
  (func (export "st64_8") (param i32 i64) (i64.atomic.store8 (local.get 0) (local.get 1)))
  (func (export "st64_16") (param i32 i64) (i64.atomic.store16 (local.get 0) (local.get 1)))
  (func (export "st64_32") (param i32 i64) (i64.atomic.store32 (local.get 0) (local.get 1)))
  (func (export "add32") (param i32 i32) (result i32) (i32.atomic.rmw.add (local.get 0) (local.get 1)))
  (func (export "add64") (param i32 i64) (result i64) (i64.atomic.rmw.add (local.get 0) (local.get 1)))
  (func (export "add32_8") (param i32 i32) (result i32) (i32.atomic.rmw8.add_u (local.get 0) (local.get 1)))
  (func (export "sub32_16") (param i32 i32) (result i32) (i32.atomic.rmw16.sub_u (local.get 0) (local.get 1)))
  (func (export "sub64") (param i32 i64) (result i64) (i64.atomic.rmw.sub (local.get 0) (local.get 1)))
  (func (export "and64_32") (param i32 i64) (result i64) (i64.atomic.rmw32.and_u (local.get 0) (local.get 1)))
  (func (export "or64_8") (param i32 i64) (result i64) (i64.atomic.rmw8.or_u (local.get 0) (local.get 1)))
  (func (export "xor32") (param i32 i32) (result i32) (i32.atomic.rmw.xor (local.get 0) (local.get 1)))
  (func (export "xchg64_16") (param i32 i64) (result i64) (i64.atomic.rmw16.xchg_u (local.get 0) (local.get 1)))
  (func (export "xchg32") (param i32 i32) (result i32) (i32.atomic.rmw.xchg (local.get 0) (local.get 1)))
  (func (export "cas32") (param i32 i32 i32) (result i32)
    (i32.atomic.rmw.cmpxchg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "cas64") (param i32 i64 i64) (result i64)
    (i64.atomic.rmw.cmpxchg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "cas32_8") (param i32 i32 i32) (result i32)
    (i32.atomic.rmw8.cmpxchg_u (local.get 0) (local.get 1) (local.get 2)))
  (func (export "cas64_32") (param i32 i64 i64) (result i64)
    (i64.atomic.rmw32.cmpxchg_u (local.get 0) (local.get 1) (local.get 2)))
  (func (export "wait32") (param i32 i32 i64) (result i32)
    (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "wait64") (param i32 i64 i64) (result i32)
    (memory.atomic.wait64 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "notify") (param i32 i32) (result i32) (memory.atomic.notify (local.get 0) (local.get 1)))
  (func (export "fence") (atomic.fence))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size)))
)";

std::string trap_of(Store& store, Instance* inst, const char* name, std::vector<Value> args) {
  Failure f = failure_of([&] { invoke(store, inst, name, std::move(args)); });
  if (!f.thrown) return "(returned)";
  if (f.kind != ErrorKind::Trap) return "(not a trap) " + f.message;
  return f.message;
}

// The module above, sharing `memory` (made by another store) instead of
// declaring its own: for a second thread.
std::string importing(const std::string& wat) {
  std::string out = wat;
  const std::string decl = R"((memory (export "mem") 1 1 shared))";
  out.replace(out.find(decl), decl.size(), R"((import "host" "mem" (memory 1 1 shared)))");
  return out;
}

}  // namespace

TEST_CASE("atomic loads and stores of every width read and write little-endian values", "[threads]") {
  Store store(threads());
  Instance* inst = instantiate_wat(store, kAtomics);
  invoke(store, inst, "st64", {i32(8), i64(0x8877665544332211ull)});
  CHECK(invoke_i64(store, inst, "ld64", {i32(8)}) == 0x8877665544332211ull);
  CHECK(invoke_i32(store, inst, "ld32", {i32(12)}) == 0x88776655u);
  CHECK(invoke_i32(store, inst, "ld32_8", {i32(9)}) == 0x22u);
  CHECK(invoke_i32(store, inst, "ld32_16", {i32(10)}) == 0x4433u);
  CHECK(invoke_i64(store, inst, "ld64_8", {i32(15)}) == 0x88u);
  CHECK(invoke_i64(store, inst, "ld64_16", {i32(14)}) == 0x8877u);
  CHECK(invoke_i64(store, inst, "ld64_32", {i32(8)}) == 0x44332211u);
  // Narrow stores write only their bytes: the rest of the word stays.
  invoke(store, inst, "st32_8", {i32(8), i32(0xAABBCCDD)});
  invoke(store, inst, "st32_16", {i32(10), i32(0x12345678)});
  invoke(store, inst, "st64_8", {i32(12), i64(0xFFFFFFFFFFFFFF01ull)});
  invoke(store, inst, "st64_16", {i32(14), i64(0x0302)});
  CHECK(invoke_i64(store, inst, "ld64", {i32(8)}) == 0x03026601567822DDull);
  invoke(store, inst, "st64_32", {i32(8), i64(0xCAFEBABE01020304ull)});
  invoke(store, inst, "st32", {i32(16), i32(0xDEADBEEF)});
  CHECK(invoke_i64(store, inst, "ld64", {i32(8)}) == 0x0302660101020304ull);
  CHECK(invoke_i32(store, inst, "ld32", {i32(16)}) == 0xDEADBEEFu);
  Memory* mem = inst->memory("mem");
  REQUIRE(mem != nullptr);
  CHECK(mem->bytes()[16] == 0xEF);  // little-endian in memory
  CHECK(mem->bytes()[19] == 0xDE);
}

TEST_CASE("atomic read-modify-writes return the old value and wrap at their width", "[threads]") {
  Store store(threads());
  Instance* inst = instantiate_wat(store, kAtomics);
  invoke(store, inst, "st64", {i32(0), i64(0x00000000000000FFull)});
  // rmw8.add_u: 0xFF + 2 wraps to 0x01 in its byte; byte 1 is untouched.
  CHECK(invoke_i32(store, inst, "add32_8", {i32(0), i32(0x102)}) == 0xFFu);
  CHECK(invoke_i64(store, inst, "ld64", {i32(0)}) == 0x01u);
  CHECK(invoke_i32(store, inst, "add32", {i32(0), i32(0xFFFFFFFF)}) == 0x01u);
  CHECK(invoke_i32(store, inst, "ld32", {i32(0)}) == 0u);
  invoke(store, inst, "st32", {i32(0), i32(0x00010005)});
  // rmw16.sub_u at byte 0: 5 - 7 wraps in 16 bits; bytes 2-3 stay.
  CHECK(invoke_i32(store, inst, "sub32_16", {i32(0), i32(7)}) == 5u);
  CHECK(invoke_i32(store, inst, "ld32", {i32(0)}) == 0x0001FFFEu);
  invoke(store, inst, "st64", {i32(8), i64(10)});
  CHECK(invoke_i64(store, inst, "sub64", {i32(8), i64(11)}) == 10u);
  CHECK(invoke_i64(store, inst, "ld64", {i32(8)}) == 0xFFFFFFFFFFFFFFFFull);
  CHECK(invoke_i64(store, inst, "add64", {i32(8), i64(2)}) == 0xFFFFFFFFFFFFFFFFull);
  CHECK(invoke_i64(store, inst, "ld64", {i32(8)}) == 1u);
  invoke(store, inst, "st64", {i32(16), i64(0x12345678F0F0F0F0ull)});
  CHECK(invoke_i64(store, inst, "and64_32", {i32(16), i64(0xFFFFFFFF0F0FFFFFull)}) == 0xF0F0F0F0u);
  CHECK(invoke_i64(store, inst, "ld64", {i32(16)}) == 0x123456780000F0F0ull);
  CHECK(invoke_i64(store, inst, "or64_8", {i32(16), i64(0x10F)}) == 0xF0u);
  CHECK(invoke_i64(store, inst, "ld64", {i32(16)}) == 0x123456780000F0FFull);
  CHECK(invoke_i32(store, inst, "xor32", {i32(20), i32(0xFFFF0000)}) == 0x12345678u);
  CHECK(invoke_i32(store, inst, "ld32", {i32(20)}) == 0xEDCB5678u);
  CHECK(invoke_i64(store, inst, "xchg64_16", {i32(22), i64(0xABCD1234)}) == 0xEDCBu);
  CHECK(invoke_i32(store, inst, "ld32", {i32(20)}) == 0x12345678u);
  CHECK(invoke_i32(store, inst, "xchg32", {i32(20), i32(7)}) == 0x12345678u);
  CHECK(invoke_i32(store, inst, "ld32", {i32(20)}) == 7u);
}

TEST_CASE("atomic compare-exchange replaces only on a match at its width", "[threads]") {
  Store store(threads());
  Instance* inst = instantiate_wat(store, kAtomics);
  invoke(store, inst, "st32", {i32(0), i32(41)});
  CHECK(invoke_i32(store, inst, "cas32", {i32(0), i32(40), i32(99)}) == 41u);  // no match
  CHECK(invoke_i32(store, inst, "ld32", {i32(0)}) == 41u);
  CHECK(invoke_i32(store, inst, "cas32", {i32(0), i32(41), i32(99)}) == 41u);  // match
  CHECK(invoke_i32(store, inst, "ld32", {i32(0)}) == 99u);
  invoke(store, inst, "st64", {i32(8), i64(0x100000005ull)});
  CHECK(invoke_i64(store, inst, "cas64", {i32(8), i64(5), i64(1)}) == 0x100000005ull);
  CHECK(invoke_i64(store, inst, "ld64", {i32(8)}) == 0x100000005ull);
  // The expected value is wrapped to the access width: 0x7_00000005 is 5.
  CHECK(invoke_i64(store, inst, "cas64_32", {i32(8), i64(0x700000005ull), i64(0xFFFFFFFF00000006ull)}) == 5u);
  CHECK(invoke_i64(store, inst, "ld64", {i32(8)}) == 0x100000006ull);
  CHECK(invoke_i32(store, inst, "cas32_8", {i32(0), i32(0x163), i32(0x1FF)}) == 99u);
  CHECK(invoke_i32(store, inst, "ld32", {i32(0)}) == 0xFFu);
}

TEST_CASE("an unaligned atomic access traps; out of bounds is checked first", "[threads]") {
  Store store(threads());
  Instance* inst = instantiate_wat(store, kAtomics);
  CHECK(trap_of(store, inst, "ld32", {i32(1)}) == "unaligned atomic");
  CHECK(trap_of(store, inst, "ld64", {i32(4)}) == "unaligned atomic");
  CHECK(trap_of(store, inst, "st32_16", {i32(3), i32(0)}) == "unaligned atomic");
  CHECK(trap_of(store, inst, "cas64_32", {i32(2), i64(0), i64(0)}) == "unaligned atomic");
  CHECK(trap_of(store, inst, "wait64", {i32(4), i64(0), i64(0)}) == "unaligned atomic");
  CHECK(trap_of(store, inst, "notify", {i32(2), i32(1)}) == "unaligned atomic");
  // Bytes are always aligned.
  CHECK(invoke_i32(store, inst, "ld32_8", {i32(65535)}) == 0u);
  CHECK(trap_of(store, inst, "ld32", {i32(65536)}) == "out of bounds memory access");
  CHECK(trap_of(store, inst, "ld32", {i32(65534)}) == "out of bounds memory access");
  CHECK(trap_of(store, inst, "add64", {i32(-8), i64(1)}) == "out of bounds memory access");
  invoke(store, inst, "fence");
}

TEST_CASE("atomics work on an unshared memory, where wait traps", "[threads]") {
  Store store(threads());
  std::string wat = kAtomics;
  const std::string shared = "1 1 shared)";
  wat.replace(wat.find(shared), shared.size(), "1 1)");
  Instance* inst = instantiate_wat(store, wat);
  CHECK(invoke_i32(store, inst, "add32", {i32(4), i32(3)}) == 0u);
  CHECK(invoke_i32(store, inst, "ld32", {i32(4)}) == 3u);
  CHECK(invoke_i32(store, inst, "notify", {i32(4), i32(10)}) == 0u);
  CHECK(trap_of(store, inst, "wait32", {i32(4), i32(3), i64(0)}) == "expected shared memory");
}

TEST_CASE("atomics on a 64-bit memory and on memory 1", "[threads]") {
  Store store(threads());
  Instance* inst = instantiate_wat(store, R"((module
    (memory $a 1)
    (memory $b i64 1 1 shared)
    (func (export "add") (param i64 i32) (result i32) (i32.atomic.rmw.add $b (local.get 0) (local.get 1)))
    (func (export "ld") (param i64) (result i64) (i64.atomic.load $b offset=8 (local.get 0)))
    (func (export "ld_a") (param i32) (result i32) (i32.atomic.load $a (local.get 0)))
    (func (export "wait") (param i64) (result i32)
      (memory.atomic.wait64 $b (local.get 0) (i64.const 1) (i64.const 0)))))");
  CHECK(invoke_i32(store, inst, "add", {i64(8), i32(0x1234)}) == 0u);
  CHECK(invoke_i32(store, inst, "add", {i64(8), i32(1)}) == 0x1234u);
  CHECK(invoke_i64(store, inst, "ld", {i64(0)}) == 0x1235u);
  CHECK(invoke_i32(store, inst, "ld_a", {i32(8)}) == 0u);  // memory 0 is another memory
  CHECK(invoke_i32(store, inst, "wait", {i64(8)}) == 1u);  // 0x1235 is not 1
  CHECK(trap_of(store, inst, "ld", {i64(0xFFFFFFFFFFFFFFF8ull)}) == "out of bounds memory access");
}

TEST_CASE("wait returns not-equal or timed-out; notify without waiters wakes nobody", "[threads]") {
  Store store(threads());
  Instance* inst = instantiate_wat(store, kAtomics);
  invoke(store, inst, "st64", {i32(0), i64(0x0000000200000001ull)});
  CHECK(invoke_i32(store, inst, "wait32", {i32(0), i32(2), i64(-1)}) == 1u);  // forever, but not equal
  CHECK(invoke_i32(store, inst, "wait64", {i32(0), i64(1), i64(-1)}) == 1u);
  CHECK(invoke_i32(store, inst, "wait32", {i32(0), i32(1), i64(0)}) == 2u);
  CHECK(invoke_i32(store, inst, "wait32", {i32(4), i32(2), i64(1000000)}) == 2u);  // 1 ms
  CHECK(invoke_i32(store, inst, "wait64", {i32(0), i64(0x0000000200000001ull), i64(0)}) == 2u);
  CHECK(invoke_i32(store, inst, "notify", {i32(0), i32(5)}) == 0u);
}

TEST_CASE("a shared memory needs a maximum and matches only shared imports", "[threads]") {
  Store store(threads());
  Failure f = failure_of([&] { CompiledModule::from_text("(module (memory 1 shared))", threads()); });
  CHECK(f.kind == ErrorKind::Invalid);
  CHECK(f.message == "shared memory must have maximum");
  f = failure_of([&] { CompiledModule::from_text("(module (memory 1 2 shared))", Features::v2()); });
  CHECK(f.kind == ErrorKind::Malformed);  // no `shared` without the feature
  MemoryType shared_no_max;
  shared_no_max.shared = true;
  shared_no_max.limits = Limits{1, false, 0};
  f = failure_of([&] { store.new_memory(shared_no_max); });
  CHECK(f.kind == ErrorKind::Usage);

  MemoryType plain;
  plain.limits = Limits{1, true, 2};
  MemoryType shared = plain;
  shared.shared = true;
  Imports imports;
  imports.add("host", "plain", store.new_memory(plain));
  imports.add("host", "shared", store.new_memory(shared));
  auto links = [&](const char* wat) {
    Failure g = failure_of([&] { instantiate_wat(store, wat, imports); });
    return g.thrown ? g.message.substr(0, 24) : std::string("linked");
  };
  CHECK(links(R"((module (import "host" "shared" (memory 1 2 shared))))") == "linked");
  CHECK(links(R"((module (import "host" "plain" (memory 1 2))))") == "linked");
  CHECK(links(R"((module (import "host" "plain" (memory 1 2 shared))))") == "incompatible import type");
  CHECK(links(R"((module (import "host" "shared" (memory 1 2))))") == "incompatible import type");
}

TEST_CASE("WaitQueue: notify wakes the oldest waiters at its address, up to its count", "[threads]") {
  WaitQueue q;
  constexpr int kWaiters = 3;
  std::atomic<int> results[kWaiters];
  std::vector<std::thread> waiters;
  for (int k = 0; k < kWaiters; ++k) {
    results[k] = -1;
    waiters.emplace_back([&, k] {
      results[k] = static_cast<int>(q.wait(64, [] { return true; }, int64_t{20} * 1'000'000'000, nullptr));
    });
  }
  std::thread other([&] { (void)q.wait(128, [] { return true; }, int64_t{20} * 1'000'000'000, nullptr); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while ((q.waiting(64) < kWaiters || q.waiting(128) < 1) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  REQUIRE(q.waiting(64) == kWaiters);
  CHECK(q.notify(64, 2) == 2u);
  CHECK(q.waiting(64) == 1u);
  CHECK(q.notify(64, 0) == 0u);
  CHECK(q.notify(64, 10) == 1u);
  CHECK(q.notify(64, 10) == 0u);
  for (std::thread& t : waiters) t.join();
  for (auto& r : results) CHECK(r == static_cast<int>(WaitQueue::Result::Ok));
  CHECK(q.waiting(128) == 1u);  // another address: not woken
  CHECK(q.notify(128, 1) == 1u);
  other.join();
}

TEST_CASE("one thread waits on a shared memory, another notifies it", "[threads]") {
  // Store A makes the memory; store B, on its own thread, imports it.
  Store a(threads());
  Instance* inst_a = instantiate_wat(a, kAtomics);
  Memory* mem = inst_a->memory("mem");
  REQUIRE(mem != nullptr);
  Imports imports;
  imports.add("host", "mem", mem);
  Store b(threads());
  Instance* inst_b = instantiate_wat(b, importing(kAtomics), imports);

  std::atomic<uint32_t> woke{99};
  std::thread waiter([&] {
    try {
      woke = b.call(inst_b->func("wait32"), {i32(32), i32(0), i64(int64_t{20} * 1'000'000'000)})[0].i32;
    } catch (...) {
      woke = 98;
    }
  });
  // notify returns 1 only once the waiter is queued: no sleep needed.
  uint32_t n = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (n == 0 && std::chrono::steady_clock::now() < deadline) {
    n = invoke_i32(a, inst_a, "notify", {i32(32), i32(1)});
    if (n == 0) std::this_thread::yield();
  }
  waiter.join();
  CHECK(n == 1u);
  CHECK(woke == 0u);  // "ok": woken by the notify

  // Growth by one thread is seen by the other, at the same base.
  const uint8_t* base = mem->bytes().data();
  CHECK(invoke_i32(b, inst_b, "size") == 1u);
  CHECK(invoke_i32(b, inst_b, "grow", {i32(1)}) == static_cast<uint32_t>(-1));  // the maximum is 1
  CHECK(mem->bytes().data() == base);
}

TEST_CASE("a thread's wait is interrupted by its store's interrupt", "[threads]") {
  Store a(threads());
  Instance* inst_a = instantiate_wat(a, kAtomics);
  Memory* mem = inst_a->memory("mem");
  Imports imports;
  imports.add("host", "mem", mem);
  Store b(threads());
  Instance* inst_b = instantiate_wat(b, importing(kAtomics), imports);
  std::string outcome;
  std::thread waiter([&] {
    Failure f = failure_of([&] { b.call(inst_b->func("wait64"), {i32(40), i64(0), i64(-1)}); });
    outcome = f.thrown ? f.message : "returned";
  });
  WaitQueue& q = *interp::impl(mem)->waiters;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (q.waiting(40) == 0 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  b.interrupt();
  waiter.join();
  CHECK(outcome == "interrupted");
  CHECK(q.waiting(40) == 0u);
}

TEST_CASE("many threads' atomic adds on a shared memory lose no update", "[threads]") {
  Store a(threads());
  Instance* inst_a = instantiate_wat(a, kAtomics);
  Imports imports;
  imports.add("host", "mem", inst_a->memory("mem"));
  constexpr int kThreads = 4, kAdds = 2000;
  std::vector<std::unique_ptr<Store>> stores;
  std::vector<Instance*> insts;
  for (int k = 0; k < kThreads; ++k) {
    stores.push_back(std::make_unique<Store>(threads()));
    insts.push_back(instantiate_wat(*stores.back(), importing(kAtomics), imports));
  }
  std::vector<std::thread> workers;
  for (int k = 0; k < kThreads; ++k) {
    workers.emplace_back([&, k] {
      Func* add = insts[k]->func("add64");
      for (int i = 0; i < kAdds; ++i) stores[k]->call(add, {i32(48), i64(3)});
    });
  }
  for (std::thread& t : workers) t.join();
  CHECK(invoke_i64(a, inst_a, "ld64", {i32(48)}) == uint64_t{3} * kThreads * kAdds);
}

TEST_CASE("atomics need the feature, natural alignment and a zero fence byte", "[threads]") {
  Features off = threads();
  off.threads = false;
  const char* load = "(module (memory 1 1 shared) (func (drop (i32.atomic.load (i32.const 0)))))";
  CHECK(failure_of([&] { CompiledModule::from_text(load, off); }).kind == ErrorKind::Malformed);
  CHECK_FALSE(failure_of([&] { CompiledModule::from_text(load, threads()); }).thrown);
  Failure f = failure_of([&] {
    CompiledModule::from_text("(module (memory 1) (func (drop (i64.atomic.load align=4 (i32.const 0)))))", threads());
  });
  CHECK(f.kind == ErrorKind::Invalid);
  CHECK(f.message == "atomic alignment must be natural");
  f = failure_of([&] {
    CompiledModule::from_text("(module (memory 1) (func (drop (i32.atomic.load8_u align=2 (i32.const 0)))))",
                              threads());
  });
  CHECK(f.message == "alignment must not be larger than natural");

  using namespace wasmrun::testing;
  // atomic.fence is 0xFE 0x03 then a reserved zero byte.
  Bytes fence = func_module({}, {}, {0xFE, 0x03, 0x00, 0x0B});
  CHECK_FALSE(failure_of([&] { CompiledModule::from_binary(fence, threads()); }).thrown);
  Bytes bad_fence = func_module({}, {}, {0xFE, 0x03, 0x01, 0x0B});
  CHECK(failure_of([&] { CompiledModule::from_binary(bad_fence, threads()); }).kind == ErrorKind::Malformed);
  f = failure_of([&] { CompiledModule::from_binary(fence, off); });
  CHECK(f.kind == ErrorKind::Malformed);
  CHECK(f.message == "illegal opcode");
  // Limits flag bit 1 is `shared`: flags 3 = a maximum, shared.
  Bytes shared_mem = func_module({}, {}, {0x0B}, {section(5, vec({{0x03, 0x01, 0x02}}))});
  auto cm = CompiledModule::from_binary(shared_mem, threads());
  Store store(threads());
  Instance* inst = store.instantiate(*cm, Imports{});
  CHECK(inst != nullptr);
  Bytes shared_no_max = func_module({}, {}, {0x0B}, {section(5, vec({{0x02, 0x01}}))});
  f = failure_of([&] { CompiledModule::from_binary(shared_no_max, threads()); });
  CHECK(f.kind == ErrorKind::Invalid);
  CHECK(f.message == "shared memory must have maximum");
}
