#include "loader/type_match.h"

#include <string>
#include <unordered_map>

#include "loader/module.h"

namespace wasmrun {

std::vector<uint32_t> type_classes(const std::vector<FuncType>& types) {
  std::vector<uint32_t> classes;
  classes.reserve(types.size());
  std::unordered_map<std::string, uint32_t> ids;
  std::string key;
  for (size_t i = 0; i < types.size(); ++i) {
    // The type with every referenced earlier type replaced by its class
    // (later ones are invalid, and left as they are for the validator).
    key.clear();
    auto put = [&](ValType v) {
      if (v.is_ref() && v.heap().kind == HeapType::Kind::Index) {
        uint32_t j = v.heap().value;
        if (j == i) v = ValType::ref(HeapType::rec(0), v.nullable());
        else if (j < i) v = ValType::ref(HeapType::canon(classes[j]), v.nullable());
      }
      key.append(reinterpret_cast<const char*>(&v.bits), sizeof v.bits);
    };
    uint64_t n = types[i].params.size();
    key.append(reinterpret_cast<const char*>(&n), sizeof n);
    for (ValType p : types[i].params) put(p);
    for (ValType r : types[i].results) put(r);
    auto [it, inserted] = ids.try_emplace(key, static_cast<uint32_t>(ids.size()));
    classes.push_back(it->second);
  }
  return classes;
}

namespace {

bool is_func_family(AbsHeap a) { return a == AbsHeap::Func || a == AbsHeap::NoFunc; }

}  // namespace

AbsHeap heap_top(HeapType h, const Module&) {
  if (h.is_defined()) return AbsHeap::Func;  // defined types are function types for now
  switch (h.abstract()) {
    case AbsHeap::Func:
    case AbsHeap::NoFunc: return AbsHeap::Func;
    case AbsHeap::Extern:
    case AbsHeap::NoExtern: return AbsHeap::Extern;
    case AbsHeap::Exn:
    case AbsHeap::NoExn: return AbsHeap::Exn;
    default: return AbsHeap::Any;
  }
}

bool types_equal(HeapType a, HeapType b, const Module& m) {
  if (a == b) return true;
  if (a.kind != HeapType::Kind::Index || b.kind != HeapType::Kind::Index) return false;
  const auto& c = m.type_classes;
  return a.value < c.size() && b.value < c.size() && c[a.value] == c[b.value];
}

bool heap_matches(HeapType a, HeapType b, const Module& m) {
  if (a == b || a.kind == HeapType::Kind::Bot) return true;
  if (b.kind == HeapType::Kind::Bot) return false;
  if (a.is_defined()) {
    if (b.is_defined()) return types_equal(a, b, m);
    return b.abstract() == AbsHeap::Func;
  }
  AbsHeap x = a.abstract();
  if (b.is_defined()) return x == AbsHeap::NoFunc;
  AbsHeap y = b.abstract();
  switch (x) {
    case AbsHeap::NoFunc: return is_func_family(y);
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

}  // namespace wasmrun
