// Byte-level helpers for emitting the binary format: LEB128 integers,
// little-endian floats, names and length-prefixed sections.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "wasmrun/types.h"

namespace wasmrun::text {

using Bytes = std::vector<uint8_t>;

inline void put_u32(Bytes& b, uint64_t v) {
  do {
    uint8_t byte = v & 0x7F;
    v >>= 7;
    if (v) byte |= 0x80;
    b.push_back(byte);
  } while (v);
}

inline void put_s64(Bytes& b, int64_t v) {
  for (;;) {
    uint8_t byte = v & 0x7F;
    v >>= 7;  // arithmetic shift: g++ guarantees it (C++20 defines it)
    bool done = (v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40));
    if (!done) byte |= 0x80;
    b.push_back(byte);
    if (done) return;
  }
}

inline void put_fixed(Bytes& b, uint64_t bits, int n) {
  for (int i = 0; i < n; ++i) b.push_back(static_cast<uint8_t>(bits >> (8 * i)));
}

inline void put_name(Bytes& b, std::string_view s) {
  put_u32(b, s.size());
  b.insert(b.end(), s.begin(), s.end());
}

inline void put_bytes(Bytes& b, const Bytes& more) { b.insert(b.end(), more.begin(), more.end()); }

// A heap type as an s33: an abstract type's one-byte code (negative), or a
// type index; an exact type index as 0x62 and the index as a u32.
inline void put_heap_type(Bytes& b, HeapType h) {
  if (h.is_abstract()) {
    b.push_back(static_cast<uint8_t>(h.value));
  } else if (h.exact) {
    b.push_back(0x62);
    put_u32(b, h.value);
  } else {
    put_s64(b, h.value);
  }
}

// A value type: one byte for a number or vector type and for the 2.0
// shorthands of nullable abstract references (funcref is 0x70), otherwise
// 0x63/0x64 and the heap type as an s33 (an abstract type's one-byte code,
// or a type index).
inline void put_val_type(Bytes& b, ValType t) {
  if (!t.is_ref()) {
    b.push_back(t.code());
    return;
  }
  HeapType h = t.heap();
  if (t.nullable() && h.is_abstract()) {
    b.push_back(static_cast<uint8_t>(h.value));
    return;
  }
  b.push_back(t.code());
  put_heap_type(b, h);
}

// A section: id, byte length, then the contents `count` items prefixed.
inline void put_section(Bytes& out, uint8_t id, uint32_t count, const Bytes& body) {
  Bytes content;
  put_u32(content, count);
  put_bytes(content, body);
  out.push_back(id);
  put_u32(out, content.size());
  put_bytes(out, content);
}

}  // namespace wasmrun::text
