// Compiles one validated function body into internal code (see code.h).
//
// The compiler walks the body once with InstrReader, tracking the operand
// types (so it knows each value's slot width and the stack height at every
// instruction) and a stack of control frames. From these it resolves every
// branch to a code address plus the number of slots to keep and to drop.
// Code after br/br_table/return/unreachable is never reachable and is
// skipped up to the matching else/end. The module has been validated, so
// the compiler trusts the types it sees.
//
// A peephole fuses frequent sequences into superinstructions as they are
// emitted (local.get pairs, constant and local operands folded into binary
// operators, compare-and-branch, local-address loads). It only looks back
// over instructions emitted since the last label (a loop start, else or
// end), so no branch can land inside a fused sequence.
#include "interp/compiler.h"

#include <array>
#include <string>
#include <vector>

#include "interp/compile_simd.h"
#include "loader/instr_reader.h"
#include "loader/module.h"
#include "wasmrun/error.h"

namespace wasmrun::interp {

namespace {

constexpr size_t kNone = static_cast<size_t>(-1);

// Wasm ops executed by a handler of the same name (code.h).
bool direct_iop(Op op, IOp& out) {
  switch (op) {
#define WASMRUN_X(name) \
  case Op::name: out = IOp::name; return true;
    WASMRUN_NUMERIC_OPS(WASMRUN_X)
#undef WASMRUN_X
    default: return false;
  }
}

bool is_memory_access(Op op) { return op_info(op).access_bytes != 0 && op_info(op).imm == ImmKind::MemArg; }

struct Ctl {
  Op kind = Op::Block;
  uint32_t base_height = 0;   // slot height (from fp) below the block's params
  size_t base_types = 0;      // type-stack size at the same point
  std::vector<ValType> params, results;
  uint32_t param_slots = 0, result_slots = 0;
  size_t loop_target = 0;     // Loop: code offset of the loop start
  std::vector<size_t> end_fixups;  // slots to patch with the end's offset
  size_t else_fixup = kNone;  // If: the BrUnless target, until else/end
  bool unreachable = false;

  uint32_t label_slots() const { return kind == Op::Loop ? param_slots : result_slots; }
};

uint32_t slots_of(const std::vector<ValType>& ts) {
  uint32_t n = 0;
  for (ValType t : ts) n += slot_count(t);
  return n;
}

class Compiler {
 public:
  Compiler(const Module& m, uint32_t func_index, const Features& f)
      : m_(m), fn_(m.functions.at(func_index - m.num_imported_funcs)), type_(m.func_type(func_index)), f_(f) {}

  std::unique_ptr<Code> run() {
    code_ = std::make_unique<Code>();
    // Locals: parameters first, then declared locals; v128 takes two slots.
    uint32_t slot = 0;
    for (ValType t : type_.params) add_local(t, slot);
    code_->param_slots = slot;
    for (const LocalRun& run : fn_.locals)
      for (uint32_t i = 0; i < run.count; ++i) add_local(run.type, slot);
    code_->local_slots = slot;
    code_->result_slots = slots_of(type_.results);
    height_ = max_height_ = slot;

    Ctl body;
    body.kind = Op::Block;
    body.base_height = height_;
    body.results = type_.results;
    body.result_slots = code_->result_slots;
    ctls_.push_back(std::move(body));

    InstrReader reader(m_.body(fn_), fn_.body_offset, f_);
    Instr in;
    uint32_t skip_depth = 0;  // nesting inside unreachable code
    while (!ctls_.empty()) {
      reader.next(in);
      if (ctls_.back().unreachable) {
        if (in.op == Op::Block || in.op == Op::Loop || in.op == Op::If) {
          ++skip_depth;
          continue;
        }
        if (in.op == Op::End && skip_depth > 0) {
          --skip_depth;
          continue;
        }
        if (in.op != Op::End && !(in.op == Op::Else && skip_depth == 0)) continue;
      }
      compile(in);
    }
    code_->max_slots = max_height_;
    code_->slots.shrink_to_fit();  // may reallocate: resolve targets after it
    for (size_t pos : targets_) code_->slots[pos].target = code_->slots.data() + code_->slots[pos].u64;
    return std::move(code_);
  }

 private:
  void add_local(ValType t, uint32_t& slot) {
    local_slot_.push_back(slot);
    local_type_.push_back(t);
    slot += slot_count(t);
  }

  // --- emission ---
  void emit(IOp op) {
    if (hist_n_ == kHist) {
      for (int i = 1; i < kHist; ++i) hist_[i - 1] = hist_[i];
      --hist_n_;
    }
    hist_[hist_n_++] = {op, here()};
    code_->slots.push_back(handler_slot(op));
  }
  // A branch may land here: later instructions must not fuse with earlier ones.
  void bind_label() { hist_n_ = 0; }
  // The instruction emitted `back` instructions ago, if it is `op` and no
  // label lies between it and here; its start offset in *pos.
  bool last_is(IOp op, int back = 0, size_t* pos = nullptr) const {
    if (hist_n_ <= back || hist_[hist_n_ - 1 - back].op != op) return false;
    if (pos) *pos = hist_[hist_n_ - 1 - back].pos;
    return true;
  }
  uint64_t imm_at(size_t pos, size_t k) const { return code_->slots[pos + 1 + k].u64; }
  // Removes the last `n` instructions (starting at `pos`) to fuse them.
  void rewind(size_t pos, int n) {
    code_->slots.resize(pos);
    hist_n_ -= n;
  }
  void imm(uint64_t v) {
    Slot s;
    s.u64 = v;
    code_->slots.push_back(s);
  }
  size_t here() const { return code_->slots.size(); }
  // A branch-target slot holding a code offset, made a pointer at the end.
  void target(size_t offset) {
    targets_.push_back(here());
    imm(offset);
  }
  void label_target(Ctl& c) {
    if (c.kind == Op::Loop) {
      target(c.loop_target);
    } else {
      c.end_fixups.push_back(here());
      target(0);
    }
  }
  void patch(size_t pos, size_t offset) { code_->slots[pos].u64 = offset; }

  // --- operand types ---
  void push(ValType t) {
    types_.push_back(t);
    height_ += slot_count(t);
    if (height_ > max_height_) max_height_ = height_;
  }
  ValType pop() {
    ValType t = types_.back();
    types_.pop_back();
    height_ -= slot_count(t);
    return t;
  }
  void pop_n(size_t n) {
    for (size_t i = 0; i < n; ++i) pop();
  }
  void push_all(const std::vector<ValType>& ts) {
    for (ValType t : ts) push(t);
  }
  void reset_to(const Ctl& c, const std::vector<ValType>& top) {
    types_.resize(c.base_types);
    height_ = c.base_height;
    push_all(top);
  }
  void mark_unreachable() {
    Ctl& c = ctls_.back();
    c.unreachable = true;
    types_.resize(c.base_types);
    height_ = c.base_height;
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

  void open(Op kind, const BlockType& bt) {
    Ctl c;
    c.kind = kind;
    block_signature(bt, c.params, c.results);
    c.param_slots = slots_of(c.params);
    c.result_slots = slots_of(c.results);
    c.base_height = height_ - c.param_slots;
    c.base_types = types_.size() - c.params.size();
    c.loop_target = here();
    if (kind == Op::Loop) bind_label();
    ctls_.push_back(std::move(c));
  }

  // A branch to the label `depth` levels out, from the current height.
  void branch(uint32_t depth, IOp plain, IOp dropping) {
    Ctl& c = ctls_[ctls_.size() - 1 - depth];
    uint32_t keep = c.label_slots();
    uint32_t drop = height_ - c.base_height - keep;
    if (drop == 0) {
      emit(plain);
      label_target(c);
    } else {
      emit(dropping);
      label_target(c);
      imm((uint64_t{drop} << 32) | keep);
    }
  }

  [[noreturn]] void unsupported(Op op) {
    throw_trap("unsupported instruction: " + std::string(op_name(op)));
  }

  void compile(const Instr& in) {
    switch (in.op) {
      case Op::Nop: return;
      case Op::Unreachable:
        emit(IOp::Unreachable);
        mark_unreachable();
        return;
      case Op::Block:
      case Op::Loop:
        open(in.op, in.block);
        return;
      case Op::If:
        pop();  // the condition
        open(Op::If, in.block);
        emit(IOp::BrUnless);
        ctls_.back().else_fixup = here();
        target(0);
        return;
      case Op::Else: {
        Ctl& c = ctls_.back();
        if (!c.unreachable) {  // the then-branch falls through to the end
          emit(IOp::Br);
          label_target(c);
        }
        patch(c.else_fixup, here());
        bind_label();
        c.else_fixup = kNone;
        c.unreachable = false;
        reset_to(c, c.params);
        return;
      }
      case Op::End: {
        Ctl& c = ctls_.back();
        if (c.else_fixup != kNone) patch(c.else_fixup, here());  // `if` without else
        for (size_t pos : c.end_fixups) patch(pos, here());
        bind_label();
        reset_to(c, c.results);
        bool body_end = ctls_.size() == 1;
        ctls_.pop_back();
        if (body_end) {
          emit(IOp::Return);
          imm(code_->result_slots);
        }
        return;
      }
      case Op::Br:
        if (in.a == ctls_.size() - 1) {
          emit_return();
        } else {
          branch(in.a, IOp::Br, IOp::BrDrop);
        }
        mark_unreachable();
        return;
      case Op::BrIf:
        pop();
        if (!fuse_br_if(in.a)) branch(in.a, IOp::BrIf, IOp::BrIfDrop);
        return;
      case Op::BrTable: {
        pop();
        emit(IOp::BrTable);
        imm(in.targets.size() - 1);
        for (uint32_t depth : in.targets) {
          Ctl& c = ctls_[ctls_.size() - 1 - depth];
          uint32_t keep = c.label_slots();
          uint32_t drop = height_ - c.base_height - keep;
          label_target(c);
          imm((uint64_t{drop} << 32) | keep);
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
        pop_n(ft.params.size());
        push_all(ft.results);
        emit(IOp::Call);
        imm(in.a);
        return;
      }
      case Op::CallIndirect: {
        const FuncType& ft = m_.types.at(in.a);
        pop();
        pop_n(ft.params.size());
        push_all(ft.results);
        emit(IOp::CallIndirect);
        imm(in.a);
        imm(in.b);
        return;
      }
      case Op::Drop:
        emit(slot_count(pop()) == 2 ? IOp::Drop2 : IOp::Drop);
        return;
      case Op::Select:
      case Op::SelectT: {
        pop();
        ValType t = pop();
        pop();
        push(t);
        emit(slot_count(t) == 2 ? IOp::Select2 : IOp::Select);
        return;
      }
      case Op::LocalGet: {
        ValType t = local_type_.at(in.a);
        size_t prev;
        IOp fused = IOp::Count;
        if (slot_count(t) == 1) {
          if (last_is(IOp::LocalGet, 0, &prev)) fused = IOp::LocalGetPair;
          else if (last_is(IOp::LocalTee, 0, &prev)) fused = IOp::LocalTeeGet;
          else if (last_is(IOp::LocalSet, 0, &prev)) fused = IOp::LocalSetGet;
        }
        if (fused != IOp::Count) {
          uint64_t first = imm_at(prev, 0);
          rewind(prev, 1);
          emit(fused);
          imm(first);
          imm(local_slot_[in.a]);
        } else {
          emit(slot_count(t) == 2 ? IOp::LocalGet2 : IOp::LocalGet);
          imm(local_slot_[in.a]);
        }
        push(t);
        return;
      }
      case Op::LocalSet: {
        ValType t = pop();
        size_t prev;
        if (slot_count(t) == 1 && (last_is(IOp::LocalGet, 0, &prev) || last_is(IOp::Const, 0, &prev))) {
          IOp fused = last_is(IOp::LocalGet) ? IOp::LocalCopy : IOp::LocalSetConst;
          uint64_t first = imm_at(prev, 0);
          rewind(prev, 1);
          emit(fused);
          imm(first);
          imm(local_slot_.at(in.a));
          return;
        }
        emit(slot_count(t) == 2 ? IOp::LocalSet2 : IOp::LocalSet);
        imm(local_slot_.at(in.a));
        return;
      }
      case Op::LocalTee: {
        ValType t = types_.back();
        emit(slot_count(t) == 2 ? IOp::LocalTee2 : IOp::LocalTee);
        imm(local_slot_.at(in.a));
        return;
      }
      case Op::GlobalGet: {
        ValType t = m_.all_globals.at(in.a).type;
        emit(slot_count(t) == 2 ? IOp::GlobalGet2 : IOp::GlobalGet);
        imm(in.a);
        push(t);
        return;
      }
      case Op::GlobalSet: {
        ValType t = pop();
        emit(slot_count(t) == 2 ? IOp::GlobalSet2 : IOp::GlobalSet);
        imm(in.a);
        return;
      }
      case Op::I32Const:
      case Op::I64Const:
      case Op::F32Const:
      case Op::F64Const:
        emit(IOp::Const);
        imm(in.bits);
        push(op_signature(in.op).result_types[0]);
        return;
      case Op::RefNull:
        emit(IOp::Const);
        imm(0);
        push(in.type);
        return;
      case Op::RefIsNull:
        pop();
        push(ValType::I32);
        emit(IOp::RefIsNull);
        return;
      case Op::RefFunc:
        emit(IOp::RefFunc);
        imm(in.a);
        push(ValType::FuncRef);
        return;
      case Op::TableGet:
        pop();
        push(m_.all_tables.at(in.a).elem);
        emit(IOp::TableGet);
        imm(in.a);
        return;
      case Op::TableSet:
        pop_n(2);
        emit(IOp::TableSet);
        imm(in.a);
        return;
      case Op::TableSize:
        push(ValType::I32);
        emit(IOp::TableSize);
        imm(in.a);
        return;
      case Op::TableGrow:
        pop_n(2);
        push(ValType::I32);
        emit(IOp::TableGrow);
        imm(in.a);
        return;
      case Op::TableFill:
        pop_n(3);
        emit(IOp::TableFill);
        imm(in.a);
        return;
      case Op::TableCopy:
        pop_n(3);
        emit(IOp::TableCopy);
        imm(in.a);
        imm(in.b);
        return;
      case Op::TableInit:
        pop_n(3);
        emit(IOp::TableInit);
        imm(in.a);
        imm(in.b);
        return;
      case Op::ElemDrop:
        emit(IOp::ElemDrop);
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
    if (lower_simd(in, simd)) {  // every SIMD row has a fixed signature
      apply_fixed(in.op);
      emit(simd.op);
      for (uint8_t k = 0; k < simd.num_imms; ++k) imm(simd.imms[k]);
      return;
    }
    IOp iop;
    if (!direct_iop(in.op, iop)) unsupported(in.op);
    if (is_memory_access(in.op)) {
      if (in.mem.memory != 0) unsupported(in.op);  // multi-memory: later
      apply_fixed(in.op);
      if (fuse_load(iop, in.mem.offset)) return;
      emit(iop);
      imm(in.mem.offset);
      return;
    }
    apply_fixed(in.op);
    if (!fuse_numeric(iop)) emit(iop);
  }

  // Folds the operand producers before a binary operator into it:
  //   local.get a; local.get b; i32.add   -> I32AddLL a b
  //   local.get a; i32.const c; i32.add   -> I32AddLImm a c
  //   *.const c; OP                       -> OP_SI c
  //   local.get b; OP                     -> OP_SL b
  // and a local address into a load: local.get a; LOAD -> LOAD_L a offset.
  bool fuse_numeric(IOp op) {
    size_t prev;
    if (op == IOp::I32Add && last_is(IOp::LocalGetPair, 0, &prev)) {
      uint64_t a = imm_at(prev, 0), b = imm_at(prev, 1);
      rewind(prev, 1);
      emit(IOp::I32AddLL);
      imm(a);
      imm(b);
      return true;
    }
    IOp si, sl;
    switch (op) {
#define WASMRUN_CASE(name, ...)     \
  case IOp::name:                   \
    si = IOp::name##_SI;            \
    sl = IOp::name##_SL;            \
    break;
      WASMRUN_FOLDABLE_BINOPS(WASMRUN_CASE)
#undef WASMRUN_CASE
      default: return false;
    }
    if (last_is(IOp::Const, 0, &prev)) {
      uint64_t c = imm_at(prev, 0);
      size_t first;
      if (op == IOp::I32Add && last_is(IOp::LocalGet, 1, &first)) {
        uint64_t slot = imm_at(first, 0);
        rewind(first, 2);
        emit(IOp::I32AddLImm);
        imm(slot);
        imm(c);
        return true;
      }
      rewind(prev, 1);
      emit(si);
      imm(c);
      return true;
    }
    if (last_is(IOp::LocalGet, 0, &prev)) {
      uint64_t slot = imm_at(prev, 0);
      rewind(prev, 1);
      emit(sl);
      imm(slot);
      return true;
    }
    return false;
  }

  bool fuse_load(IOp op, uint64_t offset) {
    IOp fused;
    switch (op) {
#define WASMRUN_CASE(name, ...) \
  case IOp::name:               \
    fused = IOp::name##_L;      \
    break;
      WASMRUN_LOCAL_ADDRESS_LOADS(WASMRUN_CASE)
#undef WASMRUN_CASE
      default: return false;
    }
    size_t prev;
    if (!last_is(IOp::LocalGet, 0, &prev)) return false;
    uint64_t slot = imm_at(prev, 0);
    rewind(prev, 1);
    emit(fused);
    imm(slot);
    imm(offset);
    return true;
  }

  // An i32 comparison (or eqz) followed by a br_if that neither keeps nor
  // drops values becomes one compare-and-branch.
  bool fuse_br_if(uint32_t depth) {
    if (hist_n_ == 0 || depth == ctls_.size() - 1) return false;
    Ctl& c = ctls_[ctls_.size() - 1 - depth];
    if (height_ - c.base_height - c.label_slots() != 0 || c.label_slots() != 0) return false;
    size_t prev = hist_[hist_n_ - 1].pos;
    if (hist_[hist_n_ - 1].op == IOp::LocalGet) {
      uint64_t slot = imm_at(prev, 0);
      rewind(prev, 1);
      emit(IOp::BrIfLocal);
      imm(slot);
      label_target(c);
      return true;
    }
    size_t first;
    if (hist_[hist_n_ - 1].op == IOp::I32Eqz && last_is(IOp::LocalGet, 1, &first)) {
      uint64_t slot = imm_at(first, 0);
      rewind(first, 2);
      emit(IOp::BrUnlessLocal);
      imm(slot);
      label_target(c);
      return true;
    }
    // Comparisons with a constant or local operand (OP_SI, OP_SL) and with
    // both operands from a local.get pair.
    IOp last = hist_[hist_n_ - 1].op;
    switch (last) {
#define WASMRUN_CASE(name, ...)                                              \
  case IOp::name##_SI: {                                                     \
    uint64_t bits = imm_at(prev, 0);                                         \
    if (last_is(IOp::LocalGet, 1, &first)) {                                 \
      uint64_t slot = imm_at(first, 0);                                      \
      rewind(first, 2);                                                      \
      emit(IOp::BrIf##name##_LI);                                            \
      imm(slot);                                                             \
    } else {                                                                 \
      rewind(prev, 1);                                                       \
      emit(IOp::BrIf##name##_SI);                                            \
    }                                                                        \
    imm(bits);                                                               \
    label_target(c);                                                         \
    return true;                                                             \
  }                                                                          \
  case IOp::name##_SL: {                                                     \
    uint64_t slot = imm_at(prev, 0);                                         \
    rewind(prev, 1);                                                         \
    emit(IOp::BrIf##name##_SL);                                              \
    imm(slot);                                                               \
    label_target(c);                                                         \
    return true;                                                             \
  }                                                                          \
  case IOp::name:                                                            \
    if (last_is(IOp::LocalGetPair, 1, &first)) {                             \
      uint64_t a = imm_at(first, 0), b = imm_at(first, 1);                   \
      rewind(first, 2);                                                      \
      emit(IOp::BrIf##name##_LL);                                            \
      imm(a);                                                                \
      imm(b);                                                                \
      label_target(c);                                                       \
      return true;                                                           \
    }                                                                        \
    break;
      WASMRUN_BR_CMPS(WASMRUN_CASE)
#undef WASMRUN_CASE
      default: break;
    }
    IOp fused;
    switch (last) {
      case IOp::I32Eqz: fused = IOp::BrUnless; break;
      case IOp::I32Eq: fused = IOp::BrIfI32Eq; break;
      case IOp::I32Ne: fused = IOp::BrIfI32Ne; break;
      case IOp::I32LtS: fused = IOp::BrIfI32LtS; break;
      case IOp::I32LtU: fused = IOp::BrIfI32LtU; break;
      case IOp::I32GtS: fused = IOp::BrIfI32GtS; break;
      case IOp::I32GtU: fused = IOp::BrIfI32GtU; break;
      case IOp::I32LeS: fused = IOp::BrIfI32LeS; break;
      case IOp::I32LeU: fused = IOp::BrIfI32LeU; break;
      case IOp::I32GeS: fused = IOp::BrIfI32GeS; break;
      case IOp::I32GeU: fused = IOp::BrIfI32GeU; break;
      default: return false;
    }
    rewind(prev, 1);
    emit(fused);
    label_target(c);
    return true;
  }

  void compile_bulk_memory(const Instr& in) {
    // Only memory 0 exists before multi-memory; its index is not encoded.
    uint32_t mem = (in.op == Op::MemoryInit) ? in.b : in.a;
    if (in.op != Op::DataDrop && mem != 0) unsupported(in.op);
    apply_fixed(in.op);
    switch (in.op) {
      case Op::MemorySize: emit(IOp::MemorySize); break;
      case Op::MemoryGrow: emit(IOp::MemoryGrow); break;
      case Op::MemoryFill: emit(IOp::MemoryFill); break;
      case Op::MemoryCopy:
        if (in.b != 0) unsupported(in.op);
        emit(IOp::MemoryCopy);
        break;
      case Op::MemoryInit:
        emit(IOp::MemoryInit);
        imm(in.a);
        break;
      case Op::DataDrop:
        emit(IOp::DataDrop);
        imm(in.a);
        break;
      default: unsupported(in.op);
    }
  }

  void apply_fixed(Op op) {
    const OpSignature& e = op_signature(op);
    if (!e.fixed) unsupported(op);
    pop_n(e.num_params);
    for (ValType t : e.results()) push(t);
  }

  void emit_return() {
    emit(IOp::Return);
    imm(code_->result_slots);
  }

  const Module& m_;
  const Function& fn_;
  const FuncType& type_;
  const Features& f_;
  std::unique_ptr<Code> code_;
  std::vector<uint32_t> local_slot_;
  std::vector<ValType> local_type_;
  std::vector<ValType> types_;
  uint32_t height_ = 0, max_height_ = 0;
  std::vector<Ctl> ctls_;
  std::vector<size_t> targets_;
  struct Emitted {
    IOp op;
    size_t pos;
  };
  static constexpr int kHist = 3;
  Emitted hist_[kHist] = {};
  int hist_n_ = 0;
};

}  // namespace

std::unique_ptr<Code> compile_function(const Module& module, uint32_t func_index, const Features& features) {
  return Compiler(module, func_index, features).run();
}

}  // namespace wasmrun::interp
