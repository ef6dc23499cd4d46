// Module-level validation: index spaces, limits, constant expressions,
// segments, exports and the start function. Function bodies are checked by
// validator_code.cpp.
#include "loader/validator.h"

#include <memory>
#include <string>
#include <unordered_set>

#include "loader/decoder.h"
#include "loader/instr_reader.h"
#include "loader/parallel.h"
#include "loader/validator_context.h"

namespace wasmrun {

namespace {

constexpr uint64_t kMaxMemoryPages = 65536;

[[noreturn]] void unknown(const char* what, uint64_t index) {
  throw_invalid(std::string("unknown ") + what + " " + std::to_string(index));
}

class ModuleValidator {
 public:
  ModuleValidator(const Module& m, const Features& f) : m_(m), f_(f) {}

  BodyContext run(BodyValidation bodies) {
    for (const Import& im : m_.imports) check_import(im);
    for (const Function& fn : m_.functions) check_type_index(fn.type_index);
    for (const TableType& t : m_.tables) check_table_type(t);
    for (const MemoryType& mt : m_.memories) check_memory_type(mt);
    if (m_.all_memories.size() > 1 && !f_.multi_memory) throw_invalid("multiple memories");

    collect_declared_refs();

    // Constant expressions see only the imported globals (2.0).
    for (const GlobalDef& g : m_.globals) check_const_expr(g.init, g.type.type, m_.num_imported_globals);

    for (const ElemSegment& seg : m_.elems) check_elem(seg);
    for (const DataSegment& d : m_.datas) check_data(d);
    if (m_.start) check_start(*m_.start);
    check_exports();

    if (bodies == BodyValidation::Eager) validate_bodies();
    return std::move(body_);
  }

 private:
  void check_type_index(uint32_t idx) const {
    if (idx >= m_.types.size()) unknown("type", idx);
  }

  static void check_limits(const Limits& l, uint64_t bound, const char* too_big) {
    if (l.min > bound || (l.has_max && l.max > bound)) throw_invalid(too_big);
    if (l.has_max && l.min > l.max) throw_invalid("size minimum must not be greater than maximum");
  }

  static void check_table_type(const TableType& t) {
    check_limits(t.limits, UINT32_MAX, "table size must be at most 2^32-1");
  }

  static void check_memory_type(const MemoryType& mt) {
    // The order of the two checks follows the test suite: a minimum above
    // the maximum is reported before an out-of-range size.
    const Limits& l = mt.limits;
    if (l.has_max && l.min > l.max) throw_invalid("size minimum must not be greater than maximum");
    check_limits(l, kMaxMemoryPages, "memory size must be at most 65536 pages (4GiB)");
  }

  void check_import(const Import& im) const {
    switch (im.kind) {
      case ExternKind::Func: check_type_index(im.func_type); break;
      case ExternKind::Table: check_table_type(im.table); break;
      case ExternKind::Memory: check_memory_type(im.memory); break;
      case ExternKind::Global: break;
    }
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
      v->validate(m_.functions[i]);
    });
  }

  // C.refs: functions named by ref.func outside function bodies or exported.
  void collect_declared_refs() {
    body_.declared_refs.assign(m_.func_types.size(), false);
    auto scan = [&](const ConstExpr& e) {
      InstrReader ir(e.code, 0, f_);
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
  void check_const_expr(const ConstExpr& e, ValType expected, uint32_t visible_globals) const {
    InstrReader ir(e.code, 0, f_);
    Instr in;
    std::vector<ValType> stack;
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
          if (in.a >= m_.func_types.size()) unknown("function", in.a);
          stack.push_back(ValType::FuncRef);
          break;
        case Op::GlobalGet: {
          if (in.a >= visible_globals) unknown("global", in.a);
          const GlobalType& g = m_.all_globals[in.a];
          if (g.mut) throw_invalid("constant expression required");
          stack.push_back(g.type);
          break;
        }
        case Op::End: ended = true; break;
        default: throw_invalid("constant expression required");
      }
      if (ended) break;
    }
    if (stack.size() != 1 || stack[0] != expected) throw_invalid("type mismatch");
  }

  void check_elem(const ElemSegment& seg) {
    body_.elem_types.push_back(seg.type);
    for (const ConstExpr& e : seg.items) check_const_expr(e, seg.type, m_.num_imported_globals);
    if (seg.mode == SegmentMode::Active) {
      if (seg.table_index >= m_.all_tables.size()) unknown("table", seg.table_index);
      if (m_.all_tables[seg.table_index].elem != seg.type) throw_invalid("type mismatch");
      check_const_expr(seg.offset, ValType::I32, m_.num_imported_globals);
    }
  }

  void check_data(const DataSegment& d) const {
    if (d.mode != SegmentMode::Active) return;
    if (d.memory_index >= m_.all_memories.size()) unknown("memory", d.memory_index);
    check_const_expr(d.offset, ValType::I32, m_.num_imported_globals);
  }

  void check_start(uint32_t idx) const {
    if (idx >= m_.func_types.size()) unknown("function", idx);
    const FuncType& ft = m_.func_type(idx);
    if (!ft.params.empty() || !ft.results.empty()) throw_invalid("start function");
  }

  void check_exports() const {
    std::unordered_set<std::string_view> names;
    names.reserve(m_.exports.size());
    for (const Export& e : m_.exports) {
      switch (e.kind) {
        case ExternKind::Func:
          if (e.index >= m_.func_types.size()) unknown("function", e.index);
          break;
        case ExternKind::Table:
          if (e.index >= m_.all_tables.size()) unknown("table", e.index);
          break;
        case ExternKind::Memory:
          if (e.index >= m_.all_memories.size()) unknown("memory", e.index);
          break;
        case ExternKind::Global:
          if (e.index >= m_.all_globals.size()) unknown("global", e.index);
          break;
      }
      if (!names.insert(e.name).second) throw_invalid("duplicate export name");
    }
  }

  const Module& m_;
  const Features& f_;
  BodyContext body_;
};

}  // namespace

BodyContext validate_module(const Module& module, const Features& features, BodyValidation bodies) {
  return ModuleValidator(module, features).run(bodies);
}

void validate_deferred_body(const Module& module, const Features& features, const BodyContext& context,
                            uint32_t defined_index) {
  const Function& fn = module.functions.at(defined_index);
  const ValidationContext ctx{module, features, context};
  FunctionValidator validator(ctx);
  try {
    validator.validate(fn);  // checks the syntax too, in one pass
    return;
  } catch (const Error&) {
  }
  // The error, as the specification orders them: syntax first.
  check_body_syntax(module, fn, features);
  validator.validate(fn);
}

}  // namespace wasmrun
