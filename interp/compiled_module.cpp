// CompiledModule: reading, decoding and validation through the loader.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "interp/runtime.h"
#include "loader/load.h"
#include "loader/module.h"
#include "loader/text/wat.h"

namespace wasmrun {

namespace {

// The whole file, read with plain read(2) into memory of our own: the
// module must not change under the validator and compiler, so it is not
// mapped. A big buffer is asked for in huge pages (where the kernel has
// them on request): for a 30 MB module that saves most of the time taken
// by page faults, which is most of the time of a lazily validated start.
std::vector<uint8_t> read_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(ErrorKind::Io, "cannot open " + path + ": " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0 || st.st_size < 0) throw Error(ErrorKind::Io, "cannot read " + path);
  const size_t size = static_cast<size_t>(st.st_size);
  std::vector<uint8_t> bytes;
  bytes.reserve(size);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (size >= 2 * kHuge) {
    uintptr_t begin = (reinterpret_cast<uintptr_t>(bytes.data()) + kHuge - 1) & ~(kHuge - 1);
    uintptr_t end = (reinterpret_cast<uintptr_t>(bytes.data()) + size) & ~(kHuge - 1);
    if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // advice only
  }
#endif
  bytes.resize(size);
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, bytes.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(ErrorKind::Io, "cannot read " + path + ": " + std::strerror(errno));
    if (n == 0) break;  // the file shrank meanwhile: what is there is the module
    done += static_cast<size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

}  // namespace

CompiledModule::CompiledModule(std::shared_ptr<const Module> ir, const Features& features)
    : ir_(std::move(ir)), features_(features), code_cache_(std::make_unique<CodeCache>()) {
  code_cache_->funcs.resize(ir_->functions.size());
}

CompiledModule::~CompiledModule() = default;

// The loader: decoding and validation. With lazy validation the decoder
// reads only each body's header and module-level validation leaves the
// bodies alone; ensure_compiled checks each one on first call.
std::shared_ptr<CompiledModule> CompiledModule::load(std::vector<uint8_t>&& bytes, const Features& features,
                                                     const LoadOptions& options) {
  const bool lazy = options.lazy_validation;
  LoadedModule loaded =
      load_module(std::move(bytes), features, lazy ? BodyValidation::Deferred : BodyValidation::Eager);
  auto cm = std::make_shared<CompiledModule>(std::make_shared<const Module>(std::move(loaded.module)), features);
  cm->options_ = options;
  if (lazy) cm->code_cache_->deferred_bodies = std::make_unique<const BodyContext>(std::move(loaded.bodies));
  return cm;
}

std::shared_ptr<CompiledModule> CompiledModule::from_binary(std::span<const uint8_t> bytes, const Features& features,
                                                            const LoadOptions& options) {
  return load(std::vector<uint8_t>(bytes.begin(), bytes.end()), features, options);
}

std::shared_ptr<CompiledModule> CompiledModule::from_binary(std::vector<uint8_t>&& bytes, const Features& features,
                                                            const LoadOptions& options) {
  return load(std::move(bytes), features, options);
}

std::shared_ptr<CompiledModule> CompiledModule::from_text(std::string_view wat, const Features& features,
                                                          const LoadOptions& options) {
  return load(wat_to_binary(wat, features), features, options);
}

std::shared_ptr<CompiledModule> CompiledModule::from_file(const std::string& path, const Features& features,
                                                          const LoadOptions& options) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw Error(ErrorKind::Io, "cannot open " + path + ": no such file");
  if (!std::filesystem::is_regular_file(status)) throw Error(ErrorKind::Io, "cannot open " + path + ": not a regular file");
  std::vector<uint8_t> bytes = read_file(path);
  // A .wasm file is always binary, so junk gets the binary format's
  // "magic header not detected" rather than a text syntax error.
  static const uint8_t kMagic[4] = {0x00, 0x61, 0x73, 0x6D};
  bool has_magic = bytes.size() >= 4 && std::equal(bytes.begin(), bytes.begin() + 4, kMagic);
  bool wasm_suffix = path.size() >= 5 && path.compare(path.size() - 5, 5, ".wasm") == 0;
  if (has_magic || wasm_suffix) return load(std::move(bytes), features, options);
  return from_text(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), features, options);
}

std::vector<CompiledModule::ImportInfo> CompiledModule::imports() const {
  std::vector<ImportInfo> out;
  for (const Import& i : ir_->imports) out.push_back({i.module, i.name, i.kind});
  return out;
}

std::vector<CompiledModule::ExportInfo> CompiledModule::exports() const {
  std::vector<ExportInfo> out;
  for (const Export& e : ir_->exports) out.push_back({e.name, e.kind});
  return out;
}

}  // namespace wasmrun
