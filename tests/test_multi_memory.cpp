// Memories beyond memory 0 with 32-bit addresses (multi-memory, memory64,
// custom page sizes) and tables with i64 indices (table64): the _M forms
// of handlers_any_memory.inc, which find their memory through the
// instance and check bounds explicitly, in either bounds mode.
#include <string>

#include "tests/test_interp_util.h"

using namespace wasmrun;
using namespace wasmrun::test;

namespace {

Features features_3_0() { return Features::all(); }

bool traps_with(Store& store, Instance* inst, const char* name, std::vector<Value> args, const char* message) {
  Failure f = failure_of([&] { invoke(store, inst, name, std::move(args)); });
  if (!f.thrown) return false;
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == message);
  return f.message == message;
}

}  // namespace

TEST_CASE("an access straddling the end of a non-zero memory traps and writes nothing", "[multi-memory]") {
  Store store(features_3_0());
  Instance* inst = instantiate_wat(store, R"((module
    (memory $a 1)
    (memory $b (export "b") 1)
    (func (export "load") (param i32) (result i32) (i32.load $b (local.get 0)))
    (func (export "load_a") (param i32) (result i32) (i32.load $a (local.get 0)))
    (func (export "store") (param i32) (i32.store $b offset=2 (local.get 0) (i32.const -1)))))");
  Memory* b = inst->memory("b");
  REQUIRE(b != nullptr);
  // The last four bytes of memory 1 are readable; one byte further is not.
  b->bytes()[65532] = 0x78;
  b->bytes()[65535] = 0x12;
  CHECK(invoke_i32(store, inst, "load", {i32(65532)}) == 0x12000078u);
  CHECK(traps_with(store, inst, "load", {i32(65533)}, "out of bounds memory access"));
  // Memory 0 has its own bytes: memory 1's are not seen through it.
  CHECK(invoke_i32(store, inst, "load_a", {i32(65532)}) == 0u);
  // A store at 65531 + 2 covers 65533..65536: it traps and leaves the
  // bytes it would have covered as they were.
  CHECK(traps_with(store, inst, "store", {i32(65531)}, "out of bounds memory access"));
  CHECK(b->bytes()[65533] == 0);
  CHECK(b->bytes()[65535] == 0x12);
  invoke(store, inst, "store", {i32(65530)});
  CHECK(b->bytes()[65532] == 0xFF);
  CHECK(b->bytes()[65535] == 0xFF);
}

TEST_CASE("an i64 address whose addr + offset overflows is out of bounds", "[memory64]") {
  Store store(features_3_0());
  Instance* inst = instantiate_wat(store, R"((module
    (memory i64 1)
    (func (export "load") (param i64) (result i32) (i32.load8_u offset=0xFFFFFFFFFFFFFFF0 (local.get 0)))
    (func (export "load0") (param i64) (result i64) (i64.load (local.get 0)))
    (func (export "poke") (i64.store (i64.const 8) (i64.const 0x0102030405060708)))))");
  invoke(store, inst, "poke");
  CHECK(invoke_i64(store, inst, "load0", {i64(8)}) == 0x0102030405060708u);
  // 0x10 + 0xFFFFFFFFFFFFFFF0 wraps to 0 in 64 bits: it must not read byte 0.
  CHECK(traps_with(store, inst, "load", {i64(0x10)}, "out of bounds memory access"));
  CHECK(traps_with(store, inst, "load", {i64(0)}, "out of bounds memory access"));
  CHECK(traps_with(store, inst, "load0", {i64(UINT64_MAX)}, "out of bounds memory access"));
  // An i64 address above 4 GiB is not truncated to its low 32 bits.
  CHECK(traps_with(store, inst, "load0", {i64((uint64_t{1} << 32) + 8)}, "out of bounds memory access"));
}

TEST_CASE("a 64-bit memory grows, and a grow past its cap returns -1", "[memory64]") {
  StoreLimits limits;
  limits.max_memory64_pages = 4;
  Store store(features_3_0(), limits);
  Instance* inst = instantiate_wat(store, R"((module
    (memory (export "m") i64 1)
    (func (export "size") (result i64) (memory.size))
    (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
    (func (export "store") (param i64 i32) (i32.store (local.get 0) (local.get 1)))
    (func (export "load") (param i64) (result i32) (i32.load (local.get 0)))))");
  CHECK(invoke_i64(store, inst, "size") == 1u);
  CHECK(traps_with(store, inst, "store", {i64(65536), i32(7)}, "out of bounds memory access"));
  CHECK(invoke_i64(store, inst, "grow", {i64(2)}) == 1u);
  CHECK(invoke_i64(store, inst, "size") == 3u);
  invoke(store, inst, "store", {i64(3 * 65536 - 4), i32(0x11223344)});
  CHECK(invoke_i32(store, inst, "load", {i64(3 * 65536 - 4)}) == 0x11223344u);
  // Past the store's cap for 64-bit memories, and a delta near 2^64: -1 as an i64.
  CHECK(invoke_i64(store, inst, "grow", {i64(2)}) == UINT64_MAX);
  CHECK(invoke_i64(store, inst, "grow", {i64(UINT64_MAX)}) == UINT64_MAX);
  CHECK(invoke_i64(store, inst, "size") == 3u);
  CHECK(inst->memory("m")->size_bytes() == 3u * 65536);
}

TEST_CASE("memory.copy between two memories, both ways, with bounds", "[multi-memory]") {
  Store store(features_3_0());
  Instance* inst = instantiate_wat(store, R"((module
    (memory $a 1)
    (memory $b i64 1)
    (data (memory $a) (i32.const 10) "hello")
    (func (export "a_to_b") (param i64 i32 i32) (memory.copy $b $a (local.get 0) (local.get 1) (local.get 2)))
    (func (export "b_to_a") (param i32 i64 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
    (func (export "a") (param i32) (result i32) (i32.load8_u $a (local.get 0)))
    (func (export "b") (param i64) (result i32) (i32.load8_u $b (local.get 0)))))");
  invoke(store, inst, "a_to_b", {i64(100), i32(10), i32(5)});
  CHECK(invoke_i32(store, inst, "b", {i64(100)}) == 'h');
  CHECK(invoke_i32(store, inst, "b", {i64(104)}) == 'o');
  CHECK(invoke_i32(store, inst, "a", {i32(100)}) == 0u);  // memory 0 unchanged there
  invoke(store, inst, "b_to_a", {i32(200), i64(101), i32(3)});
  CHECK(invoke_i32(store, inst, "a", {i32(200)}) == 'e');
  CHECK(invoke_i32(store, inst, "a", {i32(202)}) == 'l');
  // A source range past memory $b's end traps before anything is written.
  CHECK(traps_with(store, inst, "b_to_a", {i32(300), i64(65534), i32(3)}, "out of bounds memory access"));
  CHECK(invoke_i32(store, inst, "a", {i32(300)}) == 0u);
  // Zero bytes at exactly the end are fine.
  invoke(store, inst, "a_to_b", {i64(65536), i32(65536), i32(0)});
}

TEST_CASE("call_indirect, table.get/set/grow/size on a table with i64 indices", "[table64]") {
  Store store(features_3_0());
  Instance* inst = instantiate_wat(store, R"((module
    (type $t (func (result i32)))
    (table $tab i64 3 funcref)
    (elem (table $tab) (i64.const 1) func $seven $nine)
    (func $seven (result i32) (i32.const 7))
    (func $nine (result i32) (i32.const 9))
    (func (export "call") (param i64) (result i32) (call_indirect $tab (type $t) (local.get 0)))
    (func (export "size") (result i64) (table.size $tab))
    (func (export "grow") (param i64) (result i64) (table.grow $tab (ref.null func) (local.get 0)))
    (func (export "copy_up") (table.set $tab (i64.const 0) (table.get $tab (i64.const 2))))))");
  CHECK(invoke_i32(store, inst, "call", {i64(1)}) == 7u);
  CHECK(invoke_i32(store, inst, "call", {i64(2)}) == 9u);
  CHECK(traps_with(store, inst, "call", {i64(0)}, "uninitialized element 0"));
  CHECK(traps_with(store, inst, "call", {i64(3)}, "undefined element"));
  // An index past 2^32 is not truncated: element 1 + 2^32 does not exist.
  CHECK(traps_with(store, inst, "call", {i64((uint64_t{1} << 32) + 1)}, "undefined element"));
  invoke(store, inst, "copy_up");
  CHECK(invoke_i32(store, inst, "call", {i64(0)}) == 9u);
  CHECK(invoke_i64(store, inst, "size") == 3u);
  CHECK(invoke_i64(store, inst, "grow", {i64(2)}) == 3u);
  CHECK(invoke_i64(store, inst, "size") == 5u);
  CHECK(invoke_i64(store, inst, "grow", {i64(UINT64_MAX)}) == UINT64_MAX);
}

TEST_CASE("a memory of 1-byte pages is bounded to the byte", "[custom-page-sizes]") {
  Store store(features_3_0());
  Instance* inst = instantiate_wat(store, R"((module
    (memory (export "m") 3 10 (pagesize 1))
    (func (export "load") (param i32) (result i32) (i32.load16_u (local.get 0)))
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))))");
  CHECK(invoke_i32(store, inst, "load", {i32(1)}) == 0u);
  CHECK(traps_with(store, inst, "load", {i32(2)}, "out of bounds memory access"));
  CHECK(invoke_i32(store, inst, "grow", {i32(1)}) == 3u);
  CHECK(invoke_i32(store, inst, "load", {i32(2)}) == 0u);
  CHECK(invoke_i32(store, inst, "grow", {i32(7)}) == 0xFFFFFFFFu);
  CHECK(inst->memory("m")->size_bytes() == 4u);
}

TEST_CASE("without the features, a memory index, i64 limits and pagesize are rejected", "[multi-memory]") {
  Store store(Features::v2());
  Failure f = failure_of([&] { instantiate_wat(store, "(module (memory 1) (memory 1))"); });
  CHECK(f.thrown);
  CHECK(f.kind == ErrorKind::Invalid);
  f = failure_of([&] { instantiate_wat(store, "(module (memory i64 1))"); });
  CHECK(f.thrown);
  CHECK(f.kind == ErrorKind::Malformed);
}
