// A readable listing of compiled code, for looking at what the compiler
// makes of a hot loop: `WASMRUN_DUMP_CODE=1 wasmrun prog.wasm` prints every
// function as it is compiled (to stderr).
#include "interp/compiler/code_dump.h"

#include <cstdio>

namespace wasmrun::interp {

const char* iop_name(IOp op) {
  static const char* const names[] = {
#define WASMRUN_IOP(name) #name,
      WASMRUN_EACH_SCALAR_IOP()
#undef WASMRUN_IOP
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) WASMRUN_IF_SIMD_##prefix(#name, )
#include "loader/opcodes.def"
#undef WASM_OP
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) \
  WASMRUN_IF_SIMD_##prefix(WASMRUN_IF_SIMD_MEMORY_##imm(#name "_M", ))
#include "loader/opcodes.def"
#undef WASM_OP
  };
  static_assert(sizeof(names) / sizeof(names[0]) == static_cast<size_t>(IOp::Count));
  size_t i = static_cast<size_t>(op);
  return i < static_cast<size_t>(IOp::Count) ? names[i] : "?";
}

void dump_code(uint32_t func_index, const Code& code, const std::vector<std::pair<size_t, IOp>>& starts) {
  std::fprintf(stderr, "func %u: %zu slots, locals %u, frame %u\n", func_index, code.slots.size(), code.local_slots,
               code.max_slots);
  for (size_t k = 0; k < starts.size(); ++k) {
    size_t pos = starts[k].first;
    size_t end = k + 1 < starts.size() ? starts[k + 1].first : code.slots.size();
    std::fprintf(stderr, "  %5zu %-20s %u", pos, iop_name(starts[k].second),
                 static_cast<uint32_t>(code.slots[pos].u64 >> 32));
    for (size_t i = pos + 1; i < end; ++i) {
      uint64_t w = code.slots[i].u64;
      if (w >> 32)
        std::fprintf(stderr, " [%u|%d]", static_cast<uint32_t>(w), static_cast<int32_t>(w >> 32));
      else
        std::fprintf(stderr, " %llu", static_cast<unsigned long long>(w));
    }
    std::fprintf(stderr, "\n");
  }
}

void dump_records(uint32_t func_index, const char* pass, const LoweredFunction& f) {
  const Records& recs = f.records;
  std::fprintf(stderr, "func %u after %s: %zu records, locals %u, frame %u\n", func_index, pass, recs.size(),
               f.local_slots, f.max_slots);
  // Each record's branches, in record order (a br_table has many).
  std::vector<std::vector<const BranchField*>> branches(recs.size());
  for (const BranchField& b : recs.branches()) branches[b.record].push_back(&b);
  for (size_t i = 0; i < recs.size(); ++i) {
    const Record& r = recs[i];
    std::fprintf(stderr, "  #%-5zu @%-6x %-20s %u", i, r.source, iop_name(r.op), r.a);
    for (size_t k = 1; k < r.words(); ++k) {
      uint64_t w = recs.word(i, k);
      if (w >> 32)
        std::fprintf(stderr, " [%u|%u]", static_cast<uint32_t>(w), static_cast<uint32_t>(w >> 32));
      else
        std::fprintf(stderr, " %llu", static_cast<unsigned long long>(w));
    }
    for (const BranchField* b : branches[i]) std::fprintf(stderr, " -> #%u", b->target);
    std::fprintf(stderr, "\n");
  }
}

}  // namespace wasmrun::interp
