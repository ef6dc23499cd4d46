// The module parser: text-format module fields to binary-format bytes.
#pragma once

#include <cstddef>
#include <vector>

#include "loader/text/binary_writer.h"
#include "loader/text/lexer.h"
#include "wasmrun/features.h"

namespace wasmrun::text {

// Encodes the module fields in tokens [begin, end): `end` is the index of
// the module's closing ')' (or of Eof for a bare .wat file). The tokens in
// the range must be balanced; the parser checks.
Bytes encode_module(const std::vector<Token>& tokens, size_t begin, size_t end,
                    const Features& features);

// Index of the ')' matching the '(' at tokens[open]; throws if unbalanced.
size_t matching_paren(const std::vector<Token>& tokens, size_t open);

}  // namespace wasmrun::text
