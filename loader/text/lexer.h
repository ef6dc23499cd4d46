// Lexer for the WebAssembly text format (.wat and .wast).
//
// Splits source into parentheses, keywords (which include numbers: the
// grammar decides whether a token is a number), identifiers, strings and
// reserved tokens. Comments and white space are dropped. Numbers are kept
// as text because their meaning depends on where they appear (i32 vs f32).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wasmrun::text {

enum class TokKind : uint8_t { LParen, RParen, Keyword, Id, String, Reserved, Eof };

struct Token {
  TokKind kind = TokKind::Eof;
  std::string_view text;  // the source text (for String: including quotes)
  std::string str;        // String: the decoded bytes; Id: the name without '$'
  int line = 0, col = 0;
  // The instruction a @metadata.code.branch_hint annotation before this
  // token applies to is no if or br_if: the module holding it is invalid
  // (the text's modules are read after the whole script is tokenized).
  bool bad_branch_hint = false;
};

// Tokenizes the whole source; the last token is Eof. Throws Malformed,
// located at a line and column, on unterminated strings and comments, bad
// escapes or characters outside the text format's alphabet.
std::vector<Token> tokenize(std::string_view source);

// True if `s` is well-formed UTF-8 (names must be).
bool utf8_ok(std::string_view s);

// Throws Malformed with `message`, located at the token's line and column.
[[noreturn]] void fail_at(const Token& t, const std::string& message);

}  // namespace wasmrun::text
