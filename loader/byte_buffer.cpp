#include "loader/byte_buffer.h"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "wasmrun/error.h"

namespace wasmrun {

ByteBuffer& ByteBuffer::operator=(ByteBuffer&& other) noexcept {
  if (this == &other) return *this;
  release();
  vector_ = std::move(other.vector_);
  mapping_ = std::exchange(other.mapping_, nullptr);
  data_ = std::exchange(other.data_, nullptr);
  size_ = std::exchange(other.size_, 0);
  return *this;
}

ByteBuffer::~ByteBuffer() { release(); }

void ByteBuffer::release() {
  if (mapping_) ::munmap(mapping_, size_);
  mapping_ = nullptr;
  vector_.clear();
  data_ = nullptr;
  size_ = 0;
}

// An anonymous mapping rather than malloc: it is certain to be fresh,
// untouched memory, and it can be kept out of transparent huge pages. With
// huge pages, writing one function body of a few kilobytes would make the
// kernel fault in and zero 2 MiB around it, the very cost lazy loading is
// there to avoid; in 4 KiB pages only what is written is paid for.
ByteBuffer ByteBuffer::uninitialized(size_t size) {
  ByteBuffer out;
  if (size == 0) return out;
  void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    throw Error(ErrorKind::Io, "cannot allocate " + std::to_string(size) + " bytes: " + std::strerror(errno));
#ifdef MADV_NOHUGEPAGE
  ::madvise(p, size, MADV_NOHUGEPAGE);  // advice only
#endif
  out.mapping_ = static_cast<uint8_t*>(p);
  out.data_ = out.mapping_;
  out.size_ = size;
  return out;
}

bool operator==(const ByteBuffer& a, std::span<const uint8_t> b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace wasmrun
