// Module fields of the text format and the assembly of the binary module.
//
// Two passes: scan() binds every symbolic name and parses the explicit
// type definitions (names may be used before they are defined); then each
// field is encoded in order into its section.
#include <fmt/format.h>

#include "loader/text/module_parser.h"
#include "loader/text/numbers.h"
#include "loader/text/wat.h"
#include "loader/text/wat_parser.h"
#include "wasmrun/error.h"

namespace wasmrun::text {

// --- cursor ---

const Token& ModuleParser::next() {
  if (p_ >= end_) fail("unexpected end");
  return t_[p_++];
}

void ModuleParser::expect_lparen() {
  if (cur().kind != TokKind::LParen) fail("unexpected token, expected (");
  next();
}

void ModuleParser::expect_rparen() {
  if (cur().kind != TokKind::RParen) {
    if (cur().kind == TokKind::Keyword || cur().kind == TokKind::LParen) {
      const Token& t = cur().kind == TokKind::LParen ? peek(1) : cur();
      fail_at(t, fmt::format("unexpected token {}, expected )", t.text));
    }
    fail("unexpected token, expected )");
  }
  next();
}

void ModuleParser::expect_kw(std::string_view kw) {
  if (!is_kw(kw)) fail(fmt::format("unexpected token, expected {}", kw));
  next();
}

std::string ModuleParser::expect_string() {
  if (cur().kind != TokKind::String) fail("unexpected token, expected a string");
  return next().str;
}

std::string ModuleParser::expect_name() {
  const Token& t = cur();
  std::string s = expect_string();
  if (!utf8_ok(s)) fail_at(t, "malformed UTF-8 encoding");
  return s;
}

std::optional<std::string> ModuleParser::opt_id() {
  if (cur().kind == TokKind::Id) return next().str;
  return std::nullopt;
}

void ModuleParser::bind(Space& space, const Token* id, uint32_t index) {
  if (!id) return;
  if (!space.names.emplace(id->str, index).second) fail_at(*id, fmt::format("duplicate {} ${}", space.what, id->str));
}

uint32_t ModuleParser::index(const Space& space) {
  const Token& t = cur();
  if (t.kind == TokKind::Id) {
    auto it = space.names.find(t.str);
    if (it == space.names.end()) fail(fmt::format("unknown {} ${}", space.what, t.str));
    next();
    return it->second;
  }
  return u32();
}

uint32_t ModuleParser::u32() {
  uint64_t v = 0;
  NumResult r = cur().kind == TokKind::Keyword ? parse_uint(cur().text, 32, v) : NumResult::NotNumber;
  if (r == NumResult::NotNumber) fail("unexpected token, expected a number or index");
  if (r == NumResult::OutOfRange) fail("constant out of range");
  next();
  return static_cast<uint32_t>(v);
}

// --- pass 1 ---

// Imports must precede every definition of a function, table, memory or
// global (the text format's rule; the binary has them in separate sections).
void ModuleParser::check_import_order() {
  if (seen_definition_) fail(fmt::format("import after {}", first_definition_));
}

void ModuleParser::scan_field(size_t open) {
  p_ = open + 1;
  const Token& kw = next();
  if (kw.kind != TokKind::Keyword) fail_at(kw, "unexpected token, expected a module field");
  const Token* id = cur().kind == TokKind::Id ? &cur() : nullptr;
  auto space_of = [&](std::string_view k) -> Space* {
    if (k == "func") return &funcs_;
    if (k == "table") return &tables_;
    if (k == "memory") return &mems_;
    if (k == "global") return &globals_;
    if (k == "tag" && features_.exceptions) return &tags_;
    return nullptr;
  };
  if (kw.text == "type" || (kw.text == "rec" && features_.gc)) {
    // Names first: a definition may refer to types defined after it.
    scan_type_names(open, false);
    type_fields_.push_back(open);
  } else if (kw.text == "import") {
    expect_string();
    expect_string();
    expect_lparen();
    const Token& k = next();
    Space* space = k.kind == TokKind::Keyword ? space_of(k.text) : nullptr;
    if (!space) fail_at(k, "unexpected token, expected an import kind");
    check_import_order();
    bind(*space, cur().kind == TokKind::Id ? &cur() : nullptr, space->count++);
  } else if (Space* space = space_of(kw.text)) {
    if (id) next();
    while (at_field("export")) p_ = matching_paren(t_, p_) + 1;
    bool is_import = at_field("import");
    if (is_import) {
      check_import_order();
    } else if (!seen_definition_) {
      seen_definition_ = true;
      first_definition_ = space->what;
    }
    bind(*space, id, space->count++);
    // Inline element and data segments take the next segment index.
    if (!is_import && (space == &tables_ || space == &mems_)) {
      size_t close = matching_paren(t_, open);
      while (p_ < close) {
        if (at_field("elem") && space == &tables_) elems_.count++;
        if (at_field("data") && space == &mems_) datas_.count++;
        p_ = cur().kind == TokKind::LParen ? matching_paren(t_, p_) + 1 : p_ + 1;
      }
    }
  } else if (kw.text == "elem") {
    bind(elems_, id, elems_.count++);
  } else if (kw.text == "data") {
    bind(datas_, id, datas_.count++);
  } else if (kw.text != "export" && kw.text != "start") {
    fail_at(kw, fmt::format("unknown module field {}", kw.text));
  }
}

void ModuleParser::scan() {
  size_t p = begin_;
  while (p < end_) {
    if (t_[p].kind != TokKind::LParen) {
      // Reported after the fields before it are encoded, so an error
      // inside them (the likelier intent of the text) is reported first.
      stray_ = p;
      break;
    }
    size_t close = matching_paren(t_, p);
    if (close > end_) fail_at(t_[p], "unexpected end");
    fields_.push_back({p, close});
    scan_field(p);
    p = close + 1;
  }
  for (size_t open : type_fields_) {
    p_ = open + 1;
    if (next().text == "rec") {
      rec_field();
    } else {
      p_ = open;
      type_field(static_cast<uint32_t>(types_.size()), 1);
    }
  }
  explicit_types_ = types_.size();
}

// --- pass 2 ---

// An inline `(import "module" "name")` abbreviation: writes the two names
// into the import section and returns true, or returns false if absent.
bool ModuleParser::inline_import() {
  if (!at_field("import")) return false;
  next();
  next();
  put_name(imports_, expect_name());
  put_name(imports_, expect_name());
  expect_rparen();
  return true;
}

void ModuleParser::inline_exports(ExternKind kind, uint32_t index) {
  while (at_field("export")) {
    next();
    next();
    put_name(exports_, expect_name());
    exports_.push_back(static_cast<uint8_t>(kind));
    put_u32(exports_, index);
    ++n_exports_;
    expect_rparen();
  }
}

void ModuleParser::field_func() {
  if (cur().kind == TokKind::Id) next();
  uint32_t self = n_funcs_;
  inline_exports(ExternKind::Func, self);
  ++n_funcs_;
  if (inline_import()) {
    import_func_type();
    ++n_imports_;
    return;
  }
  TypeUse use = type_use(true);
  put_u32(funcs_sec_, use.index);
  ++n_def_funcs_;
  locals_ = Space{"local"};
  labels_.clear();
  for (size_t i = 0; i < use.type.params.size() || i < use.param_ids.size(); ++i) {
    bind(locals_, i < use.param_ids.size() ? use.param_ids[i] : nullptr, locals_.count++);
  }
  std::vector<ValType> locals;
  while (at_field("local")) {
    next();
    next();
    if (cur().kind == TokKind::Id) {
      const Token* id = &next();
      bind(locals_, id, locals_.count++);
      locals.push_back(val_type());
    } else {
      while (cur().kind != TokKind::RParen) {
        locals.push_back(val_type());
        locals_.count++;
      }
    }
    expect_rparen();
  }
  Bytes body;
  // Locals in runs of equal types.
  Bytes runs;
  uint32_t n_runs = 0;
  for (size_t i = 0; i < locals.size();) {
    size_t j = i;
    while (j < locals.size() && locals[j] == locals[i]) ++j;
    put_u32(runs, j - i);
    put_val_type(runs, locals[i]);
    ++n_runs;
    i = j;
  }
  put_u32(body, n_runs);
  put_bytes(body, runs);
  instrs(body);
  body.push_back(0x0B);
  put_u32(code_, body.size());
  put_bytes(code_, body);
}

void ModuleParser::field_table() {
  if (cur().kind == TokKind::Id) next();
  uint32_t self = n_tables_;
  inline_exports(ExternKind::Table, self);
  ++n_tables_;
  if (inline_import()) {
    MemLimits l = mem_limits(address_type(), false);
    ValType rt = ref_type();
    imports_.push_back(0x01);
    put_val_type(imports_, rt);
    put_mem_limits(imports_, l);
    ++n_imports_;
    return;
  }
  const bool is64 = address_type();
  if (!at_index()) {
    // reftype (elem ...): a table sized to fit, and an active segment.
    ValType rt = ref_type();
    if (!at_field("elem")) fail("unexpected token, expected (elem ...)");
    next();
    next();
    Bytes items;
    uint32_t count = 0;
    Bytes& seg = elems_sec_;
    bool exprs = cur().kind == TokKind::LParen;
    if (exprs) elem_items_expr(items, count);
    else elem_items_funcs(items, count);
    expect_rparen();
    if (exprs && rt == ValType::FuncRef) compact_ref_funcs(items, count, exprs);
    if (!exprs && rt != ValType::FuncRef) expand_ref_funcs(items, count, exprs);
    bool implicit_table = self == 0 && rt == ValType::FuncRef;
    if (implicit_table) {
      seg.push_back(exprs ? 0x04 : 0x00);
    } else {
      seg.push_back(exprs ? 0x06 : 0x02);
      put_u32(seg, self);
    }
    seg.push_back(is64 ? 0x42 : 0x41);  // the offset 0, in the table's index type
    seg.push_back(0x00);
    seg.push_back(0x0B);
    if (!implicit_table) {
      if (exprs) put_val_type(seg, rt);
      else seg.push_back(0x00);
    }
    put_u32(seg, count);
    put_bytes(seg, items);
    ++n_elems_;
    put_val_type(tables_sec_, rt);
    put_mem_limits(tables_sec_, MemLimits{Limits{count, true, count}, is64, std::nullopt});
    ++n_def_tables_;
    return;
  }
  MemLimits l = mem_limits(is64, false);
  ValType rt = ref_type();
  // An initializer expression (3.0): encoded as 0x40 0x00 tabletype expr.
  const bool has_init = cur().kind != TokKind::RParen && features_.function_references;
  if (has_init) {
    tables_sec_.push_back(0x40);
    tables_sec_.push_back(0x00);
  }
  put_val_type(tables_sec_, rt);
  put_mem_limits(tables_sec_, l);
  if (has_init) const_expr(tables_sec_);
  ++n_def_tables_;
}

void ModuleParser::field_memory() {
  if (cur().kind == TokKind::Id) next();
  uint32_t self = n_mems_;
  inline_exports(ExternKind::Memory, self);
  ++n_mems_;
  if (inline_import()) {
    MemLimits l = mem_limits(address_type(), true);
    imports_.push_back(0x02);
    put_mem_limits(imports_, l);
    ++n_imports_;
    return;
  }
  const bool is64 = address_type();
  MemLimits type;
  type.is64 = is64;
  page_size(type);
  if (at_field("data")) {
    next();
    next();
    std::string bytes;
    while (cur().kind == TokKind::String) bytes += next().str;
    expect_rparen();
    const unsigned log2 = type.page_size_log2.value_or(16);
    uint64_t pages = (bytes.size() + (uint64_t{1} << log2) - 1) >> log2;
    type.limits = Limits{pages, true, pages};
    put_mem_limits(mems_sec_, type);
    ++n_def_mems_;
    if (self == 0) {
      datas_sec_.push_back(0x00);
    } else {
      datas_sec_.push_back(0x02);
      put_u32(datas_sec_, self);
    }
    datas_sec_.push_back(is64 ? 0x42 : 0x41);  // the offset 0, in the memory's address type
    datas_sec_.push_back(0x00);
    datas_sec_.push_back(0x0B);
    put_name(datas_sec_, bytes);
    ++n_datas_;
    return;
  }
  if (type.page_size_log2) fail("unexpected token, expected (data ...)");
  put_mem_limits(mems_sec_, mem_limits(is64, true));
  ++n_def_mems_;
}

void ModuleParser::field_global() {
  if (cur().kind == TokKind::Id) next();
  uint32_t self = n_globals_;
  inline_exports(ExternKind::Global, self);
  ++n_globals_;
  bool is_import = inline_import();
  Bytes& out = is_import ? imports_ : globals_sec_;
  if (is_import) out.push_back(0x03);
  if (at_field("mut")) {
    next();
    next();
    put_val_type(out, val_type());
    out.push_back(0x01);
    expect_rparen();
  } else {
    put_val_type(out, val_type());
    out.push_back(0x00);
  }
  if (is_import) {
    ++n_imports_;
    return;
  }
  labels_.clear();
  locals_ = Space{"local"};
  const_expr(out);
  ++n_def_globals_;
}

void ModuleParser::import_func_type() {
  if (features_.custom_descriptors && at_field("exact")) {
    next();
    next();
    TypeUse use = type_use(true);
    expect_rparen();
    imports_.push_back(0x20);
    put_u32(imports_, use.index);
    return;
  }
  TypeUse use = type_use(true);
  imports_.push_back(0x00);
  put_u32(imports_, use.index);
}

void ModuleParser::field_import() {
  Bytes head;
  put_name(head, expect_name());
  put_name(head, expect_name());
  expect_lparen();
  const Token& kind = next();
  if (cur().kind == TokKind::Id) next();
  put_bytes(imports_, head);
  if (kind.text == "func") {
    import_func_type();
    ++n_funcs_;
  } else if (kind.text == "table") {
    MemLimits l = mem_limits(address_type(), false);
    ValType rt = ref_type();
    imports_.push_back(0x01);
    put_val_type(imports_, rt);
    put_mem_limits(imports_, l);
    ++n_tables_;
  } else if (kind.text == "memory") {
    MemLimits l = mem_limits(address_type(), true);
    imports_.push_back(0x02);
    put_mem_limits(imports_, l);
    ++n_mems_;
  } else if (kind.text == "tag" && features_.exceptions) {
    TypeUse use = type_use(false);
    imports_.push_back(0x04);
    imports_.push_back(0x00);
    put_u32(imports_, use.index);
    ++n_tags_;
  } else {
    imports_.push_back(0x03);
    if (at_field("mut")) {
      next();
      next();
      put_val_type(imports_, val_type());
      imports_.push_back(0x01);
      expect_rparen();
    } else {
      put_val_type(imports_, val_type());
      imports_.push_back(0x00);
    }
    ++n_globals_;
  }
  expect_rparen();
  ++n_imports_;
}

void ModuleParser::field_export() {
  put_name(exports_, expect_name());
  expect_lparen();
  const Token& kind = next();
  if (kind.text == "func") {
    exports_.push_back(0x00);
    put_u32(exports_, index(funcs_));
  } else if (kind.text == "table") {
    exports_.push_back(0x01);
    put_u32(exports_, index(tables_));
  } else if (kind.text == "memory") {
    exports_.push_back(0x02);
    put_u32(exports_, index(mems_));
  } else if (kind.text == "global") {
    exports_.push_back(0x03);
    put_u32(exports_, index(globals_));
  } else if (kind.text == "tag" && features_.exceptions) {
    exports_.push_back(0x04);
    put_u32(exports_, index(tags_));
  } else {
    fail_at(kind, "unexpected token, expected an export kind");
  }
  expect_rparen();
  ++n_exports_;
}

// (tag $t? (export ...)* (import ...)? typeuse): the section holds an
// attribute byte (0: an exception) and the type index.
void ModuleParser::field_tag() {
  if (cur().kind == TokKind::Id) next();
  inline_exports(ExternKind::Tag, n_tags_);
  ++n_tags_;
  bool is_import = inline_import();
  TypeUse use = type_use(false);
  Bytes& out = is_import ? imports_ : tags_sec_;
  if (is_import) out.push_back(0x04);
  out.push_back(0x00);
  put_u32(out, use.index);
  if (is_import) ++n_imports_;
  else ++n_def_tags_;
}

void ModuleParser::field_start() {
  if (start_) fail("multiple start sections");
  start_ = index(funcs_);
}

// Element expressions: (item instr*) or one folded instruction each.
void ModuleParser::elem_items_expr(Bytes& body, uint32_t& count) {
  labels_.clear();
  locals_ = Space{"local"};
  while (cur().kind == TokKind::LParen) {
    if (at_field("item")) {
      next();
      next();
      const_expr(body);
      expect_rparen();
    } else {
      folded_instr(body);
      body.push_back(0x0B);
    }
    ++count;
  }
}

void ModuleParser::elem_items_funcs(Bytes& body, uint32_t& count) {
  while (at_index()) {
    put_u32(body, index(funcs_));
    ++count;
  }
}

// elem ::= (elem id? elemlist)                     passive
//        | (elem id? (table x)? offset elemlist)   active
//        | (elem id? declare elemlist)             declarative
// elemlist ::= reftype expr* | func funcidx* | funcidx* (legacy, active)
void ModuleParser::field_elem() {
  if (cur().kind == TokKind::Id) next();
  enum { Passive, Active, Declarative } mode = Passive;
  uint32_t table = 0;
  Bytes offset;
  if (is_kw("declare")) {
    next();
    mode = Declarative;
  } else {
    if (at_field("table")) {
      next();
      next();
      table = index(tables_);
      expect_rparen();
      if (cur().kind != TokKind::LParen) fail("unexpected token, expected an offset");
    } else if (at_mvp_index()) {
      table = index(tables_);
      if (cur().kind != TokKind::LParen) fail("unexpected token, expected an offset");
    }
    if (cur().kind == TokKind::LParen && !at_ref_type_form()) {
      labels_.clear();
      locals_ = Space{"local"};
      offset_expr(offset);
      mode = Active;
    }
  }
  Bytes items;
  uint32_t count = 0;
  bool exprs = false;
  ValType rt = ValType::FuncRef;
  if (is_kw("func")) {
    next();
    elem_items_funcs(items, count);
  } else if (val_type_of(cur()) || at_ref_type_form()) {
    rt = ref_type();
    exprs = true;
    elem_items_expr(items, count);
  } else {
    if (mode != Active) fail("unexpected token, expected func or a reference type");
    elem_items_funcs(items, count);
  }
  // With typed references, function indices type a segment (ref func), not
  // the funcref written here.
  if (exprs && rt == ValType::FuncRef && !features_.function_references) compact_ref_funcs(items, count, exprs);
  Bytes& seg = elems_sec_;
  uint8_t flags = exprs ? 0x04 : 0x00;
  // Table 0 with funcref elements has the short encodings 0x00 and 0x04.
  bool implicit_table = mode == Active && table == 0 && rt == ValType::FuncRef;
  if (mode == Passive) {
    seg.push_back(flags | 0x01);
  } else if (mode == Declarative) {
    seg.push_back(flags | 0x03);
  } else if (implicit_table) {
    seg.push_back(flags);
    put_bytes(seg, offset);
  } else {
    seg.push_back(flags | 0x02);
    put_u32(seg, table);
    put_bytes(seg, offset);
  }
  if (!implicit_table) {
    if (exprs) put_val_type(seg, rt);
    else seg.push_back(0x00);
  }
  put_u32(seg, count);
  put_bytes(seg, items);
  ++n_elems_;
}

// A funcref expression list made only of `ref.func x` is encoded as a
// list of function indices, the more compact form (as other tools do).
void ModuleParser::compact_ref_funcs(Bytes& items, uint32_t count, bool& exprs) {
  Bytes funcs;
  size_t i = 0;
  for (uint32_t k = 0; k < count; ++k) {
    if (i >= items.size() || items[i] != 0xD2) return;
    ++i;
    size_t start = i;
    while (i < items.size() && (items[i] & 0x80)) ++i;
    if (i + 1 >= items.size() || items[i + 1] != 0x0B) return;
    funcs.insert(funcs.end(), items.begin() + static_cast<ptrdiff_t>(start), items.begin() + static_cast<ptrdiff_t>(i + 1));
    i += 2;
  }
  if (i != items.size()) return;
  items = std::move(funcs);
  exprs = false;
}

// The other way: function indices as `ref.func x` expressions, for a
// segment whose element type is not funcref.
void ModuleParser::expand_ref_funcs(Bytes& items, uint32_t count, bool& exprs) {
  Bytes out;
  size_t i = 0;
  for (uint32_t k = 0; k < count; ++k) {
    out.push_back(0xD2);
    do out.push_back(items[i]);
    while (items[i++] & 0x80);
    out.push_back(0x0B);
  }
  items = std::move(out);
  exprs = true;
}

// data ::= (data id? string*) | (data id? (memory x)? offset string*)
void ModuleParser::field_data() {
  if (cur().kind == TokKind::Id) next();
  Bytes& seg = datas_sec_;
  uint32_t memory = 0;
  bool active = false;
  if (at_field("memory")) {
    next();
    next();
    memory = index(mems_);
    expect_rparen();
    active = true;
  } else if (at_mvp_index()) {
    memory = index(mems_);
    if (cur().kind != TokKind::LParen) fail("unexpected token, expected an offset");
    active = true;
  }
  if (cur().kind == TokKind::LParen) {
    Bytes offset;
    labels_.clear();
    locals_ = Space{"local"};
    offset_expr(offset);
    if (memory == 0) {
      seg.push_back(0x00);
    } else {
      seg.push_back(0x02);
      put_u32(seg, memory);
    }
    put_bytes(seg, offset);
  } else if (active) {
    fail("unexpected token, expected an offset");
  } else {
    seg.push_back(0x01);
  }
  std::string bytes;
  while (cur().kind == TokKind::String) bytes += next().str;
  put_name(seg, bytes);
  ++n_datas_;
}

Bytes ModuleParser::assemble() {
  Bytes out = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  Bytes types;
  put_type_section(types);
  auto section = [&](uint8_t id, uint32_t count, const Bytes& body) {
    if (count) put_section(out, id, count, body);
  };
  if (!types.empty()) out.insert(out.end(), types.begin(), types.end());
  section(2, n_imports_, imports_);
  section(3, n_def_funcs_, funcs_sec_);
  section(4, n_def_tables_, tables_sec_);
  section(5, n_def_mems_, mems_sec_);
  section(13, n_def_tags_, tags_sec_);  // the tag section goes here, before globals
  section(6, n_def_globals_, globals_sec_);
  section(7, n_exports_, exports_);
  if (start_) {
    Bytes start;
    put_u32(start, *start_);
    out.push_back(8);
    put_u32(out, start.size());
    put_bytes(out, start);
  }
  section(9, n_elems_, elems_sec_);
  if (uses_data_count_) {
    Bytes count;
    put_u32(count, n_datas_);
    out.push_back(12);
    put_u32(out, count.size());
    put_bytes(out, count);
  }
  section(10, n_def_funcs_, code_);
  section(11, n_datas_, datas_sec_);
  return out;
}

Bytes ModuleParser::run() {
  scan();
  for (const Field& f : fields_) {
    p_ = f.open + 1;
    std::string_view kw = next().text;
    if (kw == "type" || kw == "rec") {
      p_ = f.close;
    } else if (kw == "func") {
      field_func();
    } else if (kw == "table") {
      field_table();
    } else if (kw == "memory") {
      field_memory();
    } else if (kw == "global") {
      field_global();
    } else if (kw == "import") {
      field_import();
    } else if (kw == "export") {
      field_export();
    } else if (kw == "start") {
      field_start();
    } else if (kw == "elem") {
      field_elem();
    } else if (kw == "data") {
      field_data();
    } else if (kw == "tag") {
      field_tag();
    }
    expect_rparen();
  }
  if (stray_) fail_at(t_[*stray_], "unexpected token, expected a module field");
  Bytes binary = assemble();
  for (size_t i = begin_; i < end_; ++i) {
    if (!t_[i].bad_branch_hint) continue;
    ErrorLocation where;
    where.line = static_cast<uint32_t>(t_[i].line);
    where.column = static_cast<uint32_t>(t_[i].col);
    throw Error(ErrorKind::Invalid, "@metadata.code.branch_hint annotation: invalid target", where);
  }
  return binary;
}

size_t matching_paren(const std::vector<Token>& tokens, size_t open) {
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].kind == TokKind::LParen) ++depth;
    else if (tokens[i].kind == TokKind::RParen && --depth == 0) return i;
    else if (tokens[i].kind == TokKind::Eof) break;
  }
  fail_at(tokens[open], "unexpected end: unclosed (");
}

Bytes encode_module(const std::vector<Token>& tokens, size_t begin, size_t end, const Features& features) {
  return ModuleParser(tokens, begin, end, features).run();
}

}  // namespace wasmrun::text

namespace wasmrun {

std::vector<uint8_t> wat_to_binary(std::string_view source, const Features& features) {
  using namespace text;
  std::vector<Token> tokens = tokenize(source);
  size_t end = tokens.size() - 1;  // Eof
  if (tokens.size() > 2 && tokens[0].kind == TokKind::LParen && tokens[1].kind == TokKind::Keyword &&
      tokens[1].text == "module") {
    size_t close = matching_paren(tokens, 0);
    size_t begin = 2;
    if (tokens[begin].kind == TokKind::Id) ++begin;
    Bytes binary = encode_module(tokens, begin, close, features);
    if (tokens[close + 1].kind != TokKind::Eof) fail_at(tokens[close + 1], "unexpected token after module");
    return binary;
  }
  return encode_module(tokens, 0, end, features);
}

}  // namespace wasmrun
