#include "interp/runtime/type_registry.h"

#include "loader/module.h"
#include "loader/type_canon.h"
#include "loader/type_match.h"

namespace wasmrun::interp {

void TypeRegistry::add_type(Composite kind, uint32_t super) {
  Info info;
  info.kind = kind;
  info.super = super;
  info.display = static_cast<uint32_t>(display_.size());
  if (super != kNone) {
    const Info& s = info_[super];
    info.depth = s.depth + 1;
    const uint32_t inherited = s.depth + 1 < kDisplayDepth ? s.depth + 1 : kDisplayDepth;
    for (uint32_t k = 0; k < inherited; ++k) {
      const uint32_t ancestor = display_[s.display + k];
      display_.push_back(ancestor);
    }
  }
  if (info.depth < kDisplayDepth) display_.push_back(static_cast<uint32_t>(info_.size()));
  info_.push_back(info);
}

bool TypeRegistry::is_deep_subtype(uint32_t a, uint32_t b) const {
  const uint32_t d = info_[b].depth;
  while (info_[a].depth > d) a = info_[a].super;
  return a == b;
}

template <class Add>
uint32_t TypeRegistry::intern_group(const std::string& key, uint32_t size, Add add) {
  auto [it, inserted] = groups_.try_emplace(key, static_cast<uint32_t>(info_.size()));
  if (inserted) {
    const uint32_t base = it->second;
    for (uint32_t k = 0; k < size; ++k) add(base, k);
  }
  return it->second;
}

std::vector<uint32_t> TypeRegistry::intern_module(const Module& m) {
  std::vector<uint32_t> ids(m.type_defs.size());
  std::string key;
  for (uint32_t begin = 0; begin < m.type_defs.size();) {
    const uint32_t size = m.type_defs[begin].rec_size;
    key.clear();
    append_rec_group_key(m.types, m.type_defs, begin, size, ids, key);
    const uint32_t base = intern_group(key, size, [&](uint32_t group_base, uint32_t k) {
      const SubType& st = m.type_defs[begin + k];
      uint32_t super = kNone;
      if (st.has_super()) super = st.super >= begin ? group_base + (st.super - begin) : ids[st.super];
      add_type(st.kind, super);
    });
    for (uint32_t k = 0; k < size; ++k) ids[begin + k] = base + k;
    begin += size;
  }
  return ids;
}

uint32_t TypeRegistry::intern(const FuncType& t) {
  std::string key;
  append_func_type_key(t, key);
  return intern_group(key, 1, [&](uint32_t, uint32_t) { add_type(Composite::Func, kNone); });
}

bool TypeRegistry::val_matches(ValType a, ValType b) const {
  if (a == b) return true;
  if (!a.is_ref() || !b.is_ref()) return false;
  if (a.nullable() && !b.nullable()) return false;
  const HeapType x = a.heap(), y = b.heap();
  if (y.exact) {
    if (x.kind == HeapType::Kind::Canon) return x.exact && x.value == y.value;
    return x.is_abstract() && abs_matches_defined(x.abstract(), kind(y.value));
  }
  const bool xd = x.kind == HeapType::Kind::Canon, yd = y.kind == HeapType::Kind::Canon;
  if (xd && yd) return is_subtype(x.value, y.value);
  if (xd) return y.is_abstract() && defined_matches_abs(kind(x.value), y.abstract());
  if (yd) return x.is_abstract() && abs_matches_defined(x.abstract(), kind(y.value));
  return x.is_abstract() && y.is_abstract() && abs_heap_matches(x.abstract(), y.abstract());
}

}  // namespace wasmrun::interp
