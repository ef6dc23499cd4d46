// The wasmrun command: runs a WASI program or a module's export, or the
// spec test runner (`wasmrun wast`).
#include <fmt/core.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "spec-tests/runner.h"
#include "tools/run_module.h"
#include "wasmrun/version.h"

namespace {

constexpr const char* kUsage = R"(Usage: wasmrun [OPTIONS] FILE.wasm|FILE.wat [--] [ARGS...]
       wasmrun [OPTIONS] --invoke NAME FILE.wasm|FILE.wat [ARGS...]
       wasmrun wast [--features=2.0|3.0|all] [--verbose] PATH...

Runs a WebAssembly module with WASI preview 1 (wasi_snapshot_preview1 and
wasi_unstable). Without --invoke, runs the WASI command's `_start` with ARGS
as its arguments (the module path is argv[0]); the exit status is the code
the program passes to proc_exit, or 0 when `_start` returns. With --invoke,
runs `_initialize` if the module exports it (a WASI reactor), then calls the
export NAME with ARGS (parsed by its parameter types) and prints each result
on its own line.

The program sees stdin, stdout and stderr, its arguments, the --env
variables and nothing else: no files but those under --dir directories,
which `..`, absolute paths and symlinks cannot leave.

Options:
  --dir HOST[::GUEST]  give the program the host directory HOST, as GUEST
                       (default: HOST as written); repeatable
  --env NAME=VALUE     set an environment variable for the program; --env
                       NAME passes the host's value; repeatable
  --invoke NAME        call the export NAME instead of `_start`
  --features=SET       the WebAssembly feature set: 2.0 (default), 3.0 or all
  --validate=WHEN      auto (default): eager below 4 MiB, lazy above;
                       lazy: validate each function body on the function's
                       first call, so a big module starts fast; eager:
                       validate every body before anything runs. Either way
                       an invalid module fails with exit status 1 (lazily:
                       when the invalid function is first called)
  -h, --help           show this help
  -V, --version        show the version
  --                   end of options; the rest are the program's arguments

Options go before FILE: everything after FILE is the program's (a `--`
right after FILE is dropped, and `FILE --invoke NAME` still works).

wasmrun wast runs WebAssembly spec test scripts (.wast files, or folders of
them), validating every module eagerly, and ends with the line
`N passed, N failed, N skipped`.

Exit status: the program's exit code; 1 on a trap or an error in the module;
2 on bad usage.
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
  // Whether args[i] is option `name` with a value, as "--name V" or
  // "--name=V"; the value goes to `v` (and i moves past a separate one).
  // `missing` is set when the value is absent.
  auto option = [&](const std::string& name, std::string& v, bool& missing) {
    const std::string& a = args[i];
    missing = false;
    if (a == name) {
      if (i + 1 >= args.size()) {
        missing = true;
        return true;
      }
      v = args[++i];
      return true;
    }
    if (a.size() > name.size() && a.compare(0, name.size(), name) == 0 && a[name.size()] == '=') {
      v = a.substr(name.size() + 1);
      return true;
    }
    return false;
  };
  // Options come before the file; --invoke may also follow it.
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string v;
    bool missing = false;
    if (a == "-h" || a == "--help") {
      fmt::print("{}", kUsage);
      return 0;
    }
    if (a == "-V" || a == "--version") {
      fmt::print("wasmrun {}\n", WASMRUN_VERSION_STRING);
      return 0;
    }
    if (option("--invoke", v, missing)) {
      if (missing) return usage_error("--invoke needs a function name");
      req.invoke = v;
    } else if (option("--dir", v, missing)) {
      if (missing || v.empty()) return usage_error("--dir needs a directory");
      // HOST::GUEST as wasmtime writes it; a lone HOST is seen under its own name.
      size_t sep = v.find("::");
      if (sep == std::string::npos) req.dirs.push_back({v, v});
      else req.dirs.push_back({v.substr(0, sep), v.substr(sep + 2)});
      if (req.dirs.back().host_path.empty() || req.dirs.back().guest_path.empty())
        return usage_error("--dir " + v + ": expected HOST or HOST::GUEST");
    } else if (option("--env", v, missing)) {
      if (missing) return usage_error("--env needs NAME=VALUE");
      size_t eq = v.find('=');
      if (eq == 0 || v.empty()) return usage_error("--env " + v + ": expected NAME=VALUE");
      if (eq == std::string::npos) {  // --env NAME: the host's value, if it has one
        const char* host = std::getenv(v.c_str());
        if (host) req.env.push_back(v + "=" + host);
      } else {
        req.env.push_back(v);
      }
    } else if (a.rfind("--features=", 0) == 0) {
      if (!wasmrun::Features::from_name(a.substr(11), req.features))
        return usage_error("unknown feature set '" + a.substr(11) + "'");
    } else if (option("--validate", v, missing)) {
      if (missing) return usage_error("--validate needs auto, eager or lazy");
      if (v == "lazy") req.validation = wasmrun::cli::RunRequest::Validation::Lazy;
      else if (v == "eager") req.validation = wasmrun::cli::RunRequest::Validation::Eager;
      else if (v == "auto") req.validation = wasmrun::cli::RunRequest::Validation::Auto;
      else return usage_error("--validate " + v + ": expected auto, eager or lazy");
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
