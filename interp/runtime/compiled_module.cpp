// CompiledModule: reading, decoding and validation through the loader.
#include <algorithm>
#include <filesystem>

#include "interp/runtime/runtime.h"
#include "loader/load.h"
#include "loader/module.h"
#include "loader/module_file.h"
#include "loader/text/wat.h"

namespace wasmrun {

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

// Like load, with the code section's contents left in the file: the
// decoder fetches the body headers, ensure_compiled each body.
std::shared_ptr<CompiledModule> CompiledModule::load_lazily(std::unique_ptr<ModuleFile> file, const Features& features,
                                                            const LoadOptions& options) {
  ModuleFile& source = *file;
  LoadedModule loaded = load_module(source.read_all_but_code(), features, BodyValidation::Deferred,
                                    [&source](size_t offset, size_t size) { return source.fetch(offset, size); });
  auto cm = std::make_shared<CompiledModule>(std::make_shared<const Module>(std::move(loaded.module)), features);
  cm->options_ = options;
  cm->code_cache_->deferred_bodies = std::make_unique<const BodyContext>(std::move(loaded.bodies));
  cm->code_cache_->body_file = std::move(file);
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
  auto file = std::make_unique<ModuleFile>(path);
  // A .wasm file is always binary, so junk gets the binary format's
  // "magic header not detected" rather than a text syntax error.
  static const uint8_t kMagic[4] = {0x00, 0x61, 0x73, 0x6D};
  std::vector<uint8_t> head = file->prefix(4);
  bool has_magic = head.size() == 4 && std::equal(head.begin(), head.end(), kMagic);
  bool wasm_suffix = path.size() >= 5 && path.compare(path.size() - 5, 5, ".wasm") == 0;
  // Lazily validated bodies need not be read at load: most of a big
  // module's bytes are never looked at.
  if ((has_magic || wasm_suffix) && options.lazy_validation) return load_lazily(std::move(file), features, options);
  std::vector<uint8_t> bytes = file->read_all();
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
