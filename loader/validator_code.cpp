// Function-body validation: the operand/control stack algorithm of the
// specification's validation appendix.
#include <algorithm>
#include <array>
#include <deque>
#include <span>
#include <string>
#include <vector>

#include "loader/error_text.h"
#include "loader/instr_reader.h"
#include "loader/type_match.h"
#include "loader/validator_context.h"
#include "loader/validator_descriptors.h"
#include "loader/validator_gc.h"

namespace wasmrun {

namespace {

// The "unknown" operand type of the polymorphic stack after an unconditional
// branch; not a real encoding, so it can share ValType's storage.
constexpr ValType kUnknown{};

bool is_num_or_unknown(ValType t) { return t == kUnknown || (is_num(t)); }
bool is_vec_or_unknown(ValType t) { return t == kUnknown || t == ValType::V128; }
bool is_ref_or_unknown(ValType t) { return t == kUnknown || is_ref(t); }

// "unknown local 5", with the size of the index space. The instruction's
// offset is added on the way out (CodeValidator::run).
[[noreturn]] void unknown(const char* what, uint64_t index, size_t count) {
  throw Error(ErrorKind::Invalid, std::string("unknown ") + what + " " + std::to_string(index), {},
              index_space_detail(what, count));
}

[[noreturn]] void invalid(const char* message, std::string detail) {
  throw Error(ErrorKind::Invalid, message, {}, std::move(detail));
}

// Lanes of the vector shape an instruction's name starts with.
uint32_t lane_count(Op op) {
  std::string_view n = op_name(op);
  if (n.starts_with("i8x16")) return 16;
  if (n.starts_with("i16x8")) return 8;
  if (n.starts_with("i32x4") || n.starts_with("f32x4")) return 4;
  return 2;
}

uint32_t log2_bytes(uint32_t bytes) {
  uint32_t l = 0;
  while ((1u << l) < bytes) ++l;
  return l;
}

// Block types are views into storage that outlives validation (the
// module's types, or kSingleTypes), so control frames never allocate.
using Types = std::span<const ValType>;

constexpr ValType kSingleTypes[] = {ValType::I32, ValType::I64, ValType::F32, ValType::F64,
                                    ValType::V128, ValType::FuncRef, ValType::ExternRef, ValType::ExnRef};

Types single_type(ValType t) {
  for (const ValType& s : kSingleTypes)
    if (s == t) return Types(&s, 1);
  return {};
}

// What step() needs to know about each opcode, gathered once from the
// opcode table: one load per instruction instead of several lookups.
struct OpRule {
  OpSignature sig;
  ImmKind imm = ImmKind::None;
  uint8_t access_bytes = 0;
  uint8_t lanes = 0;       // ImmKind::Lane: lanes of the vector shape
  bool atomic = false;     // a 0xFE access: its alignment must be exactly natural
  bool plain = false;      // fixed signature and no immediate to check
};

const OpRule* op_rules() {
  static const std::vector<OpRule> rules = [] {
    std::vector<OpRule> t(kOpCount);
    for (size_t i = 0; i < kOpCount; ++i) {
      const Op op = static_cast<Op>(i);
      OpRule& r = t[i];
      r.sig = op_signature(op);
      r.imm = op_info(op).imm;
      r.access_bytes = op_info(op).access_bytes;
      if (r.imm == ImmKind::Lane) r.lanes = static_cast<uint8_t>(lane_count(op));
      r.atomic = op_info(op).prefix == 0xFE;
      bool checked_imm = r.imm == ImmKind::MemArg || r.imm == ImmKind::MemArgLane || r.imm == ImmKind::Memory ||
                         r.imm == ImmKind::Lane || r.imm == ImmKind::Shuffle;
      bool checked_op = op == Op::MemoryInit || op == Op::DataDrop || op == Op::MemoryCopy ||
                        op == Op::TableInit || op == Op::ElemDrop || op == Op::TableSize;
      // The plain path pushes at most one result (a wide multiply has two).
      r.plain = r.sig.fixed && !checked_imm && !checked_op && r.sig.num_results <= 1;
    }
    return t;
  }();
  return rules.data();
}

struct Ctrl {
  Op op;
  Types start, end;
  size_t height;
  bool unreachable = false;
  size_t init_mark = 0;  // init_log_'s size at the block's start
};

class CodeValidator {
 public:
  explicit CodeValidator(const ValidationContext& ctx) : ctx_(ctx), m_(ctx.module), rules_(op_rules()) {}

  // Validates the body of defined function `defined_index`. An error says
  // where: the function, the instruction and its offset, and for a type
  // mismatch the types expected and found.
  void run(uint32_t defined_index) {
    const Function& fn = m_.functions[defined_index];
    Instr in;
    try {
      begin(fn);
      check_body(fn, in);
    } catch (Error& e) {
      locate(e, defined_index, in);
      throw;
    }
  }

 private:
  // The state at the body's start.
  void begin(const Function& fn) {
    type_ = &m_.types[fn.type_index];
    block_results_.clear();
    local_runs_.clear();
    vals_.clear();
    ctrls_.clear();
    // Locals are looked up by run (binary search over the runs' ends), not
    // expanded: a few bytes can declare tens of thousands of them.
    uint64_t end = 0;
    for (ValType t : type_->params) local_runs_.push_back({++end, t});
    for (const LocalRun& run : fn.locals) local_runs_.push_back({end += run.count, run.type});
    // Few locals (the usual case) are also listed one by one.
    local_types_.clear();
    flat_locals_ = end <= kFlatLocals;
    if (flat_locals_) {
      uint64_t i = 0;
      for (const LocalEnd& r : local_runs_)
        for (; i < r.end; ++i) local_types_.push_back(r.type);
    }

    // Non-defaultable locals (non-null references) must be set before they
    // are read; a set lasts until the end of its block (local_init.wast).
    track_init_ = false;
    init_log_.clear();
    for (const LocalRun& run : fn.locals) track_init_ |= !defaultable(run.type);
    if (track_init_) {
      init_.assign(end, 1);
      uint64_t i = type_->params.size();
      for (const LocalRun& run : fn.locals) {
        if (!defaultable(run.type)) std::fill(init_.begin() + i, init_.begin() + i + run.count, 0);
        i += run.count;
      }
    }

    push_ctrl(Op::Block, {}, type_->results);
  }

  void check_initialized(uint32_t idx) const {
    if (idx < init_.size() && !init_[idx]) throw_invalid("uninitialized local");
  }
  void mark_initialized(uint32_t idx) {
    if (idx < init_.size() && !init_[idx]) {
      init_[idx] = 1;
      init_log_.push_back(idx);
    }
  }
  // Back to the state at a block's start: its sets end with it.
  void unset_since(size_t mark) {
    for (size_t i = mark; i < init_log_.size(); ++i) init_[init_log_[i]] = 0;
    init_log_.resize(mark);
  }

  // `in` is left holding the instruction that failed, if one does.
  void check_body(const Function& fn, Instr& in) {
    InstrReader ir(m_.body(fn), fn.body_offset, ctx_.features);
    ir.set_type_count(static_cast<uint32_t>(m_.types.size()));
    // The body is read within its bounds and must close with its final
    // `end` at its last byte. A decoder scanning bodies has checked that
    // already; without that scan, the errors below are what these checks
    // find instead (not the messages of the scan: see loader/load.cpp).
    do {
      if (ir.at_end()) throw_malformed_at(ir.offset(), "unexpected end of section or function", "no final end");
      ir.next(in);
      step(in);
    } while (!ctrls_.empty());
    if (!ir.at_end()) throw_malformed_at(ir.offset(), "section size mismatch", "code after the final end");
  }

  // ---- errors ------------------------------------------------------------
  // Only on the way to throwing: the checks themselves build no text.

  [[gnu::cold, gnu::noinline]] void locate(Error& e, uint32_t defined_index, const Instr& in) {
    ErrorLocation& l = e.location();
    if (!l.function) l.function = m_.num_imported_funcs + defined_index;
    if (!l.offset) {
      l.offset = in.offset;
      if (l.instruction.empty()) l.instruction = op_name(in.op);
    }
    if (e.kind() == ErrorKind::Invalid && e.detail().empty() && std::string_view(e.what()) == "type mismatch" &&
        *l.offset == in.offset) {
      // What was on the stack is gone by now: check the body again up to
      // the failing instruction, and look there.
      const Function& fn = m_.functions[defined_index];
      begin(fn);
      InstrReader ir(m_.body(fn), fn.body_offset, ctx_.features);
      Instr before;
      for (;;) {
        ir.next(before);
        if (before.offset == in.offset) break;
        step(before);
      }
      e.set_detail(explain_mismatch(in));
    }
  }

  // The operand stack of the innermost block, or its top `n` values.
  Types frame_values() const { return Types(vals_).subspan(ctrls_.back().height); }
  Types top_values(size_t n) const {
    Types all = frame_values();
    return all.subspan(all.size() - std::min(n, all.size()));
  }

  // The reference interpreter's wording, which the 3.0 suite's messages
  // quote ("type mismatch: instruction requires [i32] but stack has []"),
  // then where the types come from.
  static std::string expected_got(Types expected, Types got, const std::string& where = {}) {
    return "instruction requires " + types_text(expected) + " but stack has " + types_text(got) +
           (where.empty() ? "" : " (" + where + ")");
  }
  // `operands` then an i32 (a condition, a table index, ...).
  std::string expected_and_i32(Types operands) const {
    scratch_.assign(operands.begin(), operands.end());
    scratch_.push_back(ValType::I32);
    return expected_got(scratch_, top_values(scratch_.size()));
  }

  static const char* block_name(Op op) {
    switch (op) {
      case Op::Loop: return "loop";
      case Op::If: return "if";
      case Op::Else: return "else";
      default: return "block";
    }
  }

  // Why `in` does not fit the operand stack (the state just before it).
  std::string explain_mismatch(const Instr& in) {
    const OpRule& rule = rules_[static_cast<size_t>(in.op)];
    Types bin, bout;
    switch (in.op) {
      case Op::End:
      case Op::Else: {
        const Ctrl& c = ctrls_.back();
        if (in.op == Op::Else && c.op != Op::If) return "else without if";
        const bool function = ctrls_.size() == 1;
        const std::string where = function ? "at the end of the function"
                                  : in.op == Op::Else ? "at the end of the if's then branch"
                                                      : std::string("at the end of the ") + block_name(c.op);
        Types got = frame_values();
        if (in.op == Op::End && c.op == Op::If && fits(c.end, got))
          return "an if without else must give its parameters " + types_text(c.start) + " as its results " +
                 types_text(c.end);
        // The results are taken from the top; what is left below them is
        // the block's error, not the instruction's.
        if (got.size() > c.end.size() && fits(c.end, top_values(c.end.size())))
          return "block requires " + types_text(c.end) + " but stack has " + types_text(got) + " (" + where + ")";
        return expected_got(c.end, top_values(c.end.size()), where);
      }
      case Op::Block:
      case Op::Loop:
        block_type(in.block, bin, bout, in.offset);
        return expected_got(bin, top_values(bin.size()), std::string("for the ") + block_name(in.op) + "'s parameters");
      case Op::If: block_type(in.block, bin, bout, in.offset); return expected_and_i32(bin);
      case Op::Br: {
        Types ts = label_types(label(in.a));
        return expected_got(ts, top_values(ts.size()), "for label " + std::to_string(in.a));
      }
      case Op::BrIf: return expected_and_i32(label_types(label(in.a)));
      case Op::BrTable: {
        Types def = label_types(label(in.targets.back()));
        for (size_t i = 0; i + 1 < in.targets.size(); ++i) {
          Types ts = label_types(label(in.targets[i]));
          if (ts.size() != def.size())
            return "label " + std::to_string(in.targets[i]) + " takes " + types_text(ts) + " but the default label " +
                   std::to_string(in.targets.back()) + " takes " + types_text(def);
        }
        // The first label the operands do not fit (under the index).
        for (uint32_t target : in.targets) {
          Types ts = label_types(label(target));
          scratch_.assign(ts.begin(), ts.end());
          scratch_.push_back(ValType::I32);
          if (!stack_fits(scratch_))
            return expected_got(scratch_, top_values(scratch_.size()), "for label " + std::to_string(target));
        }
        return expected_and_i32(def);
      }
      case Op::Return: return expected_got(type_->results, top_values(type_->results.size()), "the function's results");
      case Op::Throw: {
        Types ts = tag_params(in.a);
        return expected_got(ts, top_values(ts.size()), "tag " + std::to_string(in.a) + "'s parameters");
      }
      case Op::ThrowRef: {
        const ValType t = ValType::ExnRef;
        return expected_got(Types(&t, 1), top_values(1));
      }
      case Op::Call: {
        const FuncType& ft = m_.func_type(in.a);
        return expected_got(ft.params, top_values(ft.params.size()), "for func[" + std::to_string(in.a) + "]");
      }
      case Op::CallIndirect: {
        ValType t = table(in.b).elem;
        if (t != ValType::FuncRef)
          return "table " + std::to_string(in.b) + " holds " + val_type_name(t) + ", not funcref";
        return expected_and_i32(type_at(in.a).params);
      }
      case Op::ReturnCall:
      case Op::ReturnCallIndirect: {
        if (in.op == Op::ReturnCallIndirect && table(in.b).elem != ValType::FuncRef)
          return "table " + std::to_string(in.b) + " holds " + val_type_name(table(in.b).elem) + ", not funcref";
        const FuncType& ft = in.op == Op::ReturnCall ? m_.func_type(in.a) : type_at(in.a);
        if (!tail_call_results_fit(ft))
          return "the callee returns " + types_text(ft.results) + " but the function returns " +
                 types_text(type_->results);
        if (in.op == Op::ReturnCallIndirect) return expected_and_i32(ft.params);
        return expected_got(ft.params, top_values(ft.params.size()), "for func[" + std::to_string(in.a) + "]");
      }
      case Op::Drop: return "instruction requires a value but stack has []";
      case Op::Select: {
        Types got = top_values(3);
        return "instruction requires two operands of one number or vector type and an i32 but stack has " + types_text(got);
      }
      case Op::SelectT: {
        const ValType ts[] = {in.type, in.type, ValType::I32};
        return expected_got(ts, top_values(3));
      }
      case Op::LocalSet:
      case Op::LocalTee: {
        const ValType t = local(in.a);
        return expected_got(Types(&t, 1), top_values(1), "for local " + std::to_string(in.a));
      }
      case Op::GlobalSet: {
        const ValType t = global(in.a).type;
        return expected_got(Types(&t, 1), top_values(1), "for global " + std::to_string(in.a));
      }
      case Op::TableGet: {
        const ValType t = index_type(in.a);
        return expected_got(Types(&t, 1), top_values(1));
      }
      case Op::TableSet: {
        const ValType ts[] = {index_type(in.a), table(in.a).elem};
        return expected_got(ts, top_values(2));
      }
      case Op::TableGrow: {
        const ValType ts[] = {table(in.a).elem, index_type(in.a)};
        return expected_got(ts, top_values(2));
      }
      case Op::TableFill: {
        const ValType ts[] = {index_type(in.a), table(in.a).elem, index_type(in.a)};
        return expected_got(ts, top_values(3));
      }
      case Op::TableCopy: {
        ValType dst = table(in.a).elem, src = table(in.b).elem;
        if (!val_matches_fast(src, dst, m_))
          return "table " + std::to_string(in.a) + " holds " + val_type_name(dst) + ", table " +
                 std::to_string(in.b) + " holds " + val_type_name(src);
        const bool both64 = table(in.a).is64 && table(in.b).is64;
        const ValType ts[] = {index_type(in.a), index_type(in.b), both64 ? ValType::I64 : ValType::I32};
        return expected_got(ts, top_values(3));
      }
      case Op::TableInit: {
        ValType t = table(in.b).elem, e = elem_type(in.a);
        if (t != e)
          return "table " + std::to_string(in.b) + " holds " + val_type_name(t) + ", elem segment " +
                 std::to_string(in.a) + " holds " + val_type_name(e);
        break;
      }
      case Op::RefIsNull:
      case Op::RefAsNonNull:
        return "instruction requires a reference but stack has " + types_text(top_values(1));
      case Op::BrOnNull:
      case Op::BrOnNonNull: {
        Types ts = label_types(label(in.a));
        const ValType top = frame_values().empty() ? kUnknown : frame_values().back();
        if (!is_ref_or_unknown(top) || frame_values().empty())
          return "instruction requires a reference but stack has " + types_text(top_values(1));
        if (in.op == Op::BrOnNonNull && ts.empty())
          return "label " + std::to_string(in.a) + " takes [], not the reference";
        const size_t n = in.op == Op::BrOnNull ? ts.size() : ts.size() - 1;
        Types with_ref = top_values(n + 1);
        return expected_got(ts.first(n), with_ref.first(with_ref.size() - 1),
                            "for label " + std::to_string(in.a) + ", below the reference");
      }
      case Op::CallRef:
      case Op::ReturnCallRef: {
        const FuncType& ft = type_at(in.a);
        if (in.op == Op::ReturnCallRef && !tail_call_results_fit(ft))
          return "the callee returns " + types_text(ft.results) + " but the function returns " +
                 types_text(type_->results);
        scratch_.assign(ft.params.begin(), ft.params.end());
        scratch_.push_back(ValType::ref(HeapType::index(in.a), true));
        return expected_got(scratch_, top_values(scratch_.size()), "the parameters of type " + std::to_string(in.a) +
                                                                       " and a reference to it");
      }
      default:
        if (is_gc_op(in.op)) {
          ExpectedOperands expected(*this);
          try {
            validate_gc_instr(in, m_, ctx_.body, expected);
          } catch (const Error&) {
            return {};  // not an operand's mismatch: the rule's own error has its detail
          }
          std::vector<ValType>& want = expected.popped;
          // array.new_fixed may take any number of operands: name them
          // rather than list them.
          if (want.size() > kListedOperands)
            return "instruction requires " + std::to_string(want.size()) + " operands of type " +
                   val_type_name(want.front()) + " but stack has " + std::to_string(frame_values().size()) +
                   " values";
          std::reverse(want.begin(), want.end());
          return expected_got(want, top_values(want.size()));
        }
        break;
    }
    const OpSignature& sig = rule.sig;
    if (sig.address_operands) {
      // The 'a' operands have the memory's or table's address type.
      ValType params[4];
      const ValType at = address_type(in, rule.imm);
      for (size_t i = 0; i < sig.num_params; ++i)
        params[i] = (sig.address_operands >> i) & 1 ? at : sig.param_types[i];
      if (in.op == Op::MemoryCopy) {
        const bool dst64 = m_.all_memories[in.a].is64, src64 = m_.all_memories[in.b].is64;
        params[0] = dst64 ? ValType::I64 : ValType::I32;
        params[1] = src64 ? ValType::I64 : ValType::I32;
        params[2] = dst64 && src64 ? ValType::I64 : ValType::I32;
      }
      return expected_got(Types(params, sig.num_params), top_values(sig.num_params));
    }
    return expected_got(sig.params(), top_values(sig.num_params));
  }

  // True if the operand stack can give `expected` (popping them would
  // not fail).
  bool stack_fits(Types expected) const {
    Types have = frame_values();
    for (size_t i = 0; i < expected.size(); ++i) {
      if (i >= have.size()) return ctrls_.back().unreachable;
      ValType got = have[have.size() - 1 - i], want = expected[expected.size() - 1 - i];
      if (!val_matches_fast(got, want, m_)) return false;
    }
    return true;
  }

  // True if `got` can be given as `expected` (the unknown type fits any).
  bool fits(Types expected, Types got) const {
    if (expected.size() != got.size()) return false;
    for (size_t i = 0; i < got.size(); ++i)
      if (!val_matches_fast(got[i], expected[i], m_)) return false;
    return true;
  }

  // ---- operand stack -----------------------------------------------------

  void push(ValType t) { vals_.push_back(t); }
  void push(Types ts) { vals_.insert(vals_.end(), ts.begin(), ts.end()); }

  ValType pop() {
    const Ctrl& c = ctrls_.back();
    if (vals_.size() == c.height) {
      if (c.unreachable) return kUnknown;
      throw_invalid("type mismatch");
    }
    ValType t = vals_.back();
    vals_.pop_back();
    return t;
  }

  ValType pop(ValType expect) {
    // The common case first: the expected type is there.
    if (vals_.size() > ctrls_.back().height && vals_.back() == expect) [[likely]] {
      vals_.pop_back();
      return expect;
    }
    ValType actual = pop();
    if (!val_matches(actual, expect, m_)) throw_invalid("type mismatch");
    return actual;
  }

  void pop(Types expect) {
    for (size_t i = expect.size(); i-- > 0;) pop(expect[i]);
  }

  // Pops `expect` and pushes back what was actually there (which may be
  // "unknown"): br_table's check of each non-default target.
  void pop_and_restore(Types expect) {
    scratch_.resize(expect.size());
    for (size_t i = expect.size(); i-- > 0;) scratch_[i] = pop(expect[i]);
    vals_.insert(vals_.end(), scratch_.begin(), scratch_.end());
  }

  void push_ctrl(Op op, Types start, Types end) {
    ctrls_.push_back(Ctrl{op, start, end, vals_.size(), false, init_log_.size()});
    push(ctrls_.back().start);
  }

  Ctrl pop_ctrl() {
    if (ctrls_.empty()) throw_invalid("type mismatch");
    pop(ctrls_.back().end);
    if (vals_.size() != ctrls_.back().height) throw_invalid("type mismatch");
    Ctrl c = ctrls_.back();
    ctrls_.pop_back();
    return c;
  }

  static Types label_types(const Ctrl& c) { return c.op == Op::Loop ? c.start : c.end; }

  const Ctrl& label(uint32_t depth) const {
    if (depth >= ctrls_.size()) unknown("label", depth, ctrls_.size());
    return ctrls_[ctrls_.size() - 1 - depth];
  }

  void set_unreachable() {
    vals_.resize(ctrls_.back().height);
    ctrls_.back().unreachable = true;
  }

  // ---- index spaces ------------------------------------------------------

  const FuncType& type_at(uint32_t idx) const {
    if (idx >= m_.types.size()) unknown("type", idx, m_.types.size());
    if (!m_.is_func_type(idx)) invalid("type mismatch", "type " + std::to_string(idx) + " is not a function type");
    return m_.types[idx];
  }
  const TableType& table(uint32_t idx) const {
    if (idx >= m_.all_tables.size()) unknown("table", idx, m_.all_tables.size());
    return m_.all_tables[idx];
  }
  ValType index_type(uint32_t table_idx) const { return table(table_idx).is64 ? ValType::I64 : ValType::I32; }
  void need_memory(uint32_t idx) const {
    if (idx >= m_.all_memories.size()) unknown("memory", idx, m_.all_memories.size());
  }
  ValType elem_type(uint32_t idx) const {
    if (idx >= ctx_.body.elem_types.size()) unknown("elem segment", idx, ctx_.body.elem_types.size());
    return ctx_.body.elem_types[idx];
  }
  void need_data(uint32_t idx) const {
    // Without a scanning decoder, nothing else has checked this yet.
    if (!m_.data_count) throw Error(ErrorKind::Malformed, "data count section required", {}, "for a data index");
    uint32_t n = m_.data_count ? *m_.data_count : static_cast<uint32_t>(m_.datas.size());
    if (idx >= n) unknown("data segment", idx, n);
  }

  void block_type(const BlockType& bt, Types& in, Types& out, size_t offset) {
    in = {};
    out = {};
    if (bt.kind == BlockType::Kind::Value) {
      out = single_type(bt.value);
      if (out.empty()) {
        // A typed reference: kept for the body (a deque does not move it).
        block_results_.push_back(bt.value);
        out = Types(&block_results_.back(), 1);
      }
    } else if (bt.kind == BlockType::Kind::Index) {
      // A block type by type index is how blocks take parameters or give
      // several results.
      if (!ctx_.features.multi_value) throw_disabled_feature(offset, "invalid result arity", "multi-value");
      const FuncType& ft = type_at(bt.index);
      in = ft.params;
      out = ft.results;
    }
  }

  static std::string lane_detail(uint32_t lane, uint32_t lanes) {
    return "lane " + std::to_string(lane) + " of " + std::to_string(lanes);
  }

  // Returns whether the memory is 64-bit (its addresses are i64).
  bool check_memarg(const Instr& in, const OpRule& rule) {
    need_memory(in.mem.memory);
    uint32_t natural = log2_bytes(rule.access_bytes);
    if (in.mem.align_log2 > natural)
      invalid("alignment must not be larger than natural",
              "2^" + std::to_string(in.mem.align_log2) + " for an access of " + std::to_string(rule.access_bytes) +
                  (rule.access_bytes == 1 ? " byte" : " bytes"));
    if (rule.atomic && in.mem.align_log2 != natural)
      invalid("atomic alignment must be natural", "2^" + std::to_string(in.mem.align_log2) + " for an access of " +
                                                      std::to_string(rule.access_bytes) + " bytes");
    const bool is64 = m_.all_memories[in.mem.memory].is64;
    if (!is64 && in.mem.offset > UINT32_MAX)
      invalid("offset out of range", std::to_string(in.mem.offset) + " for a 32-bit memory");
    return is64;
  }

  // The address type of the memory or table a fixed-signature instruction
  // names (its 'a' operands), and of memory.copy's second memory.
  ValType address_type(const Instr& in, ImmKind imm) const {
    bool is64 = false;
    switch (imm) {
      case ImmKind::MemArg:
      case ImmKind::MemArgLane: is64 = m_.all_memories[in.mem.memory].is64; break;
      case ImmKind::Memory:
      case ImmKind::MemoryCopy: is64 = m_.all_memories[in.a].is64; break;
      case ImmKind::MemoryInit: is64 = m_.all_memories[in.b].is64; break;
      case ImmKind::Table: is64 = table(in.a).is64; break;
      case ImmKind::TableInit: is64 = table(in.b).is64; break;
      default: break;
    }
    return is64 ? ValType::I64 : ValType::I32;
  }

  // A fixed signature whose 'a' operands are i64: popped and pushed here.
  void step_address64(const Instr& in, const OpSignature& sig) {
    ValType params[3];
    for (size_t i = 0; i < sig.num_params; ++i)
      params[i] = (sig.address_operands >> i) & 1 ? ValType::I64 : sig.param_types[i];
    if (in.op == Op::MemoryCopy) {
      // dst in memory a, src in memory b, the length in the smaller type.
      const bool src64 = m_.all_memories[in.b].is64;
      params[0] = m_.all_memories[in.a].is64 ? ValType::I64 : ValType::I32;
      params[1] = src64 ? ValType::I64 : ValType::I32;
      params[2] = src64 && m_.all_memories[in.a].is64 ? ValType::I64 : ValType::I32;
    }
    for (size_t i = sig.num_params; i-- > 0;) pop(params[i]);
    if (sig.num_results) push((sig.address_operands & 0x80) ? ValType::I64 : sig.result_types[0]);
  }

  // ---- instructions ------------------------------------------------------

  // Fixed-signature instructions without immediates to check (most of
  // them): pop and push in place. step and step_checked are inlined by
  // force: with two callers (the loop and an error's replay) the compiler
  // would otherwise call them, and validation is a few per cent slower.
  [[gnu::always_inline]] void step(const Instr& in) {
    const OpRule& rule = rules_[static_cast<size_t>(in.op)];
    if (rule.plain) [[likely]] {
      const OpSignature& sig = rule.sig;
      for (size_t i = sig.num_params; i-- > 0;) pop(sig.param_types[i]);
      if (sig.num_results) push(sig.result_types[0]);
      return;
    }
    if (!track_init_) [[likely]] switch (in.op) {  // the most frequent of the others
      case Op::LocalGet: push(local(in.a)); return;
      case Op::LocalSet: pop(local(in.a)); return;
      case Op::LocalTee: {
        ValType t = local(in.a);
        pop(t);
        push(t);
        return;
      }
      default: break;
    }
    step_checked(in, rule);
  }

  [[gnu::always_inline]] void step_checked(const Instr& in, const OpRule& rule) {
    const OpSignature& sig = rule.sig;
    const ImmKind imm = rule.imm;
    if (imm == ImmKind::MemArg || imm == ImmKind::MemArgLane) check_memarg(in, rule);
    if (imm == ImmKind::Memory) need_memory(in.a);
    if (imm == ImmKind::Lane && in.a >= rule.lanes) invalid("invalid lane index", lane_detail(in.a, rule.lanes));
    if (imm == ImmKind::MemArgLane && in.a >= 16u / rule.access_bytes)
      invalid("invalid lane index", lane_detail(in.a, 16u / rule.access_bytes));
    if (imm == ImmKind::Shuffle) {
      for (uint8_t lane : in.v128)
        if (lane >= 32) invalid("invalid lane index", lane_detail(lane, 32));
    }
    if (sig.fixed) {
      switch (in.op) {
        case Op::MemoryInit:
          need_memory(in.b);  // checked first, as the test suite expects
          need_data(in.a);
          break;
        case Op::DataDrop: need_data(in.a); break;
        case Op::MemoryCopy: need_memory(in.a); need_memory(in.b); break;
        case Op::TableInit: {
          ValType t = table(in.b).elem;  // the table is checked first, as the tests expect
          if (!val_matches(elem_type(in.a), t, m_)) throw_invalid("type mismatch");
          break;
        }
        case Op::ElemDrop: elem_type(in.a); break;
        case Op::TableSize: table(in.a); break;
        default: break;
      }
      if (sig.address_operands && (address_type(in, imm) == ValType::I64 ||
                                   (in.op == Op::MemoryCopy && m_.all_memories[in.b].is64))) {
        step_address64(in, sig);
        return;
      }
      for (size_t i = sig.num_params; i-- > 0;) pop(sig.param_types[i]);
      push(sig.results());
      return;
    }
    step_special(in);
  }

  void step_special(const Instr& in) {
    Types bin, bout;
    switch (in.op) {
      case Op::Unreachable: set_unreachable(); break;
      case Op::Block:
      case Op::Loop:
        block_type(in.block, bin, bout, in.offset);
        pop(bin);
        push_ctrl(in.op, bin, bout);
        break;
      case Op::If:
        block_type(in.block, bin, bout, in.offset);
        pop(ValType::I32);
        pop(bin);
        push_ctrl(in.op, bin, bout);
        break;
      case Op::Else: {
        if (ctrls_.empty() || ctrls_.back().op != Op::If) throw_invalid("type mismatch");
        Ctrl c = pop_ctrl();
        if (track_init_) unset_since(c.init_mark);
        push_ctrl(Op::Else, c.start, c.end);
        break;
      }
      case Op::End: {
        Ctrl c = pop_ctrl();
        if (track_init_) unset_since(c.init_mark);
        // An `if` without `else` must leave its parameters as its results.
        if (c.op == Op::If && !fits(c.end, c.start))
          throw_invalid("type mismatch");
        if (!ctrls_.empty()) push(c.end);
        break;
      }
      case Op::Br:
        pop(label_types(label(in.a)));
        set_unreachable();
        break;
      case Op::BrIf: {
        pop(ValType::I32);
        Types ts = label_types(label(in.a));
        pop(ts);
        push(ts);
        break;
      }
      case Op::BrTable: {
        pop(ValType::I32);
        Types def = label_types(label(in.targets.back()));
        size_t arity = def.size();
        for (size_t i = 0; i + 1 < in.targets.size(); ++i) {
          Types ts = label_types(label(in.targets[i]));
          if (ts.size() != arity) throw_invalid("type mismatch");
          pop_and_restore(ts);
        }
        pop(def);
        set_unreachable();
        break;
      }
      case Op::Return:
        pop(type_->results);
        set_unreachable();
        break;
      case Op::Call: {
        if (in.a >= m_.func_types.size()) unknown("function", in.a, m_.func_types.size());
        const FuncType& ft = m_.func_type(in.a);
        pop(ft.params);
        push(ft.results);
        break;
      }
      case Op::CallIndirect: {
        if (!val_matches(table(in.b).elem, ValType::FuncRef, m_)) throw_invalid("type mismatch");
        const FuncType& ft = type_at(in.a);
        pop(index_type(in.b));
        pop(ft.params);
        push(ft.results);
        break;
      }
      case Op::ReturnCall: {
        if (in.a >= m_.func_types.size()) unknown("function", in.a, m_.func_types.size());
        const FuncType& ft = m_.func_type(in.a);
        check_tail_call_results(ft);
        pop(ft.params);
        set_unreachable();
        break;
      }
      case Op::ReturnCallIndirect: {
        if (!val_matches(table(in.b).elem, ValType::FuncRef, m_)) throw_invalid("type mismatch");
        const FuncType& ft = type_at(in.a);
        check_tail_call_results(ft);
        pop(ValType::I32);
        pop(ft.params);
        set_unreachable();
        break;
      }
      case Op::CallRef:
      case Op::ReturnCallRef: {
        const FuncType& ft = type_at(in.a);
        if (in.op == Op::ReturnCallRef) check_tail_call_results(ft);
        pop(ValType::ref(HeapType::index(in.a), true));
        pop(ft.params);
        if (in.op == Op::ReturnCallRef) set_unreachable();
        else push(ft.results);
        break;
      }
      case Op::BrOnNull: {
        // [t* (ref null ht)] -> [t* (ref ht)]; the label takes t*.
        ValType t = pop();
        if (!is_ref_or_unknown(t)) throw_invalid("type mismatch");
        Types ts = label_types(label(in.a));
        pop(ts);
        push(ts);
        push(t.is_none() ? ValType::ref(HeapType::bot(), false) : t.with_nullable(false));
        break;
      }
      case Op::BrOnNonNull: {
        // [t* (ref null ht)] -> [t*]; the label takes t* (ref ht).
        ValType t = pop();
        if (!is_ref_or_unknown(t)) throw_invalid("type mismatch");
        Types ts = label_types(label(in.a));
        if (ts.empty()) throw_invalid("type mismatch");
        push(t.is_none() ? ValType::ref(HeapType::bot(), false) : t.with_nullable(false));
        pop(ts);
        push(ts);
        pop();
        break;
      }
      case Op::RefAsNonNull: {
        ValType t = pop();
        if (!is_ref_or_unknown(t)) throw_invalid("type mismatch");
        push(t.is_none() ? ValType::ref(HeapType::bot(), false) : t.with_nullable(false));
        break;
      }
      case Op::Drop: pop(); break;
      case Op::Select: {
        pop(ValType::I32);
        ValType t1 = pop();
        ValType t2 = pop();
        bool num = is_num_or_unknown(t1) && is_num_or_unknown(t2);
        bool vec = is_vec_or_unknown(t1) && is_vec_or_unknown(t2);
        if (!num && !vec) throw_invalid("type mismatch");
        if (t1 != t2 && t1 != kUnknown && t2 != kUnknown) throw_invalid("type mismatch");
        push(t1 == kUnknown ? t2 : t1);
        break;
      }
      case Op::SelectT:
        if (in.a != 1) invalid("invalid result arity", std::to_string(in.a) + " types, select takes 1");
        pop(ValType::I32);
        pop(in.type);
        pop(in.type);
        push(in.type);
        break;
      case Op::LocalGet:
        push(local(in.a));
        if (track_init_) check_initialized(in.a);
        break;
      case Op::LocalSet:
        pop(local(in.a));
        if (track_init_) mark_initialized(in.a);
        break;
      case Op::LocalTee: {
        ValType t = local(in.a);
        pop(t);
        push(t);
        if (track_init_) mark_initialized(in.a);
        break;
      }
      case Op::GlobalGet: push(global(in.a).type); break;
      case Op::GlobalSet: {
        const GlobalType& g = global(in.a);
        if (!g.mut)
          invalid(ctx_.features.messages_3_0 ? "immutable global" : "global is immutable",
                  "global " + std::to_string(in.a));
        pop(g.type);
        break;
      }
      case Op::TableGet: {
        ValType t = table(in.a).elem;
        pop(index_type(in.a));
        push(t);
        break;
      }
      case Op::TableSet: {
        ValType t = table(in.a).elem;
        pop(t);
        pop(index_type(in.a));
        break;
      }
      case Op::TableGrow: {
        ValType t = table(in.a).elem;
        pop(index_type(in.a));
        pop(t);
        push(index_type(in.a));
        break;
      }
      case Op::TableFill: {
        ValType t = table(in.a).elem;
        pop(index_type(in.a));
        pop(t);
        pop(index_type(in.a));
        break;
      }
      case Op::TableCopy:
        if (!val_matches(table(in.b).elem, table(in.a).elem, m_)) throw_invalid("type mismatch");
        // The length has the smaller of the two index types.
        pop(index_type(in.a) == ValType::I64 && index_type(in.b) == ValType::I64 ? ValType::I64 : ValType::I32);
        pop(index_type(in.b));
        pop(index_type(in.a));
        break;
      case Op::RefNull: push(in.type); break;
      case Op::RefIsNull:
        if (!is_ref_or_unknown(pop())) throw_invalid("type mismatch");
        push(ValType::I32);
        break;
      case Op::Try:
      case Op::Catch:
      case Op::CatchAll:
      case Op::Delegate:
      case Op::Rethrow:
      case Op::Throw:
      case Op::ThrowRef:
      case Op::TryTable: step_exception(in); break;
      case Op::RefFunc:
        if (in.a >= m_.func_types.size()) unknown("function", in.a, m_.func_types.size());
        if (!ctx_.body.declared_refs[in.a])
          invalid("undeclared function reference",
                  "func[" + std::to_string(in.a) + "] is in no element segment, export or global initialiser");
        // With typed references, the function's own type (non-null).
        push(ctx_.features.function_references ? func_ref_type(m_, ctx_.body, in.a) : ValType::FuncRef);
        break;
      default:
        if (is_gc_op(in.op)) {
          GcStack stack(*this);
          validate_gc_instr(in, m_, ctx_.body, stack);
          break;
        }
        throw_invalid(std::string("no validation rule for ") + std::string(op_name(in.op)));
    }
  }

  // The operand stack as the GC rules (validator_gc.cpp) see it.
  class GcStack final : public OperandStack {
   public:
    explicit GcStack(CodeValidator& v) : v_(v) {}
    ValType pop(ValType expect) override { return v_.pop(expect); }
    void push(ValType t) override { v_.push(t); }
    size_t available() const override { return v_.vals_.size() - v_.ctrls_.back().height; }
    Types label_types(uint32_t depth) override { return CodeValidator::label_types(v_.label(depth)); }

   private:
    CodeValidator& v_;
  };

  static constexpr size_t kListedOperands = 16;

  // Errors only: what a GC instruction pops, by running its rule on a
  // stack that takes every pop as given and notes what it expected.
  class ExpectedOperands final : public OperandStack {
   public:
    explicit ExpectedOperands(CodeValidator& v) : v_(v) {}
    ValType pop(ValType expect) override {
      popped.push_back(expect);
      return expect;
    }
    void push(ValType) override {}
    size_t available() const override { return v_.vals_.size() - v_.ctrls_.back().height; }
    Types label_types(uint32_t depth) override { return CodeValidator::label_types(v_.label(depth)); }
    std::vector<ValType> popped;  // top first

   private:
    CodeValidator& v_;
  };

  // Exception handling: tags, throw, throw_ref, try_table, and the legacy
  // try/catch/catch_all/delegate/rethrow.
  void step_exception(const Instr& in) {
    if (!ctx_.features.exceptions) throw_disabled_feature(in.offset, "illegal opcode", "exceptions");
    Types bin, bout;
    switch (in.op) {
      case Op::Throw:
        pop(tag_params(in.a));
        set_unreachable();
        break;
      case Op::ThrowRef:
        pop(ValType::ExnRef);
        set_unreachable();
        break;
      case Op::TryTable: {
        block_type(in.block, bin, bout, in.offset);
        // The clauses' labels are outside the try_table's own.
        for (const CatchClause& c : in.catches) check_catch_clause(c);
        pop(bin);
        push_ctrl(Op::TryTable, bin, bout);
        break;
      }
      case Op::Try:
        block_type(in.block, bin, bout, in.offset);
        pop(bin);
        push_ctrl(Op::Try, bin, bout);
        break;
      case Op::Catch:
      case Op::CatchAll: {
        if (ctrls_.empty() || (ctrls_.back().op != Op::Try && ctrls_.back().op != Op::Catch))
          invalid("type mismatch", std::string(op_name(in.op)) + " without try");
        Types params = in.op == Op::Catch ? tag_params(in.a) : Types{};
        Ctrl c = pop_ctrl();
        push_ctrl(in.op, params, c.end);
        break;
      }
      case Op::Delegate: {
        if (ctrls_.empty() || ctrls_.back().op != Op::Try) invalid("type mismatch", "delegate without try");
        Ctrl c = pop_ctrl();
        label(in.a);
        push(c.end);
        break;
      }
      case Op::Rethrow: {
        const Ctrl& c = label(in.a);
        if (c.op != Op::Catch && c.op != Op::CatchAll)
          invalid("invalid rethrow label", "label " + std::to_string(in.a) + " is no catch");
        set_unreachable();
        break;
      }
      default: break;
    }
  }

  Types tag_params(uint32_t idx) const {
    if (idx >= m_.tag_types.size()) unknown("tag", idx, m_.tag_types.size());
    return m_.types[m_.tag_types[idx]].params;
  }

  // A try_table clause branches to its label with the tag's payload, then
  // a (ref exn) for the _ref kinds: they must match the label's types.
  void check_catch_clause(const CatchClause& c) {
    using K = CatchClause::Kind;
    scratch_.clear();
    if (c.kind == K::Catch || c.kind == K::CatchRef) {
      Types p = tag_params(c.tag);
      scratch_.assign(p.begin(), p.end());
    }
    if (c.kind == K::CatchRef || c.kind == K::CatchAllRef) scratch_.push_back(ValType::ExnRef.with_nullable(false));
    Types want = label_types(label(c.label));
    if (!fits(want, scratch_))
      invalid("type mismatch", "the catch gives " + types_text(scratch_) + ", label " + std::to_string(c.label) +
                                   " takes " + types_text(want));
  }

  // A tail call returns the callee's results as the caller's own: they
  // must be a subtype of the caller's (equal, while value types have no
  // subtyping; typed references make this a subtype test).
  bool tail_call_results_fit(const FuncType& callee) const { return fits(type_->results, callee.results); }
  void check_tail_call_results(const FuncType& callee) const {
    if (!tail_call_results_fit(callee)) throw_invalid("type mismatch");
  }

  ValType local(uint32_t idx) const {
    if (flat_locals_) [[likely]] {
      if (idx >= local_types_.size()) unknown("local", idx, local_types_.size());
      return local_types_[idx];
    }
    auto it = std::upper_bound(local_runs_.begin(), local_runs_.end(), uint64_t{idx},
                               [](uint64_t i, const LocalEnd& r) { return i < r.end; });
    if (it == local_runs_.end()) unknown("local", idx, local_runs_.empty() ? 0 : local_runs_.back().end);
    return it->type;
  }
  const GlobalType& global(uint32_t idx) const {
    if (idx >= m_.all_globals.size()) unknown("global", idx, m_.all_globals.size());
    return m_.all_globals[idx];
  }

  const ValidationContext& ctx_;
  const Module& m_;
  const OpRule* rules_;
  const FuncType* type_ = nullptr;
  struct LocalEnd {
    uint64_t end;  // one past the last local index of the run
    ValType type;
  };
  std::vector<LocalEnd> local_runs_;
  static constexpr uint64_t kFlatLocals = 1024;
  bool flat_locals_ = false;
  std::vector<ValType> local_types_;  // when flat_locals_
  bool track_init_ = false;           // some local is non-defaultable
  std::vector<uint8_t> init_;         // when track_init_: per local, whether it is set
  std::vector<uint32_t> init_log_;    // the locals set, in order (undone at block ends)
  std::vector<ValType> vals_;
  std::deque<ValType> block_results_;     // the result types of blocks typed by other value types
  mutable std::vector<ValType> scratch_;  // pop_and_restore; error details
  std::vector<Ctrl> ctrls_;
};

}  // namespace

struct FunctionValidator::State {
  explicit State(const ValidationContext& ctx) : v(ctx) {}
  CodeValidator v;
};

FunctionValidator::FunctionValidator(const ValidationContext& ctx) : state_(std::make_unique<State>(ctx)) {}
FunctionValidator::~FunctionValidator() = default;

void FunctionValidator::validate(uint32_t defined_index) { state_->v.run(defined_index); }

}  // namespace wasmrun
