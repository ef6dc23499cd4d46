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
    for (std::string_view kw : {"type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data", "tag"})
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
    } else if (kw == "assert_exception") {
      // The action ends in a wasm exception that nothing catches.
      c.kind = Command::Kind::AssertException;
      c.action = action();
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
    } else if (kw == "assert_malformed_custom" || kw == "assert_invalid_custom") {
      c.kind = kw == "assert_malformed_custom" ? Command::Kind::AssertMalformedCustom
                                               : Command::Kind::AssertInvalidCustom;
      c.module = module();
      c.message = expect_string();
    } else if (kw == "thread") {
      c.kind = Command::Kind::Thread;
      c.thread = opt_id();
      thread_body(c);
    } else if (kw == "wait") {
      c.kind = Command::Kind::Wait;
      c.thread = opt_id();
    } else {
      fail_at(t_[p_ - 1], fmt::format("unknown command {}", kw));
    }
    expect_rparen();
    return c;
  }

  // The commands of a `(thread ...)` and its `(shared (module $m))` items.
  // A thread nested inside is kept as a Thread command without a body,
  // skipped by its parentheses, so nesting costs no host stack.
  void thread_body(Command& thread) {
    while (cur().kind == TokKind::LParen) {
      if (at_field("shared")) {
        next();
        next();
        while (at_field("module")) {
          next();
          next();
          if (cur().kind != TokKind::Id) fail_at(cur(), "unexpected token, expected a module $id");
          thread.shared_modules.push_back(next().str);
          expect_rparen();
        }
        expect_rparen();
      } else if (at_field("thread")) {
        Command nested;
        nested.kind = Command::Kind::Thread;
        nested.line = cur().line;
        nested.nested_thread = true;
        p_ = text::matching_paren(t_, p_) + 1;
        thread.body.push_back(std::move(nested));
      } else {
        thread.body.push_back(command());
      }
    }
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
    if (!m.definition && cur().kind == TokKind::Keyword && cur().text == "instance") {
      next();
      m.instance = true;
      m.name = opt_id();
      m.instance_of = opt_id();
      expect_rparen();
      return m;
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
      if (patterns && cur().kind == TokKind::RParen) {
        e.kind = Expected::Kind::AnyNull;
      } else {
        e.value.heap = heap_type();
        bool in_extern = e.value.heap == ScriptHeap::Extern || e.value.heap == ScriptHeap::NoExtern;
        bool in_exn = e.value.heap == ScriptHeap::Exn || e.value.heap == ScriptHeap::NoExn;
        bool in_any = e.value.heap == ScriptHeap::Any || e.value.heap == ScriptHeap::Eq ||
                      e.value.heap == ScriptHeap::I31 || e.value.heap == ScriptHeap::Struct ||
                      e.value.heap == ScriptHeap::Array || e.value.heap == ScriptHeap::None;
        e.value.ref_type = in_extern ? ValType::ExternRef
                           : in_exn  ? ValType::ExnRef
                           : in_any  ? ValType::AnyRef
                                     : ValType::FuncRef;
      }
    } else if (k == "ref.host") {
      e.value.kind = ValueKind::RefHost;
      const Token& n = next();
      if (n.kind != TokKind::Keyword || text::parse_uint(n.text, 64, e.value.bits) != text::NumResult::Ok)
        fail_at(n, "unexpected token, expected a number");
    } else if (auto heap = patterns ? abstract_ref_pattern(k) : std::nullopt) {
      e.kind = Expected::Kind::AnyRefOf;
      e.value.kind = ValueKind::RefNull;  // unused: the pattern is the heap type
      e.value.heap = *heap;
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

  // `func`, `extern`, ... `$t`, a type index or `(exact $t)`.
  ScriptHeap heap_type() {
    static const std::pair<std::string_view, ScriptHeap> names[] = {
        {"func", ScriptHeap::Func},   {"nofunc", ScriptHeap::NoFunc}, {"extern", ScriptHeap::Extern},
        {"noextern", ScriptHeap::NoExtern}, {"any", ScriptHeap::Any}, {"eq", ScriptHeap::Eq},
        {"i31", ScriptHeap::I31},     {"struct", ScriptHeap::Struct}, {"array", ScriptHeap::Array},
        {"none", ScriptHeap::None},   {"exn", ScriptHeap::Exn},       {"noexn", ScriptHeap::NoExn},
    };
    const Token& h = cur();
    if (h.kind == TokKind::Keyword) {
      for (const auto& [name, heap] : names) {
        if (h.text == name) {
          next();
          return heap;
        }
      }
      uint64_t index = 0;
      if (text::parse_uint(h.text, 32, index) == text::NumResult::Ok) {
        next();
        return ScriptHeap::Defined;
      }
    } else if (h.kind == TokKind::Id) {
      next();
      return ScriptHeap::Defined;
    } else if (at_field("exact")) {
      p_ = text::matching_paren(t_, p_) + 1;
      return ScriptHeap::Defined;
    }
    fail_at(h, "unexpected token, expected a heap type");
  }

  // (ref.struct) and the like: any non-null reference of an abstract type.
  static std::optional<ScriptHeap> abstract_ref_pattern(std::string_view k) {
    if (k == "ref.any") return ScriptHeap::Any;
    if (k == "ref.eq") return ScriptHeap::Eq;
    if (k == "ref.i31") return ScriptHeap::I31;
    if (k == "ref.struct") return ScriptHeap::Struct;
    if (k == "ref.array") return ScriptHeap::Array;
    if (k == "ref.exn") return ScriptHeap::Exn;
    return std::nullopt;
  }

  Value value() { return constant(false).value; }
  // A result pattern: a constant, a reference pattern, or (either ...) of them.
  Expected expected() {
    if (!at_field("either")) return constant(true);
    Expected e;
    e.kind = Expected::Kind::Either;
    next();
    next();
    while (cur().kind == TokKind::LParen) e.alternatives.push_back(constant(true));
    if (e.alternatives.empty()) fail_at(cur(), "unexpected token, expected a result");
    expect_rparen();
    return e;
  }

  std::vector<Token> t_;
  size_t p_ = 0;
  const Features& features_;
};

}  // namespace

Script parse_script(std::string_view source, const Features& features) {
  return ScriptParser(text::tokenize(source), features).run();
}

}  // namespace wasmrun::wast
