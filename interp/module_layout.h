// What the runtime needs of a module's IR, copied out of it once per
// CompiledModule.
//
// Why a copy: loader/module.h defines `wasmrun::Global` (a global defined
// by a module) and wasmrun.h defines the public `wasmrun::Global` (a
// global instance), so no translation unit can include both headers. The
// runtime side (wasmrun.h) therefore sees the IR only through this layout
// and through functions taking `const Module&` declared without its
// definition; the module-only side (the compiler, module_layout.cpp)
// includes loader/module.h. Drop this once the IR's struct is renamed.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "wasmrun/features.h"
#include "wasmrun/types.h"

namespace wasmrun {

struct Module;

namespace interp {

struct ModuleLayout {
  struct ImportDef {
    std::string module, name;
    ExternKind kind = ExternKind::Func;
    uint32_t func_type = 0;
    TableType table;
    MemoryType memory;
    GlobalType global;
  };
  struct GlobalDef {
    GlobalType type;
    std::vector<uint8_t> init;   // constant expression, with its `end`
  };
  struct ExportDef {
    std::string name;
    ExternKind kind = ExternKind::Func;
    uint32_t index = 0;
  };
  enum class Mode : uint8_t { Active, Passive, Declarative };
  struct ElemDef {
    Mode mode = Mode::Active;
    uint32_t table_index = 0;
    std::vector<uint8_t> offset;
    std::vector<std::vector<uint8_t>> items;
  };
  struct DataDef {
    Mode mode = Mode::Active;
    uint32_t memory_index = 0;
    std::vector<uint8_t> offset;
    std::span<const uint8_t> bytes;  // into the IR's module bytes
  };

  std::vector<FuncType> types;
  std::vector<ImportDef> imports;
  std::vector<uint32_t> func_type_indices;   // defined functions
  uint32_t num_imported_funcs = 0;
  std::vector<TableType> tables;             // defined
  std::vector<MemoryType> memories;          // defined
  std::vector<GlobalDef> globals;            // defined
  std::vector<ExportDef> exports;
  std::optional<uint32_t> start;
  std::vector<ElemDef> elems;
  std::vector<DataDef> datas;
  std::unordered_map<uint32_t, std::string> func_names;
};

// Copies the layout out of a module IR (which must outlive the result:
// data segments point into its bytes).
std::unique_ptr<ModuleLayout> make_layout(const Module& module);

// Decodes and validates a binary module (the loader).
std::shared_ptr<const Module> load_module(std::span<const uint8_t> bytes, const Features& features);

}  // namespace interp
}  // namespace wasmrun
