// A compiled function's exception handlers: the side table that unwinding
// (interp/exec/unwind.cpp) consults when an exception is thrown, and
// nothing else does. Code that never throws pays nothing for it.
//
// Each try_table or legacy try is one Handler: the range of code words it
// protects and its catch clauses, in clause order. Handlers are listed in
// the order their blocks open, so for any code position the innermost
// handler containing it is the last one listed that does; `parent` is the
// handler around it (the one that protects the block's own position).
// Positions are word offsets into Code::slots while the handler is in
// Code; in the compiler's records (code_records.h) they are record
// indices until the encoder converts them.
#pragma once

#include <cstdint>
#include <vector>

namespace wasmrun::interp {

constexpr uint32_t kNoSlot = 0xFFFFFFFFu;

struct CatchRule {
  // Catch: one tag; All: any exception (catch_all, catch_all_ref).
  enum class Kind : uint8_t { Tag, All } kind = Kind::Tag;
  uint32_t tag = 0;          // Kind::Tag: index into the instance's tags
  uint32_t target = 0;       // where the catch continues
  uint32_t dest = 0;         // the first slot the payload goes to (Kind::Tag)
  uint32_t exn_slot = kNoSlot;  // where the exnref goes, if it is kept
};

struct Handler {
  uint32_t start = 0, end = 0;  // the protected code: [start, end)
  int32_t parent = -1;          // the enclosing handler; -1 for none
  // A legacy `delegate`: catches nothing itself, and the search goes on
  // at handler `delegate_to` (-1: out of the function) instead of parent.
  bool delegates = false;
  int32_t delegate_to = -1;
  std::vector<CatchRule> catches;
};

}  // namespace wasmrun::interp
