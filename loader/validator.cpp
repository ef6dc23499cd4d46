// Module-level validation: index spaces, limits, constant expressions,
// segments, exports and the start function. Function bodies are checked by
// validator_code.cpp.
#include "loader/validator.h"

#include <algorithm>
#include <memory>
#include <span>
#include <string>
#include <unordered_set>

#include "loader/decoder.h"
#include "loader/error_text.h"
#include "loader/instr_reader.h"
#include "loader/parallel.h"
#include "loader/type_match.h"
#include "loader/validator_context.h"
#include "loader/validator_descriptors.h"
#include "loader/validator_gc.h"

namespace wasmrun {

namespace {

// "unknown global 7" at `offset`, with the size of the index space.
[[noreturn]] void unknown(const char* what, uint64_t index, size_t count, size_t offset) {
  throw_invalid_at(offset, std::string("unknown ") + what + " " + std::to_string(index),
                   index_space_detail(what, count));
}

class ModuleValidator {
 public:
  ModuleValidator(const Module& m, const Features& f) : m_(m), f_(f), item_features_(f) {
    // Element lists of function indices are held as ref.func expressions
    // (decoder.cpp): their ref.func is the segment's encoding, there even
    // without reference types (1.0).
    item_features_.reference_types = true;
  }

  // Without multi-value a function type has at most one result; the
  // types that functions use are checked, at the function.
  void check_single_results() const {
    for (const Function& fn : m_.functions)
      if (m_.types[fn.type_index].results.size() > 1)
        throw_disabled_feature(fn.type_offset, "invalid result arity", "multi-value");
    for (const Import& im : m_.imports)
      if (im.kind == ExternKind::Func && im.func_type < m_.types.size() &&
          m_.types[im.func_type].results.size() > 1)
        throw_disabled_feature(im.entry_offset, "invalid result arity", "multi-value");
  }

  BodyContext run(BodyValidation bodies) {
    validate_type_section(m_);
    for (const Import& im : m_.imports) check_import(im);
    for (const Function& fn : m_.functions) check_type_index(fn.type_index, fn.type_offset);
    if (!f_.multi_value) check_single_results();
    for (size_t i = 0; i < m_.tables.size(); ++i) check_table_type(m_.tables[i], m_.table_offsets[i]);
    for (size_t i = 0; i < m_.memories.size(); ++i) check_memory_type(m_.memories[i], m_.memory_offsets[i]);
    if (m_.all_tables.size() > 1 && !f_.reference_types) {
      ErrorLocation at;
      at.offset = m_.table_offsets.empty() ? 0 : m_.table_offsets.back();
      throw Error(ErrorKind::Invalid, "multiple tables", at,
                  std::to_string(m_.all_tables.size()) + " tables without reference types");
    }
    if (m_.all_memories.size() > 1 && !f_.multi_memory) {
      ErrorLocation at;
      at.offset = second_memory_offset();
      throw Error(ErrorKind::Invalid, "multiple memories", at,
                  std::to_string(m_.all_memories.size()) + " memories without multi-memory");
    }

    for (const TagDef& t : m_.tags) check_tag_type(t.type_index, t.entry_offset);

    collect_declared_refs();

    // A global's initializer sees the imported globals (2.0), and with
    // extended-const the globals defined before it too (3.0's C').
    for (size_t i = 0; i < m_.globals.size(); ++i) {
      const GlobalDef& g = m_.globals[i];
      uint32_t visible = m_.num_imported_globals + (f_.extended_const ? static_cast<uint32_t>(i) : 0);
      check_const_expr(g.init, g.type.type, visible);
    }

    check_table_inits();
    for (const ElemSegment& seg : m_.elems) check_elem(seg);
    for (const DataSegment& d : m_.datas) check_data(d);
    if (m_.start) check_start(*m_.start, m_.start_offset);
    check_exports();

    if (bodies == BodyValidation::Eager) validate_bodies();
    return std::move(body_);
  }

 private:
  void check_type_index(uint32_t idx, size_t offset) const { check_func_type_index(m_, idx, offset); }

  static void check_limits(const Limits& l, uint64_t bound, const char* too_big, size_t offset) {
    if (l.min > bound || (l.has_max && l.max > bound)) throw_invalid_at(offset, too_big, limits_text(l));
    if (l.has_max && l.min > l.max)
      throw_invalid_at(offset, "size minimum must not be greater than maximum", limits_text(l));
  }

  static void check_table_type(const TableType& t, size_t offset) {
    if (t.is64) check_limits(t.limits, UINT64_MAX, "table size must be at most 2^64-1", offset);
    else check_limits(t.limits, UINT32_MAX, "table size must be at most 2^32-1", offset);
  }

  static void check_memory_type(const MemoryType& mt, size_t offset) {
    if (mt.page_size_log2 != 0 && mt.page_size_log2 != 16)
      throw_invalid_at(offset, "invalid custom page size", "2^" + std::to_string(mt.page_size_log2) + " bytes");
    // The order of the two checks follows the test suite: a minimum above
    // the maximum is reported before an out-of-range size.
    const Limits& l = mt.limits;
    // threads: a shared memory never moves, so its whole size is known up front.
    if (mt.shared && !l.has_max) throw_invalid_at(offset, "shared memory must have maximum");
    if (l.has_max && l.min > l.max)
      throw_invalid_at(offset, "size minimum must not be greater than maximum", limits_text(l));
    // 32-bit: 65536 pages of 64 KiB, or 2^32-1 pages of one byte (what the
    // proposal's tests expect); 64-bit: 2^48 pages of 64 KiB, and every
    // u64 count of 1-byte pages.
    if (!mt.is64)
      check_limits(l, mt.page_size_log2 == 16 ? uint64_t{65536} : uint64_t{UINT32_MAX},
                   mt.page_size_log2 == 16 ? "memory size must be at most 65536 pages (4GiB)"
                                           : "memory size must be at most 2^32 bytes",
                   offset);
    else if (mt.page_size_log2 != 0)
      check_limits(l, uint64_t{1} << (64 - mt.page_size_log2), "memory size must be at most 2^48 pages", offset);
  }

  void check_import(const Import& im) const {
    switch (im.kind) {
      case ExternKind::Func: check_type_index(im.func_type, im.entry_offset); break;
      case ExternKind::Table: check_table_type(im.table, im.entry_offset); break;
      case ExternKind::Memory: check_memory_type(im.memory, im.entry_offset); break;
      case ExternKind::Global: break;
      case ExternKind::Tag: check_tag_type(im.tag_type, im.entry_offset); break;
    }
  }

  // A tag's type: a function type whose results are empty.
  void check_tag_type(uint32_t idx, size_t offset) const {
    check_type_index(idx, offset);
    if (!m_.types[idx].results.empty())
      throw_invalid_at(offset, "non-empty tag result type", "type " + std::to_string(idx) + " is " +
                                                                func_type_text(m_.types[idx]));
  }

  // Errors only: where the second memory (imported or defined) is declared.
  size_t second_memory_offset() const {
    unsigned seen = 0;
    for (const Import& im : m_.imports)
      if (im.kind == ExternKind::Memory && ++seen == 2) return im.entry_offset;
    return m_.memory_offsets.at(1 - seen);
  }

  // Every body, in order; big modules on several threads (the error is
  // still the first body's that fails).
  void validate_bodies() const {
    const ValidationContext ctx{m_, f_, body_};
    size_t work = 0;
    for (const Function& fn : m_.functions) work += fn.body_size;
    unsigned threads = loader_threads(work);
    std::vector<std::unique_ptr<FunctionValidator>> validators(threads);
    for_each_ordered(m_.functions.size(), threads, [&](size_t i, unsigned worker) {
      auto& v = validators[worker];
      if (!v) v = std::make_unique<FunctionValidator>(ctx);
      v->validate(static_cast<uint32_t>(i));
    });
  }

  // C.refs: functions named by ref.func outside function bodies or exported.
  void collect_declared_refs() {
    body_.declared_refs.assign(m_.func_types.size(), false);
    body_.custom_descriptors = f_.custom_descriptors;
    if (f_.custom_descriptors) {
      body_.exact_funcs.assign(m_.func_types.size(), true);
      uint32_t func = 0;
      for (const Import& im : m_.imports)
        if (im.kind == ExternKind::Func && func < body_.exact_funcs.size()) body_.exact_funcs[func++] = im.exact;
    }
    auto scan = [&](const ConstExpr& e) {
      InstrReader ir(e.code, e.code_offset, item_features_);
      Instr in;
      while (!ir.at_end()) {
        ir.next(in);
        if (in.op == Op::RefFunc && in.a < body_.declared_refs.size()) body_.declared_refs[in.a] = true;
      }
    };
    for (const GlobalDef& g : m_.globals) scan(g.init);
    for (const ElemSegment& seg : m_.elems) {
      scan(seg.offset);
      for (const ConstExpr& e : seg.items) scan(e);
    }
    for (const Export& e : m_.exports)
      if (e.kind == ExternKind::Func && e.index < body_.declared_refs.size()) body_.declared_refs[e.index] = true;
  }

  // A constant expression producing one `expected` value. `visible_globals`
  // limits global.get (global initialisers see only imports).
  void check_const_expr(const ConstExpr& e, ValType expected, uint32_t visible_globals, bool item = false) const {
    InstrReader ir(e.code, e.code_offset, item ? item_features_ : f_);
    ir.set_type_count(static_cast<uint32_t>(m_.types.size()));
    Instr in;
    std::vector<ValType> stack;
    try {
      check_const_instrs(ir, in, stack, visible_globals);
    } catch (Error& err) {
      ErrorLocation& l = err.location();
      if (!l.offset) l.offset = in.offset;
      if (l.instruction.empty()) l.instruction = op_name(in.op);
      throw;
    }
    if (stack.size() != 1 || !val_matches_fast(stack[0], expected, m_))
      throw_invalid_at(in.offset, "type mismatch",
                       "the constant expression must give " + types_text(std::span(&expected, 1)) + " but gives " +
                           types_text(stack));
  }

  void check_const_instrs(InstrReader& ir, Instr& in, std::vector<ValType>& stack, uint32_t visible_globals) const {
    bool ended = false;
    while (!ir.at_end()) {
      ir.next(in);
      switch (in.op) {
        case Op::I32Const: stack.push_back(ValType::I32); break;
        case Op::I64Const: stack.push_back(ValType::I64); break;
        case Op::F32Const: stack.push_back(ValType::F32); break;
        case Op::F64Const: stack.push_back(ValType::F64); break;
        case Op::V128Const: stack.push_back(ValType::V128); break;
        case Op::RefNull: stack.push_back(in.type); break;
        case Op::RefFunc:
          if (in.a >= m_.func_types.size()) unknown("function", in.a, m_.func_types.size(), in.offset);
          stack.push_back(f_.function_references ? func_ref_type(m_, body_, in.a) : ValType::FuncRef);
          break;
        case Op::GlobalGet: {
          if (in.a >= visible_globals)
            throw_invalid_at(in.offset, "unknown global " + std::to_string(in.a),
                             "this constant expression sees only the first " + std::to_string(visible_globals) +
                                 (f_.extended_const ? " globals" : " globals, the imported ones"));
          const GlobalType& g = m_.all_globals[in.a];
          if (g.mut)
            throw_invalid_at(in.offset, "constant expression required",
                             "global " + std::to_string(in.a) + " is mutable");
          stack.push_back(g.type);
          break;
        }
        case Op::End: ended = true; break;
        default: {
          if (is_gc_const_op(in.op)) {
            ConstStack s(stack, m_);
            validate_gc_instr(in, m_, body_, s);
            break;
          }
          if (!f_.extended_const || !is_extended_const_op(in.op))
            throw_invalid_at(in.offset, "constant expression required", "not a constant instruction");
          // A binary operator of one integer type.
          const ValType t = op_signature(in.op).param_types[0];
          for (int k = 0; k < 2; ++k) {
            if (stack.empty() || stack.back() != t)
              throw_invalid_at(in.offset, "type mismatch",
                               "instruction requires two " + std::string(val_type_name(t)) + " operands but stack has " +
                                   types_text(std::span(stack).last(std::min<size_t>(stack.size(), 2))));
            stack.pop_back();
          }
          stack.push_back(t);
          break;
        }
      }
      if (ended) break;
    }
  }

  // A constant expression's operand stack, for the GC rules: never
  // polymorphic, and without labels.
  class ConstStack final : public OperandStack {
   public:
    ConstStack(std::vector<ValType>& values, const Module& m) : values_(values), m_(m) {}
    ValType pop(ValType expect) override {
      if (values_.empty())
        throw Error(ErrorKind::Invalid, "type mismatch", {},
                    "instruction requires " + val_type_name(expect) + " but stack has []");
      const ValType t = values_.back();
      values_.pop_back();
      if (!val_matches_fast(t, expect, m_))
        throw Error(ErrorKind::Invalid, "type mismatch", {},
                    "instruction requires " + val_type_name(expect) + " but the operand is " + val_type_name(t));
      return t;
    }
    void push(ValType t) override { values_.push_back(t); }
    size_t available() const override { return values_.size(); }
    std::span<const ValType> label_types(uint32_t) override { throw_invalid("constant expression required"); }

   private:
    std::vector<ValType>& values_;
    const Module& m_;
  };

  // The globals a segment's constant expressions see: the imported ones
  // (2.0), or with extended-const all of them (3.0's C).
  uint32_t segment_visible_globals() const {
    return f_.extended_const ? static_cast<uint32_t>(m_.all_globals.size()) : m_.num_imported_globals;
  }

  // A table's initializer gives its element type; without one the
  // elements start null, which a non-null element type does not allow.
  // Like a global's, it is checked in the context C' of the module rule,
  // whose globals are the imported ones alone.
  void check_table_inits() const {
    for (size_t i = 0; i < m_.tables.size(); ++i) {
      const ValType elem = m_.tables[i].elem;
      if (i < m_.table_inits.size() && !m_.table_inits[i].code.empty())
        check_const_expr(m_.table_inits[i], elem, m_.num_imported_globals);
      else if (!elem.nullable())
        throw_invalid_at(m_.table_offsets[i], "type mismatch",
                         "a table of " + val_type_name(elem) + " needs an initializer");
    }
  }

  void check_elem(const ElemSegment& seg) {
    body_.elem_types.push_back(seg.type);
    for (const ConstExpr& e : seg.items) check_const_expr(e, seg.type, segment_visible_globals(), true);
    if (seg.mode == SegmentMode::Active) {
      if (seg.table_index >= m_.all_tables.size())
        unknown("table", seg.table_index, m_.all_tables.size(), seg.entry_offset);
      ValType table_elem = m_.all_tables[seg.table_index].elem;
      if (!val_matches_fast(seg.type, table_elem, m_))
        throw_invalid_at(seg.entry_offset, "type mismatch",
                         "a segment of " + std::string(val_type_name(seg.type)) + " for table " +
                             std::to_string(seg.table_index) + " of " + val_type_name(table_elem));
      check_const_expr(seg.offset, m_.all_tables[seg.table_index].is64 ? ValType::I64 : ValType::I32, segment_visible_globals());
    }
  }

  void check_data(const DataSegment& d) const {
    if (d.mode != SegmentMode::Active) return;
    if (d.memory_index >= m_.all_memories.size())
      unknown("memory", d.memory_index, m_.all_memories.size(), d.entry_offset);
    check_const_expr(d.offset, m_.all_memories[d.memory_index].is64 ? ValType::I64 : ValType::I32, segment_visible_globals());
  }

  void check_start(uint32_t idx, size_t offset) const {
    if (idx >= m_.func_types.size()) unknown("function", idx, m_.func_types.size(), offset);
    const FuncType& ft = m_.func_type(idx);
    if (!ft.params.empty() || !ft.results.empty())
      throw_invalid_at(offset, "start function",
                       "func[" + std::to_string(idx) + "] has type " + func_type_text(ft) + ", not [] -> []");
  }

  void check_exports() const {
    std::unordered_set<std::string_view> names;
    names.reserve(m_.exports.size());
    for (const Export& e : m_.exports) {
      switch (e.kind) {
        case ExternKind::Func:
          if (e.index >= m_.func_types.size()) unknown("function", e.index, m_.func_types.size(), e.entry_offset);
          break;
        case ExternKind::Table:
          if (e.index >= m_.all_tables.size()) unknown("table", e.index, m_.all_tables.size(), e.entry_offset);
          break;
        case ExternKind::Memory:
          if (e.index >= m_.all_memories.size())
            unknown("memory", e.index, m_.all_memories.size(), e.entry_offset);
          break;
        case ExternKind::Global:
          if (e.index >= m_.all_globals.size()) unknown("global", e.index, m_.all_globals.size(), e.entry_offset);
          break;
        case ExternKind::Tag:
          if (e.index >= m_.tag_types.size()) unknown("tag", e.index, m_.tag_types.size(), e.entry_offset);
          break;
      }
      if (!names.insert(e.name).second) throw_invalid_at(e.entry_offset, "duplicate export name", quoted(e.name));
    }
  }

  const Module& m_;
  const Features& f_;
  Features item_features_;  // for the items of element segments
  BodyContext body_;
};

}  // namespace

BodyContext validate_module(const Module& module, const Features& features, BodyValidation bodies) {
  try {
    return ModuleValidator(module, features).run(bodies);
  } catch (Error& e) {
    name_function(e, module);
    throw;
  }
}

void validate_deferred_body(const Module& module, const Features& features, const BodyContext& context,
                            uint32_t defined_index) {
  const Function& fn = module.functions.at(defined_index);
  const ValidationContext ctx{module, features, context};
  FunctionValidator validator(ctx);
  try {
    validator.validate(defined_index);  // checks the syntax too, in one pass
    return;
  } catch (const Error&) {
  }
  // The error, as the specification orders them: syntax first.
  try {
    check_body_syntax(module, fn, features);
    validator.validate(defined_index);
  } catch (Error& e) {
    if (!e.location().function) e.location().function = module.num_imported_funcs + defined_index;
    name_function(e, module);
    throw;
  }
}

}  // namespace wasmrun
