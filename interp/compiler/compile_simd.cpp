#include "interp/compiler/compile_simd.h"

#include <cstring>
#include <string>

#include "wasmrun/error.h"

namespace wasmrun::interp {

namespace {

bool simd_iop(Op op, IOp& out) {
  switch (op) {
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) \
  WASMRUN_IF_SIMD_##prefix(case Op::name : out = IOp::name; return true;)
#include "loader/opcodes.def"
#undef WASM_OP
    default: return false;
  }
}

bool simd_any_memory_iop(Op op, IOp& out) {
  switch (op) {
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) \
  WASMRUN_IF_SIMD_##prefix(WASMRUN_IF_SIMD_MEMORY_##imm(case Op::name : out = IOp::name##_M; return true;))
#include "loader/opcodes.def"
#undef WASM_OP
    default: return false;
  }
}

}  // namespace

bool lower_simd_any_memory(const Instr& in, uint64_t memory_word, SimdInstr& out) {
  if (!simd_any_memory_iop(in.op, out.op)) return false;
  out.num_imms = 0;
  out.imms[out.num_imms++] = memory_word;
  out.imms[out.num_imms++] = in.mem.offset;
  if (op_info(in.op).imm == ImmKind::MemArgLane) out.imms[out.num_imms++] = in.a;
  return true;
}

bool lower_simd(const Instr& in, SimdInstr& out) {
  if (!simd_iop(in.op, out.op)) return false;
  out.num_imms = 0;
  switch (op_info(in.op).imm) {
    case ImmKind::None: break;
    case ImmKind::Lane:
      out.imms[out.num_imms++] = in.a;
      break;
    case ImmKind::V128:
    case ImmKind::Shuffle:
      // 16 bytes in two slots, in memory order: the v128's low half (or
      // shuffle lanes 0-7) first.
      std::memcpy(out.imms, in.v128, 16);
      out.num_imms = 2;
      break;
    case ImmKind::MemArg:
    case ImmKind::MemArgLane:
      // Other memories take lower_simd_any_memory's forms.
      if (in.mem.memory != 0) throw_trap("unsupported instruction: " + std::string(op_name(in.op)));
      out.imms[out.num_imms++] = in.mem.offset;
      if (op_info(in.op).imm == ImmKind::MemArgLane) out.imms[out.num_imms++] = in.a;
      break;
    default: throw_trap("unsupported instruction: " + std::string(op_name(in.op)));
  }
  return true;
}

}  // namespace wasmrun::interp
