// Holding WebAssembly GC references (structs, arrays, and the externrefs
// and exnrefs that wrap them) from C++. See docs/GC.md, "Host roots".
//
// Objects are freed only while the store runs wasm code (a call, or an
// instantiation's constant expressions and start function). A reference
// the embedder gets from Store::call stays valid until the next outermost
// Store::call on that store starts (a call made while none of the store's
// wasm code runs). One read from a Global or a Table stays valid until the
// store next runs wasm code, and after that for as long as the global or
// table still holds it. To keep a reference longer, hold a GcRoot.
#pragma once

#include "wasmrun/wasmrun.h"

namespace wasmrun {

// Keeps one reference (and everything it reaches) alive while it exists.
// Move-only; must not outlive its Store. A GcRoot of a null, i31, function
// or host reference holds nothing and costs nothing.
class GcRoot {
 public:
  GcRoot() = default;
  GcRoot(Store& store, const Value& ref);
  ~GcRoot() { reset(); }
  GcRoot(GcRoot&& other) noexcept : store_(other.store_), value_(other.value_) { other.store_ = nullptr; }
  GcRoot& operator=(GcRoot&& other) noexcept {
    if (this != &other) {
      reset();
      store_ = other.store_;
      value_ = other.value_;
      other.store_ = nullptr;
    }
    return *this;
  }
  GcRoot(const GcRoot&) = delete;
  GcRoot& operator=(const GcRoot&) = delete;

  const Value& value() const { return value_; }
  // Lets go of the reference (value() stays as it was, but may dangle).
  void reset();

 private:
  Store* store_ = nullptr;  // set while something is pinned
  Value value_;
};

}  // namespace wasmrun
