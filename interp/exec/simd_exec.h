// Executes one SIMD instruction on the interpreter's registers.
//
// Every 0xFD row of loader/opcodes.def belongs to a handler family decided
// at compile time by its immediate kind and sig string (simd_form below):
// "vv:v" with no immediate pops two v128s and pushes one, "a:v" with a
// memarg is a bounds-checked load, and so on. simd_step<Form, Bytes, Fn>
// is that family's body, with the row's function from simd_ops.h (whose
// signature the same sig string fixes; tests/test_simd_ops.cpp checks it)
// as a template argument, so each generated handler (handlers_simd.inc)
// compiles to the operand moves plus the inlined operator: no decoding,
// no indirect call.
//
// Stack layout (code.h): a v128 is two 64-bit slots, low half first;
// i32/f32 live in the low 32 bits of a slot with the upper bits zero.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "interp/code.h"
#include "interp/exec/memory_access.h"
#include "interp/semantics/simd_ops.h"
#include "interp/exec/simd_shuffle_x86.h"
#include "loader/opcode.h"
#include "memory/linear_memory.h"

namespace wasmrun::interp::simd_exec {

using simd::V;

enum class Shape : uint8_t {
  Invalid,
  Unary,      // None "v:v"
  Binary,     // None "vv:v"
  Ternary,    // None "vvv:v" (bitselect)
  Test,       // None "v:i" (any_true, all_true, bitmask)
  Shift,      // None "vi:v"
  Splat,      // None "x:v", x a scalar letter
  Extract,    // Lane "v:x"
  Replace,    // Lane "vx:v"
  Const,      // V128 ":v" (the 16 bytes are two immediate slots)
  Shuffle,    // Shuffle "vv:v" (the 16 lane bytes are two immediate slots)
  Load,       // MemArg "a:v"
  Store,      // MemArg "av:"
  LoadLane,   // MemArgLane "av:v"
  StoreLane,  // MemArgLane "av:"
};

// A family plus the scalar operand/result letter of splat and lane ops.
struct Form {
  Shape shape = Shape::Invalid;
  char scalar = 0;
};

constexpr bool is_scalar(char c) { return c == 'i' || c == 'I' || c == 'f' || c == 'F'; }

constexpr Form simd_form(ImmKind imm, std::string_view sig) {
  switch (imm) {
    case ImmKind::None:
      if (sig == "v:v") return {Shape::Unary};
      if (sig == "vv:v") return {Shape::Binary};
      if (sig == "vvv:v") return {Shape::Ternary};
      if (sig == "v:i") return {Shape::Test};
      if (sig == "vi:v") return {Shape::Shift};
      if (sig.size() == 3 && is_scalar(sig[0]) && sig.substr(1) == ":v") return {Shape::Splat, sig[0]};
      break;
    case ImmKind::Lane:
      if (sig.size() == 3 && sig.substr(0, 2) == "v:" && is_scalar(sig[2])) return {Shape::Extract, sig[2]};
      if (sig.size() == 4 && sig[0] == 'v' && is_scalar(sig[1]) && sig.substr(2) == ":v")
        return {Shape::Replace, sig[1]};
      break;
    case ImmKind::V128:
      if (sig == ":v") return {Shape::Const};
      break;
    case ImmKind::Shuffle:
      if (sig == "vv:v") return {Shape::Shuffle};
      break;
    case ImmKind::MemArg:
      if (sig == "a:v") return {Shape::Load};
      if (sig == "av:") return {Shape::Store};
      break;
    case ImmKind::MemArgLane:
      if (sig == "av:v") return {Shape::LoadLane};
      if (sig == "av:") return {Shape::StoreLane};
      break;
    default: break;
  }
  return {};
}

// Every SIMD row has a family: a row of a new shape fails the build here.
#define WASM_OP(name, text, prefix, code, imm, sig, bytes)                                \
  WASMRUN_IF_SIMD_##prefix(static_assert(simd_form(ImmKind::imm, sig).shape != Shape::Invalid, \
                                         "no SIMD handler family for " text " (" sig ")");)
#include "loader/opcodes.def"
#undef WASM_OP

// The functions the handlers run: simd_ops.h's, except where the host has
// a faster way (declared here, they hide simd::'s of the same name).
namespace fn {
using namespace ::wasmrun::simd;

#if WASMRUN_SIMD_X86_SHUFFLE
inline V I8x16Shuffle(V a, V b, const uint8_t lanes[16]) {
  if (simd_x86::kHasSsse3) [[likely]] return simd_x86::shuffle_ssse3(a, b, lanes);
  return simd::I8x16Shuffle(a, b, lanes);
}
inline V I8x16Swizzle(V a, V b) {
  if (simd_x86::kHasSsse3) [[likely]] return simd_x86::swizzle_ssse3(a, b);
  return simd::I8x16Swizzle(a, b);
}
// Relaxed swizzle gives what swizzle gives (simd_relaxed.h), so it takes
// the same fast path.
inline V I8x16RelaxedSwizzle(V a, V b) { return I8x16Swizzle(a, b); }
#endif

}  // namespace fn

// v128 <-> two slots. The slots are only 8-byte aligned: memcpy lets the
// compiler use unaligned vector moves.
[[gnu::always_inline]] inline V get_v(const uint64_t* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
[[gnu::always_inline]] inline void put_v(uint64_t* p, V v) { std::memcpy(p, &v, sizeof v); }

// Scalars of splat and lane ops in the types simd_ops.h uses.
template <char C>
[[gnu::always_inline]] inline auto get_scalar(uint64_t s) {
  if constexpr (C == 'i') return static_cast<uint32_t>(s);
  else if constexpr (C == 'I') return s;
  else if constexpr (C == 'f') return std::bit_cast<float>(static_cast<uint32_t>(s));
  else return std::bit_cast<double>(s);
}
template <char C, class T>
[[gnu::always_inline]] inline uint64_t put_scalar(T x) {
  if constexpr (C == 'i') return static_cast<uint32_t>(x);
  else if constexpr (C == 'I') return x;
  else if constexpr (C == 'f') return std::bit_cast<uint32_t>(x);
  else return std::bit_cast<uint64_t>(x);
}

// The host address of an access of Bytes bytes: the 32-bit address plus
// the offset, through the one memory access path (interp/exec/memory_access.h).
template <BoundsMode M, unsigned Bytes>
[[gnu::always_inline]] inline uint8_t* simd_at(uint8_t* mem_base, uint64_t mem_size, uint64_t addr_slot,
                                                uint64_t offset) {
  uint64_t ea = static_cast<uint64_t>(static_cast<uint32_t>(addr_slot)) + offset;
  return memory_at<M, Bytes>(mem_base, mem_size, ea);
}

// One instruction of family F: reads its operands at sp, its immediates at
// pc, and leaves sp/pc past them. Bytes is the row's access width.
template <BoundsMode M, Form F, unsigned Bytes, auto Fn>
[[gnu::always_inline]] inline void step(uint64_t*& sp, const Slot*& pc, uint8_t* mem_base, uint64_t mem_size) {
  (void)mem_base;  // only the memory families use these
  (void)mem_size;
  if constexpr (F.shape == Shape::Unary) {
    put_v(sp - 2, Fn(get_v(sp - 2)));
  } else if constexpr (F.shape == Shape::Binary) {
    put_v(sp - 4, Fn(get_v(sp - 4), get_v(sp - 2)));
    sp -= 2;
  } else if constexpr (F.shape == Shape::Ternary) {
    put_v(sp - 6, Fn(get_v(sp - 6), get_v(sp - 4), get_v(sp - 2)));
    sp -= 4;
  } else if constexpr (F.shape == Shape::Test) {
    sp[-2] = static_cast<uint32_t>(Fn(get_v(sp - 2)));
    sp -= 1;
  } else if constexpr (F.shape == Shape::Shift) {
    put_v(sp - 3, Fn(get_v(sp - 3), static_cast<uint32_t>(sp[-1])));
    sp -= 1;
  } else if constexpr (F.shape == Shape::Splat) {
    put_v(sp - 1, Fn(get_scalar<F.scalar>(sp[-1])));
    sp += 1;
  } else if constexpr (F.shape == Shape::Extract) {
    sp[-2] = put_scalar<F.scalar>(Fn(get_v(sp - 2), static_cast<unsigned>(pc->u64)));
    sp -= 1;
    pc += 1;
  } else if constexpr (F.shape == Shape::Replace) {
    put_v(sp - 3, Fn(get_v(sp - 3), get_scalar<F.scalar>(sp[-1]), static_cast<unsigned>(pc->u64)));
    sp -= 1;
    pc += 1;
  } else if constexpr (F.shape == Shape::Const) {
    sp[0] = pc[0].u64;
    sp[1] = pc[1].u64;
    sp += 2;
    pc += 2;
  } else if constexpr (F.shape == Shape::Shuffle) {
    // The immediate slots hold the 16 lane bytes in order.
    put_v(sp - 4, Fn(get_v(sp - 4), get_v(sp - 2), reinterpret_cast<const uint8_t*>(pc)));
    sp -= 2;
    pc += 2;
  } else if constexpr (F.shape == Shape::Load) {
    put_v(sp - 1, Fn(simd_at<M, Bytes>(mem_base, mem_size, sp[-1], pc->u64)));
    sp += 1;
    pc += 1;
  } else if constexpr (F.shape == Shape::Store) {
    Fn(simd_at<M, Bytes>(mem_base, mem_size, sp[-3], pc->u64), get_v(sp - 2));
    sp -= 3;
    pc += 1;
  } else if constexpr (F.shape == Shape::LoadLane) {
    uint8_t* at = simd_at<M, Bytes>(mem_base, mem_size, sp[-3], pc[0].u64);
    put_v(sp - 3, Fn(at, get_v(sp - 2), static_cast<unsigned>(pc[1].u64)));
    sp -= 1;
    pc += 2;
  } else if constexpr (F.shape == Shape::StoreLane) {
    Fn(simd_at<M, Bytes>(mem_base, mem_size, sp[-3], pc[0].u64), get_v(sp - 2), static_cast<unsigned>(pc[1].u64));
    sp -= 3;
    pc += 2;
  } else {
    static_assert(F.shape == Shape::Unary, "unknown SIMD handler family");
  }
}

// A load or store of family F on any memory (a NAME_M op, code.h): the
// same operands and functions as step's, the memory `m` and its address
// type from the first immediate word, the offset in the second, the lane
// in the third; the bounds are checked explicitly (any_memory_at).
template <Form F, unsigned Bytes, auto Fn>
[[gnu::always_inline]] inline void any_memory_step(uint64_t*& sp, const Slot*& pc, LinearMemory& m, bool is64) {
  const uint64_t offset = pc[1].u64;
  auto at = [&](uint64_t addr_slot) {
    return any_memory_at<Bytes>(m, is64 ? addr_slot : static_cast<uint32_t>(addr_slot), offset);
  };
  if constexpr (F.shape == Shape::Load) {
    put_v(sp - 1, Fn(at(sp[-1])));
    sp += 1;
    pc += 2;
  } else if constexpr (F.shape == Shape::Store) {
    Fn(at(sp[-3]), get_v(sp - 2));
    sp -= 3;
    pc += 2;
  } else if constexpr (F.shape == Shape::LoadLane) {
    uint8_t* p = at(sp[-3]);
    put_v(sp - 3, Fn(p, get_v(sp - 2), static_cast<unsigned>(pc[2].u64)));
    sp -= 1;
    pc += 3;
  } else if constexpr (F.shape == Shape::StoreLane) {
    Fn(at(sp[-3]), get_v(sp - 2), static_cast<unsigned>(pc[2].u64));
    sp -= 3;
    pc += 3;
  } else {
    static_assert(F.shape == Shape::Load, "not a SIMD memory access");
  }
}

}  // namespace wasmrun::interp::simd_exec
