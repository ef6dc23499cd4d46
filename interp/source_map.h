// Where each instruction of a compiled function came from: its code word
// -> the byte offset of the wasm instruction it was compiled from, for
// traps' backtraces. Read only when something traps, so it is kept small
// rather than fast: one entry per instruction record, as two LEB128
// numbers (the word distance from the previous record, and the zigzag-coded
// change of the offset; fusion can move an instruction before one that
// comes earlier in the wasm code). About 2-3 bytes per instruction, next
// to 16-24 for its code words.
#pragma once

#include <cstdint>
#include <vector>

namespace wasmrun::interp {

class SourceMap {
 public:
  // Each record's first word, in increasing order.
  void add(uint32_t word, uint32_t offset) {
    put(word - last_word_);
    const int64_t change = int64_t{offset} - int64_t{last_offset_};
    put(static_cast<uint64_t>(change < 0 ? (-change) * 2 - 1 : change * 2));
    last_word_ = word;
    last_offset_ = offset;
  }
  void shrink() { bytes_.shrink_to_fit(); }

  struct Entry {
    uint32_t word = 0;      // the record's first word
    uint32_t offset = 0;    // its wasm instruction's
    uint32_t before = 0;    // the offset of the record before it (its own if none)
  };
  // The record whose words include `word` (the first one if none does).
  Entry at(uint32_t word) const {
    Entry e;
    uint64_t w = 0, off = 0;
    bool first = true;
    for (size_t i = 0; i < bytes_.size();) {
      w += get(i);
      const uint64_t z = get(i);
      off = (z & 1) ? off - (z + 1) / 2 : off + z / 2;
      if (w > word && !first) break;
      e.before = first ? static_cast<uint32_t>(off) : e.offset;
      e.word = static_cast<uint32_t>(w);
      e.offset = static_cast<uint32_t>(off);
      first = false;
    }
    return e;
  }

 private:
  void put(uint64_t v) {
    do {
      uint8_t b = v & 0x7F;
      v >>= 7;
      bytes_.push_back(static_cast<uint8_t>(b | (v ? 0x80 : 0)));
    } while (v);
  }
  uint64_t get(size_t& i) const {
    uint64_t v = 0;
    for (unsigned shift = 0; i < bytes_.size() && shift < 64; shift += 7) {
      uint8_t b = bytes_[i++];
      v |= uint64_t{b & 0x7Fu} << shift;
      if (!(b & 0x80)) break;
    }
    return v;
  }

  std::vector<uint8_t> bytes_;
  uint32_t last_word_ = 0, last_offset_ = 0;
};

}  // namespace wasmrun::interp
