// Bounds-checked access to the guest's linear memory.
//
// Every pointer and length a guest passes is checked here, in 64-bit
// arithmetic, before the host touches a byte: an access outside the memory
// throws GuestFault, which the dispatcher (register.cpp) turns into
// EFAULT. A bad pointer therefore never crashes the host, and never traps
// the guest either: POSIX-style, the call fails.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

namespace wasmrun::wasi {

struct GuestFault {};

class GuestMemory {
 public:
  GuestMemory() = default;
  explicit GuestMemory(std::span<uint8_t> bytes) : bytes_(bytes) {}

  uint64_t size() const { return bytes_.size(); }
  bool in_bounds(uint64_t ptr, uint64_t len) const { return ptr <= bytes_.size() && len <= bytes_.size() - ptr; }

  // The bytes [ptr, ptr+len): a span into guest memory.
  std::span<uint8_t> range(uint64_t ptr, uint64_t len) const {
    if (!in_bounds(ptr, len)) throw GuestFault{};
    return bytes_.subspan(ptr, len);
  }
  std::string_view string(uint64_t ptr, uint64_t len) const {
    auto r = range(ptr, len);
    return {reinterpret_cast<const char*>(r.data()), r.size()};
  }

  // Little-endian loads and stores of unsigned integers (WASI structs are
  // little-endian and need no alignment from us).
  template <class T>
  T load(uint64_t ptr) const {
    auto r = range(ptr, sizeof(T));
    T v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) v |= static_cast<T>(static_cast<T>(r[i]) << (8 * i));
    return v;
  }
  template <class T>
  void store(uint64_t ptr, T v) const {
    auto r = range(ptr, sizeof(T));
    for (size_t i = 0; i < sizeof(T); ++i) r[i] = static_cast<uint8_t>(static_cast<uint64_t>(v) >> (8 * i));
  }
  void store_u8(uint64_t p, uint8_t v) const { store<uint8_t>(p, v); }
  void store_u16(uint64_t p, uint16_t v) const { store<uint16_t>(p, v); }
  void store_u32(uint64_t p, uint32_t v) const { store<uint32_t>(p, v); }
  void store_u64(uint64_t p, uint64_t v) const { store<uint64_t>(p, v); }
  uint8_t load_u8(uint64_t p) const { return load<uint8_t>(p); }
  uint16_t load_u16(uint64_t p) const { return load<uint16_t>(p); }
  uint32_t load_u32(uint64_t p) const { return load<uint32_t>(p); }
  uint64_t load_u64(uint64_t p) const { return load<uint64_t>(p); }

  void write(uint64_t ptr, const void* src, uint64_t len) const {
    auto r = range(ptr, len);
    if (len) std::memcpy(r.data(), src, len);
  }

 private:
  std::span<uint8_t> bytes_;
};

}  // namespace wasmrun::wasi
