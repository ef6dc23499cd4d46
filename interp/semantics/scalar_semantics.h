// The semantics of every scalar numeric instruction, load and store: one
// row per instruction, keyed by its Op (loader/opcodes.def). The row's
// operand and result types are not repeated here: they are the row's
// signature in opcodes.def, which the validator types the instruction
// with, and a load's or store's width is its access_bytes there.
//
// Everything else the interpreter knows about the instruction is derived
// from this table: the handler lists of code.h (WASMRUN_BINARY_OPS,
// WASMRUN_UNARY_OPS, WASMRUN_LOADS, WASMRUN_STORES, WASMRUN_BR_CMPS), the
// operand readers and result writers of scalar_ops.h, the compiler's
// swapped() and commutative() and the negated compare an `if` branches
// on, and the arithmetic of constant expressions (const_eval.cpp). The
// checks at the end of this file fail the build when a scalar row of
// opcodes.def has no row here, when a row is here twice, or when a row
// does not fit its signature.
//
// R(X, name, form, read, swap, negation, trap, constant, expr): R is the
// row macro a user passes (it gets X passed through).
//
//   form      BINARY, UNARY: expr computes the result from a (and b);
//             COMPARE: a binary float comparison, expr is its operator;
//             COMPARE_I32, COMPARE_I64: integer comparisons, expr is the
//             operator; they also have compare-and-branch forms (code.h);
//             LOAD, STORE: the width is access_bytes, expr is empty.
//   read      how an operand is read from its 64-bit slot, by its type in
//             the signature: U as the unsigned integer or the float of
//             that type; S as the signed integer (a load: sign-extends);
//             B as the bits, an unsigned integer as wide as the type, and
//             the result is written as bits too (reinterpretations);
//             REF as a reference (uintptr_t, 0 = null), the result an i32.
//             (No column value may be R or X, the table's parameters.)
//   swap      COMMUTES: b OP a == a OP b exactly; COMMUTES_BUT_NAN: the
//             same but for which NaN comes out (the spec leaves that
//             open); MIRRORED(p): b OP a == a P b exactly; NO_SWAP.
//   negation  NEGATED(p): p is !(a OP b) (integer comparisons only, so
//             that `if` fuses with its compare); NO_NEGATION.
//   trap      NO_TRAP; TRAPS_DIV: "integer divide by zero" (and "integer
//             overflow" for div_s); TRAPS_CONVERSION: "invalid conversion
//             to integer" or "integer overflow"; TRAPS_BOUNDS: "out of
//             bounds memory access".
//   constant  CONSTANT: allowed in constant expressions (extended-const);
//             NOT_CONSTANT.
//
// The order of rows is the order of the internal ops and of their handlers
// in the dispatch loop (code.h): keep it, the loop's layout is fragile
// (docs/INTERPRETER.md).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "loader/opcode.h"

// clang-format off
#define WASMRUN_SCALAR_SEMANTICS(R, X) \
  R(X, I32Eq,       COMPARE_I32, U, COMMUTES,         NEGATED(I32Ne),  NO_TRAP,  NOT_CONSTANT, ==) \
  R(X, I32Ne,       COMPARE_I32, U, COMMUTES,         NEGATED(I32Eq),  NO_TRAP,  NOT_CONSTANT, !=) \
  R(X, I32LtS,      COMPARE_I32, S, MIRRORED(I32GtS), NEGATED(I32GeS), NO_TRAP,  NOT_CONSTANT, <)  \
  R(X, I32LtU,      COMPARE_I32, U, MIRRORED(I32GtU), NEGATED(I32GeU), NO_TRAP,  NOT_CONSTANT, <)  \
  R(X, I32GtS,      COMPARE_I32, S, MIRRORED(I32LtS), NEGATED(I32LeS), NO_TRAP,  NOT_CONSTANT, >)  \
  R(X, I32GtU,      COMPARE_I32, U, MIRRORED(I32LtU), NEGATED(I32LeU), NO_TRAP,  NOT_CONSTANT, >)  \
  R(X, I32LeS,      COMPARE_I32, S, MIRRORED(I32GeS), NEGATED(I32GtS), NO_TRAP,  NOT_CONSTANT, <=) \
  R(X, I32LeU,      COMPARE_I32, U, MIRRORED(I32GeU), NEGATED(I32GtU), NO_TRAP,  NOT_CONSTANT, <=) \
  R(X, I32GeS,      COMPARE_I32, S, MIRRORED(I32LeS), NEGATED(I32LtS), NO_TRAP,  NOT_CONSTANT, >=) \
  R(X, I32GeU,      COMPARE_I32, U, MIRRORED(I32LeU), NEGATED(I32LtU), NO_TRAP,  NOT_CONSTANT, >=) \
  R(X, I32Add,      BINARY, U, COMMUTES, NO_NEGATION, NO_TRAP,   CONSTANT,     a + b)             \
  R(X, I32Sub,      BINARY, U, NO_SWAP,  NO_NEGATION, NO_TRAP,   CONSTANT,     a - b)             \
  R(X, I32Mul,      BINARY, U, COMMUTES, NO_NEGATION, NO_TRAP,   CONSTANT,     a * b)             \
  R(X, I32DivS,     BINARY, U, NO_SWAP,  NO_NEGATION, TRAPS_DIV, NOT_CONSTANT, num::div_s(a, b))  \
  R(X, I32DivU,     BINARY, U, NO_SWAP,  NO_NEGATION, TRAPS_DIV, NOT_CONSTANT, num::div_u(a, b))  \
  R(X, I32RemS,     BINARY, U, NO_SWAP,  NO_NEGATION, TRAPS_DIV, NOT_CONSTANT, num::rem_s(a, b))  \
  R(X, I32RemU,     BINARY, U, NO_SWAP,  NO_NEGATION, TRAPS_DIV, NOT_CONSTANT, num::rem_u(a, b))  \
  R(X, I32And,      BINARY, U, COMMUTES, NO_NEGATION, NO_TRAP,   NOT_CONSTANT, a & b)             \
  R(X, I32Or,       BINARY, U, COMMUTES, NO_NEGATION, NO_TRAP,   NOT_CONSTANT, a | b)             \
  R(X, I32Xor,      BINARY, U, COMMUTES, NO_NEGATION, NO_TRAP,   NOT_CONSTANT, a ^ b)             \
  R(X, I32Shl,      BINARY, U, NO_SWAP,  NO_NEGATION, NO_TRAP,   NOT_CONSTANT, num::shl(a, b))    \
  R(X, I32ShrS,     BINARY, U, NO_SWAP,  NO_NEGATION, NO_TRAP,   NOT_CONSTANT, num::shr_s(a, b))  \
  R(X, I32ShrU,     BINARY, U, NO_SWAP,  NO_NEGATION, NO_TRAP,   NOT_CONSTANT, num::shr_u(a, b))  \
  R(X, I32Rotl,     BINARY, U, NO_SWAP,  NO_NEGATION, NO_TRAP,   NOT_CONSTANT, num::rotl(a, b))   \
  R(X, I32Rotr,     BINARY, U, NO_SWAP,  NO_NEGATION, NO_TRAP,   NOT_CONSTANT, num::rotr(a, b))   \
  R(X, I64Eq,       COMPARE_I64, U, COMMUTES,         NEGATED(I64Ne),  NO_TRAP,  NOT_CONSTANT, ==) \
  R(X, I64Ne,       COMPARE_I64, U, COMMUTES,         NEGATED(I64Eq),  NO_TRAP,  NOT_CONSTANT, !=) \
  R(X, I64LtS,      COMPARE_I64, S, MIRRORED(I64GtS), NEGATED(I64GeS), NO_TRAP,  NOT_CONSTANT, <)  \
  R(X, I64LtU,      COMPARE_I64, U, MIRRORED(I64GtU), NEGATED(I64GeU), NO_TRAP,  NOT_CONSTANT, <)  \
  R(X, I64GtS,      COMPARE_I64, S, MIRRORED(I64LtS), NEGATED(I64LeS), NO_TRAP,  NOT_CONSTANT, >)  \
  R(X, I64GtU,      COMPARE_I64, U, MIRRORED(I64LtU), NEGATED(I64LeU), NO_TRAP,  NOT_CONSTANT, >)  \
  R(X, I64LeS,      COMPARE_I64, S, MIRRORED(I64GeS), NEGATED(I64GtS), NO_TRAP,  NOT_CONSTANT, <=) \
  R(X, I64LeU,      COMPARE_I64, U, MIRRORED(I64GeU), NEGATED(I64GtU), NO_TRAP,  NOT_CONSTANT, <=) \
  R(X, I64GeS,      COMPARE_I64, S, MIRRORED(I64LeS), NEGATED(I64LtS), NO_TRAP,  NOT_CONSTANT, >=) \
  R(X, I64GeU,      COMPARE_I64, U, MIRRORED(I64LeU), NEGATED(I64LtU), NO_TRAP,  NOT_CONSTANT, >=) \
  R(X, I64Add,      BINARY, U, COMMUTES, NO_NEGATION, NO_TRAP,   CONSTANT,     a + b)             \
  R(X, I64Sub,      BINARY, U, NO_SWAP,  NO_NEGATION, NO_TRAP,   CONSTANT,     a - b)             \
  R(X, I64Mul,      BINARY, U, COMMUTES, NO_NEGATION, NO_TRAP,   CONSTANT,     a * b)             \
  R(X, I64DivS,     BINARY, U, NO_SWAP,  NO_NEGATION, TRAPS_DIV, NOT_CONSTANT, num::div_s(a, b))  \
  R(X, I64DivU,     BINARY, U, NO_SWAP,  NO_NEGATION, TRAPS_DIV, NOT_CONSTANT, num::div_u(a, b))  \
  R(X, I64RemS,     BINARY, U, NO_SWAP,  NO_NEGATION, TRAPS_DIV, NOT_CONSTANT, num::rem_s(a, b))  \
  R(X, I64RemU,     BINARY, U, NO_SWAP,  NO_NEGATION, TRAPS_DIV, NOT_CONSTANT, num::rem_u(a, b))  \
  R(X, I64And,      BINARY, U, COMMUTES, NO_NEGATION, NO_TRAP,   NOT_CONSTANT, a & b)             \
  R(X, I64Or,       BINARY, U, COMMUTES, NO_NEGATION, NO_TRAP,   NOT_CONSTANT, a | b)             \
  R(X, I64Xor,      BINARY, U, COMMUTES, NO_NEGATION, NO_TRAP,   NOT_CONSTANT, a ^ b)             \
  R(X, I64Shl,      BINARY, U, NO_SWAP,  NO_NEGATION, NO_TRAP,   NOT_CONSTANT, num::shl(a, b))    \
  R(X, I64ShrS,     BINARY, U, NO_SWAP,  NO_NEGATION, NO_TRAP,   NOT_CONSTANT, num::shr_s(a, b))  \
  R(X, I64ShrU,     BINARY, U, NO_SWAP,  NO_NEGATION, NO_TRAP,   NOT_CONSTANT, num::shr_u(a, b))  \
  R(X, I64Rotl,     BINARY, U, NO_SWAP,  NO_NEGATION, NO_TRAP,   NOT_CONSTANT, num::rotl(a, b))   \
  R(X, I64Rotr,     BINARY, U, NO_SWAP,  NO_NEGATION, NO_TRAP,   NOT_CONSTANT, num::rotr(a, b))   \
  R(X, F32Eq,       COMPARE, U, COMMUTES,        NO_NEGATION, NO_TRAP, NOT_CONSTANT, ==)          \
  R(X, F32Ne,       COMPARE, U, COMMUTES,        NO_NEGATION, NO_TRAP, NOT_CONSTANT, !=)          \
  R(X, F32Lt,       COMPARE, U, MIRRORED(F32Gt), NO_NEGATION, NO_TRAP, NOT_CONSTANT, <)           \
  R(X, F32Gt,       COMPARE, U, MIRRORED(F32Lt), NO_NEGATION, NO_TRAP, NOT_CONSTANT, >)           \
  R(X, F32Le,       COMPARE, U, MIRRORED(F32Ge), NO_NEGATION, NO_TRAP, NOT_CONSTANT, <=)          \
  R(X, F32Ge,       COMPARE, U, MIRRORED(F32Le), NO_NEGATION, NO_TRAP, NOT_CONSTANT, >=)          \
  R(X, F32Add,      BINARY, U, COMMUTES_BUT_NAN, NO_NEGATION, NO_TRAP, NOT_CONSTANT, a + b)       \
  R(X, F32Sub,      BINARY, U, NO_SWAP,          NO_NEGATION, NO_TRAP, NOT_CONSTANT, a - b)       \
  R(X, F32Mul,      BINARY, U, COMMUTES_BUT_NAN, NO_NEGATION, NO_TRAP, NOT_CONSTANT, a * b)       \
  R(X, F32Div,      BINARY, U, NO_SWAP,          NO_NEGATION, NO_TRAP, NOT_CONSTANT, a / b)       \
  R(X, F32Min,      BINARY, U, COMMUTES_BUT_NAN, NO_NEGATION, NO_TRAP, NOT_CONSTANT, num::fmin(a, b)) \
  R(X, F32Max,      BINARY, U, COMMUTES_BUT_NAN, NO_NEGATION, NO_TRAP, NOT_CONSTANT, num::fmax(a, b)) \
  R(X, F32Copysign, BINARY, U, NO_SWAP,          NO_NEGATION, NO_TRAP, NOT_CONSTANT, num::fcopysign(a, b)) \
  R(X, F64Eq,       COMPARE, U, COMMUTES,        NO_NEGATION, NO_TRAP, NOT_CONSTANT, ==)          \
  R(X, F64Ne,       COMPARE, U, COMMUTES,        NO_NEGATION, NO_TRAP, NOT_CONSTANT, !=)          \
  R(X, F64Lt,       COMPARE, U, MIRRORED(F64Gt), NO_NEGATION, NO_TRAP, NOT_CONSTANT, <)           \
  R(X, F64Gt,       COMPARE, U, MIRRORED(F64Lt), NO_NEGATION, NO_TRAP, NOT_CONSTANT, >)           \
  R(X, F64Le,       COMPARE, U, MIRRORED(F64Ge), NO_NEGATION, NO_TRAP, NOT_CONSTANT, <=)          \
  R(X, F64Ge,       COMPARE, U, MIRRORED(F64Le), NO_NEGATION, NO_TRAP, NOT_CONSTANT, >=)          \
  R(X, F64Add,      BINARY, U, COMMUTES_BUT_NAN, NO_NEGATION, NO_TRAP, NOT_CONSTANT, a + b)       \
  R(X, F64Sub,      BINARY, U, NO_SWAP,          NO_NEGATION, NO_TRAP, NOT_CONSTANT, a - b)       \
  R(X, F64Mul,      BINARY, U, COMMUTES_BUT_NAN, NO_NEGATION, NO_TRAP, NOT_CONSTANT, a * b)       \
  R(X, F64Div,      BINARY, U, NO_SWAP,          NO_NEGATION, NO_TRAP, NOT_CONSTANT, a / b)       \
  R(X, F64Min,      BINARY, U, COMMUTES_BUT_NAN, NO_NEGATION, NO_TRAP, NOT_CONSTANT, num::fmin(a, b)) \
  R(X, F64Max,      BINARY, U, COMMUTES_BUT_NAN, NO_NEGATION, NO_TRAP, NOT_CONSTANT, num::fmax(a, b)) \
  R(X, F64Copysign, BINARY, U, NO_SWAP,          NO_NEGATION, NO_TRAP, NOT_CONSTANT, num::fcopysign(a, b)) \
  R(X, I32Eqz,            UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, a == 0) \
  R(X, I64Eqz,            UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, a == 0) \
  R(X, I32Clz,            UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::clz(a)) \
  R(X, I32Ctz,            UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::ctz(a)) \
  R(X, I32Popcnt,         UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::popcnt(a)) \
  R(X, I64Clz,            UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::clz(a)) \
  R(X, I64Ctz,            UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::ctz(a)) \
  R(X, I64Popcnt,         UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::popcnt(a)) \
  R(X, F32Abs,            UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::fabs_(a)) \
  R(X, F32Neg,            UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::fneg(a)) \
  R(X, F32Ceil,           UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::fceil(a)) \
  R(X, F32Floor,          UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::ffloor(a)) \
  R(X, F32Trunc,          UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::ftrunc(a)) \
  R(X, F32Nearest,        UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::fnearest(a)) \
  R(X, F32Sqrt,           UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::fsqrt(a)) \
  R(X, F64Abs,            UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::fabs_(a)) \
  R(X, F64Neg,            UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::fneg(a)) \
  R(X, F64Ceil,           UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::fceil(a)) \
  R(X, F64Floor,          UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::ffloor(a)) \
  R(X, F64Trunc,          UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::ftrunc(a)) \
  R(X, F64Nearest,        UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::fnearest(a)) \
  R(X, F64Sqrt,           UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::fsqrt(a)) \
  R(X, I32WrapI64,        UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, a)      \
  R(X, I32TruncF32S,      UNARY, U, NO_SWAP, NO_NEGATION, TRAPS_CONVERSION, NOT_CONSTANT, (num::trunc_checked<int32_t>(a))) \
  R(X, I32TruncF32U,      UNARY, U, NO_SWAP, NO_NEGATION, TRAPS_CONVERSION, NOT_CONSTANT, (num::trunc_checked<uint32_t>(a))) \
  R(X, I32TruncF64S,      UNARY, U, NO_SWAP, NO_NEGATION, TRAPS_CONVERSION, NOT_CONSTANT, (num::trunc_checked<int32_t>(a))) \
  R(X, I32TruncF64U,      UNARY, U, NO_SWAP, NO_NEGATION, TRAPS_CONVERSION, NOT_CONSTANT, (num::trunc_checked<uint32_t>(a))) \
  R(X, I64ExtendI32S,     UNARY, S, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, static_cast<int64_t>(a)) \
  R(X, I64ExtendI32U,     UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, a)      \
  R(X, I64TruncF32S,      UNARY, U, NO_SWAP, NO_NEGATION, TRAPS_CONVERSION, NOT_CONSTANT, (num::trunc_checked<int64_t>(a))) \
  R(X, I64TruncF32U,      UNARY, U, NO_SWAP, NO_NEGATION, TRAPS_CONVERSION, NOT_CONSTANT, (num::trunc_checked<uint64_t>(a))) \
  R(X, I64TruncF64S,      UNARY, U, NO_SWAP, NO_NEGATION, TRAPS_CONVERSION, NOT_CONSTANT, (num::trunc_checked<int64_t>(a))) \
  R(X, I64TruncF64U,      UNARY, U, NO_SWAP, NO_NEGATION, TRAPS_CONVERSION, NOT_CONSTANT, (num::trunc_checked<uint64_t>(a))) \
  R(X, F32ConvertI32S,    UNARY, S, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::convert<float>(a)) \
  R(X, F32ConvertI32U,    UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::convert<float>(a)) \
  R(X, F32ConvertI64S,    UNARY, S, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::convert<float>(a)) \
  R(X, F32ConvertI64U,    UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::convert<float>(a)) \
  R(X, F32DemoteF64,      UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::demote(a)) \
  R(X, F64ConvertI32S,    UNARY, S, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::convert<double>(a)) \
  R(X, F64ConvertI32U,    UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::convert<double>(a)) \
  R(X, F64ConvertI64S,    UNARY, S, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::convert<double>(a)) \
  R(X, F64ConvertI64U,    UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::convert<double>(a)) \
  R(X, F64PromoteF32,     UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, num::promote(a)) \
  R(X, I32ReinterpretF32, UNARY, B, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, a)      \
  R(X, I64ReinterpretF64, UNARY, B, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, a)      \
  R(X, F32ReinterpretI32, UNARY, B, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, a)      \
  R(X, F64ReinterpretI64, UNARY, B, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, a)      \
  R(X, I32Extend8S,       UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, (num::extend_s<uint32_t, 8>(a))) \
  R(X, I32Extend16S,      UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, (num::extend_s<uint32_t, 16>(a))) \
  R(X, I64Extend8S,       UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, (num::extend_s<uint64_t, 8>(a))) \
  R(X, I64Extend16S,      UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, (num::extend_s<uint64_t, 16>(a))) \
  R(X, I64Extend32S,      UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, (num::extend_s<uint64_t, 32>(a))) \
  R(X, I32TruncSatF32S,   UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, (num::trunc_sat<int32_t>(a))) \
  R(X, I32TruncSatF32U,   UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, (num::trunc_sat<uint32_t>(a))) \
  R(X, I32TruncSatF64S,   UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, (num::trunc_sat<int32_t>(a))) \
  R(X, I32TruncSatF64U,   UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, (num::trunc_sat<uint32_t>(a))) \
  R(X, I64TruncSatF32S,   UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, (num::trunc_sat<int64_t>(a))) \
  R(X, I64TruncSatF32U,   UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, (num::trunc_sat<uint64_t>(a))) \
  R(X, I64TruncSatF64S,   UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, (num::trunc_sat<int64_t>(a))) \
  R(X, I64TruncSatF64U,   UNARY, U, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, (num::trunc_sat<uint64_t>(a))) \
  R(X, RefIsNull,         UNARY, REF, NO_SWAP, NO_NEGATION, NO_TRAP,          NOT_CONSTANT, a == 0) \
  R(X, I32Load,    LOAD,  U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I64Load,    LOAD,  U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, F32Load,    LOAD,  U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, F64Load,    LOAD,  U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I32Load8S,  LOAD,  S, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I32Load8U,  LOAD,  U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I32Load16S, LOAD,  S, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I32Load16U, LOAD,  U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I64Load8S,  LOAD,  S, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I64Load8U,  LOAD,  U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I64Load16S, LOAD,  S, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I64Load16U, LOAD,  U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I64Load32S, LOAD,  S, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I64Load32U, LOAD,  U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I32Store,   STORE, U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I64Store,   STORE, U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, F32Store,   STORE, U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, F64Store,   STORE, U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I32Store8,  STORE, U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I32Store16, STORE, U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I64Store8,  STORE, U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I64Store16, STORE, U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )                  \
  R(X, I64Store32, STORE, U, NO_SWAP, NO_NEGATION, TRAPS_BOUNDS, NOT_CONSTANT, )
// clang-format on

namespace wasmrun::interp {

enum class ScalarForm : uint8_t { None, Binary, Compare, CompareI32, CompareI64, Unary, Load, Store };
enum class ScalarSwap : uint8_t { None, Commutes, CommutesButNaN, Mirrored };
enum class ScalarTrap : uint8_t { None, Div, Conversion, Bounds };

// One row of the table as data, for the compiler and the checks.
struct ScalarSemantics {
  ScalarForm form = ScalarForm::None;  // None: not a scalar instruction
  char read = 0;                       // 'U', 'S', 'B' or 'R' (REF)
  ScalarSwap swap = ScalarSwap::None;
  Op partner = Op::Unreachable;        // MIRRORED(partner)
  bool has_negation = false;
  Op negation = Op::Unreachable;       // NEGATED(negation)
  ScalarTrap trap = ScalarTrap::None;
  bool constant = false;
};

namespace semantics_detail {

#define WASMRUN_SEM_FORM_BINARY ScalarForm::Binary
#define WASMRUN_SEM_FORM_COMPARE ScalarForm::Compare
#define WASMRUN_SEM_FORM_COMPARE_I32 ScalarForm::CompareI32
#define WASMRUN_SEM_FORM_COMPARE_I64 ScalarForm::CompareI64
#define WASMRUN_SEM_FORM_UNARY ScalarForm::Unary
#define WASMRUN_SEM_FORM_LOAD ScalarForm::Load
#define WASMRUN_SEM_FORM_STORE ScalarForm::Store
#define WASMRUN_SEM_SWAP_NO_SWAP ScalarSwap::None, Op::Unreachable
#define WASMRUN_SEM_SWAP_COMMUTES ScalarSwap::Commutes, Op::Unreachable
#define WASMRUN_SEM_SWAP_COMMUTES_BUT_NAN ScalarSwap::CommutesButNaN, Op::Unreachable
#define WASMRUN_SEM_SWAP_MIRRORED(p) ScalarSwap::Mirrored, Op::p
#define WASMRUN_SEM_NEG_NO_NEGATION false, Op::Unreachable
#define WASMRUN_SEM_NEG_NEGATED(p) true, Op::p
#define WASMRUN_SEM_TRAP_NO_TRAP ScalarTrap::None
#define WASMRUN_SEM_TRAP_TRAPS_DIV ScalarTrap::Div
#define WASMRUN_SEM_TRAP_TRAPS_CONVERSION ScalarTrap::Conversion
#define WASMRUN_SEM_TRAP_TRAPS_BOUNDS ScalarTrap::Bounds
#define WASMRUN_SEM_CONST_CONSTANT true
#define WASMRUN_SEM_CONST_NOT_CONSTANT false
#define WASMRUN_SEM_ENTRY(X, name, form, read, swap, negation, trap, constant, ...)             \
  {Op::name,                                                                                   \
   {WASMRUN_SEM_FORM_##form, #read[0], WASMRUN_SEM_SWAP_##swap, WASMRUN_SEM_NEG_##negation, \
    WASMRUN_SEM_TRAP_##trap, WASMRUN_SEM_CONST_##constant}},

struct Entry {
  Op op;
  ScalarSemantics s;
};
inline constexpr Entry kEntries[] = {WASMRUN_SCALAR_SEMANTICS(WASMRUN_SEM_ENTRY, )};

#undef WASMRUN_SEM_ENTRY

// The table indexed by Op. A row given twice fails the build (throw is not
// a constant expression).
constexpr std::array<ScalarSemantics, kOpCount> by_op() {
  std::array<ScalarSemantics, kOpCount> t{};
  for (const Entry& e : kEntries) {
    if (t[static_cast<size_t>(e.op)].form != ScalarForm::None) throw "an op has two scalar semantics rows";
    t[static_cast<size_t>(e.op)] = e.s;
  }
  return t;
}

}  // namespace semantics_detail

inline constexpr std::array<ScalarSemantics, kOpCount> kScalarSemantics = semantics_detail::by_op();

constexpr const ScalarSemantics& scalar_semantics(Op op) { return kScalarSemantics[static_cast<size_t>(op)]; }

// The type letters of an instruction's signature (opcodes.def): its first
// operand's and its result's; 0 if it has none.
constexpr char param_letter(Op op) {
  std::string_view sig = op_info(op).sig;
  return sig.empty() || sig[0] == ':' || sig == "*" ? 0 : sig[0];
}
constexpr char result_letter(Op op) {
  std::string_view sig = op_info(op).sig;
  size_t colon = sig.find(':');
  return colon == std::string_view::npos || colon + 1 >= sig.size() ? 0 : sig[colon + 1];
}

namespace semantics_detail {

constexpr bool is_number(char t) { return t == 'i' || t == 'I' || t == 'f' || t == 'F'; }
constexpr bool is_integer(char t) { return t == 'i' || t == 'I'; }
constexpr int width(char t) { return t == 'i' || t == 'f' ? 32 : t == 'I' || t == 'F' ? 64 : 0; }

// Whether opcodes.def's row is a scalar numeric instruction or a scalar
// memory access: such a row must have a semantics row.
constexpr bool needs_row(Op op) {
  const OpInfo& info = op_info(op);
  if (info.prefix == 0xFD || info.prefix == 0xFE || info.sig == "*") return false;  // SIMD, atomics: their own tables
  if (info.imm == ImmKind::MemArg) return true;
  if (info.imm != ImmKind::None) return false;
  std::string_view sig = info.sig;
  if (sig[0] == ':') return false;  // nop
  if (sig.size() - sig.find(':') > 2) return false;  // two results: wide_semantics.h
  for (char c : sig)
    if (c != ':' && !is_number(c)) return false;
  return true;
}

// The checks of one row against its signature; throws (fails the build)
// with what is wrong.
constexpr bool check(Op op) {
  const ScalarSemantics& s = scalar_semantics(op);
  const OpInfo& info = op_info(op);
  if (s.form == ScalarForm::None) {
    if (needs_row(op)) throw "a scalar instruction of opcodes.def has no row in scalar_semantics.h";
    return true;
  }
  std::string_view sig = info.sig;
  char p = param_letter(op), r = result_letter(op);
  switch (s.form) {
    case ScalarForm::Binary:
    case ScalarForm::Compare:
    case ScalarForm::CompareI32:
    case ScalarForm::CompareI64: {
      bool compare = s.form != ScalarForm::Binary;
      if (info.imm != ImmKind::None || sig.size() != 4 || sig[1] != p || sig[2] != ':' || !is_number(p))
        throw "a binary row's signature is not \"tt:r\"";
      if (compare ? r != 'i' : r != p) throw "a binary row's result type";
      if (s.form == ScalarForm::Compare && is_integer(p)) throw "an integer comparison is COMPARE_I32/_I64";
      if (s.form == ScalarForm::CompareI32 && p != 'i') throw "COMPARE_I32 on a non-i32";
      if (s.form == ScalarForm::CompareI64 && p != 'I') throw "COMPARE_I64 on a non-i64";
      break;
    }
    case ScalarForm::Unary:
      if (s.read == 'R') {
        if (sig != "*") throw "a REF row reads a reference (a \"*\" signature)";
      } else if (info.imm != ImmKind::None || sig.size() != 3 || !is_number(p) || !is_number(r)) {
        throw "a unary row's signature is not \"t:r\"";
      }
      break;
    case ScalarForm::Load:
      if (info.imm != ImmKind::MemArg || sig.size() != 3 || !is_number(r)) throw "a load's signature";
      if (info.access_bytes * 8 > width(r)) throw "a load wider than its result";
      break;
    case ScalarForm::Store:
      if (info.imm != ImmKind::MemArg || sig.size() != 3 || !is_number(sig[1])) throw "a store's signature";
      if (info.access_bytes * 8 > width(sig[1])) throw "a store wider than its value";
      break;
    case ScalarForm::None: break;
  }
  if (s.read == 'S' && !(s.form == ScalarForm::Load ? is_integer(r) : is_integer(p)))
    throw "S reads a signed integer";
  if (s.read == 'S' && s.form == ScalarForm::Load && info.access_bytes * 8 == width(r))
    throw "a full-width load has nothing to sign-extend";
  if (s.read == 'B' && (s.form != ScalarForm::Unary || width(p) != width(r))) throw "B keeps the bits";
  if (s.read == 'R' && s.form != ScalarForm::Unary) throw "REF is a unary row";
  bool binary = s.form == ScalarForm::Binary || s.form == ScalarForm::Compare || s.form == ScalarForm::CompareI32 ||
                s.form == ScalarForm::CompareI64;
  if (s.swap != ScalarSwap::None && !binary) throw "only binary rows swap";
  if (s.swap == ScalarSwap::Mirrored) {
    const ScalarSemantics& m = scalar_semantics(s.partner);
    if (m.swap != ScalarSwap::Mirrored || m.partner != op || op_info(s.partner).sig != sig)
      throw "MIRRORED(p): p must mirror back, with the same signature";
  }
  bool int_compare = s.form == ScalarForm::CompareI32 || s.form == ScalarForm::CompareI64;
  if (s.has_negation != int_compare) throw "integer comparisons, and only they, name their negation";
  if (s.has_negation) {
    const ScalarSemantics& n = scalar_semantics(s.negation);
    if (!n.has_negation || n.negation != op || n.form != s.form) throw "NEGATED(p): p must negate back";
  }
  if ((s.trap == ScalarTrap::Bounds) != (s.form == ScalarForm::Load || s.form == ScalarForm::Store))
    throw "loads and stores, and only they, trap out of bounds";
  if (s.constant && (s.form != ScalarForm::Binary || s.trap != ScalarTrap::None))
    throw "a constant instruction is a binary operator that cannot trap";
  return true;
}

constexpr bool check_all() {
  for (size_t i = 0; i < kOpCount; ++i) check(static_cast<Op>(i));
  return true;
}
static_assert(check_all());

}  // namespace semantics_detail

}  // namespace wasmrun::interp
