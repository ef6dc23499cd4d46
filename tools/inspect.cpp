#include "tools/inspect.h"

#include <fmt/core.h>

#include <cstdio>
#include <span>

#include "loader/module.h"
#include "tools/error_line.h"
#include "tools/module_input.h"
#include "tools/options.h"

namespace wasmrun::cli {

namespace {

const char* section_name(uint8_t id) {
  static const char* const kNames[] = {"custom", "type",   "import", "function", "table", "memory", "global",
                                       "export", "start",  "element", "code",    "data",  "datacount", "tag"};
  return id < std::size(kNames) ? kNames[id] : "unknown";
}

// Reads a LEB128 u32 at bytes[pos]; false past the end or if too long.
bool read_u32(std::span<const uint8_t> bytes, size_t& pos, uint32_t& out) {
  out = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (pos >= bytes.size()) return false;
    uint8_t b = bytes[pos++];
    out |= static_cast<uint32_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

// The section headers of a binary module (already decoded, so well
// formed; still read with bounds checks).
void print_sections(std::span<const uint8_t> bytes) {
  struct Section { uint8_t id; size_t offset; uint32_t size; std::string custom; };
  std::vector<Section> sections;
  size_t pos = 8;
  while (pos < bytes.size()) {
    Section s{bytes[pos], pos, 0, {}};
    ++pos;
    if (!read_u32(bytes, pos, s.size) || s.size > bytes.size() - pos) break;
    if (s.id == 0) {
      size_t p = pos;
      uint32_t len = 0;
      if (read_u32(bytes, p, len) && len <= pos + s.size - p)
        s.custom.assign(reinterpret_cast<const char*>(bytes.data() + p), len);
    }
    pos += s.size;
    sections.push_back(std::move(s));
  }
  fmt::print("sections: {}\n", sections.size());
  for (const Section& s : sections) {
    fmt::print("  {:<10} id {:>2}  at 0x{:08x}  {:>10} bytes", section_name(s.id), s.id, s.offset, s.size);
    if (s.id == 0) fmt::print("  \"{}\"", s.custom);
    fmt::print("\n");
  }
}

std::string types_text(const std::vector<ValType>& types) {
  std::string s = "(";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i) s += ' ';
    s += val_type_name(types[i]);
  }
  return s + ")";
}

std::string limits_text(const Limits& l) {
  return l.has_max ? fmt::format("{}..{}", l.min, l.max) : fmt::format("{}..", l.min);
}

std::string type_text(const Module& m, ExternKind kind, uint32_t index) {
  switch (kind) {
    case ExternKind::Func: {
      const FuncType& t = m.func_type(index);
      return types_text(t.params) + " -> " + types_text(t.results);
    }
    case ExternKind::Table: {
      const TableType& t = m.all_tables[index];
      return fmt::format("{} {}", val_type_name(t.elem), limits_text(t.limits));
    }
    case ExternKind::Memory: {
      const MemoryType& t = m.all_memories[index];
      return fmt::format("{} pages{}{}", limits_text(t.limits), t.is64 ? " i64" : "", t.shared ? " shared" : "");
    }
    case ExternKind::Global: {
      const GlobalType& t = m.all_globals[index];
      return fmt::format("{}{}", t.mut ? "mut " : "", val_type_name(t.type));
    }
    case ExternKind::Tag: {
      std::string s = "(";
      for (ValType t : m.types[m.tag_types[index]].params) s += std::string(s.size() > 1 ? " " : "") + val_type_name(t);
      return s + ")";
    }
  }
  return "?";
}

void print_module(const std::string& path, const Module& m) {
  std::span<const uint8_t> bytes(m.bytes.data(), m.bytes.size());
  fmt::print("{}: {} bytes{}\n", path, bytes.size(), m.module_name.empty() ? "" : ", module $" + m.module_name);
  print_sections(bytes);

  fmt::print("imports: {}\n", m.imports.size());
  uint32_t next[4] = {0, 0, 0, 0};  // the next index in each index space
  for (const Import& imp : m.imports) {
    uint32_t index = next[static_cast<int>(imp.kind)]++;
    fmt::print("  {:<7} \"{}\" \"{}\": {}\n", extern_kind_name(imp.kind), imp.module, imp.name,
               type_text(m, imp.kind, index));
  }
  fmt::print("exports: {}\n", m.exports.size());
  for (const Export& e : m.exports)
    fmt::print("  {:<7} \"{}\": {}[{}] {}\n", extern_kind_name(e.kind), e.name, extern_kind_name(e.kind), e.index,
               type_text(m, e.kind, e.index));

  uint64_t code_bytes = 0;
  for (const Function& f : m.functions) code_bytes += f.body_size;
  fmt::print("functions: {} ({} imported, {} defined, {} bytes of code), types: {}\n", m.func_types.size(),
             m.num_imported_funcs, m.functions.size(), code_bytes, m.types.size());
  auto list = [&](const char* what, ExternKind kind, size_t total, uint32_t imported) {
    fmt::print("{}: {} ({} imported)\n", what, total, imported);
    for (uint32_t i = 0; i < total; ++i)
      fmt::print("  {}[{}] {}{}\n", extern_kind_name(kind), i, type_text(m, kind, i), i < imported ? " (imported)" : "");
  };
  list("tables", ExternKind::Table, m.all_tables.size(), m.num_imported_tables);
  list("memories", ExternKind::Memory, m.all_memories.size(), m.num_imported_memories);
  list("globals", ExternKind::Global, m.all_globals.size(), m.num_imported_globals);
  uint64_t data_bytes = 0;
  for (const DataSegment& d : m.datas) data_bytes += d.data_size;
  fmt::print("element segments: {}, data segments: {} ({} bytes)\n", m.elems.size(), m.datas.size(), data_bytes);
  if (m.start) fmt::print("start: func[{}]\n", *m.start);
}

}  // namespace

int inspect_main(const std::vector<std::string>& args) {
  Features features = Features::defaults();
  std::string path, binary_out;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string v;
    OptionMatch out = take_option(args, i, "--write-binary", v);
    if (out == OptionMatch::Missing) return usage_error("--write-binary needs a file");
    if (out == OptionMatch::Yes) {
      binary_out = v;
      continue;
    }
    OptionMatch m = take_option(args, i, "--features", v);
    if (m == OptionMatch::Missing)
      return usage_error("--features needs a profile (2.0, 3.0, all) or a list such as 3.0,+tail-call,-simd");
    if (m == OptionMatch::Yes) {
      std::string error;
      if (!parse_features(v, features, error)) return usage_error("--features " + v + ": " + error);
    } else if (args[i] == "-h" || args[i] == "--help") {
      fmt::print("Usage: wasmrun inspect [--features LIST] [--write-binary OUT] FILE\n");
      return 0;
    } else if (args[i].size() > 1 && args[i][0] == '-') {
      return usage_error("unknown option '" + args[i] + "'");
    } else if (!path.empty()) {
      return usage_error("inspect takes one module file");
    } else {
      path = args[i];
    }
  }
  if (path.empty()) return usage_error("no module file given");
  try {
    auto module = load_module(path, features, LoadOptions{});
    if (!binary_out.empty()) {
      // The validated module's binary encoding (a text module's, encoded):
      // for engines that read only binaries.
      const auto& bytes = module->ir().bytes;
      std::FILE* f = std::fopen(binary_out.c_str(), "wb");
      if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size() || std::fclose(f) != 0) {
        if (f) std::fclose(f);
        fmt::print(stderr, "wasmrun: {}: cannot write the binary\n", binary_out);
        return 1;
      }
      return 0;
    }
    print_module(path, module->ir());
    return 0;
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Io) fmt::print(stderr, "wasmrun: {}\n", e.what());
    else fmt::print(stderr, "wasmrun: {}\n", module_error_line(path, e));
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "wasmrun: {}: {}\n", path, e.what());
    return 1;
  }
}

}  // namespace wasmrun::cli
