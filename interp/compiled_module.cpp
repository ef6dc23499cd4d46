// CompiledModule: decoding and validation through the loader.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "interp/runtime.h"
#include "loader/decoder.h"
#include "loader/validator.h"
#include "loader/text/wat.h"

namespace wasmrun {

namespace {
// Decodes and validates a binary module (the loader).
std::shared_ptr<const Module> load_module(std::span<const uint8_t> bytes, const Features& features) {
  auto m = std::make_shared<Module>(decode_module(bytes, features));
  validate_module(*m, features);
  return m;
}
}  // namespace

CompiledModule::CompiledModule(std::shared_ptr<const Module> ir, const Features& features)
    : ir_(std::move(ir)), features_(features), code_cache_(std::make_unique<CodeCache>()) {
  code_cache_->funcs.resize(ir_->functions.size());
}

CompiledModule::~CompiledModule() = default;

std::shared_ptr<CompiledModule> CompiledModule::from_binary(std::span<const uint8_t> bytes,
                                                            const Features& features) {
  return std::make_shared<CompiledModule>(load_module(bytes, features), features);
}

std::shared_ptr<CompiledModule> CompiledModule::from_text(std::string_view wat, const Features& features) {
  std::vector<uint8_t> binary = wat_to_binary(wat, features);
  return from_binary(binary, features);
}

std::shared_ptr<CompiledModule> CompiledModule::from_file(const std::string& path, const Features& features) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw Error(ErrorKind::Io, "cannot open " + path + ": no such file");
  if (!std::filesystem::is_regular_file(status)) throw Error(ErrorKind::Io, "cannot open " + path + ": not a regular file");
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw Error(ErrorKind::Io, "cannot open " + path);
  std::streamoff size = in.tellg();
  if (size < 0) throw Error(ErrorKind::Io, "cannot read " + path);
  std::vector<uint8_t> bytes(static_cast<size_t>(size));
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(bytes.data()), size)) throw Error(ErrorKind::Io, "cannot read " + path);
  // A .wasm file is always binary, so junk gets the binary format's
  // "magic header not detected" rather than a text syntax error.
  static const uint8_t kMagic[4] = {0x00, 0x61, 0x73, 0x6D};
  bool has_magic = bytes.size() >= 4 && std::equal(bytes.begin(), bytes.begin() + 4, kMagic);
  bool wasm_suffix = path.size() >= 5 && path.compare(path.size() - 5, 5, ".wasm") == 0;
  if (has_magic || wasm_suffix) return from_binary(bytes, features);
  return from_text(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), features);
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
