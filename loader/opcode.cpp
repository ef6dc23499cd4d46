#include "opcode.h"

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

namespace wasmrun {

const OpInfo kOpInfo[kOpCount] = {
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) \
  {text, prefix, code, ImmKind::imm, sig, bytes},
#include "opcodes.def"
#undef WASM_OP
};

namespace {

constexpr uint16_t kNone = 0xFFFF;
constexpr uint32_t kMaxPrefixedCode = 0x200;

// Dense lookup tables built once from kOpInfo: one row per prefix.
struct EncodingTable {
  std::array<uint16_t, 256> single;
  std::vector<uint16_t> fc, fd;
  std::unordered_map<std::string_view, Op> by_name;

  EncodingTable() : fc(kMaxPrefixedCode, kNone), fd(kMaxPrefixedCode, kNone) {
    single.fill(kNone);
    for (size_t i = 0; i < kOpCount; ++i) {
      const OpInfo& info = kOpInfo[i];
      auto op = static_cast<uint16_t>(i);
      if (info.prefix == 0) single[info.code] = op;
      else if (info.prefix == 0xFC) fc[info.code] = op;
      else if (info.prefix == 0xFD) fd[info.code] = op;
      by_name.emplace(info.name, static_cast<Op>(i));  // first row wins
    }
  }
};

const EncodingTable& table() {
  static const EncodingTable t;
  return t;
}

}  // namespace

std::optional<Op> op_from_encoding(uint8_t prefix, uint32_t code) {
  const EncodingTable& t = table();
  uint16_t v = kNone;
  if (prefix == 0) v = code < 256 ? t.single[code] : kNone;
  else if (prefix == 0xFC) v = code < kMaxPrefixedCode ? t.fc[code] : kNone;
  else if (prefix == 0xFD) v = code < kMaxPrefixedCode ? t.fd[code] : kNone;
  if (v == kNone) return std::nullopt;
  return static_cast<Op>(v);
}

std::optional<Op> op_from_name(std::string_view name) {
  const EncodingTable& t = table();
  auto it = t.by_name.find(name);
  if (it == t.by_name.end()) return std::nullopt;
  return it->second;
}

bool is_op_prefix(uint8_t byte) { return byte == 0xFC || byte == 0xFD; }

}  // namespace wasmrun
