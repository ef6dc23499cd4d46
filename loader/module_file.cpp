#include "loader/module_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "loader/byte_reader.h"
#include "wasmrun/error.h"

namespace wasmrun {

namespace {

constexpr uint8_t kCodeSectionId = 10;

// Each fetch reads this much at least, into the same buffer every time:
// one body header and, where bodies are a few kilobytes long, the next
// dozen ones. A read for every header would cost a system call per
// function, more than copying the bodies in between; much bigger reads no
// longer stay in the processor's cache (measured on the 30 MB benchmark
// module, bench/out/startup.wasm: 512 bytes 22 ms, 64 KiB 14 ms, 256 KiB
// 20 ms).
constexpr size_t kFetchReadAhead = size_t{64} << 10;

constexpr const char* kCannotRead = "cannot read ";
constexpr const char* kCannotReadBody = "cannot read function body from ";

}  // namespace

ModuleFile::ModuleFile(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw Error(ErrorKind::Io, "cannot open " + path + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd_, &st) != 0 || st.st_size < 0) {
    ::close(fd_);
    throw Error(ErrorKind::Io, kCannotRead + path);
  }
  size_ = static_cast<size_t>(st.st_size);
}

ModuleFile::~ModuleFile() { ::close(fd_); }

size_t ModuleFile::read_at(uint8_t* out, size_t size, size_t offset, const char* what) const {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::pread(fd_, out + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(ErrorKind::Io, what + path_ + ": " + std::strerror(errno));
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

std::vector<uint8_t> ModuleFile::prefix(size_t n) const {
  std::vector<uint8_t> out(std::min(n, size_));
  out.resize(read_at(out.data(), out.size(), 0, kCannotRead));
  return out;
}

// Into memory of our own, not mapped: the module must not change under
// the validator and compiler. A big buffer is asked for in huge pages
// (where the kernel has them on request): every page of it is written, and
// faulting in 2 MiB at a time saves most of the time the faults take.
std::vector<uint8_t> ModuleFile::read_all() const {
  std::vector<uint8_t> bytes;
  bytes.reserve(size_);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (size_ >= 2 * kHuge) {
    uintptr_t begin = (reinterpret_cast<uintptr_t>(bytes.data()) + kHuge - 1) & ~(kHuge - 1);
    uintptr_t end = (reinterpret_cast<uintptr_t>(bytes.data()) + size_) & ~(kHuge - 1);
    if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // advice only
  }
#endif
  bytes.resize(size_);
  bytes.resize(read_at(bytes.data(), size_, 0, kCannotRead));
  return bytes;
}

std::pair<size_t, size_t> ModuleFile::code_contents() const {
  size_t pos = 8;  // after the magic and version
  while (pos < size_) {
    uint8_t head[6];  // a section id and its size, a LEB128 of up to 5 bytes
    size_t got = read_at(head, std::min(sizeof head, size_ - pos), pos, kCannotRead);
    try {
      ByteReader r(std::span<const uint8_t>(head, got), pos);
      uint8_t id = r.u8();
      uint32_t size = r.u32();
      if (size > size_ - r.offset()) break;
      if (id == kCodeSectionId) return {r.offset(), r.offset() + size};
      pos = r.offset() + size;
    } catch (const Error&) {
      break;
    }
  }
  return {size_, size_};
}

ByteBuffer ModuleFile::read_all_but_code() {
  ByteBuffer out = ByteBuffer::uninitialized(size_);
  auto [begin, end] = code_contents();
  // A file that shrank meanwhile would leave bytes unread, that is
  // undefined: refuse it rather than decode them.
  if (read_at(out.data(), begin, 0, kCannotRead) != begin ||
      read_at(out.data() + end, size_ - end, end, kCannotRead) != size_ - end)
    throw Error(ErrorKind::Io, kCannotRead + path_ + ": the file changed while it was read");
  lazy_bytes_ = out.data();
  return out;
}

std::span<const uint8_t> ModuleFile::fetch(size_t offset, size_t size) {
  const size_t available = offset < size_ ? size_ - offset : 0;
  const size_t want = std::min(size, available);
  if (offset >= window_offset_ && offset + want <= window_offset_ + window_size_)
    return std::span<const uint8_t>(window_).subspan(offset - window_offset_, window_offset_ + window_size_ - offset);
  const size_t read = std::min(std::max(want, kFetchReadAhead), available);
  if (window_.size() < read) window_.resize(read);
  window_offset_ = offset;
  window_size_ = read_at(window_.data(), read, offset, kCannotRead);
  if (window_size_ != read) throw Error(ErrorKind::Io, kCannotRead + path_ + ": the file changed while it was read");
  return std::span<const uint8_t>(window_).first(window_size_);
}

void ModuleFile::fetch_body(const Function& fn) const {
  if (read_at(lazy_bytes_ + fn.body_offset, fn.body_size, fn.body_offset, kCannotReadBody) != fn.body_size)
    throw Error(ErrorKind::Io, kCannotReadBody + path_ + ": the module file changed after loading");
}

}  // namespace wasmrun
