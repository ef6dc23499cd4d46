// The compiler's half of SIMD: which internal op a 0xFD instruction runs
// as and the immediate slots it carries (interp/exec/simd_exec.h reads them).
#pragma once

#include <cstdint>

#include "interp/code.h"
#include "loader/instr_reader.h"

namespace wasmrun::interp {

struct SimdInstr {
  IOp op = IOp::Count;
  uint8_t num_imms = 0;
  uint64_t imms[3] = {};
};

// False for instructions outside the SIMD rows of opcodes.def. The memory
// accesses among them reach memory 0 with 32-bit addresses (its fast form).
bool lower_simd(const Instr& in, SimdInstr& out);

// A SIMD load or store of any memory as its NAME_M op; `memory_word` is the
// op's first immediate, [memory|is64]. False for other instructions.
bool lower_simd_any_memory(const Instr& in, uint64_t memory_word, SimdInstr& out);

}  // namespace wasmrun::interp
