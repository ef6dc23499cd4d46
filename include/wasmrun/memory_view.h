// Typed views over linear memory for embedders, in the spirit of
// JavaScript's `new Uint16Array(memory.buffer)`: element i is the
// little-endian T stored at byte i * sizeof(T).
//
// Validity. A view captures (base, byte length) when it is made. grow()
// never moves a memory's base but does change its length, so a view made
// before a grow sees only the old size: it stays safe to use but is stale.
// Make a new view after anything that may grow the memory (any call into
// wasm code). Destroying the memory invalidates all views.
//
// Elements need not be aligned: access goes through memcpy.
#pragma once

#include <bit>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>
#include <utility>

#include "wasmrun/error.h"

namespace wasmrun {

template <class T>
class MemoryView {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  MemoryView(uint8_t* base, uint64_t byte_length)
      : base_(base), byte_length_(byte_length) {}
  // Any memory object with base() and size_bytes() (the engine's
  // LinearMemory), without this header having to know its type.
  template <class M>
    requires requires(M& m) {
      { m.base() } -> std::convertible_to<uint8_t*>;
      { m.size_bytes() } -> std::convertible_to<uint64_t>;
    }
  explicit MemoryView(M& mem) : MemoryView(mem.base(), mem.size_bytes()) {}

  // Whole elements only; trailing bytes that do not fill a T are ignored,
  // as with a JavaScript typed array over a truncated buffer.
  uint64_t size() const { return byte_length_ / sizeof(T); }

  // Unchecked: i must be < size().
  T get(uint64_t i) const {
    T v;
    std::memcpy(&v, base_ + i * sizeof(T), sizeof(T));
    return swap_if_big_endian(v);
  }
  void set(uint64_t i, T v) {
    v = swap_if_big_endian(v);
    std::memcpy(base_ + i * sizeof(T), &v, sizeof(T));
  }

  // Checked read: throws Error(Usage) for i >= size(). Returns a value,
  // not a reference, because elements may be unaligned and byte-swapped.
  T at(uint64_t i) const {
    if (i >= size()) throw Error(ErrorKind::Usage, "index out of range");
    return get(i);
  }

  std::span<uint8_t> bytes() const {
    return {base_, static_cast<size_t>(byte_length_)};
  }

 private:
  // Wasm memory is little-endian; a big-endian host reverses the bytes.
  static T swap_if_big_endian(T v) {
    if constexpr (std::endian::native == std::endian::big && sizeof(T) > 1) {
      unsigned char b[sizeof(T)];
      std::memcpy(b, &v, sizeof(T));
      for (size_t lo = 0, hi = sizeof(T) - 1; lo < hi; ++lo, --hi) std::swap(b[lo], b[hi]);
      std::memcpy(&v, b, sizeof(T));
    }
    return v;
  }

  uint8_t* base_;
  uint64_t byte_length_;
};

}  // namespace wasmrun
