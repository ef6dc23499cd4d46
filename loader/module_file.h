// ModuleFile: a module's file, read with pread(2) into memory of our own.
//
// Eager loading reads the whole file. Lazy loading (a big binary file with
// LoadOptions::lazy_validation) reads everything but the code section's
// contents into a buffer the size of the file, lets the decoder fetch the
// body headers it needs, and reads each function body into its place in
// that buffer just before the body is first validated. The file stays open
// as long as the module, so a body comes from the file loaded even if the
// file is renamed or deleted.
//
// A body is validated and compiled from the copy in our buffer, never from
// the file itself, and nothing is mapped: a file changed after loading can
// only give another (still validated) function or a clean Io error, never
// a crash or a SIGBUS.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "loader/byte_buffer.h"
#include "loader/module.h"

namespace wasmrun {

class ModuleFile {
 public:
  // Error kind Io if the file cannot be opened or its size read.
  explicit ModuleFile(const std::string& path);
  ~ModuleFile();
  ModuleFile(const ModuleFile&) = delete;
  ModuleFile& operator=(const ModuleFile&) = delete;

  size_t size() const { return size_; }  // when opened

  // The file's first bytes (up to `n`), to tell binary from text.
  std::vector<uint8_t> prefix(size_t n) const;

  // The whole file. If it shrank since it was opened, what is there.
  std::vector<uint8_t> read_all() const;

  // Lazy loading: a buffer of size() bytes holding the whole file except
  // the code section's contents, which are left uninitialized (the pages
  // untouched). The buffer must outlive this object's fetch_body calls.
  ByteBuffer read_all_but_code();

  // DecodeOptions::fetch_code for the buffer read_all_but_code returned.
  std::span<const uint8_t> fetch(size_t offset, size_t size);

  // Reads `fn`'s body into its place in that buffer. Error kind Io if the
  // file can no longer give it (it shrank, or reading fails).
  void fetch_body(const Function& fn) const;

 private:
  // Reads up to `size` bytes at `offset`; fewer only at the end of the
  // file. Error kind Io on failure, its message `what`, the path and why.
  size_t read_at(uint8_t* out, size_t size, size_t offset, const char* what) const;
  // Where the code section's contents lie in the file: an empty range at
  // the end if there is none before the first malformed section header
  // (the decoder then reports that header from the bytes read in full).
  std::pair<size_t, size_t> code_contents() const;

  int fd_ = -1;
  std::string path_;
  size_t size_ = 0;
  uint8_t* lazy_bytes_ = nullptr;   // the buffer read_all_but_code returned
  std::vector<uint8_t> window_;     // fetch()'s last read
  size_t window_offset_ = 0;
  size_t window_size_ = 0;
};

}  // namespace wasmrun
