#include "loader/error_text.h"

#include <cstdio>

namespace wasmrun {

std::string hex(uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(value));
  return text;
}

std::string types_text(std::span<const ValType> types) {
  std::string s = "[";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i) s += ' ';
    // The validator's "unknown" operand (after an unconditional branch) is
    // no real type: it matches any.
    s += types[i].is_none() ? "any" : val_type_name(types[i]);
  }
  return s + "]";
}

std::string func_type_text(const FuncType& type) {
  return types_text(type.params) + " -> " + types_text(type.results);
}

std::string limits_text(const Limits& limits) {
  std::string s = "min " + std::to_string(limits.min);
  if (limits.has_max) s += ", max " + std::to_string(limits.max);
  return s;
}

std::string quoted(std::string_view name) {
  std::string s = "\"";
  for (char c : name) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F || c == '"' || c == '\\') {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\%02x", b);
      s += esc;
    } else {
      s += c;
    }
  }
  return s + "\"";
}

std::string index_space_detail(std::string_view what, size_t count) {
  const bool one = count == 1;
  if (what == "local") return "the function has " + std::to_string(count) + (one ? " local" : " locals");
  if (what == "label") return std::to_string(count) + (one ? " label is" : " labels are") + " in scope";
  std::string plural = what == "memory" ? "memories" : std::string(what) + "s";
  return "the module has " + std::to_string(count) + " " + (one ? std::string(what) : plural);
}

std::string function_name(const Module& module, uint32_t index) {
  auto it = module.func_names.find(index);
  if (it != module.func_names.end()) return "$" + it->second;
  for (const Export& e : module.exports)
    if (e.kind == ExternKind::Func && e.index == index) return "export " + quoted(e.name);
  return "";
}

void name_function(Error& error, const Module& module) {
  ErrorLocation& l = error.location();
  if (l.function && l.function_name.empty()) l.function_name = function_name(module, *l.function);
}

}  // namespace wasmrun
