// The module IR: what the binary decoder produces (text is first turned into
// binary), what the validator checks and what the runtime instantiates.
//
// Index spaces (functions, tables, memories, globals) list imports first, as
// in the specification. Function bodies and data stay in `bytes` (the
// module's binary, owned here) and are referred to by offset and size.
// When a big file is loaded lazily, a body's bytes are read into `bytes`
// only before its function is first validated (loader/module_file.h).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "loader/byte_buffer.h"
#include "loader/type_defs.h"
#include "wasmrun/types.h"

namespace wasmrun {

// A constant expression, as its binary instructions including the final
// `end` (0x0B). Element items given as bare function indices are stored as
// the equivalent `ref.func i end`.
struct ConstExpr {
  std::vector<uint8_t> code;
  uint32_t code_offset = 0;  // where `code` starts in Module::bytes (for errors)
};

struct Import {
  std::string module;
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t func_type = 0;   // kind == Func: type index
  bool exact = false;       // kind == Func: imported as exactly that type (custom descriptors)
  TableType table;          // kind == Table
  MemoryType memory;        // kind == Memory
  GlobalType global;        // kind == Global
  uint32_t tag_type = 0;    // kind == Tag: type index (a function type with no results)
  uint32_t entry_offset = 0;  // the import's first byte in Module::bytes (for errors)
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0;
  uint32_t entry_offset = 0;  // the export's first byte in Module::bytes (for errors)
};

// A run of locals of one type, as declared in the code section.
struct LocalRun {
  uint32_t count = 0;
  ValType type = ValType::I32;
};

struct Function {          // a function defined (not imported) by the module
  uint32_t type_index = 0;
  uint32_t type_offset = 0;       // of type_index in the function section (for errors)
  std::vector<LocalRun> locals;   // declared locals, parameters excluded
  uint64_t num_locals = 0;        // sum of locals[].count
  uint32_t body_offset = 0;       // first instruction, an offset into Module::bytes
  uint32_t body_size = 0;         // up to and including the final `end`
};

struct GlobalDef {         // a global defined by the module
  GlobalType type;
  ConstExpr init;
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode mode = SegmentMode::Active;
  uint32_t table_index = 0;       // active only
  ConstExpr offset;               // active only
  ValType type = ValType::FuncRef;
  std::vector<ConstExpr> items;
  uint32_t entry_offset = 0;      // the segment's first byte in Module::bytes (for errors)
};

struct DataSegment {
  SegmentMode mode = SegmentMode::Active;  // Active or Passive
  uint32_t memory_index = 0;      // active only
  ConstExpr offset;               // active only
  uint32_t data_offset = 0;       // into Module::bytes
  uint32_t data_size = 0;
  uint32_t entry_offset = 0;      // the segment's first byte in Module::bytes (for errors)
};

// A tag (exception handling): the type of its exceptions' payload, a
// function type whose results are empty.
struct TagDef {
  uint32_t type_index = 0;
  uint32_t entry_offset = 0;      // of the tag's type in Module::bytes (for errors)
};

struct CustomSection {
  std::string name;
  uint32_t offset = 0;            // payload, into Module::bytes
  uint32_t size = 0;
};

struct Module {
  ByteBuffer bytes;               // the binary this module was decoded from

  // Per type index: its function type (empty for struct and array types:
  // every index used as a function type is checked to be one by the
  // validator) and its definition (type_defs.h).
  std::vector<FuncType> types;
  std::vector<SubType> type_defs;
  std::vector<Import> imports;
  std::vector<Function> functions;        // defined functions only
  std::vector<TableType> tables;          // defined tables only
  std::vector<ConstExpr> table_inits;     // per defined table: its initializer (3.0), empty code if none
  std::vector<MemoryType> memories;       // defined memories only
  std::vector<GlobalDef> globals;         // defined globals only
  std::vector<TagDef> tags;               // defined tags only
  std::vector<Export> exports;
  std::optional<uint32_t> start;
  uint32_t start_offset = 0;              // of the start section's index (for errors)
  std::vector<ElemSegment> elems;
  std::vector<DataSegment> datas;
  std::optional<uint32_t> data_count;
  std::vector<CustomSection> customs;
  // Where each defined table's and memory's type starts in `bytes` (for errors).
  std::vector<uint32_t> table_offsets;
  std::vector<uint32_t> memory_offsets;

  // Whole index spaces, imports first (filled by the decoder).
  std::vector<uint32_t> func_types;       // type index of every function
  std::vector<uint32_t> type_canon;       // per type index: equal ids for equal types (type_canon.h)
  std::vector<TableType> all_tables;
  std::vector<MemoryType> all_memories;
  std::vector<GlobalType> all_globals;
  uint32_t num_imported_funcs = 0;
  uint32_t num_imported_tables = 0;
  uint32_t num_imported_memories = 0;
  uint32_t num_imported_globals = 0;
  std::vector<uint32_t> tag_types;        // type index of every tag, imports first
  uint32_t num_imported_tags = 0;

  // From the `name` custom section, where present and well-formed.
  std::string module_name;
  std::unordered_map<uint32_t, std::string> func_names;

  const FuncType& func_type(uint32_t func_index) const { return types[func_types[func_index]]; }
  bool is_func_type(uint32_t type_index) const {
    return type_index < type_defs.size() && type_defs[type_index].kind == Composite::Func;
  }
  std::span<const uint8_t> body(const Function& f) const {
    return std::span<const uint8_t>(bytes).subspan(f.body_offset, f.body_size);
  }
  std::span<const uint8_t> data(const DataSegment& d) const {
    return std::span<const uint8_t>(bytes).subspan(d.data_offset, d.data_size);
  }
};

}  // namespace wasmrun
