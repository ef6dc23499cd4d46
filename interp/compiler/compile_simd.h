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
  uint64_t imms[2] = {};
};

// False for instructions outside the SIMD rows of opcodes.def.
bool lower_simd(const Instr& in, SimdInstr& out);

}  // namespace wasmrun::interp
