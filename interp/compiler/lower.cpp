// The compiler's first pass: one validated function body -> instruction
// records (code_records.h) in the register style of code.h, fused.
//
// The lowering walks the body once with InstrReader and keeps a virtual
// operand stack. Every stack value has a home: the frame slot it occupies
// when it is really on the stack (locals first, then the operand stack, so
// the home follows from the stack height, which the validator fixed). A
// value on the virtual stack is one of
//   Temp  - an instruction has written it to its home;
//   Local - it is local x, not copied yet (local.get emits nothing);
//   Const - it is a constant, not stored yet (*.const emits nothing).
// Instructions name their operands' slots directly (a local's slot, or a
// Temp's home) and constants become immediates, so
//   local.get a; i32.const 1; i32.add; local.set a  ->  I32Add_RI a, a, 1
// (the result of the last instruction is redirected into the local when a
// local.set follows it). A Local or Const is "materialized" (copied to its
// home) only where a value must really be on the stack: at block
// boundaries, before branches that carry values, for call arguments and for
// stack-style instructions; and before a local.set changes a local whose
// old value is still on the virtual stack. Only the top kWindow values may
// be un-materialized, which bounds every scan of the virtual stack.
//
// Control flow: every value below a block's parameters is materialized when
// the block opens, so all paths into a label agree on where values live.
// Branches that carry values copy them to the label's homes. Code after
// br/br_table/return/unreachable is never reachable and is skipped up to
// the matching else/end. The module has been validated, so the compiler
// trusts the types it sees.
//
// Fusion (the list is in docs/INTERPRETER.md): an instruction that would
// consume a value the last instruction (or, for a few forms, the one
// before it) just computed takes that instruction's place, e.g. a compare
// followed by the br_if that tests it becomes one compare-and-branch.
// Fusion never looks back across a label (a loop start, else or end), so
// no branch can land inside a fused sequence; interp::set_fusion_for_testing
// turns it off so tests can compare both codes.
#include "interp/compiler/lower.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "interp/compiler/compile_simd.h"
#include "interp/compiler/local_writes.h"
#include "interp/compiler/specialize.h"
#include "interp/exec/ref_test.h"
#include "interp/runtime/gc_objects.h"
#include "loader/instr_reader.h"
#include "loader/module.h"
#include "wasmrun/error.h"

namespace wasmrun::interp {

namespace {

// At most this many values at the top of the virtual stack may be Local or
// Const; deeper ones are always Temps.
constexpr size_t kWindow = 16;

uint64_t pack(uint32_t lo, uint32_t hi) { return lo | (uint64_t{hi} << 32); }
uint32_t hi_of(uint64_t w) { return static_cast<uint32_t>(w >> 32); }

// --- the register forms of wasm ops (code.h's lists) ---

struct BinaryForms {
  IOp rr = IOp::Count, ri = IOp::Count;
};

bool binary_forms(Op op, BinaryForms& out) {
  switch (op) {
#define WASMRUN_CASE(name, ...) \
  case Op::name: out = {IOp::name##_RR, IOp::name##_RI}; return true;
    WASMRUN_BINARY_OPS(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: return false;
  }
}

bool unary_iop(Op op, IOp& out) {
  switch (op) {
#define WASMRUN_CASE(name, ...) \
  case Op::name: out = IOp::name; return true;
    WASMRUN_UNARY_OPS(WASMRUN_CASE)
    WASMRUN_LOADS(WASMRUN_CASE)
    WASMRUN_STORES(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: return false;
  }
}

// The stack-style op of a 0xFE instruction (atomic_semantics.h).
bool atomic_iop(Op op, IOp& out) {
  switch (op) {
#define WASMRUN_CASE(name, ...) \
  case Op::name: out = IOp::name; return true;
    WASMRUN_ATOMIC_OPS(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: return false;
  }
}

// The stack-style op of a two-result instruction (wide_semantics.h).
bool wide_iop(Op op, IOp& out) {
  switch (op) {
#define WASMRUN_CASE(name, ...) \
  case Op::name: out = IOp::name; return true;
    WASMRUN_WIDE_OPS(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: return false;
  }
}

// The _A form of a load or store (code.h).
IOp with_addend(IOp op) {
  switch (op) {
#define WASMRUN_CASE(name, ...) \
  case IOp::name: return IOp::name##_A;
    WASMRUN_LOADS(WASMRUN_CASE)
    WASMRUN_STORES(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: return op;
  }
}

// The fused form of a binary operator whose right operand is loaded by
// `load` (code.h's WASMRUN_LOAD_BINOPS), or Count.
IOp with_loaded_operand(Op binop, IOp load) {
#define WASMRUN_CASE(b, l) \
  if (binop == Op::b && load == IOp::l) return IOp::b##_##l;
  WASMRUN_LOAD_BINOPS(WASMRUN_CASE)
#undef WASMRUN_CASE
  return IOp::Count;
}

// The code.h WASMRUN_BINOP_STORES op for `binop` (an _RR op) whose result
// `store` stores, or Count.
IOp binop_then_store(IOp binop, IOp store) {
#define WASMRUN_CASE(b, st) \
  if (binop == IOp::b##_RR && store == IOp::st) return IOp::b##_RR_##st;
  WASMRUN_BINOP_STORES(WASMRUN_CASE)
#undef WASMRUN_CASE
  return IOp::Count;
}

// The code.h WASMRUN_LOAD_STORES op for a plain `load` whose value `store`
// stores, or Count.
IOp load_then_store(IOp load, IOp store) {
#define WASMRUN_CASE(l, st) \
  if (load == IOp::l && store == IOp::st) return IOp::l##_##st;
  WASMRUN_LOAD_STORES(WASMRUN_CASE)
#undef WASMRUN_CASE
  return IOp::Count;
}

// The code.h WASMRUN_BINARY_PAIRS op for `first` (an _RR or _RI op) feeding
// `second` as its left operand (or its right one, `right`), or Count.
IOp binary_pair(IOp first, Op second, bool right) {
#define WASMRUN_PAIR_RIGHT_L false
#define WASMRUN_PAIR_RIGHT_R true
#define WASMRUN_CASE(name, f, form, s, order) \
  if (first == IOp::f##_##form && second == Op::s && right == WASMRUN_PAIR_RIGHT_##order) return IOp::name;
  WASMRUN_BINARY_PAIRS(WASMRUN_CASE)
#undef WASMRUN_CASE
#undef WASMRUN_PAIR_RIGHT_L
#undef WASMRUN_PAIR_RIGHT_R
  return IOp::Count;
}

// The code.h WASMRUN_LOAD_BINOP_PAIRS op for the BINOP_LOAD `first`
// feeding `second`, or with a constant operand its
// WASMRUN_LOAD_BINOP_CONST_PAIRS _K op; Count if there is none.
IOp load_binop_pair(IOp first, Op second, bool constant) {
#define WASMRUN_CASE(b, l, s) \
  if (!constant && first == IOp::b##_##l && second == Op::s) return IOp::b##_##l##_##s;
  WASMRUN_LOAD_BINOP_PAIRS(WASMRUN_CASE)
#undef WASMRUN_CASE
#define WASMRUN_CASE(b, l, s) \
  if (constant && first == IOp::b##_##l && second == Op::s) return IOp::b##_##l##_##s##_K;
  WASMRUN_LOAD_BINOP_CONST_PAIRS(WASMRUN_CASE)
#undef WASMRUN_CASE
  return IOp::Count;
}

// The code.h WASMRUN_READ_MODIFY_WRITES op for the BINOP_LOAD `first`
// whose result `store` writes, or Count.
IOp read_modify_write(IOp first, IOp store) {
#define WASMRUN_CASE(b, l, st) \
  if (first == IOp::b##_##l && store == IOp::st) return IOp::b##_##l##_##st;
  WASMRUN_READ_MODIFY_WRITES(WASMRUN_CASE)
#undef WASMRUN_CASE
  return IOp::Count;
}

// The form of a binary operator both of whose operands `load` loads
// (code.h's WASMRUN_LOAD_LOAD_BINOPS), or Count.
IOp with_loaded_operands(Op binop, IOp load) {
#define WASMRUN_CASE(b, l) \
  if (binop == Op::b && load == IOp::l) return IOp::b##_##l##_##l;
  WASMRUN_LOAD_LOAD_BINOPS(WASMRUN_CASE)
#undef WASMRUN_CASE
  return IOp::Count;
}

// The SelectIf* form of an emitted i32 comparison (its _RR or _RI op), or
// Count.
IOp select_form(IOp cmp) {
  switch (cmp) {
#define WASMRUN_CASE(name, ...)                            \
  case IOp::name##_RR: return IOp::SelectIf##name##_RR;    \
  case IOp::name##_RI: return IOp::SelectIf##name##_RI;
    WASMRUN_I32_BR_CMPS(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: return IOp::Count;
  }
}

// The one-word _S form of a unary op (code.h).
IOp short_unary(IOp op) {
  switch (op) {
#define WASMRUN_CASE(name, ...) \
  case IOp::name: return IOp::name##_S;
    WASMRUN_UNARY_OPS(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: return op;
  }
}

// The _I form of a store (code.h).
IOp with_constant(IOp op) {
  switch (op) {
#define WASMRUN_CASE(name, ...) \
  case IOp::name: return IOp::name##_I;
    WASMRUN_STORES(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: return op;
  }
}

// The _RR form of a store (code.h), or with a constant value its _IRR
// form.
IOp store_with_two_registers(IOp op, bool constant) {
  switch (op) {
#define WASMRUN_CASE(name, ...) \
  case IOp::name: return constant ? IOp::name##_IRR : IOp::name##_RR;
    WASMRUN_STORES(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: return op;
  }
}

// The _X form of a load or store (code.h).
IOp with_index(IOp op) {
  switch (op) {
#define WASMRUN_CASE(name, ...) \
  case IOp::name: return IOp::name##_X;
    WASMRUN_LOADS(WASMRUN_CASE)
    WASMRUN_STORES(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: return op;
  }
}

// The _RR form of a load (code.h).
IOp with_two_registers(IOp op) {
  switch (op) {
#define WASMRUN_CASE(name, ...) \
  case IOp::name: return IOp::name##_RR;
    WASMRUN_LOADS(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: return op;
  }
}

// Whether a binary operator's operands are 64-bit (a constant operand then
// takes a word of its own).
bool wide_operands(Op op) {
  ValType t = op_signature(op).param_types[0];
  return t == ValType::I64 || t == ValType::F64;
}

bool is_load(IOp op) {
  switch (op) {
#define WASMRUN_CASE(name, ...) case IOp::name:
    WASMRUN_LOADS(WASMRUN_CASE)
#undef WASMRUN_CASE
    return true;
    default: return false;
  }
}

bool is_store(IOp op) {
  switch (op) {
#define WASMRUN_CASE(name, ...) case IOp::name:
    WASMRUN_STORES(WASMRUN_CASE)
#undef WASMRUN_CASE
    return true;
    default: return false;
  }
}

// The op computing the same result with its operands swapped, if any
// (scalar_semantics.h's swap column): lets a constant left operand become
// an immediate.
bool swapped(Op op, Op& out) {
  const ScalarSemantics& s = scalar_semantics(op);
  if (s.swap == ScalarSwap::Commutes) out = op;
  else if (s.swap == ScalarSwap::Mirrored) out = s.partner;
  else return false;
  return true;
}

// Whether `op`'s operands may be swapped. Floating-point add and multiply
// count: only which NaN comes out may differ, and the spec leaves that
// open.
bool commutative(Op op) {
  ScalarSwap swap = scalar_semantics(op).swap;
  return swap == ScalarSwap::Commutes || swap == ScalarSwap::CommutesButNaN;
}

// The compare-and-branch forms of an emitted comparison (its _RR or _RI
// op): branching when it holds, and when it does not.
struct BranchForms {
  IOp when_true = IOp::Count, when_false = IOp::Count;
  IOp inc_true = IOp::Count, inc_false = IOp::Count;  // after x += c (i32 only)
  IOp add_true = IOp::Count, add_false = IOp::Count;  // after x += s, a slot (i32 only)
  IOp inc2_true = IOp::Count, inc2_false = IOp::Count;  // after y += k; x += c (i32 only)
  IOp add_cmp_true = IOp::Count, add_cmp_false = IOp::Count;  // (x + c) OP b, b constant (i32 only)
  bool imm = false;   // the comparison's second operand is an immediate
  bool wide = false;  // ... of 64 bits (a word of its own)
};

bool branch_forms(IOp cmp, BranchForms& out) {
  switch (cmp) {
#define WASMRUN_CASE(name, IN, op, NOT)                                                                   \
  case IOp::name##_RR:                                                                                   \
    out = {IOp::BrIf##name##_RR,    IOp::BrIf##NOT##_RR,    IOp::IncBrIf##name##_RR,  IOp::IncBrIf##NOT##_RR,  \
           IOp::AddBrIf##name##_RR, IOp::AddBrIf##NOT##_RR, IOp::Inc2BrIf##name##_RR, IOp::Inc2BrIf##NOT##_RR, \
           IOp::Count,              IOp::Count,             false,                    false};                \
    return true;                                                                                         \
  case IOp::name##_RI:                                                                                   \
    out = {IOp::BrIf##name##_RI,    IOp::BrIf##NOT##_RI,    IOp::IncBrIf##name##_RI,  IOp::IncBrIf##NOT##_RI,  \
           IOp::AddBrIf##name##_RI, IOp::AddBrIf##NOT##_RI, IOp::Inc2BrIf##name##_RI, IOp::Inc2BrIf##NOT##_RI, \
           IOp::BrIfAdd##name##_RI, IOp::BrIfAdd##NOT##_RI, true,                     false};                \
    return true;
    WASMRUN_I32_BR_CMPS(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: break;
  }
  switch (cmp) {
#define WASMRUN_CASE(name, IN, op, NOT)                                                                    \
  case IOp::name##_RR: out = {.when_true = IOp::BrIf##name##_RR, .when_false = IOp::BrIf##NOT##_RR}; return true; \
  case IOp::name##_RI:                                                                                      \
    out = {.when_true = IOp::BrIf##name##_RI, .when_false = IOp::BrIf##NOT##_RI, .imm = true, .wide = true};     \
    return true;
    WASMRUN_I64_BR_CMPS(WASMRUN_CASE)
#undef WASMRUN_CASE
    default: return false;
  }
}

// A value on the virtual operand stack.
struct Val {
  enum class Kind : uint8_t { Temp, Local, Const };
  ValType type = ValType::I32;
  Kind kind = Kind::Temp;
  uint32_t home = 0;  // fp-relative slot of this stack position
  uint64_t v = 0;     // Local: the local's slot; Const: the bits
};

// A branch whose target is not known yet: the half word of its record
// that will hold the offset (code_records.h's BranchField, less the label).
struct Fixup {
  size_t record = 0;
  uint32_t word = 0;
  bool high = false;
};

struct Ctl {
  Op kind = Op::Block;
  uint32_t base_height = 0;   // home of the block's first parameter
  size_t base_vals = 0;       // virtual-stack size at the same point
  std::vector<ValType> params, results;
  size_t loop_target = 0;     // Loop: the label of the loop start
  std::vector<Fixup> end_fixups;  // branches to patch with the end's offset
  std::optional<Fixup> else_fixup;  // If: the branch to else/end, until else/end
  bool unreachable = false;
  // Exception handling (handler_table.h): the handler that protects code
  // directly inside this block, the block's own (try_table, try), and the
  // catch clauses that land at its end, as (handler, clause).
  int32_t handler = -1;
  int32_t own_handler = -1;
  bool in_catch = false;  // a legacy try past its first catch
  std::vector<std::pair<uint32_t, uint32_t>> catch_refs;

  const std::vector<ValType>& label_types() const { return kind == Op::Loop ? params : results; }
};

uint32_t slots_of(const std::vector<ValType>& ts) {
  uint32_t n = 0;
  for (ValType t : ts) n += slot_count(t);
  return n;
}

class Lowering {
 public:
  Lowering(const Module& m, uint32_t func_index, const Features& f, bool metered, bool fuse)
      : m_(m),
        fn_(m.functions.at(func_index - m.num_imported_funcs)),
        type_(m.func_type(func_index)),
        f_(f),
        metered_(metered),
        fuse_(fuse) {}

  LoweredFunction run() {
    // Locals: parameters first, then declared locals; v128 takes two slots.
    uint32_t slot = 0;
    for (ValType t : type_.params) add_local(t, slot);
    out_.param_slots = slot;
    for (const LocalRun& run : fn_.locals)
      for (uint32_t i = 0; i < run.count; ++i) add_local(run.type, slot);
    zero_slot_ = slot++;  // zeroed with the locals, never written: constant addresses use it
    fresh_.assign(slot, false);
    for (uint32_t i = out_.param_slots; i < slot; ++i) fresh_[i] = true;
    out_.local_slots = slot;
    out_.result_slots = slots_of(type_.results);
    height_ = max_height_ = slot;

    Ctl body;
    body.kind = Op::Block;
    body.base_height = height_;
    body.results = type_.results;
    ctls_.push_back(std::move(body));
    if (metered_) open_meter();

    InstrReader reader(m_.body(fn_), fn_.body_offset, f_);
    Instr in;
    uint32_t skip_depth = 0;  // nesting inside unreachable code
    while (!ctls_.empty()) {
      reader.next(in);
      const bool opens = in.op == Op::Block || in.op == Op::Loop || in.op == Op::If || in.op == Op::Try ||
                         in.op == Op::TryTable;
      if (opens) ++blocks_read_;
      if (ctls_.back().unreachable) {
        if (opens) {
          ++skip_depth;
          continue;
        }
        if ((in.op == Op::End || in.op == Op::Delegate) && skip_depth > 0) {
          --skip_depth;
          continue;
        }
        const bool continues = in.op == Op::Else || in.op == Op::Catch || in.op == Op::CatchAll ||
                               in.op == Op::Delegate;
        if (in.op != Op::End && !(continues && skip_depth == 0)) continue;
      }
      if (metered_) ++meters_.back().count;
      recs_.set_source(static_cast<uint32_t>(in.offset));
      compile(in);
    }
    out_.max_slots = max_height_;
    return std::move(out_);
  }

 private:
  void add_local(ValType t, uint32_t& slot) {
    local_slot_.push_back(slot);
    local_type_.push_back(t);
    slot += slot_count(t);
  }

  // --- emission ---
  // Starts an instruction record: its op and first operand `a` (code.h).
  // Records are addressed by index; the fusions below read them as the
  // code words they will become (W, span).
  size_t emit(IOp op, uint32_t a = 0) {
    prev_def_ = def_;
    def_.valid = false;
    size_t pos = recs_.add(op, a);
    third_last_ = before_last_;
    before_last_ = last_;
    last_ = {fuse_, pos, op, 0, false};
    return pos;
  }
  void imm2(uint32_t lo, uint32_t hi) { imm(pack(lo, hi)); }
  void imm(uint64_t v) { recs_.add_word(v); }
  // The next record's index: the label of what is emitted next.
  size_t here() const { return recs_.size(); }
  // Code word k counted from record i's first word (0 past the end).
  uint64_t W(size_t i, size_t k) const { return recs_.code_word(i, k, 0); }
  // The number of code words records [i, j) will take.
  size_t span(size_t i, size_t j) const {
    size_t n = 0;
    for (; i < j && i < recs_.size(); ++i) n += recs_[i].words();
    return n;
  }
  // Whether record i starts n words before the end of the code so far.
  bool ends_after(size_t i, size_t n) const { return i < recs_.size() && span(i, recs_.size()) == n; }
  // Whether record j starts n words after record i.
  bool adjacent(size_t i, size_t n, size_t j) const { return i < j && span(i, j) == n; }
  // A branch may land here: later instructions must not fuse with earlier ones.
  void bind_label() {
    def_.valid = prev_def_.valid = last_.valid = before_last_.valid = third_last_.valid = false;
    last_label_ = here();
  }
  // Removes the records from `pos` on (to fuse them into a new one).
  void rewind(size_t pos) {
    bool back = removes_only_def(pos);
    recs_.truncate(pos);
    for (Def* d : {&def_, &prev_def_, &last_, &before_last_, &third_last_})
      if (d->pos >= pos) d->valid = false;
    if (back) step_back_def();
  }
  // Whether removing the instruction at `pos` removes just the last one,
  // which defined def_ (def_ valid means it is the last instruction), with
  // a defining instruction right before it.
  bool removes_only_def(size_t pos) const { return def_.valid && def_.pos == pos && prev_def_.valid; }
  // The instruction before is the last one again: what it computed still
  // fuses with what comes next (an address add with the store after a
  // fused operator; a load with the load after a folded address add).
  void step_back_def() {
    def_ = prev_def_;
    prev_def_.valid = false;
  }
  // Points a branch at label `target` (the encoder computes the offset).
  void patch(const Fixup& f, size_t target) {
    recs_.branches().push_back(
        {static_cast<uint32_t>(f.record), f.word, f.high, static_cast<uint32_t>(target)});
  }
  // Points a branch at label `c`: a loop's start now, a block's end later.
  void branch_to(Ctl& c, const Fixup& f) {
    if (c.kind == Op::Loop) {
      patch(f, c.loop_target);
    } else {
      c.end_fixups.push_back(f);
    }
  }
  // An unconditional branch to label `c`; a copy just before it joins it.
  void emit_br(Ctl& c) {
    uint32_t dst, src;
    if (last_copy(dst, src)) {
      emit(IOp::CopyBr, dst);
      imm2(src, 0);
      branch_to(c, last_word(true));
      return;
    }
    emit(IOp::Br);
    branch_to(c, last_word(true));
  }
  // If the last instruction is a copy (a loop-carried value moved before
  // the back edge), removes it and gives its slots.
  bool last_copy(uint32_t& dst, uint32_t& src) {
    if (!last_.valid || (last_.op != IOp::Copy && last_.op != IOp::CopyS)) return false;
    size_t pos = last_.pos;
    uint32_t a = hi_of(W(pos, 0));
    if (last_.op == IOp::CopyS) {
      dst = a & 0xFFFF;
      src = a >> 16;
    } else {
      dst = a;
      src = static_cast<uint32_t>(W(pos, 1));
    }
    rewind(pos);
    return true;
  }
  // The fixup for the half word just emitted.
  Fixup last_word(bool high) const {
    return {recs_.size() - 1, static_cast<uint32_t>(recs_.back().words() - 1), high};
  }
  // Where the last instruction is, if it is an `op` of `words` words that
  // computed `v` (a Temp nothing else reads): a fusion may take it in.
  std::optional<size_t> computed_by(const Val& v, IOp op, size_t words) const {
    if (!fuse_ || v.kind != Val::Kind::Temp || !def_.valid || def_.op != op || def_.home != v.home ||
        !ends_after(def_.pos, words))
      return std::nullopt;
    return def_.pos;
  }
  // The operand slot of record `pos`, unary `op` (compile_unary) in its
  // long form [h|d] [a] or its short one [h|d:16,a:16].
  uint32_t unary_operand(size_t pos, IOp op) const {
    return recs_[pos].op == op ? static_cast<uint32_t>(W(pos, 1)) : recs_[pos].a >> 16;
  }
  // The instruction at `pos` wrote Temp `home` through the high half of its
  // first word: a following local.set may redirect it. Call it
  // before pushing the Temp: a push that emits code (kWindow) cancels it.
  void defined(size_t pos, IOp op, uint32_t home) { def_ = {fuse_, pos, op, home, false}; }

  // --- the virtual stack ---
  Val& push(Val v) {
    v.home = height_;
    height_ += slot_count(v.type);
    if (height_ > max_height_) max_height_ = height_;
    vals_.push_back(v);
    if (vals_.size() > kWindow) {
      // Values below the block are left alone (open_block's rule).
      size_t i = vals_.size() - 1 - kWindow;
      if (i >= ctls_.back().base_vals) materialize(vals_[i]);
    }
    return vals_.back();
  }
  uint32_t push_temp(ValType t) { return push({t, Val::Kind::Temp, 0, 0}).home; }
  Val pop() {
    Val v = vals_.back();
    vals_.pop_back();
    height_ -= slot_count(v.type);
    return v;
  }
  void pop_n(size_t n) {
    for (size_t i = 0; i < n; ++i) pop();
  }

  void copy(uint32_t dst, uint32_t src, ValType t) {
    if (dst == src) return;
    if (slot_count(t) == 1 && dst <= 0xFFFF && src <= 0xFFFF) {
      if (pair_with_last(IOp::CopyS, IOp::CopyPairS, dst, src)) return;
      emit(IOp::CopyS, dst | (src << 16));
      return;
    }
    emit(slot_count(t) == 2 ? IOp::Copy2 : IOp::Copy, dst);
    imm(src);
  }
  void set_const(uint32_t dst, uint64_t bits) {
    if (dst <= 0xFFFF && bits == static_cast<uint64_t>(static_cast<int64_t>(static_cast<int16_t>(bits)))) {
      if (pair_with_last(IOp::SetS, IOp::SetPairS, dst, static_cast<uint32_t>(bits))) return;
      emit(IOp::SetS, dst | static_cast<uint32_t>((bits & 0xFFFF) << 16));
      return;
    }
    emit(IOp::Set, dst);
    imm(bits);
  }
  // A one-word `op` (CopyS or SetS) right after another: both become one
  // `pair` instruction [h|first's operands] [dst|x]. (A one-word copy never
  // defines a value a later local.set could redirect.)
  bool pair_with_last(IOp op, IOp pair, uint32_t dst, uint32_t x) {
    if (!fuse_ || !last_.valid || last_.op != op || !ends_after(last_.pos, 1)) return false;
    uint32_t first = hi_of(W(last_.pos, 0));
    rewind(last_.pos);
    emit(pair, first);
    imm2(dst, x);
    return true;
  }

  // Emits the code that puts `v` at slot `dst`, leaving `v` as it is.
  void move_to(const Val& v, uint32_t dst) {
    switch (v.kind) {
      case Val::Kind::Temp: copy(dst, v.home, v.type); break;
      case Val::Kind::Local: copy(dst, static_cast<uint32_t>(v.v), v.type); break;
      case Val::Kind::Const: set_const(dst, v.v); break;
    }
  }
  void materialize(Val& v) {
    if (v.kind == Val::Kind::Temp) return;
    move_to(v, v.home);
    v.kind = Val::Kind::Temp;
  }
  void materialize_top(size_t n) {
    for (size_t i = vals_.size() - n; i < vals_.size(); ++i) materialize(vals_[i]);
  }
  // The first of the current block's values that may still be a Local or
  // a Const: within the top kWindow, and not below the block.
  size_t block_window_begin() const {
    return std::max(ctls_.back().base_vals, vals_.size() > kWindow ? vals_.size() - kWindow : 0);
  }
  // The current block's values, at its end or else (the values below it
  // stay as they are on every path through it).
  void materialize_block_values() {
    for (size_t i = block_window_begin(); i < vals_.size(); ++i) materialize(vals_[i]);
  }
  // Before a block, loop or if opens with `params` parameters at the top:
  // the parameters move to their homes, and of the values below them the
  // block's code could not keep, a local's value whose local it writes
  // (anywhere inside it) gets its own copy. Constants and the other locals
  // stay where they are for the whole block, since no path through it
  // changes them: every value below a block is the same on every path into
  // each of its labels. (So nothing inside the block materializes a value
  // below it: push skips them, and they are not the block's to scan.)
  void materialize_for_block(size_t params) {
    materialize_top(params);
    size_t below = vals_.size() - params;
    for (size_t i = block_window_begin(); i < below; ++i) {
      Val& v = vals_[i];
      if (v.kind != Val::Kind::Local) continue;
      if (!writes_) writes_.emplace(m_.body(fn_), fn_.body_offset, f_, local_slot_, out_.local_slots);
      if (writes_->writes(blocks_read_ - 1, static_cast<uint32_t>(v.v))) materialize(v);
    }
  }
  // After a block: the enclosing block's values that its `pushed` results
  // pushed out of the window are copied now (push left them alone, and
  // before the block only the window's values could be virtual).
  void restore_window(size_t pushed) {
    if (vals_.size() <= kWindow) return;
    size_t end = vals_.size() - kWindow;
    size_t from = std::max(ctls_.back().base_vals, end > pushed ? end - pushed : 0);
    for (size_t i = from; i < end; ++i) materialize(vals_[i]);
  }
  // The slot an instruction reads `v` from (a constant is stored first).
  uint32_t reg(Val& v) {
    if (v.kind == Val::Kind::Local) return static_cast<uint32_t>(v.v);
    materialize(v);
    return v.home;
  }
  // Before local `slot` changes: stack values that are its old value get
  // their own copy. True if any did.
  bool preserve_local(uint32_t slot) {
    bool any = false;
    size_t from = vals_.size() > kWindow ? vals_.size() - kWindow : 0;
    for (size_t i = from; i < vals_.size(); ++i) {
      Val& v = vals_[i];
      if (v.kind == Val::Kind::Local && v.v == slot) {
        materialize(v);
        any = true;
      }
    }
    return any;
  }

  void reset_to(const Ctl& c, const std::vector<ValType>& top) {
    vals_.resize(c.base_vals);
    height_ = c.base_height;
    for (ValType t : top) push_temp(t);
  }
  void mark_unreachable() {
    Ctl& c = ctls_.back();
    c.unreachable = true;
    vals_.resize(c.base_vals);
    height_ = c.base_height;
  }

  size_t block_params(const BlockType& bt) const {
    return bt.kind == BlockType::Kind::Index ? m_.types.at(bt.index).params.size() : 0;
  }
  void block_signature(const BlockType& bt, std::vector<ValType>& params, std::vector<ValType>& results) {
    params.clear();
    results.clear();
    switch (bt.kind) {
      case BlockType::Kind::Empty: break;
      case BlockType::Kind::Value: results.push_back(bt.value); break;
      case BlockType::Kind::Index:
        params = m_.types.at(bt.index).params;
        results = m_.types.at(bt.index).results;
        break;
    }
  }

  // Opens a block whose parameters are the top values (already materialized).
  void open(Op kind, const BlockType& bt) {
    Ctl c;
    c.kind = kind;
    block_signature(bt, c.params, c.results);
    c.base_height = height_ - slots_of(c.params);
    c.base_vals = vals_.size() - c.params.size();
    c.loop_target = here();
    c.handler = ctls_.back().handler;
    if (kind == Op::Loop) bind_label();
    ctls_.push_back(std::move(c));
    if (kind == Op::Loop && metered_) open_meter();
  }

  // --- metering (LoadOptions::metered) ---
  // A CheckLimits at the function's or a loop's start charges the wasm
  // instructions straight in its body: each region counts its own, and its
  // count is written into its check when the region ends.
  struct Meter {
    size_t pos;
    uint32_t count;
  };
  void open_meter() {
    meters_.push_back({emit(IOp::CheckLimits), 0});
    bind_label();  // nothing fuses with the check
  }
  void close_meter() {
    const Meter& m = meters_.back();
    recs_[m.pos].a = std::max<uint32_t>(m.count, 1);
    meters_.pop_back();
  }

  bool is_function_label(uint32_t depth) const { return depth == ctls_.size() - 1; }

  // Copies the label's values (the top of the virtual stack) to the
  // label's homes, leaving the virtual stack as it is.
  void move_label_values(const Ctl& c) {
    size_t n = c.label_types().size();
    uint32_t dst = c.base_height;
    for (size_t i = vals_.size() - n; i < vals_.size(); ++i) {
      const Val& v = vals_[i];
      if (v.kind != Val::Kind::Temp || v.home != dst) move_to(v, dst);
      dst += slot_count(v.type);
    }
  }
  bool label_values_in_place(const Ctl& c) const {
    size_t n = c.label_types().size();
    uint32_t dst = c.base_height;
    for (size_t i = vals_.size() - n; i < vals_.size(); ++i) {
      const Val& v = vals_[i];
      if (v.kind != Val::Kind::Temp || v.home != dst) return false;
      dst += slot_count(v.type);
    }
    return true;
  }

  // Returns from the function with the top values as results, leaving the
  // virtual stack as it is (a br_if may return conditionally).
  void emit_return() {
    size_t n = type_.results.size();
    if (n == 0) {
      emit(IOp::Return0);
      return;
    }
    Val top = vals_.back();
    if (n == 1 && slot_count(top.type) == 1) {
      uint32_t r = top.kind == Val::Kind::Local ? static_cast<uint32_t>(top.v) : top.home;
      if (top.kind == Val::Kind::Const) move_to(top, top.home);
      emit(IOp::Return1, r);
      return;
    }
    for (size_t i = vals_.size() - n; i < vals_.size(); ++i) {
      const Val& v = vals_[i];
      if (v.kind != Val::Kind::Temp) move_to(v, v.home);
    }
    emit(IOp::Return, vals_[vals_.size() - n].home);
    imm(out_.result_slots);
  }
  // The return reached by branches to the function's end: the results are
  // in the body block's homes.
  void emit_return_from_homes() {
    uint32_t base = out_.local_slots;
    if (out_.result_slots == 0) {
      emit(IOp::Return0);
    } else if (type_.results.size() == 1 && out_.result_slots == 1) {
      emit(IOp::Return1, base);
    } else {
      emit(IOp::Return, base);
      imm(out_.result_slots);
    }
  }

  // `step` (the instruction before the branch's comparison, or the last
  // one) is x += c or x += s, an i32.add redirected into local x, and the
  // branch tests x OP b (b a constant or, for _RR forms, a slot): one
  // IncBrIf/AddBrIf instruction, or Inc2BrIf with a second loop variable
  // stepped just before. Rewinds from the step; nothing if it does not fit.
  // (The step is passed as its position and op: Def is declared below.)
  std::optional<Fixup> fuse_step_branch(const BranchForms& forms, bool when, size_t step_pos, IOp step_op, uint32_t a,
                                        uint32_t b) {
    if (step_op != IOp::I32Add_RI && step_op != IOp::I32Add_RR) return std::nullopt;
    uint64_t s0 = W(step_pos, 0), s1 = W(step_pos, 1);
    uint32_t x = hi_of(s0);
    bool by_slot = step_op == IOp::I32Add_RR;
    uint32_t added = hi_of(s1);  // c, or s
    bool fits = static_cast<uint32_t>(s1) == x;
    if (by_slot && !fits && hi_of(s1) == x) {
      fits = true;  // x = s + x
      added = static_cast<uint32_t>(s1);
    }
    if (!fits || a != x) return std::nullopt;
    // A second loop variable stepped just before (y += k, y a local other
    // than x: a pointer next to a counter) joins too.
    const auto& other = step_pos == before_last_.pos ? third_last_ : before_last_;
    uint64_t o1 = other.valid ? W(other.pos, 1) : 0;  // [y|k]
    uint32_t y = other.valid ? hi_of(W(other.pos, 0)) : 0;
    bool two = !by_slot && other.valid && other.op == IOp::I32Add_RI && adjacent(other.pos, 2, step_pos) &&
               static_cast<uint32_t>(o1) == y && y != x && y < out_.local_slots;
    rewind(two ? other.pos : step_pos);
    emit(by_slot ? (when ? forms.add_true : forms.add_false)
                        : two   ? (when ? forms.inc2_true : forms.inc2_false)
                                : (when ? forms.inc_true : forms.inc_false),
                        x);
    imm2(added, 0);
    Fixup f = last_word(true);
    imm(b);
    if (two) imm(o1);
    return f;
  }

  // A conditional branch on `cond` (already popped), taken when the
  // condition is `when` (true: non-zero); returns where its target goes.
  // The comparison or eqz that computed `cond` just before is fused in.
  // br_on_null / br_on_non_null: a null test of a view of the reference
  // (which stays where it is), then br_if's taken path. br_on_null's taken
  // path drops the reference, br_on_non_null's fall-through does.
  void compile_br_on_null(uint32_t depth, bool on_non_null) {
    Val probe = vals_.back();
    if (probe.kind == Val::Kind::Temp) {
      // Read the Temp's slot as a local would be read: the null test must
      // not take the reference's place on the stack.
      probe.kind = Val::Kind::Local;
      probe.v = probe.home;
    }
    push(probe);
    compile_unary(IOp::RefIsNull, ValType::I32);
    Val cond = pop();
    Fixup skip = emit_branch_on(cond, on_non_null);  // over the taken path
    Val ref = vals_.back();
    if (!on_non_null) pop();
    Ctl& c = ctls_[ctls_.size() - 1 - depth];
    if (is_function_label(depth)) {
      emit_return();
    } else {
      move_label_values(c);
      emit_br(c);
    }
    patch(skip, here());
    bind_label();
    if (on_non_null) {
      pop();
    } else {
      // Back on the stack, where it was, for the fall-through.
      ref.type = ref.type.is_ref() ? ref.type.with_nullable(false) : ref.type;
      vals_.push_back(ref);
      height_ += slot_count(ref.type);
    }
  }

  Fixup emit_branch_on(Val& cond, bool when) {
    if (cond.kind == Val::Kind::Temp && def_.valid && def_.home == cond.home) {
      size_t pos = def_.pos;
      uint64_t w = W(pos, 1);  // (a one-word one fuses with nothing)
      BranchForms forms;
      if (def_.op == IOp::I32Load && static_cast<uint32_t>(W(pos, 0)) == handler_word(IOp::I32Load) &&
          ends_after(pos, 2)) {
        // i32.load; br_if: [h|addr] [offset|rel] (a zero test needs no byte order)
        rewind(pos);
        emit(when ? IOp::BrIfLoad : IOp::BrIfNotLoad, static_cast<uint32_t>(w));
        imm2(hi_of(w), 0);
        return last_word(true);
      }
      if (def_.op == IOp::I32And_RI) {
        // i32.and (a, mask); br_if: [h|a] [mask|rel]
        rewind(pos);
        emit(when ? IOp::BrIfBits : IOp::BrIfNotBits, static_cast<uint32_t>(w));
        imm2(hi_of(w), 0);
        return last_word(true);
      }
      if (def_.op == IOp::I32Eqz) {
        rewind(pos);
        emit(when ? IOp::BrIfNot : IOp::BrIf, static_cast<uint32_t>(w));
        imm(0);
        return last_word(false);
      }
      if (def_.op == IOp::I64Eqz) {
        // i64.eqz x; br_if: x == 0 as an i64 compare-and-branch, [h|x] [0] [rel]
        const uint32_t x = unary_operand(pos, IOp::I64Eqz);
        rewind(pos);
        emit(when ? IOp::BrIfI64Eq_RI : IOp::BrIfI64Ne_RI, x);
        imm(0);
        imm(0);
        return last_word(false);
      }
      if (branch_forms(def_.op, forms)) {
        // The comparison was [h|d] [a|b], or [h|d] [a] [b] with a 64-bit b.
        uint64_t b = forms.wide ? W(pos, 2) : 0;
        // (def_ valid: the comparison is the last instruction.)
        Def step = before_last_;
        if (forms.inc_true != IOp::Count && step.valid && adjacent(step.pos, 2, pos))
          if (auto f = fuse_step_branch(forms, when, step.pos, step.op, static_cast<uint32_t>(w), hi_of(w))) return *f;
        if (forms.add_cmp_true != IOp::Count && step.valid && step.op == IOp::I32Add_RI && adjacent(step.pos, 2, pos)) {
          // t = x + c, a Temp only the comparison read; then t OP b: a
          // range check, the sum not kept.
          uint64_t s0 = W(step.pos, 0), s1 = W(step.pos, 1);  // [h|t] [x|c]
          if (hi_of(s0) == static_cast<uint32_t>(w) && hi_of(s0) >= out_.local_slots) {
            rewind(step.pos);
            emit(when ? forms.add_cmp_true : forms.add_cmp_false, static_cast<uint32_t>(s1));
            imm2(hi_of(w), 0);
            Fixup f = last_word(true);
            imm(hi_of(s1));
            return f;
          }
        }
        rewind(pos);
        if (forms.wide) {
          emit(when ? forms.when_true : forms.when_false, static_cast<uint32_t>(w));
          imm(b);
          imm(0);
          return last_word(false);
        }
        emit(when ? forms.when_true : forms.when_false, static_cast<uint32_t>(w));
        imm2(hi_of(w), 0);
        return last_word(true);
      }
    }
    if (cond.kind == Val::Kind::Local && last_.valid && ends_after(last_.pos, 2)) {
      // x += c; br_if x (a count-down loop, `while (--n)`): x != 0.
      BranchForms forms;
      branch_forms(IOp::I32Ne_RI, forms);
      if (auto f = fuse_step_branch(forms, when, last_.pos, last_.op, static_cast<uint32_t>(cond.v), 0)) return *f;
    }
    uint32_t r = reg(cond), dst, src;
    if (last_copy(dst, src)) {
      // The copy runs first in the fused instruction, as it did alone.
      emit(when ? IOp::CopyBrIf : IOp::CopyBrIfNot, dst);
      imm2(src, r);
      imm(0);
      return last_word(false);
    }
    emit(when ? IOp::BrIf : IOp::BrIfNot, r);
    imm(0);
    return last_word(false);
  }

  // Removes record `pos`, an instruction that only computed a Temp now
  // folded into a later one. Only register instructions without branch
  // fields follow it (no label lies between).
  void erase(size_t pos) {
    // Erasing the last instruction makes the ones before it the last again.
    bool was_last = last_.valid && last_.pos == pos && pos + 1 == recs_.size();
    recs_.erase(pos);
    bool back = removes_only_def(pos);
    for (Def* d : {&def_, &prev_def_, &last_, &before_last_, &third_last_}) {
      if (d->valid && d->pos == pos) d->valid = false;
      else if (d->valid && d->pos > pos) d->pos -= 1;
    }
    if (was_last) {
      last_ = before_last_;
      before_last_ = third_last_;
      third_last_.valid = false;
    }
    if (back) step_back_def();
  }

  // A store's address computed by an i32.add of two registers (the last
  // instruction, or the one before while the last computed the value and
  // wrote neither register): the add is removed, its [a|b] returned.
  bool folded_sum(const Val& addr, uint64_t& sum) {
    if (!fuse_ || addr.kind != Val::Kind::Temp || !def_.valid) return false;
    for (Def* d : {&def_, &prev_def_}) {
      if (!d->valid) return false;
      if (d->home != addr.home) continue;
      if (d->op != IOp::I32Add_RR) return false;
      uint64_t w = W(d->pos, 1);  // [a|b]
      if (d == &prev_def_ && (def_.home == static_cast<uint32_t>(w) || def_.home == hi_of(w))) return false;
      sum = w;
      erase(d->pos);
      return true;
    }
    return false;
  }

  // An address that the last instruction, an I32ShlAdd (x << k) + y,
  // computed into the Temp `ra` (after address_operand, which may have
  // folded an i32.add with a constant on top of it): the I32ShlAdd is
  // removed and its [x|y] and k returned, for an _X load or store.
  bool folded_index(const Val& addr, uint32_t ra, uint64_t& xy, uint32_t& k) {
    size_t from;
    if (!address_from(addr, ra, IOp::I32ShlAdd, 3, from)) return false;
    uint64_t w1 = W(from, 1);  // [x|k]
    xy = pack(static_cast<uint32_t>(w1), static_cast<uint32_t>(W(from, 2)));
    k = hi_of(w1) & 31;  // i32.shl takes its count modulo 32
    rewind(from);
    return true;
  }

  // Whether the Temp address `ra` (after address_operand) was computed by
  // the last instruction, an `op` of `words` words that nothing else reads
  // (the instruction before the last when address_operand folded an
  // i32.add with a constant on top of it); its position goes to `pos`.
  bool address_from(const Val& addr, uint32_t ra, IOp op, size_t words, size_t& pos) const {
    const auto& d = def_.valid ? def_ : prev_def_;
    if (!fuse_ || addr.kind != Val::Kind::Temp || ra != addr.home || !d.valid || d.op != op || d.home != ra ||
        !ends_after(d.pos, words) || static_cast<uint32_t>(W(d.pos, 0)) != handler_word(op))
      return false;
    pos = d.pos;
    return true;
  }

  // An address that an i32.wrap_i64 computed (the last instruction, or the
  // one before while the last one wrote neither its home nor its operand):
  // every load and store reads only the low 32 bits of its address slot,
  // so the wrap goes and the address is its i64 operand. When that operand
  // is the i64.add of a constant just before the wrap (64-bit pointers,
  // as Go's wasm code has them), the add goes too, its constant the addend:
  // the low 32 bits of x + c are those of x plus those of c.
  bool wrapped_address(const Val& addr, uint32_t& slot, uint64_t& addend) {
    for (Def* d : {&def_, &prev_def_}) {
      if (!d->valid || !def_.valid) return false;
      if (d->home != addr.home) continue;
      if (d->op != IOp::I32WrapI64) return false;  // the home's last writer is something else
      const size_t pos = d->pos;
      const uint32_t x = unary_operand(pos, IOp::I32WrapI64);
      if (d == &prev_def_ && (def_.home == x || def_.home == addr.home)) return false;
      if (d == &def_ && prev_def_.valid && prev_def_.op == IOp::I64Add_RI && prev_def_.home == x &&
          adjacent(prev_def_.pos, 3, pos) && ends_after(pos, recs_[pos].words())) {
        const size_t add = prev_def_.pos;  // I64Add_RI [h|d] [a] [c]
        slot = static_cast<uint32_t>(W(add, 1));
        addend = static_cast<uint32_t>(W(add, 2));
        rewind(add);
        return true;
      }
      slot = x;
      addend = 0;
      erase(pos);
      return true;
    }
    return false;
  }

  // A load's or store's address operand: its slot and an addend (code.h;
  // 0 for none). A constant address reads the zero slot and joins the
  // offset when the sum fits; an address that an i32.add with a constant
  // just computed is folded in.
  void address_operand(Val& addr, uint32_t& slot, uint64_t& addend, uint32_t& offset) {
    addend = 0;
    if (addr.kind == Val::Kind::Const && fuse_) {
      slot = zero_slot_;
      uint64_t sum = static_cast<uint32_t>(addr.v) + uint64_t{offset};
      if (sum <= 0xFFFFFFFFu) {
        offset = static_cast<uint32_t>(sum);
      } else {
        addend = static_cast<uint32_t>(addr.v);
      }
      return;
    }
    if (addr.kind == Val::Kind::Temp && fuse_ && wrapped_address(addr, slot, addend)) return;
    if (addr.kind == Val::Kind::Temp) {
      // The instruction before the last only while the last one is a plain
      // register computation (it cannot change the add's operand) that did
      // not itself write the address's home: homes are reused, and the
      // last writer of a home is the one that computed its value.
      for (Def* d : {&def_, &prev_def_}) {
        if (!d->valid || !def_.valid) break;
        if (d->home != addr.home) continue;
        if (d->op != IOp::I32Add_RI) break;  // the home's last writer is something else
        uint64_t w = W(d->pos, 1);  // [a|c]
        if (d == &prev_def_ && def_.home == static_cast<uint32_t>(w)) break;  // the last one changed a
        slot = static_cast<uint32_t>(w);
        addend = hi_of(w);
        erase(d->pos);
        return;
      }
    }
    slot = reg(addr);
  }

  [[noreturn]] void unsupported(Op op) {
    throw_trap("unsupported instruction: " + std::string(op_name(op)));
  }

#include "interp/compiler/lower_gc.inc"

  void compile(const Instr& in) {
    if (is_gc_op(in.op)) [[unlikely]] {
      compile_gc(in);
      return;
    }
    switch (in.op) {
      case Op::Nop: return;
      case Op::Unreachable:
        emit(IOp::Unreachable);
        mark_unreachable();
        return;
      case Op::Block:
      case Op::Loop:
        // A loop's back edges may bring any local's later value here.
        if (in.op == Op::Loop) fresh_.assign(fresh_.size(), false);
        materialize_for_block(block_params(in.block));
        open(in.op, in.block);
        return;
      case Op::If: {
        Val cond = pop();
        materialize_for_block(block_params(in.block));
        Fixup to_else = emit_branch_on(cond, false);
        open(Op::If, in.block);
        ctls_.back().else_fixup = to_else;
        return;
      }
      case Op::Else: {
        Ctl& c = ctls_.back();
        if (!c.unreachable) {  // the then-branch falls through to the end
          materialize_block_values();
          emit_br(c);
        }
        patch(*c.else_fixup, here());
        bind_label();
        c.else_fixup.reset();
        c.unreachable = false;
        reset_to(c, c.params);
        return;
      }
      case Op::End: {
        Ctl& c = ctls_.back();
        bool body_end = ctls_.size() == 1;
        if (body_end) {
          if (!c.unreachable) emit_return();
          if (!c.end_fixups.empty() || !c.catch_refs.empty()) {
            for (const Fixup& f : c.end_fixups) patch(f, here());
            land_catches(c);
            bind_label();
            emit_return_from_homes();
          }
          ctls_.pop_back();
          if (metered_) close_meter();
          return;
        }
        if (!c.unreachable) {
          if (c.in_catch) move_label_values(c);  // from above the caught exnref's slot
          else materialize_block_values();
        }
        if (c.own_handler >= 0 && !c.in_catch) handlers_()[c.own_handler].end = static_cast<uint32_t>(here());
        if (c.else_fixup) patch(*c.else_fixup, here());  // `if` without else
        for (const Fixup& f : c.end_fixups) patch(f, here());
        land_catches(c);
        bind_label();
        reset_to(c, c.results);
        const size_t pushed = c.results.size();
        if (metered_ && c.kind == Op::Loop) close_meter();
        ctls_.pop_back();
        restore_window(pushed);
        return;
      }
      case Op::TryTable:
      case Op::Try:
      case Op::Catch:
      case Op::CatchAll:
      case Op::Delegate:
      case Op::Throw:
      case Op::Rethrow:
      case Op::ThrowRef:
        compile_exception(in);
        return;
      case Op::Br:
        if (is_function_label(in.a)) {
          emit_return();
        } else {
          Ctl& c = ctls_[ctls_.size() - 1 - in.a];
          move_label_values(c);
          emit_br(c);
        }
        mark_unreachable();
        return;
      case Op::BrIf: {
        Val cond = pop();
        Ctl& c = ctls_[ctls_.size() - 1 - in.a];
        if (!is_function_label(in.a) && label_values_in_place(c)) {
          branch_to(c, emit_branch_on(cond, true));
          return;
        }
        // The values move (or the function returns) on the taken path only.
        Fixup skip = emit_branch_on(cond, false);
        if (is_function_label(in.a)) {
          emit_return();
        } else {
          move_label_values(c);
          emit_br(c);
        }
        patch(skip, here());
        bind_label();
        return;
      }
      case Op::BrTable: {
        Val index = pop();
        // An index that the last instruction computed as x + k (a switch
        // whose first case is not 0): BrTable0 adds k itself.
        const std::optional<size_t> add = computed_by(index, IOp::I32Add_RI, 2);
        uint32_t r = reg(index);
        size_t arity = ctls_[ctls_.size() - 1 - in.targets.back()].label_types().size();
        materialize_top(arity);
        uint32_t src = arity ? vals_[vals_.size() - arity].home : height_;
        uint32_t count = height_ - src;
        if (count == 0) {
          uint32_t addend = 0;
          if (add && here() == *add + 1) {
            const uint64_t w = W(*add, 1);  // I32Add_RI [h|d] [a|k]
            r = static_cast<uint32_t>(w);
            addend = hi_of(w);
            rewind(*add);
          }
          emit(IOp::BrTable0, r);
          imm2(static_cast<uint32_t>(in.targets.size() - 1), addend);
          for (uint32_t depth : in.targets) {
            imm(0);
            branch_to(ctls_[ctls_.size() - 1 - depth], last_word(false));
            imm(0);  // the target's first word, filled in by the encoder
          }
          mark_unreachable();
          return;
        }
        emit(IOp::BrTable, r);
        imm2(static_cast<uint32_t>(in.targets.size() - 1), src);
        imm(count);
        for (uint32_t depth : in.targets) {
          Ctl& c = ctls_[ctls_.size() - 1 - depth];
          imm2(0, c.base_height);
          branch_to(c, last_word(false));
        }
        mark_unreachable();
        return;
      }
      case Op::Return:
        emit_return();
        mark_unreachable();
        return;
      case Op::Call: {
        const FuncType& ft = m_.func_type(in.a);
        uint32_t base = call_frame(ft);
        if (in.a <= 0xFFFF && base <= 0xFFFF) {
          emit(IOp::CallS, in.a | (base << 16));
        } else {
          emit(IOp::Call, in.a);
          imm(base);
        }
        for (ValType t : ft.results) push_temp(t);
        return;
      }
      case Op::CallIndirect: {
        const FuncType& ft = m_.types.at(in.a);
        Val index = pop();
        const bool table64 = m_.all_tables.at(in.b).is64;
        uint64_t load[2];
        if (IOp fused = table64 ? IOp::Count : index_load(index, load); fused != IOp::Count) {
          // A function pointer loaded just before the call (a struct's
          // field, an array of handlers): the call does the load, after
          // the arguments' copies, which cannot touch the load's operands
          // (they write homes below the index's and read locals).
          uint32_t base = call_frame_before_last(ft, fused);
          emit(fused, in.a);
          imm2(in.b, base);
          imm(load[0]);
          if (fused == IOp::CallIndirectLoadScaled) imm(load[1]);
          for (ValType t : ft.results) push_temp(t);
          return;
        }
        uint32_t r = reg(index);
        uint32_t base = call_frame(ft);
        emit(table64 ? IOp::CallIndirect64 : IOp::CallIndirect, in.a);
        imm2(in.b, r);
        imm(base);
        for (ValType t : ft.results) push_temp(t);
        return;
      }
      case Op::ReturnCall:
      case Op::ReturnCallIndirect:
      case Op::ReturnCallRef:
        compile_tail_call(in);
        return;
      case Op::CallRef: {
        const FuncType& ft = m_.types.at(in.a);
        Val ref = pop();
        uint32_t r = reg(ref);
        uint32_t base = call_frame(ft);
        emit(IOp::CallRef, 0);
        imm(r);
        imm(base);
        for (ValType t : ft.results) push_temp(t);
        return;
      }
      case Op::BrOnNull:
      case Op::BrOnNonNull:
        compile_br_on_null(in.a, in.op == Op::BrOnNonNull);
        return;
      case Op::RefAsNonNull: {
        stack_op(IOp::RefAsNonNull, 1);
        Val v = pop();
        push_temp(v.type.is_ref() ? v.type.with_nullable(false) : ValType::FuncRef);
        return;
      }
      case Op::Drop:
        pop();
        return;
      case Op::Select:
      case Op::SelectT:
        compile_select();
        return;
      case Op::LocalGet:
        push({local_type_.at(in.a), Val::Kind::Local, 0, local_slot_.at(in.a)});
        return;
      case Op::LocalSet:
      case Op::LocalTee:
        compile_local_set(in.a, in.op == Op::LocalTee);
        return;
      case Op::GlobalGet: {
        ValType t = m_.all_globals.at(in.a).type;
        if (slot_count(t) == 2) {
          stack_op(IOp::GlobalGet2, 0);
          imm(in.a);
          push_temp(t);
          return;
        }
        uint32_t d = height_;
        size_t pos = emit(IOp::GlobalGet, d);
        imm(in.a);
        defined(pos, IOp::GlobalGet, d);
        push_temp(t);
        return;
      }
      case Op::GlobalSet: {
        if (slot_count(vals_.back().type) == 2) {
          stack_op(IOp::GlobalSet2, 1);
          imm(in.a);
          pop();
          return;
        }
        Val v = pop();
        if (const auto add = computed_by(v, IOp::I32Add_RI, 2)) {
          // global = x + k (a function's epilogue restoring the stack pointer)
          const uint64_t w = W(*add, 1);  // [x|k]
          rewind(*add);
          emit(IOp::GlobalSetAdd, static_cast<uint32_t>(w));
          imm2(in.a, hi_of(w));
          return;
        }
        uint32_t r = reg(v);
        if (fuse_ && last_.valid && last_.op == IOp::GlobalGetAdd && ends_after(last_.pos, 2) &&
            recs_[last_.pos].a == r && static_cast<uint32_t>(W(last_.pos, 1)) == in.a) {
          // d = global + k; global = d (its prologue, d often a local by local.tee)
          recs_[last_.pos].op = last_.op = IOp::GlobalGetAddSet;
          def_.valid = prev_def_.valid = false;
          return;
        }
        emit(IOp::GlobalSet, r);
        imm(in.a);
        return;
      }
      case Op::I32Const:
      case Op::I64Const:
      case Op::F32Const:
      case Op::F64Const:
        push({op_signature(in.op).result_types[0], Val::Kind::Const, 0, in.bits});
        return;
      case Op::RefNull:
        push({in.type, Val::Kind::Const, 0, 0});
        return;
      case Op::RefIsNull:
        compile_unary(IOp::RefIsNull, ValType::I32);
        return;
      case Op::RefFunc:
        stack_op(IOp::RefFunc, 0);
        imm(in.a);
        push_temp(ValType::FuncRef);
        return;
      case Op::TableGet:
        stack_op(table64(in.a) ? IOp::TableGet64 : IOp::TableGet, 1);
        imm(in.a);
        pop();
        push_temp(m_.all_tables.at(in.a).elem);
        return;
      case Op::TableSet:
        stack_op(table64(in.a) ? IOp::TableSet64 : IOp::TableSet, 2);
        imm(in.a);
        pop_n(2);
        return;
      case Op::TableSize:
        stack_op(IOp::TableSize, 0);
        imm(in.a);
        push_temp(table64(in.a) ? ValType::I64 : ValType::I32);
        return;
      case Op::TableGrow:
        stack_op(table64(in.a) ? IOp::TableGrow64 : IOp::TableGrow, 2);
        imm(in.a);
        pop_n(2);
        push_temp(table64(in.a) ? ValType::I64 : ValType::I32);
        return;
      case Op::TableFill:
        stack_op(table64(in.a) ? IOp::TableFill64 : IOp::TableFill, 3);
        imm(in.a);
        pop_n(3);
        return;
      case Op::TableCopy:
        if (table64(in.a) || table64(in.b)) {
          stack_op(IOp::TableCopy64, 3);
          imm2(in.a, in.b);
          imm2(table64(in.a), table64(in.b));
          pop_n(3);
          return;
        }
        [[fallthrough]];
      case Op::TableInit:
        if (in.op == Op::TableInit && table64(in.b)) {
          stack_op(IOp::TableInit64, 3);
          imm(in.a);
          imm(in.b);
          pop_n(3);
          return;
        }
        stack_op(in.op == Op::TableCopy ? IOp::TableCopy : IOp::TableInit, 3);
        imm(in.a);
        imm(in.b);
        pop_n(3);
        return;
      case Op::ElemDrop:
        stack_op(IOp::ElemDrop, 0);
        imm(in.a);
        return;
      case Op::MemorySize:
      case Op::MemoryGrow:
      case Op::MemoryFill:
      case Op::MemoryCopy:
      case Op::MemoryInit:
      case Op::DataDrop:
        compile_bulk_memory(in);
        return;
      default: break;
    }
    SimdInstr simd;
    const ImmKind simd_imm = op_info(in.op).imm;
    const bool any_memory = (simd_imm == ImmKind::MemArg || simd_imm == ImmKind::MemArgLane) &&
                            op_info(in.op).prefix == 0xFD && !fast_memory(in.mem.memory);
    if (any_memory ? lower_simd_any_memory(in, pack(in.mem.memory, memory64(in.mem.memory)), simd)
                   : lower_simd(in, simd)) {  // every SIMD row has a fixed signature
      stack_op(simd.op, fixed_signature(in.op).num_params);
      for (uint8_t k = 0; k < simd.num_imms; ++k) imm(simd.imms[k]);
      apply_fixed(in.op);
      return;
    }
    IOp atomic;
    if (atomic_iop(in.op, atomic)) {  // any memory: the memory's index is an operand word
      stack_op(atomic, fixed_signature(in.op).num_params);
      if (op_info(in.op).imm == ImmKind::MemArg) {
        imm2(in.mem.memory, memory64(in.mem.memory));
        imm(in.mem.offset);
      }
      apply_fixed(in.op);
      return;
    }
    IOp wide;
    if (wide_iop(in.op, wide)) {
      stack_op(wide, fixed_signature(in.op).num_params);
      apply_fixed(in.op);
      return;
    }
    BinaryForms forms;
    Op op = in.op;
    if (fuse_ && (op == Op::I32Sub || op == Op::I64Sub) && vals_.back().kind == Val::Kind::Const) {
      // x - c is x + (-c) in two's complement: the adds' fused forms and
      // address folds then serve subtractions of constants too.
      Val& c = vals_.back();
      c.v = op == Op::I32Sub ? static_cast<uint32_t>(0u - static_cast<uint32_t>(c.v)) : 0 - c.v;
      op = op == Op::I32Sub ? Op::I32Add : Op::I64Add;
    }
    if (binary_forms(op, forms)) {
      compile_binary(op, forms);
      return;
    }
    IOp iop;
    if (!unary_iop(in.op, iop)) unsupported(in.op);
    ValType result = fixed_signature(in.op).num_results ? fixed_signature(in.op).result_types[0] : ValType::I32;
    if ((is_load(iop) || is_store(iop)) && !fast_memory(in.mem.memory)) {
      compile_any_memory_access(in, iop, result);
      return;
    }
    if (is_load(iop) || is_store(iop)) {
      uint32_t offset = static_cast<uint32_t>(in.mem.offset), ra;
      uint64_t addend;
      if (is_load(iop)) {
        Val addr = pop();
        if (addr.kind == Val::Kind::Temp && def_.valid && def_.home == addr.home && def_.op == IOp::I32Add_RR) {
          // i32.add (a, b); load: one instruction reading at a + b.
          size_t pos = def_.pos;
          uint64_t w = W(pos, 1);
          rewind(pos);
          pos = emit(with_two_registers(iop), addr.home);
          imm(w);
          imm(offset);
          defined(pos, iop, addr.home);
          push_temp(result);
          return;
        }
        address_operand(addr, ra, addend, offset);
        size_t from;
        if (iop == IOp::I32Load && address_from(addr, ra, IOp::I32Shl_RI, 2, from)) {
          // i32.shl (x, s); [i32.add (const);] i32.load: an indexed load.
          uint64_t w = W(from, 1);  // [x|s]
          rewind(from);
          size_t pos = emit(IOp::I32LoadScaled, addr.home);
          imm2(static_cast<uint32_t>(w), offset);
          imm2(hi_of(w), static_cast<uint32_t>(addend));
          defined(pos, iop, addr.home);
          push_temp(result);
          return;
        }
        uint64_t xy;
        uint32_t k;
        if (folded_index(addr, ra, xy, k)) {
          size_t pos = emit(with_index(iop), addr.home);
          imm(xy);
          imm2(k, offset);
          imm(addend);
          defined(pos, with_index(iop), addr.home);
          push_temp(result);
          return;
        }
        if (iop == IOp::I32Load8U && address_from(addr, ra, IOp::I32And_RI, 2, from)) {
          // i32.and (x, mask); [i32.add (const);] i32.load8_u: a byte table.
          uint64_t w = W(from, 1);  // [x|mask]
          rewind(from);
          size_t pos = emit(IOp::I32Load8UMasked, addr.home);
          imm(w);
          imm2(offset, static_cast<uint32_t>(addend));
          defined(pos, IOp::I32Load8UMasked, addr.home);
          push_temp(result);
          return;
        }
        size_t pos = emit(addend ? with_addend(iop) : iop, addr.home);
        imm2(ra, offset);
        if (addend) imm(addend);
        defined(pos, iop, addr.home);
        push_temp(result);
      } else {
        Val value = pop(), addr = pop();
        // A constant value is stored to its home after the address is
        // folded (storing it first would separate the i32.add from here).
        uint32_t rv = 0;
        if (value.kind != Val::Kind::Const) rv = reg(value);
        uint64_t sum;  // [a|b]
        if (folded_sum(addr, sum)) {
          if (value.kind == Val::Kind::Const) {
            emit(store_with_two_registers(iop, true), offset);
            imm(sum);
            imm(value.v);
          } else {
            emit(store_with_two_registers(iop, false), rv);
            imm(sum);
            imm(offset);
          }
          return;
        }
        address_operand(addr, ra, addend, offset);
        if (iop == IOp::I32Store && addend == 0 && fuse_load_add_store(value, ra, offset)) return;
        if (fuse_read_modify_write(iop, value, ra, offset, addend)) return;
        if (addend == 0 && fuse_store_of_last(iop, value, ra, offset)) return;
        uint64_t xy;
        uint32_t k;
        if (value.kind != Val::Kind::Const && folded_index(addr, ra, xy, k)) {
          emit(with_index(iop), rv);
          imm(xy);
          imm2(k, offset);
          imm(addend);
          return;
        }
        if (value.kind == Val::Kind::Const && addend == 0 && fuse_) {
          emit(with_constant(iop), ra);
          imm(offset);
          imm(value.v);
          return;
        }
        if (value.kind == Val::Kind::Const) rv = reg(value);
        emit(addend ? with_addend(iop) : iop, ra);
        imm2(rv, offset);
        if (addend) imm(addend);
      }
      return;
    }
    compile_unary(iop, result);
  }

  // d = OP(a): the result's home is a's. The one-word _S form when both
  // slots fit in 16 bits (then only a local below 2^16 can take its d).
  void compile_unary(IOp op, ValType result) {
    Val a = pop();
    if (op == IOp::I64ExtendI32U && fuse_) {
      // An i32 in a slot is zero-extended already (scalar_ops.h's out<>,
      // widen, value_to_slots): that slot is the i64, and a constant's
      // bits are the same.
      a.type = result;
      push(a);
      return;
    }
    const auto shift = op == IOp::I32WrapI64 ? computed_by(a, IOp::I64ShrU_RI, 3) : std::nullopt;
    if (shift) {
      // The high bits of an i64 as an i32 (a NaN-boxed value's tag, the
      // upper half of a product): one instruction.
      const size_t pos = *shift;
      const auto x = static_cast<uint32_t>(W(pos, 1));  // I64ShrU_RI [h|d] [a] [k]
      const auto k = static_cast<uint32_t>(W(pos, 2) & 63);
      rewind(pos);
      emit(IOp::I32WrapI64ShrU, a.home);
      imm2(x, k);
      defined(last_.pos, IOp::I32WrapI64ShrU, a.home);
      push_temp(result);
      return;
    }
    uint32_t ra = reg(a);
    if (a.home <= 0xFFFF && ra <= 0xFFFF && op != IOp::I32Eqz) {
      size_t pos = emit(short_unary(op), a.home | (ra << 16));
      defined(pos, op, a.home);
      def_.short_d = true;  // (def_ stays invalid without fusion)
      push_temp(result);
      return;
    }
    size_t pos = emit(op, a.home);
    imm(ra);
    defined(pos, op, a.home);
    push_temp(result);
  }

  void compile_binary(Op op, const BinaryForms& forms) {
    ValType result = fixed_signature(op).result_types[0];
    Val b = pop(), a = pop();
    uint32_t d = a.home;
    size_t pos;
    IOp emitted;
    Op other;
    // With a constant operand: [h|d] [a|c], or [h|d] [a] [c] when 64-bit.
    auto emit_ri = [&](IOp ri, uint32_t r, uint64_t c) {
      pos = emit(emitted = ri, d);
      if (wide_operands(op)) {
        imm(r);
        imm(c);
      } else {
        imm2(r, static_cast<uint32_t>(c));
      }
    };
    if (fuse_binary(op, a, b, d)) {
      defined(last_.pos, last_.op, d);  // a following local.set may take its d too
      push_temp(result);
      return;
    }
    if (b.kind == Val::Kind::Const) {
      emit_ri(forms.ri, reg(a), b.v);
    } else if (a.kind == Val::Kind::Const && swapped(op, other)) {
      BinaryForms sf;
      binary_forms(other, sf);
      emit_ri(sf.ri, reg(b), a.v);
    } else {
      uint32_t ra = reg(a), rb = reg(b);
      pos = emit(emitted = forms.rr, d);
      imm2(ra, rb);
    }
    defined(pos, emitted, d);
    push_temp(result);
  }

  // Superinstructions (code.h's WASMRUN_FUSED_OPS): `op` on a value that
  // the last instruction computed (and nothing else uses) joins it.
  bool fuse_binary(Op op, Val& a, Val& b, uint32_t d) {
    if (!def_.valid) return false;
    if (fuse_loaded_operand(op, a, b, d)) return true;
    auto fed = [&](const Val& v, IOp by) {
      return v.kind == Val::Kind::Temp && v.home == def_.home && def_.op == by;
    };
    size_t pos = def_.pos;
    // The first instruction's [x|y] (0 past the end: a one-word instruction
    // fuses with nothing here).
    uint64_t w = W(pos, 1);
    if (op == Op::I32And && b.kind == Val::Kind::Const && fed(a, IOp::I32ShrU_RI)) {
      rewind(pos);
      // Another field of the same word extracted just before (a decoder's
      // or a bit-field multiply's pair): both in one instruction, unless
      // the first one overwrote the word.
      const auto& first = before_last_;
      if (first.valid && first.op == IOp::I32ShrUAnd && adjacent(first.pos, 3, pos) &&
          static_cast<uint32_t>(W(first.pos, 0)) == handler_word(IOp::I32ShrUAnd)) {
        uint32_t e = hi_of(W(first.pos, 0));
        uint64_t f1 = W(first.pos, 1);  // [a|t]
        uint32_t n = static_cast<uint32_t>(W(first.pos, 2));
        if (static_cast<uint32_t>(f1) == static_cast<uint32_t>(w) && e != static_cast<uint32_t>(w)) {
          rewind(first.pos);
          emit(IOp::I32ShrUAnd2, d);
          imm(w);
          imm2(static_cast<uint32_t>(b.v), e);
          imm2(hi_of(f1), n);
          return true;
        }
      }
      emit(IOp::I32ShrUAnd, d);
      imm(w);
      imm(static_cast<uint32_t>(b.v));
      return true;
    }
    if (op == Op::I32Add && b.kind == Val::Kind::Const && fed(a, IOp::GlobalGet) && ends_after(pos, 2)) {
      // global.get + i32.add const (with a subtraction's negated constant)
      const auto index = static_cast<uint32_t>(w);  // GlobalGet [h|d] [index]
      rewind(pos);
      emit(IOp::GlobalGetAdd, d);
      imm2(index, static_cast<uint32_t>(b.v));
      return true;
    }
    if (b.kind == Val::Kind::Const && a.kind != Val::Kind::Const && fed(a, def_.op)) {
      IOp hashed = load_binop_pair(def_.op, op, true);
      if (hashed == IOp::Count) return false;
      uint64_t m = W(pos, 2);  // BINOP_LOAD [h|t] [x|addr] [offset|addend]
      rewind(pos);
      emit(hashed, d);
      imm(w);
      imm(m);
      imm(static_cast<uint32_t>(b.v));
      return true;
    }
    if (a.kind == Val::Kind::Const || b.kind == Val::Kind::Const) return false;
    IOp accumulate = load_binop_pair(def_.op, op, false);  // a commutative `op`
    if (accumulate != IOp::Count && (fed(a, def_.op) || fed(b, def_.op))) {
      uint64_t m = W(pos, 2);  // BINOP_LOAD [h|t] [x|addr] [offset|addend]
      uint32_t other = reg(fed(a, def_.op) ? b : a);  // a Local or Temp: emits nothing
      rewind(pos);
      emit(accumulate, d);
      imm(w);
      imm(m);
      imm(other);
      return true;
    }
    // code.h's WASMRUN_BINARY_PAIRS: the product (or sum, ...) t of the
    // last instruction on either side of `op`.
    IOp fused = IOp::Count;
    bool left = fed(a, def_.op);
    if (left) {
      fused = binary_pair(def_.op, op, false);
    } else if (fed(b, def_.op)) {
      fused = binary_pair(def_.op, op, !commutative(op));
    }
    if (fused == IOp::Count) return false;
    uint32_t other = reg(left ? b : a);  // a Local or Temp: emits nothing
    rewind(pos);
    emit(fused, d);
    imm(w);
    imm(other);
    return true;
  }

  // t = a OP load [p + o]; store [p + o], t (code.h's
  // WASMRUN_READ_MODIFY_WRITES): the store joins the BINOP_LOAD when its
  // address is the same slot, addend and offset, and the BINOP_LOAD did not
  // write that slot.
  bool fuse_read_modify_write(IOp store, const Val& value, uint32_t addr, uint32_t offset, uint64_t addend) {
    if (value.kind != Val::Kind::Temp || !def_.valid || def_.home != value.home || !ends_after(def_.pos, 3))
      return false;
    IOp fused = read_modify_write(def_.op, store);
    if (fused == IOp::Count) return false;
    uint64_t w = W(def_.pos, 1), m = W(def_.pos, 2);  // [a|addr] [offset|addend]
    if (hi_of(w) != addr || static_cast<uint32_t>(m) != offset || hi_of(m) != addend || def_.home == addr)
      return false;
    rewind(def_.pos);
    emit(fused, 0);
    imm(w);
    imm(m);
    return true;
  }

  // t = i32.load [p + o]; i32.store [p + o], t + c (a field's post-
  // increment, t still used): one instruction. The load must not change p.
  bool fuse_load_add_store(const Val& value, uint32_t addr, uint32_t offset) {
    // The last two instructions, whatever local they now write (running
    // all three in order in one handler changes nothing).
    if (value.kind == Val::Kind::Const || !last_.valid || last_.op != IOp::I32Add_RI || !ends_after(last_.pos, 2) ||
        !before_last_.valid || before_last_.op != IOp::I32Load || !adjacent(before_last_.pos, 2, last_.pos))
      return false;
    uint64_t l0 = W(before_last_.pos, 0), l1 = W(before_last_.pos, 1);  // [h|t] [p|o]
    uint64_t a0 = W(last_.pos, 0), a1 = W(last_.pos, 1);                // [h|d] [t|c]
    uint32_t t = hi_of(l0), e = hi_of(a0);
    bool keep = value.kind == Val::Kind::Local;
    if (e != (keep ? static_cast<uint32_t>(value.v) : value.home) || static_cast<uint32_t>(l0) != handler_word(IOp::I32Load) ||
        static_cast<uint32_t>(l1) != addr || hi_of(l1) != offset || static_cast<uint32_t>(a1) != t || t == addr)
      return false;
    // A local (the sum kept, `x = p->n--` style) is written too; the
    // address is read first, so it must not be that local.
    if (keep && e == addr) return false;
    uint64_t add = a1;
    rewind(before_last_.pos);
    emit(keep ? IOp::I32LoadAddStoreKeep : IOp::I32LoadAddStore, t);
    imm2(addr, offset);
    if (keep) imm2(hi_of(add), e);
    else imm(hi_of(add));
    return true;
  }

  // A store of the value the last instruction computed: a binary operator
  // on two slots, or a plain load (a copy through memory), whose result is
  // the value's slot (a Temp, or a local it was redirected into). That
  // instruction becomes a BINOP_RR_STORE or LOAD_STORE (code.h) that still
  // writes its result, then reads the address and stores.
  bool fuse_store_of_last(IOp store, const Val& value, uint32_t addr, uint32_t offset) {
    if (value.kind == Val::Kind::Const || !last_.valid || !ends_after(last_.pos, 2)) return false;
    uint64_t w0 = W(last_.pos, 0), w1 = W(last_.pos, 1);
    uint32_t d = hi_of(w0);
    if (d != (value.kind == Val::Kind::Local ? static_cast<uint32_t>(value.v) : value.home)) return false;
    if (static_cast<uint32_t>(w0) != handler_word(last_.op)) return false;
    IOp fused = binop_then_store(last_.op, store);
    if (fused == IOp::Count) fused = load_then_store(last_.op, store);
    if (fused == IOp::Count) return false;
    rewind(last_.pos);
    emit(fused, d);
    imm(w1);
    imm2(addr, offset);
    return true;
  }

  // `op` whose right operand (either, if `op` commutes) the last
  // instruction loaded, a plain or _A load: one instruction.
  bool fuse_loaded_operand(Op op, Val& a, Val& b, uint32_t d) {
    if (a.kind == Val::Kind::Const || b.kind == Val::Kind::Const) return false;
    IOp fused = with_loaded_operand(op, def_.op);
    if (fused == IOp::Count) return false;
    auto loaded = [&](const Val& v) { return v.kind == Val::Kind::Temp && v.home == def_.home; };
    bool commutes = commutative(op);
    Val* other;
    if (loaded(b)) {
      other = &a;
    } else if (commutes && loaded(a)) {
      other = &b;
    } else {
      return false;
    }
    size_t pos = def_.pos;
    uint64_t w0 = W(pos, 0), w1 = W(pos, 1);  // [h|t] [addr|offset]
    uint64_t addend;
    if (static_cast<uint32_t>(w0) == handler_word(def_.op) && ends_after(pos, 2)) {
      addend = 0;
    } else if (static_cast<uint32_t>(w0) == handler_word(with_addend(def_.op)) && ends_after(pos, 3)) {
      addend = W(pos, 2);
    } else {
      return false;
    }
    if (fuse_two_loads(op, *other, pos, w1, addend, d)) return true;
    uint32_t r = reg(*other);  // a Local or Temp: emits nothing
    rewind(pos);
    emit(fused, d);
    imm2(r, static_cast<uint32_t>(w1));
    imm2(hi_of(w1), static_cast<uint32_t>(addend));
    return true;
  }

  // The same, when the other operand was loaded by the instruction right
  // before that load (same kind of load): both loads join the operator.
  // The second load at `pos` is [h|t2] [addr2|offset2] (+ addend2).
  bool fuse_two_loads(Op op, const Val& other, size_t pos, uint64_t w1, uint64_t addend, uint32_t d) {
    IOp fused = with_loaded_operands(op, def_.op);
    if (fused == IOp::Count || other.kind != Val::Kind::Temp) return false;
    // The first load is the instruction before the second, or the one
    // before that with an i32.add between (an unrolled dot product adds
    // up the second address after the first load): the add then runs
    // first, which changes nothing if it neither reads nor writes the
    // first load's slots.
    size_t first = 0;
    bool direct = prev_def_.valid && prev_def_.op == def_.op && prev_def_.home == other.home;
    uint64_t middle0 = 0, middle1 = 0;
    if (direct) {
      first = prev_def_.pos;
    } else if (third_last_.valid && before_last_.valid && adjacent(before_last_.pos, 2, pos) &&
               (before_last_.op == IOp::I32Add_RR || before_last_.op == IOp::I32Add_RI)) {
      first = third_last_.pos;
      middle0 = W(before_last_.pos, 0);
      middle1 = W(before_last_.pos, 1);
      if (static_cast<uint32_t>(middle0) != handler_word(before_last_.op)) return false;
    } else {
      return false;
    }
    uint64_t f0 = W(first, 0), f1 = W(first, 1);  // [h|t1] [addr1|offset1]
    size_t end = direct ? pos : before_last_.pos;
    uint64_t addend1;
    if (static_cast<uint32_t>(f0) == handler_word(def_.op) && adjacent(first, 2, end)) {
      addend1 = 0;
    } else if (static_cast<uint32_t>(f0) == handler_word(with_addend(def_.op)) && adjacent(first, 3, end)) {
      addend1 = W(first, 2);
    } else {
      return false;
    }
    if (hi_of(f0) != other.home) return false;
    if (!direct) {
      uint32_t md = hi_of(middle0), ma = static_cast<uint32_t>(middle1), mb = hi_of(middle1);
      bool reads_t1 = ma == other.home || (before_last_.op == IOp::I32Add_RR && mb == other.home);
      if (md == other.home || md == static_cast<uint32_t>(f1) || reads_t1) return false;
    }
    // The second address is read after the first load wrote t1: it must
    // not be t1's slot (it cannot be while t1 is on the stack; checked).
    if (static_cast<uint32_t>(w1) == other.home) return false;
    IOp middle_op = before_last_.op;
    rewind(first);
    if (!direct) {
      emit(middle_op, hi_of(middle0));
      imm(middle1);
    }
    emit(fused, d);
    imm2(static_cast<uint32_t>(f1), static_cast<uint32_t>(w1));
    imm2(hi_of(f1), static_cast<uint32_t>(addend1));
    imm2(hi_of(w1), static_cast<uint32_t>(addend));
    return true;
  }

  void compile_select() {
    ValType t = vals_[vals_.size() - 2].type;
    if (slot_count(t) == 2) {
      stack_op(IOp::Select2, 3);
      pop_n(3);
      push_temp(t);
      return;
    }
    Val c = pop(), b = pop(), a = pop();
    IOp fused = def_.op == IOp::I32And_RI ? IOp::SelectIfBits : select_form(def_.op);
    if (fused != IOp::Count && c.kind == Val::Kind::Temp && def_.valid && def_.home == c.home &&
        a.kind != Val::Kind::Const && b.kind != Val::Kind::Const) {
      // The comparison (or bit test) computing c, the last instruction,
      // joins the select.
      size_t cmp = def_.pos;
      uint64_t w = W(cmp, 1);  // [x|y], [x|constant] or [x|mask]
      uint32_t rb = reg(b), ra = reg(a);        // Locals or Temps: emit nothing
      rewind(cmp);
      size_t pos = emit(fused, a.home);
      imm2(ra, rb);
      imm(w);
      defined(pos, fused, a.home);
      push_temp(t);
      return;
    }
    if (fuse_ && t == ValType::I32 && a.kind == Val::Kind::Const && b.kind == Val::Kind::Const) {
      uint32_t rc = reg(c);
      size_t pos = emit(IOp::SelectConsts, a.home);
      imm2(static_cast<uint32_t>(a.v), static_cast<uint32_t>(b.v));
      imm(rc);
      defined(pos, IOp::SelectConsts, a.home);
      push_temp(t);
      return;
    }
    uint32_t rc = reg(c), rb = reg(b), ra = reg(a);
    size_t pos = emit(IOp::Select, a.home);
    imm2(ra, rb);
    imm(rc);
    defined(pos, IOp::Select, a.home);
    push_temp(t);
  }

  void compile_local_set(uint32_t index, bool tee) {
    uint32_t x = local_slot_.at(index);
    ValType t = local_type_.at(index);
    Val v = pop();
    if (fresh_[x] && v.kind == Val::Kind::Const && v.v == 0 && fuse_) {
      // Setting a still-zero local to zero (compilers initialize locals).
      if (tee) push({t, Val::Kind::Local, 0, x});
      return;
    }
    fresh_[x] = false;
    bool preserved = preserve_local(x);
    if (v.kind == Val::Kind::Temp && !preserved && def_.valid && def_.home == v.home &&
        (!def_.short_d || x <= 0xFFFF)) {
      // Redirect the instruction that computed v into the local.
      uint32_t& a = recs_[def_.pos].a;  // d, or d:16,a:16
      a = def_.short_d ? (a & 0xFFFF0000u) | x : x;
      def_.valid = false;
    } else if (!(v.kind == Val::Kind::Local && v.v == x)) {
      move_to(v, x);
    }
    // Local x changed: an i32.add that read it must not move past here.
    def_.valid = prev_def_.valid = false;
    if (tee) push({t, Val::Kind::Local, 0, x});
  }

  // If call_indirect's `index` was computed by the last instruction, an
  // I32Load or I32LoadScaled, removes it and returns the fused call that
  // does its load, with the load's operand words in `words`; else Count.
  IOp index_load(const Val& index, uint64_t (&words)[2]) {
    if (!fuse_ || index.kind != Val::Kind::Temp || !last_.valid) return IOp::Count;
    IOp fused;
    size_t len;
    if (last_.op == IOp::I32Load) {
      fused = IOp::CallIndirectLoad;
      len = 2;
    } else if (last_.op == IOp::I32LoadScaled) {
      fused = IOp::CallIndirectLoadScaled;
      len = 3;
    } else {
      return IOp::Count;
    }
    size_t pos = last_.pos;
    uint64_t w0 = W(pos, 0);
    if (!ends_after(pos, len) || static_cast<uint32_t>(w0) != handler_word(last_.op) || hi_of(w0) != index.home)
      return IOp::Count;
    words[0] = W(pos, 1);
    words[1] = len == 3 ? W(pos, 2) : 0;
    rewind(pos);
    return fused;
  }

  // call_frame for `call`, a call_indirect that loads its index
  // (index_load): if the instruction before that load can forward its
  // result into the call (a row of code.h's WASMRUN_FORWARDED: an opcode
  // byte's load, indexing a table of handlers) and the arguments' copies
  // are constants or copies that touch none of its slots (the operand
  // stack's layout already keeps them apart; checked all the same), the
  // copies go before it. It then sits right before the call, which takes
  // its result in a register instead of through a slot. Both orders do the
  // same: the two write different slots and neither reads what the other
  // writes; a branch to the load (none lands after it) now runs the copies
  // first. The rows' FIRSTs are loads: destination in the high half of
  // the first word, address slot in the low half of the second.
  uint32_t call_frame_before_last(const FuncType& ft, IOp call) {
    const size_t first_copy = here();
    uint32_t base = call_frame(ft);
    if (first_copy == 0 || here() == first_copy) return base;
    const size_t prev = first_copy - 1;
    if (last_label_ > prev || !has_forwarded_row(recs_[prev].op, call)) return base;
    const uint64_t dest = recs_[prev].a, read = static_cast<uint32_t>(recs_.word(prev, 1));
    for (size_t k = first_copy; k < here(); ++k) {
      // SetS [h|d:16,c:16] writes d; CopyS [h|d:16,a:16] also reads a.
      const uint32_t w = recs_[k].a, to = w & 0xFFFF;
      const IOp op = recs_[k].op;
      const bool reads_dest = op == IOp::CopyS && (w >> 16) == dest;
      if ((op != IOp::SetS && op != IOp::CopyS) || to == dest || to == read || reads_dest) return base;
    }
    recs_.rotate(prev, first_copy);  // [prev, copies) -> [copies, prev]
    bind_label();  // the Defs' positions are stale; nothing fuses backwards from here
    return base;
  }

  // Materializes a call's arguments and pops them; returns the callee's
  // frame base (its first argument's home, where its results will be).
  uint32_t call_frame(const FuncType& ft) {
    materialize_top(ft.params.size());
    pop_n(ft.params.size());
    return height_;
  }

  // return_call and return_call_indirect: the arguments go to their homes
  // as a call's do, and the handler moves them down to the frame's base
  // (interpreter.cpp, do_tail_call). A host callee's results come back
  // where its arguments were, so the frame must cover them there too.
  void compile_tail_call(const Instr& in) {
    const bool by_ref = in.op == Op::ReturnCallRef;
    const bool indirect = in.op == Op::ReturnCallIndirect || by_ref;
    const FuncType& ft = indirect ? m_.types.at(in.a) : m_.func_type(in.a);
    uint32_t index = 0;
    if (indirect) {
      Val v = pop();
      index = reg(v);
    }
    uint32_t base = call_frame(ft);
    uint32_t results = 0;
    for (ValType t : ft.results) results += slot_count(t);
    if (base + results > max_height_) max_height_ = base + results;
    if (by_ref) {
      emit(IOp::ReturnCallRef, 0);
      imm(index);
    } else if (indirect) {
      emit(IOp::ReturnCallIndirect, in.a);
      imm2(in.b, index);
    } else {
      emit(IOp::ReturnCall, in.a);
    }
    imm(base);
    mark_unreachable();
  }

  // A stack-style instruction (code.h) whose `n` operands are the top
  // values: they move to their homes and the op gets the stack top. The
  // caller emits the op's immediates, then pops and pushes.
  void stack_op(IOp op, size_t n) {
    materialize_top(n);
    emit(op, height_);
  }

  // Whether the fast forms reach memory `index`: memory 0 with 32-bit
  // addresses and 64 KiB pages, whose base and size the loop caches (and
  // which is guarded in the Guard bounds mode). Every other memory gets
  // the _M forms (handlers_any_memory.inc).
  bool fast_memory(uint32_t index) const {
    if (index != 0) return false;
    const MemoryType& t = m_.all_memories.at(0);
    return !t.is64 && t.page_size_log2 == 16;
  }
  bool memory64(uint32_t index) const { return m_.all_memories.at(index).is64; }
  bool table64(uint32_t index) const { return m_.all_tables.at(index).is64; }

  // A load or store of any memory: stack style, NAME_M [memory|is64] [offset].
  void compile_any_memory_access(const Instr& in, IOp iop, ValType result) {
    IOp op = IOp::Count;
    switch (iop) {
#define WASMRUN_CASE(name, ...) \
  case IOp::name: op = IOp::name##_M; break;
      WASMRUN_LOADS(WASMRUN_CASE)
      WASMRUN_STORES(WASMRUN_CASE)
#undef WASMRUN_CASE
      default: unsupported(in.op);
    }
    const size_t n = is_load(iop) ? 1 : 2;
    stack_op(op, n);
    imm2(in.mem.memory, memory64(in.mem.memory));
    imm(in.mem.offset);
    pop_n(n);
    if (is_load(iop)) push_temp(result);
  }

  // Bulk memory of any memory, and memory.size/grow of a 64-bit one.
  void compile_any_bulk_memory(const Instr& in) {
    const uint32_t mem = in.op == Op::MemoryInit ? in.b : in.a;
    const bool is64 = memory64(mem);
    const ValType at = is64 ? ValType::I64 : ValType::I32;
    switch (in.op) {
      case Op::MemorySize:
        stack_op(IOp::MemorySizeM, 0);
        imm2(mem, is64);
        push_temp(at);
        return;
      case Op::MemoryGrow:
        stack_op(IOp::MemoryGrowM, 1);
        imm2(mem, is64);
        pop();
        push_temp(at);
        return;
      case Op::MemoryFill:
        stack_op(IOp::MemoryFillM, 3);
        imm2(mem, is64);
        break;
      case Op::MemoryCopy:
        stack_op(IOp::MemoryCopyM, 3);
        imm2(in.a, in.b);
        imm2(memory64(in.a), memory64(in.b));
        break;
      case Op::MemoryInit:
        stack_op(IOp::MemoryInitM, 3);
        imm2(mem, is64);
        imm(in.a);
        break;
      default: unsupported(in.op);
    }
    pop_n(3);
  }

  void compile_bulk_memory(const Instr& in) {
    if (in.op != Op::DataDrop) {
      uint32_t mem = (in.op == Op::MemoryInit) ? in.b : in.a;
      if (!fast_memory(mem) || (in.op == Op::MemoryCopy && !fast_memory(in.b))) {
        compile_any_bulk_memory(in);
        return;
      }
    }
    IOp op;
    switch (in.op) {
      case Op::MemorySize: op = IOp::MemorySize; break;
      case Op::MemoryGrow: op = IOp::MemoryGrow; break;
      case Op::MemoryFill: op = IOp::MemoryFill; break;
      case Op::MemoryCopy: op = IOp::MemoryCopy; break;
      case Op::MemoryInit: op = IOp::MemoryInit; break;
      case Op::DataDrop: op = IOp::DataDrop; break;
      default: unsupported(in.op);
    }
    stack_op(op, fixed_signature(in.op).num_params);
    if (in.op == Op::MemoryInit || in.op == Op::DataDrop) imm(in.a);
    apply_fixed(in.op);
  }

  // --- exception handling (handler_table.h, docs/EXCEPTIONS.md) ---
  std::vector<Handler>& handlers_() { return out_.handlers; }

  // Catch clauses that land at `c`'s end land here.
  void land_catches(const Ctl& c) {
    for (auto [h, k] : c.catch_refs) handlers_()[h].catches[k].target = static_cast<uint32_t>(here());
  }

  // A try_table or try opens: its handler protects what follows, and no
  // instruction fuses across its start.
  int32_t open_handler() {
    bind_label();
    Handler h;
    h.start = static_cast<uint32_t>(here());
    h.parent = ctls_[ctls_.size() - 2].handler;
    handlers_().push_back(std::move(h));
    Ctl& c = ctls_.back();
    c.own_handler = c.handler = static_cast<int32_t>(handlers_().size() - 1);
    return c.own_handler;
  }

  uint32_t tag_payload_slots(uint32_t tag) const { return slots_of(m_.types.at(m_.tag_types.at(tag)).params); }

  void compile_exception(const Instr& in) {
    switch (in.op) {
      case Op::TryTable: {
        materialize_for_block(block_params(in.block));
        open(Op::TryTable, in.block);
        const int32_t h = open_handler();
        for (const CatchClause& cl : in.catches) {
          // The clause's label counts from outside the try_table.
          Ctl& target = ctls_[ctls_.size() - 2 - cl.label];
          CatchRule k;
          const bool tagged = cl.kind == CatchClause::Kind::Catch || cl.kind == CatchClause::Kind::CatchRef;
          k.kind = tagged ? CatchRule::Kind::Tag : CatchRule::Kind::All;
          k.tag = cl.tag;
          k.dest = target.base_height;
          if (cl.kind == CatchClause::Kind::CatchRef || cl.kind == CatchClause::Kind::CatchAllRef)
            k.exn_slot = k.dest + (tagged ? tag_payload_slots(cl.tag) : 0);
          std::vector<CatchRule>& cs = handlers_()[h].catches;
          if (target.kind == Op::Loop) {
            k.target = static_cast<uint32_t>(target.loop_target);
          } else {
            target.catch_refs.emplace_back(static_cast<uint32_t>(h), static_cast<uint32_t>(cs.size()));
          }
          cs.push_back(k);
        }
        return;
      }
      case Op::Try:
        materialize_for_block(block_params(in.block));
        open(Op::Try, in.block);
        open_handler();
        return;
      case Op::Catch:
      case Op::CatchAll: {
        // A legacy catch: the body before it (the try's, or the previous
        // catch's) goes to the end; the catch's code starts here, with the
        // caught exnref in the try's first slot (for rethrow) and the
        // payload above it.
        Ctl& c = ctls_.back();
        if (!c.unreachable) {
          move_label_values(c);
          emit_br(c);
        }
        if (!c.in_catch) handlers_()[c.own_handler].end = static_cast<uint32_t>(here());
        bind_label();
        CatchRule k;
        k.kind = in.op == Op::Catch ? CatchRule::Kind::Tag : CatchRule::Kind::All;
        k.tag = in.a;
        k.target = static_cast<uint32_t>(here());
        k.exn_slot = c.base_height;
        k.dest = c.base_height + 1;
        handlers_()[c.own_handler].catches.push_back(k);
        c.in_catch = true;
        c.handler = handlers_()[c.own_handler].parent;  // a catch's code is not protected by its try
        c.unreachable = false;
        vals_.resize(c.base_vals);
        height_ = c.base_height;
        push_temp(ValType::ExnRef);
        if (in.op == Op::Catch)
          for (ValType t : m_.types.at(m_.tag_types.at(in.a)).params) push_temp(t);
        return;
      }
      case Op::Delegate: {
        // Closes the try like `end`; what it does not catch is thrown on
        // as if from label in.a's block (counted from outside the try).
        Ctl& c = ctls_.back();
        Handler& h = handlers_()[c.own_handler];
        h.delegates = true;
        h.delegate_to = ctls_[ctls_.size() - 2 - in.a].handler;
        Instr end;
        end.op = Op::End;
        end.offset = in.offset;
        compile(end);
        return;
      }
      case Op::Throw: {
        const size_t n = m_.types.at(m_.tag_types.at(in.a)).params.size();
        materialize_top(n);
        const uint32_t base = n ? vals_[vals_.size() - n].home : height_;
        emit(IOp::Throw, in.a);
        imm(base);
        pop_n(n);
        mark_unreachable();
        return;
      }
      case Op::ThrowRef: {
        Val v = pop();
        emit(IOp::ThrowRef, reg(v));
        mark_unreachable();
        return;
      }
      case Op::Rethrow:
        // The exnref its catch keeps in the try's first slot.
        emit(IOp::ThrowRef, ctls_[ctls_.size() - 1 - in.a].base_height);
        mark_unreachable();
        return;
      default: unsupported(in.op);
    }
  }

  const OpSignature& fixed_signature(Op op) {
    const OpSignature& e = op_signature(op);
    if (!e.fixed) unsupported(op);
    return e;
  }
  void apply_fixed(Op op) {
    const OpSignature& e = fixed_signature(op);
    pop_n(e.num_params);
    for (ValType t : e.results()) push_temp(t);
  }

  const Module& m_;
  const Function& fn_;
  const FuncType& type_;
  const Features& f_;
  bool metered_;
  std::vector<Meter> meters_;  // open metering regions, innermost last
  bool fuse_;  // set_fusion_for_testing
  LoweredFunction out_;  // the records and the frame layout
  Records& recs_ = out_.records;
  std::vector<uint32_t> local_slot_;
  std::vector<ValType> local_type_;
  std::vector<Val> vals_;
  uint32_t height_ = 0, max_height_ = 0;
  std::vector<Ctl> ctls_;
  uint32_t zero_slot_ = 0;
  // Declared locals (and the zero slot) that still hold their initial zero
  // on every path here: nothing has written them and no loop has begun.
  std::vector<bool> fresh_;
  // The locals each block writes, scanned when first asked.
  std::optional<LocalWrites> writes_;
  size_t blocks_read_ = 0;  // blocks, loops and ifs read so far, skipped ones too
  // What the last instruction (def_) and the one before it (prev_def_)
  // computed, while no label lies between them and here.
  struct Def {
    bool valid = false;
    size_t pos = 0;
    IOp op = IOp::Count;
    uint32_t home = 0;
    bool short_d = false;  // d is the low 16 bits of the first word's high half
  } def_, prev_def_, last_, before_last_, third_last_;  // last_ and before: whatever they are
  size_t last_label_ = 0;  // where bind_label was last called
};

}  // namespace

LoweredFunction lower(const Module& module, uint32_t func_index, const Features& features, bool metered,
                      bool fuse) {
  return Lowering(module, func_index, features, metered, fuse).run();
}

}  // namespace wasmrun::interp
