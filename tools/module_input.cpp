#include "tools/module_input.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

namespace wasmrun::cli {

namespace {

std::vector<uint8_t> read_stdin() {
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, stdin)) > 0) bytes.insert(bytes.end(), chunk, chunk + n);
  if (std::ferror(stdin)) throw Error(ErrorKind::Io, std::string("cannot read the module from stdin: ") + std::strerror(errno));
  return bytes;
}

bool is_binary(const std::vector<uint8_t>& bytes) {
  return bytes.size() >= 4 && std::memcmp(bytes.data(), "\0asm", 4) == 0;
}

}  // namespace

std::shared_ptr<CompiledModule> load_module(const std::string& path, const Features& features,
                                            const LoadOptions& options, uint64_t lazy_from_bytes) {
  LoadOptions load = options;
  if (path == "-") {
    std::vector<uint8_t> bytes = read_stdin();
    if (lazy_from_bytes) load.lazy_validation = bytes.size() >= lazy_from_bytes;
    if (is_binary(bytes)) return CompiledModule::from_binary(std::move(bytes), features, load);
    return CompiledModule::from_text(std::string(bytes.begin(), bytes.end()), features, load);
  }
  if (lazy_from_bytes) {
    std::error_code ec;
    uint64_t size = std::filesystem::file_size(path, ec);
    load.lazy_validation = !ec && size >= lazy_from_bytes;
  }
  return CompiledModule::from_file(path, features, load);
}

}  // namespace wasmrun::cli
