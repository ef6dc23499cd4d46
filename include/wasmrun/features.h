// Which WebAssembly features a module may use. Chosen at run time: the
// loader, validator and text parser consult it, so one build serves the
// 2.0 profile today and 3.0 plus proposals as later work adds them.
#pragma once

#include <string_view>

namespace wasmrun {

struct Features {
  // WebAssembly 2.0 (all on in the 2.0 profile)
  bool sign_extension = true;
  bool saturating_float_to_int = true;
  bool multi_value = true;
  bool bulk_memory = true;
  bool reference_types = true;
  bool simd = true;
  // WebAssembly 3.0 and proposals (off until implemented)
  bool multi_memory = false;
  bool memory64 = false;
  bool tail_call = false;
  bool extended_const = false;
  bool exceptions = false;
  bool function_references = false;
  bool gc = false;
  bool relaxed_simd = false;
  bool threads = false;
  bool custom_page_sizes = false;
  bool wide_arithmetic = false;

  static Features v2() { return Features{}; }
  // Everything implemented so far. Grows as features land.
  static Features all() {
    Features f;
    f.multi_memory = true;
    f.memory64 = true;
    f.custom_page_sizes = true;
    f.tail_call = true;
    f.extended_const = true;
    f.wide_arithmetic = true;
    f.function_references = true;
    return f;
  }
  // "2.0", "3.0" or "all"; returns false for an unknown name.
  static bool from_name(std::string_view name, Features& out) {
    if (name == "2.0") { out = v2(); return true; }
    if (name == "3.0" || name == "all") { out = all(); return true; }
    return false;
  }
};

// The name by which `--features=+name,-name` lists and error messages call
// each flag.
#define WASMRUN_FEATURE_NAMES(X)                  \
  X(sign_extension, "sign-ext")                   \
  X(saturating_float_to_int, "sat-float-to-int")  \
  X(multi_value, "multi-value")                   \
  X(bulk_memory, "bulk-memory")                   \
  X(reference_types, "reference-types")           \
  X(simd, "simd")                                 \
  X(multi_memory, "multi-memory")                 \
  X(memory64, "memory64")                         \
  X(tail_call, "tail-call")                       \
  X(extended_const, "extended-const")             \
  X(exceptions, "exceptions")                     \
  X(function_references, "function-references")   \
  X(gc, "gc")                                     \
  X(relaxed_simd, "relaxed-simd")                 \
  X(threads, "threads")                           \
  X(custom_page_sizes, "custom-page-sizes")       \
  X(wide_arithmetic, "wide-arithmetic")

}  // namespace wasmrun
