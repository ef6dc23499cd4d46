#include "interp/runtime/const_eval.h"

#include <cstring>
#include <string>

#include "interp/runtime/gc_objects.h"
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
  // The top `n` values as stack slots (two for v128), as the handlers see
  // operands; value k is of storage type storage(k).
  auto take_slots = [&stack](size_t n, auto storage) {
    if (n > stack.size()) throw_invalid("type mismatch");
    const size_t first = stack.size() - n;
    std::vector<uint64_t> slots;
    for (size_t k = 0; k < n; ++k) {
      slots.push_back(stack[first + k].lo);
      if (slot_count(storage(k)) == 2) slots.push_back(stack[first + k].hi);
    }
    stack.resize(first);
    return slots;
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
      // GC (3.0): aggregates, i31 and the conversions (which change no bits).
      case Op::StructNew:
      case Op::StructNewDefault:
      case Op::ArrayNew:
      case Op::ArrayNewDefault:
      case Op::ArrayNewFixed: {
        const GcTypeInfo* t = inst.gc_types.at(in.a);
        // The operands as stack slots, as the handlers see them.
        size_t n = in.op == Op::StructNew ? t->fields.size()
                   : in.op == Op::ArrayNew ? 1
                   : in.op == Op::ArrayNewFixed ? in.b
                                                : 0;
        uint32_t length = 0;
        if (in.op == Op::ArrayNew || in.op == Op::ArrayNewDefault) length = static_cast<uint32_t>(pop().lo);
        const std::vector<uint64_t> slots = take_slots(n, [t](size_t k) {
          return t->fields[t->kind == Composite::Struct ? k : 0].storage;
        });
        Store::Impl& S = *inst.store;
        GcObject* o = nullptr;
        switch (in.op) {
          case Op::StructNew: o = new_struct(S, t, slots.data(), nullptr); break;
          case Op::StructNewDefault: o = new_struct(S, t, nullptr, nullptr); break;
          case Op::ArrayNew: o = new_array(S, t, length, slots.data(), nullptr); break;
          case Op::ArrayNewDefault: o = new_array(S, t, length, nullptr, nullptr); break;
          default: o = new_array_fixed(S, t, in.b, slots.data(), nullptr); break;
        }
        stack.push_back({reinterpret_cast<uintptr_t>(o), 0});
        break;
      }
      case Op::StructNewDesc:
      case Op::StructNewDefaultDesc: {
        // Custom descriptors: the fields (struct.new_desc), then the descriptor.
        const GcTypeInfo* t = inst.gc_types.at(in.a);
        const uint64_t desc = pop().lo;
        if (desc == 0) trap_null_descriptor();
        const size_t n = in.op == Op::StructNewDesc ? t->fields.size() : 0;
        const std::vector<uint64_t> slots = take_slots(n, [t](size_t k) { return t->fields[k].storage; });
        GcObject* o = new_struct_desc(*inst.store, t, n ? slots.data() : nullptr, &desc, nullptr);
        stack.push_back({reinterpret_cast<uintptr_t>(o), 0});
        break;
      }
      case Op::RefI31: stack.push_back({i31_word(static_cast<uint32_t>(pop().lo)), 0}); break;
      case Op::AnyConvertExtern:
      case Op::ExternConvertAny: break;
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
