#include "interp/exec/exceptions.h"

#include <algorithm>
#include <new>

#include "interp/runtime/gc_mark.h"

namespace wasmrun::interp {

ExceptionPool::~ExceptionPool() {
  for (ExceptionObject* o : objects_) delete o;
}

ExceptionObject* ExceptionPool::make(Store::Impl& S, TagImpl* tag, const uint64_t* payload,
                                     const uint64_t* live_top) {
  auto* o = new ExceptionObject;
  o->tag = tag;
  o->payload.assign(payload, payload + tag->payload_slots);
  objects_.insert(o);
  if (objects_.size() > next_collection_) {
    // The new object is pinned through the collection: its payload may
    // come from outside the value stack (a host's exception), and the GC
    // objects it names must stay.
    ++o->pins;
    collect(S, live_top);
    --o->pins;
    next_collection_ = std::max(kFirstCollection, 2 * objects_.size());
  }
  return o;
}

void ExceptionPool::collect(Store::Impl& S, const uint64_t* live_top) {
  if (S.gc) {
    S.gc->collect(live_top);
    return;
  }
  try {
    mark_reachable(S, live_top);
  } catch (const std::bad_alloc&) {
    clear_marks();  // as GcHeap::collect: free nothing, trap
    throw_trap("out of memory");
  }
  sweep();
}

void ExceptionPool::reach_pinned(Marker& marker) const {
  for (ExceptionObject* o : objects_)
    if (o->pins) marker.reach(reinterpret_cast<uintptr_t>(o));
}

void ExceptionPool::sweep() {
  for (auto it = objects_.begin(); it != objects_.end();) {
    ExceptionObject* o = *it;
    if (o->marked) {
      o->marked = false;
      ++it;
    } else {
      delete o;
      it = objects_.erase(it);
    }
  }
}

void ExceptionPool::clear_marks() {
  for (ExceptionObject* o : objects_) o->marked = false;
}

ExceptionPool& exception_pool(Store::Impl& S) {
  if (!S.exceptions) S.exceptions = std::make_shared<ExceptionPool>();
  return *S.exceptions;
}

ExceptionObject* new_exception(Store::Impl& S, TagImpl* tag, const uint64_t* payload) {
  return exception_pool(S).make(S, tag, payload, payload + tag->payload_slots);
}

ExceptionObject* exception_from_host(Store::Impl& S, const Exception& e, const uint64_t* live_top) {
  ExceptionPool& pool = exception_pool(S);
  if (e.object() && pool.owns(e.object().get())) return static_cast<ExceptionObject*>(e.object().get());
  TagImpl* tag = e.tag() ? impl(e.tag()) : nullptr;
  if (!tag) throw_trap("host exception without a tag");
  const std::vector<ValType>& types = tag->sig.params;
  if (e.payload().size() != types.size()) throw_trap("host exception payload does not match its tag");
  std::vector<uint64_t> slots(tag->payload_slots + 1);
  uint64_t* p = slots.data();
  for (size_t i = 0; i < types.size(); ++i) {
    if (e.payload()[i].type != types[i]) throw_trap("host exception payload does not match its tag");
    value_to_slots(e.payload()[i], p);
    p += slot_count(types[i]);
  }
  return pool.make(S, tag, slots.data(), live_top);
}

Exception uncaught_exception(Store::Impl& S, ExceptionObject* exn) {
  std::vector<Value> payload;
  const uint64_t* p = exn->payload.data();
  for (ValType t : exn->tag->sig.params) {
    payload.push_back(slots_to_value(t, p));
    p += slot_count(t);
  }
  Exception e(exn->tag, std::move(payload));
  ++exn->pins;
  std::shared_ptr<ExceptionPool> pool = S.exceptions;
  e.set_object(std::shared_ptr<void>(exn, [pool](void* o) { --static_cast<ExceptionObject*>(o)->pins; }));
  std::string detail = "tag with payload (";
  for (size_t i = 0; i < e.payload().size(); ++i) {
    const Value& v = e.payload()[i];
    if (i) detail += ' ';
    detail += val_type_name(v.type);
    if (v.type == ValType::I32) detail += ":" + std::to_string(v.i32);
    else if (v.type == ValType::I64) detail += ":" + std::to_string(v.i64);
  }
  e.set_detail(detail + ")");
  return e;
}

void trap_null_exception() { throw_trap("null exception reference"); }

}  // namespace wasmrun::interp
