// InstrReader: decodes one instruction at a time (opcode and immediates)
// from a function body or constant expression. Driven by the opcode table,
// it is shared by the validator, the compiler and the disassembler, so the
// binary encoding of instructions is read in exactly one place.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "byte_reader.h"
#include "op_features.h"
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

// One handler of a try_table: which exceptions it catches and the label
// it branches to with their payload (and, for the _ref kinds, the exnref).
struct CatchClause {
  enum class Kind : uint8_t { Catch = 0, CatchRef = 1, CatchAll = 2, CatchAllRef = 3 } kind = Kind::Catch;
  uint32_t tag = 0;    // Catch and CatchRef only
  uint32_t label = 0;
};

struct Instr {
  Op op = Op::Nop;
  size_t offset = 0;   // of the opcode, within the module's bytes
  // Index immediates. One-index kinds use `a`. Two-index kinds:
  //   CallIndirect a=type b=table    MemoryInit a=data b=memory
  //   TableInit    a=elem b=table    TableCopy  a=dst  b=src
  //   MemoryCopy   a=dst  b=src      Lane / MemArgLane: a=lane
  //   SelectT      a=number of types, `type` = the first one
  //   TypeField    a=type b=field     TypeLen    a=type b=count
  //   TypeData     a=type b=data      TypeElem   a=type b=elem
  //   TypeType     a=dst  b=src       BrOnCast   a=label, type -> type2
  uint32_t a = 0, b = 0;
  uint64_t bits = 0;   // I32 (zero-extended), I64, F32, F64 constants as raw bits
  MemArg mem;
  BlockType block;
  ValType type = ValType::I32;   // HeapType (as `(ref null ht)`), SelectT; BrOnCast: the operand's type
  ValType type2;                 // BrOnCast: the target type
  uint8_t v128[16] = {};         // V128 bytes (little-endian), Shuffle lanes
  std::vector<uint32_t> targets; // BrTable: the labels, then the default
  std::vector<CatchClause> catches;  // TryTable (with `block`)
};

class InstrReader {
 public:
  InstrReader(std::span<const uint8_t> code, size_t base_offset, const Features& features)
      : r_(code, base_offset), features_(features) {}

  // Type indices in immediates at or above `n` are "unknown type" (the
  // validator's readers set it; later passes read validated code).
  void set_type_count(uint32_t n) { type_count_ = n; }

  bool at_end() const { return r_.at_end(); }
  size_t offset() const { return r_.offset(); }

  // Decodes the next instruction into `out` (reusing its storage).
  // Throws Malformed ("illegal opcode", "unexpected end", ...).
  void next(Instr& out);

 private:
  void next_general(Instr& out);
  void read_block_type(Instr& out);
  void read_try_table(Instr& out);
  ValType read_val_type();
  // A reserved zero byte (a memory or table index before multi-memory).
  void zero_byte() {
    const size_t at = r_.offset();
    if (r_.u8() != 0) throw_malformed_at(at, "zero byte expected");
  }
  ByteReader r_;
  const Features& features_;
  uint32_t type_count_ = UINT32_MAX;
};

// Decodes a value type byte (found at `offset` in the module); throws
// Malformed for unknown encodings.
ValType decode_val_type(uint8_t byte, const Features& features, size_t offset);

// The common cases inline: a single-byte opcode with no immediate, with
// one index or integer constant that is a single LEB128 byte, with an
// empty or number-typed block type, or with a memarg of two single bytes. These cannot fail once their bytes are known
// to be there; everything else (and every error) goes through next_general.
inline void InstrReader::next(Instr& out) {
  if (r_.remaining() >= 2) [[likely]] {
    const uint8_t* p = r_.data();
    const uint16_t v = kOpBySingleByte[p[0]];  // the prefixes are not in this table
    // Opcodes of a feature that can be off (op_features.h) take the
    // general path, which checks the feature.
    if (v != kOpEncodingNone && !kOpGated[v]) [[likely]] {
      switch (kOpImm[v]) {
        case ImmKind::None:
          out.offset = r_.offset();
          out.op = static_cast<Op>(v);
          r_.skip(1);
          return;
        case ImmKind::Label:
        case ImmKind::Func:
        case ImmKind::Local:
        case ImmKind::Global:
        case ImmKind::Table:
        case ImmKind::Data:
        case ImmKind::Elem:
          if (p[1] < 0x80) {
            out.offset = r_.offset();
            out.op = static_cast<Op>(v);
            out.a = p[1];
            r_.skip(2);
            return;
          }
          break;
        case ImmKind::I32:
        case ImmKind::I64:
          if (p[1] < 0x80) {
            // A one-byte signed LEB128: bit 6 is the sign.
            const int64_t x = (p[1] & 0x40) ? static_cast<int64_t>(p[1]) - 0x80 : static_cast<int64_t>(p[1]);
            out.offset = r_.offset();
            out.op = static_cast<Op>(v);
            out.bits = kOpImm[v] == ImmKind::I32 ? static_cast<uint64_t>(static_cast<uint32_t>(x))
                                                 : static_cast<uint64_t>(x);
            r_.skip(2);
            return;
          }
          break;
        case ImmKind::BlockType:
          // Empty, or one of the four number types (the other value types
          // depend on features: next_general).
          if (p[1] == 0x40) {
            out.offset = r_.offset();
            out.op = static_cast<Op>(v);
            out.block.kind = BlockType::Kind::Empty;
            r_.skip(2);
            return;
          }
          if (p[1] >= 0x7C && p[1] <= 0x7F) {
            out.offset = r_.offset();
            out.op = static_cast<Op>(v);
            out.block.kind = BlockType::Kind::Value;
            out.block.value = ValType::from_code(p[1]);
            r_.skip(2);
            return;
          }
          break;
        case ImmKind::MemArg:
          // Alignment below 32 (no memory index, valid with or without
          // multi-memory) and an offset, each one byte.
          if (p[1] < 32 && r_.remaining() >= 3 && p[2] < 0x80) {
            out.offset = r_.offset();
            out.op = static_cast<Op>(v);
            out.mem.align_log2 = p[1];
            out.mem.memory = 0;
            out.mem.offset = p[2];
            r_.skip(3);
            return;
          }
          break;
        default: break;
      }
    }
  }
  next_general(out);
}

}  // namespace wasmrun
