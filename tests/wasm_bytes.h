// Helpers for the loader tests: build module binaries byte by byte, so the
// decoder and validator tests do not depend on the text parser.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace wasmrun::testing {

using Bytes = std::vector<uint8_t>;

// Appends byte by byte: GCC 12 at -O3 mistakes the memcpy of a range insert
// into small vectors for an out-of-bounds access (-Warray-bounds).
inline void append(Bytes& out, const Bytes& more) {
  for (uint8_t b : more) out.push_back(b);
}

inline Bytes uleb(uint64_t v) {
  Bytes out;
  do {
    uint8_t b = v & 0x7F;
    v >>= 7;
    if (v) b |= 0x80;
    out.push_back(b);
  } while (v);
  return out;
}

inline Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) append(out, p);
  return out;
}

inline Bytes str(const std::string& s) {
  Bytes out = uleb(s.size());
  for (char c : s) out.push_back(static_cast<uint8_t>(c));
  return out;
}

// A section: id, size, payload.
inline Bytes section(uint8_t id, const Bytes& payload) { return cat({{id}, uleb(payload.size()), payload}); }

// A vector: count, then the items concatenated.
inline Bytes vec(std::initializer_list<Bytes> items) {
  Bytes out = uleb(items.size());
  for (const Bytes& i : items) append(out, i);
  return out;
}

inline Bytes header() { return {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}; }

inline Bytes module(std::initializer_list<Bytes> sections) {
  Bytes out = header();
  for (const Bytes& s : sections) append(out, s);
  return out;
}

// Value type bytes.
constexpr uint8_t I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C, V128 = 0x7B, FUNCREF = 0x70,
                  EXTERNREF = 0x6F;

inline Bytes functype(Bytes params, Bytes results) {
  return cat({{0x60}, uleb(params.size()), params, uleb(results.size()), results});
}

// A code-section entry: local runs ({count, type} pairs, already encoded)
// and the instructions including the final end.
inline Bytes code_entry(const Bytes& locals, const Bytes& instrs) {
  Bytes body = cat({locals, instrs});
  return cat({uleb(body.size()), body});
}

// A module with one function of type (params) -> (results) whose body is
// `instrs` (final end included), no locals, plus `extra` sections placed
// between the function and code sections (tables, memories, globals,
// exports, start, elements, data count) in the order given.
inline Bytes func_module(const Bytes& params, const Bytes& results, const Bytes& instrs,
                         std::initializer_list<Bytes> extra = {}, const Bytes& locals = {0x00}) {
  Bytes out = cat({header(), section(1, vec({functype(params, results)})), section(3, vec({{0x00}}))});
  for (const Bytes& s : extra) append(out, s);
  Bytes code = section(10, vec({code_entry(locals, instrs)}));
  append(out, code);
  return out;
}

}  // namespace wasmrun::testing
