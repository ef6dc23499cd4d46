#include "interp/compiler/local_writes.h"

#include <algorithm>
#include <utility>

#include "loader/instr_reader.h"

namespace wasmrun::interp {

LocalWrites::LocalWrites(std::span<const uint8_t> body, size_t body_offset, const Features& features,
                         const std::vector<uint32_t>& local_slot, uint32_t slots) {
  std::vector<std::pair<uint32_t, size_t>> sets;  // (slot, offset), in body order
  std::vector<size_t> open;                       // the ordinals of the open blocks
  InstrReader reader(body, body_offset, features);
  Instr in;
  while (!reader.at_end()) {
    reader.next(in);
    switch (in.op) {
      case Op::Block:
      case Op::Loop:
      case Op::If:
      case Op::Try:
      case Op::TryTable:
        open.push_back(start_.size());
        start_.push_back(in.offset);
        end_.push_back(in.offset);
        break;
      case Op::End:
      case Op::Delegate:  // closes a legacy try
        // The function's own end closes no block of ours.
        if (!open.empty()) {
          end_[open.back()] = in.offset;
          open.pop_back();
        }
        break;
      case Op::LocalSet:
      case Op::LocalTee: sets.push_back({local_slot.at(in.a), in.offset}); break;
      default: break;
    }
  }
  // Counting sort by slot keeps each slot's offsets ascending.
  first_.assign(slots + 2, 0);
  for (const auto& s : sets) ++first_[s.first + 2];
  for (uint32_t s = 2; s < first_.size(); ++s) first_[s] += first_[s - 1];
  offsets_.resize(sets.size());
  for (const auto& s : sets) offsets_[first_[s.first + 1]++] = s.second;
  first_.pop_back();
}

bool LocalWrites::writes(size_t ordinal, uint32_t slot) const {
  if (ordinal >= start_.size() || slot + 1 >= first_.size()) return true;
  auto begin = offsets_.begin() + first_[slot], end = offsets_.begin() + first_[slot + 1];
  auto it = std::lower_bound(begin, end, start_[ordinal]);
  return it != end && *it < end_[ordinal];
}

}  // namespace wasmrun::interp
