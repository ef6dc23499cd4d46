// Internal: the labels in scope while a function body is parsed, innermost
// last. A name resolves in constant time however deep the nesting, so a
// branch to an outer label inside 100,000 blocks costs no scan.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace wasmrun::text {

class LabelScopes {
 public:
  void push(const std::optional<std::string>& name) {
    names_.push_back(name ? &*by_name_.try_emplace(*name).first : nullptr);
    if (name) names_.back()->second.push_back(names_.size() - 1);
  }
  void pop() {
    if (Entry* e = names_.back()) e->second.pop_back();
    names_.pop_back();
  }
  void clear() {
    names_.clear();
    by_name_.clear();
  }
  // The relative depth of the innermost label called `name`.
  std::optional<uint32_t> find(const std::string& name) const {
    auto it = by_name_.find(name);
    if (it == by_name_.end() || it->second.empty()) return std::nullopt;
    return static_cast<uint32_t>(names_.size() - 1 - it->second.back());
  }

 private:
  using Entry = std::pair<const std::string, std::vector<size_t>>;
  // Node-based map: entries keep their address while others are added.
  std::unordered_map<std::string, std::vector<size_t>> by_name_;
  std::vector<Entry*> names_;  // per scope, its name's entry or null
};

}  // namespace wasmrun::text
