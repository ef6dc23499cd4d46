// The compiler's intermediate form: a function body as a list of
// instruction records, between lowering (lower.cpp) and encoding
// (encode.cpp).
//
// A record is one internal instruction: its op, its first operand `a` (the
// high half of the first code word: usually the destination slot) and its
// operand words, which have the layout code.h gives for the op. Records
// are addressed by their index. Branches do not hold offsets: each names
// the half word of its record that will hold one and the label it goes to,
// a label being the index of the record it lands on (the record count for
// the end of the code). So records can be replaced, removed, reordered and
// re-formed (the specialize pass's pairs) without any offset to fix up;
// only the encoder turns records into code words and branches into
// offsets.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "interp/code.h"

namespace wasmrun::interp {

struct Record {
  IOp op = IOp::Count;
  uint32_t a = 0;        // the high half of the first word
  uint32_t begin = 0;    // its operand words: Records::words[begin, end)
  uint32_t end = 0;
  uint32_t source = 0;   // the byte offset of the wasm instruction it came from
  size_t words() const { return 1 + end - begin; }  // with the first word
  // The first code word: the op's handler half, then `a`.
  uint64_t first_word() const { return handler_word(op) | (uint64_t{a} << 32); }
};

// A branch's offset field: the `word`th word of record `record` (0 is the
// first word, whose high half is then the field), its `high` or low half,
// filled with the offset from the record's first word to label `target`.
struct BranchField {
  uint32_t record = 0;
  uint32_t word = 0;
  bool high = false;
  uint32_t target = 0;
};

class Records {
 public:
  size_t size() const { return list_.size(); }
  bool empty() const { return list_.empty(); }
  Record& operator[](size_t i) { return list_[i]; }
  const Record& operator[](size_t i) const { return list_[i]; }
  const Record& back() const { return list_.back(); }

  // The wasm instruction that records added from now on come from.
  void set_source(uint32_t offset) { source_ = offset; }

  // Starts a record; its operand words follow with add_word.
  size_t add(IOp op, uint32_t a) {
    auto at = static_cast<uint32_t>(words_.size());
    list_.push_back({op, a, at, at, carried_ < source_ ? carried_ : source_});
    carried_ = UINT32_MAX;
    return list_.size() - 1;
  }
  void add_word(uint64_t w) {
    words_.push_back(w);
    list_.back().end = static_cast<uint32_t>(words_.size());
  }

  // Operand word k (k >= 1: word 0 is the first word) of record i.
  uint64_t word(size_t i, size_t k) const { return words_[list_[i].begin + k - 1]; }
  // Code word k counted from record i's first word, running on into the
  // records after it as the encoded words will; `past_end` past the last.
  uint64_t code_word(size_t i, size_t k, uint64_t past_end) const {
    for (; i < list_.size(); ++i) {
      const Record& r = list_[i];
      if (k < r.words()) return k == 0 ? r.first_word() : word(i, k);
      k -= r.words();
    }
    return past_end;
  }

  // Gives record i a new op, first operand and operand words, in place
  // (its old words are left unused). For the passes after the lowering:
  // the words no longer follow record order, which only truncate needs.
  void reform(size_t i, IOp op, uint32_t a, std::span<const uint64_t> words) {
    Record& r = list_[i];
    r.op = op;
    r.a = a;
    r.begin = static_cast<uint32_t>(words_.size());
    words_.insert(words_.end(), words.begin(), words.end());
    r.end = static_cast<uint32_t>(words_.size());
  }

  // Removes the records from `i` on. The next record added is a fusion
  // that includes them: it comes from the first of them.
  void truncate(size_t i) {
    if (i >= list_.size()) return;
    if (list_[i].source < carried_) carried_ = list_[i].source;
    words_.resize(list_[i].begin);
    list_.resize(i);
  }
  // Removes record i; the ones after it move down by one. No branch field
  // or label may lie after it (fusion never looks back across a label).
  void erase(size_t i) { list_.erase(list_.begin() + static_cast<ptrdiff_t>(i)); }
  // Moves records [mid, end) before [first, mid). The moved-back
  // records' words are copied to the end, so that words stay in record
  // order and truncate stays right.
  void rotate(size_t first, size_t mid) {
    for (size_t i = first; i < mid; ++i) {
      Record& r = list_[i];
      auto at = static_cast<uint32_t>(words_.size());
      for (uint32_t k = r.begin; k < r.end; ++k) {
        uint64_t w = words_[k];
        words_.push_back(w);
      }
      r.end = at + (r.end - r.begin);
      r.begin = at;
    }
    std::rotate(list_.begin() + static_cast<ptrdiff_t>(first), list_.begin() + static_cast<ptrdiff_t>(mid),
                list_.end());
  }

  std::vector<BranchField>& branches() { return branches_; }
  const std::vector<BranchField>& branches() const { return branches_; }

 private:
  std::vector<Record> list_;
  std::vector<uint64_t> words_;  // every record's operand words, in record order (with gaps)
  std::vector<BranchField> branches_;
  uint32_t source_ = 0;
  uint32_t carried_ = UINT32_MAX;  // from truncated records, for the next one added
};

// A function's records and what the encoder needs besides them.
struct LoweredFunction {
  Records records;
  // Exception handlers (handler_table.h) with record indices for positions.
  std::vector<Handler> handlers;
  uint32_t param_slots = 0, local_slots = 0, max_slots = 0, result_slots = 0;
};

}  // namespace wasmrun::interp
