#include "spec-tests/runner.h"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>
#include <utility>

#include "loader/text/wast.h"
#include "loader/text/wat.h"
#include "spec-tests/pending_list.h"
#include "spec-tests/spectest_host.h"
#include "spec-tests/value_match.h"
#include "wasmrun/wasmrun.h"

namespace wasmrun::spectest {

namespace {

using Cmd = wast::Command;

// The outcome of one command: passed, or failed/skipped with a reason.
struct Outcome {
  enum class Status { Passed, Failed, Skipped } status = Status::Passed;
  std::string reason;
  static Outcome pass() { return {}; }
  static Outcome fail(std::string r) { return {Status::Failed, std::move(r)}; }
  static Outcome skip(std::string r) { return {Status::Skipped, std::move(r)}; }
};

// The spec interpreter's convention: the expected message is a prefix of
// the actual one. The actual one is the error's message, then ": " and its
// detail when there is one (not its location): most scripts quote the
// message alone ("type mismatch"), a few the reference interpreter's
// detail too ("type mismatch: instruction requires [i32] but stack has []").
bool message_matches(const Error& e, const std::string& expected) {
  std::string_view message = e.message();
  if (message.substr(0, expected.size()) == expected) return true;
  if (e.detail().empty() || expected.size() <= message.size()) return false;
  std::string full = std::string(message) + ": " + e.detail();
  return std::string_view(full).substr(0, expected.size()) == expected;
}

const char* command_name(Cmd::Kind k) {
  switch (k) {
    case Cmd::Kind::Module: return "module";
    case Cmd::Kind::Register: return "register";
    case Cmd::Kind::Action: return "action";
    case Cmd::Kind::AssertReturn: return "assert_return";
    case Cmd::Kind::AssertTrap: return "assert_trap";
    case Cmd::Kind::AssertExhaustion: return "assert_exhaustion";
    case Cmd::Kind::AssertMalformed: return "assert_malformed";
    case Cmd::Kind::AssertInvalid: return "assert_invalid";
    case Cmd::Kind::AssertUnlinkable: return "assert_unlinkable";
    case Cmd::Kind::AssertUninstantiable: return "assert_uninstantiable";
    case Cmd::Kind::AssertException: return "assert_exception";
    case Cmd::Kind::AssertMalformedCustom: return "assert_malformed_custom";
    case Cmd::Kind::AssertInvalidCustom: return "assert_invalid_custom";
    case Cmd::Kind::Thread: return "thread";
    case Cmd::Kind::Wait: return "wait";
  }
  return "command";
}

// A command's outcome, with the line and kind to report it by.
struct Report {
  int line = 0;
  Cmd::Kind kind = Cmd::Kind::Module;
  Outcome outcome;
};

class ScriptRunner {
 public:
  explicit ScriptRunner(const RunOptions& options) : options_(options), store_(options.features) {
    add_spectest_module(store_, registry_, options.verbose);
  }
  ~ScriptRunner() { join_all(); }
  ScriptRunner(const ScriptRunner&) = delete;
  ScriptRunner& operator=(const ScriptRunner&) = delete;

  // The outcomes of the commands of threads joined since the last call, in
  // the order of each thread's commands, threads in the order joined.
  std::vector<Report> take_thread_reports() { return std::exchange(joined_reports_, {}); }

  // Joins the threads no `wait` joined (at the end of a script).
  void join_all() {
    for (auto& t : threads_)
      if (t->thread.joinable()) join(*t);
  }

  Outcome run(const Cmd& cmd) {
    switch (cmd.kind) {
      case Cmd::Kind::Module: return define_module(cmd.module);
      case Cmd::Kind::Register: return register_module(cmd);
      case Cmd::Kind::Action: {
        std::vector<Value> results;
        return perform(cmd.action, results);
      }
      case Cmd::Kind::AssertReturn: return assert_return(cmd);
      case Cmd::Kind::AssertTrap:
        if (cmd.has_module) return assert_instantiation_fails(cmd, ErrorKind::Trap);
        return assert_action_fails(cmd, ErrorKind::Trap);
      case Cmd::Kind::AssertExhaustion: return assert_action_fails(cmd, ErrorKind::Exhaustion);
      case Cmd::Kind::AssertMalformed: return assert_compile_fails(cmd, ErrorKind::Malformed);
      case Cmd::Kind::AssertInvalid: return assert_compile_fails(cmd, ErrorKind::Invalid);
      case Cmd::Kind::AssertUnlinkable: return assert_instantiation_fails(cmd, ErrorKind::Link);
      case Cmd::Kind::AssertUninstantiable: return assert_instantiation_fails(cmd, ErrorKind::Trap);
      case Cmd::Kind::AssertException: return assert_action_fails(cmd, ErrorKind::Exception);
      case Cmd::Kind::AssertMalformedCustom: return assert_compile_fails(cmd, ErrorKind::Malformed);
      case Cmd::Kind::AssertInvalidCustom: return assert_compile_fails(cmd, ErrorKind::Invalid);
      case Cmd::Kind::Thread: return start_thread(cmd);
      case Cmd::Kind::Wait: return wait_thread(cmd);
    }
    return Outcome::skip("unknown command");
  }

 private:
  LoadOptions load_options() const {
    LoadOptions o;
    o.metered = options_.metered;
    return o;
  }

  std::shared_ptr<CompiledModule> compile(const wast::ScriptModule& m) {
    switch (m.form) {
      case wast::ScriptModule::Form::Quote:
        return CompiledModule::from_text(m.quote, options_.features, load_options());
      case wast::ScriptModule::Form::Text:
        if (m.encode_error) throw *m.encode_error;
        [[fallthrough]];
      case wast::ScriptModule::Form::Binary:
        return CompiledModule::from_binary(m.binary, options_.features, load_options());
    }
    return nullptr;
  }

  Outcome define_module(const wast::ScriptModule& m) {
    if (m.instance) return instantiate_definition(m);
    current_ = nullptr;  // a failed definition must not leave the old one current
    try {
      auto compiled = compile(m);
      modules_.push_back(compiled);
      if (m.definition) {  // checked only: instantiated by `(module instance ...)`
        last_definition_ = compiled;
        if (m.name) definitions_[*m.name] = compiled;
        return Outcome::pass();
      }
      Instance* inst = store_.instantiate(*compiled, registry_);
      current_ = inst;
      if (m.name) named_[*m.name] = inst;
      return Outcome::pass();
    } catch (const Error& e) {
      return Outcome::fail(fmt::format("module did not load: {}: {}", error_kind_name(e.kind()), e.describe()));
    }
  }

  // `(module instance $i $m)`: a new instance of the definition $m.
  Outcome instantiate_definition(const wast::ScriptModule& m) {
    current_ = nullptr;
    std::shared_ptr<CompiledModule> def = last_definition_;
    if (m.instance_of) {
      auto it = definitions_.find(*m.instance_of);
      def = it == definitions_.end() ? nullptr : it->second;
    }
    if (!def) return Outcome::fail(fmt::format("module instance: no module definition {}", m.instance_of.value_or("")));
    try {
      Instance* inst = store_.instantiate(*def, registry_);
      current_ = inst;
      if (m.name) named_[*m.name] = inst;
      return Outcome::pass();
    } catch (const Error& e) {
      return Outcome::fail(fmt::format("module did not instantiate: {}: {}", error_kind_name(e.kind()), e.describe()));
    }
  }

  Outcome register_module(const Cmd& cmd) {
    Instance* inst = cmd.register_module ? find_named(*cmd.register_module) : current_;
    if (!inst) return Outcome::fail("register: no such module");
    registry_.add_instance(cmd.register_as, *inst);
    return Outcome::pass();
  }

  Instance* find_named(const std::string& name) {
    auto it = named_.find(name);
    return it == named_.end() ? nullptr : it->second;
  }

  // Runs an action; a wasmrun::Error propagates to the caller.
  std::vector<Value> run_action(const wast::Action& a) {
    Instance* inst = a.module ? find_named(*a.module) : current_;
    if (!inst) throw Error(ErrorKind::Usage, "no module to act on (it failed to load?)");
    if (a.kind == wast::Action::Kind::Get) {
      Global* g = inst->global(a.field);
      if (!g) throw Error(ErrorKind::Usage, fmt::format("no global export \"{}\"", a.field));
      return {g->get()};
    }
    Func* f = inst->func(a.field);
    if (!f) throw Error(ErrorKind::Usage, fmt::format("no function export \"{}\"", a.field));
    std::vector<Value> args;
    args.reserve(a.args.size());
    for (const wast::Value& v : a.args) {
      if (!representable(v))
        throw Error(ErrorKind::Usage, fmt::format("argument {} has no runtime value yet", describe(v)));
      args.push_back(to_runtime_value(v));
    }
    return store_.call(f, args);
  }

  Outcome perform(const wast::Action& a, std::vector<Value>& results) {
    try {
      results = run_action(a);
      return Outcome::pass();
    } catch (const Error& e) {
      return Outcome::fail(fmt::format("{} \"{}\": {}: {}", a.kind == wast::Action::Kind::Get ? "get" : "invoke",
                                       a.field, error_kind_name(e.kind()), e.describe()));
    }
  }

  Outcome assert_return(const Cmd& cmd) {
    std::vector<Value> results;
    Outcome o = perform(cmd.action, results);
    if (o.status != Outcome::Status::Passed) return o;
    if (results.size() != cmd.expected.size())
      return Outcome::fail(fmt::format("\"{}\": {} results, expected {}", cmd.action.field, results.size(),
                                       cmd.expected.size()));
    for (size_t i = 0; i < results.size(); ++i) {
      if (!matches(results[i], cmd.expected[i]))
        return Outcome::fail(fmt::format("\"{}\": result {} is {}, expected {}", cmd.action.field, i,
                                         describe(results[i]), describe(cmd.expected[i])));
    }
    return Outcome::pass();
  }

  Outcome assert_action_fails(const Cmd& cmd, ErrorKind want) {
    try {
      auto results = run_action(cmd.action);
      return Outcome::fail(fmt::format("\"{}\": returned normally, expected {} \"{}\"", cmd.action.field,
                                       error_kind_name(want), cmd.message));
    } catch (const Error& e) {
      return check_error(e, want, cmd.message);
    }
  }

  static Outcome check_error(const Error& e, ErrorKind want, const std::string& expected) {
    if (e.kind() != want)
      return Outcome::fail(fmt::format("got {} \"{}\", expected {} \"{}\"", error_kind_name(e.kind()), e.describe(),
                                       error_kind_name(want), expected));
    if (!message_matches(e, expected))
      return Outcome::fail(fmt::format("got {} \"{}\", expected \"{}\"", error_kind_name(e.kind()), e.describe(),
                                       expected));
    return Outcome::pass();
  }

  Outcome assert_compile_fails(const Cmd& cmd, ErrorKind want) {
    const wast::ScriptModule& m = cmd.module;
    try {
      compile(m);
    } catch (const Error& e) {
      // Text that cannot be parsed has no standard message: any malformed
      // error of a quoted or text module counts.
      if (want == ErrorKind::Malformed && e.kind() == ErrorKind::Malformed &&
          m.form != wast::ScriptModule::Form::Binary)
        return Outcome::pass();
      return check_error(e, want, cmd.message);
    }
    return Outcome::fail(fmt::format("module loaded, expected {} \"{}\"", error_kind_name(want), cmd.message));
  }

  Outcome assert_instantiation_fails(const Cmd& cmd, ErrorKind want) {
    std::shared_ptr<CompiledModule> compiled;
    try {
      compiled = compile(cmd.module);
    } catch (const Error& e) {
      return Outcome::fail(fmt::format("module did not compile: {}: {}", error_kind_name(e.kind()), e.describe()));
    }
    modules_.push_back(compiled);
    try {
      store_.instantiate(*compiled, registry_);
    } catch (const Error& e) {
      return check_error(e, want, cmd.message);
    }
    return Outcome::fail(fmt::format("module instantiated, expected {} \"{}\"", error_kind_name(want), cmd.message));
  }

  // `(thread $t (shared (module $m))... commands)`: the commands run on a
  // host thread with a script state of their own (its own Store, so its
  // own stacks, and its own registry), in which the shared modules of this
  // script are named instances. A shared module's memory is used from both
  // threads (a shared memory is atomic where the spec asks); its other
  // state is the scripts' to keep apart (docs/THREADS.md).
  struct ThreadRun {
    std::optional<std::string> name;
    std::unique_ptr<ScriptRunner> runner;
    std::vector<Report> reports;  // written by the thread until joined
    std::thread thread;
  };

  Outcome start_thread(const Cmd& cmd) {
    if (cmd.nested_thread) return Outcome::fail("a thread inside a thread is not run");
    auto run = std::make_unique<ThreadRun>();
    run->name = cmd.thread;
    run->runner = std::make_unique<ScriptRunner>(options_);
    for (const std::string& m : cmd.shared_modules) {
      Instance* inst = find_named(m);
      if (!inst) return Outcome::fail(fmt::format("thread: no module {} to share", m));
      run->runner->named_[m] = inst;
    }
    ThreadRun* r = run.get();
    r->thread = std::thread([r, &cmd] {
      for (const Cmd& c : cmd.body) {
        Outcome o;
        try {
          o = r->runner->run(c);
        } catch (const std::exception& e) {
          o = Outcome::fail(fmt::format("internal error: {}", e.what()));
        }
        r->reports.push_back({c.line, c.kind, std::move(o)});
      }
    });
    threads_.push_back(std::move(run));
    return Outcome::pass();
  }

  Outcome wait_thread(const Cmd& cmd) {
    for (auto& t : threads_) {
      if (t->name == cmd.thread && t->thread.joinable()) {
        join(*t);
        return Outcome::pass();
      }
    }
    return Outcome::fail(fmt::format("wait: no running thread {}", cmd.thread.value_or("")));
  }

  void join(ThreadRun& t) {
    t.thread.join();
    t.runner.reset();  // its instances may import this script's memories: gone before they are
    for (Report& r : t.reports) joined_reports_.push_back(std::move(r));
    t.reports.clear();
  }

  const RunOptions& options_;
  Store store_;
  Imports registry_;
  std::vector<std::shared_ptr<CompiledModule>> modules_;
  std::map<std::string, Instance*> named_;
  std::map<std::string, std::shared_ptr<CompiledModule>> definitions_;  // `(module definition $m ...)`
  std::shared_ptr<CompiledModule> last_definition_;
  Instance* current_ = nullptr;
  std::vector<std::unique_ptr<ThreadRun>> threads_;
  std::vector<Report> joined_reports_;
};

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A script to run: its path, and its name for the pending list (relative
// to the folder argument it was found in; empty for a file argument).
struct Script {
  std::string path;
  std::string relative;
};

void collect_scripts(const std::filesystem::path& p, std::vector<Script>& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    std::vector<Script> found;
    for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".wast")
        found.push_back({it->path().string(), it->path().lexically_relative(p).generic_string()});
    }
    std::sort(found.begin(), found.end(), [](const Script& a, const Script& b) { return a.path < b.path; });
    out.insert(out.end(), found.begin(), found.end());
  } else {
    out.push_back({p.string(), {}});
  }
}

// The pending entry for a script: by its relative name, or for a file
// argument by the trailing components of its path ("x/array.wast" is
// "array.wast").
const PendingList::Entry* pending_entry(const PendingList& list, const Script& s) {
  if (!s.relative.empty()) return list.find(s.relative);
  const std::string path = std::filesystem::path(s.path).generic_string();
  for (size_t i = 0; i <= path.size(); i = path.find('/', i) + 1) {
    if (const PendingList::Entry* e = list.find(path.substr(i))) return e;
    if (path.find('/', i) == std::string::npos) break;
  }
  return nullptr;
}

}  // namespace

Features script_features(const std::string& path, const RunOptions& options) {
  Features features = options.features;
  if (!options.proposal_folders) return features;
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (folder.parent_path().filename() == "proposals") {
    // The threads proposal's scripts are written against 1.0 plus threads:
    // 1.0's segment syntax `(elem 0 (i32.const 1) ...)`, "multiple tables".
    if (folder.filename() == "threads") {
      features = Features::v2();
      features.reference_types = false;
      features.threads = true;
      return features;
    }
    if (bool* flag = feature_flag(features, folder.filename().string())) *flag = true;
  }
  return features;
}

Tally run_script_file(const std::string& path, const RunOptions& given, std::FILE* out) {
  RunOptions options = given;
  options.features = script_features(path, given);
  Tally tally;
  auto source = read_file(path);
  if (!source) {
    fmt::print(out, "{}: failed: cannot read the file\n", path);
    tally.failed = 1;
    return tally;
  }
  wast::Script script;
  try {
    script = wast::parse_script(*source, options.features);
  } catch (const Error& e) {
    fmt::print(out, "{}:{}: failed: script does not parse: {}\n", path, e.where(), e.describe_message());
    tally.failed = 1;
    return tally;
  }
  auto report = [&](int line, Cmd::Kind kind, const Outcome& o) {
    switch (o.status) {
      case Outcome::Status::Passed:
        ++tally.passed;
        if (options.verbose) fmt::print(out, "{}:{}: passed: {}\n", path, line, command_name(kind));
        break;
      case Outcome::Status::Failed:
        ++tally.failed;
        fmt::print(out, "{}:{}: failed: {}: {}\n", path, line, command_name(kind), o.reason);
        break;
      case Outcome::Status::Skipped:
        ++tally.skipped;
        fmt::print(out, "{}:{}: skipped: {}: {}\n", path, line, command_name(kind), o.reason);
        break;
    }
  };
  ScriptRunner runner(options);
  for (const Cmd& cmd : script.commands) {
    Outcome o;
    try {
      o = runner.run(cmd);
    } catch (const std::exception& e) {  // a bug in wasmrun, reported rather than fatal
      o = Outcome::fail(fmt::format("internal error: {}", e.what()));
    }
    // A `wait` reports the joined thread's commands before itself.
    for (const Report& r : runner.take_thread_reports()) report(r.line, r.kind, r.outcome);
    report(cmd.line, cmd.kind, o);
  }
  runner.join_all();
  for (const Report& r : runner.take_thread_reports()) report(r.line, r.kind, r.outcome);
  return tally;
}

int wast_main(const std::vector<std::string>& args) {
  RunOptions options;
  options.features = Features::defaults();
  std::vector<Script> paths;
  std::optional<PendingList> pending;
  std::string pending_file;
  for (const std::string& a : args) {
    if (a.rfind("--pending=", 0) == 0) {
      std::string error;
      pending_file = a.substr(10);
      pending = PendingList::read(pending_file, error);
      if (!pending) {
        fmt::print(stderr, "wasmrun wast: --pending: {}\n", error);
        return 2;
      }
    } else if (a.rfind("--features=", 0) == 0) {
      std::string error;
      if (!parse_features(a.substr(11), options.features, error)) {
        fmt::print(stderr, "wasmrun wast: --features {}: {}\n", a.substr(11), error);
        return 2;
      }
      options.proposal_folders = false;
    } else if (a == "--verbose" || a == "-v") {
      options.verbose = true;
    } else if (a == "--metered") {
      options.metered = true;
    } else if (!a.empty() && a[0] == '-') {
      fmt::print(stderr, "wasmrun wast: unknown option '{}'\n", a);
      return 2;
    } else {
      collect_scripts(a, paths);
    }
  }
  if (paths.empty()) {
    fmt::print(stderr, "wasmrun wast: no .wast file given\n");
    return 2;
  }
  Tally total;
  int pending_scripts = 0, pending_failed = 0;
  std::vector<std::string> passing_pending;
  for (const Script& s : paths) {
    Tally t = run_script_file(s.path, options, stdout);
    const PendingList::Entry* entry = pending ? pending_entry(*pending, s) : nullptr;
    fmt::print("{}: {} passed, {} failed, {} skipped{}\n", s.path, t.passed, t.failed, t.skipped,
               entry ? " (pending: " + entry->reason + ")" : std::string());
    std::fflush(stdout);
    total += t;
    if (entry) {
      ++pending_scripts;
      pending_failed += t.failed;
      // A folder entry covers scripts that pass already; a script's does not.
      if (t.failed == 0 && entry->path.back() != '/')
        passing_pending.push_back(s.relative.empty() ? s.path : s.relative);
    }
  }
  if (pending) {
    for (const std::string& p : passing_pending)
      fmt::print("pending script passes now: {} (take it off {})\n", p, pending_file);
    fmt::print("pending ({}): {} scripts, {} failed; failed outside it: {}\n", pending_file, pending_scripts,
               pending_failed, total.failed - pending_failed);
  }
  fmt::print("{} passed, {} failed, {} skipped\n", total.passed, total.failed, total.skipped);
  return total.failed - pending_failed == 0 ? 0 : 1;
}

}  // namespace wasmrun::spectest
