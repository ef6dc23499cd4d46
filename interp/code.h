// The interpreter's internal code format.
//
// A compiled function body is a flat array of 64-bit Slots. Each
// instruction is one handler slot followed by its immediates, one slot
// each, already decoded: constants as raw bits, local indices as value-stack
// slot offsets, branch targets as pointers into the same array and, for
// branches that must discard values, the (drop, keep) slot counts. The
// loop therefore never decodes LEB128, never searches for a label and never
// computes a stack height at run time.
//
// Handler slots hold a label address (computed-goto dispatch, GNU C++) or
// the IOp number (the portable switch fallback); which one is decided by
// WASMRUN_COMPUTED_GOTO, and the compiler asks the interpreter for the
// encoding through handler_slot().
//
// Values on the value stack are 64-bit slots too: i32/f32 in the low bits,
// references as uintptr_t (0 = null), v128 as two slots (low half first).
#pragma once

#include <cstdint>
#include <vector>

#include "interp/simd_rows.h"
#include "loader/opcode.h"
#include "wasmrun/types.h"

#ifndef WASMRUN_COMPUTED_GOTO
#if defined(__GNUC__)
#define WASMRUN_COMPUTED_GOTO 1
#else
#define WASMRUN_COMPUTED_GOTO 0
#endif
#endif

namespace wasmrun::interp {

// Numeric instructions whose internal op is the wasm op itself: fixed stack
// signature (from opcodes.def), no immediates, one handler each. The names
// must be Op enumerators.
#define WASMRUN_NUMERIC_OPS(X)                                                                         \
  X(I32Eqz) X(I32Eq) X(I32Ne) X(I32LtS) X(I32LtU) X(I32GtS) X(I32GtU) X(I32LeS) X(I32LeU) X(I32GeS)    \
  X(I32GeU) X(I64Eqz) X(I64Eq) X(I64Ne) X(I64LtS) X(I64LtU) X(I64GtS) X(I64GtU) X(I64LeS) X(I64LeU)    \
  X(I64GeS) X(I64GeU) X(F32Eq) X(F32Ne) X(F32Lt) X(F32Gt) X(F32Le) X(F32Ge) X(F64Eq) X(F64Ne)          \
  X(F64Lt) X(F64Gt) X(F64Le) X(F64Ge) X(I32Clz) X(I32Ctz) X(I32Popcnt) X(I32Add) X(I32Sub) X(I32Mul)   \
  X(I32DivS) X(I32DivU) X(I32RemS) X(I32RemU) X(I32And) X(I32Or) X(I32Xor) X(I32Shl) X(I32ShrS)        \
  X(I32ShrU) X(I32Rotl) X(I32Rotr) X(I64Clz) X(I64Ctz) X(I64Popcnt) X(I64Add) X(I64Sub) X(I64Mul)      \
  X(I64DivS) X(I64DivU) X(I64RemS) X(I64RemU) X(I64And) X(I64Or) X(I64Xor) X(I64Shl) X(I64ShrS)        \
  X(I64ShrU) X(I64Rotl) X(I64Rotr) X(F32Abs) X(F32Neg) X(F32Ceil) X(F32Floor) X(F32Trunc)              \
  X(F32Nearest) X(F32Sqrt) X(F32Add) X(F32Sub) X(F32Mul) X(F32Div) X(F32Min) X(F32Max) X(F32Copysign)  \
  X(F64Abs) X(F64Neg) X(F64Ceil) X(F64Floor) X(F64Trunc) X(F64Nearest) X(F64Sqrt) X(F64Add) X(F64Sub)  \
  X(F64Mul) X(F64Div) X(F64Min) X(F64Max) X(F64Copysign) X(I32WrapI64) X(I32TruncF32S)                 \
  X(I32TruncF32U) X(I32TruncF64S) X(I32TruncF64U) X(I64ExtendI32S) X(I64ExtendI32U) X(I64TruncF32S)    \
  X(I64TruncF32U) X(I64TruncF64S) X(I64TruncF64U) X(F32ConvertI32S) X(F32ConvertI32U)                  \
  X(F32ConvertI64S) X(F32ConvertI64U) X(F32DemoteF64) X(F64ConvertI32S) X(F64ConvertI32U)              \
  X(F64ConvertI64S) X(F64ConvertI64U) X(F64PromoteF32) X(I32ReinterpretF32) X(I64ReinterpretF64)       \
  X(F32ReinterpretI32) X(F64ReinterpretI64) X(I32Extend8S) X(I32Extend16S) X(I64Extend8S)              \
  X(I64Extend16S) X(I64Extend32S) X(I32TruncSatF32S) X(I32TruncSatF32U) X(I32TruncSatF64S)             \
  X(I32TruncSatF64U) X(I64TruncSatF32S) X(I64TruncSatF32U) X(I64TruncSatF64S) X(I64TruncSatF64U)       \
  X(RefIsNull)                                                                                         \
  /* memory accesses: one immediate, the memarg offset */                                              \
  X(I32Load) X(I64Load) X(F32Load) X(F64Load) X(I32Load8S) X(I32Load8U) X(I32Load16S) X(I32Load16U)    \
  X(I64Load8S) X(I64Load8U) X(I64Load16S) X(I64Load16U) X(I64Load32S) X(I64Load32U) X(I32Store)        \
  X(I64Store) X(F32Store) X(F64Store) X(I32Store8) X(I32Store16) X(I64Store8) X(I64Store16)            \
  X(I64Store32)

// Everything else: control, variables, references, tables, bulk memory.
// Immediates are listed after each op.
#define WASMRUN_INTERNAL_OPS(X)                                                                \
  X(Unreachable)     /* */                                                                     \
  X(Exit)            /* leaves the interpreter loop (the entry frame's return address) */      \
  X(Br)              /* target */                                                              \
  X(BrDrop)          /* target, drop<<32|keep */                                               \
  X(BrIf)            /* target */                                                              \
  X(BrIfDrop)        /* target, drop<<32|keep */                                               \
  X(BrUnless)        /* target: `if` jumps to its else/end when the condition is 0 */          \
  X(BrTable)         /* n, then n+1 pairs (target, drop<<32|keep), the default last */         \
  X(Return)          /* result slots */                                                        \
  X(Call)            /* function index */                                                      \
  X(CallIndirect)    /* type index, table index */                                             \
  X(Drop)            /* */                                                                     \
  X(Drop2)           /* */                                                                     \
  X(Select)          /* */                                                                     \
  X(Select2)         /* */                                                                     \
  X(LocalGet)        /* slot */                                                                \
  X(LocalSet)        /* slot */                                                                \
  X(LocalTee)        /* slot */                                                                \
  X(LocalGet2)       /* slot (v128) */                                                         \
  X(LocalSet2)       /* slot */                                                                \
  X(LocalTee2)       /* slot */                                                                \
  X(GlobalGet)       /* global index */                                                        \
  X(GlobalSet)       /* global index */                                                        \
  X(GlobalGet2)      /* global index (v128) */                                                 \
  X(GlobalSet2)      /* global index */                                                        \
  X(Const)           /* bits */                                                                \
  X(RefFunc)         /* function index */                                                      \
  X(TableGet)        /* table */                                                               \
  X(TableSet)        /* table */                                                               \
  X(TableSize)       /* table */                                                               \
  X(TableGrow)       /* table */                                                               \
  X(TableFill)       /* table */                                                               \
  X(TableCopy)       /* dst table, src table */                                                \
  X(TableInit)       /* elem, table */                                                         \
  X(ElemDrop)        /* elem */                                                                \
  X(MemorySize)      /* */                                                                     \
  X(MemoryGrow)      /* */                                                                     \
  X(MemoryFill)      /* */                                                                     \
  X(MemoryCopy)      /* */                                                                     \
  X(MemoryInit)      /* data */                                                                \
  X(DataDrop)        /* data */                                                                \
  /* Superinstructions: common sequences fused by the compiler's peephole */                   \
  X(LocalGetPair)    /* slot, slot: two local.get */                                           \
  X(LocalCopy)       /* from slot, to slot: local.get; local.set */                            \
  X(LocalSetConst)   /* bits, slot: *.const; local.set */                                      \
  X(LocalTeeGet)     /* slot, slot: local.tee; local.get */                                    \
  X(LocalSetGet)     /* slot, slot: local.set; local.get */                                    \
  X(I32AddLImm)      /* slot, bits: local.get; i32.const; i32.add */                           \
  X(BrIfLocal)       /* slot, target: local.get; br_if (nothing kept or dropped) */            \
  X(BrUnlessLocal)   /* slot, target: local.get; i32.eqz; br_if (nothing kept or dropped) */   \
  X(I32AddLL)        /* slot, slot: local.get; local.get; i32.add */                           \
  X(BrIfI32Eq)       /* target: i32.eq; br_if (no values kept or dropped) */                   \
  X(BrIfI32Ne)       /* target */                                                              \
  X(BrIfI32LtS)      /* target */                                                              \
  X(BrIfI32LtU)      /* target */                                                              \
  X(BrIfI32GtS)      /* target */                                                              \
  X(BrIfI32GtU)      /* target */                                                              \
  X(BrIfI32LeS)      /* target */                                                              \
  X(BrIfI32LeU)      /* target */                                                              \
  X(BrIfI32GeS)      /* target */                                                              \
  X(BrIfI32GeU)      /* target */

// Binary operators with their right operand folded in: NAME_SI when it is
// a constant (*.const; op; immediate: the bits) and NAME_SL when it is a
// local (local.get; op; immediate: the slot). X(name, IN, OUT, expr) with
// the operand readers/writers of handlers_numeric.inc.
#define WASMRUN_FOLDABLE_BINOPS(X)                                                                 \
  X(I32Add, IN_U32, OUT_32, a + b) X(I32Sub, IN_U32, OUT_32, a - b) X(I32Mul, IN_U32, OUT_32, a * b) \
  X(I32And, IN_U32, OUT_32, a & b) X(I32Or, IN_U32, OUT_32, a | b) X(I32Xor, IN_U32, OUT_32, a ^ b)  \
  X(I32Shl, IN_U32, OUT_32, num::shl(a, b)) X(I32ShrS, IN_U32, OUT_32, num::shr_s(a, b))             \
  X(I32ShrU, IN_U32, OUT_32, num::shr_u(a, b))                                                       \
  X(I64Add, IN_U64, OUT_64, a + b) X(I64Sub, IN_U64, OUT_64, a - b) X(I64Mul, IN_U64, OUT_64, a * b) \
  X(I64And, IN_U64, OUT_64, a & b) X(I64Or, IN_U64, OUT_64, a | b) X(I64Xor, IN_U64, OUT_64, a ^ b)  \
  X(I64Shl, IN_U64, OUT_64, num::shl(a, b)) X(I64ShrS, IN_U64, OUT_64, num::shr_s(a, b))             \
  X(I64ShrU, IN_U64, OUT_64, num::shr_u(a, b))                                                       \
  X(F32Add, IN_F32, OUT_F32, a + b) X(F32Sub, IN_F32, OUT_F32, a - b)                                \
  X(F32Mul, IN_F32, OUT_F32, a * b) X(F32Div, IN_F32, OUT_F32, a / b)                                \
  X(F64Add, IN_F64, OUT_F64, a + b) X(F64Sub, IN_F64, OUT_F64, a - b)                                \
  X(F64Mul, IN_F64, OUT_F64, a * b) X(F64Div, IN_F64, OUT_F64, a / b)                                \
  X(I32Eq, IN_U32, OUT_BOOL, a == b) X(I32Ne, IN_U32, OUT_BOOL, a != b)                              \
  X(I32LtS, IN_S32, OUT_BOOL, a < b) X(I32LtU, IN_U32, OUT_BOOL, a < b)                              \
  X(I32GtS, IN_S32, OUT_BOOL, a > b) X(I32GtU, IN_U32, OUT_BOOL, a > b)                              \
  X(I32LeS, IN_S32, OUT_BOOL, a <= b) X(I32LeU, IN_U32, OUT_BOOL, a <= b)                            \
  X(I32GeS, IN_S32, OUT_BOOL, a >= b) X(I32GeU, IN_U32, OUT_BOOL, a >= b)

// i32 comparisons fused with a br_if that neither keeps nor drops values,
// in four operand forms besides the plain BrIfNAME (two popped operands):
// BrIfNAME_SI (popped a, constant b; immediates bits, target), BrIfNAME_SL
// (popped a, local b; slot, target), BrIfNAME_LI (local a, constant b;
// slot, bits, target) and BrIfNAME_LL (locals a and b; slot, slot,
// target). X(name, IN, op).
#define WASMRUN_BR_CMPS(X)                                                                       \
  X(I32Eq, IN_U32, ==) X(I32Ne, IN_U32, !=) X(I32LtS, IN_S32, <) X(I32LtU, IN_U32, <)             \
  X(I32GtS, IN_S32, >) X(I32GtU, IN_U32, >) X(I32LeS, IN_S32, <=) X(I32LeU, IN_U32, <=)          \
  X(I32GeS, IN_S32, >=) X(I32GeU, IN_U32, >=)

// Loads whose address is a local (local.get; load): NAME_L, immediates
// slot and offset. X(name, T, widen) as in handlers_memory.inc.
#define WASMRUN_LOCAL_ADDRESS_LOADS(X)                                                   \
  X(I32Load, uint32_t, ZX) X(I64Load, uint64_t, ZX) X(F32Load, uint32_t, ZX)              \
  X(F64Load, uint64_t, ZX) X(I32Load8S, int8_t, SX32) X(I32Load8U, uint8_t, ZX)           \
  X(I32Load16S, int16_t, SX32) X(I32Load16U, uint16_t, ZX)

// Every internal op, in IOp order: X(name) for the plain ones; the folded
// binops, local-address loads and compare-and-branch forms through
// SI(name, ...), SL(name, ...), L(name, ...) and BR(name, ...) (which names
// BrIfNAME_SI, _SL, _LI and _LL).
#define WASMRUN_ALL_OPS(X, SI, SL, L, BR) \
  WASMRUN_NUMERIC_OPS(X)                  \
  WASMRUN_INTERNAL_OPS(X)                 \
  WASMRUN_FOLDABLE_BINOPS(SI)             \
  WASMRUN_FOLDABLE_BINOPS(SL)             \
  WASMRUN_LOCAL_ADDRESS_LOADS(L)          \
  WASMRUN_BR_CMPS(BR)

enum class IOp : uint16_t {
#define WASMRUN_X(name) name,
#define WASMRUN_SI(name, ...) name##_SI,
#define WASMRUN_SL(name, ...) name##_SL,
#define WASMRUN_L(name, ...) name##_L,
#define WASMRUN_BR(name, ...) BrIf##name##_SI, BrIf##name##_SL, BrIf##name##_LI, BrIf##name##_LL,
  WASMRUN_ALL_OPS(WASMRUN_X, WASMRUN_SI, WASMRUN_SL, WASMRUN_L, WASMRUN_BR)
#undef WASMRUN_BR
#undef WASMRUN_X
#undef WASMRUN_SI
#undef WASMRUN_SL
#undef WASMRUN_L
// SIMD: one internal op per 0xFD row of opcodes.def, named like its Op
// (handlers_simd.inc, compile_simd.cpp).
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) WASMRUN_IF_SIMD_##prefix(name, )
#include "loader/opcodes.def"
#undef WASM_OP
      Count
};

union Slot {
  const void* handler;   // computed goto
  uint64_t u64;          // switch dispatch: the IOp; immediates
  const Slot* target;    // branch targets
};
static_assert(sizeof(Slot) == 8);

// The handler slot for `op`, in the dispatch encoding of this build.
Slot handler_slot(IOp op);

// One compiled function body.
struct Code {
  std::vector<Slot> slots;
  uint32_t param_slots = 0;   // parameters, as the caller leaves them on the stack
  uint32_t local_slots = 0;   // parameters and declared locals
  uint32_t max_slots = 0;     // locals plus the deepest operand stack
  uint32_t result_slots = 0;
};

inline uint32_t slot_count(ValType t) { return t == ValType::V128 ? 2 : 1; }

}  // namespace wasmrun::interp
