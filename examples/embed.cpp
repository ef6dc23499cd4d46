// Embedding wasmrun: load a module from WAT text, give it a host function,
// call an export and read the guest's memory through a typed view.
//
//   $ ./example_embed
//   guest says: 3
//   squares: 0 1 4 9 16 25 36 49 64 81
#include <cstdio>

#include "wasmrun/wasmrun.h"

using namespace wasmrun;

static const char* kGuest = R"(
(module
  (import "env" "log" (func $log (param i32)))
  (memory (export "memory") 1)
  ;; Writes i*i for i in [0, n) as u32 at address 0 and logs n / 3.
  (func (export "squares") (param $n i32) (result i32)
    (local $i i32)
    (call $log (i32.div_u (local.get $n) (i32.const 3)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.shl (local.get $i) (i32.const 2))
                   (i32.mul (local.get $i) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $n))
)
)";

int main() {
  try {
    Features features = Features::v2();
    auto module = CompiledModule::from_text(kGuest, features);

    Store store(features);
    Imports imports;
    imports.add("env", "log",
                store.host_func({{ValType::I32}, {}},
                                [](HostCall&, std::span<const Value> args, std::span<Value>) {
                                  std::printf("guest says: %u\n", args[0].i32);
                                }));
    Instance* instance = store.instantiate(*module, imports);

    auto results = store.call(instance->func("squares"), {Value::from_i32(10)});
    uint32_t count = results.at(0).i32;

    // Views are made after the call: a call may grow memory.
    auto words = instance->memory("memory")->view<uint32_t>();
    std::printf("squares:");
    for (uint32_t i = 0; i < count; ++i) std::printf(" %u", words.get(i));
    std::printf("\n");
    return 0;
  } catch (const Error& e) {
    std::fprintf(stderr, "%s: %s\n", error_kind_name(e.kind()), e.what());
    return 1;
  }
}
