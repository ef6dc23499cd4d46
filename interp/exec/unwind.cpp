#include "interp/exec/unwind.h"

#include "interp/exec/code_registry.h"

namespace wasmrun::interp {

namespace {

// The innermost handler whose range holds `offset`: handlers are listed in
// the order their blocks open, and ranges nest, so it is the last that
// does.
int32_t innermost(const std::vector<Handler>& hs, uint32_t offset) {
  for (size_t i = hs.size(); i-- > 0;)
    if (hs[i].start <= offset && offset < hs[i].end) return static_cast<int32_t>(i);
  return -1;
}

// Whether `c` catches `exn` in `fp`'s frame; if so, hands over its values.
bool try_catch(const CatchRule& c, ExceptionObject* exn, const InstanceImpl* inst, uint64_t* fp) {
  if (c.kind == CatchRule::Kind::Tag) {
    if (inst->tags[c.tag] != exn->tag) return false;
    uint64_t* d = fp + c.dest;
    for (uint64_t w : exn->payload) *d++ = w;
  }
  if (c.exn_slot != kNoSlot) fp[c.exn_slot] = reinterpret_cast<uintptr_t>(exn);
  return true;
}

}  // namespace

void unwind(Store::Impl& S, ExceptionObject* exn, UnwindState& st, const Slot* exit_code,
            const Slot* return_to_instance) {
  for (;;) {
    const Slot* at = st.pc - 1;
    const Code* code = code_at(at);
    if (code && !code->handlers.empty()) {
      const std::vector<Handler>& hs = code->handlers;
      int32_t h = innermost(hs, static_cast<uint32_t>(at - code->slots.data()));
      while (h >= 0) {
        const Handler& handler = hs[h];
        if (handler.delegates) {
          h = handler.delegate_to;
          continue;
        }
        for (const CatchRule& c : handler.catches) {
          if (try_catch(c, exn, st.inst, st.fp)) {
            st.pc = code->slots.data() + c.target;
            return;
          }
        }
        h = handler.parent;
      }
    }
    // Nothing here catches it: leave the frame, as a return would.
    const Slot* ret = st.fr->ret_pc;
    if (ret == exit_code) throw uncaught_exception(S, exn);
    st.fp = st.fr->fp;
    --st.fr;
    if (ret == return_to_instance) {
      // Back in the caller's instance: the frame below says which.
      ret = st.fr->ret_pc;
      st.fp = st.fr->fp;
      st.inst = st.fr->inst;
      --st.fr;
    }
    st.pc = ret;
  }
}

}  // namespace wasmrun::interp
