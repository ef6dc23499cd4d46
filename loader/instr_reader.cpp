#include "instr_reader.h"

#include <cstdio>

#include "op_features.h"
#include "val_type_reader.h"

namespace wasmrun {

ValType decode_val_type(uint8_t byte, const Features& features, size_t offset) {
  switch (byte) {
    case 0x7F: return ValType::I32;
    case 0x7E: return ValType::I64;
    case 0x7D: return ValType::F32;
    case 0x7C: return ValType::F64;
    case 0x7B:
      if (!features.simd) throw_disabled_feature(offset, "malformed value type", "simd");
      return ValType::V128;
    case 0x70: return ValType::FuncRef;
    case 0x6F: return ValType::ExternRef;
    case 0x69:
      if (!features.exceptions) throw_disabled_feature(offset, "malformed value type", "exceptions");
      return ValType::ExnRef;
    default: break;
  }
  throw_malformed_at(offset, "malformed value type");
}

namespace {

// An illegal opcode's encoding, for the error's detail: "0x06", or a
// prefix and its code, "0xfc 99". The 3.0 test suite expects a single
// byte in the message too: "illegal opcode ff".
[[noreturn]] void illegal_opcode(size_t offset, uint8_t byte, const uint32_t* code, bool messages_3_0) {
  char text[32];
  if (code) std::snprintf(text, sizeof text, "0x%02x %u", byte, *code);
  else std::snprintf(text, sizeof text, "0x%02x", byte);
  if (!code && messages_3_0) {
    char message[32];
    std::snprintf(message, sizeof message, "illegal opcode %02x", byte);
    throw_malformed_at(offset, message, text);
  }
  throw_malformed_at(offset, "illegal opcode", text);
}

}  // namespace

ValType InstrReader::read_val_type() { return wasmrun::read_val_type(r_, features_, type_count_); }

void InstrReader::read_block_type(Instr& out) {
  const size_t at = r_.offset();
  uint8_t b = r_.peek();
  if (b == 0x40) {
    r_.u8();
    out.block.kind = BlockType::Kind::Empty;
  } else if (b == ValType::kRefNullCode || b == ValType::kRefCode) {
    out.block.kind = BlockType::Kind::Value;
    out.block.value = read_val_type();
  } else if (b >= 0x40 && b < 0x80) {
    // a single byte in the negative range is a value type
    r_.u8();
    out.block.kind = BlockType::Kind::Value;
    AbsHeap a;
    out.block.value = abstract_heap_of(b, features_, a) ? ValType::ref_null(a) : decode_val_type(b, features_, at);
  } else {
    int64_t idx = r_.s33();
    if (idx < 0) throw_malformed_at(at, "malformed value type");
    out.block.kind = BlockType::Kind::Index;
    out.block.index = static_cast<uint32_t>(idx);
  }
}

// try_table: blocktype vec(catch), each catch a kind byte, a tag index
// (catch and catch_ref only) and a label.
void InstrReader::read_try_table(Instr& out) {
  read_block_type(out);
  uint32_t n = r_.u32();
  // Each clause takes at least two bytes: bound the count by the input.
  if (n > r_.remaining()) throw_malformed_at(r_.offset() + r_.remaining(), "unexpected end");
  out.catches.clear();
  out.catches.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    const size_t at = r_.offset();
    uint8_t kind = r_.u8();
    if (kind > 3) throw_malformed_at(at, "malformed catch clause", "kind " + std::to_string(kind));
    CatchClause c;
    c.kind = static_cast<CatchClause::Kind>(kind);
    if (kind < 2) c.tag = r_.u32();
    c.label = r_.u32();
    out.catches.push_back(c);
  }
}

void InstrReader::next_general(Instr& out) {
  out.offset = r_.offset();
  uint8_t byte = r_.u8();
  uint16_t v;
  if (!is_op_prefix(byte)) [[likely]] {
    v = kOpBySingleByte[byte];  // single-byte opcode: one table load
  } else {
    if (byte == 0xFD && !features_.simd) throw_disabled_feature(out.offset, "illegal opcode", "simd");
    if (byte == 0xFE && !features_.threads) throw_disabled_feature(out.offset, "illegal opcode", "threads");
    uint32_t code = r_.u32();
    v = code >= kOpMaxPrefixedCode ? kOpEncodingNone
        : byte == 0xFB             ? kOpByFB[code]
        : byte == 0xFC             ? kOpByFC[code]
        : byte == 0xFD             ? kOpByFD[code]
                                   : kOpByFE[code];
    if (v == kOpEncodingNone) illegal_opcode(out.offset, byte, &code, features_.messages_3_0);
  }
  if (v == kOpEncodingNone) illegal_opcode(out.offset, byte, nullptr, features_.messages_3_0);
  out.op = static_cast<Op>(v);
  if (kOpGated[v]) [[unlikely]] {
    if (const char* feature = disabled_feature_of(out.op, features_))
      throw_disabled_feature(out.offset, "illegal opcode", feature);
  }
  const ImmKind imm = kOpImm[v];
  // The immediates' errors name the instruction.
  try {
    switch (imm) {
      case ImmKind::None: break;
      case ImmKind::BlockType: {
        read_block_type(out);
        break;
      }
      case ImmKind::Label:
      case ImmKind::Func:
      case ImmKind::Local:
      case ImmKind::Global:
      case ImmKind::Table:
      case ImmKind::Data:
      case ImmKind::Elem:
      case ImmKind::Type:
        out.a = r_.u32();
        break;
      case ImmKind::Memory:
        if (features_.multi_memory) {
          out.a = r_.u32();
        } else {
          zero_byte();
          out.a = 0;
        }
        break;
      case ImmKind::BrTable: {
        uint32_t n = r_.u32();
        // Each label takes at least one byte: bound the count by the input.
        if (n > r_.remaining()) throw_malformed_at(r_.offset() + r_.remaining(), "unexpected end");
        out.targets.clear();
        out.targets.reserve(n + 1);
        for (uint32_t i = 0; i <= n; ++i) out.targets.push_back(r_.u32());
        break;
      }
      case ImmKind::CallIndirect:
        out.a = r_.u32();
        if (features_.reference_types) {
          out.b = r_.u32();
        } else {
          zero_byte();
          out.b = 0;
        }
        break;
      case ImmKind::SelectT: {
        uint32_t n = r_.u32();
        if (n > r_.remaining()) throw_malformed_at(r_.offset() + r_.remaining(), "unexpected end");
        out.a = n;
        for (uint32_t i = 0; i < n; ++i) {
          ValType t = read_val_type();
          if (i == 0) out.type = t;
        }
        break;
      }
      case ImmKind::I32: out.bits = static_cast<uint32_t>(r_.s32()); break;
      case ImmKind::I64: out.bits = static_cast<uint64_t>(r_.s64()); break;
      case ImmKind::F32: out.bits = r_.f32_bits(); break;
      case ImmKind::F64: out.bits = r_.f64_bits(); break;
      case ImmKind::HeapType: {
        out.type = ValType::ref(read_heap_type(r_, features_, type_count_), true);
        break;
      }
      case ImmKind::MemoryInit:
        out.a = r_.u32();
        if (features_.multi_memory) out.b = r_.u32();
        else zero_byte();
        break;
      case ImmKind::MemoryCopy:
        if (features_.multi_memory) {
          out.a = r_.u32();
          out.b = r_.u32();
        } else {
          zero_byte();
          zero_byte();
          out.a = out.b = 0;
        }
        break;
      case ImmKind::TableInit:
      case ImmKind::TableCopy:
      case ImmKind::TypeField:
      case ImmKind::TypeLen:
      case ImmKind::TypeData:
      case ImmKind::TypeElem:
      case ImmKind::TypeType:
        out.a = r_.u32();
        out.b = r_.u32();
        break;
      case ImmKind::BrOnCast: {
        const size_t at = r_.offset();
        const uint8_t flags = r_.u8();
        if (flags > 3) throw_malformed_at(at, "malformed cast flags");
        out.a = r_.u32();
        out.type = ValType::ref(read_heap_type(r_, features_, type_count_), (flags & 1) != 0);
        out.type2 = ValType::ref(read_heap_type(r_, features_, type_count_), (flags & 2) != 0);
        break;
      }
      case ImmKind::V128:
      case ImmKind::Shuffle: {
        auto s = r_.bytes(16);
        for (int i = 0; i < 16; ++i) out.v128[i] = s[i];
        break;
      }
      case ImmKind::Lane: out.a = r_.u8(); break;
      case ImmKind::Zero: {
        const size_t at = r_.offset();
        if (r_.u8() != 0) throw_malformed_at(at, "malformed atomic.fence immediate", "expected a zero byte");
        break;
      }
      case ImmKind::Tag: out.a = r_.u32(); break;
      case ImmKind::TryTable: read_try_table(out); break;
      case ImmKind::MemArg:
      case ImmKind::MemArgLane: {
        const size_t at = r_.offset();
        uint32_t flags = r_.u32();
        // Bit 6 of the alignment field announces an explicit memory index
        // (multi-memory). Without the feature an exponent of 32 or more is
        // malformed, not merely invalid (so says the 2.0 test suite); smaller
        // ones too large for the access are left to the validator.
        if (features_.multi_memory ? flags >= 0x80 : flags >= 32) throw_malformed_at(at, "malformed memop flags");
        if (features_.multi_memory && (flags & 0x40)) {
          out.mem.align_log2 = flags & ~0x40u;
          out.mem.memory = r_.u32();
        } else {
          out.mem.align_log2 = flags;
          out.mem.memory = 0;
        }
        out.mem.offset = features_.memory64 ? r_.u64() : r_.u32();
        if (imm == ImmKind::MemArgLane) out.a = r_.u8();
        break;
      }
    }
  } catch (Error& e) {
    if (e.location().instruction.empty()) e.location().instruction = op_name(out.op);
    throw;
  }
}

}  // namespace wasmrun
