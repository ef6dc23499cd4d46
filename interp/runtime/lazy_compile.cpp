// Compiling a function on its first call (lazy compilation), shared by
// every store that instantiates the module. With lazy validation
// (LoadOptions::lazy_validation) the body is validated here first, and
// with a big file loaded lazily it is first read in from the file.
#include <mutex>

#include "interp/compiler/compiler.h"
#include "interp/exec/interpreter.h"
#include "interp/runtime/runtime.h"
#include "loader/validator.h"

namespace wasmrun::interp {

const Code* ensure_compiled(FuncImpl* f) {
  if (f->code) return f->code;
  const CompiledModule& cm = *f->inst->compiled;
  CompiledModule::CodeCache& cache = cm.code_cache();
  std::lock_guard<std::mutex> lock(cache.compile_lock);
  const uint32_t defined = f->index - cm.ir().num_imported_funcs;
  auto& entry = cache.funcs.at(defined);
  if (!entry) {
    // An invalid body throws (Invalid or Malformed) before anything is
    // compiled or run; the entry stays empty, so every later call of the
    // function fails the same way. So does a body that can no longer be
    // read from its file (Io).
    if (cache.body_file) cache.body_file->fetch_body(cm.ir().functions[defined]);
    if (cache.deferred_bodies) validate_deferred_body(cm.ir(), cm.features(), *cache.deferred_bodies, defined);
    entry = compile_function(cm.ir(), f->index, cm.features(), cm.load_options().metered);
  }
  const Code* code = entry.get();
  f->entry = code->slots.data();
  f->first_word = code->slots[0].u64;
  f->zero_from = code->param_slots;
  f->zero_to = code->local_slots;
  f->frame_slots = code->max_slots;
  f->code = code;
  return code;
}

}  // namespace wasmrun::interp
