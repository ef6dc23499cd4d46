// GC programs run by the interpreter: objects made, read and dropped by
// wasm code, with collections in between that must keep every object the
// program can still reach (in locals, operand slots of every frame,
// globals, tables, fields) and free the rest. The checksums would change
// if a live object were freed and its cell reused.
//
// The churn test allocates well over 10 GiB in total (1 GiB under
// AddressSanitizer, whose shadow memory and slower stores would take
// minutes) with a small live set, and checks the process's peak RSS
// (not under AddressSanitizer).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>

#include "interp/runtime/gc_heap.h"
#include "interp/runtime/runtime.h"
#include "tests/peak_rss.h"
#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

// Binary trees (the classic GC benchmark): a long-lived tree, and many
// short-lived ones whose nodes are counted while their builders' frames
// hold them only in locals and operand slots.
const char* kTrees = R"((module
  (type $node (struct (field $l (ref null $node)) (field $r (ref null $node)) (field $v i32)))
  (global $long (mut (ref null $node)) (ref.null $node))
  (func $make (param $d i32) (result (ref $node))
    (if (result (ref $node)) (i32.eqz (local.get $d))
      (then (struct.new $node (ref.null $node) (ref.null $node) (i32.const 1)))
      (else (struct.new $node
        (call $make (i32.sub (local.get $d) (i32.const 1)))
        (call $make (i32.sub (local.get $d) (i32.const 1)))
        (local.get $d)))))
  (func $check (param $n (ref null $node)) (result i32)
    (if (result i32) (ref.is_null (local.get $n))
      (then (i32.const 0))
      (else (i32.add (struct.get $node $v (local.get $n))
        (i32.add (call $check (struct.get $node $l (local.get $n)))
                 (call $check (struct.get $node $r (local.get $n))))))))
  (func (export "run") (param $iters i32) (param $depth i32) (result i32)
    (local $sum i32)
    (global.set $long (call $make (i32.const 16)))
    (loop $again
      (local.set $sum (i32.add (local.get $sum) (call $check (call $make (local.get $depth)))))
      (br_if $again (local.tee $iters (i32.sub (local.get $iters) (i32.const 1)))))
    (i32.add (local.get $sum) (call $check (global.get $long))))
))";

// Well over 10 GiB of arrays and structs, a ring of 256 kept alive in a
// table; each kept array's first and last bytes checked when replaced.
const char* kChurn = R"((module
  (type $bytes (array (mut i8)))
  (type $box (struct (field (ref $bytes)) (field i64)))
  (table $ring 256 (ref null $box))
  (func (export "churn") (param $n i64) (param $len i32) (result i64)
    (local $i i64) (local $a (ref null $bytes)) (local $b (ref null $box)) (local $bad i64)
    (loop $again
      (local.set $a (array.new_default $bytes (local.get $len)))
      (array.set $bytes (local.get $a) (i32.const 0) (i32.wrap_i64 (local.get $i)))
      (array.set $bytes (local.get $a) (i32.sub (local.get $len) (i32.const 1)) (i32.const 7))
      (local.set $b (struct.new $box (ref.as_non_null (local.get $a)) (local.get $i)))
      ;; the box this one replaces must still hold what was stored
      (if (i32.eqz (i32.and (i32.wrap_i64 (local.get $i)) (i32.const 3)))
        (then
          (if (i32.eqz (ref.is_null (table.get $ring (i32.and (i32.wrap_i64 (i64.shr_u (local.get $i) (i64.const 2))) (i32.const 255)))))
            (then
              (local.set $bad (i64.add (local.get $bad)
                (i64.extend_i32_u (i32.ne
                  (array.get_u $bytes (struct.get $box 0 (table.get $ring (i32.and (i32.wrap_i64 (i64.shr_u (local.get $i) (i64.const 2))) (i32.const 255)))) (i32.sub (local.get $len) (i32.const 1)))
                  (i32.const 7)))))))
          (table.set $ring (i32.and (i32.wrap_i64 (i64.shr_u (local.get $i) (i64.const 2))) (i32.const 255)) (local.get $b))))
      (br_if $again (i64.lt_u (local.tee $i (i64.add (local.get $i) (i64.const 1))) (local.get $n))))
    (local.get $bad))
))";

}  // namespace

TEST_CASE("gc programs: binary trees survive collections in frames' slots", "[gc]") {
  Store store;
  Instance* inst = instantiate_wat(store, kTrees);
  // A depth-d tree of make() sums to sum over levels k of 2^(d-k) * k plus
  // its 2^d leaves of 1.
  auto tree_sum = [](uint32_t d) {
    uint64_t s = uint64_t{1} << d;
    for (uint32_t k = 1; k <= d; ++k) s += (uint64_t{1} << (d - k)) * k;
    return s;
  };
  const uint32_t iters = kSanitized ? 20 : 200, depth = 12;
  const uint64_t expected = iters * tree_sum(depth) + tree_sum(16);
  CHECK(invoke_i32(store, inst, "run", {i32(iters), i32(depth)}) == static_cast<uint32_t>(expected));
  CHECK(interp::gc_heap(store.impl()).stats().collections > 0);
}

TEST_CASE("gc programs: 10 GiB of short-lived arrays and structs in bounded memory", "[gc][slow]") {
  Store store;
  Instance* inst = instantiate_wat(store, kChurn);
  const uint32_t len = 4000;
  const uint64_t n = (kSanitized ? uint64_t{1} << 30 : uint64_t{11} << 30) / len;
  const bool reset = reset_peak_rss();
  const uint64_t before = peak_rss_bytes();
  CHECK(invoke_i64(store, inst, "churn", {i64(n), i32(len)}) == 0);
  const uint64_t peak = peak_rss_bytes();
  const interp::GcStats& stats = interp::gc_heap(store.impl()).stats();
  CHECK(stats.allocated_bytes >= n * len);
  CHECK(stats.collections > 10);
  // Under ASan the shadow memory and the sanitizer's bookkeeping of every
  // test so far count in the RSS: no bound there.
  if (!kSanitized) {
    if (reset) {
      CHECK(peak < 100u << 20);
    } else {
      CHECK(peak - before < 100u << 20);  // no reset: at least the growth is bounded
    }
  }
  if (std::getenv("WASMRUN_GC_CHURN_REPORT"))
    std::printf("gc programs churn: %.2f GiB, %llu collections, peak RSS %.1f MiB\n",
                static_cast<double>(stats.allocated_bytes) / (1 << 30),
                static_cast<unsigned long long>(stats.collections), static_cast<double>(peak) / (1 << 20));
}
