// Compiling a function on its first call (lazy compilation), shared by
// every store that instantiates the module.
#include <mutex>

#include "interp/compiler.h"
#include "interp/interpreter.h"
#include "interp/runtime.h"

namespace wasmrun::interp {

const Code* ensure_compiled(FuncImpl* f) {
  if (f->code) return f->code;
  const CompiledModule& cm = *f->inst->compiled;
  CompiledModule::CodeCache& cache = cm.code_cache();
  std::lock_guard<std::mutex> lock(cache.compile_lock);
  auto& entry = cache.funcs.at(f->index - cm.ir().num_imported_funcs);
  if (!entry) entry = compile_function(cm.ir(), f->index, cm.features());
  f->code = entry.get();
  return f->code;
}

}  // namespace wasmrun::interp
