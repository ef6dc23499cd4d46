// The interpreter loop.
//
// Registers of the loop: pc (next code slot), fp (the current function's
// frame: its locals, then its operand stack's slots), sp (the stack top,
// for stack-style handlers only), fr
// (the top saved caller frame), inst (the current instance) and the cached
// base and size of its memory 0. The loop is built once per bounds mode
// (interp/exec/bounds_mode.h): run<Guard> accesses memory 0 without compares,
// and a fault in its guard region returns to the TrapLanding that
// enter_run() sets up, which throws the trap.
//
// Wasm-to-wasm calls never recurse in C++: a call saves (pc, fp) in the
// store's preallocated frame array and jumps to the callee's code; a
// return restores them. A call into another instance also saves the
// instance, in a frame under one that returns through ReturnToInstance.
// Both stacks are bounded (StoreLimits) and checked once per call, so deep
// guest recursion ends in "call stack exhausted".
// Traps are C++ exceptions thrown from cold functions; invoke() restores
// the store's stack tops on the way out, so the store stays usable.
#include "interp/exec/interpreter.h"

#include <pthread.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "interp/compiler/code_dump.h"
#include "interp/exec/backtrace.h"
#include "interp/exec/code_registry.h"
#include "interp/compiler/compiler.h"
#include "interp/exec/atomic_exec.h"
#include "interp/exec/ref_test.h"
#include "interp/runtime/gc_objects.h"
#include "interp/exec/memory_access.h"
#include "interp/compiler/pair_forms.h"
#include "interp/semantics/numerics.h"
#include "interp/semantics/scalar_ops.h"
#include "interp/exec/simd_exec.h"
#include "interp/exec/table_ops.h"
#include "interp/exec/traps.h"
#include "interp/exec/unwind.h"
#include "memory/guard_regions.h"

namespace wasmrun::interp {

namespace {

// The halves of a word held in a register, or of one in the code (LO/HI).
[[gnu::always_inline]] inline uint32_t lo_half(uint64_t w) { return static_cast<uint32_t>(w); }
[[gnu::always_inline]] inline uint32_t hi_half(uint64_t w) { return static_cast<uint32_t>(w >> 32); }
[[gnu::always_inline]] inline uint32_t lo_half(const Slot& s) { return s.half[kLowHalf]; }
[[gnu::always_inline]] inline uint32_t hi_half(const Slot& s) { return s.half[1 - kLowHalf]; }

// A load's or store's effective address (the _A forms of
// handlers_memory.inc): the i32 in `slot` plus the addend, wrapped to 32
// bits, plus the offset.
[[gnu::always_inline]] inline uint64_t effective_address(uint64_t slot, uint32_t offset, uint64_t addend) {
  uint32_t addr = static_cast<uint32_t>(slot) + static_cast<uint32_t>(addend);
  return static_cast<uint64_t>(addr) + offset;
}

// The _X forms' effective address: [x|y] [k|offset] [addend] after the
// first word, (x << k) + y + addend wrapped to 32 bits, plus the offset.
[[gnu::always_inline]] inline uint64_t indexed_address(const uint64_t* fp, const Slot* pc) {
  uint32_t x = static_cast<uint32_t>(fp[lo_half(pc[1])]);
  uint32_t y = static_cast<uint32_t>(fp[hi_half(pc[1])]);
  uint32_t addr = (x << lo_half(pc[2])) + y + lo_half(pc[3]);
  return static_cast<uint64_t>(addr) + hi_half(pc[2]);
}

#include "interp/exec/op_profile.inc"

// call_host, with a wasmrun::Exception the host function throws turned
// into the exception object to unwind with (null if it returned).
[[gnu::noinline]] ExceptionObject* call_host_catching(Store::Impl& S, FuncImpl* f, uint64_t* sp,
                                                       InstanceImpl* caller);
// call_host, with a trap in it marked as a host frame of its backtrace.
[[gnu::noinline]] void call_host_traced(Store::Impl& S, FuncImpl* f, uint64_t* sp, InstanceImpl* caller);

// Runs `entry` (already compiled) with its arguments at base[0..). With
// `table_out` set, only reports the handler addresses (computed goto).
// M says how loads and stores stay in bounds (MEM_AT below).
template <BoundsMode M>
void run(Store::Impl* S, FuncImpl* entry, uint64_t* base, const int32_t** table_out) {
#if WASMRUN_COMPUTED_GOTO
  // Handler offsets from L_Exit (GNU labels as values), so a handler fits
  // in half a word.
#define WASMRUN_OFF(label) \
  static_cast<int32_t>(static_cast<const char*>(&&label) - static_cast<const char*>(&&L_Exit))
  static const int32_t offsets[] = {
#define WASMRUN_IOP(name) WASMRUN_OFF(L_##name),
      WASMRUN_EACH_SCALAR_IOP()
#undef WASMRUN_IOP
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) WASMRUN_IF_SIMD_##prefix(WASMRUN_OFF(L_##name), )
#include "loader/opcodes.def"
#undef WASM_OP
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) \
  WASMRUN_IF_SIMD_##prefix(WASMRUN_IF_SIMD_MEMORY_##imm(WASMRUN_OFF(L_##name##_M), ))
#include "loader/opcodes.def"
#undef WASM_OP
#undef WASMRUN_OFF
  };
  static_assert(sizeof(offsets) / sizeof(offsets[0]) == static_cast<size_t>(IOp::Count));
  if (table_out) {
    *table_out = offsets;
    return;
  }
#define HANDLER(name) L_##name:
#define SHANDLER(name) L_##name : sp = fp + HI(ins); ++pc;
// Where NAME's handler goes on once its forwarded operand is in acc: its
// plain entry loads acc from the operand's slot and falls through to here,
// a forwarding pair (handlers_prefixed.inc) jumps here.
#define FWD_ENTRY(name) L_##name##_Fwd : __attribute__((unused));
#define DISPATCH() goto* static_cast<const void*>(static_cast<const char*>(&&L_Exit) + static_cast<int32_t>(ins))
  Slot exit_code[2] = {}, return_to_instance_code[2] = {};  // a second word for the profile
  exit_code[0].u64 = 0;  // L_Exit's offset from itself
  return_to_instance_code[0].u64 =
      static_cast<uint32_t>(static_cast<const char*>(&&L_ReturnToInstance) - static_cast<const char*>(&&L_Exit));
#define NEXT()      \
  do {              \
    ins = pc->u64;  \
    DISPATCH();     \
  } while (0)
#else
  (void)table_out;
#define HANDLER(name) case IOp::name:
#define SHANDLER(name) case IOp::name : sp = fp + HI(ins); ++pc;
#define NEXT() goto dispatch
#define DISPATCH() goto dispatch_ins
#define FWD_ENTRY(name)
  Slot exit_code[2] = {}, return_to_instance_code[2] = {};  // a second word for the profile
  exit_code[0].u64 = static_cast<uint64_t>(IOp::Exit);
  return_to_instance_code[0].u64 = static_cast<uint64_t>(IOp::ReturnToInstance);
#endif

// A conditional branch's last statement: taken, pc moves by `rel` and the
// next instruction is dispatched; not taken, pc moves past the `len`
// words of the branch and TAIL follows (NEXT(), or in an instruction pair
// of handlers_prefixed.inc the jump into the next instruction's handler).
#define BRANCH_END(cond, rel, len, TAIL) \
  do {                                   \
    if (cond) {                          \
      PROFILE_TAKEN();                   \
      pc += (rel);                       \
      NEXT();                            \
    }                                    \
    pc += (len);                         \
    TAIL;                                \
  } while (0)

// The two halves of a word (code.h).
// Of a word in a register (the first word, `ins`) or of an operand word
// in the code (`pc[1]`, or `const Slot& w = pc[1]`): the latter reads each
// half with one 32-bit load, where the high half of a loaded word costs a
// copy and a shift.
#define LO(w) lo_half(w)
#define HI(w) hi_half(w)

// The host address of an access of `bytes` at effective address `ea` of
// memory 0 (64-bit, so it cannot overflow): the one access path of every
// load and store (interp/exec/memory_access.h). It traps unless the access lies
// within memory 0; in the Guard mode, by faulting.
#define MEM_AT(ea, bytes) memory_at<M, (bytes)>(mem_base, mem_size, (ea))

// A trap about to be thrown at this instruction, or a host function
// called here (which may trap): where it is, for the trap's backtrace
// (enter_run reads it). Only in the cold paths that trap, and around host
// calls, which clear it when they return.
#define NOTED(trap_call) (S->trap_pc = pc, S->trap_fr = fr, trap_call)

#define REFRESH_MEMORY()                            \
  do {                                              \
    LinearMemory* m_ = inst->mem0;                  \
    mem_base = m_ ? m_->base() : nullptr;           \
    mem_size = m_ ? m_->size_bytes() : 0;           \
  } while (0)

  const Code* code = entry->code;
  InstanceImpl* inst = entry->inst;
  uint64_t* fp = base;
  Frame* fr = S->frame_top;
  // The store's stacks never move: their limits stay in registers.
  Frame* const last_frame = S->frames_end - 1;
  uint64_t* const stack_end = S->stack_end;
  if (fr >= last_frame || fp + code->max_slots > stack_end) trap_stack_exhausted();
  ++fr;
  fr->ret_pc = exit_code;
  fr->fp = fp;
  for (uint32_t i = code->param_slots; i < code->local_slots; ++i) fp[i] = 0;
  uint64_t* sp = nullptr;  // stack-style handlers only (SHANDLER)
  const Slot* pc = code->slots.data();
  uint8_t* mem_base;
  uint64_t mem_size;
  REFRESH_MEMORY();
  FuncImpl* callee = nullptr;
  uint64_t* nfp = nullptr;  // a call's new frame: its first argument
  uint64_t ins;             // the current instruction's first word
  uint64_t acc;             // a forwarded result (code.h's WASMRUN_FORWARDED)

#if WASMRUN_COMPUTED_GOTO
  NEXT();
#else
dispatch:
  ins = pc->u64;
dispatch_ins:  // an instruction pair enters its second instruction here
#ifdef WASMRUN_PROFILE_OPS
  op_profile().count(ins, pc);
#endif
  switch (static_cast<IOp>(LO(ins))) {
#endif

#include "interp/exec/handlers_control.inc"
#include "interp/exec/handlers_memory.inc"
#include "interp/exec/handlers_numeric.inc"
#include "interp/exec/handlers_fused.inc"
#include "interp/exec/handlers_branch.inc"
#include "interp/exec/handlers_prefixed.inc"
#include "interp/exec/handlers_simd.inc"
#include "interp/exec/handlers_any_memory.inc"
#include "interp/exec/handlers_atomic.inc"
#include "interp/exec/handlers_gc.inc"

#if !WASMRUN_COMPUTED_GOTO
    case IOp::Count: break;
  }
  return;
#endif

do_call:
  // The fast path: a compiled wasm function of the current instance whose
  // frame fits. Host functions (inst null) and other instances' functions
  // differ in inst, so one compare sends both to call_other, and the frame
  // needs no instance (see RETURN_TO_CALLER).
  if (callee->inst != inst) [[unlikely]] goto call_other;
  if (!callee->entry) [[unlikely]] goto call_check;
  if (fr >= last_frame || nfp + callee->frame_slots > stack_end) [[unlikely]] goto call_check;
call_enter:
  ++fr;
  fr->ret_pc = pc;
  fr->fp = fp;
  fp = nfp;
  {
    // Most functions have at most 4 locals to zero: store 4 zeros
    // unconditionally (two 16-byte stores, no loop branch) and loop only
    // for the rest. Slots past the locals are dead (the callee's operand
    // stack or above it), and the stack has kZeroSlack spare slots past
    // stack_end for a frame at its very end.
    uint64_t* z = fp + callee->zero_from;
    z[0] = z[1] = z[2] = z[3] = 0;
    uint64_t* const z_end = fp + callee->zero_to;
    if (z_end > z + 4) [[unlikely]] {
      // The empty asm keeps GCC from turning this loop into a memset call.
      for (z += 4; z < z_end; ++z) {
        *z = 0;
        asm("" : "+r"(z));
      }
    }
  }
  pc = callee->entry;
  ins = callee->first_word;
  DISPATCH();

call_check:
  // Not compiled yet (its first call), or out of stack.
  if (!callee->code) {
    ensure_compiled(callee);
    if (fr < last_frame && nfp + callee->frame_slots <= stack_end) goto call_enter;
  }
  NOTED(trap_stack_exhausted());

call_other:
  if (callee->is_host()) {
    uint64_t* top = nfp + callee->param_slots;
    S->sp_top = top;
    S->frame_top = fr;
    // Host code is not guest code: a fault in it is no trap (guard_regions.h).
    guard::TrapLanding* landing = guard::current_landing();
    guard::set_current_landing(nullptr);
    ExceptionObject* thrown = NOTED(call_host_catching(*S, callee, top, inst));
    S->trap_pc = nullptr;
    guard::set_current_landing(landing);
    // A wasm exception the host function threw: unwound from the call.
    if (thrown) [[unlikely]] UNWIND(thrown, pc);
    REFRESH_MEMORY();
    NEXT();
  }
  // Another instance's function: two frames, the caller's (with its
  // instance) and one that returns to ReturnToInstance, which switches back.
  ensure_compiled(callee);
  if (fr + 1 >= last_frame || nfp + callee->frame_slots > stack_end) NOTED(trap_stack_exhausted());
  ++fr;
  fr->ret_pc = pc;
  fr->fp = fp;
  fr->inst = inst;
  ++fr;
  fr->ret_pc = return_to_instance_code;
  fr->fp = nfp;  // unused: ReturnToInstance reads the frame below
  fp = nfp;
  for (uint32_t i = callee->zero_from; i < callee->zero_to; ++i) fp[i] = 0;
  pc = callee->entry;
  inst = callee->inst;
  REFRESH_MEMORY();
  NEXT();

do_tail_call:
  // A tail call (return_call, return_call_indirect; return_call_ref can
  // come here the same way): `callee` is the function to call and nfp its
  // arguments, in the current frame. The callee takes over this frame: its
  // arguments move down to fp and it runs with fr as it is, so it returns
  // to our caller and a chain of tail calls uses no more frames (nor host
  // stack) than one call. Rare next to calls, so nothing here is on the
  // call path's registers' account.
  if (callee->inst != inst) [[unlikely]] goto tail_call_other;
  if (!callee->entry) ensure_compiled(callee);
  if (fp + callee->frame_slots > stack_end) [[unlikely]] NOTED(trap_stack_exhausted());
  for (uint32_t k = 0; k < callee->param_slots; ++k) fp[k] = nfp[k];  // fp <= nfp: a forward copy is safe
  for (uint32_t k = callee->zero_from; k < callee->zero_to; ++k) fp[k] = 0;
  pc = callee->entry;
  ins = callee->first_word;
  DISPATCH();

tail_call_other:
  if (callee->is_host()) {
    // Call it as a call would, then return its results as ours. The
    // compiler left room for them at nfp (the caller's frame covers the
    // callee's results there).
    uint64_t* top = nfp + callee->param_slots;
    S->sp_top = top;
    S->frame_top = fr;
    guard::TrapLanding* landing = guard::current_landing();
    guard::set_current_landing(nullptr);
    NOTED(call_host_traced(*S, callee, top, inst));
    S->trap_pc = nullptr;
    guard::set_current_landing(landing);
    for (uint32_t k = 0; k < callee->result_slots; ++k) fp[k] = nfp[k];
    REFRESH_MEMORY();  // the host may have grown our memory; a return to another instance refreshes again
    pc = fr->ret_pc;
    fp = fr->fp;
    --fr;
    NEXT();
  }
  // Another instance's function. Whoever the callee returns to must run in
  // its own instance. If we were entered from another instance, the frame
  // on top returns through ReturnToInstance, which restores that instance
  // from the frame below; when that is the callee's own, the pair is no
  // longer needed. Otherwise our caller runs in this instance: it gets a
  // pair as a call into another instance makes. So a chain of tail calls
  // between instances holds at most one extra frame.
  ensure_compiled(callee);
  if (fp + callee->frame_slots > stack_end) NOTED(trap_stack_exhausted());
  if (fr->ret_pc == return_to_instance_code) {
    if (fr[-1].inst == callee->inst) --fr;
  } else {
    if (fr >= last_frame) NOTED(trap_stack_exhausted());
    fr->inst = inst;
    ++fr;
    fr->ret_pc = return_to_instance_code;
    fr->fp = fp;  // unused: ReturnToInstance reads the frame below
  }
  for (uint32_t k = 0; k < callee->param_slots; ++k) fp[k] = nfp[k];
  for (uint32_t k = callee->zero_from; k < callee->zero_to; ++k) fp[k] = 0;
  pc = callee->entry;
  inst = callee->inst;
  REFRESH_MEMORY();
  NEXT();
#undef HANDLER
#undef SHANDLER
#undef LO
#undef HI
#undef MEM_AT
#undef NEXT
#undef DISPATCH
#undef FWD_ENTRY
#undef REFRESH_MEMORY
#undef NOTED
#undef BRANCH_END
#undef UNWIND
}

// Host -> wasm -> host re-entry does recurse in C++: each level costs a
// few hundred bytes of native stack. Measured from the outermost call, the
// nesting may use at most this much, and at most half of what the thread's
// stack has left there (threads may have small stacks). AddressSanitizer
// gives every local of run() its own slot between redzones (its frame
// grows from under 1 KiB to about 15 KiB), so a level costs about ten
// times as much there and the fixed budget scales with it; the half of
// what is left still bounds it.
#if defined(__SANITIZE_ADDRESS__)
#define WASMRUN_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WASMRUN_ASAN 1
#endif
#endif
#ifdef WASMRUN_ASAN
constexpr ptrdiff_t kNativeStackBudget = 16 << 20;
#else
constexpr ptrdiff_t kNativeStackBudget = 1 << 20;
#endif

// The lowest address of this thread's stack, or null if unknown. Asked once
// per thread: glibc reads /proc/self/maps for the main thread.
const char* thread_stack_low() {
  thread_local const char* low = [] {
    const char* result = nullptr;
#if defined(__linux__) && defined(__GLIBC__)
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void* addr = nullptr;
      size_t size = 0;
      if (pthread_attr_getstack(&attr, &addr, &size) == 0) result = static_cast<const char*>(addr);
      pthread_attr_destroy(&attr);
    }
#endif
    return result;
  }();
  return low;
}

ptrdiff_t native_stack_budget(const char* here) {
  ptrdiff_t budget = kNativeStackBudget;
  if (const char* low = thread_stack_low()) {
    ptrdiff_t left = here - low;
    if (left > 0 && left / 2 < budget) budget = left / 2;
  }
  return budget;
}

// A fault in a guarded memory: the out of bounds trap, with the function
// and instruction where it happened. The loop's pc is in a register at
// the fault: one that points into compiled code, other than a return
// address of a live frame (a register may still hold the last call's).
// Its frame pointer is not reliably in a register (GCC keeps it
// elsewhere in some handlers), so the callers are not listed: with
// explicit bounds checks (WASMRUN_BOUNDS_CHECKS=explicit) they are.
[[noreturn, gnu::cold]] void trap_out_of_bounds_at(const Store::Impl& S, const guard::TrapLanding& landing,
                                                   const Frame* entry) {
  const Frame* const last = S.frames_end - 1;
  // Frames past the live ones were zeroed when the stack was made, or
  // hold older return addresses, which a register is as unlikely to hold
  // as any other stale value.
  auto is_return_address = [&](const Slot* p) {
    for (const Frame* f = entry + 1; f < last && f->ret_pc; ++f)
      if (f->ret_pc == p) return true;
    return false;
  };
  const Slot* pc = nullptr;
  for (int i = 0; i < landing.register_count && !pc; ++i) {
    const auto* p = reinterpret_cast<const Slot*>(landing.registers[i]);
    if (code_at(p) && !is_return_address(p)) pc = p;
  }
  Error e(ErrorKind::Trap, "out of bounds memory access");
  if (pc) add_wasm_frames(e, pc, nullptr, entry);
  throw e;
}

// Runs `entry` in the loop of this process's bounds mode. In the Guard
// mode a fault in a guarded memory lands here, past run()'s frame (which
// holds nothing to destroy), and becomes the trap.
void enter_guarded_run(Store::Impl* S, FuncImpl* entry, uint64_t* base, const Frame* entry_frame) {
  // However the call ends (a return, a trap, a fault), the caller's
  // landing is current again.
  struct RestoreLanding {
    guard::TrapLanding* outer;
    ~RestoreLanding() { guard::set_current_landing(outer); }
  } restore{guard::current_landing()};
  guard::TrapLanding landing;
  if (sigsetjmp(landing.jump, 0) != 0) trap_out_of_bounds_at(*S, landing, entry_frame);
  guard::set_current_landing(&landing);
  run<BoundsMode::Guard>(S, entry, base, nullptr);
}

// A trap's backtrace: the loop noted where it was before it threw (NOTED
// in run(), and at calls of host functions), so this catch outside the
// loop adds the run's frames, and the loop itself has no exception
// handler (one costs it 2-7% of its instructions: GCC's code for a loop
// with landing pads is slower even when they are never used). A trap
// nothing noted (a numeric trap, an access out of bounds found by a
// compare) has no frames from this run. An outer run's note (the host
// call that led here) is kept for it.
void enter_run(Store::Impl* S, FuncImpl* entry, uint64_t* base) {
  const Frame* entry_frame = S->frame_top + 1;  // the frame run() starts with
  struct RestoreNote {
    Store::Impl* s;
    const Slot* pc;
    const Frame* fr;
    ~RestoreNote() {
      s->trap_pc = pc;
      s->trap_fr = fr;
    }
  } restore{S, S->trap_pc, S->trap_fr};
  S->trap_pc = nullptr;
  try {
    if (bounds_mode() == BoundsMode::Explicit) run<BoundsMode::Explicit>(S, entry, base, nullptr);
    else enter_guarded_run(S, entry, base, entry_frame);
  } catch (Error& e) {
    if (traced(e) && S->trap_pc) add_wasm_frames(e, S->trap_pc, S->trap_fr, entry_frame);
    throw;
  }
}

}  // namespace

uint32_t handler_word(IOp op) {
#if WASMRUN_COMPUTED_GOTO
  static const int32_t* table = [] {
    const int32_t* t = nullptr;
    if (bounds_mode() == BoundsMode::Explicit)
      run<BoundsMode::Explicit>(nullptr, nullptr, nullptr, &t);
    else
      run<BoundsMode::Guard>(nullptr, nullptr, nullptr, &t);
    return t;
  }();
  return static_cast<uint32_t>(table[static_cast<size_t>(op)]);
#else
  return static_cast<uint32_t>(op);
#endif
}

namespace {

ExceptionObject* call_host_catching(Store::Impl& S, FuncImpl* f, uint64_t* sp, InstanceImpl* caller) {
  try {
    call_host_traced(S, f, sp, caller);
    return nullptr;
  } catch (const Exception& e) {
    return exception_from_host(S, e, sp);
  }
}

void call_host_traced(Store::Impl& S, FuncImpl* f, uint64_t* sp, InstanceImpl* caller) {
  try {
    call_host(S, f, sp, caller);
  } catch (Error& e) {
    if (traced(e)) add_host_frame(e);
    throw;
  }
}

}  // namespace

uint64_t* call_host(Store::Impl& S, FuncImpl* f, uint64_t* sp, InstanceImpl* caller) {
  const FuncType& t = f->sig;
  constexpr size_t kSmall = 8;
  Value small_args[kSmall], small_results[kSmall];
  std::vector<Value> big_args, big_results;
  std::span<Value> args(small_args, t.params.size() <= kSmall ? t.params.size() : 0);
  std::span<Value> results(small_results, t.results.size() <= kSmall ? t.results.size() : 0);
  if (t.params.size() > kSmall) {
    big_args.resize(t.params.size());
    args = big_args;
  }
  if (t.results.size() > kSmall) {
    big_results.resize(t.results.size());
    results = big_results;
  }
  uint64_t* p = sp - f->param_slots;
  const uint64_t* q = p;
  for (size_t i = 0; i < t.params.size(); ++i) {
    args[i] = slots_to_value(t.params[i], q);
    q += slot_count(t.params[i]);
  }
  for (size_t i = 0; i < t.results.size(); ++i) {
    results[i] = Value();
    results[i].type = t.results[i];
  }
  HostCall call{*S.owner, caller};
  f->host(call, args, results);
  for (size_t i = 0; i < t.results.size(); ++i) {
    Value v = results[i];
    v.type = t.results[i];
    value_to_slots(v, p);
    p += slot_count(t.results[i]);
  }
  return p;
}

// Whether an embedder's argument may be passed as `param`: its own type, or
// a reference of the same hierarchy that is non-null where `param` is.
static bool argument_fits(const Value& v, ValType param) {
  if (v.type == param) return true;
  if (!v.type.is_ref() || !param.is_ref()) return false;
  if (v.is_null() && !param.nullable()) return false;
  return ref_hierarchy(v.type) == ref_hierarchy(param);
}

std::vector<Value> invoke(Store::Impl& S, FuncImpl* f, std::span<const Value> args) {
  const FuncType& t = f->sig;
  if (args.size() != t.params.size())
    throw Error(ErrorKind::Usage, "wrong number of arguments: " + std::to_string(args.size()) + " given, " +
                                      std::to_string(t.params.size()) + " expected");
  for (size_t i = 0; i < args.size(); ++i) {
    if (!argument_fits(args[i], t.params[i]))
      throw Error(ErrorKind::Usage, "argument " + std::to_string(i) + " has type " + val_type_name(args[i].type) +
                                        ", expected " + val_type_name(t.params[i]));
  }
  if (f->is_host()) {
    std::vector<Value> results(t.results.size());
    for (size_t i = 0; i < results.size(); ++i) results[i].type = t.results[i];
    HostCall call{*S.owner, nullptr};
    f->host(call, args, results);
    for (size_t i = 0; i < results.size(); ++i) results[i].type = t.results[i];
    return results;
  }

  S.ensure_stacks();
  // The frame address, not a local's: under ASan's use-after-return
  // checking a local whose address is taken lives on a heap "fake stack",
  // which says nothing about how deep the real stack is.
  const char* here = static_cast<const char*>(__builtin_frame_address(0));
  if (S.native_anchor && S.native_anchor - here > S.native_budget) trap_stack_exhausted();

  // Restores the stack tops however the call ends.
  struct Restore {
    Store::Impl& s;
    uint64_t* sp;
    Frame* fr;
    const char* anchor;
    ~Restore() {
      s.sp_top = sp;
      s.frame_top = fr;
      s.native_anchor = anchor;
    }
  } restore{S, S.sp_top, S.frame_top, S.native_anchor};
  if (!S.native_anchor) {
    S.native_anchor = here;
    S.native_budget = native_stack_budget(here);
  }

  const Code* code = ensure_compiled(f);
  uint64_t* base = S.sp_top;
  uint64_t need = std::max<uint64_t>(code->max_slots, f->result_slots);
  if (static_cast<uint64_t>(S.stack_end - base) < need) trap_stack_exhausted();
  uint64_t* p = base;
  for (const Value& v : args) {
    value_to_slots(v, p);
    p += slot_count(v.type);
  }
  enter_run(&S, f, base);

  std::vector<Value> results;
  results.reserve(t.results.size());
  const uint64_t* q = base;
  for (ValType rt : t.results) {
    results.push_back(slots_to_value(rt, q));
    q += slot_count(rt);
  }
  return results;
}

}  // namespace wasmrun::interp
