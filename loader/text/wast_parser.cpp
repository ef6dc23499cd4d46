// Parser for .wast scripts. Text modules are encoded to binary here, so
// the runner sees every module as bytes (or as quote text to compile).
#include <fmt/format.h>

#include "loader/text/lexer.h"
#include "loader/text/numbers.h"
#include "loader/text/wast.h"
#include "loader/text/wat_parser.h"
#include "wasmrun/error.h"

namespace wasmrun::wast {

namespace {

using text::fail_at;
using text::TokKind;
using text::Token;

class ScriptParser {
 public:
  ScriptParser(std::vector<Token> tokens, const Features& f) : t_(std::move(tokens)), features_(f) {}

  Script run() {
    Script script;
    if (at_module_field()) {
      // A script may be just the fields of one module (no wrapper).
      Command c{};
      c.kind = Command::Kind::Module;
      c.line = cur().line;
      c.module.line = c.line;
      try {
        c.module.binary = text::encode_module(t_, 0, t_.size() - 1, features_);
      } catch (const Error& e) {
        c.module.encode_error = e;
      }
      script.commands.push_back(std::move(c));
      return script;
    }
    while (cur().kind != TokKind::Eof) script.commands.push_back(command());
    return script;
  }

 private:
  const Token& cur() const { return t_[p_]; }
  const Token& peek(size_t k) const { return t_[std::min(p_ + k, t_.size() - 1)]; }
  const Token& next() {
    if (cur().kind == TokKind::Eof) fail_at(cur(), "unexpected end of script");
    return t_[p_++];
  }
  bool at_module_field() const {
    for (std::string_view kw : {"type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data"})
      if (at_field(kw)) return true;
    return false;
  }
  bool at_field(std::string_view kw) const {
    return cur().kind == TokKind::LParen && peek(1).kind == TokKind::Keyword && peek(1).text == kw;
  }
  void expect_lparen() {
    if (cur().kind != TokKind::LParen) fail_at(cur(), "unexpected token, expected (");
    next();
  }
  void expect_rparen() {
    if (cur().kind != TokKind::RParen) fail_at(cur(), "unexpected token, expected )");
    next();
  }
  std::string expect_string() {
    if (cur().kind != TokKind::String) fail_at(cur(), "unexpected token, expected a string");
    return next().str;
  }
  std::optional<std::string> opt_id() {
    if (cur().kind == TokKind::Id) return next().str;
    return std::nullopt;
  }

  Command command() {
    const Token& open = cur();
    if (open.kind != TokKind::LParen || peek(1).kind != TokKind::Keyword)
      fail_at(open, "unexpected token, expected a command");
    std::string_view kw = peek(1).text;
    Command c{};
    c.line = open.line;
    if (kw == "module") {
      c.kind = Command::Kind::Module;
      c.module = module();
      return c;
    }
    if (kw == "invoke" || kw == "get") {
      c.kind = Command::Kind::Action;
      c.action = action();
      return c;
    }
    next();
    next();
    if (kw == "register") {
      c.kind = Command::Kind::Register;
      c.register_as = expect_string();
      c.register_module = opt_id();
    } else if (kw == "assert_return") {
      c.kind = Command::Kind::AssertReturn;
      c.action = action();
      while (cur().kind == TokKind::LParen) c.expected.push_back(expected());
    } else if (kw == "assert_trap") {
      c.kind = Command::Kind::AssertTrap;
      if (at_field("module")) {
        c.has_module = true;
        c.module = module();
      } else {
        c.action = action();
      }
      c.message = expect_string();
    } else if (kw == "assert_exhaustion") {
      c.kind = Command::Kind::AssertExhaustion;
      c.action = action();
      c.message = expect_string();
    } else if (kw == "assert_malformed" || kw == "assert_invalid" || kw == "assert_unlinkable" ||
               kw == "assert_uninstantiable") {
      c.kind = kw == "assert_malformed"    ? Command::Kind::AssertMalformed
               : kw == "assert_invalid"    ? Command::Kind::AssertInvalid
               : kw == "assert_unlinkable" ? Command::Kind::AssertUnlinkable
                                           : Command::Kind::AssertUninstantiable;
      c.module = module();
      c.message = expect_string();
    } else {
      fail_at(t_[p_ - 1], fmt::format("unknown command {}", kw));
    }
    expect_rparen();
    return c;
  }

  ScriptModule module() {
    ScriptModule m;
    m.line = cur().line;
    size_t open = p_;
    size_t close = text::matching_paren(t_, open);
    next();
    next();  // module
    if (cur().kind == TokKind::Keyword && cur().text == "definition") {
      next();
      m.definition = true;
    }
    m.name = opt_id();
    if (cur().kind == TokKind::Keyword && cur().text == "binary") {
      next();
      m.form = ScriptModule::Form::Binary;
      while (cur().kind == TokKind::String) {
        const std::string& s = next().str;
        m.binary.insert(m.binary.end(), s.begin(), s.end());
      }
    } else if (cur().kind == TokKind::Keyword && cur().text == "quote") {
      next();
      m.form = ScriptModule::Form::Quote;
      while (cur().kind == TokKind::String) {
        if (!m.quote.empty()) m.quote += ' ';
        m.quote += next().str;
      }
    } else {
      m.form = ScriptModule::Form::Text;
      try {
        m.binary = text::encode_module(t_, p_, close, features_);
      } catch (const Error& e) {
        m.encode_error = e;
      }
      p_ = close;
    }
    expect_rparen();
    return m;
  }

  Action action() {
    Action a;
    expect_lparen();
    const Token& kw = next();
    if (kw.kind == TokKind::Keyword && kw.text == "invoke") {
      a.kind = Action::Kind::Invoke;
    } else if (kw.kind == TokKind::Keyword && kw.text == "get") {
      a.kind = Action::Kind::Get;
    } else {
      fail_at(kw, "unexpected token, expected invoke or get");
    }
    a.module = opt_id();
    a.field = expect_string();
    while (cur().kind == TokKind::LParen) a.args.push_back(value());
    expect_rparen();
    return a;
  }

  // Parses a numeric literal of the kind, or throws.
  uint64_t number(ValueKind kind) {
    const Token& t = next();
    text::NumResult r = text::NumResult::NotNumber;
    uint64_t bits = 0;
    if (t.kind == TokKind::Keyword) {
      switch (kind) {
        case ValueKind::I32: r = text::parse_int(t.text, 32, bits); break;
        case ValueKind::I64: r = text::parse_int(t.text, 64, bits); break;
        case ValueKind::F32: {
          uint32_t b = 0;
          r = text::parse_f32(t.text, b);
          bits = b;
          break;
        }
        case ValueKind::F64: r = text::parse_f64(t.text, bits); break;
        default: break;
      }
    }
    if (r == text::NumResult::NotNumber) fail_at(t, "unexpected token, expected a number");
    if (r == text::NumResult::OutOfRange) fail_at(t, "constant out of range");
    return bits;
  }

  static std::optional<NanPattern> nan_pattern(const Token& t) {
    if (t.kind != TokKind::Keyword) return std::nullopt;
    if (t.text == "nan:canonical") return NanPattern::Canonical;
    if (t.text == "nan:arithmetic") return NanPattern::Arithmetic;
    return std::nullopt;
  }

  // v128.const shape lanes; with `patterns`, lanes may be nan:canonical etc.
  void v128(Expected& e, bool patterns) {
    const Token& shape = next();
    struct S { std::string_view name; LaneShape shape; int lanes; ValueKind kind; int width; };
    static const S shapes[] = {
        {"i8x16", LaneShape::I8x16, 16, ValueKind::I32, 8},  {"i16x8", LaneShape::I16x8, 8, ValueKind::I32, 16},
        {"i32x4", LaneShape::I32x4, 4, ValueKind::I32, 32},  {"i64x2", LaneShape::I64x2, 2, ValueKind::I64, 64},
        {"f32x4", LaneShape::F32x4, 4, ValueKind::F32, 32},  {"f64x2", LaneShape::F64x2, 2, ValueKind::F64, 64},
    };
    const S* s = nullptr;
    for (const S& c : shapes) {
      if (shape.kind == TokKind::Keyword && shape.text == c.name) s = &c;
    }
    if (!s) fail_at(shape, "unexpected token, expected a v128 lane shape");
    e.shape = s->shape;
    e.value.kind = ValueKind::V128;
    bool any_nan = false;
    for (int i = 0; i < s->lanes; ++i) {
      uint64_t bits = 0;
      NanPattern nan = NanPattern::None;
      if (auto pat = patterns ? nan_pattern(cur()) : std::nullopt) {
        next();
        nan = *pat;
        any_nan = true;
      } else if (s->width < 32) {
        const Token& t = next();
        if (t.kind != TokKind::Keyword || text::parse_int(t.text, s->width, bits) != text::NumResult::Ok)
          fail_at(t, "malformed lane literal");
      } else {
        bits = number(s->kind);
      }
      e.lane_bits.push_back(bits);
      e.lane_nan.push_back(nan);
      for (int b = 0; b < s->width / 8; ++b) e.value.v128[i * (s->width / 8) + b] = static_cast<uint8_t>(bits >> (8 * b));
    }
    if (any_nan) e.kind = Expected::Kind::V128Lanes;
  }

  Expected constant(bool patterns) {
    Expected e;
    expect_lparen();
    const Token& kw = next();
    if (kw.kind != TokKind::Keyword) fail_at(kw, "unexpected token, expected a constant");
    std::string_view k = kw.text;
    auto scalar = [&](ValueKind kind) {
      e.value.kind = kind;
      if (patterns && (kind == ValueKind::F32 || kind == ValueKind::F64)) {
        if (auto pat = nan_pattern(cur())) {
          next();
          e.kind = Expected::Kind::Nan;
          e.nan = *pat;
          return;
        }
      }
      e.value.bits = number(kind);
    };
    if (k == "i32.const") scalar(ValueKind::I32);
    else if (k == "i64.const") scalar(ValueKind::I64);
    else if (k == "f32.const") scalar(ValueKind::F32);
    else if (k == "f64.const") scalar(ValueKind::F64);
    else if (k == "v128.const") v128(e, patterns);
    else if (k == "ref.null") {
      e.value.kind = ValueKind::RefNull;
      // A result pattern may leave the heap type out: any null will do.
      if (!(patterns && cur().kind == TokKind::RParen)) {
        const Token& h = next();
        if (h.text == "func") e.value.ref_type = ValType::FuncRef;
        else if (h.text == "extern") e.value.ref_type = ValType::ExternRef;
        else if (!features_.function_references || h.kind == TokKind::LParen || h.kind == TokKind::RParen)
          fail_at(h, "unexpected token, expected a heap type");
        else if (h.text == "nofunc") e.value.ref_type = ValType::NullFuncRef;
        else if (h.text == "noextern") e.value.ref_type = ValType::NullExternRef;
        else if (h.text == "exn") e.value.ref_type = ValType::ExnRef;
        else if (h.text == "noexn") e.value.ref_type = ValType::NullExnRef;
        else if (h.text == "any") e.value.ref_type = ValType::AnyRef;
        else if (h.text == "none") e.value.ref_type = ValType::NullRef;
        else e.value.ref_type = ValType::NullFuncRef;  // a type index: a null function of that type
      }
    } else if (k == "ref.extern") {
      e.value.kind = ValueKind::RefExtern;
      if (cur().kind == TokKind::RParen && patterns) {
        e.kind = Expected::Kind::AnyRefExtern;
      } else {
        const Token& n = next();
        if (n.kind != TokKind::Keyword || text::parse_uint(n.text, 64, e.value.bits) != text::NumResult::Ok)
          fail_at(n, "unexpected token, expected a number");
      }
    } else if (k == "ref.func" && patterns) {
      e.value.kind = ValueKind::RefFunc;
      e.kind = Expected::Kind::AnyRefFunc;
      if (cur().kind != TokKind::RParen) next();  // a function index: any non-null funcref will do
    } else {
      fail_at(kw, fmt::format("unknown constant {}", k));
    }
    expect_rparen();
    return e;
  }

  Value value() { return constant(false).value; }
  Expected expected() { return constant(true); }

  std::vector<Token> t_;
  size_t p_ = 0;
  const Features& features_;
};

}  // namespace

Script parse_script(std::string_view source, const Features& features) {
  return ScriptParser(text::tokenize(source), features).run();
}

}  // namespace wasmrun::wast
