// SIMD loads and stores on memories other than a 32-bit memory 0 (another
// index, 64-bit addresses, 1-byte pages): the NAME_M forms of
// handlers_any_memory.inc. Each access must give what the same access on
// memory 0 gives, and trap at the same bytes past the end.
#include <string>

#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

bool traps_oob(Store& store, Instance* inst, const char* name, std::vector<Value> args) {
  Failure f = failure_of([&] { invoke(store, inst, name, std::move(args)); });
  CHECK(f.thrown);
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "out of bounds memory access");
  return f.thrown && f.message == "out of bounds memory access";
}

// Functions on memory $m of an address type AT (i32 or i64): every SIMD
// memory family, each result folded to an i64 (lane 0 + lane 1 * 3) so
// the embedder sees one number.
std::string simd_module(const std::string& memories, const std::string& at) {
  const std::string fold = "(local.set $v) (i64.add (i64x2.extract_lane 0 (local.get $v))"
                           " (i64.mul (i64x2.extract_lane 1 (local.get $v)) (i64.const 3)))";
  auto fn = [&](const std::string& name, const std::string& body) {
    return "(func (export \"" + name + "\") (param $a " + at + ") (result i64) (local $v v128) " + body + " " +
           fold + ")\n";
  };
  return "(module " + memories + "\n" +
         fn("load", "(v128.load $m offset=1 (local.get $a))") +
         fn("load8x8_s", "(v128.load8x8_s $m (local.get $a))") +
         fn("load32x2_u", "(v128.load32x2_u $m (local.get $a))") +
         fn("load16_splat", "(v128.load16_splat $m (local.get $a))") +
         fn("load64_splat", "(v128.load64_splat $m (local.get $a))") +
         fn("load32_zero", "(v128.load32_zero $m (local.get $a))") +
         fn("load64_zero", "(v128.load64_zero $m (local.get $a))") +
         fn("load8_lane", "(v128.load8_lane $m 9 (local.get $a) (v128.const i64x2 -1 -1))") +
         fn("load64_lane", "(v128.load64_lane $m 1 (local.get $a) (v128.const i64x2 5 6))") +
         "(func (export \"store\") (param $a " + at +
         ") (v128.store $m offset=2 (local.get $a) (v128.const i64x2 0x1122334455667788 0x99aabbccddeeff00)))\n"
         "(func (export \"store16_lane\") (param $a " + at +
         ") (v128.store16_lane $m 3 (local.get $a) (v128.const i16x8 0 1 2 0x7e7f 4 5 6 7)))\n"
         "(func (export \"peek\") (param $a " + at + ") (result i64) (i64.load $m (local.get $a))))";
}

// The bytes 0x80, 0x81, ..., 0x9f at `base` of memory "m" (through the embedder).
void fill_pattern(Memory* m, uint64_t base) {
  for (uint64_t i = 0; i < 32; ++i) m->bytes()[base + i] = static_cast<uint8_t>(0x80 + i);
}

// Every load family's result at `addr` in `inst` equals `ref`'s at
// `ref_addr`.
void check_same_results(Store& store, Instance* inst, Value addr, Instance* ref, Value ref_addr) {
  for (const char* name : {"load", "load8x8_s", "load32x2_u", "load16_splat", "load64_splat", "load32_zero",
                           "load64_zero", "load8_lane", "load64_lane"}) {
    INFO(name);
    CHECK(invoke_i64(store, inst, name, {addr}) == invoke_i64(store, ref, name, {ref_addr}));
  }
}

}  // namespace

TEST_CASE("SIMD accesses of memory 1 give what memory 0's give", "[simd][multi-memory]") {
  Store store(Features::v3());
  Instance* on0 = instantiate_wat(store, simd_module("(memory $m (export \"m\") 1)", "i32"));
  Instance* on1 = instantiate_wat(store, simd_module("(memory $z 1) (memory $m (export \"m\") 1)", "i32"));
  fill_pattern(on0->memory("m"), 100);
  fill_pattern(on1->memory("m"), 100);
  check_same_results(store, on1, i32(100), on0, i32(100));
  // A value only the right memory holds: memory 0 of `on1` is all zeros.
  CHECK(invoke_i64(store, on1, "load64_splat", {i32(100)}) != 0u);
  CHECK(invoke_i64(store, on1, "load64_splat", {i32(100)}) == invoke_i64(store, on0, "load64_splat", {i32(100)}));
  CHECK(on1->memory("m")->bytes()[100] == 0x80);

  // Stores: the whole vector, and one lane.
  invoke(store, on1, "store", {i32(200)});
  CHECK(invoke_i64(store, on1, "peek", {i32(202)}) == 0x1122334455667788u);
  CHECK(invoke_i64(store, on1, "peek", {i32(210)}) == 0x99aabbccddeeff00u);
  invoke(store, on1, "store16_lane", {i32(300)});
  CHECK(invoke_i64(store, on1, "peek", {i32(300)}) == 0x7e7fu);
}

TEST_CASE("SIMD accesses past the end of memory 1 trap and write nothing", "[simd][multi-memory]") {
  Store store(Features::v3());
  Instance* inst = instantiate_wat(store, simd_module("(memory $z 1) (memory $m (export \"m\") 1)", "i32"));
  Memory* m = inst->memory("m");
  // v128.load offset=1: 16 bytes from a + 1.
  CHECK_NOTHROW(invoke_i64(store, inst, "load", {i32(65536 - 17)}));
  CHECK(traps_oob(store, inst, "load", {i32(65536 - 16)}));
  CHECK(traps_oob(store, inst, "load", {i32(0xFFFFFFFF)}));
  CHECK_NOTHROW(invoke_i64(store, inst, "load16_splat", {i32(65534)}));
  CHECK(traps_oob(store, inst, "load16_splat", {i32(65535)}));
  CHECK_NOTHROW(invoke_i64(store, inst, "load8_lane", {i32(65535)}));
  CHECK(traps_oob(store, inst, "load8_lane", {i32(65536)}));
  CHECK(traps_oob(store, inst, "load64_lane", {i32(65529)}));
  // The store covers a + 2 .. a + 18.
  CHECK(traps_oob(store, inst, "store", {i32(65536 - 17)}));
  CHECK(m->bytes()[65535] == 0);
  CHECK(m->bytes()[65519] == 0);
  invoke(store, inst, "store", {i32(65536 - 18)});
  CHECK(m->bytes()[65535] == 0x99);
  CHECK(traps_oob(store, inst, "store16_lane", {i32(65535)}));
}

TEST_CASE("SIMD accesses of a 64-bit memory take i64 addresses", "[simd][memory64]") {
  Store store(Features::v3());
  Instance* ref = instantiate_wat(store, simd_module("(memory $m (export \"m\") 1)", "i32"));
  Instance* inst = instantiate_wat(store, simd_module("(memory $m (export \"m\") i64 2)", "i64"));
  fill_pattern(ref->memory("m"), 40);
  fill_pattern(inst->memory("m"), 65536 + 40);
  check_same_results(store, inst, i64(65536 + 40), ref, i32(40));
  invoke(store, inst, "store", {i64(70000)});
  CHECK(invoke_i64(store, inst, "peek", {i64(70002)}) == 0x1122334455667788u);
  // Addresses of 2^32 and more are not cut to 32 bits, and none wraps.
  CHECK(traps_oob(store, inst, "load", {i64(0x100000000ull + 40)}));
  CHECK(traps_oob(store, inst, "load", {i64(UINT64_MAX)}));
  CHECK(traps_oob(store, inst, "store", {i64(UINT64_MAX - 1)}));
  CHECK(traps_oob(store, inst, "load8_lane", {i64(131072)}));
  CHECK_NOTHROW(invoke_i64(store, inst, "load8_lane", {i64(131071)}));
}

TEST_CASE("SIMD accesses of a memory of 1-byte pages end at its last byte", "[simd][custom-page-sizes]") {
  Store store(Features::all());
  Instance* inst = instantiate_wat(store, simd_module("(memory $m (export \"m\") 20 20 (pagesize 1))", "i32"));
  CHECK_NOTHROW(invoke_i64(store, inst, "load", {i32(3)}));  // bytes 4 .. 19
  CHECK(traps_oob(store, inst, "load", {i32(4)}));
  CHECK_NOTHROW(invoke_i64(store, inst, "load32_zero", {i32(16)}));
  CHECK(traps_oob(store, inst, "load32_zero", {i32(17)}));
}

TEST_CASE("SIMD accesses of memory 0 beside a memory 1 reach memory 0", "[simd][multi-memory]") {
  Store store(Features::v3());
  Instance* inst = instantiate_wat(store, simd_module("(memory $m (export \"m\") 1) (memory $b 1)", "i32"));
  fill_pattern(inst->memory("m"), 0);
  CHECK(invoke_i64(store, inst, "load64_zero", {i32(0)}) == 0x8786858483828180u);
  CHECK(traps_oob(store, inst, "load", {i32(65536 - 16)}));
}
