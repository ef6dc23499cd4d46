#include "interp/exec/code_registry.h"

#include <map>
#include <mutex>
#include <shared_mutex>

namespace wasmrun::interp {

namespace {

struct Registry {
  std::shared_mutex lock;
  std::map<const Slot*, const Code*> by_start;  // the first word of each registered code
};

Registry& registry() {
  static Registry* r = new Registry;  // never destroyed: Codes may outlive static destruction
  return *r;
}

}  // namespace

void register_code(const Code* code) {
  if (code->slots.empty()) return;
  Registry& r = registry();
  std::unique_lock guard(r.lock);
  r.by_start[code->slots.data()] = code;
}

const Code* code_at(const Slot* pc) {
  Registry& r = registry();
  std::shared_lock guard(r.lock);
  auto it = r.by_start.upper_bound(pc);
  if (it == r.by_start.begin()) return nullptr;
  --it;
  const Code* c = it->second;
  return pc < c->slots.data() + c->slots.size() ? c : nullptr;
}

Code::~Code() {
  if (slots.empty()) return;
  Registry& r = registry();
  std::unique_lock guard(r.lock);
  auto it = r.by_start.find(slots.data());
  if (it != r.by_start.end() && it->second == this) r.by_start.erase(it);
}

}  // namespace wasmrun::interp
