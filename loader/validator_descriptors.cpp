#include "loader/validator_descriptors.h"

#include <string>

#include "loader/error_text.h"
#include "loader/type_match.h"

namespace wasmrun {

namespace {

bool in_group(const SubType& st, uint32_t x) { return x >= st.rec_begin && x - st.rec_begin < st.rec_size; }

bool is_subtype(uint32_t a, uint32_t b, const Module& m) {
  return heap_matches(HeapType::index(a), HeapType::index(b), m);
}

}  // namespace

void validate_descriptor_clauses(const Module& m, uint32_t i) {
  const SubType& st = m.type_defs[i];
  const std::string which = "type " + std::to_string(i);
  if (st.has_descriptor()) {
    if (!in_group(st, st.descriptor))
      throw_invalid_at(st.offset, "descriptor type is outside rec group",
                       which + " has descriptor " + std::to_string(st.descriptor));
    if (st.kind != Composite::Struct)
      throw_invalid_at(st.offset, "descriptor type must be a struct",
                       which + " is a " + composite_name(st.kind) + " type with a descriptor");
    if (m.type_defs[st.descriptor].describes != i)
      throw_invalid_at(st.offset, "type is not described by its descriptor",
                       which + "'s descriptor " + std::to_string(st.descriptor) + " does not describe it");
  }
  if (st.has_describes()) {
    if (!in_group(st, st.describes))
      throw_invalid_at(st.offset, "described type is outside rec group",
                       which + " describes " + std::to_string(st.describes));
    if (st.describes >= i)
      throw_invalid_at(st.offset, "forward use of described type",
                       which + " describes " + std::to_string(st.describes) + ", which is not defined before it");
    if (st.kind != Composite::Struct)
      throw_invalid_at(st.offset, "described type must be a struct",
                       which + " is a " + composite_name(st.kind) + " type that describes another");
    if (m.type_defs[st.describes].descriptor != i)
      throw_invalid_at(st.offset, "described type is not described by descriptor",
                       which + " describes " + std::to_string(st.describes) + ", whose descriptor it is not");
  }
}

void validate_descriptor_subtyping(const Module& m, uint32_t i) {
  const SubType& st = m.type_defs[i];
  const SubType& sup = m.type_defs[st.super];
  const std::string mismatch = "sub type " + std::to_string(i) + " does not match super type " + std::to_string(st.super);
  if (sup.has_descriptor()) {
    if (!st.has_descriptor())
      throw_invalid_at(st.offset, mismatch, "the supertype has a descriptor and the subtype has none");
    if (!is_subtype(st.descriptor, sup.descriptor, m))
      throw_invalid_at(st.offset, "descriptor type " + std::to_string(st.descriptor) + " does not match",
                       "the supertype's descriptor " + std::to_string(sup.descriptor));
  }
  if (st.has_describes() != sup.has_describes())
    throw_invalid_at(st.offset, mismatch, "only one of them describes a type");
  if (st.has_describes() && !is_subtype(st.describes, sup.describes, m))
    throw_invalid_at(st.offset, "described type " + std::to_string(st.describes) + " does not match",
                     "the type the supertype describes, " + std::to_string(sup.describes));
}

namespace {

[[noreturn]] void invalid(const std::string& message, std::string detail = {}) {
  throw Error(ErrorKind::Invalid, message, {}, std::move(detail));
}

const SubType& struct_type(const Module& m, uint32_t x) {
  if (x >= m.type_defs.size())
    invalid("unknown type " + std::to_string(x), index_space_detail("type", m.type_defs.size()));
  const SubType& st = m.type_defs[x];
  if (st.kind != Composite::Struct)
    invalid("type mismatch", "type " + std::to_string(x) + " is a " + composite_name(st.kind) + " type, not a struct");
  return st;
}

// The descriptor of the cast target `rt` (ref null? (exact? x)): x must
// have one ("type any does not have a descriptor").
uint32_t target_descriptor(const Module& m, ValType rt) {
  const HeapType h = rt.heap();
  if (h.kind == HeapType::Kind::Index && h.value < m.type_defs.size() && m.type_defs[h.value].has_descriptor())
    return m.type_defs[h.value].descriptor;
  if (h.kind == HeapType::Kind::Index && h.value >= m.type_defs.size())
    invalid("unknown type " + std::to_string(h.value), index_space_detail("type", m.type_defs.size()));
  invalid("type " + heap_type_name(h.with_exact(false)) + " does not have a descriptor");
}

ValType desc_operand(uint32_t y, bool exact) { return ValType::ref(HeapType::index(y).with_exact(exact), true); }

ValType unpack(ValType zt) { return is_packed(zt) ? ValType::I32 : zt; }

}  // namespace

bool is_descriptor_op(Op op) {
  switch (op) {
    case Op::StructNewDesc: case Op::StructNewDefaultDesc: case Op::RefGetDesc: case Op::RefCastDescEq:
    case Op::RefCastDescEqNull: case Op::BrOnCastDescEq: case Op::BrOnCastDescEqFail:
      return true;
    default: return false;
  }
}

void check_plain_allocation(const Module& m, uint32_t x) {
  if (x < m.type_defs.size() && m.type_defs[x].has_descriptor())
    invalid("type with descriptor requires descriptor allocation",
            "type " + std::to_string(x) + " has descriptor " + std::to_string(m.type_defs[x].descriptor) +
                ": use struct.new_desc or struct.new_default_desc");
}

void validate_descriptor_instr(const Instr& in, const Module& m, OperandStack& s) {
  switch (in.op) {
    case Op::StructNewDesc:
    case Op::StructNewDefaultDesc: {
      // C |- struct.new_desc x : t* (ref null (exact y)) -> (ref (exact x))
      const SubType& st = struct_type(m, in.a);
      if (!st.has_descriptor())
        invalid("type without descriptor requires non-descriptor allocation",
                "type " + std::to_string(in.a) + " has no descriptor: use struct.new or struct.new_default");
      if (in.op == Op::StructNewDefaultDesc) {
        for (size_t i = 0; i < st.fields.size(); ++i)
          if (!defaultable(unpack(st.fields[i].storage)))
            invalid("field type is not defaultable", "field " + std::to_string(i) + " of type " +
                                                         std::to_string(in.a) + " is " +
                                                         storage_type_name(st.fields[i].storage));
      }
      s.pop(desc_operand(st.descriptor, true));
      if (in.op == Op::StructNewDesc)
        for (size_t i = st.fields.size(); i-- > 0;) s.pop(unpack(st.fields[i].storage));
      s.push(ValType::ref(HeapType::index(in.a).with_exact(true), false));
      break;
    }
    case Op::RefGetDesc: {
      // C |- ref.get_desc x : (ref null (exact_1 x)) -> (ref (exact_1 y))
      if (in.a < m.type_defs.size() && !m.type_defs[in.a].has_descriptor())
        invalid("type without descriptor", "type " + std::to_string(in.a) + " has no descriptor clause");
      const SubType& st = struct_type(m, in.a);
      if (!st.has_descriptor())
        invalid("type without descriptor", "type " + std::to_string(in.a) + " has no descriptor clause");
      const ValType t = s.pop(ValType::ref(HeapType::index(in.a), true));
      const bool exact = !t.is_ref() || val_matches(t, desc_operand(in.a, true), m);
      s.push(ValType::ref(HeapType::index(st.descriptor).with_exact(exact), false));
      break;
    }
    case Op::RefCastDescEq:
    case Op::RefCastDescEqNull: {
      // C |- ref.cast_desc_eq rt : (ref null ht) (ref null (exact_1 y)) -> rt
      const ValType rt = in.type.with_nullable(in.op == Op::RefCastDescEqNull);
      const uint32_t y = target_descriptor(m, rt);
      s.pop(desc_operand(y, rt.heap().exact));
      s.pop(ValType::ref(HeapType::abs(heap_top(rt.heap(), m)), true));
      s.push(rt);
      break;
    }
    case Op::BrOnCastDescEq:
    case Op::BrOnCastDescEqFail: {
      const uint32_t y = target_descriptor(m, in.type2);
      s.pop(desc_operand(y, in.type2.heap().exact));
      break;
    }
    default: invalid("no validation rule for " + std::string(op_name(in.op)));
  }
}

ValType func_ref_type(const Module& m, const BodyContext& body, uint32_t func) {
  const bool exact = func < body.exact_funcs.size() && body.exact_funcs[func];
  return ValType::ref(HeapType::index(m.func_types[func]).with_exact(exact), false);
}

}  // namespace wasmrun
