// The compiler: a validated function body -> internal code, in four
// passes over instruction records (code_records.h):
//   lower       wasm -> fused records (lower.cpp: the virtual stack,
//               operand folding and the fusions of docs/INTERPRETER.md);
//   thread      branches to branches go on to the last one, a br to a
//               lone copy does the copy (thread.cpp);
//   specialize  neighbouring records -> the tuning table's pairs
//               (specialize.cpp);
//   encode      records -> code words and branch offsets (encode.cpp).
// WASMRUN_DUMP_CODE names the passes whose output to print (to stderr):
// `lower`, `thread`, `specialize`, `encode`, or several with commas; `all`; `1` (any
// other value) is `encode`, the code as it runs.
#include "interp/compiler/compiler.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "interp/compiler/code_dump.h"
#include "interp/compiler/encode.h"
#include "interp/compiler/lower.h"
#include "interp/compiler/specialize.h"
#include "interp/compiler/thread.h"
#include "interp/exec/code_registry.h"

namespace wasmrun::interp {

namespace {

std::atomic<bool> fusion_enabled{true};

// Which passes WASMRUN_DUMP_CODE asks for.
struct DumpPasses {
  bool lower = false, thread = false, specialize = false, encode = false;
  DumpPasses() {
    const char* env = std::getenv("WASMRUN_DUMP_CODE");
    if (!env) return;
    std::string_view v(env);
    auto has = [&](std::string_view name) {
      for (size_t at = v.find(name); at != std::string_view::npos; at = v.find(name, at + 1)) {
        bool starts = at == 0 || v[at - 1] == ',';
        bool ends = at + name.size() == v.size() || v[at + name.size()] == ',';
        if (starts && ends) return true;
      }
      return false;
    };
    lower = has("lower") || has("all");
    thread = has("thread") || has("all");
    specialize = has("specialize") || has("all");
    encode = has("encode") || has("all") || !(lower || thread || specialize);
  }
};

// With WASMRUN_STATS set, the process reports at exit how big the code it
// compiled is next to the wasm it came from (bench/run.sh reads the line).
struct CompileStats {
  std::atomic<uint64_t> wasm_bytes{0}, code_bytes{0};
  bool enabled = std::getenv("WASMRUN_STATS") != nullptr;
  ~CompileStats() {
    if (enabled)
      std::fprintf(stderr, "wasmrun-stats: wasm-code-bytes=%llu compiled-code-bytes=%llu\n",
                   static_cast<unsigned long long>(wasm_bytes.load()),
                   static_cast<unsigned long long>(code_bytes.load()));
  }
};
CompileStats compile_stats;

}  // namespace

void set_fusion_for_testing(bool on) { fusion_enabled = on; }

std::unique_ptr<Code> compile_function(const Module& module, uint32_t func_index, const Features& features,
                                       bool metered) {
  static const DumpPasses dump;
  const bool fuse = fusion_enabled.load();
  LoweredFunction f = lower(module, func_index, features, metered, fuse);
  if (dump.lower) dump_records(func_index, "lower", f);
  if (fuse) thread_branches(f.records);
  if (dump.thread) dump_records(func_index, "thread", f);
  if (fuse && !profiling_unpaired()) specialize(f.records);
  if (dump.specialize) dump_records(func_index, "specialize", f);
  std::vector<std::pair<size_t, IOp>> starts;
  std::unique_ptr<Code> code = encode(f, dump.encode ? &starts : nullptr);
  code->module = &module;
  code->func_index = func_index;
  register_code(code.get());
  if (dump.encode) dump_code(func_index, *code, starts);
  if (compile_stats.enabled) {
    const Function& fn = module.functions.at(func_index - module.num_imported_funcs);
    compile_stats.wasm_bytes += module.body(fn).size();
    compile_stats.code_bytes += code->slots.size() * sizeof(Slot);
  }
  return code;
}

}  // namespace wasmrun::interp
