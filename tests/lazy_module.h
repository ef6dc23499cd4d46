// Helpers for the lazy validation and lazy file loading tests: modules of
// simple functions built byte by byte, calls that report errors as text,
// and modules written to temporary files.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

#include "tests/wasm_bytes.h"
#include "wasmrun/wasmrun.h"

namespace wasmrun::testing {

struct Fn {
  std::string export_name;  // "" for none
  Bytes instrs;             // final end included
  uint32_t type = 0;        // index into the module's types
  Bytes locals = {0x00};    // the body's local runs, count included
};

// A module of type 0 = [] -> [i32] and type 1 = [] -> [], the given
// functions (exported by name), `before_code` sections between the export
// and code sections (start, elements, data count), `after_code` sections
// after the code section (data) and `before_exports` sections between the
// function and export sections (memories).
inline Bytes build(const std::vector<Fn>& fns, std::initializer_list<Bytes> before_code = {},
                   std::initializer_list<Bytes> after_code = {}, std::initializer_list<Bytes> before_exports = {}) {
  Bytes out = cat({header(), section(1, vec({functype({}, {I32}), functype({}, {})}))});
  Bytes funcs = uleb(fns.size());
  Bytes exports;
  uint32_t num_exports = 0;
  Bytes code = uleb(fns.size());
  for (size_t i = 0; i < fns.size(); ++i) {
    append(funcs, uleb(fns[i].type));
    if (!fns[i].export_name.empty()) {
      append(exports, cat({str(fns[i].export_name), {0x00}, uleb(i)}));
      ++num_exports;
    }
    append(code, code_entry(fns[i].locals, fns[i].instrs));
  }
  append(out, section(3, funcs));
  for (const Bytes& s : before_exports) append(out, s);
  append(out, section(7, cat({uleb(num_exports), exports})));
  for (const Bytes& s : before_code) append(out, s);
  append(out, section(10, code));
  for (const Bytes& s : after_code) append(out, s);
  return out;
}

inline LoadOptions lazy() {
  LoadOptions o;
  o.lazy_validation = true;
  return o;
}

// Calls export `name` with no arguments: "" and the i32 result in `out`,
// or "<kind>: <message>".
inline std::string call(Store& store, Instance* inst, const std::string& name, uint32_t* out = nullptr) {
  try {
    auto r = store.call(inst->func(name), {});
    if (out && !r.empty()) *out = r[0].i32;
  } catch (const Error& e) {
    return std::string(error_kind_name(e.kind())) + ": " + e.what();
  }
  return "";
}

// A file in /tmp holding `bytes`, removed with this object. Its name ends
// in .wasm, so from_file reads it as binary whatever it holds.
class TempFile {
 public:
  explicit TempFile(const Bytes& bytes) {
    char path_template[] = "/tmp/wasmrun-test-XXXXXX.wasm";
    int fd = ::mkstemps(path_template, 5);
    if (fd < 0) std::abort();
    ::close(fd);
    path_ = path_template;
    write(bytes);
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }
  void write(const Bytes& bytes) const {
    std::ofstream f(path_, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }

 private:
  std::string path_;
};

}  // namespace wasmrun::testing
