#include "tools/options.h"

#include <fmt/core.h>

namespace wasmrun::cli {

OptionMatch take_option(const std::vector<std::string>& args, size_t& i, std::string_view name, std::string& value) {
  std::string_view a = args[i];
  if (a == name) {
    if (i + 1 >= args.size()) return OptionMatch::Missing;
    value = args[++i];
    return OptionMatch::Yes;
  }
  if (a.size() > name.size() && a.substr(0, name.size()) == name && a[name.size()] == '=') {
    value = std::string(a.substr(name.size() + 1));
    return OptionMatch::Yes;
  }
  return OptionMatch::No;
}

int usage_error(const std::string& message) {
  fmt::print(stderr, "wasmrun: {} (see wasmrun --help)\n", message);
  return 2;
}

}  // namespace wasmrun::cli
