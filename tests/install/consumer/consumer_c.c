/* Compiles a module given as bytes with the wasm-c-api and calls its
 * export add(40, 2). */
#include <stdio.h>

#include "wasm.h"

/* (module (func (export "add") (param i32 i32) (result i32)
 *   (i32.add (local.get 0) (local.get 1)))) */
static const char kModule[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f,
    0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00,
    0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b};

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_byte_vec_t binary;
  wasm_byte_vec_new(&binary, sizeof kModule, kModule);
  wasm_module_t* module = wasm_module_new(store, &binary);
  wasm_byte_vec_delete(&binary);
  if (!module) {
    printf("compile failed\n");
    return 1;
  }
  wasm_extern_vec_t imports = WASM_EMPTY_VEC;
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, NULL);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  wasm_val_t args[2] = {WASM_I32_VAL(40), WASM_I32_VAL(2)};
  wasm_val_t results[1] = {WASM_INIT_VAL};
  wasm_val_vec_t arg_vec = WASM_ARRAY_VEC(args), result_vec = WASM_ARRAY_VEC(results);
  wasm_trap_t* trap = wasm_func_call(wasm_extern_as_func(exports.data[0]), &arg_vec, &result_vec);
  if (trap) {
    printf("trapped\n");
    return 1;
  }
  printf("c api: add(40, 2) = %d\n", results[0].of.i32);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return 0;
}
