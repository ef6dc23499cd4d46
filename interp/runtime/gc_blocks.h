// The GC heap's memory: blocks of one size class of cells, large objects
// mapped one by one, and the table that finds a block from any address in
// it. Used by gc_heap.cpp only. See docs/GC.md.
//
// Every block and large object is a mapping aligned to kBlockBytes that
// starts with a BlockHeader, so masking an object's address gives its
// header; the header of a mapping the heap does not own is never read,
// because BlockTable says first whether the masked address is one of
// ours. A word from a conservative root can therefore be checked without
// touching memory that may not exist.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "interp/runtime/gc_heap.h"

namespace wasmrun::interp::gc {

inline constexpr unsigned kBlockShift = 18;
inline constexpr size_t kBlockBytes = size_t{1} << kBlockShift;  // 256 KiB
inline constexpr size_t kMinCellBytes = sizeof(GcObject);
inline constexpr uint32_t kMaxCells = kBlockBytes / kMinCellBytes;
// Objects above this (header included) are large: mapped on their own.
inline constexpr size_t kMaxSmallBytes = 32 * 1024;
inline constexpr size_t kPageBytes = 4096;
// The cell index from a cell's offset: (offset * inverse) >> kInverseShift
// is exact for offsets below kBlockBytes and cells up to kMaxSmallBytes
// (offset * cell size < 2^kInverseShift), without a division.
inline constexpr unsigned kInverseShift = 40;

struct BlockHeader {
  uint32_t cell_bytes = 0;  // 0 for a large object
  uint32_t cells = 0;       // how many fit
  uint32_t live = 0;        // allocated cells (a large object: 0 or 1)
  uint32_t cursor = 0;      // allocation looks for a free cell from this bitmap word on
  uint64_t inverse = 0;     // ceil(2^kInverseShift / cell_bytes)
  size_t map_bytes = 0;     // the mapping's size
  uint32_t size_class = 0;
  // One bit per cell. A large object uses bit 0 of each.
  uint64_t allocated[kMaxCells / 64] = {};
  uint64_t marked[kMaxCells / 64] = {};  // between a mark and its sweep

  bool large() const { return cell_bytes == 0; }
  uint32_t words() const { return (cells + 63) / 64; }
  uint8_t* base() { return reinterpret_cast<uint8_t*>(this); }
  const uint8_t* base() const { return reinterpret_cast<const uint8_t*>(this); }
  static bool bit(const uint64_t* map, uint32_t i) { return (map[i / 64] >> (i % 64)) & 1; }
  static void set(uint64_t* map, uint32_t i) { map[i / 64] |= uint64_t{1} << (i % 64); }
};

// Where the first cell (or the large object) starts in its mapping.
inline constexpr size_t kCellsOffset = (sizeof(BlockHeader) + 63) & ~size_t{63};
static_assert(kCellsOffset + kMaxSmallBytes <= kBlockBytes);

inline GcObject* cell_at(BlockHeader* b, uint32_t i) {
  return reinterpret_cast<GcObject*>(b->base() + kCellsOffset + size_t{i} * b->cell_bytes);
}

// A fresh mapping of `bytes` (a multiple of the page size) aligned to
// kBlockBytes, zeroed by the OS; null if the OS has no memory for it.
void* map_aligned(size_t bytes);
void unmap(void* p, size_t bytes);

// Block (and large object) addresses, by address >> kBlockShift: open
// addressing with linear probing, at most half full. Removing rebuilds,
// which only the sweep does, once per collection.
class BlockTable {
 public:
  BlockHeader* find(uintptr_t address) const {
    if (slots_.empty()) return nullptr;
    const uintptr_t key = address >> kBlockShift;
    for (size_t i = hash(key);; i = (i + 1) & mask_) {
      BlockHeader* b = slots_[i];
      if (!b) return nullptr;
      if (reinterpret_cast<uintptr_t>(b) >> kBlockShift == key) return b;
    }
  }
  void insert(BlockHeader* b);
  // Every block in `blocks` (those that stay), nothing else.
  void rebuild(const std::vector<BlockHeader*>& blocks);
  size_t size() const { return count_; }

 private:
  size_t hash(uintptr_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_); }
  void grow();

  std::vector<BlockHeader*> slots_;
  size_t mask_ = 0;
  unsigned shift_ = 64;
  size_t count_ = 0;
};

}  // namespace wasmrun::interp::gc
