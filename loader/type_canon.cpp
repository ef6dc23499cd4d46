#include "loader/type_canon.h"

namespace wasmrun {

namespace {

void put_word(std::string& key, uint64_t w) { key.append(reinterpret_cast<const char*>(&w), sizeof w); }

// A reference to the module's type index j in its closed form.
struct Closer {
  uint32_t begin, end;
  const std::vector<uint32_t>& outside;
  HeapType heap(uint32_t j) const {
    if (j >= begin && j < end) return HeapType::rec(j - begin);
    if (j < begin && j < outside.size()) return HeapType::canon(outside[j]);
    return HeapType::index(j);  // invalid; left for the validator
  }
  ValType val(ValType v) const {
    if (v.is_ref() && v.heap().kind == HeapType::Kind::Index)
      return ValType::ref(heap(v.heap().value).with_exact(v.heap().exact), v.nullable());
    return v;
  }
};

uint64_t heap_word(HeapType h) { return uint64_t{static_cast<uint8_t>(h.kind)} | uint64_t{h.value} << 32; }

void put_func(const FuncType& ft, const Closer* c, std::string& key) {
  put_word(key, ft.params.size());
  for (ValType p : ft.params) put_word(key, c ? c->val(p).bits : p.bits);
  put_word(key, ft.results.size());
  for (ValType r : ft.results) put_word(key, c ? c->val(r).bits : r.bits);
}

}  // namespace

void append_rec_group_key(const std::vector<FuncType>& types, const std::vector<SubType>& defs, uint32_t begin,
                          uint32_t size, const std::vector<uint32_t>& outside_ids, std::string& key) {
  const Closer c{begin, begin + size, outside_ids};
  put_word(key, size);
  for (uint32_t i = begin; i < begin + size; ++i) {
    const SubType& st = defs[i];
    put_word(key, uint64_t{static_cast<uint8_t>(st.kind)} | uint64_t{st.final} << 8);
    put_word(key, st.has_super() ? heap_word(c.heap(st.super)) : 0);
    put_word(key, st.has_descriptor() ? heap_word(c.heap(st.descriptor)) : 0);
    put_word(key, st.has_describes() ? heap_word(c.heap(st.describes)) : 0);
    if (st.kind == Composite::Func) {
      put_func(types[i], &c, key);
    } else {
      put_word(key, st.fields.size());
      for (const FieldType& f : st.fields) put_word(key, c.val(f.storage).bits ^ (uint64_t{f.mut} << 16));
    }
  }
}

void append_func_type_key(const FuncType& ft, std::string& key) {
  put_word(key, 1);
  put_word(key, uint64_t{static_cast<uint8_t>(Composite::Func)} | uint64_t{1} << 8);
  put_word(key, 0);
  put_word(key, 0);
  put_word(key, 0);
  put_func(ft, nullptr, key);
}

std::vector<uint32_t> canonical_type_ids(const std::vector<FuncType>& types, const std::vector<SubType>& defs) {
  std::vector<uint32_t> ids(defs.size());
  std::unordered_map<std::string, uint32_t> bases;
  uint32_t next = 0;
  std::string key;
  for (uint32_t begin = 0; begin < defs.size();) {
    const uint32_t size = defs[begin].rec_size;
    key.clear();
    append_rec_group_key(types, defs, begin, size, ids, key);
    auto [it, inserted] = bases.try_emplace(key, next);
    if (inserted) next += size;
    for (uint32_t k = 0; k < size; ++k) ids[begin + k] = it->second + k;
    begin += size;
  }
  return ids;
}

}  // namespace wasmrun
