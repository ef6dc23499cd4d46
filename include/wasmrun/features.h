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

  static Features v2() { return Features{}; }
  // Everything implemented so far. Grows as features land.
  static Features all() { return Features{}; }
  // "2.0", "3.0" or "all"; returns false for an unknown name.
  static bool from_name(std::string_view name, Features& out) {
    if (name == "2.0") { out = v2(); return true; }
    if (name == "3.0" || name == "all") { out = all(); return true; }
    return false;
  }
};

}  // namespace wasmrun
