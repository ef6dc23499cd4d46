#include "tools/error_line.h"

namespace wasmrun::cli {

std::string module_error_line(const std::string& file, const Error& e) {
  const std::string where = e.where();
  std::string line = file;
  if (e.location().has_line()) line += ":" + where;  // as compilers write it, for editors
  else if (!where.empty()) line += ": " + where;
  return line + ": " + e.describe_message() + " (" + error_kind_name(e.kind()) + ")";
}

}  // namespace wasmrun::cli
