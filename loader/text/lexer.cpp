#include "loader/text/lexer.h"

#include <algorithm>

#include "wasmrun/error.h"

namespace wasmrun::text {

namespace {

[[noreturn]] void fail_at_position(int line, int col, const std::string& message) {
  ErrorLocation where;
  where.line = static_cast<uint32_t>(line);
  where.column = static_cast<uint32_t>(col);
  throw Error(ErrorKind::Malformed, message, where);
}

// The offset of the first byte that is not well-formed UTF-8, or npos.
size_t utf8_error_at(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n;
    uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
    else return i;
    if (i + n >= s.size()) return i;
    for (size_t k = 1; k <= n; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp < 0xE000))
      return i;
    i += n + 1;
  }
  return std::string_view::npos;
}

}  // namespace

void fail_at(const Token& t, const std::string& message) { fail_at_position(t.line, t.col, message); }

namespace {

bool is_idchar(unsigned char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '/': case ':': case '<': case '=': case '>': case '?':
    case '@': case '\\': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

// Well-formed UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
bool utf8_ok(std::string_view s) { return utf8_error_at(s) == std::string_view::npos; }

namespace {

class Lexer {
 public:
  explicit Lexer(std::string_view src) : src_(src) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    for (;;) {
      skip_space();
      if (at_annotation()) {
        annotation(out);
        continue;
      }
      Token t = lex_one();
      if (t.kind == TokKind::Eof) {
        out.push_back(std::move(t));
        return out;
      }
      note_token(out, t);
      out.push_back(std::move(t));
    }
  }

 private:
  // One token at pos_ (after white space); Eof at the end.
  Token lex_one() {
    {
      Token t;
      t.line = line_;
      t.col = col();
      if (pos_ >= src_.size()) {
        t.kind = TokKind::Eof;
        return t;
      }
      size_t start = pos_;
      char c = src_[pos_];
      if (c == '(') {
        t.kind = TokKind::LParen;
        advance();
      } else if (c == ')') {
        t.kind = TokKind::RParen;
        advance();
      } else if (c == '"') {
        t.kind = TokKind::String;
        t.str = read_string(t);
        // A string glued to an idchar run is one reserved token.
        if (pos_ < src_.size() && (is_idchar(src_[pos_]) || src_[pos_] == '"')) {
          t.kind = TokKind::Reserved;
          read_run();
        }
      } else if (c == '$' && pos_ + 1 < src_.size() && src_[pos_ + 1] == '"') {
        // $"name": an identifier spelled as a string (text format 3.0),
        // the same identifier as $name when the characters are idchars.
        advance();
        t.kind = TokKind::Id;
        t.str = read_string(t);
        if (t.str.empty()) fail_at(t, "empty identifier");
        if (!utf8_ok(t.str)) fail_at(t, "malformed UTF-8 encoding");
        if (pos_ < src_.size() && (is_idchar(static_cast<unsigned char>(src_[pos_])) || src_[pos_] == '"')) {
          t.kind = TokKind::Reserved;
          read_run();
        }
      } else if (is_idchar(static_cast<unsigned char>(c))) {
        read_run();
        std::string_view word = src_.substr(start, pos_ - start);
        if (word.find('"') != std::string_view::npos) {
          t.kind = TokKind::Reserved;
        } else if (word[0] == '$' && word.size() > 1) {
          t.kind = TokKind::Id;
          t.str = std::string(word.substr(1));
        } else if (word[0] == '$') {
          t.kind = TokKind::Reserved;
        } else {
          t.kind = TokKind::Keyword;  // keywords and numbers: the grammar decides
        }
      } else if (is_reserved_only(c)) {
        t.kind = TokKind::Reserved;  // `,` `;` `[` `]` `{` `}`: reserved tokens (text format 3.0)
        read_run();
      } else {
        fail_at(t, "unexpected character");
      }
      t.text = src_.substr(start, pos_ - start);
      return t;
    }
  }

  // Characters that may appear in reserved tokens but not in keywords or ids.
  static bool is_reserved_only(char c) {
    return c == ',' || c == ';' || c == '[' || c == ']' || c == '{' || c == '}';
  }

  // --- annotations: `(@id token*)`, white space to the grammar ---
  //
  // The parenthesized tokens are read here with a counter, not by
  // recursion. The annotations of custom sections (@custom, @name,
  // @metadata.code.branch_hint) are checked where they stand: placement
  // needs only the open parentheses around them, kept in `opens_`.

  bool at_annotation() const {
    return pos_ + 1 < src_.size() && src_[pos_] == '(' && src_[pos_ + 1] == '@';
  }

  // Keeps the stack of open parentheses and whether each opens a function.
  void note_token(const std::vector<Token>& out, Token& t) {
    // A hint applies to the instruction after it (a folded one's name
    // follows its parenthesis), which must be an if or br_if: a validation
    // rule of the hint section, which the binary loader does not read. The
    // token is marked; the module parser reports it (Token::bad_branch_hint).
    if (hint_pending_ && t.kind != TokKind::LParen) {
      hint_pending_ = false;
      t.bad_branch_hint = t.kind != TokKind::Keyword || (t.text != "if" && t.text != "br_if");
    }
    if (t.kind == TokKind::LParen) {
      opens_.push_back({out.size(), false});
    } else if (t.kind == TokKind::RParen) {
      if (!opens_.empty()) {
        if (opens_.back().func) --func_depth_;
        if (module_name_open_ == opens_.back().index) module_name_open_ = kNone;
        opens_.pop_back();
      }
    } else if (!opens_.empty() && opens_.back().index + 1 == out.size() && t.kind == TokKind::Keyword &&
               t.text == "func") {
      opens_.back().func = true;
      ++func_depth_;
    }
  }

  void annotation(const std::vector<Token>& out) {
    Token open;
    open.line = line_;
    open.col = col();
    advance();  // (
    advance();  // @
    // The id: idchars or a string, right after the @.
    std::string id;
    if (pos_ < src_.size() && src_[pos_] == '"') {
      id = read_string(open);
      if (!utf8_ok(id)) fail_at(open, "malformed UTF-8 encoding");
    } else {
      size_t begin = pos_;
      while (pos_ < src_.size() && is_idchar(static_cast<unsigned char>(src_[pos_]))) advance();
      id = std::string(src_.substr(begin, pos_ - begin));
    }
    if (id.empty()) fail_at(open, "empty annotation id");
    std::vector<Token> body;
    for (int depth = 1;;) {
      skip_space();
      Token t = lex_one();
      if (t.kind == TokKind::Eof) fail_at(open, "unclosed annotation");
      if (t.kind == TokKind::LParen) ++depth;
      if (t.kind == TokKind::RParen && --depth == 0) break;
      body.push_back(std::move(t));
    }
    if (id == "custom") check_custom(open, out, body);
    else if (id == "name") check_name(open, out);
    else if (id == "metadata.code.branch_hint") check_branch_hint(open);
  }

  // The keyword after the innermost open parenthesis, if any.
  std::string_view innermost_keyword(const std::vector<Token>& out) const {
    if (opens_.empty() || opens_.back().index + 1 >= out.size()) return {};
    const Token& k = out[opens_.back().index + 1];
    return k.kind == TokKind::Keyword ? k.text : std::string_view{};
  }

  // (@custom "name" (before|after SECTION)? "bytes"*), among the module's fields.
  void check_custom(const Token& at, const std::vector<Token>& out, const std::vector<Token>& body) {
    if (!opens_.empty() && innermost_keyword(out) != "module") fail_at(at, "misplaced @custom annotation");
    if (body.empty() || body[0].kind != TokKind::String) fail_at(at, "@custom annotation: missing section name");
    if (!utf8_ok(body[0].str)) fail_at(body[0], "@custom annotation: malformed UTF-8 encoding");
    size_t i = 1;
    if (i < body.size() && body[i].kind == TokKind::LParen) {
      ++i;
      if (i >= body.size() || body[i].kind != TokKind::Keyword || (body[i].text != "before" && body[i].text != "after"))
        fail_at(at, "@custom annotation: malformed placement");
      ++i;
      static constexpr std::string_view kinds[] = {"type",  "import", "func", "table", "memory",    "global", "export",
                                                   "start", "elem",   "code", "data",  "datacount", "tag"};
      bool kind_ok = i < body.size() && body[i].kind == TokKind::Keyword &&
                     std::find(std::begin(kinds), std::end(kinds), body[i].text) != std::end(kinds);
      if (!kind_ok) fail_at(at, "@custom annotation: malformed section kind");
      ++i;
      if (i >= body.size() || body[i].kind != TokKind::RParen) fail_at(at, "@custom annotation: malformed placement");
      ++i;
    }
    for (; i < body.size(); ++i)
      if (body[i].kind != TokKind::String) fail_at(body[i], "@custom annotation: unexpected token");
  }

  // (@name "text") right after `(module`, `(func`, ... or their $id; one per module.
  void check_name(const Token& at, const std::vector<Token>& out) {
    if (opens_.empty()) fail_at(at, "misplaced @name annotation");
    size_t after = out.size() - opens_.back().index - 1;  // tokens since the innermost (
    std::string_view kw = innermost_keyword(out);
    bool id_last = out.back().kind == TokKind::Id;
    if (kw.empty() || kw == "start" || !(after == 1 || (after == 2 && id_last)))
      fail_at(at, "misplaced @name annotation");
    if (kw == "module") {
      if (module_name_open_ == opens_.back().index) fail_at(at, "@name annotation: multiple module");
      module_name_open_ = opens_.back().index;
    }
  }

  // (@metadata.code.branch_hint "\00"|"\01") in a function, one per instruction.
  void check_branch_hint(const Token& at) {
    if (func_depth_ == 0) fail_at(at, "@metadata.code.branch_hint annotation: not in a function");
    if (hint_pending_) fail_at(at, "@metadata.code.branch_hint annotation: duplicate annotation");
    hint_pending_ = true;
  }

  int col() const { return static_cast<int>(pos_ - line_start_) + 1; }

  void advance() {
    if (src_[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }

  // Idchars and glued strings: a single (reserved, if strange) token.
  void read_run() {
    while (pos_ < src_.size()) {
      char c = src_[pos_];
      if (is_idchar(static_cast<unsigned char>(c)) ||
          (is_reserved_only(c) && !(c == ';' && pos_ + 1 < src_.size() && src_[pos_ + 1] == ';'))) {
        advance();
      } else if (c == '"') {
        Token dummy;
        read_string(dummy);
      } else {
        break;
      }
    }
  }

  void skip_space() {
    while (pos_ < src_.size()) {
      char c = src_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        advance();
      } else if (c == ';' && pos_ + 1 < src_.size() && src_[pos_ + 1] == ';') {
        // A line comment ends at any newline: LF, CR or CR LF (text format 3.0).
        while (pos_ < src_.size() && src_[pos_] != '\n' && src_[pos_] != '\r') advance();
      } else if (c == '(' && pos_ + 1 < src_.size() && src_[pos_ + 1] == ';') {
        block_comment();
      } else {
        return;
      }
    }
  }

  void block_comment() {
    Token at;
    at.line = line_;
    at.col = col();
    int depth = 0;
    while (pos_ < src_.size()) {
      if (src_.compare(pos_, 2, "(;") == 0) {
        ++depth;
        advance();
        advance();
      } else if (src_.compare(pos_, 2, ";)") == 0) {
        advance();
        advance();
        if (--depth == 0) return;
      } else {
        advance();
      }
    }
    fail_at(at, "unclosed comment");
  }

  std::string read_string(const Token& at) {
    std::string out;
    advance();  // opening quote
    for (;;) {
      if (pos_ >= src_.size()) fail_at(at, "unclosed string");
      unsigned char c = static_cast<unsigned char>(src_[pos_]);
      if (c == '"') {
        advance();
        break;
      }
      if (c == '\n' || c < 0x20 || c == 0x7F) fail_at(at, "illegal character in string");
      if (c != '\\') {
        out += static_cast<char>(c);
        advance();
        continue;
      }
      advance();
      if (pos_ >= src_.size()) fail_at(at, "unclosed string");
      char e = src_[pos_];
      switch (e) {
        case 't': out += '\t'; advance(); break;
        case 'n': out += '\n'; advance(); break;
        case 'r': out += '\r'; advance(); break;
        case '"': out += '"'; advance(); break;
        case '\'': out += '\''; advance(); break;
        case '\\': out += '\\'; advance(); break;
        case 'u': {
          advance();
          if (pos_ >= src_.size() || src_[pos_] != '{') fail_at(at, "illegal escape");
          advance();
          uint32_t cp = 0;
          int digits = 0;
          while (pos_ < src_.size() && src_[pos_] != '}') {
            int h = hex_value(src_[pos_]);
            if (h < 0) {
              if (src_[pos_] == '_' && digits > 0) { advance(); continue; }
              fail_at(at, "illegal escape");
            }
            cp = cp * 16 + static_cast<uint32_t>(h);
            if (cp > 0x10FFFF) fail_at(at, "illegal escape");
            ++digits;
            advance();
          }
          if (pos_ >= src_.size() || digits == 0) fail_at(at, "illegal escape");
          advance();
          if (cp >= 0xD800 && cp < 0xE000) fail_at(at, "illegal escape");
          append_utf8(out, cp);
          break;
        }
        default: {
          int h1 = hex_value(e);
          int h2 = pos_ + 1 < src_.size() ? hex_value(src_[pos_ + 1]) : -1;
          if (h1 < 0 || h2 < 0) fail_at(at, "illegal escape");
          out += static_cast<char>(h1 * 16 + h2);
          advance();
          advance();
        }
      }
    }
    return out;
  }

  std::string_view src_;
  size_t pos_ = 0;
  size_t line_start_ = 0;
  int line_ = 1;

  static constexpr size_t kNone = ~size_t{0};
  struct Open {
    size_t index;  // of the ( token in the output
    bool func;     // opens a (func ...)
  };
  std::vector<Open> opens_;
  int func_depth_ = 0;
  size_t module_name_open_ = kNone;  // the (module whose @name was seen
  bool hint_pending_ = false;        // a branch hint waits for its instruction
};

}  // namespace

std::vector<Token> tokenize(std::string_view source) {
  // The source must be UTF-8; non-ASCII characters may only appear in
  // strings and comments, which the lexer checks as it goes.
  size_t bad = utf8_error_at(source);
  if (bad != std::string_view::npos) {
    // Lines and columns as the lexer counts them: columns in bytes.
    std::string_view before = source.substr(0, bad);
    size_t line_start = before.rfind('\n');
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    fail_at_position(line, static_cast<int>(bad - line_start) + 1, "malformed UTF-8 encoding");
  }
  return Lexer(source).run();
}

}  // namespace wasmrun::text
