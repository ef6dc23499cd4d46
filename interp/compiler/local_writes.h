// Which locals each block of a function body writes: a pre-scan for the
// lowering, which may then leave a value that is a local's (not yet
// copied) value on the virtual stack across a block that never changes
// that local, instead of copying it to its stack slot when the block
// opens.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "wasmrun/features.h"

namespace wasmrun::interp {

class LocalWrites {
 public:
  // Scans a validated body. `local_slot` maps a local index to its frame
  // slot, and `slots` is the number of local slots.
  LocalWrites(std::span<const uint8_t> body, size_t body_offset, const Features& features,
              const std::vector<uint32_t>& local_slot, uint32_t slots);

  // Whether the block, loop or if that is the `ordinal`-th (from 0, in the
  // order they open, counting those in unreachable code) writes the local
  // in frame slot `slot` anywhere inside it, nested blocks included.
  bool writes(size_t ordinal, uint32_t slot) const;

 private:
  // Per block: the byte offsets of its opcode and of its `end`.
  std::vector<size_t> start_, end_;
  // The offsets of the local.set/local.tee of each slot, ascending:
  // offsets_[first_[s] .. first_[s + 1]).
  std::vector<uint32_t> first_;
  std::vector<size_t> offsets_;
};

}  // namespace wasmrun::interp
