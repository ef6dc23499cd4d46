// The GC heap: size-class blocks and large objects (gc_blocks.h), the
// allocation budget, and the collection: one mark shared with the
// exception pool (gc_mark.h), then a sweep of each. See docs/GC.md.
#include "interp/runtime/gc_heap.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <new>
#include <unordered_map>

#include "interp/exec/exceptions.h"
#include "interp/runtime/gc_blocks.h"
#include "interp/runtime/gc_mark.h"
#include "interp/runtime/runtime.h"

namespace wasmrun::interp {

using namespace gc;

namespace {

// Cell sizes: every 8 bytes up to 64, then four classes per doubling, so a
// cell wastes at most a fifth of itself.
constexpr std::array<uint32_t, 43> kClassBytes = {
    16,    24,    32,    40,    48,    56,    64,    80,    96,    112,   128,   160,   192,   224,  256,
    320,   384,   448,   512,   640,   768,   896,   1024,  1280,  1536,  1792,  2048,  2560,  3072, 3584,
    4096,  5120,  6144,  7168,  8192,  10240, 12288, 14336, 16384, 20480, 24576, 28672, 32768};
constexpr size_t kClasses = kClassBytes.size();
static_assert(kClassBytes.back() == kMaxSmallBytes);

// The class of each 8-byte-rounded size up to kMaxSmallBytes, by size / 8.
constexpr std::array<uint8_t, kMaxSmallBytes / 8 + 1> make_class_of() {
  std::array<uint8_t, kMaxSmallBytes / 8 + 1> t{};
  size_t c = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    while (kClassBytes[c] < i * 8) ++c;
    t[i] = static_cast<uint8_t>(c);
  }
  return t;
}
constexpr auto kClassOf = make_class_of();

// Collect once this much was allocated since the last collection, or as
// much as was live after it if that is more: the heap stays within about
// twice its live data, and a small heap does not collect often.
constexpr uint64_t kMinBudget = 8u << 20;
// Empty blocks always kept mapped for reuse (trim_spare keeps more while
// the budget is larger).
constexpr size_t kSpareBlocks = 4;
// No object is larger than this, whatever the limit says: sizes stay far
// from overflow.
constexpr uint64_t kMaxObjectBytes = uint64_t{1} << 46;

[[noreturn, gnu::cold, gnu::noinline]] void trap_out_of_memory() { throw_trap("out of memory"); }

size_t large_map_bytes(size_t total) { return (kCellsOffset + total + kPageBytes - 1) & ~(kPageBytes - 1); }

}  // namespace

struct GcHeap::State {
  BlockTable table;
  std::array<std::vector<BlockHeader*>, kClasses> blocks;     // every block of each class
  std::array<std::vector<BlockHeader*>, kClasses> available;  // of those, with free cells, not current
  std::array<BlockHeader*, kClasses> current{};               // where each class allocates
  std::vector<BlockHeader*> large;
  std::vector<BlockHeader*> spare;
  uint64_t mapped = 0;
  uint64_t since = 0;  // bytes allocated since the last collection
  uint64_t budget = kMinBudget;
  bool collecting = false;
  std::unordered_map<uintptr_t, uint32_t> pins;  // word -> how many GcRoots hold it
  std::vector<uintptr_t> host_results;

  ~State() {
    for (auto& list : blocks)
      for (BlockHeader* b : list) unmap(b, kBlockBytes);
    for (BlockHeader* b : large) unmap(b, b->map_bytes);
    for (BlockHeader* b : spare) unmap(b, kBlockBytes);
  }

  // The first free cell of the class's current block, from its cursor on.
  GcObject* take_cell(uint32_t cls) {
    if (BlockHeader* b = current[cls]) [[likely]] {
      const uint32_t words = b->words();
      for (uint32_t w = b->cursor; w < words; ++w) {
        const uint64_t free = ~b->allocated[w];
        if (!free) continue;
        const uint32_t i = w * 64 + static_cast<uint32_t>(__builtin_ctzll(free));
        if (i >= b->cells) break;
        b->allocated[w] |= free & -free;
        b->cursor = w;
        ++b->live;
        return cell_at(b, i);
      }
      b->cursor = words;
    }
    return take_cell_slow(cls);
  }

  GcObject* take_cell_slow(uint32_t cls) {
    if (!available[cls].empty()) {
      current[cls] = available[cls].back();
      available[cls].pop_back();
    } else {
      BlockHeader* b = new_block(cls);
      if (!b) return nullptr;
      current[cls] = b;
    }
    return take_cell(cls);
  }

  BlockHeader* new_block(uint32_t cls) {
    void* memory;
    if (!spare.empty()) {
      memory = spare.back();
      spare.pop_back();
    } else {
      memory = map_aligned(kBlockBytes);
      if (!memory) return nullptr;
      mapped += kBlockBytes;
    }
    auto* b = new (memory) BlockHeader;
    b->cell_bytes = kClassBytes[cls];
    b->cells = static_cast<uint32_t>((kBlockBytes - kCellsOffset) / b->cell_bytes);
    b->inverse = ((uint64_t{1} << kInverseShift) + b->cell_bytes - 1) / b->cell_bytes;
    b->map_bytes = kBlockBytes;
    b->size_class = cls;
    blocks[cls].push_back(b);
    table.insert(b);
    return b;
  }

  GcObject* take_large(size_t map_bytes) {
    void* memory = map_aligned(map_bytes);
    if (!memory) return nullptr;
    mapped += map_bytes;
    auto* b = new (memory) BlockHeader;
    b->map_bytes = map_bytes;
    b->live = 1;
    large.push_back(b);
    table.insert(b);
    return reinterpret_cast<GcObject*>(b->base() + kCellsOffset);
  }

  // The block and cell index of the live object `word` points to the
  // start of; null if it is none.
  BlockHeader* find(uintptr_t word, uint32_t& index) const {
    if (!is_pointer_word(word)) return nullptr;
    BlockHeader* b = table.find(word);
    if (!b) return nullptr;
    const uintptr_t first = reinterpret_cast<uintptr_t>(b->base()) + kCellsOffset;
    if (word < first) return nullptr;
    const uint64_t offset = word - first;
    if (b->large()) {
      index = 0;
      return offset == 0 && b->live ? b : nullptr;
    }
    const uint64_t i = (offset * b->inverse) >> kInverseShift;
    if (i * b->cell_bytes != offset || i >= b->cells) return nullptr;
    index = static_cast<uint32_t>(i);
    return BlockHeader::bit(b->allocated, index) ? b : nullptr;
  }

  // Frees every unmarked object and clears the marks of the others. Reads
  // the bitmaps only, never an object. Empty blocks become spare.
  void sweep(GcStats& stats) {
    bool removed = false;
    for (size_t cls = 0; cls < kClasses; ++cls) {
      std::vector<BlockHeader*>& list = blocks[cls];
      available[cls].clear();
      current[cls] = nullptr;
      size_t kept = 0;
      for (BlockHeader* b : list) {
        sweep_block(b, stats);
        if (b->live == 0) {
          spare.push_back(b);
          removed = true;
          continue;
        }
        list[kept++] = b;
        if (b->live < b->cells) available[cls].push_back(b);
      }
      list.resize(kept);
      // Allocate from the lowest addresses first: popped from the back.
      std::sort(available[cls].begin(), available[cls].end(), std::greater<>());
    }
    size_t kept = 0;
    for (BlockHeader* b : large) {
      if (b->marked[0] & 1) {
        b->marked[0] = 0;
        large[kept++] = b;
        continue;
      }
      stats.live_bytes -= b->map_bytes;
      --stats.objects;
      mapped -= b->map_bytes;
      unmap(b, b->map_bytes);
      removed = true;
    }
    large.resize(kept);
    if (removed) {
      std::vector<BlockHeader*> all(large);
      for (auto& list : blocks) all.insert(all.end(), list.begin(), list.end());
      table.rebuild(all);
    }
  }

  void sweep_block(BlockHeader* b, GcStats& stats) {
    uint32_t freed = 0;
    for (uint32_t w = 0, words = b->words(); w < words; ++w) {
      freed += static_cast<uint32_t>(__builtin_popcountll(b->allocated[w] & ~b->marked[w]));
      b->allocated[w] &= b->marked[w];
      b->marked[w] = 0;
    }
    b->live -= freed;
    b->cursor = 0;
    stats.live_bytes -= uint64_t{freed} * b->cell_bytes;
    stats.objects -= freed;
  }

  void clear_marks() {
    for (auto& list : blocks)
      for (BlockHeader* b : list) std::memset(b->marked, 0, sizeof b->marked);
    for (BlockHeader* b : large) b->marked[0] = 0;
  }

  // Keeps as many empty blocks as the next budget can fill (the heap
  // grows back to them before it collects again, so the peak is the same
  // and their pages need not be faulted in again), at least kSpareBlocks;
  // the rest go back to the OS.
  void trim_spare() {
    const size_t keep = std::max<size_t>(kSpareBlocks, budget / kBlockBytes);
    while (spare.size() > keep) {
      unmap(spare.back(), kBlockBytes);
      spare.pop_back();
      mapped -= kBlockBytes;
    }
  }
};

GcHeap::GcHeap(Store::Impl& store) : store_(store), state_(std::make_unique<State>()) {}
GcHeap::~GcHeap() = default;

GcObject* GcHeap::allocate(const GcTypeInfo* type, uint32_t length, size_t payload_bytes, const uint64_t* live_top) {
  State& s = *state_;
  const uint64_t cap = store_.limits.max_gc_heap_bytes;
  if (payload_bytes > kMaxObjectBytes) trap_out_of_memory();
  const size_t total = (sizeof(GcObject) + payload_bytes + 7) & ~size_t{7};
  const bool small = total <= kMaxSmallBytes;
  const uint32_t cls = small ? kClassOf[total / 8] : 0;
  const uint64_t bytes = small ? kClassBytes[cls] : large_map_bytes(total);
  if (bytes > cap) trap_out_of_memory();
  if (s.since + bytes > s.budget || stats_.live_bytes + bytes > cap) [[unlikely]] {
    if (!inhibited_) collect(live_top);
    if (stats_.live_bytes + bytes > cap) trap_out_of_memory();
  }
  GcObject* o = small ? s.take_cell(cls) : s.take_large(bytes);
  if (!o) trap_out_of_memory();
  o->type = type;
  o->length = length;
  o->gc_bits = 0;
  // A reused cell holds an old object; a large one comes zeroed from the OS.
  if (small) std::memset(o->payload(), 0, payload_bytes);
  s.since += bytes;
  stats_.allocated_bytes += bytes;
  stats_.live_bytes += bytes;
  ++stats_.objects;
  return o;
}

void GcHeap::collect(const uint64_t* live_top) {
  State& s = *state_;
  if (s.collecting) return;
  s.collecting = true;
  try {
    mark_reachable(store_, live_top);
  } catch (const std::bad_alloc&) {
    // No memory for the worklist: a mark left half done would keep the
    // next one from tracing through what it marked, so undo it all and
    // free nothing.
    s.clear_marks();
    if (store_.exceptions) store_.exceptions->clear_marks();
    s.collecting = false;
    trap_out_of_memory();
  }
  s.sweep(stats_);
  if (store_.exceptions) store_.exceptions->sweep();
  s.collecting = false;
  ++stats_.collections;
  s.since = 0;
  s.budget = std::max(kMinBudget, stats_.live_bytes);
  s.trim_spare();
}

bool GcHeap::contains(uintptr_t word) const {
  uint32_t index;
  return state_->find(word, index) != nullptr;
}

GcHeap::MarkOutcome GcHeap::mark(uintptr_t word) {
  uint32_t index;
  BlockHeader* b = state_->find(word, index);
  if (!b) return MarkOutcome::NotObject;
  if (BlockHeader::bit(b->marked, index)) return MarkOutcome::AlreadyMarked;
  BlockHeader::set(b->marked, index);
  return MarkOutcome::Marked;
}

void GcHeap::pin(uintptr_t word) { ++state_->pins[word]; }

void GcHeap::unpin(uintptr_t word) {
  auto it = state_->pins.find(word);
  if (it != state_->pins.end() && --it->second == 0) state_->pins.erase(it);
}

void GcHeap::keep_host_results(std::span<const Value> results) {
  for (const Value& v : results)
    if (may_name_collected(v)) state_->host_results.push_back(v.ref);
}

void GcHeap::release_host_results() { state_->host_results.clear(); }

void GcHeap::reach_host_roots(Marker& marker) const {
  for (const auto& [word, count] : state_->pins) marker.reach(word);
  for (uintptr_t word : state_->host_results) marker.reach(word);
}

uint64_t GcHeap::mapped_bytes() const { return state_->mapped; }

GcHeap& gc_heap(Store::Impl& S) {
  if (!S.gc) S.gc = std::make_unique<GcHeap>(S);
  return *S.gc;
}

}  // namespace wasmrun::interp
