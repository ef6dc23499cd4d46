// The wasmrun command: runs a module's export or start function, or the
// spec test runner (`wasmrun wast`).
#include <fmt/core.h>

#include <string>
#include <vector>

#include "spec-tests/runner.h"
#include "tools/run_module.h"
#include "wasmrun/version.h"

namespace {

constexpr const char* kUsage = R"(Usage: wasmrun [OPTIONS] FILE.wasm|FILE.wat [--invoke NAME] [--] [ARGS...]
       wasmrun wast [--features=2.0|3.0|all] [--verbose] PATH...

Runs a WebAssembly module. With --invoke, calls the exported function NAME
with ARGS (parsed by its parameter types) and prints each result on its own
line; otherwise calls the module's start export `_start`.

Options:
  --invoke NAME      call the export NAME
  --features=SET     the WebAssembly feature set: 2.0 (default), 3.0 or all
  -h, --help         show this help
  -V, --version      show the version
  --                 end of options; the rest are arguments

wasmrun wast runs WebAssembly spec test scripts (.wast files, or folders of
them) and ends with the line `N passed, N failed, N skipped`.

Exit status: 0 on success, 1 on a trap or an error in the module, 2 on bad usage.
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "wast") return wasmrun::spectest::wast_main({args.begin() + 1, args.end()});

  wasmrun::cli::RunRequest req;
  size_t i = 0;
  auto usage_error = [](const std::string& msg) {
    fmt::print(stderr, "wasmrun: {} (see wasmrun --help)\n", msg);
    return 2;
  };
  // Options come before the file; --invoke may also follow it.
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      fmt::print("{}", kUsage);
      return 0;
    }
    if (a == "-V" || a == "--version") {
      fmt::print("wasmrun {}\n", WASMRUN_VERSION_STRING);
      return 0;
    }
    if (a == "--invoke") {
      if (i + 1 >= args.size()) return usage_error("--invoke needs a function name");
      req.invoke = args[++i];
    } else if (a.rfind("--invoke=", 0) == 0) {
      req.invoke = a.substr(9);
    } else if (a.rfind("--features=", 0) == 0) {
      if (!wasmrun::Features::from_name(a.substr(11), req.features))
        return usage_error("unknown feature set '" + a.substr(11) + "'");
    } else if (a == "--") {
      ++i;
      break;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage_error("unknown option '" + a + "'");
    } else {
      break;
    }
  }
  if (i >= args.size()) return usage_error("no module file given");
  req.path = args[i++];
  if (i < args.size() && args[i] == "--invoke" && !req.invoke) {
    if (i + 1 >= args.size()) return usage_error("--invoke needs a function name");
    req.invoke = args[i + 1];
    i += 2;
  }
  if (i < args.size() && args[i] == "--") ++i;
  req.args.assign(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
  return wasmrun::cli::run_module(req);
}
