// InstrReader: decodes one instruction at a time (opcode and immediates)
// from a function body or constant expression. Driven by the opcode table,
// it is shared by the validator, the compiler and the disassembler, so the
// binary encoding of instructions is read in exactly one place.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "byte_reader.h"
#include "opcode.h"
#include "wasmrun/features.h"
#include "wasmrun/types.h"

namespace wasmrun {

struct MemArg {
  uint32_t align_log2 = 0;
  uint32_t memory = 0;
  uint64_t offset = 0;
};

struct BlockType {
  enum class Kind : uint8_t { Empty, Value, Index } kind = Kind::Empty;
  ValType value = ValType::I32;  // Kind::Value
  uint32_t index = 0;            // Kind::Index: a type index
};

struct Instr {
  Op op = Op::Nop;
  size_t offset = 0;   // of the opcode, within the module's bytes
  // Index immediates. One-index kinds use `a`. Two-index kinds:
  //   CallIndirect a=type b=table    MemoryInit a=data b=memory
  //   TableInit    a=elem b=table    TableCopy  a=dst  b=src
  //   MemoryCopy   a=dst  b=src      Lane / MemArgLane: a=lane
  //   SelectT      a=number of types, `type` = the first one
  uint32_t a = 0, b = 0;
  uint64_t bits = 0;   // I32 (zero-extended), I64, F32, F64 constants as raw bits
  MemArg mem;
  BlockType block;
  ValType type = ValType::I32;   // HeapType (FuncRef/ExternRef), SelectT
  uint8_t v128[16] = {};         // V128 bytes (little-endian), Shuffle lanes
  std::vector<uint32_t> targets; // BrTable: the labels, then the default
};

class InstrReader {
 public:
  InstrReader(std::span<const uint8_t> code, size_t base_offset, const Features& features)
      : r_(code, base_offset), features_(features) {}

  bool at_end() const { return r_.at_end(); }
  size_t offset() const { return r_.offset(); }

  // Decodes the next instruction into `out` (reusing its storage).
  // Throws Malformed ("illegal opcode", "unexpected end", ...).
  void next(Instr& out);

 private:
  ValType read_val_type();
  ByteReader r_;
  const Features& features_;
};

// Decodes a value type byte; throws Malformed for unknown encodings.
ValType decode_val_type(uint8_t byte, const Features& features);

}  // namespace wasmrun
