// Reservation and commit of linear memory pages. See linear_memory.h for
// the design (reserve once, commit on grow, base never moves).
#include "memory/linear_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "memory/guard_regions.h"
#include "wasmrun/error.h"

namespace wasmrun {

namespace {

// No host can map more than this (x86-64 and AArch64 user space are 128
// TiB at most). Clamping the limit here keeps every "pages << log2" below
// 2^63, so byte counts never overflow and page counts fit an int64_t.
constexpr uint64_t kMaxReservableBytes = uint64_t{1} << 47;

// Trailing PROT_NONE region: a stray access just past the end faults
// instead of touching a neighbour's data. Bounds are still checked.
constexpr uint64_t kGuardBytes = 64 * 1024;

uint64_t os_page_size() {
  static const uint64_t size = [] {
    long s = sysconf(_SC_PAGESIZE);
    return s > 0 ? static_cast<uint64_t>(s) : uint64_t{4096};
  }();
  return size;
}

uint64_t round_up(uint64_t n, uint64_t align) {
  return (n + align - 1) / align * align;
}

[[noreturn]] void throw_alloc_failure() {
  throw Error(ErrorKind::Io, "cannot allocate linear memory");
}

}  // namespace

void trap_out_of_bounds() { throw_trap("out of bounds memory access"); }

LinearMemory::LinearMemory(uint64_t initial_pages,
                           std::optional<uint64_t> max_pages,
                           uint64_t host_cap_pages, uint8_t page_size_log2,
                           bool guarded)
    : max_pages_(max_pages), page_size_log2_(page_size_log2), guarded_(guarded) {
  // 64 KiB pages, and 1-byte pages from the custom-page-sizes proposal.
  if (page_size_log2 != 16 && page_size_log2 != 0)
    throw Error(ErrorKind::Usage, "unsupported memory page size");

  uint64_t limit = host_cap_pages;
  if (max_pages) limit = std::min(limit, *max_pages);
  limit = std::min(limit, kMaxReservableBytes >> page_size_log2);
  if (initial_pages > limit) throw_alloc_failure();

  const uint64_t page = os_page_size();
  const uint64_t guard = round_up(kGuardBytes, page);

  // Reserve for the largest size first; halve on refusal, but never below
  // the initial size. What is reserved bounds all later growth. A guarded
  // memory needs its whole span (which covers any 32-bit size) or nothing.
  uint64_t reserve_pages = limit;
  void* p = MAP_FAILED;
  uint64_t mapped = 0;
  for (;;) {
    mapped = round_up(reserve_pages << page_size_log2, page) + guard;
    if (guarded_) mapped = std::max(mapped, round_up(guard::kGuardedSpan, page));
    p = mmap(nullptr, mapped, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED) break;
    if (guarded_ || reserve_pages == initial_pages) throw_alloc_failure();
    reserve_pages = std::max(initial_pages, reserve_pages / 2);
  }
  base_ = static_cast<uint8_t*>(p);
  mapped_bytes_ = mapped;
  limit_pages_ = reserve_pages;
  if (guarded_ && !guard::register_region(base_, mapped_bytes_)) {
    guarded_ = false;  // not registered: release() must not unregister
    release();
    throw_alloc_failure();
  }

  // Anonymous mappings are zero-filled by the kernel, so fresh pages read
  // as zero without a memset (and without touching them).
  const uint64_t bytes = initial_pages << page_size_log2;
  const uint64_t commit = round_up(bytes, page);
  if (commit && mprotect(base_, commit, PROT_READ | PROT_WRITE) != 0) {
    release();
    throw_alloc_failure();
  }
  committed_bytes_ = commit;
  size_bytes_.store(bytes, std::memory_order_relaxed);
  pages_.store(initial_pages, std::memory_order_relaxed);
}

LinearMemory::~LinearMemory() { release(); }

void LinearMemory::release() noexcept {
  if (base_ && guarded_) guard::unregister_region(base_);
  if (base_) munmap(base_, mapped_bytes_);
  base_ = nullptr;
  size_bytes_.store(0, std::memory_order_relaxed);
  pages_.store(0, std::memory_order_relaxed);
  limit_pages_ = committed_bytes_ = mapped_bytes_ = 0;
}

LinearMemory::LinearMemory(LinearMemory&& other) noexcept
    : base_(std::exchange(other.base_, nullptr)),
      size_bytes_(other.size_bytes_.exchange(0, std::memory_order_relaxed)),
      pages_(other.pages_.exchange(0, std::memory_order_relaxed)),
      max_pages_(other.max_pages_),
      limit_pages_(std::exchange(other.limit_pages_, 0)),
      committed_bytes_(std::exchange(other.committed_bytes_, 0)),
      mapped_bytes_(std::exchange(other.mapped_bytes_, 0)),
      page_size_log2_(other.page_size_log2_),
      guarded_(std::exchange(other.guarded_, false)),
      grow_mutex_(std::move(other.grow_mutex_)) {}

LinearMemory& LinearMemory::operator=(LinearMemory&& other) noexcept {
  if (this != &other) {
    release();
    base_ = std::exchange(other.base_, nullptr);
    size_bytes_.store(other.size_bytes_.exchange(0, std::memory_order_relaxed), std::memory_order_relaxed);
    pages_.store(other.pages_.exchange(0, std::memory_order_relaxed), std::memory_order_relaxed);
    max_pages_ = other.max_pages_;
    limit_pages_ = std::exchange(other.limit_pages_, 0);
    committed_bytes_ = std::exchange(other.committed_bytes_, 0);
    mapped_bytes_ = std::exchange(other.mapped_bytes_, 0);
    page_size_log2_ = other.page_size_log2_;
    guarded_ = std::exchange(other.guarded_, false);
    grow_mutex_ = std::move(other.grow_mutex_);
  }
  return *this;
}

void LinearMemory::fill(uint64_t dst, uint8_t value, uint64_t n) {
  if (!in_bounds(dst, 0, n)) trap_out_of_bounds();
  if (n) std::memset(base_ + dst, value, static_cast<size_t>(n));
}

void LinearMemory::copy(uint64_t dst, uint64_t src, uint64_t n) {
  if (!in_bounds(dst, 0, n) || !in_bounds(src, 0, n)) trap_out_of_bounds();
  if (n) std::memmove(base_ + dst, base_ + src, static_cast<size_t>(n));
}

void LinearMemory::copy_from(const LinearMemory& src, uint64_t dst, uint64_t src_addr, uint64_t n) {
  if (!in_bounds(dst, 0, n) || !src.in_bounds(src_addr, 0, n)) trap_out_of_bounds();
  if (n) std::memmove(base_ + dst, src.base_ + src_addr, static_cast<size_t>(n));
}

void LinearMemory::init(uint64_t dst, std::span<const uint8_t> src,
                        uint64_t src_offset, uint64_t n) {
  if (!in_bounds(dst, 0, n) || src_offset > src.size() ||
      n > src.size() - src_offset)
    trap_out_of_bounds();
  if (n) std::memcpy(base_ + dst, src.data() + src_offset, static_cast<size_t>(n));
}

int64_t LinearMemory::grow(uint64_t delta_pages) noexcept {
  if (!grow_mutex_) return -1;  // moved from
  // Growths of a shared memory by several threads take turns; readers do
  // not lock (they read the size atomically, docs/THREADS.md).
  std::lock_guard<std::mutex> lock(*grow_mutex_);
  const uint64_t old_pages = pages_.load(std::memory_order_relaxed);
  // limit_pages_ >= pages_ always, so this cannot underflow; comparing the
  // delta (not old + delta) avoids overflow for huge deltas.
  if (delta_pages > limit_pages_ - old_pages) return -1;
  const uint64_t new_pages = old_pages + delta_pages;
  const uint64_t new_bytes = new_pages << page_size_log2_;
  // Commit whole OS pages; with 1-byte wasm pages the tail of the last OS
  // page is already committed (and still zero: nothing writes past size).
  const uint64_t need = round_up(new_bytes, os_page_size());
  if (need > committed_bytes_) {
    if (mprotect(base_ + committed_bytes_, need - committed_bytes_,
                 PROT_READ | PROT_WRITE) != 0)
      return -1;  // strict overcommit or RLIMIT: growth fails, no trap
    committed_bytes_ = need;
  }
  // Published after the commit: a thread that sees the new size also
  // sees the pages committed (release here, acquire in size_bytes()).
  pages_.store(new_pages, std::memory_order_release);
  size_bytes_.store(new_bytes, std::memory_order_release);
  return static_cast<int64_t>(old_pages);
}

}  // namespace wasmrun
