// `wasmrun FILE [--invoke NAME] ARGS...`: load, instantiate and call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "wasmrun/features.h"

namespace wasmrun::cli {

struct RunRequest {
  std::string path;
  std::optional<std::string> invoke;  // else `_start`
  std::vector<std::string> args;
  Features features = Features::v2();
};

// Returns the process exit status; reports errors on stderr in one line.
int run_module(const RunRequest& req);

}  // namespace wasmrun::cli
