// Numeric literals of the text format: integers (decimal and hex, signed,
// with '_' separators) and floats (decimal, hex, inf, nan, nan:0x...).
#pragma once

#include <cstdint>
#include <string_view>

namespace wasmrun::text {

enum class NumResult { Ok, NotNumber, OutOfRange };

// An unsigned literal (no sign) that fits in `bits` bits: indices, offsets.
NumResult parse_uint(std::string_view text, int bits, uint64_t& out);
// An iN literal: a signed or unsigned value in [-2^(N-1), 2^N - 1], returned
// as its N-bit two's complement pattern (zero-extended).
NumResult parse_int(std::string_view text, int bits, uint64_t& out);
// fN literals, returned as raw IEEE bits, correctly rounded.
NumResult parse_f32(std::string_view text, uint32_t& out);
NumResult parse_f64(std::string_view text, uint64_t& out);

}  // namespace wasmrun::text
