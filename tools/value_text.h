// How `wasmrun --invoke` reads arguments from the command line and prints
// results: one value per line, integers in signed decimal, floats in the
// shortest decimal that reads back exactly ("nan", "-inf", "nan:0x200000"
// for a NaN with a non-canonical payload), references as "null",
// "funcref" or "externref:N", v128 as "v128:" and 16 hex bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "wasmrun/wasmrun.h"

namespace wasmrun::cli {

// Parses `text` as a value of type `type`; nullopt if it is not one.
// Integers: decimal or 0x hex, signed or unsigned, within the type's range.
// Floats: decimal or hex float, inf, nan. References: "null". v128:
// "v128:" and 32 hex digits, the 16 bytes in memory order (as printed).
std::optional<Value> parse_value(const std::string& text, ValType type);

std::string format_value(const Value& v);

// An unsigned integer, the whole of `text`: decimal (leading zeros are
// still decimal, never octal) or 0x hex; nullopt on anything else or
// overflow. Every integer the command line reads goes through this.
std::optional<uint64_t> parse_uint(std::string_view text);

}  // namespace wasmrun::cli
