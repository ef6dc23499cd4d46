// The interpreter's internal code format: register-style threaded code.
//
// A compiled function body is a flat array of 64-bit words. Each
// instruction starts with a word whose low half selects its handler and
// whose high half is its first operand (usually the destination), followed
// by operand words. Operands name frame slots: fp-relative 64-bit cells
// that hold the function's locals (parameters first) followed by its
// operand stack. The validator has fixed the operand stack's height at
// every instruction, so every stack value has a known home slot, and the
// compiler can turn
//   local.get a; local.get b; i32.add; local.set c
// into one instruction `I32Add_RR c; a|b`: local.get and constants cost
// nothing, results go straight to their destination, and the loop never
// decodes LEB128, searches for a label or computes a stack height.
//
// Notation below: [x|y] is one word with x in the low half and y in the
// high half; "h" is the handler half. Branch targets ("rel") are signed
// 32-bit offsets in words from the branching instruction's first word.
//
// Instructions without a register form (SIMD, tables, bulk memory, ...)
// run "stack style": their first operand is the fp-relative top of the
// operand stack, which the handler loads into sp before doing what the
// plain stack machine would, reading its immediates from the words that
// follow. The compiler places their operands in their home slots first.
//
// The handler half is a label's offset from a base label (computed-goto
// dispatch, GNU C++) or the IOp number (the portable switch fallback);
// which one is decided by WASMRUN_COMPUTED_GOTO, and the compiler asks the
// interpreter for it through handler_word().
//
// Values in slots: i32/f32 in the low bits (upper bits zero), floats as
// raw IEEE bits, references as uintptr_t (0 = null), v128 as two slots
// (low half first).
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

#include "interp/handler_table.h"
#include "interp/semantics/atomic_semantics.h"
#include "interp/semantics/scalar_semantics.h"
#include "interp/semantics/simd_rows.h"
#include "interp/semantics/wide_semantics.h"
#include "interp/source_map.h"
#include "loader/opcode.h"
#include "wasmrun/types.h"

#ifndef WASMRUN_COMPUTED_GOTO
#if defined(__GNUC__)
#define WASMRUN_COMPUTED_GOTO 1
#else
#define WASMRUN_COMPUTED_GOTO 0
#endif
#endif

namespace wasmrun {
struct Module;
}  // namespace wasmrun

namespace wasmrun::interp {

// The register-form scalar instructions, derived from the semantics table
// (scalar_semantics.h: one row per instruction), so that no instruction is
// listed twice. Each list is the table's rows of some forms, in table
// order, given to X in the shape its handlers take:
//
// Binary operators and comparisons, X(name, IN, OUT, expr): IN reads an
// operand from its slot and OUT writes the result (scalar_ops.h, from the
// row's signature and read column). They run as NAME_RR [h|d] [a|b]
// (slots) and NAME_RI with b a constant: [h|d] [a|b] for 32-bit operands,
// [h|d] [a] [b] for 64-bit.
#define WASMRUN_BINARY_OPS(X) WASMRUN_SCALAR_SEMANTICS(WASMRUN_BINARY_ROW, X)
#define WASMRUN_BINARY_ROW(X, name, form, ...) WASMRUN_BINARY_ROW_##form(X, name, __VA_ARGS__)
#define WASMRUN_BINARY_ROW_BINARY(X, name, read, swap, negation, trap, constant, ...) \
  X(name, scalar::in<Op::name>, scalar::out<Op::name>, __VA_ARGS__)
#define WASMRUN_BINARY_ROW_COMPARE(X, name, read, swap, negation, trap, constant, op) \
  X(name, scalar::in<Op::name>, scalar::out<Op::name>, a op b)
#define WASMRUN_BINARY_ROW_COMPARE_I32 WASMRUN_BINARY_ROW_COMPARE
#define WASMRUN_BINARY_ROW_COMPARE_I64 WASMRUN_BINARY_ROW_COMPARE
#define WASMRUN_BINARY_ROW_UNARY(...)
#define WASMRUN_BINARY_ROW_LOAD(...)
#define WASMRUN_BINARY_ROW_STORE(...)

// Unary operators and conversions, X(name, IN, OUT, expr): NAME [h|d] [a],
// and NAME_S [h|d:16,a:16] when both slots are below 2^16 (one word).
#define WASMRUN_UNARY_OPS(X) WASMRUN_SCALAR_SEMANTICS(WASMRUN_UNARY_ROW, X)
#define WASMRUN_UNARY_ROW(X, name, form, ...) WASMRUN_UNARY_ROW_##form(X, name, __VA_ARGS__)
#define WASMRUN_UNARY_ROW_UNARY(X, name, read, swap, negation, trap, constant, ...) \
  X(name, scalar::in<Op::name>, scalar::out<Op::name>, __VA_ARGS__)
#define WASMRUN_UNARY_ROW_BINARY(...)
#define WASMRUN_UNARY_ROW_COMPARE(...)
#define WASMRUN_UNARY_ROW_COMPARE_I32(...)
#define WASMRUN_UNARY_ROW_COMPARE_I64(...)
#define WASMRUN_UNARY_ROW_LOAD(...)
#define WASMRUN_UNARY_ROW_STORE(...)

// Scalar loads, X(name, T, widen): T is the type in memory, widen(v) the
// slot value. NAME [h|d] [addr|offset] reads at the
// i32 in slot addr plus offset; NAME_A [h|d] [addr|offset] [addend] adds
// `addend` to the address first, wrapping as i32.add does (a folded
// `i32.add (x, const)`); NAME_RR [h|d] [a|b] [offset] reads at a + b
// (wrapping) plus offset (a folded `i32.add (a, b)`); NAME_X [h|d] [x|y]
// [k|offset] [addend] reads at (x << k) + y + addend (wrapping) plus
// offset, k < 32 (an indexed element `p[i]`, a folded I32ShlAdd).
#define WASMRUN_LOADS(X) WASMRUN_SCALAR_SEMANTICS(WASMRUN_LOAD_ROW, X)
#define WASMRUN_LOAD_ROW(X, name, form, ...) WASMRUN_LOAD_ROW_##form(X, name)
#define WASMRUN_LOAD_ROW_LOAD(X, name) X(name, scalar::load_type<Op::name>, scalar::widen<Op::name>)
#define WASMRUN_LOAD_ROW_BINARY(...)
#define WASMRUN_LOAD_ROW_COMPARE(...)
#define WASMRUN_LOAD_ROW_COMPARE_I32(...)
#define WASMRUN_LOAD_ROW_COMPARE_I64(...)
#define WASMRUN_LOAD_ROW_UNARY(...)
#define WASMRUN_LOAD_ROW_STORE(...)

// Scalar stores, X(name, T), T the type in memory: NAME [h|addr]
// [value|offset] and NAME_A [h|addr] [value|offset] [addend], as the
// loads; NAME_I [h|addr] [offset] [bits] stores a constant; NAME_RR
// [h|value] [a|b] [offset] and NAME_IRR [h|offset] [a|b] [bits] store at
// a + b (wrapping) plus offset (a folded `i32.add (a, b)`); NAME_X
// [h|value] [x|y] [k|offset] [addend] stores at the loads' NAME_X address.
#define WASMRUN_STORES(X) WASMRUN_SCALAR_SEMANTICS(WASMRUN_STORE_ROW, X)
#define WASMRUN_STORE_ROW(X, name, form, ...) WASMRUN_STORE_ROW_##form(X, name)
#define WASMRUN_STORE_ROW_STORE(X, name) X(name, scalar::store_type<Op::name>)
#define WASMRUN_STORE_ROW_BINARY(...)
#define WASMRUN_STORE_ROW_COMPARE(...)
#define WASMRUN_STORE_ROW_COMPARE_I32(...)
#define WASMRUN_STORE_ROW_COMPARE_I64(...)
#define WASMRUN_STORE_ROW_UNARY(...)
#define WASMRUN_STORE_ROW_LOAD(...)

// Integer comparisons fused with the branch that tests them,
// X(name, IN, op, NOT), op the C++ operator and NOT the comparison that
// is its negation (the row's NEGATED column), so `if` (which branches when
// its condition is false) fuses too: BrIfNAME_RR [h|a] [b|rel];
// BrIfNAME_RI [h|a] [b|rel] for i32 and [h|a] [b] [rel] for i64. For i32
// comparisons, IncBrIfNAME_RR [h|x] [c|rel] [b]
// and IncBrIfNAME_RI [h|x] [c|rel] [b] first add the constant c to local
// x (`x += c; if (x OP b) branch`, a loop's step and test); AddBrIfNAME_RR
// [h|x] [s|rel] [b] and AddBrIfNAME_RI [h|x] [s|rel] [b] add the i32 in
// slot s instead (a stride held in a local); Inc2BrIfNAME_RR/_RI [h|x]
// [c|rel] [b] [y|k] first add the constant k to local y (a second loop
// variable, stepped just before). BrIfAddNAME_RI [h|x] [b|rel] [c]
// branches if (x + c, wrapping) OP b, the sum not kept (a range check,
// `(unsigned)(x - lo) < n`). SelectIfNAME_RR [h|d] [x|y]
// [a|b] and SelectIfNAME_RI [h|d] [x|y] [a|b] (b a constant) are
// `d = a OP b ? x : y`, an i32 comparison feeding a select.
#define WASMRUN_I32_BR_CMPS(X) WASMRUN_SCALAR_SEMANTICS(WASMRUN_I32_BR_CMP_ROW, X)
#define WASMRUN_I64_BR_CMPS(X) WASMRUN_SCALAR_SEMANTICS(WASMRUN_I64_BR_CMP_ROW, X)
#define WASMRUN_I32_BR_CMP_ROW(X, name, form, ...) WASMRUN_I32_BR_CMP_ROW_##form(X, name, __VA_ARGS__)
#define WASMRUN_I64_BR_CMP_ROW(X, name, form, ...) WASMRUN_I64_BR_CMP_ROW_##form(X, name, __VA_ARGS__)
#define WASMRUN_BR_CMP_ROW(X, name, read, swap, negation, trap, constant, op) \
  WASMRUN_BR_CMP_ROW_OF(X, name, op, WASMRUN_BR_CMP_NOT_##negation)
// NOT is expanded here, before X pastes it into names.
#define WASMRUN_BR_CMP_ROW_OF(X, name, op, NOT) X(name, scalar::in<Op::name>, op, NOT)
#define WASMRUN_BR_CMP_NOT_NEGATED(p) p
#define WASMRUN_I32_BR_CMP_ROW_COMPARE_I32 WASMRUN_BR_CMP_ROW
#define WASMRUN_I32_BR_CMP_ROW_COMPARE_I64(...)
#define WASMRUN_I64_BR_CMP_ROW_COMPARE_I64 WASMRUN_BR_CMP_ROW
#define WASMRUN_I64_BR_CMP_ROW_COMPARE_I32(...)
#define WASMRUN_I32_BR_CMP_ROW_BINARY(...)
#define WASMRUN_I32_BR_CMP_ROW_COMPARE(...)
#define WASMRUN_I32_BR_CMP_ROW_UNARY(...)
#define WASMRUN_I32_BR_CMP_ROW_LOAD(...)
#define WASMRUN_I32_BR_CMP_ROW_STORE(...)
#define WASMRUN_I64_BR_CMP_ROW_BINARY(...)
#define WASMRUN_I64_BR_CMP_ROW_COMPARE(...)
#define WASMRUN_I64_BR_CMP_ROW_UNARY(...)
#define WASMRUN_I64_BR_CMP_ROW_LOAD(...)
#define WASMRUN_I64_BR_CMP_ROW_STORE(...)
#define WASMRUN_BR_CMPS(X) WASMRUN_I32_BR_CMPS(X) WASMRUN_I64_BR_CMPS(X)

// Everything else. Register-form operands are listed after each op;
// "stack" ops take the stack top first (see above), then what is listed.
#define WASMRUN_INTERNAL_OPS(X)                                                              \
  X(Unreachable)     /* [h] */                                                               \
  X(Exit)            /* [h]: leaves the interpreter loop (the entry frame's return address) */ \
  X(CheckLimits)     /* [h|n]: charges n fuel, traps if none is left or an interrupt waits (metered code) */ \
  X(ReturnToInstance) /* [h]: the return address of a call into another instance: pops the  \
                        caller's frame and switches back to its instance */                 \
  X(Br)              /* [h|rel] */                                                           \
  X(BrIf)            /* [h|cond] [rel]: taken when the i32 is not 0 */                       \
  X(BrIfNot)         /* [h|cond] [rel]: taken when it is 0 */                                \
  X(BrTable)         /* [h|index] [n|src] [count], then n+1 words [rel|dst], the default     \
                        last: count slots move from src to dst before the jump */            \
  X(BrTable0)        /* [h|index] [n|k], then n+1 pairs of words [rel] [target's first word],  \
                        the default last: a br_table on index + k that moves no values. The copy lets the \
                        jump go out without loading the target (fill_br_table_targets) */    \
  X(Return)          /* [h|src] [count]: the results move to fp[0..count) */                 \
  X(Return0)         /* [h] */                                                               \
  X(Return1)         /* [h|a]: the one 1-slot result is in slot a */                         \
  X(Call)            /* [h|function] [frame base: the first argument's slot] */              \
  X(CallS)           /* [h|function:16,frame base:16] */                                     \
  X(CallIndirect)    /* [h|type] [table|index slot] [frame base] */                          \
  X(Copy)            /* [h|d] [a] */                                                         \
  X(Copy2)           /* [h|d] [a]: a v128 */                                                 \
  X(Set)             /* [h|d] [bits] */                                                      \
  X(CopyS)           /* [h|d:16,a:16]: Copy with both slots below 2^16 */                    \
  X(SetS)            /* [h|d:16,c:16]: Set of bits that are c sign-extended */                \
  X(Select)          /* [h|d] [a|b] [cond] */                                                \
  X(GlobalGet)       /* [h|d] [global index] */                                              \
  X(GlobalSet)       /* [h|a] [global index] */                                              \
  X(GlobalGetAdd)    /* [h|d] [global index|k]: d = the i32 global + k */                    \
  X(GlobalGetAddSet) /* [h|d] [global index|k]: d = the i32 global + k, stored back too     \
                        (a function's prologue moving the shadow-stack pointer) */           \
  X(GlobalSetAdd)    /* [h|a] [global index|k]: the i32 global = a + k (its epilogue) */     \
  X(Select2)         /* stack: v128 select */                                                \
  X(GlobalGet2)      /* stack; global index (v128) */                                        \
  X(GlobalSet2)      /* stack; global index */                                               \
  X(RefFunc)         /* stack; function index */                                             \
  X(TableGet)        /* stack; table */                                                      \
  X(TableSet)        /* stack; table */                                                      \
  X(TableSize)       /* stack; table */                                                      \
  X(TableGrow)       /* stack; table */                                                      \
  X(TableFill)       /* stack; table */                                                      \
  X(TableCopy)       /* stack; dst table, src table */                                       \
  X(TableInit)       /* stack; elem, table */                                                \
  X(ElemDrop)        /* stack; elem */                                                       \
  X(MemorySize)      /* stack */                                                             \
  X(MemoryGrow)      /* stack */                                                             \
  X(MemoryFill)      /* stack */                                                             \
  X(MemoryCopy)      /* stack */                                                             \
  X(MemoryInit)      /* stack; data */                                                       \
  X(DataDrop)        /* stack; data */                                                       \
  X(Throw)           /* [h|tag] [first payload slot]: throws a new exception of the tag */    \
  X(ThrowRef)        /* [h|a]: throws the exception the exnref in slot a names (null traps) */ \
  X(RefAsNonNull)    /* stack: traps on a null reference */

// Memory and table instructions beyond memory 0 with 32-bit addresses
// (multi-memory, memory64, table64), all cold and stack style. NAME_M
// (every scalar load and store): [h] [memory|is64] [offset], the memory
// by its index into the instance's memories, the address the stack top
// (an i64 if is64, else an i32), addr + offset checked explicitly and
// without wrapping. The others take [memory|is64] likewise; MemoryCopyM
// [dst memory|src memory] [dst is64|src is64]. The table ops *64 are those
// of a table with i64 indices; TableCopy64 [dst|src] [dst is64|src is64];
// CallIndirect64 has CallIndirect's words.
#define WASMRUN_IOP_OF_ANY_MEMORY(name, ...) WASMRUN_IOP(name##_M)
#define WASMRUN_ANY_MEMORY_OPS(X)                                          \
  X(MemorySizeM)     /* stack; [memory|is64] */                              \
  X(MemoryGrowM)     /* stack; [memory|is64] */                              \
  X(MemoryFillM)     /* stack; [memory|is64] */                              \
  X(MemoryCopyM)     /* stack; [dst memory|src memory] [dst is64|src is64] */ \
  X(MemoryInitM)     /* stack; [memory|is64] [data] */                       \
  X(TableGet64)      /* stack; table */                                      \
  X(TableSet64)      /* stack; table */                                      \
  X(TableGrow64)     /* stack; table */                                      \
  X(TableFill64)     /* stack; table */                                      \
  X(TableCopy64)     /* stack; [dst|src] [dst is64|src is64] */              \
  X(TableInit64)     /* stack; elem, table */                                \
  X(CallIndirect64)  /* [h|type] [table|index slot] [frame base] */

// GC (3.0): structs, arrays, casts and i31 (handlers_gc.inc), stack
// style but for struct.get/set and array.get, whose operands are slots. An access's MODE is the field's size in bytes, plus 256 when a
// packed one is sign-extended. A TEST is a RefTestKind (ref_test.h) plus
// 256 when null passes.
#define WASMRUN_GC_OPS(X)                                                              \
  X(StructNew)        /* stack; [type|field slots] */                                  \
  X(StructNewDefault) /* stack; [type] */                                              \
  X(StructGet)        /* [h|d] [ref|offset] [mode]: d = the field */                   \
  X(StructSet)        /* [h] [ref|value] [offset|bytes]: the field = the value */      \
  X(ArrayNew)         /* stack; [type|value slots]: value length -> ref */             \
  X(ArrayNewDefault)  /* stack; [type]: length -> ref */                               \
  X(ArrayNewFixed)    /* stack; [type|count] [slots]: values -> ref */                 \
  X(ArrayNewData)     /* stack; [type|data]: offset length -> ref */                   \
  X(ArrayNewElem)     /* stack; [type|elem]: offset length -> ref */                   \
  X(ArrayGet)         /* [h|d] [ref|index] [mode]: d = the element */                  \
  X(ArraySet)         /* stack; [bytes]: ref index value -> */                         \
  X(ArrayLen)         /* stack: ref -> i32 */                                          \
  X(ArrayFill)        /* stack; [value slots]: ref offset value n -> */                \
  X(ArrayCopy)        /* stack: dst offset src offset n -> */                          \
  X(ArrayInitData)    /* stack; [data]: ref offset data-offset n -> */                 \
  X(ArrayInitElem)    /* stack; [elem]: ref offset elem-offset n -> */                 \
  X(RefTest)          /* stack; [test|type]: ref -> i32 */                             \
  X(RefCast)          /* stack; [test|type]: ref -> ref, or traps "cast failure" */    \
  X(RefI31)           /* stack: i32 -> i31 */                                          \
  X(I31GetS)          /* stack: i31 -> i32 */                                          \
  X(I31GetU)          /* stack: i31 -> i32 */                                          \
  X(RefEq)            /* stack: ref ref -> i32 */                                      \
  X(StructNewDesc)    /* stack; [type|field slots]: fields desc -> ref */              \
  X(StructNewDefaultDesc) /* stack; [type]: desc -> ref */                             \
  X(RefGetDesc)       /* stack: ref -> desc */                                         \
  X(RefCastDescEq)    /* stack; [nullable]: ref desc -> ref, or traps */               \
  X(RefTestDescEq)    /* stack; [nullable]: ref desc -> ref i32 (br_on_cast_desc_eq) */

// The threads proposal's instructions (atomic_semantics.h), stack style,
// each named like its Op: [h] [memory|is64] [offset] like the _M forms,
// the address the deepest operand; AtomicFence has no operand word.
// X(name, kind).
#define WASMRUN_ATOMIC_OPS(X) WASMRUN_ATOMIC_SEMANTICS(WASMRUN_ATOMIC_ROW, X)
#define WASMRUN_ATOMIC_ROW(X, name, kind) X(name, kind)
#define WASMRUN_IOP_OF_ATOMIC(name, ...) WASMRUN_IOP(name)

// Tail calls: the callee takes over the caller's frame and returns to
// the caller's caller; no frame is pushed (interpreter.cpp, do_tail_call).
#define WASMRUN_TAIL_CALL_OPS(X)                                                            \
  X(ReturnCall)         /* [h|function] [frame base: the first argument's slot] */          \
  X(ReturnCallIndirect) /* [h|type] [table|index slot] [frame base] */                      \
  X(ReturnCallRef)      /* [h] [reference slot] [frame base] */                               \
  X(CallRef)            /* [h] [reference slot] [frame base]: call_ref, a call (not a tail one) \
                           that shares the reference's null check */

// The instructions with two results (wide_semantics.h), stack style, each
// named like its Op: the operands on the stack top become the two results.
// X(name, expr).
#define WASMRUN_WIDE_OPS(X) WASMRUN_WIDE_SEMANTICS(WASMRUN_WIDE_ROW, X)
#define WASMRUN_WIDE_ROW(X, name, expr) X(name, expr)
#define WASMRUN_IOP_OF_WIDE(name, ...) WASMRUN_IOP(name)

// Two instructions in a row, whatever their operands, run as
// FIRST_Then_SECOND with one dispatch. The pair keeps both instructions'
// words as they are: its handler does FIRST, then jumps straight to
// SECOND's handler (a direct jump, which the processor predicts, where a
// dispatch is an indirect one), and a branch to SECOND still finds
// SECOND's own first word. So any two instructions may pair, dependent or
// not; the compiler pairs them after all other fusion, at the end of a
// function (the specialize pass, specialize.cpp). X(first, second, family,
// args...): FIRST's handler is made by the handler-family macro FAMILY
// (the _F macros of the handlers_*.inc files, which take a name suffix and
// the handler's last statement before ARGS), SECOND is any internal op.
// FAMILY is FIRST's by the rule of interp/compiler/pair_forms.h (specialize.cpp
// checks it). A row costs one handler, so only frequent pairs earn one:
// the rows of both tables are generated from instruction profiles of a
// corpus of programs by tools/gen-tuning.sh (docs/INTERPRETER.md, "Tuning
// table") into interp/compiler/tuning_table.def, included here.
#include "interp/compiler/tuning_table.def"  // WASMRUN_PREFIXED and WASMRUN_FORWARDED

// Pairs whose SECOND reads FIRST's result as an operand: FIRST hands the
// value over in a register (`acc`) and enters SECOND's handler past the
// load of that operand (its FWD_ENTRY), so the value skips the round trip
// through its slot. A store followed at once by a load of the same slot
// costs a store-to-load forwarding delay (several cycles) on the chain of
// dependent instructions; in a pair nothing else hides it. The slot is
// still written, for later readers. X(first, second, SRC, family,
// args...) makes FIRST_Fwd_SECOND as WASMRUN_PREFIXED does; SRC says
// where SECOND names the forwarded operand (LO1, LO2: the low half of its
// second or third word; W1: its whole second word), and the compiler uses a row
// only where that slot is FIRST's destination, the high half of its first
// word. FAMILY sets acc to what it writes there; SECOND's family has a
// FWD_ENTRY that takes that operand from acc (both as pair_forms.h
// says). WASMRUN_FORWARDED is in interp/compiler/tuning_table.def, included above.

// Every internal op, in IOp order.
// Superinstructions: common pairs of i32 operations, the first one's
// result feeding only the second.
#define WASMRUN_FUSED_OPS(X)                                                   \
  X(I32ShrUAnd)      /* [h|d] [a|s] [m]: (a >>u s) & m */                      \
  X(I32WrapI64ShrU)  /* [h|d] [a|s]: i32.wrap_i64 (a >>u s), s < 64 */       \
  X(I32ShrUAnd2)     /* [h|d] [a|s] [m|e] [t|n]: e = (a >>u t) & n, then d = (a >>u s) & m: \
                        two bit fields of one word */                         \
  X(CopyBr)          /* [h|d] [a|rel]: copy, then branch */                    \
  X(CopyBrIf)        /* [h|d] [a|c] [rel]: copy, then branch if the i32 in c is not 0 */ \
  X(CopyBrIfNot)     /* [h|d] [a|c] [rel]: copy, then branch if it is 0 */      \
  X(I32LoadScaled)   /* [h|d] [x|offset] [s|addend]: i32.load at (x << s) + addend */ \
  X(I32Load8UMasked) /* [h|d] [x|mask] [offset|addend]: i32.load8_u at (x & mask) + addend (wrapping) \
                        + offset: a byte table indexed by a masked value */ \
  X(I32LoadAddStore) /* [h|d] [addr|offset] [c]: d = i32.load; i32.store d + c, same address */ \
  X(I32LoadAddStoreKeep) /* [h|d] [addr|offset] [c|e]: the same, also keeping d + c in e */ \
  X(BrIfLoad)        /* [h|addr] [offset|rel]: branch if the i32 loaded is not 0 */          \
  X(BrIfNotLoad)     /* [h|addr] [offset|rel]: branch if it is 0 */          \
  X(BrIfBits)        /* [h|a] [mask|rel]: branch if a & mask is not 0 */     \
  X(BrIfNotBits)     /* [h|a] [mask|rel]: branch if a & mask is 0 */         \
  X(SelectIfBits)    /* [h|d] [x|y] [a|mask]: d = a & mask ? x : y */        \
  X(SelectConsts)    /* [h|d] [x|y] [cond]: d = cond ? x : y, x and y 32-bit constants */ \
  X(CopyPairS)       /* [h|d:16,a:16] [d2|a2]: CopyS, then d2 = a2 */       \
  X(SetPairS)        /* [h|d:16,c:16] [d2|c2]: SetS, then d2 = c2 (int32, sign-extended) */ \
  X(CallIndirectLoad) /* [h|type] [table|frame base] [addr|offset]: call_indirect of the i32 loaded \
                        (I32Load's operands), a function pointer in a struct */ \
  X(CallIndirectLoadScaled) /* [h|type] [table|frame base] [x|offset] [s|addend]: the same with \
                        I32LoadScaled's operands, an array of function pointers */

// Pairs of binary operators, the first one's result t feeding only the
// second: NAME [h|d] [a|b] [c] computes d = SECOND(t, c) (order L) or
// d = SECOND(c, t) (order R) with t = FIRST(a, b), each operator rounding as
// it does alone. With FORM RR, a and b are slots; with RI, b is a 32-bit
// constant (an i32 FIRST). c is a slot. X(name, first, form, second,
// order), the operators' names from WASMRUN_BINARY_OPS. A commutative
// SECOND needs only L. Chosen from the benchmarks' instruction-pair
// counts: products and sums in address and floating-point arithmetic,
// shifts combined into hashes and rotations.
#define WASMRUN_BINARY_PAIRS(X)                                               \
  X(I32MulAdd, I32Mul, RR, I32Add, L)   /* a * b + c */                      \
  X(I32Add3, I32Add, RR, I32Add, L)     /* a + b + c */                      \
  X(I32ShlAdd, I32Shl, RI, I32Add, L)   /* (a << k) + c */                   \
  X(I32MulKAdd, I32Mul, RI, I32Add, L)  /* a * k + c */                      \
  X(I32ShrUAdd, I32ShrU, RI, I32Add, L) /* (a >>u k) + c */                  \
  X(I32ShlXor, I32Shl, RI, I32Xor, L)   /* (a << k) ^ c */                   \
  X(I32ShrUXor, I32ShrU, RI, I32Xor, L) /* (a >>u k) ^ c */                  \
  X(I32ShlOr, I32Shl, RI, I32Or, L)     /* (a << k) | c */                   \
  X(I32ShrUOr, I32ShrU, RI, I32Or, L)   /* (a >>u k) | c */                  \
  X(F64MulMul, F64Mul, RR, F64Mul, L)   /* a * b * c */                      \
  X(F64MulAdd, F64Mul, RR, F64Add, L)   /* a * b + c (two roundings) */      \
  X(F64MulSub, F64Mul, RR, F64Sub, L)   /* a * b - c */                      \
  X(F64MulSubR, F64Mul, RR, F64Sub, R)  /* c - a * b */                      \
  X(F64SubMul, F64Sub, RR, F64Mul, L)   /* (a - b) * c */                    \
  X(F64AddMul, F64Add, RR, F64Mul, L)   /* (a + b) * c */                    \
  X(F32MulMul, F32Mul, RR, F32Mul, L)                                        \
  X(F32MulAdd, F32Mul, RR, F32Add, L)                                        \
  X(F32MulSub, F32Mul, RR, F32Sub, L)                                        \
  X(F32MulSubR, F32Mul, RR, F32Sub, R)                                       \
  X(F32SubMul, F32Sub, RR, F32Mul, L)                                        \
  X(F32AddMul, F32Add, RR, F32Mul, L)

// Binary operators whose right operand (or either, when they commute) is
// loaded by the instruction before: BINOP_LOAD [h|d] [a|addr] [offset|addend]
// computes a BINOP load(addr + addend, wrapping, + offset).
// X(binop, load), both names from the lists above.
#define WASMRUN_I32_LOAD_BINOPS_OF(X, load) \
  X(I32Add, load) X(I32Sub, load) X(I32Mul, load) X(I32And, load) X(I32Or, load) X(I32Xor, load)
#define WASMRUN_LOAD_BINOPS(X)                                                                 \
  WASMRUN_I32_LOAD_BINOPS_OF(X, I32Load) WASMRUN_I32_LOAD_BINOPS_OF(X, I32Load8U)             \
  WASMRUN_I32_LOAD_BINOPS_OF(X, I32Load8S) WASMRUN_I32_LOAD_BINOPS_OF(X, I32Load16U)          \
  WASMRUN_I32_LOAD_BINOPS_OF(X, I32Load16S)                                                   \
  X(I64Add, I64Load) X(I64Sub, I64Load) X(I64Mul, I64Load) X(I64And, I64Load) X(I64Or, I64Load) \
  X(I64Xor, I64Load) X(F32Add, F32Load) X(F32Sub, F32Load) X(F32Mul, F32Load) X(F32Div, F32Load) \
  X(F64Add, F64Load) X(F64Sub, F64Load) X(F64Mul, F64Load) X(F64Div, F64Load)

// A BINOP_LOAD feeding a commutative operator (a multiply-accumulate on a
// loaded operand): BINOP_LOAD_SECOND [h|d] [a|addr] [offset|addend] [c]
// computes SECOND(a BINOP load(...), c). X(binop, load, second).
#define WASMRUN_LOAD_BINOP_PAIRS(X)                                                           \
  X(I32Mul, I32Load, I32Add) X(I32Mul, I32Load16S, I32Add) X(I32Mul, I32Load16U, I32Add)       \
  X(I32Mul, I32Load8U, I32Add) X(F32Mul, F32Load, F32Add) X(F64Mul, F64Load, F64Add)

// The same with a 32-bit constant c (an i32 SECOND), NAME_K [h|d]
// [a|addr] [offset|addend] [c]: FNV-style hashing, (h ^ byte) * prime.
#define WASMRUN_LOAD_BINOP_CONST_PAIRS(X) \
  X(I32Xor, I32Load8U, I32Mul) X(I32Xor, I32Load, I32Mul) X(I32Add, I32Load8U, I32Mul)

// A BINOP_LOAD whose result is stored back where it was loaded from
// (`x[i] += v`): BINOP_LOAD_STORE [h] [a|addr] [offset|addend] stores
// a BINOP load(...) at the same address. X(binop, load, store).
#define WASMRUN_READ_MODIFY_WRITES(X)                                                          \
  X(I32Add, I32Load, I32Store) X(I32And, I32Load, I32Store) X(I32Or, I32Load, I32Store)         \
  X(I32Xor, I32Load, I32Store) X(I32Add, I32Load8U, I32Store8) X(I32Add, I32Load16U, I32Store16) \
  X(I64Add, I64Load, I64Store) X(I64Or, I64Load, I64Store) X(F32Add, F32Load, F32Store)         \
  X(F64Add, F64Load, F64Store) X(F64Mul, F64Load, F64Store)

// Binary operators on two values loaded by the two instructions before
// (a dot product's step): BINOP_LOAD_LOAD [h|d] [addr1|addr2]
// [offset1|addend1] [offset2|addend2] computes load1 BINOP load2, each
// address as in BINOP_LOAD, the first checked first. X(binop, load).
#define WASMRUN_LOAD_LOAD_BINOPS(X)                                                          \
  X(I32Add, I32Load) X(I32Mul, I32Load) X(I64Add, I64Load) X(I64Mul, I64Load)                 \
  X(F32Add, F32Load) X(F32Mul, F32Load) X(F64Add, F64Load) X(F64Mul, F64Load)

// A binary operator on two slots whose result is stored next (`p->x = a +
// b`): BINOP_RR_STORE [h|d] [a|b] [addr|offset] computes d = a BINOP b
// (kept in d, as the plain operator does) and stores it at addr + offset,
// the address read after d is written. X(binop, store).
#define WASMRUN_BINOP_STORES(X)                                                              \
  X(I32Add, I32Store) X(I32Sub, I32Store) X(I32And, I32Store) X(I32Or, I32Store)              \
  X(I32Xor, I32Store) X(I64Add, I64Store) X(I64Sub, I64Store) X(F32Add, F32Store)             \
  X(F32Sub, F32Store) X(F32Mul, F32Store) X(F64Add, F64Store) X(F64Sub, F64Store)             \
  X(F64Mul, F64Store)

// A load whose value is stored next (`*q = *p`, a copy through memory):
// LOAD_STORE [h|d] [addr1|offset1] [addr2|offset2] loads into d (kept, as
// the plain load does), then stores d at addr2 + offset2, addr2 read
// after d is written; the load is checked first. X(load, store).
#define WASMRUN_LOAD_STORES(X)                                                               \
  X(I32Load, I32Store) X(I64Load, I64Store) X(F32Load, F32Store) X(F64Load, F64Store)         \
  X(I32Load8U, I32Store8) X(I32Load16U, I32Store16)

// Every internal op, in IOp order, as WASMRUN_IOP(name) for a macro
// WASMRUN_IOP that the user defines; the SIMD ops follow (one per 0xFD
// row of opcodes.def, named like its Op; see the users).
#define WASMRUN_IOP_OF_BIN(name, ...) WASMRUN_IOP(name##_RR) WASMRUN_IOP(name##_RI)
#define WASMRUN_IOP_OF_UN(name, ...) WASMRUN_IOP(name) WASMRUN_IOP(name##_S)
#define WASMRUN_IOP_OF_LD(name, ...) \
  WASMRUN_IOP(name) WASMRUN_IOP(name##_A) WASMRUN_IOP(name##_RR) WASMRUN_IOP(name##_X)
#define WASMRUN_IOP_OF_ST(name, ...)                                                                  \
  WASMRUN_IOP(name) WASMRUN_IOP(name##_A) WASMRUN_IOP(name##_I) WASMRUN_IOP(name##_RR) WASMRUN_IOP(name##_IRR) \
  WASMRUN_IOP(name##_X)
#define WASMRUN_IOP_OF_BR(name, ...) WASMRUN_IOP(BrIf##name##_RR) WASMRUN_IOP(BrIf##name##_RI)
#define WASMRUN_IOP_OF_INC_BR(name, ...)                            \
  WASMRUN_IOP(IncBrIf##name##_RR) WASMRUN_IOP(IncBrIf##name##_RI)   \
  WASMRUN_IOP(AddBrIf##name##_RR) WASMRUN_IOP(AddBrIf##name##_RI)   \
  WASMRUN_IOP(Inc2BrIf##name##_RR) WASMRUN_IOP(Inc2BrIf##name##_RI)
#define WASMRUN_IOP_OF_LOAD_BINOP(binop, load) WASMRUN_IOP(binop##_##load)
#define WASMRUN_IOP_OF_PAIR(name, ...) WASMRUN_IOP(name)
#define WASMRUN_IOP_OF_SELECT_CMP(name, ...) WASMRUN_IOP(SelectIf##name##_RR) WASMRUN_IOP(SelectIf##name##_RI)
#define WASMRUN_IOP_OF_LOAD_LOAD_BINOP(binop, load) WASMRUN_IOP(binop##_##load##_##load)
#define WASMRUN_IOP_OF_LOAD_BINOP_PAIR(binop, load, second) WASMRUN_IOP(binop##_##load##_##second)
#define WASMRUN_IOP_OF_READ_MODIFY_WRITE(binop, load, store) WASMRUN_IOP(binop##_##load##_##store)
#define WASMRUN_IOP_OF_LOAD_BINOP_CONST_PAIR(binop, load, second) WASMRUN_IOP(binop##_##load##_##second##_K)
#define WASMRUN_IOP_OF_ADD_BR(name, ...) WASMRUN_IOP(BrIfAdd##name##_RI)
#define WASMRUN_IOP_OF_BINOP_STORE(binop, store) WASMRUN_IOP(binop##_RR_##store)
#define WASMRUN_IOP_OF_LOAD_STORE(load, store) WASMRUN_IOP(load##_##store)
#define WASMRUN_IOP_OF_PREFIXED(first, second, ...) WASMRUN_IOP(first##_Then_##second)
#define WASMRUN_IOP_OF_FORWARDED(first, second, ...) WASMRUN_IOP(first##_Fwd_##second)
#define WASMRUN_EACH_SCALAR_IOP()                \
  WASMRUN_BINARY_OPS(WASMRUN_IOP_OF_BIN)         \
  WASMRUN_UNARY_OPS(WASMRUN_IOP_OF_UN)           \
  WASMRUN_LOADS(WASMRUN_IOP_OF_LD)               \
  WASMRUN_STORES(WASMRUN_IOP_OF_ST)              \
  WASMRUN_INTERNAL_OPS(WASMRUN_IOP)              \
  WASMRUN_TAIL_CALL_OPS(WASMRUN_IOP)             \
  WASMRUN_WIDE_OPS(WASMRUN_IOP_OF_WIDE)          \
  WASMRUN_FUSED_OPS(WASMRUN_IOP)                 \
  WASMRUN_BINARY_PAIRS(WASMRUN_IOP_OF_PAIR)      \
  WASMRUN_BR_CMPS(WASMRUN_IOP_OF_BR)             \
  WASMRUN_I32_BR_CMPS(WASMRUN_IOP_OF_INC_BR)     \
  WASMRUN_I32_BR_CMPS(WASMRUN_IOP_OF_SELECT_CMP) \
  WASMRUN_LOAD_BINOPS(WASMRUN_IOP_OF_LOAD_BINOP)  \
  WASMRUN_LOAD_LOAD_BINOPS(WASMRUN_IOP_OF_LOAD_LOAD_BINOP) \
  WASMRUN_LOAD_BINOP_PAIRS(WASMRUN_IOP_OF_LOAD_BINOP_PAIR) \
  WASMRUN_READ_MODIFY_WRITES(WASMRUN_IOP_OF_READ_MODIFY_WRITE) \
  WASMRUN_LOAD_BINOP_CONST_PAIRS(WASMRUN_IOP_OF_LOAD_BINOP_CONST_PAIR) \
  WASMRUN_I32_BR_CMPS(WASMRUN_IOP_OF_ADD_BR)                           \
  WASMRUN_BINOP_STORES(WASMRUN_IOP_OF_BINOP_STORE)                     \
  WASMRUN_LOAD_STORES(WASMRUN_IOP_OF_LOAD_STORE)                       \
  WASMRUN_PREFIXED(WASMRUN_IOP_OF_PREFIXED)                            \
  WASMRUN_FORWARDED(WASMRUN_IOP_OF_FORWARDED)                          \
  WASMRUN_LOADS(WASMRUN_IOP_OF_ANY_MEMORY)                             \
  WASMRUN_STORES(WASMRUN_IOP_OF_ANY_MEMORY)                            \
  WASMRUN_ANY_MEMORY_OPS(WASMRUN_IOP)                                  \
  WASMRUN_GC_OPS(WASMRUN_IOP)                                          \
  WASMRUN_ATOMIC_OPS(WASMRUN_IOP_OF_ATOMIC)

enum class IOp : uint16_t {
#define WASMRUN_IOP(name) name,
  WASMRUN_EACH_SCALAR_IOP()
#undef WASMRUN_IOP
// SIMD: one internal op per 0xFD row of opcodes.def, named like its Op
// (handlers_simd.inc, compile_simd.cpp).
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) WASMRUN_IF_SIMD_##prefix(name, )
#include "loader/opcodes.def"
#undef WASM_OP
// SIMD loads and stores of any memory (as the scalar NAME_M above): stack
// style, [h] [memory|is64] [offset], then [lane] for the lane forms.
#define WASM_OP(name, text, prefix, code, imm, sig, bytes) \
  WASMRUN_IF_SIMD_##prefix(WASMRUN_IF_SIMD_MEMORY_##imm(name##_M, ))
#include "loader/opcodes.def"
#undef WASM_OP
      Count
};

// One word of code.
union Slot {
  uint64_t u64;
  uint32_t half[2];  // the two 32-bit fields, in memory order (see kLowHalf)
};
// half[kLowHalf] is the low 32 bits of u64. A handler reads a field of an
// operand word with one 32-bit load (LO/HI in interpreter.cpp)
// instead of loading the word and shifting the high half down.
inline constexpr int kLowHalf = std::endian::native == std::endian::little ? 0 : 1;
static_assert(sizeof(Slot) == 8);

// The handler half of an instruction's first word for `op`, in the
// dispatch encoding of this build.
uint32_t handler_word(IOp op);

// One compiled function body.
struct Code {
  std::vector<Slot> slots;   // the instructions, in words
  uint32_t param_slots = 0;   // parameters, as the caller leaves them on the stack
  uint32_t local_slots = 0;   // parameters and declared locals
  uint32_t max_slots = 0;     // locals plus the deepest operand stack
  uint32_t result_slots = 0;
  // Exception handlers (handler_table.h), in word offsets; empty for most
  // functions. A function with handlers is registered (code_registry.h)
  // so that unwinding finds its Code from a return address.
  std::vector<Handler> handlers;
  // Which function this is, and where its instructions came from, for
  // traps' backtraces (interp/exec/backtrace.h). Every Code is registered
  // (code_registry.h) so that a code position finds its Code.
  const Module* module = nullptr;
  uint32_t func_index = 0;
  SourceMap source;
  Code() = default;
  Code(const Code&) = delete;
  Code& operator=(const Code&) = delete;
  ~Code();
};

inline uint32_t slot_count(ValType t) { return t == ValType::V128 ? 2 : 1; }

}  // namespace wasmrun::interp
