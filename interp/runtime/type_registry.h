// A store's canonical types (WebAssembly 3.0, "Type Equivalence" and
// "Matching"): every recursion group of every instantiated module is
// interned by its closed form (loader/type_canon.h), so structurally equal
// types of different modules get one id, and call_indirect and import
// matching compare ids.
//
// Each id keeps its declared supertype and its depth in the supertype
// chain, with a display: the chain's ids from the root down, so that
// "a <: b" is one compare at a known position (display[a][depth(b)] == b)
// — what call_indirect's mismatch path uses now, and casts later. The
// display holds the first kDisplayDepth levels of the chain (bounded
// memory per type); below them the chain is walked.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "loader/type_defs.h"
#include "wasmrun/types.h"

namespace wasmrun {
struct Module;
}

namespace wasmrun::interp {

class TypeRegistry {
 public:
  static constexpr uint32_t kDisplayDepth = 64;
  static constexpr uint32_t kNone = UINT32_MAX;

  // The canonical id of each of the module's type indices (interning its
  // groups in order).
  std::vector<uint32_t> intern_module(const Module& m);
  // A final function type without supertype in a group of its own (a host
  // function's or host tag's type), whose references are abstract.
  uint32_t intern(const FuncType& t);

  // a <: b, for canonical ids.
  bool is_subtype(uint32_t a, uint32_t b) const {
    if (a == b) return true;
    const Info& x = info_[a];
    const uint32_t d = info_[b].depth;
    if (d >= x.depth) return false;
    if (d < kDisplayDepth) return display_[x.display + d] == b;
    return is_deep_subtype(a, b);
  }
  Composite kind(uint32_t id) const { return info_[id].kind; }
  uint32_t super(uint32_t id) const { return info_[id].super; }
  uint32_t depth(uint32_t id) const { return info_[id].depth; }

  // The type with its module type indices replaced by canonical ids
  // (`ids`: intern_module's result for the module it comes from).
  static ValType canonical(ValType t, const std::vector<uint32_t>& ids) {
    if (t.is_ref() && t.heap().kind == HeapType::Kind::Index && t.heap().value < ids.size())
      return ValType::ref(HeapType::canon(ids[t.heap().value]).with_exact(t.heap().exact), t.nullable());
    return t;
  }
  // a <: b for types in canonical form (abstract or Canon heap types).
  bool val_matches(ValType a, ValType b) const;

 private:
  struct Info {
    Composite kind = Composite::Func;
    uint32_t super = kNone;  // the declared supertype's id
    uint32_t depth = 0;      // the supertype chain's length above this type
    uint32_t display = 0;    // where its chain starts in display_
  };
  bool is_deep_subtype(uint32_t a, uint32_t b) const;
  // The id of the group with this key, adding the group's `size` types
  // (their kinds and supertypes from `add`) if it is new.
  template <class Add>
  uint32_t intern_group(const std::string& key, uint32_t size, Add add);
  void add_type(Composite kind, uint32_t super);

  std::unordered_map<std::string, uint32_t> groups_;  // key -> the group's first id
  std::vector<Info> info_;
  std::vector<uint32_t> display_;
};

}  // namespace wasmrun::interp
