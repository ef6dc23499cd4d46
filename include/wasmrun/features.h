// Which WebAssembly features a module may use. Chosen at run time: the
// loader, validator and text parser consult it, so one build serves three
// profiles: 2.0, 3.0 (the default) and all (3.0 plus the implemented
// proposals: custom-page-sizes, wide-arithmetic, threads, custom-descriptors),
// each adjustable flag by flag with +NAME/-NAME.
#pragma once

#include <string>
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
  // WebAssembly 3.0 (on in the 3.0 profile once implemented)
  bool multi_memory = false;
  bool memory64 = false;
  bool tail_call = false;
  bool extended_const = false;
  bool exceptions = false;
  bool function_references = false;
  bool gc = false;
  bool relaxed_simd = false;
  // Proposals past 3.0 (on in `all` once implemented)
  bool threads = false;
  bool custom_page_sizes = false;
  bool wide_arithmetic = false;
  bool custom_descriptors = false;
  // Not a feature: error messages whose text the 3.0 test suite changed
  // from 2.0's ("immutable global" for "global is immutable", ...). On in
  // the 3.0 profile, off in 2.0, whatever +NAME/-NAME items follow.
  bool messages_3_0 = false;

  static Features v2() { return Features{}; }
  // WebAssembly 3.0 exactly: the features the 3.0 specification merged, as
  // far as wasmrun implements them.
  static Features v3() {
    Features f;
    f.messages_3_0 = true;
    f.multi_memory = true;
    f.memory64 = true;
    f.tail_call = true;
    f.extended_const = true;
    f.exceptions = true;
    f.relaxed_simd = true;
    f.function_references = true;
    f.gc = true;  // the type system; GC's instructions are not read yet
    return f;
  }
  // 3.0 and the proposals past it that wasmrun implements.
  static Features all() {
    Features f = v3();
    f.custom_page_sizes = true;
    f.wide_arithmetic = true;
    f.threads = true;
    f.custom_descriptors = true;
    return f;
  }
  // What the command line, the spec runner and a Store use when not told
  // otherwise: the 3.0 profile (proposals are asked for by name or `all`).
  static Features defaults() { return v3(); }
  // A profile: "2.0", "3.0" or "all"; returns false for another name.
  static bool from_name(std::string_view name, Features& out) {
    if (name == "2.0") { out = v2(); return true; }
    if (name == "3.0") { out = v3(); return true; }
    if (name == "all") { out = all(); return true; }
    return false;
  }

  bool operator==(const Features&) const = default;
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
  X(wide_arithmetic, "wide-arithmetic")           \
  X(custom_descriptors, "custom-descriptors")

// The flag a feature name (as WASMRUN_FEATURE_NAMES spells it) selects, or
// nullptr for an unknown name.
inline bool* feature_flag(Features& features, std::string_view name) {
#define WASMRUN_FEATURE_FLAG_CASE(field, text) \
  if (name == text) return &features.field;
  WASMRUN_FEATURE_NAMES(WASMRUN_FEATURE_FLAG_CASE)
#undef WASMRUN_FEATURE_FLAG_CASE
  return nullptr;
}

// "sign-ext, sat-float-to-int, ...": every feature name, for messages.
inline std::string feature_names() {
  std::string names;
#define WASMRUN_FEATURE_NAME_TEXT(field, text) \
  names += names.empty() ? "" : ", ";          \
  names += text;
  WASMRUN_FEATURE_NAMES(WASMRUN_FEATURE_NAME_TEXT)
#undef WASMRUN_FEATURE_NAME_TEXT
  return names;
}

// Parses a `--features` value: a comma-separated list whose first item may
// be a profile (2.0, 3.0 or all) and whose other items are +NAME (switch
// the feature on) or -NAME (off), applied left to right. Without a profile
// the list starts from `out` as given (the caller's default). Examples:
// "2.0", "3.0,+tail-call,-simd", "+tail-call,-simd". On an error `out` is
// left as it was and `error` holds a one-line reason that lists the valid
// names.
inline bool parse_features(std::string_view list, Features& out, std::string& error) {
  const std::string valid =
      "expected a profile (2.0, 3.0, all) first, then +NAME or -NAME with NAME one of: " + feature_names();
  Features result = out;
  bool first = true;
  size_t pos = 0;
  for (;;) {
    size_t comma = list.find(',', pos);
    std::string_view item = list.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    if (item.empty()) {
      error = "empty item in feature list '" + std::string(list) + "'; " + valid;
      return false;
    }
    if (item[0] == '+' || item[0] == '-') {
      bool* flag = feature_flag(result, item.substr(1));
      if (!flag) {
        error = "unknown feature '" + std::string(item.substr(1)) + "'; " + valid;
        return false;
      }
      *flag = item[0] == '+';
    } else if (!first || !Features::from_name(item, result)) {
      Features probe;
      if (feature_flag(probe, item))
        error = "write +" + std::string(item) + " or -" + std::string(item) + ", not '" + std::string(item) + "'";
      else
        error = (first ? "unknown feature set '" : "a profile must come first, not '") + std::string(item) + "'";
      error += "; " + valid;
      return false;
    }
    first = false;
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  out = result;
  return true;
}

}  // namespace wasmrun
