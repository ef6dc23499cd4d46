// Picks the SIMD rows out of loader/opcodes.def at preprocessing time.
//
// Pasting a row's prefix token onto WASMRUN_IF_SIMD_ gives one of the
// macros below, which keep their arguments only for 0xFD rows:
//
//   #define WASM_OP(name, text, prefix, code, imm, sig, bytes)
//       WASMRUN_IF_SIMD_##prefix(name,)
//
// The interpreter uses this for the internal ops (code.h), the handler
// table (interpreter.cpp), the handlers (handlers_simd.inc) and the
// compiler's Op -> IOp map (compile_simd.cpp), so a new SIMD instruction
// is one opcodes.def row plus its function in simd_ops.h. A new prefix
// byte fails the build here until someone decides where its rows go.
#pragma once

#define WASMRUN_IF_SIMD_0x00(...)
#define WASMRUN_IF_SIMD_0xFB(...)  // GC: lowered by hand (interp/compiler/lower_gc.cpp)
#define WASMRUN_IF_SIMD_0xFC(...)
#define WASMRUN_IF_SIMD_0xFD(...) __VA_ARGS__
#define WASMRUN_IF_SIMD_0xFE(...)  // atomics: atomic_semantics.h

// Within the SIMD rows, pasting the immediate kind onto
// WASMRUN_IF_SIMD_MEMORY_ keeps the arguments only for the memory accesses
// (a memarg, with a lane or not): each has a second internal op NAME_M for
// memories other than a 32-bit memory 0 (code.h, handlers_any_memory.inc).
#define WASMRUN_IF_SIMD_MEMORY_None(...)
#define WASMRUN_IF_SIMD_MEMORY_Lane(...)
#define WASMRUN_IF_SIMD_MEMORY_V128(...)
#define WASMRUN_IF_SIMD_MEMORY_Shuffle(...)
#define WASMRUN_IF_SIMD_MEMORY_MemArg(...) __VA_ARGS__
#define WASMRUN_IF_SIMD_MEMORY_MemArgLane(...) __VA_ARGS__
