#include "interp/runtime/const_eval.h"

#include <cstring>
#include <string>

#include "interp/semantics/scalar_ops.h"
#include "loader/instr_reader.h"
#include "loader/validator.h"

namespace wasmrun::interp {

namespace {

uint64_t binary(Op op, uint64_t a, uint64_t b) {
  switch (op) {
#define WASMRUN_CASE(name, ...) \
  case Op::name: return scalar::name(a, b);
    WASMRUN_BINARY_OPS(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: throw_invalid("constant expression required");
  }
}

// The validator allows the operators it lists (loader/validator.h); they
// are the rows the semantics table marks CONSTANT.
constexpr bool constant_rows_agree() {
  for (size_t i = 0; i < kOpCount; ++i)
    if (scalar_semantics(static_cast<Op>(i)).constant != is_extended_const_op(static_cast<Op>(i))) return false;
  return true;
}
static_assert(constant_rows_agree());

}  // namespace

void eval_const(std::span<const uint8_t> expr, const InstanceImpl& inst, const Features& features, uint64_t out[2]) {
  // A value is two slots wide here so v128 fits; the validator bounds the
  // expression's shape, this only has to compute it.
  struct V {
    uint64_t lo, hi;
  };
  std::vector<V> stack;
  InstrReader reader(expr, 0, features);
  Instr in;
  auto pop = [&stack]() {
    V v = stack.back();
    stack.pop_back();
    return v;
  };
  while (!reader.at_end()) {
    reader.next(in);
    switch (in.op) {
      case Op::I32Const:
      case Op::I64Const:
      case Op::F32Const:
      case Op::F64Const: stack.push_back({in.bits, 0}); break;
      case Op::V128Const: {
        V v;
        std::memcpy(&v.lo, in.v128, 8);
        std::memcpy(&v.hi, in.v128 + 8, 8);
        stack.push_back(v);
        break;
      }
      case Op::RefNull: stack.push_back({0, 0}); break;
      case Op::RefFunc:
        stack.push_back({reinterpret_cast<uintptr_t>(static_cast<Func*>(inst.funcs.at(in.a))), 0});
        break;
      case Op::GlobalGet: {
        const GlobalImpl* g = inst.globals.at(in.a);
        stack.push_back({g->val[0], g->val[1]});
        break;
      }
      case Op::End:
        if (stack.empty()) throw_invalid("type mismatch");
        out[0] = stack.back().lo;
        out[1] = stack.back().hi;
        return;
      default: {
        // extended-const: the binary operators scalar_semantics.h marks
        // CONSTANT, computed as their handlers compute them.
        if (!scalar_semantics(in.op).constant) throw_invalid("constant expression required");
        V b = pop(), a = pop();
        stack.push_back({binary(in.op, a.lo, b.lo), 0});
        break;
      }
    }
  }
  throw_malformed("unexpected end");
}

}  // namespace wasmrun::interp
