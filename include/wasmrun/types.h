// WebAssembly types shared by the loader, the runtime and embedders.
//
// A value type is one 64-bit word (docs/TYPES.md): a number or vector type,
// or a reference type `(ref null? heaptype)` whose heap type is abstract
// (func, extern, any, ..., exn) or a defined type (a type index of the
// module, or a store's canonical type id). The 2.0 spellings stay:
// `ValType::I32`, `ValType::FuncRef` (= `(ref null func)`), and a switch
// over a ValType with those constants as cases compiles.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wasmrun {

// The abstract heap types, by their binary encoding (a negative s33 in one
// byte).
enum class AbsHeap : uint8_t {
  NoExn = 0x74,
  NoFunc = 0x73,
  NoExtern = 0x72,
  None = 0x71,
  Func = 0x70,
  Extern = 0x6F,
  Any = 0x6E,
  Eq = 0x6D,
  I31 = 0x6C,
  Struct = 0x6B,
  Array = 0x6A,
  Exn = 0x69,
};

// A heap type: abstract, or a defined type named by an index. What an
// index means depends on where the type is written:
//   Index  a type index of the module the type comes from (the loader's
//          and validator's form);
//   Canon  a store's canonical type id (the runtime's form: equal ids are
//          equal types, whichever module they come from);
//   Rec    an index into the rec group being defined (in canonical forms,
//          a type's reference to its own group; GC's rec groups use more
//          than 0).
// Bot is the validator's bottom type of unreachable code (no encoding).
// `exact` (custom descriptors: `(exact $t)`) marks a defined type that
// matches only itself, not its declared subtypes.
struct HeapType {
  enum class Kind : uint8_t { Abstract = 1, Index = 2, Canon = 3, Rec = 4, Bot = 5 };
  Kind kind = Kind::Abstract;
  uint32_t value = static_cast<uint32_t>(AbsHeap::Func);  // the AbsHeap code, or the index
  bool exact = false;

  static constexpr HeapType abs(AbsHeap a) { return {Kind::Abstract, static_cast<uint32_t>(a), false}; }
  static constexpr HeapType index(uint32_t i) { return {Kind::Index, i, false}; }
  static constexpr HeapType canon(uint32_t id) { return {Kind::Canon, id, false}; }
  static constexpr HeapType rec(uint32_t i) { return {Kind::Rec, i, false}; }
  static constexpr HeapType bot() { return {Kind::Bot, 0, false}; }
  constexpr bool is_abstract() const { return kind == Kind::Abstract; }
  constexpr bool is_abstract(AbsHeap a) const { return kind == Kind::Abstract && value == static_cast<uint32_t>(a); }
  // A defined type, however it is named.
  constexpr bool is_defined() const { return kind == Kind::Index || kind == Kind::Canon || kind == Kind::Rec; }
  constexpr AbsHeap abstract() const { return static_cast<AbsHeap>(value); }
  constexpr HeapType with_exact(bool e) const { return {kind, value, e}; }
  constexpr bool operator==(const HeapType&) const = default;
};

// A value type in one word:
//   bits 0-7    the type's code: the binary encoding of a number or vector
//               type (0x7F i32 ... 0x7B v128), 0x63 for a nullable and 0x64
//               for a non-null reference, 0 for "no type" (the default; the
//               validator's unknown operand);
//   bits 8-15   a reference's HeapType::Kind (0 otherwise);
//   bit 16      a reference's HeapType::exact;
//   bits 32-63  a reference's HeapType::value.
// Equal words are equal types (for defined types: with the same naming).
struct ValType {
  uint64_t bits = 0;

  static constexpr uint8_t kRefNullCode = 0x63;
  static constexpr uint8_t kRefCode = 0x64;

  constexpr ValType() = default;
  static constexpr ValType from_bits(uint64_t b) { ValType t; t.bits = b; return t; }
  // A number or vector type from its binary code (0x7F ... 0x7B).
  static constexpr ValType from_code(uint8_t code) { return from_bits(code); }
  static constexpr ValType ref(HeapType ht, bool nullable) {
    return from_bits(uint64_t{nullable ? kRefNullCode : kRefCode} | uint64_t{static_cast<uint8_t>(ht.kind)} << 8 |
                     uint64_t{ht.exact} << 16 | uint64_t{ht.value} << 32);
  }
  static constexpr ValType ref_null(AbsHeap a) { return ref(HeapType::abs(a), true); }

  // The 2.0 names, and the other abstract nullable references.
  static const ValType I32, I64, F32, F64, V128, FuncRef, ExternRef, ExnRef, AnyRef, EqRef, I31Ref, StructRef,
      ArrayRef, NullRef, NullFuncRef, NullExternRef, NullExnRef;

  constexpr uint8_t code() const { return static_cast<uint8_t>(bits); }
  constexpr bool is_ref() const { return code() == kRefNullCode || code() == kRefCode; }
  constexpr bool nullable() const { return code() == kRefNullCode; }
  constexpr HeapType heap() const {
    return {static_cast<HeapType::Kind>(static_cast<uint8_t>(bits >> 8)), static_cast<uint32_t>(bits >> 32),
            ((bits >> 16) & 1) != 0};
  }
  constexpr ValType with_nullable(bool n) const { return ref(heap(), n); }
  constexpr bool is_none() const { return bits == 0; }

  // So that `switch (t) { case ValType::I32: ... }` compiles: a switch
  // sees the whole word. Typed references other than the 2.0 ones match no
  // case of such a switch.
  enum class Word : uint64_t {};
  constexpr operator Word() const { return static_cast<Word>(bits); }
  constexpr bool operator==(const ValType&) const = default;
};

inline constexpr ValType ValType::I32 = ValType::from_code(0x7F);
inline constexpr ValType ValType::I64 = ValType::from_code(0x7E);
inline constexpr ValType ValType::F32 = ValType::from_code(0x7D);
inline constexpr ValType ValType::F64 = ValType::from_code(0x7C);
inline constexpr ValType ValType::V128 = ValType::from_code(0x7B);
inline constexpr ValType ValType::FuncRef = ValType::ref_null(AbsHeap::Func);
inline constexpr ValType ValType::ExternRef = ValType::ref_null(AbsHeap::Extern);
inline constexpr ValType ValType::ExnRef = ValType::ref_null(AbsHeap::Exn);
inline constexpr ValType ValType::AnyRef = ValType::ref_null(AbsHeap::Any);
inline constexpr ValType ValType::EqRef = ValType::ref_null(AbsHeap::Eq);
inline constexpr ValType ValType::I31Ref = ValType::ref_null(AbsHeap::I31);
inline constexpr ValType ValType::StructRef = ValType::ref_null(AbsHeap::Struct);
inline constexpr ValType ValType::ArrayRef = ValType::ref_null(AbsHeap::Array);
inline constexpr ValType ValType::NullRef = ValType::ref_null(AbsHeap::None);
inline constexpr ValType ValType::NullFuncRef = ValType::ref_null(AbsHeap::NoFunc);
inline constexpr ValType ValType::NullExternRef = ValType::ref_null(AbsHeap::NoExtern);
inline constexpr ValType ValType::NullExnRef = ValType::ref_null(AbsHeap::NoExn);

inline bool is_ref(ValType t) { return t.is_ref(); }
inline bool is_num(ValType t) { return t.code() >= 0x7C && t.code() <= 0x7F; }

// The nullable top type of a reference type's hierarchy: funcref for every
// function reference ((ref $t), (ref nofunc), ...), externref, exnref, or
// anyref (GC's); other types are their own. What an embedder or a printer
// can tell of a reference without the module that typed it.
inline ValType ref_hierarchy(ValType t) {
  if (!t.is_ref()) return t;
  HeapType h = t.heap();
  // A defined type's kind is in its module: the runtime shows the host
  // such references by their kind's abstract type (func, struct, array),
  // so a defined type seen here is taken for a function type.
  if (h.is_defined()) return ValType::FuncRef;
  switch (h.abstract()) {
    case AbsHeap::Func: case AbsHeap::NoFunc: return ValType::FuncRef;
    case AbsHeap::Extern: case AbsHeap::NoExtern: return ValType::ExternRef;
    case AbsHeap::Exn: case AbsHeap::NoExn: return ValType::ExnRef;
    default: return ValType::AnyRef;
  }
}

// The text format's name of an abstract heap type ("func", "noextern").
inline const char* abs_heap_name(AbsHeap a) {
  switch (a) {
    case AbsHeap::NoExn: return "noexn";
    case AbsHeap::NoFunc: return "nofunc";
    case AbsHeap::NoExtern: return "noextern";
    case AbsHeap::None: return "none";
    case AbsHeap::Func: return "func";
    case AbsHeap::Extern: return "extern";
    case AbsHeap::Any: return "any";
    case AbsHeap::Eq: return "eq";
    case AbsHeap::I31: return "i31";
    case AbsHeap::Struct: return "struct";
    case AbsHeap::Array: return "array";
    case AbsHeap::Exn: return "exn";
  }
  return "?";
}

inline std::string heap_type_name(HeapType h) {
  if (h.exact) return "(exact " + heap_type_name(h.with_exact(false)) + ")";
  switch (h.kind) {
    case HeapType::Kind::Abstract: return abs_heap_name(h.abstract());
    case HeapType::Kind::Index: return std::to_string(h.value);
    case HeapType::Kind::Canon: return "canon." + std::to_string(h.value);
    case HeapType::Kind::Rec: return "rec." + std::to_string(h.value);
    case HeapType::Kind::Bot: return "bot";
  }
  return "?";
}

// The text format's spelling: "i32", "funcref", "(ref null 3)", "(ref func)".
inline std::string val_type_name(ValType t) {
  switch (t.code()) {
    case 0x7F: return "i32";
    case 0x7E: return "i64";
    case 0x7D: return "f32";
    case 0x7C: return "f64";
    case 0x7B: return "v128";
    case ValType::kRefNullCode:
    case ValType::kRefCode: {
      HeapType h = t.heap();
      if (t.nullable() && h.is_abstract()) {
        switch (h.abstract()) {
          case AbsHeap::Func: return "funcref";
          case AbsHeap::Extern: return "externref";
          case AbsHeap::Exn: return "exnref";
          default: break;
        }
      }
      return std::string(t.nullable() ? "(ref null " : "(ref ") + heap_type_name(h) + ")";
    }
    default: break;
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
