#include "loader/type_match.h"

#include "loader/module.h"

namespace wasmrun {

bool abs_heap_matches(AbsHeap x, AbsHeap y) {
  if (x == y) return true;
  switch (x) {
    case AbsHeap::NoFunc: return y == AbsHeap::Func;
    case AbsHeap::NoExtern: return y == AbsHeap::Extern;
    case AbsHeap::NoExn: return y == AbsHeap::Exn;
    case AbsHeap::None:
      return y == AbsHeap::Any || y == AbsHeap::Eq || y == AbsHeap::I31 || y == AbsHeap::Struct ||
             y == AbsHeap::Array;
    case AbsHeap::I31:
    case AbsHeap::Struct:
    case AbsHeap::Array: return y == AbsHeap::Eq || y == AbsHeap::Any;
    case AbsHeap::Eq: return y == AbsHeap::Any;
    default: return false;
  }
}

AbsHeap abs_heap_top(AbsHeap a) {
  switch (a) {
    case AbsHeap::Func:
    case AbsHeap::NoFunc: return AbsHeap::Func;
    case AbsHeap::Extern:
    case AbsHeap::NoExtern: return AbsHeap::Extern;
    case AbsHeap::Exn:
    case AbsHeap::NoExn: return AbsHeap::Exn;
    default: return AbsHeap::Any;
  }
}

bool defined_matches_abs(Composite c, AbsHeap b) {
  switch (c) {
    case Composite::Func: return b == AbsHeap::Func;
    case Composite::Struct: return b == AbsHeap::Struct || b == AbsHeap::Eq || b == AbsHeap::Any;
    case Composite::Array: return b == AbsHeap::Array || b == AbsHeap::Eq || b == AbsHeap::Any;
  }
  return false;
}

bool abs_matches_defined(AbsHeap a, Composite c) {
  return c == Composite::Func ? a == AbsHeap::NoFunc : a == AbsHeap::None;
}

namespace {

// The kind of a module type index; func for an index out of range (the
// validator reports those where they are used).
Composite kind_of(uint32_t i, const Module& m) {
  return i < m.type_defs.size() ? m.type_defs[i].kind : Composite::Func;
}

}  // namespace

AbsHeap heap_top(HeapType h, const Module& m) {
  if (h.is_defined()) return kind_of(h.value, m) == Composite::Func ? AbsHeap::Func : AbsHeap::Any;
  return abs_heap_top(h.abstract());
}

bool types_equal(HeapType a, HeapType b, const Module& m) {
  if (a == b) return true;
  if (a.exact != b.exact) return false;
  if (a.kind != HeapType::Kind::Index || b.kind != HeapType::Kind::Index) return false;
  const auto& c = m.type_canon;
  return a.value < c.size() && b.value < c.size() && c[a.value] == c[b.value];
}

bool heap_matches(HeapType a, HeapType b, const Module& m) {
  if (a == b || a.kind == HeapType::Kind::Bot) return true;
  if (b.kind == HeapType::Kind::Bot) return false;
  // (exact $t) <: $t; only (exact $t) itself and the bottom types match
  // (exact $t).
  if (b.exact) {
    if (a.is_defined()) return a.exact && types_equal(a, b, m);
    return abs_matches_defined(a.abstract(), kind_of(b.value, m));
  }
  a.exact = false;
  if (a.is_defined()) {
    if (!b.is_defined()) return defined_matches_abs(kind_of(a.value, m), b.abstract());
    if (a.kind != HeapType::Kind::Index || b.kind != HeapType::Kind::Index) return false;
    const auto& canon = m.type_canon;
    if (a.value >= canon.size() || b.value >= canon.size()) return false;
    const uint32_t want = canon[b.value];
    // Up the declared chain; each supertype's index is smaller than its
    // subtype's, so the walk ends (and stops at an invalid declaration).
    for (uint32_t t = a.value;;) {
      if (canon[t] == want) return true;
      const uint32_t s = m.type_defs[t].super;
      if (s >= t) return false;
      t = s;
    }
  }
  if (b.is_defined()) return abs_matches_defined(a.abstract(), kind_of(b.value, m));
  return abs_heap_matches(a.abstract(), b.abstract());
}

bool val_matches(ValType a, ValType b, const Module& m) {
  if (a == b || a.is_none() || b.is_none()) return true;
  if (!a.is_ref() || !b.is_ref()) return false;
  if (a.nullable() && !b.nullable()) return false;
  return heap_matches(a.heap(), b.heap(), m);
}

bool vals_match(const std::vector<ValType>& a, const std::vector<ValType>& b, const Module& m) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!val_matches_fast(a[i], b[i], m)) return false;
  return true;
}

bool storage_matches(ValType a, ValType b, const Module& m) {
  if (is_packed(a) || is_packed(b)) return a == b;
  return !a.is_none() && !b.is_none() && val_matches_fast(a, b, m);
}

namespace {

bool field_matches(const FieldType& a, const FieldType& b, const Module& m) {
  if (a.mut != b.mut) return false;
  if (!storage_matches(a.storage, b.storage, m)) return false;
  // A mutable field is read and written: its type must be equal both ways.
  return !a.mut || storage_matches(b.storage, a.storage, m);
}

}  // namespace

bool composite_matches(uint32_t sub, uint32_t super, const Module& m) {
  const SubType& a = m.type_defs[sub];
  const SubType& b = m.type_defs[super];
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Composite::Func:
      return vals_match(m.types[super].params, m.types[sub].params, m) &&
             vals_match(m.types[sub].results, m.types[super].results, m);
    case Composite::Struct:
    case Composite::Array:
      if (a.fields.size() < b.fields.size()) return false;
      if (a.kind == Composite::Array && a.fields.size() != b.fields.size()) return false;
      for (size_t i = 0; i < b.fields.size(); ++i)
        if (!field_matches(a.fields[i], b.fields[i], m)) return false;
      return true;
  }
  return false;
}

}  // namespace wasmrun
