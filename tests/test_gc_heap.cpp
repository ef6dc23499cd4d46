// The GC heap and its collector (docs/GC.md): allocation, what survives a
// collection (roots: pins, globals, tables, the value stack, host results,
// exceptions), what is freed, traps for impossible sizes, and a long churn
// that must run in memory bounded by its live data.
//
// Under AddressSanitizer (__SANITIZE_ADDRESS__, or clang's
// __has_feature(address_sanitizer)) the long list and the churn are scaled
// down: the sanitizer's shadow memory and slower memset would make them
// take minutes and blur the RSS bound.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "interp/exec/exceptions.h"
#include "interp/runtime/gc_heap.h"
#include "interp/runtime/runtime.h"
#include "tests/test_interp_util.h"
#include "wasmrun/gc.h"

using namespace wasmrun;
// What this file uses of interp, one name at a time.
using interp::exception_pool;
using interp::ExceptionObject;
using interp::ExceptionPool;
using interp::gc_heap;
using interp::GcObject;
using interp::GcStats;
using interp::GcTypeInfo;
using interp::i31_word;
using interp::impl;
using interp::new_exception;
using interp::TagImpl;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Hand-made layouts, as gc_type_info would make them.
struct Types {
  GcTypeInfo node;     // (struct (field (mut (ref null any)))): one traced word at 0
  GcTypeInfo pair;     // (struct (field i64) (field (mut anyref))): traced at 8
  GcTypeInfo plain;    // (struct (field i64) (field i64)): nothing traced
  GcTypeInfo bytes;    // (array (mut i8))
  GcTypeInfo refs;     // (array (mut anyref))
  GcTypeInfo exn_box;  // (struct (field (mut exnref)))
  Types() {
    node.size = 8;
    node.fields = {FieldType{ValType::AnyRef, true}};
    node.offsets = {0};
    node.traced_offsets = {0};
    pair.size = 16;
    pair.fields = {FieldType{ValType::I64, false}, FieldType{ValType::AnyRef, true}};
    pair.offsets = {0, 8};
    pair.traced_offsets = {8};
    plain.size = 16;
    plain.fields = {FieldType{ValType::I64, false}, FieldType{ValType::I64, false}};
    plain.offsets = {0, 8};
    bytes.kind = Composite::Array;
    bytes.size = 1;
    bytes.fields = {FieldType{kStorageI8, true}};
    refs.kind = Composite::Array;
    refs.size = 8;
    refs.fields = {FieldType{ValType::AnyRef, true}};
    refs.traced_elements = true;
    exn_box.size = 8;
    exn_box.fields = {FieldType{ValType::ExnRef, true}};
    exn_box.offsets = {0};
    exn_box.traced_offsets = {0};
  }
};

uintptr_t word_of(const void* p) { return reinterpret_cast<uintptr_t>(p); }

uintptr_t& field(GcObject* o, uint32_t offset) { return *reinterpret_cast<uintptr_t*>(o->payload() + offset); }

GcObject* object_at(uintptr_t w) { return reinterpret_cast<GcObject*>(w); }

Value any_ref(uintptr_t w) {
  Value v = Value::null_ref(ValType::AnyRef);
  v.ref = w;
  return v;
}

// A line of /proc/self/status ("VmHWM:", "VmRSS:") in bytes, 0 if absent.
uint64_t status_bytes(const char* key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  const size_t n = std::strlen(key);
  while (std::getline(status, line))
    if (line.compare(0, n, key) == 0) return std::strtoull(line.c_str() + n, nullptr, 10) * 1024;
  return 0;
}

// The process's peak resident set (VmHWM) in bytes.
uint64_t peak_rss_bytes() {
  if (uint64_t hwm = status_bytes("VmHWM:")) return hwm;
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_maxrss) * 1024;
}

// Starts the peak over from the current RSS (Linux's clear_refs "5"), so
// that what earlier tests used does not count; false if it cannot.
bool reset_peak_rss() {
  std::ofstream clear("/proc/self/clear_refs");
  if (!clear) return false;
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

}  // namespace

TEST_CASE("gc heap: objects start zeroed, also in a reused cell", "[gc]") {
  Store store;
  auto& S = store.impl();
  auto& h = gc_heap(S);
  Types t;
  GcObject* a = h.allocate(&t.bytes, 1000, 1000, nullptr);
  REQUIRE(h.contains(word_of(a)));
  CHECK(a->type == &t.bytes);
  CHECK(a->length == 1000);
  for (uint32_t i = 0; i < 1000; ++i) REQUIRE(a->payload()[i] == 0);
  std::memset(a->payload(), 0xAB, 1000);
  h.collect(nullptr);
  CHECK_FALSE(h.contains(word_of(a)));
  GcObject* b = h.allocate(&t.bytes, 1000, 1000, nullptr);
  CHECK(b == a);  // the freed cell, first in its block
  for (uint32_t i = 0; i < 1000; ++i) REQUIRE(b->payload()[i] == 0);
  GcObject* s = h.allocate(&t.plain, 0, 16, nullptr);
  CHECK(s->length == 0);
  CHECK(field(s, 0) == 0);
  CHECK(field(s, 8) == 0);
  // Every object is 8-aligned and never overlaps the one before.
  GcObject* prev = h.allocate(&t.plain, 0, 16, nullptr);
  for (int i = 0; i < 100; ++i) {
    GcObject* o = h.allocate(&t.plain, 0, 16, nullptr);
    CHECK(word_of(o) % 8 == 0);
    CHECK((word_of(o) >= word_of(prev) + 32 || word_of(o) + 32 <= word_of(prev)));
    prev = o;
  }
}

TEST_CASE("gc heap: collect frees what nothing reaches; pins keep an object and what it reaches", "[gc]") {
  Store store;
  auto& S = store.impl();
  auto& h = gc_heap(S);
  Types t;
  GcObject* c = h.allocate(&t.node, 0, 8, nullptr);
  GcObject* b = h.allocate(&t.node, 0, 8, nullptr);
  GcObject* a = h.allocate(&t.node, 0, 8, nullptr);
  field(a, 0) = word_of(b);
  field(b, 0) = word_of(c);
  GcObject* lone = h.allocate(&t.plain, 0, 16, nullptr);
  CHECK(h.stats().objects == 4);
  CHECK(h.stats().live_bytes == 3 * 24 + 32);
  CHECK(h.stats().allocated_bytes == 3 * 24 + 32);

  h.pin(word_of(a));
  h.pin(word_of(a));  // pins count
  h.collect(nullptr);
  CHECK(h.stats().collections == 1);
  CHECK(h.contains(word_of(a)));
  CHECK(h.contains(word_of(b)));
  CHECK(h.contains(word_of(c)));
  CHECK_FALSE(h.contains(word_of(lone)));
  CHECK(h.stats().objects == 3);
  CHECK(h.stats().live_bytes == 3 * 24);
  CHECK(field(a, 0) == word_of(b));  // the collector moves and changes nothing

  h.unpin(word_of(a));
  h.collect(nullptr);
  CHECK(h.contains(word_of(c)));
  h.unpin(word_of(a));
  h.collect(nullptr);
  CHECK_FALSE(h.contains(word_of(a)));
  CHECK_FALSE(h.contains(word_of(b)));
  CHECK_FALSE(h.contains(word_of(c)));
  CHECK(h.stats().objects == 0);
  CHECK(h.stats().live_bytes == 0);
  CHECK(h.stats().collections == 3);
  CHECK(h.stats().allocated_bytes == 3 * 24 + 32);
}

TEST_CASE("gc heap: globals, tables and element segments are roots; funcref ones are not scanned", "[gc]") {
  Store store;
  auto& S = store.impl();
  auto& h = gc_heap(S);
  Types t;
  Global* g = store.new_global(GlobalType{ValType::AnyRef, true}, Value::null_ref(ValType::AnyRef));
  Global* gi = store.new_global(GlobalType{ValType::I64, true}, Value::from_i64(0));
  Table* tab = store.new_table(TableType{ValType::AnyRef, Limits{4, false, 0}}, Value::null_ref(ValType::AnyRef));
  Table* ftab = store.new_table(TableType{ValType::FuncRef, Limits{4, false, 0}}, Value::null_ref(ValType::FuncRef));
  GcObject* in_global = h.allocate(&t.node, 0, 8, nullptr);
  GcObject* in_table = h.allocate(&t.node, 0, 8, nullptr);
  GcObject* behind_table = h.allocate(&t.plain, 0, 16, nullptr);
  GcObject* in_i64_global = h.allocate(&t.plain, 0, 16, nullptr);
  GcObject* in_functable = h.allocate(&t.plain, 0, 16, nullptr);
  impl(g)->val[0] = word_of(in_global);
  impl(gi)->val[0] = word_of(in_i64_global);
  impl(tab)->elems[2] = word_of(in_table);
  field(in_table, 0) = word_of(behind_table);
  impl(ftab)->elems[1] = word_of(in_functable);
  h.collect(nullptr);
  CHECK(h.contains(word_of(in_global)));
  CHECK(h.contains(word_of(in_table)));
  CHECK(h.contains(word_of(behind_table)));
  CHECK_FALSE(h.contains(word_of(in_i64_global)));  // an i64 is no reference
  CHECK_FALSE(h.contains(word_of(in_functable)));   // a funcref table holds functions only
  CHECK(h.stats().objects == 3);
  // Through the API the references read back as they were put.
  CHECK(g->get().ref == word_of(in_global));
  CHECK(tab->get(2).ref == word_of(in_table));

  g->set(Value::null_ref(ValType::AnyRef));
  tab->set(2, Value::null_ref(ValType::AnyRef));
  h.collect(nullptr);
  CHECK(h.stats().objects == 0);

  // An instance's (passive) element segment of anyref.
  Instance* inst = test::instantiate_wat(store, "(module (elem anyref (ref.null any)))");
  GcObject* in_segment = h.allocate(&t.plain, 0, 16, nullptr);
  REQUIRE(impl(inst)->elems.size() == 1);
  REQUIRE(impl(inst)->elems[0].size() == 1);
  impl(inst)->elems[0][0] = word_of(in_segment);
  h.collect(nullptr);
  CHECK(h.contains(word_of(in_segment)));
  impl(inst)->elems[0].clear();  // elem.drop
  h.collect(nullptr);
  CHECK_FALSE(h.contains(word_of(in_segment)));
}

TEST_CASE("gc heap: the value stack is scanned conservatively below live_top", "[gc]") {
  Store store;
  auto& S = store.impl();
  auto& h = gc_heap(S);
  Types t;
  S.ensure_stacks();
  GcObject* o = h.allocate(&t.node, 0, 8, nullptr);
  GcObject* behind = h.allocate(&t.node, 0, 8, nullptr);
  field(o, 0) = word_of(behind);
  uint64_t* base = S.stack.get();
  base[0] = 12345;  // numbers next to references
  base[1] = 0;
  base[2] = word_of(o) + 8;  // into the object, not at it
  base[3] = word_of(o);
  h.collect(base + 4);
  CHECK(h.contains(word_of(o)));
  CHECK(h.contains(word_of(behind)));
  h.collect(base + 3);  // slot 3 is dead now
  CHECK_FALSE(h.contains(word_of(o)));
  CHECK_FALSE(h.contains(word_of(behind)));
}

TEST_CASE("gc heap: contains() takes only the start of a live object", "[gc]") {
  Store store;
  auto& S = store.impl();
  auto& h = gc_heap(S);
  Types t;
  GcObject* a = h.allocate(&t.plain, 0, 16, nullptr);
  GcObject* big = h.allocate(&t.bytes, 100000, 100000, nullptr);  // a large object
  GcObject* arr = h.allocate(&t.bytes, 3000, 3000, nullptr);
  uint64_t on_stack = 0;
  CHECK(h.contains(word_of(a)));
  CHECK(h.contains(word_of(big)));
  CHECK(h.contains(word_of(arr)));
  for (uintptr_t off : {1, 2, 4, 8, 16, 24}) {
    CHECK_FALSE(h.contains(word_of(a) + off));
  }
  for (uintptr_t off : {8, 16, 4096, 65536, 99992}) {
    CHECK_FALSE(h.contains(word_of(big) + off));
    CHECK_FALSE(h.contains(word_of(big) - off));
  }
  CHECK_FALSE(h.contains(word_of(arr) + 8));
  CHECK_FALSE(h.contains(word_of(arr) + 1536));
  CHECK_FALSE(h.contains(word_of(arr) + 3072));  // the next cell, never handed out
  CHECK_FALSE(h.contains(0));
  CHECK_FALSE(h.contains(8));
  CHECK_FALSE(h.contains(i31_word(42)));
  CHECK_FALSE(h.contains((uintptr_t{7} << 2) | 2));
  CHECK_FALSE(h.contains(word_of(&on_stack)));
  CHECK_FALSE(h.contains(word_of(&t)));
  CHECK_FALSE(h.contains(~uintptr_t{7}));
  h.collect(nullptr);
  CHECK_FALSE(h.contains(word_of(a)));
  CHECK_FALSE(h.contains(word_of(big)));
  CHECK_FALSE(h.contains(word_of(arr)));
}

TEST_CASE("gc heap: i31s, host externrefs and interior words in traced fields are ignored", "[gc]") {
  Store store;
  auto& S = store.impl();
  auto& h = gc_heap(S);
  Types t;
  GcObject* arr = h.allocate(&t.refs, 8, 64, nullptr);
  GcObject* target = h.allocate(&t.pair, 0, 16, nullptr);
  GcObject* pointed_into = h.allocate(&t.plain, 0, 16, nullptr);
  uint64_t outside = 0;
  uintptr_t* e = reinterpret_cast<uintptr_t*>(arr->payload());
  e[0] = i31_word(0x7FFFFFFF);
  e[1] = i31_word(0);
  e[2] = (uintptr_t{123456} << 2) | 2;
  e[3] = word_of(pointed_into) + 16;
  e[4] = word_of(&outside);
  e[5] = word_of(target);
  e[6] = 0;
  e[7] = ~uintptr_t{0};
  field(target, 0) = word_of(pointed_into);  // an i64 field: not traced
  field(target, 8) = i31_word(5);
  h.pin(word_of(arr));
  h.collect(nullptr);
  CHECK(h.contains(word_of(arr)));
  CHECK(h.contains(word_of(target)));
  CHECK_FALSE(h.contains(word_of(pointed_into)));
  CHECK(e[0] == i31_word(0x7FFFFFFF));
  CHECK(e[2] == ((uintptr_t{123456} << 2) | 2));
  CHECK(field(target, 8) == i31_word(5));
}

TEST_CASE("gc heap: a ten-million-long list survives a collection, then is freed", "[gc]") {
  const uint32_t n = kSanitized ? 1000000 : 10000000;
  Store store;
  auto& S = store.impl();
  auto& h = gc_heap(S);
  Types t;
  Global* g = store.new_global(GlobalType{ValType::AnyRef, true}, Value::null_ref(ValType::AnyRef));
  uint64_t& head = impl(g)->val[0];
  // Built from the tail: each node rooted through the global before the
  // next allocation may collect.
  for (uint32_t i = 0; i < n; ++i) {
    GcObject* node = h.allocate(&t.node, 0, 8, nullptr);
    field(node, 0) = head;
    head = word_of(node);
  }
  CHECK(h.stats().collections > 0);  // some happened while building
  CHECK(h.mapped_bytes() >= uint64_t{n} * 24);
  h.collect(nullptr);
  CHECK(h.stats().objects == n);
  uint32_t length = 0;
  for (uintptr_t w = head; w; w = field(object_at(w), 0)) {
    if (!h.contains(w)) break;
    ++length;
  }
  CHECK(length == n);
  head = 0;
  h.collect(nullptr);
  CHECK(h.stats().objects == 0);
  CHECK(h.stats().live_bytes == 0);
  // The 240 MB the list took went back to the OS, but for the spare
  // blocks the next budget (8 MiB) will fill.
  CHECK(h.mapped_bytes() <= (8u << 20));
}

TEST_CASE("gc heap: impossible sizes trap \"out of memory\"; the limit holds after collection", "[gc]") {
  StoreLimits limits;
  limits.max_gc_heap_bytes = 16u << 20;
  Store store(Features::defaults(), limits);
  auto& S = store.impl();
  auto& h = gc_heap(S);
  Types t;
  for (size_t payload : {size_t{1} << 36, (size_t{1} << 32) * 16 - 16, ~size_t{0}, ~size_t{0} - 15, size_t{1} << 62,
                         size_t{17} << 20}) {
    test::Failure f = test::failure_of([&] { h.allocate(&t.bytes, 0xFFFFFFFFu, payload, nullptr); });
    CHECK(f.thrown);
    CHECK(f.kind == ErrorKind::Trap);
    CHECK(f.message == "out of memory");
  }
  CHECK(h.stats().objects == 0);
  CHECK(h.mapped_bytes() == 0);  // nothing was even tried

  // Live data up to the limit: the next allocation cannot be made room for.
  std::vector<GcRoot> roots;
  test::Failure f = test::failure_of([&] {
    for (int i = 0; i < 100000; ++i)
      roots.emplace_back(store, any_ref(word_of(h.allocate(&t.bytes, 4000, 4000, nullptr))));
  });
  CHECK(f.kind == ErrorKind::Trap);
  CHECK(f.message == "out of memory");
  CHECK(roots.size() > 3000);
  CHECK(h.stats().live_bytes <= limits.max_gc_heap_bytes);
  // Once they are let go, a collection makes room again.
  roots.clear();
  GcObject* o = h.allocate(&t.bytes, 1u << 20, 1u << 20, nullptr);
  CHECK(h.contains(word_of(o)));
  CHECK(h.stats().objects == 1);
}

TEST_CASE("gc heap: collections are inhibited while asked", "[gc]") {
  Store store;
  auto& h = gc_heap(store.impl());
  Types t;
  h.inhibit();
  GcObject* first = h.allocate(&t.plain, 0, 16, nullptr);
  for (int i = 0; i < 400000; ++i) h.allocate(&t.plain, 0, 16, nullptr);  // 12.8 MB, past the budget
  CHECK(h.stats().collections == 0);
  CHECK(h.contains(word_of(first)));
  h.uninhibit();
  h.allocate(&t.plain, 0, 16, nullptr);
  CHECK(h.stats().collections == 1);
  CHECK_FALSE(h.contains(word_of(first)));
}

TEST_CASE("gc heap: one mark for exceptions and GC objects", "[gc][exceptions]") {
  Store store;
  auto& S = store.impl();
  auto& h = gc_heap(S);
  Types t;
  TagImpl* tag = S.new_tag(FuncType{{ValType::I32, ValType::AnyRef}, {}});
  ExceptionPool& pool = exception_pool(S);

  SECTION("an exnref held only in a struct keeps its exception") {
    uint64_t payload[2] = {7, 0};
    ExceptionObject* e = new_exception(S, tag, payload);
    GcObject* box = h.allocate(&t.exn_box, 0, 8, nullptr);
    field(box, 0) = word_of(e);
    h.pin(word_of(box));
    pool.collect(S, nullptr);
    CHECK(pool.size() == 1);
    h.collect(nullptr);
    CHECK(pool.size() == 1);
    CHECK(pool.owns(e));
    CHECK(e->payload[0] == 7);
    h.unpin(word_of(box));
    pool.collect(S, nullptr);  // the heap's collection: sweeps both
    CHECK(pool.size() == 0);
    CHECK_FALSE(h.contains(word_of(box)));
  }
  SECTION("a GC reference held only in an exception's payload keeps its object") {
    GcObject* o = h.allocate(&t.node, 0, 8, nullptr);
    GcObject* behind = h.allocate(&t.plain, 0, 16, nullptr);
    field(o, 0) = word_of(behind);
    uint64_t payload[2] = {1, word_of(o)};
    ExceptionObject* e = new_exception(S, tag, payload);
    ++e->pins;  // as a wasmrun::Exception holds it
    h.collect(nullptr);
    CHECK(h.contains(word_of(o)));
    CHECK(h.contains(word_of(behind)));
    pool.collect(S, nullptr);
    CHECK(h.contains(word_of(o)));
    --e->pins;
    h.collect(nullptr);
    CHECK(pool.size() == 0);
    CHECK_FALSE(h.contains(word_of(o)));
    CHECK_FALSE(h.contains(word_of(behind)));
  }
  SECTION("a new exception's payload from outside the stack survives the collection making it starts") {
    uint64_t garbage[2] = {0, 0};
    for (int i = 0; i < 256; ++i) new_exception(S, tag, garbage);
    CHECK(pool.size() == 256);
    GcObject* o = h.allocate(&t.plain, 0, 16, nullptr);
    std::vector<uint64_t> slots = {9, word_of(o)};  // as exception_from_host builds a host's payload
    ExceptionObject* e = pool.make(S, tag, slots.data(), nullptr);
    CHECK(h.stats().collections == 1);
    CHECK(pool.size() == 1);
    CHECK(pool.owns(e));
    CHECK(e->pins == 0);
    CHECK(h.contains(word_of(o)));
    CHECK(e->payload[1] == word_of(o));
  }
  SECTION("a cycle through both kinds is freed whole") {
    GcObject* box = h.allocate(&t.exn_box, 0, 8, nullptr);
    uint64_t payload[2] = {2, word_of(box)};
    ExceptionObject* e = new_exception(S, tag, payload);
    field(box, 0) = word_of(e);
    h.collect(nullptr);
    CHECK(pool.size() == 0);
    CHECK_FALSE(h.contains(word_of(box)));
  }
}

TEST_CASE("gc heap: the host's references: call results until the next outermost call, GcRoot for longer", "[gc]") {
  Store store;
  auto& S = store.impl();
  auto& h = gc_heap(S);
  Types t;
  uintptr_t made = 0;
  Func* make = store.host_func(FuncType{{}, {ValType::AnyRef}},
                               [&](HostCall&, std::span<const Value>, std::span<Value> results) {
                                 made = word_of(h.allocate(&t.plain, 0, 16, nullptr));
                                 results[0] = any_ref(made);
                               });
  Func* noop = store.host_func(FuncType{}, [](HostCall&, std::span<const Value>, std::span<Value>) {});
  std::vector<Value> r = store.call(make, {});
  REQUIRE(r.size() == 1);
  REQUIRE(r[0].ref == made);
  uintptr_t first = made;
  h.collect(nullptr);
  CHECK(h.contains(first));  // the embedder holds it
  {
    GcRoot root(store, r[0]);
    CHECK(root.value().ref == first);
    store.call(noop, {});  // an outermost call: the results before it are let go
    h.collect(nullptr);
    CHECK(h.contains(first));  // the root holds it
    GcRoot moved = std::move(root);
    h.collect(nullptr);
    CHECK(h.contains(first));
  }
  h.collect(nullptr);
  CHECK_FALSE(h.contains(first));
  // Nothing to hold for null, i31 or host references.
  GcRoot none(store, any_ref(i31_word(3)));
  GcRoot null_root(store, Value::null_ref(ValType::AnyRef));
  CHECK(none.value().ref == i31_word(3));
}

TEST_CASE("gc heap: results of nested calls stay alive until the next outermost call", "[gc]") {
  Store store;
  auto& S = store.impl();
  auto& h = gc_heap(S);
  Types t;
  bool collect_in_mk = false;
  uintptr_t first = 0, second = 0;
  bool first_alive = false;
  Func* mk = store.host_func(FuncType{{}, {ValType::AnyRef}},
                             [&](HostCall&, std::span<const Value>, std::span<Value> results) {
                               if (collect_in_mk) {
                                 h.collect(nullptr);
                                 // Before allocating: a freed cell would be handed out again.
                                 first_alive = h.contains(first);
                               }
                               results[0] = any_ref(word_of(h.allocate(&t.plain, 0, 16, nullptr)));
                             });
  Instance* inst = nullptr;
  Func* outer = store.host_func(FuncType{}, [&](HostCall&, std::span<const Value>, std::span<Value>) {
    // Wasm is running below: these calls are nested.
    first = store.call(inst->func("make"), {})[0].ref;
    collect_in_mk = true;
    // The first call left its result in dead slots above S.sp_top, which
    // would keep it too (conservatively): only the kept results may.
    std::fill(S.sp_top, S.sp_top + 64, 0);
    second = store.call(inst->func("make"), {})[0].ref;
    collect_in_mk = false;
  });
  Imports imports;
  imports.add("h", "mk", mk);
  imports.add("h", "outer", outer);
  inst = test::instantiate_wat(store, R"(
(module
  (import "h" "mk" (func $mk (result anyref)))
  (import "h" "outer" (func $outer))
  (func (export "make") (result anyref) (call $mk))
  (func (export "run") (call $outer)))
)", imports);
  store.call(inst->func("run"), {});
  CHECK(first_alive);
  CHECK(second != first);
  h.collect(nullptr);
  CHECK(h.contains(first));
  CHECK(h.contains(second));
  Func* noop = store.host_func(FuncType{}, [](HostCall&, std::span<const Value>, std::span<Value>) {});
  store.call(noop, {});  // the next outermost call lets them go
  h.collect(nullptr);
  CHECK_FALSE(h.contains(first));
  CHECK_FALSE(h.contains(second));
}

TEST_CASE("gc heap: a host function's reference arguments are roots while it runs", "[gc]") {
  Store store;
  auto& S = store.impl();
  auto& h = gc_heap(S);
  Types t;
  bool alive_inside = false;
  Func* check = store.host_func(FuncType{{ValType::I32, ValType::AnyRef}, {}},
                                [&](HostCall&, std::span<const Value> args, std::span<Value>) {
                                  // Collects as an allocation would (no live_top: S.sp_top, which
                                  // the interpreter set above the arguments).
                                  h.collect(nullptr);
                                  alive_inside = h.contains(args[1].ref);
                                });
  Imports imports;
  imports.add("h", "check", check);
  Instance* inst = test::instantiate_wat(store, R"(
(module
  (import "h" "check" (func $check (param i32 anyref)))
  (func (export "run") (param anyref)
    (call $check (i32.const 1) (local.get 0))))
)", imports);
  GcObject* o = h.allocate(&t.plain, 0, 16, nullptr);
  Value arg = any_ref(word_of(o));
  store.call(inst->func("run"), std::span<const Value>(&arg, 1));
  CHECK(alive_inside);
  h.collect(nullptr);
  CHECK_FALSE(h.contains(word_of(o)));  // nothing holds it after the call
}

TEST_CASE("gc heap: churn of short-lived objects runs in memory bounded by the live set", "[gc][slow]") {
  // Well over 10 GiB in total (1 GiB under ASan), a live set of a
  // thousand objects replaced round robin.
  const uint64_t total = kSanitized ? uint64_t{1} << 30 : uint64_t{12} << 30;
  Store store;
  auto& S = store.impl();
  auto& h = gc_heap(S);
  Types t;
  const bool reset = reset_peak_rss();
  const uint64_t rss_before = peak_rss_bytes();
  const auto start = std::chrono::steady_clock::now();

  constexpr size_t kRing = 1000;
  std::vector<uintptr_t> ring(kRing, 0);
  uint64_t seed = 0x2545F4914F6CDD1Dull;
  auto next_random = [&] {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };
  // What the chain being built holds lives in value stack slots below
  // live_top, as the interpreter's operands do: an allocation may collect.
  S.ensure_stacks();
  uint64_t* slot = S.stack.get();
  const uint64_t* live_top = slot + 3;
  slot[0] = 0;  // the last chain
  uint64_t iterations = 0;
  uint64_t sampled_rss = 0;  // the largest VmRSS seen along the way
  while (h.stats().allocated_bytes < total) {
    ++iterations;
    const uint32_t n = static_cast<uint32_t>(next_random() % 4096);
    GcObject* data = h.allocate(&t.bytes, n, n, live_top);
    if (n) data->payload()[n - 1] = 1;
    slot[1] = word_of(data);
    GcObject* pair = h.allocate(&t.pair, 0, 16, live_top);
    field(pair, 8) = slot[1];
    slot[2] = word_of(pair);
    GcObject* refs = h.allocate(&t.refs, 16, 128, live_top);
    uintptr_t* e = reinterpret_cast<uintptr_t*>(refs->payload());
    e[0] = slot[2];
    e[1] = slot[1];
    e[2] = slot[0];
    slot[0] = word_of(refs);
    if (iterations % 64 == 0) {
      GcObject* large = h.allocate(&t.bytes, 48 << 10, 48 << 10, live_top);
      large->payload()[0] = 1;
      large->payload()[(48 << 10) - 1] = 1;
    }
    // Every fourth chain replaces one object of the live ring; the others
    // are garbage once no slot or ring object holds them.
    if (iterations % 65536 == 0) sampled_rss = std::max(sampled_rss, status_bytes("VmRSS:"));
    if (iterations % 4 == 0) {
      size_t i = iterations / 4 % kRing;
      if (ring[i]) h.unpin(ring[i]);
      ring[i] = slot[0];
      h.pin(ring[i]);
      slot[0] = 0;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const uint64_t peak = peak_rss_bytes();
  const GcStats stats = h.stats();
  if (std::getenv("WASMRUN_GC_CHURN_REPORT"))
    std::printf("gc churn: %.2f GiB in %llu objects, %llu collections, %.2f s, peak RSS %.1f MiB (%.1f MiB before, "
                "peak reset: %s, sampled %.1f MiB), heap mapped %.1f MiB, live %llu objects\n",
                static_cast<double>(stats.allocated_bytes) / (1 << 30),
                static_cast<unsigned long long>(iterations * 3 + iterations / 64),
                static_cast<unsigned long long>(stats.collections), seconds, static_cast<double>(peak) / (1 << 20),
                static_cast<double>(rss_before) / (1 << 20), reset ? "yes" : "no",
                static_cast<double>(sampled_rss) / (1 << 20),
                static_cast<double>(h.mapped_bytes()) / (1 << 20), static_cast<unsigned long long>(stats.objects));
  CHECK(stats.allocated_bytes >= total);
  CHECK(stats.collections > 0);
  CHECK(stats.collections >= total / (16u << 20));  // at least one per 16 MiB: the budget is about 8
  CHECK(h.mapped_bytes() < (64u << 20));
  // The peak since the reset; without one, the peak includes the earlier
  // tests' (the ten-million-long list), and only the samples tell.
  if (!kSanitized) {
    CHECK(sampled_rss > 0);
    CHECK(sampled_rss < (100u << 20));
    if (reset) CHECK(peak < (100u << 20));
  }
  // Every ring object is still there, with its chain.
  for (uintptr_t w : ring) {
    REQUIRE(h.contains(w));
    const uintptr_t* e = reinterpret_cast<const uintptr_t*>(object_at(w)->payload());
    CHECK(h.contains(e[0]));
    CHECK(h.contains(e[1]));
  }
}

TEST_CASE("gc heap: a wasm loop allocating structs and arrays keeps its list through collections", "[gc]") {
  Store store;
  Instance* inst = test::instantiate_wat(store, R"(
(module
  (type $node (struct (field (mut (ref null $node))) (field i64)))
  (type $bytes (array (mut i8)))
  ;; A list of up to 100000 nodes in a local (started over every 100000
  ;; iterations) and a 1000-byte array of garbage per iteration; then the
  ;; sum of the last list's values.
  (func (export "churn") (param $n i32) (result i64)
    (local $list (ref null $node)) (local $i i32) (local $sum i64) (local $p (ref null $node))
    (loop $l
      (if (i32.eqz (i32.rem_u (local.get $i) (i32.const 100000)))
        (then (local.set $list (ref.null $node))))
      (local.set $list (struct.new $node (local.get $list) (i64.extend_i32_u (local.get $i))))
      (drop (array.new_default $bytes (i32.const 1000)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.set $p (local.get $list))
    (block $done
      (loop $w
        (br_if $done (ref.is_null (local.get $p)))
        (local.set $sum (i64.add (local.get $sum) (struct.get $node 1 (local.get $p))))
        (local.set $p (struct.get $node 0 (local.get $p)))
        (br $w)))
    (local.get $sum)))
)");
  const uint32_t n = kSanitized ? 200000 : 1000000;
  // The last list holds the values [n - 100000, n).
  const uint64_t first = n - 100000;
  const uint64_t expected = 100000 * first + uint64_t{99999} * 100000 / 2;
  CHECK(test::invoke_i64(store, inst, "churn", {Value::from_i32(n)}) == expected);
  const auto& h = gc_heap(store.impl());
  CHECK(h.stats().collections >= n / 10000);  // about one per 8 MiB of 1 KiB arrays
  CHECK(h.mapped_bytes() < (64u << 20));
}

TEST_CASE("gc heap: a struct held only by a caught exception in a global survives collections", "[gc][exceptions]") {
  Store store;
  Instance* inst = test::instantiate_wat(store, R"(
(module
  (type $box (struct (field i64)))
  (type $bytes (array (mut i8)))
  (tag $t (param (ref null $box)))
  (global $saved (mut exnref) (ref.null exn))
  (func (export "run") (result i64)
    (local $i i32)
    (block $h (result (ref null $box) exnref)
      (try_table (catch_ref $t $h)
        (throw $t (struct.new $box (i64.const 42))))
      (unreachable))
    (global.set $saved)
    (drop)
    ;; 20 MB of garbage arrays: collections, whose freed cells are reused.
    (loop $l
      (drop (array.new_default $bytes (i32.const 1000)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 20000))))
    (block $h2 (result (ref null $box))
      (try_table (catch $t $h2) (throw_ref (global.get $saved)))
      (unreachable))
    (struct.get $box 0)))
)");
  CHECK(test::invoke_i64(store, inst, "run") == 42);
  CHECK(gc_heap(store.impl()).stats().collections >= 2);
}
