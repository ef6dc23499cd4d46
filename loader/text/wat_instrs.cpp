// Types, type uses and instructions of the text format, encoded straight
// into binary. Instruction names and immediates come from opcodes.def.
#include <algorithm>
#include <cstring>

#include "loader/op_features.h"
#include "loader/text/module_parser.h"
#include "loader/text/numbers.h"
#include "loader/val_type_reader.h"
#include "wasmrun/error.h"

namespace wasmrun::text {

// --- types ---

std::optional<ValType> ModuleParser::val_type_of(const Token& t) const {
  if (t.kind != TokKind::Keyword) return std::nullopt;
  if (t.text == "i32") return ValType::I32;
  if (t.text == "i64") return ValType::I64;
  if (t.text == "f32") return ValType::F32;
  if (t.text == "f64") return ValType::F64;
  if (t.text == "v128" && features_.simd) return ValType::V128;
  // The shorthands `funcref` ... `nullexnref`: (ref null <abstract>).
  static constexpr struct { std::string_view name; uint8_t code; } kShort[] = {
      {"funcref", 0x70},   {"externref", 0x6F},     {"nullfuncref", 0x73}, {"nullexternref", 0x72},
      {"exnref", 0x69},    {"nullexnref", 0x74},    {"anyref", 0x6E},      {"eqref", 0x6D},
      {"i31ref", 0x6C},    {"structref", 0x6B},     {"arrayref", 0x6A},    {"nullref", 0x71},
  };
  for (const auto& sh : kShort) {
    AbsHeap a;
    if (t.text == sh.name && abstract_heap_of(sh.code, features_, a)) return ValType::ref_null(a);
  }
  return std::nullopt;
}

bool ModuleParser::at_ref_type_form() const { return features_.function_references && at_field("ref"); }

// heaptype ::= func | extern | ... | typeidx | (exact typeidx)
HeapType ModuleParser::heap_type() {
  if (features_.custom_descriptors && at_field("exact")) {
    next();
    next();
    if (!at_index()) fail("unexpected token, expected a type index");
    HeapType h = HeapType::index(index(types_sp_)).with_exact(true);
    expect_rparen();
    return h;
  }
  if (cur().kind == TokKind::Keyword) {
    static constexpr struct { std::string_view name; uint8_t code; } kAbs[] = {
        {"func", 0x70}, {"extern", 0x6F}, {"nofunc", 0x73}, {"noextern", 0x72}, {"exn", 0x69},    {"noexn", 0x74},
        {"any", 0x6E},  {"eq", 0x6D},     {"i31", 0x6C},    {"struct", 0x6B},   {"array", 0x6A},  {"none", 0x71},
    };
    for (const auto& h : kAbs) {
      AbsHeap a;
      if (cur().text == h.name && abstract_heap_of(h.code, features_, a)) {
        next();
        return HeapType::abs(a);
      }
    }
  }
  if (features_.function_references && at_index()) return HeapType::index(index(types_sp_));
  fail("unexpected token, expected a heap type");
}

ValType ModuleParser::val_type() {
  if (at_ref_type_form()) {
    // (ref null? heaptype)
    next();
    next();
    bool nullable = is_kw("null");
    if (nullable) next();
    HeapType h = heap_type();
    expect_rparen();
    return ValType::ref(h, nullable);
  }
  auto t = val_type_of(cur());
  if (!t && cur().kind == TokKind::Keyword && cur().text == "v128") {
    ErrorLocation where;  // v128 with SIMD off: as to a parser without SIMD, and the detail says why
    where.line = static_cast<uint32_t>(cur().line);
    where.column = static_cast<uint32_t>(cur().col);
    throw Error(ErrorKind::Malformed, "unexpected token, expected a value type", where,
                "needs feature simd, which is off (--features=+simd)");
  }
  if (!t) fail("unexpected token, expected a value type");
  next();
  return *t;
}

ValType ModuleParser::ref_type() {
  ValType t = val_type();
  if (!is_ref(t)) fail_at(t_[p_ - 1], "unexpected token, expected a reference type");
  return t;
}

// (param $x t) | (param t*), repeated.
void ModuleParser::params(std::vector<ValType>& out, std::vector<const Token*>* ids) {
  while (at_field("param")) {
    next();
    next();
    if (cur().kind == TokKind::Id) {
      if (!ids) fail("unexpected token: parameter names are not allowed here");
      const Token* id = &next();
      out.push_back(val_type());
      ids->push_back(id);
    } else {
      while (cur().kind != TokKind::RParen) {
        out.push_back(val_type());
        if (ids) ids->push_back(nullptr);
      }
    }
    expect_rparen();
  }
}

void ModuleParser::results(std::vector<ValType>& out) {
  while (at_field("result")) {
    next();
    next();
    while (cur().kind != TokKind::RParen) out.push_back(val_type());
    expect_rparen();
  }
}

// (func (param ...)* (result ...)*) in a type definition.
FuncType ModuleParser::func_type_def() {
  FuncType ft;
  expect_lparen();
  expect_kw("func");
  std::vector<const Token*> ignored;
  params(ft.params, &ignored);
  results(ft.results);
  expect_rparen();
  return ft;
}

uint32_t ModuleParser::find_or_add_type(const FuncType& type) {
  // The first function type equal to `type` that is final, without a
  // supertype and alone in its recursion group (3.0's abbreviation).
  for (size_t i = 0; i < types_.size(); ++i) {
    if (is_plain_func(static_cast<uint32_t>(i)) && types_[i].func == type) return static_cast<uint32_t>(i);
  }
  TextType t;
  t.def.rec_begin = static_cast<uint32_t>(types_.size());
  t.func = type;
  types_.push_back(std::move(t));
  return static_cast<uint32_t>(types_.size() - 1);
}

// typeuse ::= (type x)? (param ...)* (result ...)*. Without (type x) the
// type is looked up by structure, appended to the types if new (the
// spec's abbreviation). With both, the inline part must match the type.
TypeUse ModuleParser::type_use(bool allow_names) {
  TypeUse use;
  std::optional<uint32_t> explicit_index;
  const Token* at = &cur();
  if (at_field("type")) {
    next();
    next();
    explicit_index = index(types_sp_);
    expect_rparen();
  }
  bool inline_given = at_field("param") || at_field("result");
  std::vector<const Token*> ids;
  params(use.type.params, allow_names ? &ids : nullptr);
  results(use.type.results);
  if (explicit_index) {
    use.index = *explicit_index;
    bool known = use.index < types_.size();
    if (inline_given) {
      if (!known) fail_at(*at, "unknown type");
      if (!(types_[use.index].func == use.type)) fail_at(*at, "inline function type does not match");
      use.param_ids = std::move(ids);
    } else if (known) {
      use.type = types_[use.index].func;
      use.param_ids.assign(use.type.params.size(), nullptr);
    }
  } else {
    use.index = find_or_add_type(use.type);
    use.param_ids = std::move(ids);
  }
  return use;
}

// blocktype: empty, one result type, or a type index (for parameters or
// several results).
void ModuleParser::block_type(Bytes& out) {
  if (!at_field("type") && !at_field("param")) {
    std::vector<ValType> res;
    size_t save = p_;
    results(res);
    if (res.size() <= 1) {
      if (res.empty()) out.push_back(0x40);
      else put_val_type(out, res[0]);
      return;
    }
    p_ = save;
  }
  TypeUse use = type_use(false);
  put_s64(out, use.index);
}

Limits ModuleParser::limits() {
  Limits l;
  l.min = u32();
  if (at_index()) {
    l.has_max = true;
    l.max = u32();
  }
  return l;
}

// --- instructions ---

uint32_t ModuleParser::label() {
  if (cur().kind == TokKind::Id) {
    const std::string& name = cur().str;
    auto depth = labels_.find(name);
    if (!depth) fail("unknown label $" + name);
    next();
    return *depth;
  }
  return u32();
}

static void put_opcode(Bytes& out, Op op) {
  const OpInfo& info = op_info(op);
  if (info.prefix) {
    out.push_back(info.prefix);
    put_u32(out, info.code);
  } else {
    out.push_back(static_cast<uint8_t>(info.code));
  }
}

// An operator of a feature that is off: unknown, as to a parser without
// the feature, and the detail names the feature.
[[noreturn]] static void disabled_operator(const Token& t, const char* feature) {
  ErrorLocation where;
  where.line = static_cast<uint32_t>(t.line);
  where.column = static_cast<uint32_t>(t.col);
  throw Error(ErrorKind::Malformed, "unknown operator " + std::string(t.text), where,
              "needs feature " + std::string(feature) + ", which is off (--features=+" + feature + ")");
}

static std::optional<Op> lookup_op(const Token& t, const Features& f) {
  if (t.kind != TokKind::Keyword) return std::nullopt;
  auto op = op_from_name(t.text);
  if (!op) return std::nullopt;
  if (op_info(*op).prefix == 0xFD && !f.simd) disabled_operator(t, "simd");
  if (op_info(*op).prefix == 0xFE && !f.threads) disabled_operator(t, "threads");
  if (const char* feature = disabled_feature_of(*op, f)) disabled_operator(t, feature);
  if (*op == Op::Else || *op == Op::End) return std::nullopt;
  // Exception handling: gated, and the legacy try's delimiters are no
  // instructions of their own.
  if (*op == Op::Catch || *op == Op::CatchAll || *op == Op::Delegate) return std::nullopt;
  if (!f.exceptions && (*op == Op::Try || *op == Op::Throw || *op == Op::Rethrow || *op == Op::ThrowRef ||
                        *op == Op::TryTable))
    return std::nullopt;
  return op;
}

// --- nesting ---
//
// Blocks and folded instructions nest as deep as the input says, so the
// parser keeps the open ones on a stack of its own (`open`) instead of
// recursing: a 100,000-deep file costs heap, never host stack.

// An instruction whose body or operands are still being parsed.
struct ModuleParser::OpenInstr {
  enum class Kind : uint8_t {
    Block,        // block/loop/if ... end: instructions until `end` (an if: or `else`)
    FoldedBlock,  // (block ...) or (loop ...): instructions until `)`
    FoldedCond,   // (if ...: folded condition operands until `(then`
    FoldedThen,   // (then ...) of a folded if
    FoldedElse,   // (else ...) of a folded if
    FoldedOp,     // (op immediates folded*): operands until `)`, then the op
    FoldedTry,    // (try ...: between its (do ...), (catch ...) and (delegate ...) parts
    FoldedDo,     // (do ...) or (catch ...) of a folded try: instructions until `)`
  };
  Kind kind;
  Op op;
  bool seen_else = false;  // an if's else; a try's catch_all
  std::optional<std::string> label;
  Bytes self;  // FoldedOp: the op and its immediates; FoldedCond: the block type
};

void ModuleParser::instrs(Bytes& out) { instr_seq(out, false); }
void ModuleParser::folded_instr(Bytes& out) { instr_seq(out, true); }

// Opens a block, loop or if whose keyword was just read.
void ModuleParser::open_block(std::vector<OpenInstr>& open, Op op, bool folded, Bytes& out) {
  OpenInstr b{folded ? OpenInstr::Kind::FoldedBlock : OpenInstr::Kind::Block, op, false, {}, {}};
  if (cur().kind == TokKind::Id) b.label = next().str;
  Bytes bt;
  block_type(bt);
  if (op == Op::TryTable) try_table_catches(bt);  // their labels are outside the try_table's
  if (folded && op == Op::If) {
    // The condition operands come first and are outside the if's label scope.
    b.kind = OpenInstr::Kind::FoldedCond;
    b.self = std::move(bt);
  } else if (folded && op == Op::Try) {
    put_opcode(out, op);
    put_bytes(out, bt);
    labels_.push(b.label);
    if (!at_field("do")) fail("expected (do ...)");
    next();
    next();
    b.kind = OpenInstr::Kind::FoldedDo;
  } else {
    put_opcode(out, op);
    put_bytes(out, bt);
    labels_.push(b.label);
  }
  open.push_back(std::move(b));
}

// Opens the folded instruction at `(`.
void ModuleParser::open_folded(std::vector<OpenInstr>& open, Bytes& out) {
  expect_lparen();
  const Token& name = next();
  auto op = lookup_op(name, features_);
  if (!op) fail_at(name, "unknown operator " + std::string(name.text));
  if (*op == Op::Block || *op == Op::Loop || *op == Op::If || *op == Op::Try || *op == Op::TryTable) {
    open_block(open, *op, true, out);
    return;
  }
  OpenInstr f{OpenInstr::Kind::FoldedOp, *op, false, {}, {}};
  immediates(*op, name, f.self);
  open.push_back(std::move(f));
}

// Instructions into `out` until a token that does not continue the
// sequence (left for the caller); with `one_folded`, exactly one folded
// instruction.
void ModuleParser::instr_seq(Bytes& out, bool one_folded) {
  using Kind = OpenInstr::Kind;
  std::vector<OpenInstr> open;
  if (one_folded) open_folded(open, out);
  while (!(one_folded && open.empty())) {
    OpenInstr* top = open.empty() ? nullptr : &open.back();
    const Token& t = cur();
    if (top && (top->kind == Kind::FoldedOp || top->kind == Kind::FoldedCond)) {
      // Only folded operands here.
      if (t.kind == TokKind::LParen && !(top->kind == Kind::FoldedCond && at_field("then"))) {
        open_folded(open, out);
      } else if (top->kind == Kind::FoldedOp) {
        expect_rparen();
        put_bytes(out, top->self);
        open.pop_back();
      } else {
        put_opcode(out, Op::If);
        put_bytes(out, top->self);
        labels_.push(top->label);
        if (!at_field("then")) fail("expected (then ...)");
        next();
        next();
        top->kind = Kind::FoldedThen;
      }
      continue;
    }
    if (top && top->kind == Kind::FoldedTry) {
      // After (do ...): (catch $tag ...), (catch_all ...), (delegate $l) or `)`.
      if (at_field("catch") || at_field("catch_all")) {
        next();
        // catch_all is the last clause of a try.
        if (top->seen_else) fail("unexpected token, expected )");
        bool all = next().text == "catch_all";
        top->seen_else = all;
        put_opcode(out, all ? Op::CatchAll : Op::Catch);
        if (!all) put_u32(out, index(tags_));
        top->kind = Kind::FoldedDo;
        continue;
      }
      if (at_field("delegate")) {
        next();
        next();
        labels_.pop();  // the label is counted from outside the try
        put_opcode(out, Op::Delegate);
        put_u32(out, label());
        expect_rparen();
        expect_rparen();
        open.pop_back();
        continue;
      }
      expect_rparen();
      labels_.pop();
      out.push_back(0x0B);
      open.pop_back();
      continue;
    }
    if (t.kind == TokKind::LParen) {
      open_folded(open, out);
      continue;
    }
    const bool try_part = top && top->kind == Kind::Block && top->op == Op::Try &&
                          (t.text == "catch" || t.text == "catch_all" || t.text == "delegate");
    if (t.kind == TokKind::Keyword && t.text != "end" && t.text != "else" && !try_part) {
      const Token& name = next();
      auto op = lookup_op(name, features_);
      if (!op) fail_at(name, "unknown operator " + std::string(name.text));
      if (*op == Op::Block || *op == Op::Loop || *op == Op::If || *op == Op::Try || *op == Op::TryTable)
        open_block(open, *op, false, out);
      else immediates(*op, name, out);
      continue;
    }
    if (!top) return;
    // The sequence inside `top` has ended: close it.
    switch (top->kind) {
      case Kind::Block:
        if (top->op == Op::If && !top->seen_else && is_kw("else")) {
          next();
          end_label(top->label);
          out.push_back(0x05);
          top->seen_else = true;
          continue;
        }
        if (top->op == Op::Try && (is_kw("catch") || is_kw("catch_all"))) {
          if (top->seen_else) fail("unexpected token, expected end");  // catch_all is the last clause
          bool all = next().text == "catch_all";
          top->seen_else = all;
          put_opcode(out, all ? Op::CatchAll : Op::Catch);
          if (!all) put_u32(out, index(tags_));
          continue;
        }
        if (top->op == Op::Try && is_kw("delegate")) {
          next();
          labels_.pop();  // the label is counted from outside the try
          put_opcode(out, Op::Delegate);
          put_u32(out, label());
          open.pop_back();
          continue;
        }
        expect_kw("end");
        end_label(top->label);
        break;
      case Kind::FoldedBlock:
        expect_rparen();
        break;
      case Kind::FoldedThen:
        expect_rparen();
        if (at_field("else")) {
          next();
          next();
          out.push_back(0x05);
          top->kind = Kind::FoldedElse;
          continue;
        }
        expect_rparen();  // the if's
        break;
      case Kind::FoldedElse:
        expect_rparen();
        expect_rparen();  // the if's
        break;
      case Kind::FoldedDo:
        expect_rparen();
        top->kind = Kind::FoldedTry;
        continue;
      case Kind::FoldedOp:
      case Kind::FoldedCond:
      case Kind::FoldedTry:
        break;  // handled above
    }
    labels_.pop();
    out.push_back(0x0B);
    open.pop_back();
  }
}

// try_table's clauses: (catch $tag $label), (catch_ref $tag $label),
// (catch_all $label), (catch_all_ref $label), as vec(catch).
void ModuleParser::try_table_catches(Bytes& out) {
  Bytes clauses;
  uint32_t n = 0;
  for (;;) {
    uint8_t kind;
    if (at_field("catch")) kind = 0;
    else if (at_field("catch_ref")) kind = 1;
    else if (at_field("catch_all")) kind = 2;
    else if (at_field("catch_all_ref")) kind = 3;
    else break;
    next();
    next();
    clauses.push_back(kind);
    if (kind < 2) put_u32(clauses, index(tags_));
    put_u32(clauses, label());
    expect_rparen();
    ++n;
  }
  put_u32(out, n);
  put_bytes(out, clauses);
}

void ModuleParser::end_label(const std::optional<std::string>& label) {
  if (cur().kind == TokKind::Id) {
    if (!label || *label != cur().str) fail("mismatching label");
    next();
  }
}

void ModuleParser::memarg(uint32_t natural, Bytes& out, bool lane) {
  // A memory index first (multi-memory); before a lane index only if
  // another number or the memarg follows it.
  uint32_t memory = 0;
  if (features_.multi_memory && at_index()) {
    const Token& after = peek(1);
    bool more = after.kind == TokKind::Keyword && !after.text.empty() &&
                ((after.text[0] >= '0' && after.text[0] <= '9') || after.text.substr(0, 7) == "offset=" ||
                 after.text.substr(0, 6) == "align=");
    if (!lane || cur().kind == TokKind::Id || more) memory = index(mems_);
  }
  uint64_t offset = 0, align = natural;
  if (cur().kind == TokKind::Keyword && cur().text.substr(0, 7) == "offset=") {
    // 64-bit offsets with memory64; the validator rejects those past
    // 2^32-1 for a 32-bit memory.
    if (parse_uint(cur().text.substr(7), features_.memory64 ? 64 : 32, offset) != NumResult::Ok)
      fail("malformed memory offset");
    next();
  }
  if (cur().kind == TokKind::Keyword && cur().text.substr(0, 6) == "align=") {
    // Up to 2^63 with memory64 (3.0), where a too large one is invalid, not malformed.
    if (parse_uint(cur().text.substr(6), features_.memory64 ? 64 : 32, align) != NumResult::Ok)
      fail("malformed alignment");
    if (align == 0 || (align & (align - 1))) fail("alignment must be a power of two");
    next();
  }
  uint32_t log2 = 0;
  while ((uint64_t{1} << log2) < align) ++log2;
  if (memory != 0) {
    put_u32(out, log2 | 0x40);  // bit 6: a memory index follows
    put_u32(out, memory);
  } else {
    put_u32(out, log2);
  }
  put_u32(out, offset);
}

void ModuleParser::v128_const(Bytes& out) {
  const Token& shape = next();
  int lanes = 0, width = 0;
  bool is_float = false;
  if (shape.text == "i8x16") lanes = 16, width = 8;
  else if (shape.text == "i16x8") lanes = 8, width = 16;
  else if (shape.text == "i32x4") lanes = 4, width = 32;
  else if (shape.text == "i64x2") lanes = 2, width = 64;
  else if (shape.text == "f32x4") lanes = 4, width = 32, is_float = true;
  else if (shape.text == "f64x2") lanes = 2, width = 64, is_float = true;
  else fail_at(shape, "unexpected token, expected a v128 lane shape");
  for (int i = 0; i < lanes; ++i) {
    const Token& lit = cur();
    if (lit.kind != TokKind::Keyword) fail("wrong number of lane literals");
    uint64_t bits = 0;
    NumResult r;
    if (is_float && width == 32) {
      uint32_t b32 = 0;
      r = parse_f32(lit.text, b32);
      bits = b32;
    } else if (is_float) {
      r = parse_f64(lit.text, bits);
    } else {
      r = parse_int(lit.text, width, bits);
    }
    if (r == NumResult::NotNumber) fail("unexpected token, expected a lane literal");
    if (r == NumResult::OutOfRange) fail("constant out of range");
    next();
    put_fixed(out, bits, width / 8);
  }
}

// A field of struct type `type`: its index, or its name in the type's
// definition.
uint32_t ModuleParser::field_index(uint32_t type) {
  static const Space kNoNames{"field"};
  return index(type < types_.size() ? types_[type].fields : kNoNames);
}

void ModuleParser::immediates(Op op, const Token& name, Bytes& out) {
  const OpInfo& info = op_info(op);
  if (op == Op::Select && at_field("result")) {
    std::vector<ValType> types;
    results(types);
    put_opcode(out, Op::SelectT);
    put_u32(out, types.size());
    for (ValType t : types) put_val_type(out, t);
    return;
  }
  Bytes imm;
  switch (info.imm) {
    case ImmKind::None:
      break;
    case ImmKind::BlockType:  // handled by block_body
      fail_at(name, "unexpected block instruction");
    case ImmKind::Label:
      put_u32(imm, label());
      break;
    case ImmKind::BrTable: {
      std::vector<uint32_t> targets;
      while (at_index()) targets.push_back(label());
      if (targets.empty()) fail("unexpected token, expected a label");
      put_u32(imm, targets.size() - 1);
      for (uint32_t x : targets) put_u32(imm, x);
      break;
    }
    case ImmKind::Func:
      put_u32(imm, index(funcs_));
      break;
    case ImmKind::CallIndirect: {
      uint32_t table = at_index() ? index(tables_) : 0;
      TypeUse use = type_use(false);
      put_u32(imm, use.index);
      put_u32(imm, table);
      break;
    }
    case ImmKind::SelectT:  // reached only through "select (result ...)"
      break;
    case ImmKind::Local:
      put_u32(imm, index(locals_));
      break;
    case ImmKind::Global:
      put_u32(imm, index(globals_));
      break;
    case ImmKind::Table:
      put_u32(imm, at_index() ? index(tables_) : 0);
      break;
    case ImmKind::Memory:
      put_u32(imm, opt_memory());
      break;
    case ImmKind::I32:
    case ImmKind::I64: {
      int bits = info.imm == ImmKind::I32 ? 32 : 64;
      uint64_t v = 0;
      NumResult r = cur().kind == TokKind::Keyword ? parse_int(cur().text, bits, v) : NumResult::NotNumber;
      if (r == NumResult::NotNumber) fail("unexpected token, expected an integer");
      if (r == NumResult::OutOfRange) fail("constant out of range");
      next();
      put_s64(imm, bits == 32 ? static_cast<int64_t>(static_cast<int32_t>(v)) : static_cast<int64_t>(v));
      break;
    }
    case ImmKind::F32: {
      uint32_t v = 0;
      NumResult r = cur().kind == TokKind::Keyword ? parse_f32(cur().text, v) : NumResult::NotNumber;
      if (r == NumResult::NotNumber) fail("unexpected token, expected a float");
      if (r == NumResult::OutOfRange) fail("constant out of range");
      next();
      put_fixed(imm, v, 4);
      break;
    }
    case ImmKind::F64: {
      uint64_t v = 0;
      NumResult r = cur().kind == TokKind::Keyword ? parse_f64(cur().text, v) : NumResult::NotNumber;
      if (r == NumResult::NotNumber) fail("unexpected token, expected a float");
      if (r == NumResult::OutOfRange) fail("constant out of range");
      next();
      put_fixed(imm, v, 8);
      break;
    }
    case ImmKind::HeapType:
      if (op == Op::RefTest || op == Op::RefCast || op == Op::RefCastDescEq) {
        // ref.test, ref.cast and ref.cast_desc_eq take a reference type: a
        // nullable one selects the Null opcode.
        ValType t = ref_type();
        if (t.nullable())
          op = op == Op::RefTest ? Op::RefTestNull : op == Op::RefCast ? Op::RefCastNull : Op::RefCastDescEqNull;
        put_heap_type(imm, t.heap());
      } else {
        put_heap_type(imm, heap_type());
      }
      break;
    case ImmKind::TypeField: {
      const uint32_t type = index(types_sp_);
      put_u32(imm, type);
      put_u32(imm, field_index(type));
      break;
    }
    case ImmKind::TypeLen:
      put_u32(imm, index(types_sp_));
      put_u32(imm, u32());
      break;
    case ImmKind::TypeData:
      uses_data_count_ = true;
      put_u32(imm, index(types_sp_));
      put_u32(imm, index(datas_));
      break;
    case ImmKind::TypeElem:
      put_u32(imm, index(types_sp_));
      put_u32(imm, index(elems_));
      break;
    case ImmKind::TypeType:
      put_u32(imm, index(types_sp_));
      put_u32(imm, index(types_sp_));
      break;
    case ImmKind::BrOnCast: {
      const uint32_t l = label();
      const ValType from = ref_type();
      const ValType to = ref_type();
      imm.push_back(static_cast<uint8_t>((from.nullable() ? 1 : 0) | (to.nullable() ? 2 : 0)));
      put_u32(imm, l);
      put_heap_type(imm, from.heap());
      put_heap_type(imm, to.heap());
      break;
    }
    case ImmKind::MemoryInit:
    {
      uses_data_count_ = true;
      // memory.init x? y: with one index it is the data segment.
      uint32_t memory = 0;
      const Token& second = peek(1);
      if (features_.multi_memory && (second.kind == TokKind::Id || (second.kind == TokKind::Keyword && !second.text.empty() && second.text[0] >= '0' && second.text[0] <= '9')))
        memory = index(mems_);
      put_u32(imm, index(datas_));
      put_u32(imm, memory);
      break;
    }
    case ImmKind::Data:
      uses_data_count_ = true;
      put_u32(imm, index(datas_));
      break;
    case ImmKind::MemoryCopy: {
      uint32_t dst = opt_memory();
      uint32_t src = dst != 0 || at_index() ? opt_memory() : 0;
      put_u32(imm, dst);
      put_u32(imm, src);
      break;
    }
    case ImmKind::TableInit: {
      // table.init x? y: with one index it is the element segment.
      uint32_t table = 0;
      const Token& second = peek(1);
      if (second.kind == TokKind::Id || (second.kind == TokKind::Keyword && second.text[0] >= '0' && second.text[0] <= '9'))
        table = index(tables_);
      put_u32(imm, index(elems_));
      put_u32(imm, table);
      break;
    }
    case ImmKind::Elem:
      put_u32(imm, index(elems_));
      break;
    case ImmKind::Type:
      put_u32(imm, index(types_sp_));
      break;
    case ImmKind::TableCopy: {
      uint32_t dst = 0, src = 0;
      if (at_index()) {
        dst = index(tables_);
        src = index(tables_);
      }
      put_u32(imm, dst);
      put_u32(imm, src);
      break;
    }
    case ImmKind::V128:
      v128_const(imm);
      break;
    case ImmKind::Shuffle:
      for (int i = 0; i < 16; ++i) {
        uint64_t lane = 0;
        NumResult r = cur().kind == TokKind::Keyword ? parse_uint(cur().text, 8, lane) : NumResult::NotNumber;
        if (r != NumResult::Ok) fail("invalid lane index");
        next();
        imm.push_back(static_cast<uint8_t>(lane));
      }
      break;
    case ImmKind::Lane:
    case ImmKind::MemArgLane: {
      if (info.imm == ImmKind::MemArgLane) memarg(info.access_bytes, imm, true);
      uint64_t lane = 0;
      NumResult r = cur().kind == TokKind::Keyword ? parse_uint(cur().text, 8, lane) : NumResult::NotNumber;
      if (r != NumResult::Ok) fail("invalid lane index");
      next();
      imm.push_back(static_cast<uint8_t>(lane));
      break;
    }
    case ImmKind::MemArg:
      memarg(info.access_bytes, imm);
      break;
    case ImmKind::Zero:
      imm.push_back(0);
      break;
    case ImmKind::Tag:
      put_u32(imm, index(tags_));
      break;
    case ImmKind::TryTable:  // handled by open_block
      fail_at(name, "unexpected block instruction");
  }
  put_opcode(out, op);
  put_bytes(out, imm);
}

void ModuleParser::const_expr(Bytes& out) {
  instrs(out);
  out.push_back(0x0B);
}

void ModuleParser::offset_expr(Bytes& out) {
  if (at_field("offset")) {
    next();
    next();
    instrs(out);
    expect_rparen();
  } else {
    folded_instr(out);
  }
  out.push_back(0x0B);
}

}  // namespace wasmrun::text
