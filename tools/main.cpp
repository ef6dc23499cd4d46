// The wasmrun command: runs a WASI program or a module's export
// (`wasmrun [run]`), describes a module (`wasmrun inspect`), or runs spec
// test scripts (`wasmrun wast`).
#include <fmt/core.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "spec-tests/runner.h"
#include "tools/inspect.h"
#include "tools/limits.h"
#include "tools/options.h"
#include "tools/run_module.h"
#include "wasmrun/version.h"

namespace {

constexpr const char* kUsage = R"(Usage: wasmrun [run] [OPTIONS] FILE [--] [ARGS...]
       wasmrun [run] [OPTIONS] --invoke NAME FILE [ARGS...]
       wasmrun inspect [--features LIST] [--write-binary OUT] FILE
       wasmrun wast [--features LIST] [--pending FILE] [--verbose] [--metered] PATH...

FILE is a binary module (.wasm) or a text one (.wat); `-` reads it from
standard input.

Runs a WebAssembly module with WASI preview 1 (wasi_snapshot_preview1 and
wasi_unstable). Without --invoke, runs the WASI command's `_start` with ARGS
as its arguments (the module path is argv[0]); the exit status is the code
the program passes to proc_exit, or 0 when `_start` returns. With --invoke,
runs `_initialize` if the module exports it (a WASI reactor), then calls the
export NAME with ARGS (parsed by its parameter types: integers in decimal or
0x hex) and prints each result on its own line. `wasmrun run` is the same
as `wasmrun`.

The program sees stdin, stdout and stderr, its arguments, the --env
variables and nothing else: no files but those under --dir directories,
which `..`, absolute paths and symlinks cannot leave.

Options (each takes its value as `--opt VALUE` or `--opt=VALUE`):
  --dir HOST[::GUEST]  give the program the host directory HOST, as GUEST
                       (default: HOST as written); repeatable
  --env NAME=VALUE     set an environment variable for the program; --env
                       NAME passes the host's value; repeatable
  --invoke NAME        call the export NAME instead of `_start`
  --preload NAME=PATH  instantiate the module at PATH first and let FILE
                       import its exports from module NAME; repeatable,
                       in order (each may import the ones before it)
  --features LIST      the WebAssembly features: a profile, 2.0, 3.0
                       (default: exactly WebAssembly 3.0) or all (3.0 and
                       the implemented proposals past it), and/or +NAME and -NAME to switch
                       one feature on or off, comma-separated, e.g.
                       3.0,+tail-call,-simd or +tail-call (from 3.0); NAME
                       is one of:
@FEATURE_NAMES@
  --validate WHEN      auto (default): eager below 4 MiB, lazy above;
                       lazy: validate each function body on the function's
                       first call, so a big module starts fast; eager:
                       validate every body before anything runs. Either way
                       an invalid module fails with exit status 1 (lazily:
                       when the invalid function is first called)
  --fuel N             stop the program with the trap "all fuel consumed"
                       after about N wasm instructions (charged per
                       function call and loop iteration)
  --timeout DURATION   stop it with the trap "interrupted" after DURATION
                       (5s, 250ms, 2m; a number alone is seconds)
  --max-memory SIZE    cap every linear memory at SIZE bytes (K, M, G);
                       memory.grow past it returns -1, a module that
                       needs more fails to instantiate
  --max-stack SIZE     the value stack's size (default 64M); deeper
                       recursion traps "call stack exhausted"
  -h, --help           show this help
  -V, --version        show the version
  --                   end of options; the rest are the program's arguments

Options go before FILE: everything after FILE is the program's (a `--`
right after FILE is dropped, and `FILE --invoke NAME` still works).

wasmrun inspect lists a module's sections (with offsets and sizes), its
imports and exports with their types, and its functions, tables, memories
and globals. With --write-binary OUT it writes the validated module's
binary encoding to OUT instead (a text module encoded, for tools that
read only binaries).

wasmrun wast runs WebAssembly spec test scripts (.wast files, or folders of
them), validating every module eagerly, and ends with the line
`N passed, N failed, N skipped`. --metered compiles every module with the
fuel and interrupt checks (unlimited fuel), to test that code. Without
--features, a script in a folder proposals/NAME/ runs with the feature NAME
on too. --pending FILE lists scripts not expected to pass yet (a path
relative to the folder argument, or a folder ending in /, then a reason,
one a line); their failures are reported but leave the exit status 0.

Exit status: the program's exit code (proc_exit), or 0; 134 (128 + SIGABRT,
as wasmtime) when the module traps, exhausts the call stack or throws an
exception nothing catches; 1 on an
error in a module (malformed, invalid, unlinkable) or a file; 2 on bad usage.
)";

// kUsage with the feature names, from WASMRUN_FEATURE_NAMES, in place of
// @FEATURE_NAMES@, wrapped under the option's description.
std::string usage_text() {
  const std::string indent(23, ' ');
  std::string names = wasmrun::feature_names() + ",";
  std::string lines, line = indent;
  for (size_t pos = 0; pos < names.size();) {
    size_t end = names.find(',', pos) + 1;
    std::string word = names.substr(pos, end - pos);
    if (end == names.size()) word.pop_back();  // no comma after the last name
    if (line.size() + word.size() > 78) {
      lines += line + "\n";
      line = indent;
    }
    line += word;
    pos = end;
    if (pos < names.size() && names[pos] == ' ') {
      ++pos;
      line += ' ';
    }
  }
  lines += line;
  std::string text = kUsage;
  text.replace(text.find("@FEATURE_NAMES@"), std::string_view("@FEATURE_NAMES@").size(), lines);
  return text;
}

// `wasmrun [run] ...`: reads the options, the module and its arguments.
int run_main(const std::vector<std::string>& args) {
  using wasmrun::cli::OptionMatch;
  using wasmrun::cli::usage_error;
  wasmrun::cli::RunRequest req;
  size_t i = 0;
  // Options come before the file; --invoke may also follow it.
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string v;
    bool missing = false;  // the option is given without its value
    auto is = [&](const char* name) {
      OptionMatch m = wasmrun::cli::take_option(args, i, name, v);
      missing = m == OptionMatch::Missing;
      return m != OptionMatch::No;
    };
    if (a == "-h" || a == "--help") {
      fmt::print("{}", usage_text());
      return 0;
    }
    if (a == "-V" || a == "--version") {
      fmt::print("wasmrun {}\n", WASMRUN_VERSION_STRING);
      return 0;
    }
    if (is("--invoke")) {
      if (missing || v.empty()) return usage_error("--invoke needs a function name");
      req.invoke = v;
    } else if (is("--dir")) {
      if (missing || v.empty()) return usage_error("--dir needs a directory");
      // HOST::GUEST as wasmtime writes it; a lone HOST is seen under its own name.
      size_t sep = v.find("::");
      if (sep == std::string::npos) req.dirs.push_back({v, v});
      else req.dirs.push_back({v.substr(0, sep), v.substr(sep + 2)});
      if (req.dirs.back().host_path.empty() || req.dirs.back().guest_path.empty())
        return usage_error("--dir " + v + ": expected HOST or HOST::GUEST");
    } else if (is("--env")) {
      if (missing) return usage_error("--env needs NAME=VALUE");
      size_t eq = v.find('=');
      if (eq == 0 || v.empty()) return usage_error("--env " + v + ": expected NAME=VALUE");
      if (eq == std::string::npos) {  // --env NAME: the host's value, if it has one
        const char* host = std::getenv(v.c_str());
        if (host) req.env.push_back(v + "=" + host);
      } else {
        req.env.push_back(v);
      }
    } else if (is("--preload")) {
      if (missing) return usage_error("--preload needs NAME=PATH");
      size_t eq = v.find('=');
      if (eq == 0 || eq == std::string::npos || eq + 1 == v.size())
        return usage_error("--preload " + v + ": expected NAME=PATH");
      req.preloads.push_back({v.substr(0, eq), v.substr(eq + 1)});
    } else if (is("--features")) {
      if (missing) return usage_error("--features needs a profile (2.0, 3.0, all) or a list such as 3.0,+tail-call,-simd");
      std::string error;
      if (!wasmrun::parse_features(v, req.features, error)) return usage_error("--features " + v + ": " + error);
    } else if (is("--fuel")) {
      auto n = missing ? std::nullopt : wasmrun::cli::parse_count(v);
      if (!n) return usage_error("--fuel needs a count of instructions (decimal or 0x hex)");
      req.fuel = *n;
    } else if (is("--timeout")) {
      auto d = missing ? std::nullopt : wasmrun::cli::parse_duration(v);
      if (!d) return usage_error("--timeout needs a duration such as 5s, 250ms or 2m");
      req.timeout = *d;
      req.timeout_text = v;
    } else if (is("--max-memory")) {
      auto n = missing ? std::nullopt : wasmrun::cli::parse_size(v);
      if (!n) return usage_error("--max-memory needs a size in bytes (K, M, G suffixes)");
      req.max_memory_bytes = *n;
    } else if (is("--max-stack")) {
      auto n = missing ? std::nullopt : wasmrun::cli::parse_size(v);
      if (!n || *n == 0) return usage_error("--max-stack needs a size in bytes (K, M, G suffixes)");
      req.max_stack_bytes = *n;
    } else if (is("--validate")) {
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
  if (i < args.size() && !req.invoke) {
    std::string v;
    size_t j = i;
    OptionMatch m = wasmrun::cli::take_option(args, j, "--invoke", v);
    if (m == OptionMatch::Missing) return usage_error("--invoke needs a function name");
    if (m == OptionMatch::Yes) {
      req.invoke = v;
      i = j + 1;
    }
  }
  if (i < args.size() && args[i] == "--") ++i;
  req.args.assign(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
  return wasmrun::cli::run_module(req);
}

// `wasmrun wast`: the spec runner reads `--features=SET` and
// `--pending=FILE`; `--features SET` and `--pending FILE` are accepted too
// and handed on in that form.
int wast(const std::vector<std::string>& args) {
  std::vector<std::string> joined;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string v;
    switch (wasmrun::cli::take_option(args, i, "--features", v)) {
      case wasmrun::cli::OptionMatch::Missing:
        return wasmrun::cli::usage_error("--features needs a profile (2.0, 3.0, all) or a list such as 3.0,+tail-call,-simd");
      case wasmrun::cli::OptionMatch::Yes: joined.push_back("--features=" + v); continue;
      case wasmrun::cli::OptionMatch::No: break;
    }
    switch (wasmrun::cli::take_option(args, i, "--pending", v)) {
      case wasmrun::cli::OptionMatch::Missing: return wasmrun::cli::usage_error("--pending needs a file");
      case wasmrun::cli::OptionMatch::Yes: joined.push_back("--pending=" + v); break;
      case wasmrun::cli::OptionMatch::No: joined.push_back(args[i]); break;
    }
  }
  return wasmrun::spectest::wast_main(joined);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "wast") return wast({args.begin() + 1, args.end()});
  if (!args.empty() && args[0] == "inspect") return wasmrun::cli::inspect_main({args.begin() + 1, args.end()});
  if (!args.empty() && args[0] == "run") return run_main({args.begin() + 1, args.end()});
  return run_main(args);
}
