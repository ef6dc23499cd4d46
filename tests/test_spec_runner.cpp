// The spec runner's choices that are not a script's commands: the pending
// list (`wasmrun wast --pending=FILE`) and the features a script under
// proposals/NAME/ runs with.
#include <catch2/catch.hpp>

#include <string>

#include "spec-tests/pending_list.h"
#include "spec-tests/runner.h"

using namespace wasmrun;
using namespace wasmrun::spectest;

namespace {

PendingList parsed(const std::string& text) {
  std::string error;
  bool ok = false;
  PendingList list = PendingList::parse(text, "pending.txt", error, ok);
  CHECK(ok);
  CHECK(error.empty());
  return list;
}

}  // namespace

TEST_CASE("pending list: entries are paths or folders, each with a reason", "[spec-runner]") {
  PendingList list = parsed("# GC\n\narray.wast   GC: array types\r\n  proposals/threads/\tthreads: atomics  \n");
  REQUIRE(list.entries().size() == 2);
  CHECK(list.entries()[0].path == "array.wast");
  CHECK(list.entries()[0].reason == "GC: array types");
  CHECK(list.entries()[1].path == "proposals/threads/");
  CHECK(list.entries()[1].reason == "threads: atomics");

  REQUIRE(list.find("array.wast") != nullptr);
  CHECK(list.find("array.wast")->reason == "GC: array types");
  CHECK(list.find("array_copy.wast") == nullptr);
  CHECK(list.find("proposals/x/array.wast") == nullptr);  // a path, not a file name anywhere
  REQUIRE(list.find("proposals/threads/atomic.wast") != nullptr);
  CHECK(list.find("proposals/threads/atomic.wast")->reason == "threads: atomics");
  CHECK(list.find("proposals/threadsx/atomic.wast") == nullptr);
}

TEST_CASE("pending list: a line without a reason is an error with its line", "[spec-runner]") {
  std::string error;
  bool ok = true;
  PendingList::parse("a.wast  why\nb.wast\n", "p.txt", error, ok);
  CHECK_FALSE(ok);
  CHECK(error == "p.txt:2: an entry needs a path and a reason");
  CHECK_FALSE(PendingList::read("/nonexistent/pending.txt", error));
  CHECK(error == "/nonexistent/pending.txt: cannot read the file");
}

TEST_CASE("spec runner: a script under proposals/NAME/ runs with the feature NAME", "[spec-runner][features]") {
  RunOptions options;
  CHECK(options.features == Features::v3());
  CHECK(script_features("suite/binary.wast", options) == Features::v3());
  Features wide = script_features("suite/proposals/wide-arithmetic/wide-arithmetic.wast", options);
  CHECK(wide.wide_arithmetic);
  wide.wide_arithmetic = false;
  CHECK(wide == Features::v3());
  CHECK(script_features("suite/proposals/custom-page-sizes/binary.wast", options).custom_page_sizes);
  Features desc = script_features("suite/proposals/custom-descriptors/exact.wast", options);
  CHECK(desc.custom_descriptors);
  desc.custom_descriptors = false;
  CHECK(desc == Features::v3());
  // A folder no feature is named after changes nothing.
  CHECK(script_features("suite/proposals/no-such-proposal/x.wast", options) == Features::v3());
  // Not under proposals/ directly.
  CHECK(script_features("suite/wide-arithmetic/x.wast", options) == Features::v3());
  // With --features given, exactly those.
  options.proposal_folders = false;
  CHECK(script_features("suite/proposals/wide-arithmetic/wide-arithmetic.wast", options) == Features::v3());
}
