#include "spec-tests/spectest_host.h"

#include <fmt/core.h>

namespace wasmrun::spectest {

namespace {

std::string format_value(const Value& v) {
  switch (v.type) {
    case ValType::I32: return fmt::format("{} : i32", static_cast<int32_t>(v.i32));
    case ValType::I64: return fmt::format("{} : i64", static_cast<int64_t>(v.i64));
    case ValType::F32: return fmt::format("{} : f32", v.f32);
    case ValType::F64: return fmt::format("{} : f64", v.f64);
    default: return fmt::format("? : {}", val_type_name(v.type));
  }
}

}  // namespace

void add_spectest_module(Store& store, Imports& imports, bool echo) {
  using VT = ValType;
  struct PrintFn {
    const char* name;
    std::vector<ValType> params;
  };
  const PrintFn prints[] = {
      {"print", {}},
      {"print_i32", {VT::I32}},
      {"print_i64", {VT::I64}},
      {"print_f32", {VT::F32}},
      {"print_f64", {VT::F64}},
      {"print_i32_f32", {VT::I32, VT::F32}},
      {"print_f64_f64", {VT::F64, VT::F64}},
  };
  for (const PrintFn& p : prints) {
    FuncType type{p.params, {}};
    Func* f = store.host_func(
        type,
        [echo](HostCall&, std::span<const Value> args, std::span<Value>) {
          if (!echo) return;
          for (const Value& a : args) fmt::print("{}\n", format_value(a));
        },
        std::string("spectest.") + p.name);
    imports.add("spectest", p.name, f);
  }

  imports.add("spectest", "global_i32", store.new_global({VT::I32, false}, Value::from_i32(666)));
  imports.add("spectest", "global_i64", store.new_global({VT::I64, false}, Value::from_i64(666)));
  imports.add("spectest", "global_f32", store.new_global({VT::F32, false}, Value::from_f32(666.6f)));
  imports.add("spectest", "global_f64", store.new_global({VT::F64, false}, Value::from_f64(666.6)));

  TableType table;
  table.elem = VT::FuncRef;
  table.limits = Limits{10, true, 20};
  imports.add("spectest", "table", store.new_table(table, Value::null_ref(VT::FuncRef)));
  TableType table64 = table;  // the same with i64 indices (memory64)
  table64.is64 = true;
  imports.add("spectest", "table64", store.new_table(table64, Value::null_ref(VT::FuncRef)));

  MemoryType memory;
  memory.limits = Limits{1, true, 2};
  imports.add("spectest", "memory", store.new_memory(memory));
  MemoryType shared = memory;  // the same, shared (threads)
  shared.shared = true;
  imports.add("spectest", "shared_memory", store.new_memory(shared));
}

}  // namespace wasmrun::spectest
