// Which internal ops may start a pair of the tuning table
// (interp/compiler/tuning_table.def), with which handler family, and which may
// take a forwarded operand: the rule that tools/gen-tuning.py applies to
// the profiles, so no row's family is picked by hand. Each list below is
// derived from the lists of code.h that the handler families of
// handlers_*.inc expand, so it covers every op those families make; an
// op not listed here (a call, `br`, `br_table`, a copy with 32-bit slots,
// the long unary forms, IncBrIf*, SelectIf*, ...) has no family that
// takes a tail and cannot be FIRST.
#pragma once

#include "interp/code.h"
#include "interp/semantics/scalar_ops.h"

namespace wasmrun::interp {

// Where a SECOND names the operand a forwarding pair hands it (code.h,
// WASMRUN_FORWARDED): the low half of its second or third word, or its
// whole second word.
enum class FwdSrc : uint8_t { None, LO1, W1, LO2 };

// How a FIRST's result can be forwarded: NOFWD (its family does not leave
// its result in `acc`), ACC (it does, and the result's slot is the high
// half of its first word), ACC1 (ACC, and it reads no slot but the low
// half of its second word: the lowering may move a call's argument
// copies in front of it, lower.cpp's call_frame_before_last).
enum class FwdFirst : uint8_t { NOFWD, ACC, ACC1 };

}  // namespace wasmrun::interp

// WASMRUN_EACH_PAIR_FIRST() is WASMRUN_PAIR_FIRST(op, FWD, family, args...)
// for every op that has a handler family, FWD one of FwdFirst's names;
// the user defines WASMRUN_PAIR_FIRST. A row of the tuning table starting
// with op is X(op, second, family, args...) (WASMRUN_PREFIXED) or
// X(op, second, SRC, family, args...) (WASMRUN_FORWARDED).
#define WASMRUN_PAIR_FIRST_OF_BIN(name, ...) \
  WASMRUN_PAIR_FIRST(name##_RR, ACC, BINOP_RR_F, name) WASMRUN_PAIR_FIRST(name##_RI, ACC, BINOP_RI_F, name)
#define WASMRUN_PAIR_FIRST_OF_UN(name, ...) WASMRUN_PAIR_FIRST(name##_S, NOFWD, UNOP_S_CALL_F, name)
#define WASMRUN_PAIR_FIRST_OF_LD(name, ...)                                                           \
  WASMRUN_PAIR_FIRST(name, ACC1, LOAD_PLAIN_F, name) WASMRUN_PAIR_FIRST(name##_A, ACC1, LOAD_A_F, name) \
  WASMRUN_PAIR_FIRST(name##_RR, ACC, LOAD_RR_F, name) WASMRUN_PAIR_FIRST(name##_X, ACC, LOAD_X_F, name)
#define WASMRUN_PAIR_FIRST_OF_ST(name, ...)                                                                  \
  WASMRUN_PAIR_FIRST(name, NOFWD, STORE_PLAIN_F, name) WASMRUN_PAIR_FIRST(name##_A, NOFWD, STORE_A_F, name)    \
  WASMRUN_PAIR_FIRST(name##_I, NOFWD, STORE_I_F, name) WASMRUN_PAIR_FIRST(name##_RR, NOFWD, STORE_RR_F, name)  \
  WASMRUN_PAIR_FIRST(name##_IRR, NOFWD, STORE_IRR_F, name) WASMRUN_PAIR_FIRST(name##_X, NOFWD, STORE_X_F, name)
#define WASMRUN_PAIR_FIRST_OF_BR(name, ...)                       \
  WASMRUN_PAIR_FIRST(BrIf##name##_RR, NOFWD, BR_CMP_RR_F, name) \
  WASMRUN_PAIR_FIRST(BrIf##name##_RI, NOFWD, BR_CMP_RI_F, name)
#define WASMRUN_PAIR_FIRST_OF_PAIR(name, first, form, second, order) \
  WASMRUN_PAIR_FIRST(name, NOFWD, BINARY_PAIR_F, name, first, form, second, order)
#define WASMRUN_PAIR_FIRST_OF_LOAD_BINOP(binop, load) \
  WASMRUN_PAIR_FIRST(binop##_##load, ACC, LOAD_BINOP_F, binop, load)
#define WASMRUN_PAIR_FIRST_OF_LOAD_LOAD_BINOP(binop, load) \
  WASMRUN_PAIR_FIRST(binop##_##load##_##load, NOFWD, LOAD_LOAD_BINOP_F, binop, load)
#define WASMRUN_PAIR_FIRST_OF_LOAD_BINOP_PAIR(binop, load, second)                                     \
  WASMRUN_PAIR_FIRST(binop##_##load##_##second, NOFWD, LOAD_BINOP_THEN_F, binop##_##load##_##second, binop, \
                     load, second, PAIR_C_SLOT)
#define WASMRUN_PAIR_FIRST_OF_LOAD_BINOP_CONST_PAIR(binop, load, second)                                 \
  WASMRUN_PAIR_FIRST(binop##_##load##_##second##_K, NOFWD, LOAD_BINOP_THEN_F, binop##_##load##_##second##_K, \
                     binop, load, second, PAIR_C_CONSTANT)
#define WASMRUN_PAIR_FIRST_OF_READ_MODIFY_WRITE(binop, load, store) \
  WASMRUN_PAIR_FIRST(binop##_##load##_##store, NOFWD, READ_MODIFY_WRITE_F, binop, load, store)
#define WASMRUN_PAIR_FIRST_OF_BINOP_STORE(binop, store) \
  WASMRUN_PAIR_FIRST(binop##_RR_##store, NOFWD, BINOP_STORE_F, binop, store)
#define WASMRUN_PAIR_FIRST_OF_LOAD_STORE(load, store) \
  WASMRUN_PAIR_FIRST(load##_##store, NOFWD, LOAD_STORE_F, load, store)
// I32LoadAddStoreKeep is NOFWD: its kept sum may go to the slot that acc
// stands for.
#define WASMRUN_EACH_PAIR_FIRST()                                                 \
  WASMRUN_BINARY_OPS(WASMRUN_PAIR_FIRST_OF_BIN)                                   \
  WASMRUN_UNARY_OPS(WASMRUN_PAIR_FIRST_OF_UN)                                     \
  WASMRUN_LOADS(WASMRUN_PAIR_FIRST_OF_LD)                                         \
  WASMRUN_STORES(WASMRUN_PAIR_FIRST_OF_ST)                                        \
  WASMRUN_PAIR_FIRST(BrIf, NOFWD, BR_IF_F, BrIf, !=)                              \
  WASMRUN_PAIR_FIRST(BrIfNot, NOFWD, BR_IF_F, BrIfNot, ==)                        \
  WASMRUN_PAIR_FIRST(CopyS, NOFWD, COPYS_F)                                       \
  WASMRUN_PAIR_FIRST(SetS, NOFWD, SETS_F)                                         \
  WASMRUN_PAIR_FIRST(I32ShrUAnd, ACC, I32SHRUAND_F)                               \
  WASMRUN_PAIR_FIRST(I32ShrUAnd2, ACC, I32SHRUAND2_F)                             \
  WASMRUN_PAIR_FIRST(I32LoadAddStore, ACC, LOAD_ADD_STORE_F, I32LoadAddStore, KEEP_NOT) \
  WASMRUN_PAIR_FIRST(I32LoadAddStoreKeep, NOFWD, LOAD_ADD_STORE_F, I32LoadAddStoreKeep, KEEP_IN_E) \
  WASMRUN_PAIR_FIRST(CopyPairS, NOFWD, COPYPAIRS_F)                               \
  WASMRUN_PAIR_FIRST(SetPairS, NOFWD, SETPAIRS_F)                                 \
  WASMRUN_PAIR_FIRST(SelectIfBits, NOFWD, SELECTIFBITS_F)                         \
  WASMRUN_BINARY_PAIRS(WASMRUN_PAIR_FIRST_OF_PAIR)                                \
  WASMRUN_BR_CMPS(WASMRUN_PAIR_FIRST_OF_BR)                                       \
  WASMRUN_LOAD_BINOPS(WASMRUN_PAIR_FIRST_OF_LOAD_BINOP)                           \
  WASMRUN_LOAD_LOAD_BINOPS(WASMRUN_PAIR_FIRST_OF_LOAD_LOAD_BINOP)                 \
  WASMRUN_LOAD_BINOP_PAIRS(WASMRUN_PAIR_FIRST_OF_LOAD_BINOP_PAIR)                 \
  WASMRUN_LOAD_BINOP_CONST_PAIRS(WASMRUN_PAIR_FIRST_OF_LOAD_BINOP_CONST_PAIR)     \
  WASMRUN_READ_MODIFY_WRITES(WASMRUN_PAIR_FIRST_OF_READ_MODIFY_WRITE)             \
  WASMRUN_BINOP_STORES(WASMRUN_PAIR_FIRST_OF_BINOP_STORE)                         \
  WASMRUN_LOAD_STORES(WASMRUN_PAIR_FIRST_OF_LOAD_STORE)

// WASMRUN_EACH_FWD_SECOND() is WASMRUN_FWD_SECOND(op, SRC, NEEDS) for
// every op with a forwarding entry (FWD_ENTRY in handlers_*.inc): SRC, a
// FwdSrc expression, is where it names the operand the entry takes from
// acc; NEEDS is the FwdFirst a FIRST needs to forward to it (ACC1 for a
// call: the lowering moves its argument copies in front of FIRST). A pair
// whose FIRST has an entry has it too, with its FIRST's SRC.
#define WASMRUN_FWD_SECOND_OF_BIN(name, ...)                    \
  WASMRUN_FWD_SECOND(name##_RR, FwdSrc::LO1, ACC)               \
  WASMRUN_FWD_SECOND(name##_RI, WIDE(name) ? FwdSrc::W1 : FwdSrc::LO1, ACC)
#define WASMRUN_FWD_SECOND_OF_LD(name, ...) \
  WASMRUN_FWD_SECOND(name, FwdSrc::LO1, ACC) WASMRUN_FWD_SECOND(name##_A, FwdSrc::LO1, ACC)
#define WASMRUN_EACH_FWD_SECOND()                                 \
  WASMRUN_BINARY_OPS(WASMRUN_FWD_SECOND_OF_BIN)                   \
  WASMRUN_LOADS(WASMRUN_FWD_SECOND_OF_LD)                         \
  WASMRUN_FWD_SECOND(I32ShrUAnd, FwdSrc::LO1, ACC)                \
  WASMRUN_FWD_SECOND(I32ShrUAnd2, FwdSrc::LO1, ACC)               \
  WASMRUN_FWD_SECOND(CallIndirectLoadScaled, FwdSrc::LO2, ACC1)

namespace wasmrun::interp {

// What the lists above say of one op (pairs included: a pair's entry is
// its FIRST's, and a pair starts no other pair).
struct PairForm {
  bool can_start = false;        // WASMRUN_EACH_PAIR_FIRST lists it
  FwdFirst fwd_first = FwdFirst::NOFWD;
  FwdSrc fwd_src = FwdSrc::None;  // None: no forwarding entry
  FwdFirst fwd_needs = FwdFirst::ACC;
};

namespace pair_forms_detail {
struct PairForms {
  PairForm f[static_cast<size_t>(IOp::Count)] = {};
  constexpr PairForms() {
#define WASMRUN_PAIR_FIRST(op, fwd, ...)                        \
  f[static_cast<size_t>(IOp::op)].can_start = true;             \
  f[static_cast<size_t>(IOp::op)].fwd_first = FwdFirst::fwd;
    WASMRUN_EACH_PAIR_FIRST()
#undef WASMRUN_PAIR_FIRST
#define WASMRUN_FWD_SECOND(op, src, needs)                      \
  f[static_cast<size_t>(IOp::op)].fwd_src = src;                \
  f[static_cast<size_t>(IOp::op)].fwd_needs = FwdFirst::needs;
    WASMRUN_EACH_FWD_SECOND()
#undef WASMRUN_FWD_SECOND
    // The pairs of the tuning table enter their FIRST's entry.
#define WASMRUN_PAIR_ENTRY(first, second, ...)                                       \
  f[static_cast<size_t>(IOp::first##_Then_##second)].fwd_src = f[static_cast<size_t>(IOp::first)].fwd_src; \
  f[static_cast<size_t>(IOp::first##_Then_##second)].fwd_needs = f[static_cast<size_t>(IOp::first)].fwd_needs;
#define WASMRUN_FWD_ENTRY_ROW(first, second, ...)                                    \
  f[static_cast<size_t>(IOp::first##_Fwd_##second)].fwd_src = f[static_cast<size_t>(IOp::first)].fwd_src; \
  f[static_cast<size_t>(IOp::first##_Fwd_##second)].fwd_needs = f[static_cast<size_t>(IOp::first)].fwd_needs;
    WASMRUN_PREFIXED(WASMRUN_PAIR_ENTRY)
    WASMRUN_FORWARDED(WASMRUN_FWD_ENTRY_ROW)
#undef WASMRUN_PAIR_ENTRY
#undef WASMRUN_FWD_ENTRY_ROW
  }
};
inline constexpr PairForms kPairForms{};
}  // namespace pair_forms_detail

constexpr const PairForm& pair_form(IOp op) { return pair_forms_detail::kPairForms.f[static_cast<size_t>(op)]; }

// Whether a row FIRST -> SECOND of WASMRUN_FORWARDED can work: FIRST
// leaves its result in acc, SECOND has an entry that takes it, and FIRST
// is of the kind that entry needs.
constexpr bool can_forward(IOp first, IOp second) {
  const PairForm &a = pair_form(first), &b = pair_form(second);
  return a.can_start && a.fwd_first != FwdFirst::NOFWD && b.fwd_src != FwdSrc::None &&
         (b.fwd_needs != FwdFirst::ACC1 || a.fwd_first == FwdFirst::ACC1);
}

}  // namespace wasmrun::interp
