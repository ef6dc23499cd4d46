#include "spec-tests/pending_list.h"

#include <fstream>
#include <sstream>

namespace wasmrun::spectest {

PendingList PendingList::parse(const std::string& text, const std::string& file, std::string& error, bool& ok) {
  PendingList list;
  ok = true;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '#') continue;
    const size_t end = line.find_first_of(" \t", start);
    const size_t reason = end == std::string::npos ? std::string::npos : line.find_first_not_of(" \t\r", end);
    if (reason == std::string::npos) {
      error = file + ":" + std::to_string(number) + ": an entry needs a path and a reason";
      ok = false;
      return list;
    }
    std::string why = line.substr(reason);
    while (!why.empty() && (why.back() == '\r' || why.back() == ' ' || why.back() == '\t')) why.pop_back();
    list.entries_.push_back({line.substr(start, end - start), why});
  }
  return list;
}

std::optional<PendingList> PendingList::read(const std::string& file, std::string& error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = file + ": cannot read the file";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  bool ok = false;
  PendingList list = parse(text.str(), file, error, ok);
  if (!ok) return std::nullopt;
  return list;
}

const PendingList::Entry* PendingList::find(const std::string& relative) const {
  for (const Entry& e : entries_) {
    const bool folder = !e.path.empty() && e.path.back() == '/';
    if (folder ? relative.compare(0, e.path.size(), e.path) == 0 : relative == e.path) return &e;
  }
  return nullptr;
}

}  // namespace wasmrun::spectest
