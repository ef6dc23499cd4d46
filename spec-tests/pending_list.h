// The scripts of a test suite not expected to pass yet (`wasmrun wast
// --pending=FILE`): their failures are reported but do not fail the run,
// so the rest of the suite can gate CI while whole features are missing.
//
// FILE has one entry per line: a script's path relative to the folder
// given to `wasmrun wast` ("array.wast"), or a folder of scripts ending in
// '/' ("proposals/threads/"), then white space and the reason. Blank lines
// and lines starting with '#' are comments.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace wasmrun::spectest {

class PendingList {
 public:
  struct Entry {
    std::string path;    // "array.wast", or a folder "proposals/threads/"
    std::string reason;  // "GC: array types"
  };

  // Reads FILE; nullopt and `error` ("FILE:3: an entry needs a reason")
  // when it cannot be read or a line is not an entry.
  static std::optional<PendingList> read(const std::string& file, std::string& error);
  static PendingList parse(const std::string& text, const std::string& file, std::string& error, bool& ok);

  // The entry covering a script named `relative` (its path relative to the
  // folder it was found in, '/'-separated), or nullptr.
  const Entry* find(const std::string& relative) const;

  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

}  // namespace wasmrun::spectest
