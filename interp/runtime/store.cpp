// Store: owns every runtime object and the execution stacks.
#include <algorithm>

#include "interp/runtime/value_check.h"
#include "interp/runtime/instantiate.h"
#include "interp/exec/interpreter.h"
#include "interp/runtime/runtime.h"

namespace wasmrun {

using namespace interp;

Store::Store(const Features& features, const StoreLimits& limits)
    : impl_(std::make_unique<Impl>(features, limits)) {
  impl_->owner = this;
}

Store::~Store() = default;

void Store::set_fuel(uint64_t fuel) {
  impl_->fuel = fuel > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(fuel);
}
uint64_t Store::fuel() const { return impl_->fuel < 0 ? 0 : static_cast<uint64_t>(impl_->fuel); }
void Store::interrupt() { impl_->interrupted.store(true, std::memory_order_relaxed); }

const Features& Store::features() const { return impl_->features; }
const StoreLimits& Store::limits() const { return impl_->limits; }

void Store::Impl::ensure_stacks() {
  if (stack) return;
  // Default-initialized arrays: the OS commits the pages only when touched.
  uint64_t slots = std::max<uint64_t>(limits.max_stack_bytes / sizeof(uint64_t), 1024);
  stack.reset(new uint64_t[slots + kZeroSlack]);
  stack_end = stack.get() + slots;
  sp_top = stack.get();
  uint64_t frame_count = uint64_t{limits.max_call_depth} + 2;  // plus the sentinel
  frames.reset(new Frame[frame_count]);
  frames_end = frames.get() + frame_count;
  frame_top = frames.get();
}

FuncImpl* Store::Impl::new_host_func(const FuncType& type, HostFunction fn, std::string name) {
  auto f = std::make_unique<FuncImpl>();
  f->sig = type;
  f->type_id = types.intern(type);
  for (ValType t : type.params) f->param_slots += slot_count(t);
  for (ValType t : type.results) f->result_slots += slot_count(t);
  f->host = std::move(fn);
  f->host_name = std::move(name);
  funcs.push_back(std::move(f));
  return funcs.back().get();
}

TagImpl* Store::Impl::new_tag(const FuncType& type, std::optional<uint32_t> type_id) {
  auto t = std::make_unique<TagImpl>();
  t->sig = type;
  t->type_id = type_id ? *type_id : types.intern(type);
  for (ValType v : type.params) t->payload_slots += slot_count(v);
  tags.push_back(std::move(t));
  return tags.back().get();
}

Tag* Store::new_tag(const std::vector<ValType>& params) { return impl_->new_tag(FuncType{params, {}}); }

Func* Store::host_func(const FuncType& type, HostFunction fn, std::string debug_name) {
  if (!fn) throw Error(ErrorKind::Usage, "host function is empty");
  return impl_->new_host_func(type, std::move(fn), std::move(debug_name));
}

Table* Store::new_table(const TableType& type, const Value& init) {
  if (init.type != type.elem) throw Error(ErrorKind::Usage, "table initializer of the wrong type");
  return new_table_impl(*impl_, type, init.ref);
}

Memory* Store::new_memory(const MemoryType& type) {
  if (type.shared && !type.limits.has_max) throw Error(ErrorKind::Usage, "shared memory must have maximum");
  return new_memory_impl(*impl_, type);
}

Global* Store::new_global(const GlobalType& type, const Value& value) {
  if (value.type != type.type) throw Error(ErrorKind::Usage, "global value of the wrong type");
  auto g = std::make_unique<GlobalImpl>();
  g->ty = type;
  g->store = impl_.get();
  if (!value_fits(*impl_, value, type.type)) throw Error(ErrorKind::Usage, "global value of the wrong type");
  value_to_slots(value, g->val);
  impl_->globals.push_back(std::move(g));
  return impl_->globals.back().get();
}

Instance* Store::instantiate(const CompiledModule& module, const Imports& imports) {
  return interp::instantiate(*impl_, module, imports);
}

std::vector<Value> Store::call(Func* func, std::span<const Value> args) {
  if (!func) throw Error(ErrorKind::Usage, "no function to call");
  // The host-root policy (docs/GC.md): the GC references a call returns
  // stay alive until the next outermost call (none of the store's wasm
  // code running) starts. The arguments are on the value stack before
  // anything can collect.
  if (impl_->gc && !impl_->native_anchor) impl_->gc->release_host_results();
  std::vector<Value> results = invoke(*impl_, interp::impl(func), args);
  if (impl_->gc) impl_->gc->keep_host_results(results);
  return results;
}

}  // namespace wasmrun
