#include "fuzz/one_input.h"

#include <span>
#include <vector>

#include "fuzz/zero_value.h"
#include "loader/module.h"
#include "wasmrun/error.h"
#include "wasmrun/wasmrun.h"

namespace wasmrun::fuzz {

namespace {

Imports make_imports(Store& store, const Module& m) {
  Imports imports;
  for (const Import& im : m.imports) {
    switch (im.kind) {
      case ExternKind::Func:
        imports.add(im.module, im.name,
                    store.host_func(m.types.at(im.func_type), [](HostCall&, std::span<const Value>, std::span<Value> results) {
                      for (Value& r : results) r = zero_value(r.type);
                    }));
        break;
      case ExternKind::Table:
        imports.add(im.module, im.name, store.new_table(im.table, zero_value(im.table.elem)));
        break;
      case ExternKind::Memory:
        imports.add(im.module, im.name, store.new_memory(im.memory));
        break;
      case ExternKind::Global:
        imports.add(im.module, im.name, store.new_global(im.global, zero_value(im.global.type)));
        break;
      case ExternKind::Tag:
        imports.add(im.module, im.name, store.new_tag(m.types.at(im.tag_type).params));
        break;
    }
  }
  return imports;
}

}  // namespace

void run_one(const uint8_t* data, size_t size) {
  StoreLimits limits;
  limits.max_memory_pages = 256;  // 16 MiB
  limits.max_table_elements = 100000;
  limits.max_call_depth = 10000;
  limits.max_stack_bytes = 8u << 20;
  try {
    auto module = CompiledModule::from_binary(std::span<const uint8_t>(data, size), Features::all());
    Store store(Features::all(), limits);
    Instance* inst = store.instantiate(*module, make_imports(store, module->ir()));
    for (auto& [name, ext] : inst->exports()) {
      if (ext.kind != ExternKind::Func) continue;
      std::vector<Value> args;
      for (ValType t : ext.func->type().params) args.push_back(zero_value(t));
      try {
        store.call(ext.func, args);
      } catch (const Error&) {
      }
    }
  } catch (const Error&) {
  }
}

}  // namespace wasmrun::fuzz
