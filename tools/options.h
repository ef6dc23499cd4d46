// Command-line option reading shared by every wasmrun subcommand: an
// option with a value is accepted as `--name VALUE` and as `--name=VALUE`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wasmrun::cli {

enum class OptionMatch {
  No,       // args[i] is not this option
  Yes,      // it is; the value was read (and i moved past a separate one)
  Missing,  // it is, but no value follows
};

// Whether args[i] is the option `name` (e.g. "--dir") with a value.
OptionMatch take_option(const std::vector<std::string>& args, size_t& i, std::string_view name, std::string& value);

// Prints "wasmrun: MESSAGE (see wasmrun --help)" on stderr; returns 2, the
// exit status of bad usage.
int usage_error(const std::string& message);

}  // namespace wasmrun::cli
