// Opcodes and their static properties, generated from opcodes.def.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "wasmrun/types.h"

namespace wasmrun {

enum class Op : uint16_t {
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) name,
#include "opcodes.def"
#undef WASM_OP
};

constexpr size_t kOpCount = 0
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) +1
#include "opcodes.def"
#undef WASM_OP
    ;

// What follows an opcode in the binary format.
enum class ImmKind : uint8_t {
  None,
  BlockType,     // blocktype
  Label,         // labelidx
  BrTable,       // vec(labelidx) labelidx
  Func,          // funcidx
  CallIndirect,  // typeidx tableidx
  SelectT,       // vec(valtype)
  Local,         // localidx
  Global,        // globalidx
  Table,         // tableidx
  Memory,        // memidx (a zero byte before multi-memory)
  I32,           // i32 (signed LEB128)
  I64,           // i64 (signed LEB128)
  F32,           // 4 bytes, little-endian
  F64,           // 8 bytes, little-endian
  HeapType,      // heaptype (reftype byte in 2.0)
  MemoryInit,    // dataidx memidx
  Data,          // dataidx
  MemoryCopy,    // memidx memidx (destination, source)
  TableInit,     // elemidx tableidx
  Elem,          // elemidx
  TableCopy,     // tableidx tableidx (destination, source)
  V128,          // 16 bytes
  Shuffle,       // 16 lane indices
  Lane,          // one lane index byte
  MemArg,        // memarg (align, [memidx,] offset)
  MemArgLane,    // memarg, then a lane index byte
  Tag,           // tagidx (exception handling)
  TryTable,      // blocktype vec(catch): try_table's handlers
  Zero,          // one reserved zero byte (atomic.fence)
  Type,          // typeidx
  TypeField,     // typeidx fieldidx (struct.get/set)
  TypeLen,       // typeidx u32 (array.new_fixed: the element count)
  TypeData,      // typeidx dataidx
  TypeElem,      // typeidx elemidx
  TypeType,      // typeidx typeidx (array.copy: destination, source)
  BrOnCast,      // castflags labelidx heaptype heaptype
};

struct OpInfo {
  std::string_view name;  // text-format mnemonic
  uint8_t prefix;         // 0 for single-byte opcodes
  uint32_t code;
  ImmKind imm;
  std::string_view sig;   // "PARAMS:RESULTS" or "*" (see opcodes.def)
  uint8_t access_bytes;   // memory access width, 0 if none
};

// A constant expression, so that tables derived from a row (interp's
// scalar semantics) can check it at compile time.
inline constexpr OpInfo kOpInfo[kOpCount] = {
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) {text, prefix, code, ImmKind::imm, sig, bytes},
#include "opcodes.def"
#undef WASM_OP
};

constexpr const OpInfo& op_info(Op op) { return kOpInfo[static_cast<size_t>(op)]; }
constexpr std::string_view op_name(Op op) { return op_info(op).name; }

// Dense encoding -> Op tables, built at compile time from opcodes.def
// (opcode.cpp); kOpEncodingNone marks encodings that are no opcode.
constexpr uint16_t kOpEncodingNone = 0xFFFF;
constexpr uint32_t kOpMaxPrefixedCode = 0x200;  // codes after 0xFB/0xFC/0xFD/0xFE are below this
extern const uint16_t kOpBySingleByte[256];
extern const uint16_t kOpByFB[kOpMaxPrefixedCode];
extern const uint16_t kOpByFC[kOpMaxPrefixedCode];
extern const uint16_t kOpByFD[kOpMaxPrefixedCode];
extern const uint16_t kOpByFE[kOpMaxPrefixedCode];
// The immediates of each opcode (= op_info(op).imm), compact for decoding.
extern const ImmKind kOpImm[kOpCount];

// An instruction's fixed stack type, parsed once from its sig string and
// shared by the validator and the compiler. `fixed` is false for "*" rows.
// The address letter 'a' reads as i32; address_operands says where it is,
// for the validator to make it i64 for a 64-bit memory or table.
struct OpSignature {
  bool fixed = false;
  uint8_t num_params = 0;
  uint8_t num_results = 0;
  ValType param_types[4] = {};   // i64.add128 has four
  ValType result_types[2] = {};  // and two results, as the wide multiplies
  // Which operands are written 'a': bit k for param k, bit 7 for the result.
  uint8_t address_operands = 0;
  std::span<const ValType> params() const { return {param_types, num_params}; }
  std::span<const ValType> results() const { return {result_types, num_results}; }
};
const OpSignature& op_signature(Op op);

// Binary lookup: prefix 0 for single-byte opcodes.
inline std::optional<Op> op_from_encoding(uint8_t prefix, uint32_t code) {
  uint16_t v = kOpEncodingNone;
  if (prefix == 0) v = code < 256 ? kOpBySingleByte[code] : kOpEncodingNone;
  else if (prefix == 0xFB) v = code < kOpMaxPrefixedCode ? kOpByFB[code] : kOpEncodingNone;
  else if (prefix == 0xFC) v = code < kOpMaxPrefixedCode ? kOpByFC[code] : kOpEncodingNone;
  else if (prefix == 0xFD) v = code < kOpMaxPrefixedCode ? kOpByFD[code] : kOpEncodingNone;
  else if (prefix == 0xFE) v = code < kOpMaxPrefixedCode ? kOpByFE[code] : kOpEncodingNone;
  if (v == kOpEncodingNone) return std::nullopt;
  return static_cast<Op>(v);
}
// Text lookup by mnemonic ("select" gives Op::Select).
std::optional<Op> op_from_name(std::string_view name);
// True for the prefix bytes this build knows (0xFB, 0xFC, 0xFD, 0xFE).
inline bool is_op_prefix(uint8_t byte) { return byte >= 0xFB && byte <= 0xFE; }

}  // namespace wasmrun
