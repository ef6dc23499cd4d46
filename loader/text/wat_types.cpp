// Type definitions of the text format (3.0 with GC): `(type $t? def)` and
// `(rec (type ...)*)`, where def is a composite type (func, struct or
// array) or `(sub final? $super? composite)`. Names are bound in the first
// pass over the module (scan_type_names), so that definitions may refer to
// types defined after them (within their group: the binary's rule); the
// definitions are parsed after every name is known.
#include <fmt/format.h>

#include "loader/text/module_parser.h"
#include "loader/text/wat_parser.h"

namespace wasmrun::text {

// Binds the names of the definitions in the field opening at `open`:
// one for `(type ...)`, each inner one for `(rec ...)`.
void ModuleParser::scan_type_names(size_t open, bool in_rec) {
  p_ = open + 1;
  const Token& kw = next();
  if (kw.text == "rec" && !in_rec) {
    const size_t close = matching_paren(t_, open);
    while (p_ < close) {
      if (!at_field("type")) fail("unexpected token, expected (type ...)");
      const size_t inner = p_;
      scan_type_names(inner, true);
      p_ = matching_paren(t_, inner) + 1;
    }
    return;
  }
  const Token* id = cur().kind == TokKind::Id ? &cur() : nullptr;
  bind(types_sp_, id, named_types_++);
}

void ModuleParser::rec_field() {
  // At the group's first (type ...): count them for the group's size.
  const size_t start = p_;
  uint32_t size = 0;
  while (at_field("type")) {
    ++size;
    p_ = matching_paren(t_, p_) + 1;
  }
  p_ = start;
  const uint32_t begin = static_cast<uint32_t>(types_.size());
  for (uint32_t k = 0; k < size; ++k) type_field(begin, size);
}

// (type $id? subtype), the cursor at its `(`.
void ModuleParser::type_field(uint32_t rec_begin, uint32_t rec_size) {
  expect_lparen();
  expect_kw("type");
  if (cur().kind == TokKind::Id) next();
  TextType t;
  t.def.rec_begin = rec_begin;
  t.def.rec_size = rec_size;
  if (features_.gc && at_field("sub")) {
    next();
    next();
    t.def.final = is_kw("final");
    if (t.def.final) next();
    if (at_index()) t.def.super = index(types_sp_);
    sub_type(t);
    expect_rparen();
  } else {
    sub_type(t);
  }
  types_.push_back(std::move(t));
  expect_rparen();
}

// Custom descriptors: (describes $t)? (descriptor $d)? before the
// composite type, in that order.
void ModuleParser::sub_type(TextType& out) {
  if (features_.custom_descriptors && at_field("describes")) {
    next();
    next();
    out.def.describes = index(types_sp_);
    expect_rparen();
  }
  if (features_.custom_descriptors && at_field("descriptor")) {
    next();
    next();
    out.def.descriptor = index(types_sp_);
    expect_rparen();
  }
  comp_type(out);
}

// (func ...) | (struct (field ...)*) | (array fieldtype)
void ModuleParser::comp_type(TextType& out) {
  if (!features_.gc || at_field("func")) {
    out.def.kind = Composite::Func;
    out.func = func_type_def();
    return;
  }
  if (at_field("struct")) {
    next();
    next();
    out.def.kind = Composite::Struct;
    while (at_field("field")) {
      next();
      next();
      if (cur().kind == TokKind::Id) {
        const Token* id = &next();
        bind(out.fields, id, static_cast<uint32_t>(out.def.fields.size()));
        out.def.fields.push_back(field_type());
      } else {
        while (cur().kind != TokKind::RParen) out.def.fields.push_back(field_type());
      }
      expect_rparen();
    }
    expect_rparen();
    return;
  }
  if (at_field("array")) {
    next();
    next();
    out.def.kind = Composite::Array;
    out.def.fields.push_back(field_type());
    expect_rparen();
    return;
  }
  fail("unexpected token, expected (func ...), (struct ...) or (array ...)");
}

// storagetype | (mut storagetype)
FieldType ModuleParser::field_type() {
  FieldType f;
  if (at_field("mut")) {
    next();
    next();
    f.mut = true;
    f.storage = storage_type();
    expect_rparen();
  } else {
    f.storage = storage_type();
  }
  return f;
}

ValType ModuleParser::storage_type() {
  if (is_kw("i8")) {
    next();
    return kStorageI8;
  }
  if (is_kw("i16")) {
    next();
    return kStorageI16;
  }
  return val_type();
}

bool ModuleParser::is_plain_func(uint32_t index) const {
  const SubType& d = types_[index].def;
  return d.kind == Composite::Func && d.final && !d.has_super() && d.rec_size == 1 && !d.has_descriptor() &&
         !d.has_describes();
}

// The type section: each group as `0x4E vec(subtype)` (a singleton group
// as its subtype alone, which means the same); a final subtype without
// supertype as its composite type alone.
void ModuleParser::put_type_section(Bytes& out) const {
  Bytes body;
  uint32_t groups = 0;
  for (size_t i = 0; i < types_.size();) {
    const SubType& first = types_[i].def;
    const size_t size = first.rec_size;
    if (size != 1) {
      body.push_back(0x4E);
      put_u32(body, size);
    }
    for (size_t k = i; k < i + size; ++k) {
      const TextType& t = types_[k];
      if (!t.def.final || t.def.has_super()) {
        body.push_back(t.def.final ? 0x4F : 0x50);
        put_u32(body, t.def.has_super() ? 1 : 0);
        if (t.def.has_super()) put_u32(body, t.def.super);
      }
      if (t.def.has_describes()) {
        body.push_back(0x4C);
        put_u32(body, t.def.describes);
      }
      if (t.def.has_descriptor()) {
        body.push_back(0x4D);
        put_u32(body, t.def.descriptor);
      }
      body.push_back(static_cast<uint8_t>(t.def.kind));
      if (t.def.kind == Composite::Func) {
        put_u32(body, t.func.params.size());
        for (ValType v : t.func.params) put_val_type(body, v);
        put_u32(body, t.func.results.size());
        for (ValType v : t.func.results) put_val_type(body, v);
      } else {
        if (t.def.kind == Composite::Struct) put_u32(body, t.def.fields.size());
        for (const FieldType& f : t.def.fields) {
          if (is_packed(f.storage)) body.push_back(f.storage.code());
          else put_val_type(body, f.storage);
          body.push_back(f.mut ? 1 : 0);
        }
      }
    }
    ++groups;
    i += size;
  }
  if (groups) put_section(out, 1, groups, body);
}

}  // namespace wasmrun::text
