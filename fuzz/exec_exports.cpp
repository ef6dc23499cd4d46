// exec_exports FILE.wasm: instantiates a module with binaryen's fuzzing
// imports ("fuzzing-support" log-i32/i64/f32/f64 print their argument) and
// calls every exported function, in export order, with zero arguments.
// Prints one line per log and per call: the results, or "trap". Floats are
// printed as bits, any NaN as "nan" (its bits are not deterministic).
// fuzz/exec_exports.mjs prints the same for node's V8; fuzz/differential.sh
// compares the two. Functions with v128 in their type are skipped (JS
// cannot call them).
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz/zero_value.h"
#include "loader/module.h"
#include "wasmrun/error.h"
#include "wasmrun/wasmrun.h"

using namespace wasmrun;
using wasmrun::fuzz::zero_value;

namespace {

std::string show(const Value& v) {
  char buf[64];
  switch (v.type) {
    case ValType::I32: std::snprintf(buf, sizeof buf, "i32:%" PRIu32, v.i32); break;
    case ValType::I64: std::snprintf(buf, sizeof buf, "i64:%" PRIu64, v.i64); break;
    case ValType::F32: {
      if (std::isnan(v.f32)) return "f32:nan";
      uint32_t b;
      std::memcpy(&b, &v.f32, 4);
      std::snprintf(buf, sizeof buf, "f32:0x%08" PRIx32, b);
      break;
    }
    case ValType::F64: {
      if (std::isnan(v.f64)) return "f64:nan";
      uint64_t b;
      std::memcpy(&b, &v.f64, 8);
      std::snprintf(buf, sizeof buf, "f64:0x%016" PRIx64, b);
      break;
    }
    default: return v.ref ? "ref" : "null";
  }
  return buf;
}

bool callable_from_js(const FuncType& t) {
  for (ValType v : t.params) if (v == ValType::V128) return false;
  for (ValType v : t.results) if (v == ValType::V128) return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: exec_exports FILE.wasm\n");
    return 2;
  }
  try {
    auto module = CompiledModule::from_file(argv[1], Features::v2());
    Store store;
    Imports imports;
    for (const Import& im : module->ir().imports) {
      if (im.kind != ExternKind::Func) continue;
      imports.add(im.module, im.name,
                  store.host_func(module->ir().types.at(im.func_type),
                                  [name = im.name](HostCall&, std::span<const Value> args, std::span<Value> results) {
                                    std::printf("%s", name.c_str());
                                    for (const Value& a : args) std::printf(" %s", show(a).c_str());
                                    std::printf("\n");
                                    for (Value& r : results) r = zero_value(r.type);
                                  }));
    }
    Instance* inst = store.instantiate(*module, imports);
    for (auto& [name, ext] : inst->exports()) {
      if (ext.kind != ExternKind::Func || !callable_from_js(ext.func->type())) continue;
      std::vector<Value> args;
      for (ValType t : ext.func->type().params) args.push_back(zero_value(t));
      std::printf("call %s\n", name.c_str());
      try {
        auto results = store.call(ext.func, args);
        std::printf("=>");
        for (const Value& r : results) std::printf(" %s", show(r).c_str());
        std::printf("\n");
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::Trap && e.kind() != ErrorKind::Exhaustion) throw;
        std::printf("=> trap\n");
      }
    }
  } catch (const Error& e) {
    std::printf("error %s\n", e.what());
    return 1;
  }
  return 0;
}
