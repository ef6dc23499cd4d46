// WebAssembly types shared by the loader, the runtime and embedders.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wasmrun {

// Value types, by their binary encoding.
enum class ValType : uint8_t {
  I32 = 0x7F,
  I64 = 0x7E,
  F32 = 0x7D,
  F64 = 0x7C,
  V128 = 0x7B,
  FuncRef = 0x70,
  ExternRef = 0x6F,
  ExnRef = 0x69,  // exception handling: a caught exception (null or not)
};

inline bool is_ref(ValType t) { return t == ValType::FuncRef || t == ValType::ExternRef || t == ValType::ExnRef; }
inline bool is_num(ValType t) { return !is_ref(t) && t != ValType::V128; }

inline const char* val_type_name(ValType t) {
  switch (t) {
    case ValType::I32: return "i32";
    case ValType::I64: return "i64";
    case ValType::F32: return "f32";
    case ValType::F64: return "f64";
    case ValType::V128: return "v128";
    case ValType::FuncRef: return "funcref";
    case ValType::ExternRef: return "externref";
    case ValType::ExnRef: return "exnref";
  }
  return "?";
}

struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  bool operator==(const FuncType&) const = default;
};

enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3, Tag = 4 };

inline const char* extern_kind_name(ExternKind k) {
  switch (k) {
    case ExternKind::Func: return "func";
    case ExternKind::Table: return "table";
    case ExternKind::Memory: return "memory";
    case ExternKind::Global: return "global";
    case ExternKind::Tag: return "tag";
  }
  return "?";
}

struct Limits {
  uint64_t min = 0;
  bool has_max = false;
  uint64_t max = 0;
  bool operator==(const Limits&) const = default;
};

struct TableType {
  ValType elem = ValType::FuncRef;
  Limits limits;
  bool is64 = false;      // memory64 (table64): i64 indices
  bool operator==(const TableType&) const = default;
};

struct MemoryType {
  Limits limits;          // in pages
  bool is64 = false;      // memory64: i64 addresses
  bool shared = false;    // threads
  uint8_t page_size_log2 = 16;  // custom page sizes: 16 (64 KiB) or 0 (1 byte)
  bool operator==(const MemoryType&) const = default;
};

struct GlobalType {
  ValType type = ValType::I32;
  bool mut = false;
  bool operator==(const GlobalType&) const = default;
};

}  // namespace wasmrun
