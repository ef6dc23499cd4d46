// The .wast script runner behind `wasmrun wast`: runs the official test
// suite's scripts and reports per file, then a closing summary line
// `N passed, N failed, N skipped` (N counting commands).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "wasmrun/features.h"

namespace wasmrun::spectest {

struct RunOptions {
  Features features = Features::defaults();
  // A script under a folder `proposals/NAME/` runs with the feature NAME
  // (as WASMRUN_FEATURE_NAMES spells it) switched on too, as the test
  // suite's layout intends. Off once `--features` is given: then the
  // features are exactly those.
  bool proposal_folders = true;
  bool verbose = false;   // print every command, and spectest.print output
  bool metered = false;   // compile every module with LoadOptions::metered (unlimited fuel)
};

struct Tally {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  Tally& operator+=(const Tally& o) {
    passed += o.passed;
    failed += o.failed;
    skipped += o.skipped;
    return *this;
  }
};

// Runs one script; failures and skips are reported on `out` as
// "FILE:LINE: failed: REASON" / "FILE:LINE: skipped: REASON".
Tally run_script_file(const std::string& path, const RunOptions& options, std::FILE* out);

// The features a script runs with: options.features, and for a script
// under `proposals/NAME/` the feature NAME too (RunOptions::proposal_folders).
Features script_features(const std::string& path, const RunOptions& options);

// `wasmrun wast [--features=LIST] [--pending=FILE] [--verbose] [--metered]
// PATH...`; PATH is a .wast file or a folder (searched recursively,
// sorted). Returns the exit code: 0 when nothing failed outside the
// scripts FILE lists as pending (spec-tests/pending_list.h).
int wast_main(const std::vector<std::string>& args);

}  // namespace wasmrun::spectest
