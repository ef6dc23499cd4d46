#include "interp/runtime/gc_blocks.h"

#include <sys/mman.h>

namespace wasmrun::interp::gc {

void* map_aligned(size_t bytes) {
  // Map one block more than needed and give back the unaligned ends: mmap
  // only promises page alignment.
  const size_t want = bytes + kBlockBytes;
  void* p = mmap(nullptr, want, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return nullptr;
  const uintptr_t start = reinterpret_cast<uintptr_t>(p);
  const uintptr_t aligned = (start + kBlockBytes - 1) & ~uintptr_t{kBlockBytes - 1};
  if (aligned > start) munmap(p, aligned - start);
  const uintptr_t end = start + want, used_end = aligned + bytes;
  if (end > used_end) munmap(reinterpret_cast<void*>(used_end), end - used_end);
  return reinterpret_cast<void*>(aligned);
}

void unmap(void* p, size_t bytes) { munmap(p, bytes); }

void BlockTable::insert(BlockHeader* b) {
  if (2 * (count_ + 1) > slots_.size()) grow();
  const uintptr_t key = reinterpret_cast<uintptr_t>(b) >> kBlockShift;
  size_t i = hash(key);
  while (slots_[i]) i = (i + 1) & mask_;
  slots_[i] = b;
  ++count_;
}

void BlockTable::grow() {
  std::vector<BlockHeader*> old;
  old.swap(slots_);
  size_t capacity = old.empty() ? 64 : 2 * old.size();
  slots_.assign(capacity, nullptr);
  mask_ = capacity - 1;
  shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(capacity));
  count_ = 0;
  for (BlockHeader* b : old)
    if (b) insert(b);
}

void BlockTable::rebuild(const std::vector<BlockHeader*>& blocks) {
  size_t capacity = 64;
  while (capacity < 2 * blocks.size()) capacity *= 2;
  slots_.assign(capacity, nullptr);
  mask_ = capacity - 1;
  shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(capacity));
  count_ = 0;
  for (BlockHeader* b : blocks) insert(b);
}

}  // namespace wasmrun::interp::gc
