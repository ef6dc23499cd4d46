// The GC instructions' typing rules (WebAssembly 3.0, validation of
// instructions: reference, aggregate, cast, i31 and conversion
// instructions), each read off the SpecTec rule Instr_ok/<name>.
#include "loader/validator_gc.h"

#include <algorithm>
#include <string>

#include "loader/error_text.h"
#include "loader/type_match.h"
#include "loader/validator_descriptors.h"

namespace wasmrun {

namespace {

[[noreturn]] void invalid(const std::string& message, std::string detail = {}) {
  throw Error(ErrorKind::Invalid, message, {}, std::move(detail));
}

[[noreturn]] void unknown(const char* what, uint64_t index, size_t count) {
  invalid(std::string("unknown ") + what + " " + std::to_string(index), index_space_detail(what, count));
}

std::string type_name(uint32_t idx) { return "type " + std::to_string(idx); }

// The value type a field of storage type `zt` is read and written as:
// packed fields as i32 ($unpack).
ValType unpack(ValType zt) { return is_packed(zt) ? ValType::I32 : zt; }

// "a struct", "an array", "a func": the kind of a type in a sentence.
std::string a_kind(Composite c) { return (c == Composite::Array ? "an " : "a ") + std::string(composite_name(c)); }

bool is_num_or_vec(ValType t) { return is_num(t) || t == ValType::V128; }

// The rules, with the module, the body's context and the stack at hand.
class GcRules {
 public:
  GcRules(const Module& m, const BodyContext& body, OperandStack& s) : m_(m), body_(body), s_(s) {}

  void check(const Instr& in) {
    switch (in.op) {
      case Op::StructNew: {
        const SubType& st = composite(in.a, Composite::Struct);
        check_plain_allocation(m_, in.a);
        for (size_t i = st.fields.size(); i-- > 0;) s_.pop(unpack(st.fields[i].storage));
        s_.push(ref_to(in.a));
        break;
      }
      case Op::StructNewDefault: {
        const SubType& st = composite(in.a, Composite::Struct);
        check_plain_allocation(m_, in.a);
        for (size_t i = 0; i < st.fields.size(); ++i)
          if (!defaultable(unpack(st.fields[i].storage)))
            invalid("field type is not defaultable", "field " + std::to_string(i) + " of " + type_name(in.a) +
                                                         " is " + storage_type_name(st.fields[i].storage));
        s_.push(ref_to(in.a));
        break;
      }
      case Op::StructGet:
      case Op::StructGetS:
      case Op::StructGetU: {
        const FieldType& f = field(in.a, in.b);
        check_extension(in.op != Op::StructGet, f.storage, "field");
        s_.pop(ref_null_to(in.a));
        s_.push(unpack(f.storage));
        break;
      }
      case Op::StructSet: {
        const FieldType& f = field(in.a, in.b);
        if (!f.mut) invalid("immutable field", "field " + std::to_string(in.b) + " of " + type_name(in.a));
        s_.pop(unpack(f.storage));
        s_.pop(ref_null_to(in.a));
        break;
      }
      case Op::ArrayNew: {
        const FieldType& f = element(in.a);
        s_.pop(ValType::I32);
        s_.pop(unpack(f.storage));
        s_.push(ref_to(in.a));
        break;
      }
      case Op::ArrayNewDefault: {
        const FieldType& f = element(in.a);
        if (!defaultable(unpack(f.storage)))
          invalid("array type is not defaultable", type_name(in.a) + " holds " + storage_type_name(f.storage));
        s_.pop(ValType::I32);
        s_.push(ref_to(in.a));
        break;
      }
      case Op::ArrayNewFixed: {
        const FieldType& f = element(in.a);
        pop_n(unpack(f.storage), in.b);
        s_.push(ref_to(in.a));
        break;
      }
      case Op::ArrayNewData: {
        const FieldType& f = element(in.a);
        need_numeric(in.a, f);
        need_data(in.b);
        s_.pop(ValType::I32);
        s_.pop(ValType::I32);
        s_.push(ref_to(in.a));
        break;
      }
      case Op::ArrayNewElem: {
        const FieldType& f = element(in.a);
        need_elem_fits(in.b, in.a, f);
        s_.pop(ValType::I32);
        s_.pop(ValType::I32);
        s_.push(ref_to(in.a));
        break;
      }
      case Op::ArrayGet:
      case Op::ArrayGetS:
      case Op::ArrayGetU: {
        const FieldType& f = element(in.a);
        check_extension(in.op != Op::ArrayGet, f.storage, "array");
        s_.pop(ValType::I32);
        s_.pop(ref_null_to(in.a));
        s_.push(unpack(f.storage));
        break;
      }
      case Op::ArraySet: {
        const FieldType& f = mutable_element(in.a);
        s_.pop(unpack(f.storage));
        s_.pop(ValType::I32);
        s_.pop(ref_null_to(in.a));
        break;
      }
      case Op::ArrayLen:
        s_.pop(ValType::ArrayRef);
        s_.push(ValType::I32);
        break;
      case Op::ArrayFill: {
        const FieldType& f = mutable_element(in.a);
        s_.pop(ValType::I32);
        s_.pop(unpack(f.storage));
        s_.pop(ValType::I32);
        s_.pop(ref_null_to(in.a));
        break;
      }
      case Op::ArrayCopy: {
        const FieldType& dst = mutable_element(in.a);
        const FieldType& src = element(in.b);
        if (!storage_matches(src.storage, dst.storage, m_))
          invalid("array types do not match", type_name(in.b) + " holds " + storage_type_name(src.storage) + ", " +
                                                  type_name(in.a) + " holds " + storage_type_name(dst.storage));
        s_.pop(ValType::I32);
        s_.pop(ValType::I32);
        s_.pop(ref_null_to(in.b));
        s_.pop(ValType::I32);
        s_.pop(ref_null_to(in.a));
        break;
      }
      case Op::ArrayInitData:
      case Op::ArrayInitElem: {
        const FieldType& f = mutable_element(in.a);
        if (in.op == Op::ArrayInitData) {
          need_numeric(in.a, f);
          need_data(in.b);
        } else {
          need_elem_fits(in.b, in.a, f);
        }
        for (int i = 0; i < 3; ++i) s_.pop(ValType::I32);
        s_.pop(ref_null_to(in.a));
        break;
      }
      case Op::RefTest:
      case Op::RefTestNull:
      case Op::RefCast:
      case Op::RefCastNull: {
        // The operand may be any reference of the target's hierarchy: its
        // top type, nullable, is the greatest rt' with rt <: rt'.
        const bool nullable = in.op == Op::RefTestNull || in.op == Op::RefCastNull;
        const ValType rt = in.type.with_nullable(nullable);
        s_.pop(ValType::ref(HeapType::abs(heap_top(rt.heap(), m_)), true));
        s_.push(in.op == Op::RefTest || in.op == Op::RefTestNull ? ValType::I32 : rt);
        break;
      }
      case Op::BrOnCast:
      case Op::BrOnCastFail: check_br_on_cast(in); break;
      case Op::AnyConvertExtern:
      case Op::ExternConvertAny: {
        // The reference's nullability carries over; an unknown operand is
        // taken as non-null, the more precise choice.
        const bool to_any = in.op == Op::AnyConvertExtern;
        const ValType t = s_.pop(to_any ? ValType::ExternRef : ValType::AnyRef);
        const bool nullable = t.is_ref() && t.nullable();
        s_.push(ValType::ref(HeapType::abs(to_any ? AbsHeap::Any : AbsHeap::Extern), nullable));
        break;
      }
      case Op::RefI31:
        s_.pop(ValType::I32);
        s_.push(ValType::ref(HeapType::abs(AbsHeap::I31), false));
        break;
      case Op::I31GetS:
      case Op::I31GetU:
        s_.pop(ValType::I31Ref);
        s_.push(ValType::I32);
        break;
      case Op::RefEq:
        s_.pop(ValType::EqRef);
        s_.pop(ValType::EqRef);
        s_.push(ValType::I32);
        break;
      case Op::BrOnCastDescEq:
      case Op::BrOnCastDescEqFail:
        validate_descriptor_instr(in, m_, s_);
        check_br_on_cast(in);
        break;
      default:
        if (is_descriptor_op(in.op)) {
          validate_descriptor_instr(in, m_, s_);
          break;
        }
        invalid("no validation rule for " + std::string(op_name(in.op)));
    }
  }

 private:
  // What an allocation gives: exact with custom descriptors.
  ValType ref_to(uint32_t idx) const { return allocated_type(body_, idx); }
  static ValType ref_null_to(uint32_t idx) { return ValType::ref(HeapType::index(idx), true); }

  // Type index `idx`, which must be a `kind` type (Expand: C.TYPES[x] ~~ ...).
  const SubType& composite(uint32_t idx, Composite kind) const {
    if (idx >= m_.type_defs.size()) unknown("type", idx, m_.type_defs.size());
    const SubType& st = m_.type_defs[idx];
    if (st.kind != kind)
      invalid("type mismatch", type_name(idx) + " is " + a_kind(st.kind) + " type, not " + a_kind(kind) + " type");
    return st;
  }
  const FieldType& field(uint32_t type_idx, uint32_t field_idx) const {
    const SubType& st = composite(type_idx, Composite::Struct);
    if (field_idx >= st.fields.size()) {
      invalid("unknown field " + std::to_string(field_idx),
              type_name(type_idx) + " has " + std::to_string(st.fields.size()) +
                  (st.fields.size() == 1 ? " field" : " fields"));
    }
    return st.fields[field_idx];
  }
  const FieldType& element(uint32_t idx) const {
    const SubType& st = composite(idx, Composite::Array);
    return st.fields.at(0);
  }
  const FieldType& mutable_element(uint32_t idx) const {
    const FieldType& f = element(idx);
    if (!f.mut) invalid("immutable array", type_name(idx) + " has an immutable element type");
    return f;
  }

  // _s and _u read packed storage, and only packed storage.
  static void check_extension(bool extends, ValType storage, const char* what) {
    if (extends == is_packed(storage)) return;
    invalid(std::string(what) + (extends ? " is unpacked" : " is packed"),
            "of " + storage_type_name(storage) + (extends ? ": read it without _s or _u" : ": read it with _s or _u"));
  }

  static void need_numeric(uint32_t idx, const FieldType& f) {
    if (!is_num_or_vec(unpack(f.storage)))
      invalid("array type is not numeric or vector", type_name(idx) + " holds " + storage_type_name(f.storage));
  }

  void need_data(uint32_t idx) const {
    if (!m_.data_count) throw Error(ErrorKind::Malformed, "data count section required", {}, "for a data index");
    if (idx >= *m_.data_count) unknown("data segment", idx, *m_.data_count);
  }

  // Element segment `elem`'s type must match the array's element type.
  void need_elem_fits(uint32_t elem, uint32_t idx, const FieldType& f) const {
    if (elem >= body_.elem_types.size()) unknown("elem segment", elem, body_.elem_types.size());
    const ValType et = body_.elem_types[elem];
    if (!storage_matches(et, f.storage, m_))
      invalid("type mismatch", "elem segment " + std::to_string(elem) + " holds " + val_type_name(et) + ", " +
                                   type_name(idx) + " holds " + storage_type_name(f.storage));
  }

  // `n` operands of type `t` (array.new_fixed): the stack's own values
  // one by one, and past them at most one more pop, which either fails or
  // shows the rest are unknown, so a huge count costs nothing.
  void pop_n(ValType t, uint32_t n) {
    const size_t have = std::min<size_t>(n, s_.available());
    for (size_t i = 0; i < have; ++i) s_.pop(t);
    if (n > have) s_.pop(t);
  }

  // br_on_cast l rt1 rt2 branches with rt2 and falls through with
  // rt1 \ rt2; br_on_cast_fail branches with rt1 \ rt2 and falls through
  // with rt2. The label takes t* rt; t* is passed on as the label's.
  void check_br_on_cast(const Instr& in) {
    const ValType rt1 = in.type, rt2 = in.type2;
    // Custom descriptors relax rt2 <: rt1 to both being in one hierarchy.
    if (body_.custom_descriptors) {
      if (heap_top(rt1.heap(), m_) != heap_top(rt2.heap(), m_))
        invalid("type mismatch", "the cast's target " + val_type_name(rt2) + " and its source " +
                                     val_type_name(rt1) + " are in different hierarchies");
    } else if (!val_matches(rt2, rt1, m_))
      invalid("type mismatch", "the cast's target " + val_type_name(rt2) + " is no subtype of its source " +
                                   val_type_name(rt1));
    // rt1 \ rt2: a nullable target takes the null, which the other side
    // then does not have.
    const ValType diff = rt2.nullable() ? rt1.with_nullable(false) : rt1;
    const bool on_cast = in.op == Op::BrOnCast || in.op == Op::BrOnCastDescEq;
    const ValType to_label = on_cast ? rt2 : diff;
    const ValType fall_through = on_cast ? diff : rt2;
    std::span<const ValType> ts = s_.label_types(in.a);
    if (ts.empty()) invalid("type mismatch", "label " + std::to_string(in.a) + " takes [], not a reference");
    if (!val_matches(to_label, ts.back(), m_))
      invalid("type mismatch", "the branch gives " + val_type_name(to_label) + ", label " + std::to_string(in.a) +
                                   " takes " + val_type_name(ts.back()));
    s_.pop(rt1);
    const std::span<const ValType> rest = ts.first(ts.size() - 1);
    for (size_t i = rest.size(); i-- > 0;) s_.pop(rest[i]);
    for (ValType t : rest) s_.push(t);
    s_.push(fall_through);
  }

  const Module& m_;
  const BodyContext& body_;
  OperandStack& s_;
};

}  // namespace

bool is_gc_op(Op op) {
  switch (op) {
    case Op::StructNew: case Op::StructNewDefault: case Op::StructGet: case Op::StructGetS: case Op::StructGetU:
    case Op::StructSet: case Op::ArrayNew: case Op::ArrayNewDefault: case Op::ArrayNewFixed: case Op::ArrayNewData:
    case Op::ArrayNewElem: case Op::ArrayGet: case Op::ArrayGetS: case Op::ArrayGetU: case Op::ArraySet:
    case Op::ArrayLen: case Op::ArrayFill: case Op::ArrayCopy: case Op::ArrayInitData: case Op::ArrayInitElem:
    case Op::RefTest: case Op::RefTestNull: case Op::RefCast: case Op::RefCastNull: case Op::BrOnCast:
    case Op::BrOnCastFail: case Op::AnyConvertExtern: case Op::ExternConvertAny: case Op::RefI31:
    case Op::I31GetS: case Op::I31GetU: case Op::RefEq:
      return true;
    default: return is_descriptor_op(op);
  }
}

bool is_gc_const_op(Op op) {
  switch (op) {
    case Op::StructNew: case Op::StructNewDefault: case Op::ArrayNew: case Op::ArrayNewDefault:
    case Op::ArrayNewFixed: case Op::RefI31: case Op::AnyConvertExtern: case Op::ExternConvertAny:
    case Op::StructNewDesc: case Op::StructNewDefaultDesc:
      return true;
    default: return false;
  }
}

void validate_gc_instr(const Instr& in, const Module& m, const BodyContext& body, OperandStack& stack) {
  GcRules(m, body, stack).check(in);
}

}  // namespace wasmrun
