// A WebAssembly linear memory: a byte vector measured in pages that can
// only grow (core 2.0, exec/runtime.rst "Memory Instances",
// exec/modules.rst "Growing memories").
//
// Memory knows nothing of modules, types or instances: the interpreter
// owns the mapping from a memory index to a LinearMemory.
//
// Address stability. The constructor reserves address space for the
// largest size the memory may ever reach (min(max, host cap) pages plus a
// trailing guard region) with mmap(PROT_NONE) and commits pages with
// mprotect as the memory grows. So base() NEVER changes while the object
// lives, and the interpreter may cache it across calls and grows; only
// size_bytes() changes. If the full reservation is refused (a ulimit -v,
// a 32-bit host), the constructor retries with smaller reservations down
// to the initial size; grow() then fails (returns -1) past what could be
// reserved, which the spec allows (growth may always fail). There is no
// moving-buffer fallback.
//
// Bounds. Every accessor here checks explicitly and traps with the spec
// text "out of bounds memory access". A memory constructed `guarded`
// reserves guard::kGuardedSpan bytes instead (memory/guard_regions.h), so
// that the interpreter may access it without compares; for other memories
// the trailing guard region is only a safety net for bugs. Address arithmetic is done
// in 64 bits without overflow: a 32-bit address plus a 32-bit offset
// beyond the memory (even past 4 GiB) is out of bounds, never a wrap.
//
// Byte order. WebAssembly memory is little-endian; load/store convert on
// big-endian hosts.
//
// Threads. A shared memory (threads proposal) is used by several host
// threads at once: its size is read atomically (acquire) and grow()
// serializes growths under a mutex and publishes the new size (release)
// only after committing its pages. As base() never moves and the size
// only increases, a stale size is a smaller one: a bounds check against
// it is conservative, never an access past the committed pages
// (docs/THREADS.md). The bytes themselves are the program's to
// synchronize (atomics: interp/semantics/atomic_semantics.h).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <type_traits>

namespace wasmrun {

// Cold, out-of-line trap so the inline hot paths stay small.
[[noreturn]] void trap_out_of_bounds();

namespace detail {
// Reverses the bytes of a value on big-endian hosts; a no-op (and
// compiled away) on little-endian ones. Works for any trivially copyable
// T, including floats and a 16-byte v128, without type punning.
template <class T>
inline T to_from_le(T v) {
  if constexpr (std::endian::native == std::endian::big && sizeof(T) > 1) {
    unsigned char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    for (size_t i = 0; i < sizeof(T) / 2; ++i) {
      unsigned char t = b[i];
      b[i] = b[sizeof(T) - 1 - i];
      b[sizeof(T) - 1 - i] = t;
    }
    std::memcpy(&v, b, sizeof(T));
  }
  return v;
}
}  // namespace detail

class LinearMemory {
 public:
  static constexpr uint8_t kDefaultPageSizeLog2 = 16;  // 64 KiB
  static constexpr uint64_t kDefaultHostCapPages = 65536;  // 4 GiB
  // What a 64-bit memory may reach by default (StoreLimits::max_memory64_pages):
  // 16 GiB, the address space its reservation takes up front.
  static constexpr uint64_t kDefaultHostCap64Pages = uint64_t{1} << 18;

  // Allocates initial_pages zeroed pages. max_pages is the declared
  // maximum (none: unbounded up to host_cap_pages); host_cap_pages is the
  // embedder's limit (the spec's 2^16-page limit for 32-bit memories by
  // default). page_size_log2 is 16 today; 0 (1-byte pages) is accepted for
  // the custom-page-sizes proposal; other values throw Error(Usage).
  // Throws Error(Io, "cannot allocate linear memory") if even the initial
  // pages cannot be reserved and committed, or exceed the host cap.
  // `guarded` (a 32-bit memory whose pages are whole OS pages, on a host
  // where guarded_memory_supported()) reserves the full guarded span and
  // registers it; if that reservation is refused it throws the same error.
  LinearMemory(uint64_t initial_pages, std::optional<uint64_t> max_pages,
               uint64_t host_cap_pages = kDefaultHostCapPages,
               uint8_t page_size_log2 = kDefaultPageSizeLog2, bool guarded = false);
  ~LinearMemory();

  // Moving transfers the mapping; base() keeps its value. The moved-from
  // object is empty (0 pages, null base, grow fails).
  LinearMemory(LinearMemory&& other) noexcept;
  LinearMemory& operator=(LinearMemory&& other) noexcept;
  LinearMemory(const LinearMemory&) = delete;
  LinearMemory& operator=(const LinearMemory&) = delete;

  uint8_t* base() { return base_; }
  const uint8_t* base() const { return base_; }
  uint64_t size_bytes() const { return size_bytes_.load(std::memory_order_acquire); }
  uint64_t pages() const { return pages_.load(std::memory_order_acquire); }
  std::optional<uint64_t> max_pages() const { return max_pages_; }
  // The page count grow() can never exceed: min(max, host cap, reserved).
  uint64_t limit_pages() const { return limit_pages_; }
  uint8_t page_size_log2() const { return page_size_log2_; }
  // Whether an access past the end faults (memory/guard_regions.h).
  bool guarded() const { return guarded_; }
  uint64_t page_size() const { return uint64_t{1} << page_size_log2_; }
  std::span<uint8_t> bytes() { return {base_, static_cast<size_t>(size_bytes())}; }
  std::span<const uint8_t> bytes() const {
    return {base_, static_cast<size_t>(size_bytes())};
  }

  // memory.grow: adds delta_pages zeroed pages. Returns the old page count,
  // or -1 (memory unchanged) past the maximum, the host cap, the
  // reservation, or if the OS refuses to commit. Never throws.
  int64_t grow(uint64_t delta_pages) noexcept;

  // True if [addr + offset, addr + offset + len) lies inside the memory.
  // No overflow for any 64-bit inputs.
  bool in_bounds(uint64_t addr, uint64_t offset, uint64_t len) const {
    const uint64_t size = size_bytes();
    if (addr > size) return false;
    uint64_t room = size - addr;
    if (offset > room) return false;
    return len <= room - offset;
  }

  // Little-endian load/store of T at addr + offset (the memarg offset).
  // T: any trivially copyable type of 1, 2, 4, 8 or 16 bytes (the integer
  // types, float, double, a v128). Traps "out of bounds memory access".
  template <class T>
  T load(uint64_t addr, uint64_t offset) const {
    check_access_type<T>();
    if (!in_bounds(addr, offset, sizeof(T))) trap_out_of_bounds();
    T v;
    std::memcpy(&v, base_ + addr + offset, sizeof(T));
    return detail::to_from_le(v);
  }

  template <class T>
  void store(uint64_t addr, uint64_t offset, T value) {
    check_access_type<T>();
    if (!in_bounds(addr, offset, sizeof(T))) trap_out_of_bounds();
    value = detail::to_from_le(value);
    std::memcpy(base_ + addr + offset, &value, sizeof(T));
  }

  // Bulk memory (2.0): each checks bounds first and traps without writing
  // anything when out of bounds. n == 0 at exactly size_bytes() is fine.
  // Out of line: they are not per-byte hot paths, and inlining them lets
  // GCC's -Wstringop-overflow misfire on constant out-of-range sizes.
  void fill(uint64_t dst, uint8_t value, uint64_t n);
  // Overlap-safe (memmove semantics).
  void copy(uint64_t dst, uint64_t src, uint64_t n);
  // memory.copy between two memories (multi-memory): both ranges are
  // checked first. `src` may be this memory.
  void copy_from(const LinearMemory& src, uint64_t dst, uint64_t src_addr, uint64_t n);
  // memory.init: copies src[src_offset, src_offset + n) to dst. The source
  // range is checked too (the spec traps with the same message).
  void init(uint64_t dst, std::span<const uint8_t> src, uint64_t src_offset,
            uint64_t n);

 private:
  template <class T>
  static constexpr void check_access_type() {
    static_assert(std::is_trivially_copyable_v<T>);
    static_assert(sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 ||
                  sizeof(T) == 8 || sizeof(T) == 16);
  }
  void release() noexcept;

  uint8_t* base_ = nullptr;
  std::atomic<uint64_t> size_bytes_{0};
  std::atomic<uint64_t> pages_{0};
  std::optional<uint64_t> max_pages_;
  uint64_t limit_pages_ = 0;
  uint64_t committed_bytes_ = 0;  // OS-page rounded, >= size_bytes_
  uint64_t mapped_bytes_ = 0;     // whole reservation including the guard
  uint8_t page_size_log2_ = kDefaultPageSizeLog2;
  bool guarded_ = false;
  std::unique_ptr<std::mutex> grow_mutex_ = std::make_unique<std::mutex>();
};

}  // namespace wasmrun
