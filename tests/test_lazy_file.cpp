// Lazy loading from a file (loader/module_file.h): with lazy validation,
// from_file reads function bodies only on their first call. These check
// that such a module runs as one read whole does, that its errors are the
// same, and that a file changed after loading gives a validated function
// or a clean error.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "loader/decoder.h"
#include "loader/module.h"
#include "tests/lazy_module.h"
#include "tests/wasm_bytes.h"
#include "wasmrun/wasmrun.h"

using namespace wasmrun;
using namespace wasmrun::testing;

namespace {

Bytes sleb(int64_t v) {
  Bytes out;
  for (;;) {
    uint8_t b = v & 0x7F;
    v >>= 7;
    if ((v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40))) {
      out.push_back(b);
      return out;
    }
    out.push_back(b | 0x80);
  }
}

Bytes i32_const(int32_t v) { return cat({{0x41}, sleb(v)}); }

// `n` times `i32.const 1; drop`: bodies of any size.
Bytes filler(size_t n) {
  Bytes out;
  for (size_t i = 0; i < n; ++i) append(out, {0x41, 0x01, 0x1A});
  return out;
}

// `runs` local runs of one local each, alternately i32 and i64.
Bytes local_runs(uint32_t runs) {
  Bytes out = uleb(runs);
  for (uint32_t j = 0; j < runs; ++j) append(out, {0x01, j % 2 == 0 ? I32 : I64});
  return out;
}

// Sets local `runs - 2` (an i32) to 5 and local `runs - 1` (an i64) to 2,
// returns their sum: 7 if every run was decoded with its type.
Bytes sum_of_last_locals(uint32_t runs) {
  Bytes i32_local = uleb(runs - 2), i64_local = uleb(runs - 1);
  return cat({{0x41, 0x05, 0x21}, i32_local, {0x42, 0x02, 0x21}, i64_local,  // i32.const 5 local.set; i64.const 2 local.set
              {0x20}, i64_local, {0xA7, 0x20}, i32_local, {0x6A, 0x0B}});     // local.get i32.wrap_i64 local.get i32.add
}

// sum 1..10 in a loop, with two locals.
const Bytes kSumLocals = {0x01, 0x02, I32};
const Bytes kSum = {0x03, 0x40, 0x20, 0x00, 0x41, 0x01, 0x6A, 0x22, 0x00, 0x20, 0x01, 0x6A, 0x21, 0x01,
                    0x20, 0x00, 0x41, 0x0A, 0x48, 0x0D, 0x00, 0x0B, 0x20, 0x01, 0x0B};

// Functions f0..f{n-1} returning their index, of varying sizes: some
// bodies share a read of the file with the next ones, some do not.
std::vector<Fn> numbered(size_t n, const std::string& prefix = "f") {
  std::vector<Fn> fns;
  for (size_t i = 0; i < n; ++i)
    fns.push_back({prefix + std::to_string(i), cat({filler(i * 37 % 400), i32_const(static_cast<int32_t>(i)), {0x0B}})});
  return fns;
}

// Where the contents of the code section of `b` start.
size_t code_contents(const Bytes& b) {
  size_t pos = 8;
  for (;;) {
    uint8_t id = b.at(pos++);
    uint64_t size = 0;
    for (unsigned shift = 0;; shift += 7) {
      uint8_t x = b.at(pos++);
      size |= uint64_t{x & 0x7Fu} << shift;
      if (!(x & 0x80)) break;
    }
    if (id == 10) return pos;
    pos += size;
  }
}

// "" and the module, or "<kind>: <message>".
std::string decode(Bytes bytes, const DecodeOptions& options, Module* out) {
  try {
    *out = decode_module(std::move(bytes), Features::v2(), options);
  } catch (const Error& e) {
    return std::string(error_kind_name(e.kind())) + ": " + e.what();
  }
  return "";
}

std::shared_ptr<CompiledModule> load_file(const TempFile& file) {
  return CompiledModule::from_file(file.path(), Features::v2(), lazy());
}

// What loading `b` gives, and then calling each of its exported functions:
// the load error, or each call's result or error, as text.
template <class Load>
std::string outcome(Load load) {
  std::shared_ptr<CompiledModule> module;
  try {
    module = load();
  } catch (const Error& e) {
    return std::string("load: ") + error_kind_name(e.kind()) + ": " + e.what();
  }
  std::string out;
  try {
    Store store;
    Instance* inst = store.instantiate(*module, Imports{});
    for (const auto& e : module->exports()) {
      if (e.kind != ExternKind::Func) continue;
      uint32_t r = 0;
      std::string err = call(store, inst, e.name, &r);
      out += e.name + "=" + (err.empty() ? std::to_string(r) : err) + " ";
    }
  } catch (const Error& e) {
    out += std::string("instantiate: ") + error_kind_name(e.kind()) + ": " + e.what();
  }
  return out;
}

}  // namespace

TEST_CASE("lazy file: a module loaded from a file runs", "[lazy][file]") {
  std::vector<Fn> fns = numbered(300);
  fns.push_back({"sum", kSum, 0, kSumLocals});
  fns.push_back({"calls_sum", {0x10, 0xAC, 0x02, 0x0B}});  // call 300
  TempFile file(build(fns));
  auto module = load_file(file);
  Store store;
  Instance* inst = store.instantiate(*module, Imports{});
  uint32_t r = 0;
  for (size_t i : {299, 0, 1, 150, 298, 7}) {
    CHECK(call(store, inst, "f" + std::to_string(i), &r) == "");
    CHECK(r == i);
  }
  CHECK(call(store, inst, "calls_sum", &r) == "");
  CHECK(r == 55);
  CHECK(call(store, inst, "sum", &r) == "");
  CHECK(r == 55);
}

TEST_CASE("lazy file: an invalid body fails on its first call", "[lazy][file]") {
  std::vector<Fn> fns = numbered(20);
  fns[10].instrs = cat({filler(100), {0x42, 0x01, 0x0B}});  // i64.const 1 for an i32 result
  fns[12].instrs = {0x41, 0x01, 0x06, 0x0B};                // 0x06 (try) is not 2.0
  TempFile file(build(fns));
  auto module = load_file(file);
  Store store;
  Instance* inst = store.instantiate(*module, Imports{});
  uint32_t r = 0;
  CHECK(call(store, inst, "f11", &r) == "");
  CHECK(r == 11);
  CHECK(call(store, inst, "f10") == "invalid: type mismatch");
  CHECK(call(store, inst, "f10") == "invalid: type mismatch");
  CHECK(call(store, inst, "f12") == "malformed: illegal opcode");
  CHECK(call(store, inst, "f9", &r) == "");
  CHECK(r == 9);
}

TEST_CASE("lazy file: long local declarations decode", "[lazy][file]") {
  // 300 runs take 601 bytes and 2000 runs 4002: more than the decoder's
  // first fetch of a body header, and than one read ahead of the file.
  std::vector<Fn> fns = numbered(10);
  fns.insert(fns.begin() + 3, {"runs300", sum_of_last_locals(300), 0, local_runs(300)});
  fns.insert(fns.begin() + 7, {"runs2000", sum_of_last_locals(2000), 0, local_runs(2000)});
  fns.push_back({"runs2", sum_of_last_locals(2), 0, local_runs(2)});
  Bytes b = build(fns);
  TempFile file(b);
  auto module = load_file(file);
  CHECK(module->ir().functions[3].locals.size() == 300);
  CHECK(module->ir().functions[7].locals.size() == 2000);
  Store store;
  Instance* inst = store.instantiate(*module, Imports{});
  for (const char* name : {"runs300", "runs2000", "runs2"}) {
    uint32_t r = 0;
    CHECK(call(store, inst, name, &r) == "");
    CHECK(r == 7);
  }
  CHECK(outcome([&] { return load_file(file); }) ==
        outcome([&] { return CompiledModule::from_binary(b, Features::v2(), lazy()); }));
}

TEST_CASE("lazy file: the decoder fetches no more than it asks for, and again for long headers", "[lazy][file]") {
  // A fetch that gives exactly what is asked: the decoder's second and
  // later tries at a long header, which a file's bigger reads hide.
  std::vector<Fn> fns = numbered(6);
  fns.insert(fns.begin() + 2, {"runs300", sum_of_last_locals(300), 0, local_runs(300)});
  fns.insert(fns.begin() + 4, {"runs2000", sum_of_last_locals(2000), 0, local_runs(2000)});
  const Bytes b = build(fns);
  const size_t contents = code_contents(b);
  DecodeOptions plain;
  plain.scan_bodies = false;
  size_t largest = 0;
  size_t available = b.size();  // how much of b the fetch gives
  DecodeOptions fetched = plain;
  fetched.fetch_code = [&](size_t offset, size_t size) {
    largest = std::max(largest, size);
    offset = std::min(offset, available);
    return std::span<const uint8_t>(b).subspan(offset, std::min(size, available - offset));
  };
  auto unfetched = [&](size_t len) {  // the first len bytes, the code section's contents unset
    Bytes out(b.begin(), b.begin() + static_cast<long>(len));
    for (size_t i = contents; i < len; ++i) out[i] = 0xFF;
    return out;
  };

  Module reference, m;
  REQUIRE(decode(b, plain, &reference) == "");
  REQUIRE(decode(unfetched(b.size()), fetched, &m) == "");
  CHECK(largest > 4002);  // runs2000's header, fetched in parts
  REQUIRE(m.functions.size() == reference.functions.size());
  for (size_t i = 0; i < m.functions.size(); ++i) {
    const Function &f = m.functions[i], &g = reference.functions[i];
    CHECK(f.body_offset == g.body_offset);
    CHECK(f.body_size == g.body_size);
    CHECK(f.num_locals == g.num_locals);
    REQUIRE(f.locals.size() == g.locals.size());
    for (size_t k = 0; k < f.locals.size(); ++k) {
      CHECK(f.locals[k].count == g.locals[k].count);
      CHECK(f.locals[k].type == g.locals[k].type);
    }
  }
  // A module cut short anywhere in its code section fails as it does read
  // whole.
  for (size_t len = contents; len < b.size(); len += 7) {
    Bytes prefix(b.begin(), b.begin() + static_cast<long>(len));
    available = len;
    INFO("prefix of " << len << " bytes");
    CHECK(decode(unfetched(len), fetched, &m) == decode(prefix, plain, &reference));
  }
}

TEST_CASE("lazy file: a file that shrank after loading gives a clean error", "[lazy][file]") {
  std::vector<Fn> fns = numbered(200);
  Bytes b = build(fns);
  TempFile file(b);
  auto module = load_file(file);
  Store store;
  Instance* inst = store.instantiate(*module, Imports{});
  uint32_t r = 0;
  CHECK(call(store, inst, "f0", &r) == "");
  REQUIRE(::truncate(file.path().c_str(), static_cast<off_t>(b.size() / 2)) == 0);
  const std::string changed = "i/o error: cannot read function body from " + file.path() +
                              ": the module file changed after loading";
  CHECK(call(store, inst, "f199") == changed);
  CHECK(call(store, inst, "f199") == changed);  // every call, as for an invalid body
  CHECK(call(store, inst, "f0", &r) == "");     // compiled before: unaffected
  CHECK(r == 0);
  CHECK(call(store, inst, "f1", &r) == "");     // still in the file
  CHECK(r == 1);
  REQUIRE(::truncate(file.path().c_str(), 0) == 0);
  CHECK(call(store, inst, "f2") == changed);
}

TEST_CASE("lazy file: a body rewritten after loading is validated as read", "[lazy][file]") {
  std::vector<Fn> fns = numbered(50);
  TempFile file(build(fns));
  auto module = load_file(file);
  Store store;
  Instance* inst = store.instantiate(*module, Imports{});
  uint32_t r = 0;
  // Same sizes, other instructions: the new body is what runs, once valid.
  fns[40].instrs.end()[-3] = 0x42;  // i64.const 40: a type mismatch
  fns[41].instrs.end()[-2] = 0x07;  // i32.const 7
  file.write(build(fns));
  CHECK(call(store, inst, "f40") == "invalid: type mismatch");
  CHECK(call(store, inst, "f41", &r) == "");
  CHECK(r == 7);
}

TEST_CASE("lazy file: loading from a file gives what loading the bytes does", "[lazy][file]") {
  // Straight-line functions only, so a changed byte cannot make a long loop.
  std::vector<Fn> fns = numbered(4);
  fns.push_back({"runs", sum_of_last_locals(40), 0, local_runs(40)});
  Bytes data = section(11, vec({cat({{0x00}, i32_const(0), {0x0B}, str("ab")})}));
  Bytes memory = section(5, vec({{0x00, 0x01}}));
  const Bytes b = build(fns, {}, {data}, {memory});
  TempFile file(b);
  auto from_bytes = [](const Bytes& v) {
    return outcome([&] { return CompiledModule::from_binary(v, Features::v2(), lazy()); });
  };
  auto from_file = [&](const Bytes& v) {
    file.write(v);
    return outcome([&] { return load_file(file); });
  };
  CHECK(from_file(b) == from_bytes(b));
  for (size_t len = 0; len < b.size(); ++len) {
    Bytes prefix(b.begin(), b.begin() + static_cast<long>(len));
    INFO("prefix of " << len << " bytes");
    CHECK(from_file(prefix) == from_bytes(prefix));
  }
  for (size_t at = 8; at < b.size(); ++at) {
    for (uint8_t value : {0x00, 0x80, 0xFF}) {
      Bytes changed = b;
      changed[at] = value;
      INFO("byte " << at << " set to " << int{value});
      CHECK(from_file(changed) == from_bytes(changed));
    }
  }
}
