// ByteBuffer: a module's binary (Module::bytes). Usually a vector adopted
// as it is; for a big file loaded lazily (loader/module_file.h), memory the
// size of the file that is never initialized, so the pages that are never
// written (the function bodies that never run) cost nothing: the kernel
// neither faults them in nor zeroes them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace wasmrun {

class ByteBuffer {
 public:
  ByteBuffer() = default;
  ByteBuffer(std::vector<uint8_t>&& bytes)  // NOLINT: implicit, every vector path stays as it was
      : vector_(std::move(bytes)), data_(vector_.data()), size_(vector_.size()) {}
  ByteBuffer(ByteBuffer&& other) noexcept { *this = std::move(other); }
  ByteBuffer& operator=(ByteBuffer&& other) noexcept;
  ByteBuffer(const ByteBuffer&) = delete;
  ByteBuffer& operator=(const ByteBuffer&) = delete;
  ~ByteBuffer();

  // `size` bytes of unspecified content, to be filled by the caller. Error
  // kind Io if the memory cannot be had.
  static ByteBuffer uninitialized(size_t size);

  const uint8_t* data() const { return data_; }
  uint8_t* data() { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const uint8_t* begin() const { return data_; }
  const uint8_t* end() const { return data_ + size_; }
  uint8_t operator[](size_t i) const { return data_[i]; }
  operator std::span<const uint8_t>() const { return {data_, size_}; }

  friend bool operator==(const ByteBuffer& a, std::span<const uint8_t> b);

 private:
  void release();

  std::vector<uint8_t> vector_;  // adopted bytes, or empty
  uint8_t* mapping_ = nullptr;   // uninitialized(): an anonymous mapping of size_ bytes
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace wasmrun
