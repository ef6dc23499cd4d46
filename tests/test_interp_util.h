// Helpers shared by the interpreter and API unit tests.
#pragma once

#include <catch2/catch.hpp>

#include <bit>
#include <string>
#include <utility>
#include <vector>

#include "wasmrun/wasmrun.h"

namespace wasmrun::test {

// Compiles WAT text and instantiates it in `store`.
inline Instance* instantiate_wat(Store& store, const std::string& wat, const Imports& imports = Imports{}) {
  auto module = CompiledModule::from_text(wat, store.features());
  return store.instantiate(*module, imports);  // the instance keeps the module alive
}

// Calls an export and returns its results.
inline std::vector<Value> invoke(Store& store, Instance* inst, const char* name, std::vector<Value> args = {}) {
  Func* f = inst->func(name);
  REQUIRE(f != nullptr);
  return store.call(f, args);
}

inline uint32_t invoke_i32(Store& store, Instance* inst, const char* name, std::vector<Value> args = {}) {
  auto r = invoke(store, inst, name, std::move(args));
  REQUIRE(r.size() == 1);
  REQUIRE(r[0].type == ValType::I32);
  return r[0].i32;
}

inline uint64_t invoke_i64(Store& store, Instance* inst, const char* name, std::vector<Value> args = {}) {
  auto r = invoke(store, inst, name, std::move(args));
  REQUIRE(r.size() == 1);
  REQUIRE(r[0].type == ValType::I64);
  return r[0].i64;
}

// The kind and message of the Error that `fn` throws.
struct Failure {
  ErrorKind kind = ErrorKind::Usage;
  std::string message;
  std::string where;  // Error::where(): "3:14", `func[0] at offset 0x1f`, ...
  bool thrown = false;
};

template <class Fn>
Failure failure_of(Fn&& fn) {
  Failure f;
  try {
    fn();
  } catch (const Error& e) {
    f.kind = e.kind();
    f.message = e.what();
    f.where = e.where();
    f.thrown = true;
  }
  return f;
}

// The whole one-line description of the Error fn throws (kind, location,
// message and detail), or "" if it throws none.
template <class Fn>
std::string description_of(Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.describe();
  }
  return {};
}

// Whether the i32 comparison named as in WAT ("lt_s", "ge_u", ...) holds:
// the model the fused compare-and-branch tests check against.
inline bool i32_compare_holds(const std::string& c, uint32_t a, uint32_t b) {
  int32_t sa = static_cast<int32_t>(a), sb = static_cast<int32_t>(b);
  if (c == "eq") return a == b;
  if (c == "ne") return a != b;
  if (c == "lt_s") return sa < sb;
  if (c == "lt_u") return a < b;
  if (c == "gt_s") return sa > sb;
  if (c == "gt_u") return a > b;
  if (c == "le_s") return sa <= sb;
  if (c == "le_u") return a <= b;
  if (c == "ge_s") return sa >= sb;
  return a >= b;
}

inline Value i32(uint32_t v) { return Value::from_i32(v); }
inline Value i64(uint64_t v) { return Value::from_i64(v); }
inline Value f32(float v) { return Value::from_f32(v); }
inline Value f64(double v) { return Value::from_f64(v); }

}  // namespace wasmrun::test
