// The GC type system's definitions (WebAssembly 3.0, "Types"): each type
// index names a subtype of a composite type (func, struct or array), and
// types are defined in recursion groups. Module::types keeps the function
// type of every index (empty for struct and array types) so that code that
// only deals with functions reads it as before; Module::type_defs holds the
// rest, one entry per type index.
#pragma once

#include <cstdint>
#include <vector>

#include "wasmrun/types.h"

namespace wasmrun {

// The composite type's kind, by its binary form.
enum class Composite : uint8_t { Func = 0x60, Struct = 0x5F, Array = 0x5E };

inline const char* composite_name(Composite c) {
  switch (c) {
    case Composite::Func: return "func";
    case Composite::Struct: return "struct";
    case Composite::Array: return "array";
  }
  return "?";
}

// Packed storage types, by their binary codes. A field's storage type is a
// ValType word whose code is one of these or a value type's.
inline constexpr uint8_t kPackedI8 = 0x78;
inline constexpr uint8_t kPackedI16 = 0x77;
inline constexpr ValType kStorageI8 = ValType::from_code(kPackedI8);
inline constexpr ValType kStorageI16 = ValType::from_code(kPackedI16);
inline bool is_packed(ValType t) { return t.code() == kPackedI8 || t.code() == kPackedI16; }

struct FieldType {
  ValType storage;  // a value type, or kStorageI8 / kStorageI16
  bool mut = false;
  bool operator==(const FieldType&) const = default;
};

struct SubType {
  static constexpr uint32_t kNoSuper = UINT32_MAX;
  Composite kind = Composite::Func;
  bool final = true;
  uint32_t super = kNoSuper;        // the declared supertype's type index
  // Custom descriptors: the type index of this struct type's descriptor
  // type (`(descriptor $d)`), and of the type this one describes
  // (`(describes $t)`); kNoSuper without the clause.
  uint32_t descriptor = kNoSuper;
  uint32_t describes = kNoSuper;
  std::vector<FieldType> fields;    // struct: its fields; array: its one element field
  // The recursion group holding this type: type indices
  // [rec_begin, rec_begin + rec_size).
  uint32_t rec_begin = 0;
  uint32_t rec_size = 1;
  uint32_t offset = 0;              // the definition's first byte in Module::bytes (for errors)

  bool has_super() const { return super != kNoSuper; }
  bool has_descriptor() const { return descriptor != kNoSuper; }
  bool has_describes() const { return describes != kNoSuper; }
};

// The storage type's text: "i8", "i16" or the value type's name.
inline std::string storage_type_name(ValType t) {
  if (t.code() == kPackedI8) return "i8";
  if (t.code() == kPackedI16) return "i16";
  return val_type_name(t);
}

}  // namespace wasmrun
