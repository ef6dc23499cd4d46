#include "interp/exec/backtrace.h"

#include <string_view>

#include "interp/exec/code_registry.h"
#include "loader/error_text.h"
#include "loader/module.h"

namespace wasmrun::interp {

namespace {

// The frame of the code word at `at`, or false if it lies in no code.
// With `moved_on`, `at` may be the first word of the instruction after the
// one that trapped: a load or store moves pc past itself before it
// accesses memory (handlers_memory.inc), and stack-style instructions
// (SHANDLER) past their first word, so an access that traps with pc on an
// instruction's first word was made by the instruction before.
bool frame_at(const Slot* at, TraceFrame& out, bool moved_on = false) {
  const Code* code = code_at(at);
  if (!code || !code->module) return false;
  const Module& m = *code->module;
  out.function = code->func_index;
  out.function_name = function_name(m, code->func_index);
  out.module_name = m.module_name;
  const auto word = static_cast<uint32_t>(at - code->slots.data());
  const SourceMap::Entry entry = code->source.at(word);
  out.offset = moved_on && entry.word == word ? entry.before : entry.offset;
  const uint32_t defined = code->func_index - m.num_imported_funcs;
  if (defined < m.functions.size() && out.offset >= m.functions[defined].body_offset)
    out.function_offset = out.offset - m.functions[defined].body_offset;
  return true;
}

}  // namespace

void add_wasm_frames(Error& e, const Slot* pc, const Frame* fr, const Frame* entry) {
  // A trap in host code that wasm called: pc is that call's return
  // address, so the call is the word before it. Otherwise pc is at (or,
  // once a handler has moved it on, just past) the trapping instruction.
  // The call stack is exhausted by a call, after pc has moved past it.
  const bool after_host = !e.backtrace().empty() && e.backtrace().back().host;
  const bool after_call = after_host || e.kind() == ErrorKind::Exhaustion;
  const bool access = std::string_view(e.what()) == "out of bounds memory access";
  TraceFrame f;
  if (after_call ? frame_at(pc - 1, f) || frame_at(pc, f) : frame_at(pc, f, access) || frame_at(pc - 1, f))
    e.add_trace_frame(std::move(f));
  while (fr && fr > entry) {
    const Slot* ret = fr->ret_pc;
    --fr;
    // A call into another instance left two frames: the one on top
    // returns to the loop's ReturnToInstance code (not a compiled
    // function's), the one below it to the caller.
    if (!code_at(ret)) {
      ret = fr->ret_pc;
      --fr;
    }
    TraceFrame caller;
    if (frame_at(ret - 1, caller)) e.add_trace_frame(std::move(caller));
  }
}

void add_host_frame(Error& e) {
  TraceFrame f;
  f.host = true;
  e.add_trace_frame(std::move(f));
}

}  // namespace wasmrun::interp
