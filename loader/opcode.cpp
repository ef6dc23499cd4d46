#include "opcode.h"

#include <array>
#include <string>
#include <unordered_map>

namespace wasmrun {

const ImmKind kOpImm[kOpCount] = {
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) ImmKind::imm,
#include "opcodes.def"
#undef WASM_OP
};

namespace {

struct Encoding {
  uint8_t prefix;
  uint32_t code;
};

constexpr Encoding kEncodings[kOpCount] = {
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) {prefix, code},
#include "opcodes.def"
#undef WASM_OP
};

// One row of the dense lookup: the Op of each code after `prefix` (a later
// row of opcodes.def wins, as before). A code that does not fit fails the
// build (throw is not a constant expression).
template <size_t N>
constexpr std::array<uint16_t, N> encoding_row(uint8_t prefix) {
  std::array<uint16_t, N> t{};
  for (auto& v : t) v = kOpEncodingNone;
  for (size_t i = 0; i < kOpCount; ++i) {
    if (kEncodings[i].prefix != prefix) continue;
    if (kEncodings[i].code >= N) throw "opcode code out of table range";
    t[kEncodings[i].code] = static_cast<uint16_t>(i);
  }
  return t;
}

constexpr auto kSingleRow = encoding_row<256>(0x00);
constexpr auto kFBRow = encoding_row<kOpMaxPrefixedCode>(0xFB);
constexpr auto kFCRow = encoding_row<kOpMaxPrefixedCode>(0xFC);
constexpr auto kFDRow = encoding_row<kOpMaxPrefixedCode>(0xFD);
constexpr auto kFERow = encoding_row<kOpMaxPrefixedCode>(0xFE);

}  // namespace

static_assert(kOpCount < kOpEncodingNone);

// Spelled out element by element so that the arrays are constant-initialized
// plain uint16_t arrays (no start-up code, no indirection).
#define WASMRUN_ROW4(row, i) row[i], row[i + 1], row[i + 2], row[i + 3]
#define WASMRUN_ROW16(row, i) \
  WASMRUN_ROW4(row, i), WASMRUN_ROW4(row, i + 4), WASMRUN_ROW4(row, i + 8), WASMRUN_ROW4(row, i + 12)
#define WASMRUN_ROW64(row, i) \
  WASMRUN_ROW16(row, i), WASMRUN_ROW16(row, i + 16), WASMRUN_ROW16(row, i + 32), WASMRUN_ROW16(row, i + 48)
#define WASMRUN_ROW256(row, i) \
  WASMRUN_ROW64(row, i), WASMRUN_ROW64(row, i + 64), WASMRUN_ROW64(row, i + 128), WASMRUN_ROW64(row, i + 192)

static_assert(kOpMaxPrefixedCode == 512);
constinit const uint16_t kOpBySingleByte[256] = {WASMRUN_ROW256(kSingleRow, 0)};
constinit const uint16_t kOpByFB[kOpMaxPrefixedCode] = {WASMRUN_ROW256(kFBRow, 0), WASMRUN_ROW256(kFBRow, 256)};
constinit const uint16_t kOpByFC[kOpMaxPrefixedCode] = {WASMRUN_ROW256(kFCRow, 0), WASMRUN_ROW256(kFCRow, 256)};
constinit const uint16_t kOpByFD[kOpMaxPrefixedCode] = {WASMRUN_ROW256(kFDRow, 0), WASMRUN_ROW256(kFDRow, 256)};
constinit const uint16_t kOpByFE[kOpMaxPrefixedCode] = {WASMRUN_ROW256(kFERow, 0), WASMRUN_ROW256(kFERow, 256)};

#undef WASMRUN_ROW256
#undef WASMRUN_ROW64
#undef WASMRUN_ROW16
#undef WASMRUN_ROW4

namespace {

// The text-format lookup, built on first use (the text parser only).
const std::unordered_map<std::string_view, Op>& names() {
  static const auto t = [] {
    std::unordered_map<std::string_view, Op> m;
    for (size_t i = 0; i < kOpCount; ++i) m.emplace(kOpInfo[i].name, static_cast<Op>(i));  // first row wins
    return m;
  }();
  return t;
}

}  // namespace

std::optional<Op> op_from_name(std::string_view name) {
  const auto& t = names();
  auto it = t.find(name);
  if (it == t.end()) return std::nullopt;
  return it->second;
}

namespace {

ValType sig_letter_type(char c) {
  switch (c) {
    case 'I': return ValType::I64;
    case 'f': return ValType::F32;
    case 'F': return ValType::F64;
    case 'v': return ValType::V128;
    default: return ValType::I32;  // 'i', and 'a' (i32 unless the memory or table is 64-bit)
  }
}

}  // namespace

const OpSignature& op_signature(Op op) {
  static const std::array<OpSignature, kOpCount> table = [] {
    std::array<OpSignature, kOpCount> t{};
    for (size_t i = 0; i < kOpCount; ++i) {
      std::string_view sig = kOpInfo[i].sig;
      size_t colon = sig.find(':');
      if (colon == std::string_view::npos) continue;  // "*": typed by hand
      std::string_view params = sig.substr(0, colon), results = sig.substr(colon + 1);
      OpSignature& e = t[i];
      if (params.size() > std::size(e.param_types) || results.size() > std::size(e.result_types)) continue;
      e.fixed = true;
      e.num_params = static_cast<uint8_t>(params.size());
      e.num_results = static_cast<uint8_t>(results.size());
      for (size_t k = 0; k < params.size(); ++k) e.param_types[k] = sig_letter_type(params[k]);
      for (size_t k = 0; k < results.size(); ++k) e.result_types[k] = sig_letter_type(results[k]);
      for (size_t k = 0; k < params.size(); ++k)
        if (params[k] == 'a') e.address_operands |= static_cast<uint8_t>(1u << k);
      if (results == "a") e.address_operands |= 0x80;
    }
    return t;
  }();
  return table[static_cast<size_t>(op)];
}

}  // namespace wasmrun
