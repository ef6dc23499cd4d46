// interp/code.h lists the scalar instructions the register-form handlers
// implement, with their semantics. Check those lists against the
// instruction table: right shapes, and no scalar instruction left out.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "interp/code.h"
#include "loader/opcode.h"

using namespace wasmrun;

namespace {

std::set<Op> listed(int kind) {
  std::set<Op> s;
#define WASMRUN_ADD(name, ...) s.insert(Op::name);
  if (kind == 0) { WASMRUN_BINARY_OPS(WASMRUN_ADD) }
  if (kind == 1) { WASMRUN_UNARY_OPS(WASMRUN_ADD) }
  if (kind == 2) { WASMRUN_LOADS(WASMRUN_ADD) }
  if (kind == 3) { WASMRUN_STORES(WASMRUN_ADD) }
#undef WASMRUN_ADD
  return s;
}

}  // namespace

TEST_CASE("interp op lists: shapes match the instruction table", "[opcodes][interp]") {
  for (Op op : listed(0)) {
    INFO(op_name(op));
    const OpSignature& sig = op_signature(op);
    CHECK(sig.fixed);
    CHECK(sig.num_params == 2);
    CHECK(sig.num_results == 1);
    CHECK(sig.param_types[0] == sig.param_types[1]);
    CHECK(op_info(op).imm == ImmKind::None);
  }
  for (Op op : listed(1)) {
    INFO(op_name(op));
    const OpSignature& sig = op_signature(op);
    CHECK((op == Op::RefIsNull || (sig.fixed && sig.num_params == 1 && sig.num_results == 1)));
    CHECK(op_info(op).imm == ImmKind::None);
  }
  for (Op op : listed(2)) {
    INFO(op_name(op));
    CHECK(op_info(op).imm == ImmKind::MemArg);
    CHECK(op_signature(op).num_params == 1);
    CHECK(op_signature(op).num_results == 1);
  }
  for (Op op : listed(3)) {
    INFO(op_name(op));
    CHECK(op_info(op).imm == ImmKind::MemArg);
    CHECK(op_signature(op).num_params == 2);
    CHECK(op_signature(op).num_results == 0);
  }
}

TEST_CASE("interp op lists: every scalar numeric instruction has a handler", "[opcodes][interp]") {
  std::set<Op> all;
  for (int k = 0; k < 4; ++k)
    for (Op op : listed(k)) CHECK(all.insert(op).second);  // no op in two lists
  size_t checked = 0;
  // Every non-SIMD row with no immediate (or a memarg), a fixed signature of
  // scalar numbers and one or two operands is a numeric instruction or a
  // memory access: it must be in one of the lists.
  for (size_t i = 0; i < kOpCount; ++i) {
    Op op = static_cast<Op>(i);
    const OpInfo& info = kOpInfo[i];
    const OpSignature& sig = op_signature(op);
    if (info.prefix == 0xFD || !sig.fixed || sig.num_params == 0) continue;
    bool scalar = true;
    for (ValType t : sig.params())
      scalar = scalar && (t == ValType::I32 || t == ValType::I64 || t == ValType::F32 || t == ValType::F64);
    if (!scalar) continue;
    bool plain = info.imm == ImmKind::None || (info.imm == ImmKind::MemArg && info.access_bytes != 0);
    if (!plain || op == Op::Drop || op == Op::Select || op == Op::BrIf || op == Op::If || op == Op::MemoryGrow ||
        op == Op::MemoryFill || op == Op::MemoryCopy)
      continue;
    INFO(info.name);
    CHECK(all.count(op) == 1);
    ++checked;
  }
  // ... and the lists hold nothing else (ref.is_null takes a reference).
  CHECK(checked + 1 == all.size());
}
