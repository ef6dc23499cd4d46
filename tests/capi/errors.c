/* wasmrun's own wasm-c-api checks, beyond the upstream examples: failures
 * come back as the API's failure values (NULL, false, a trap) with
 * wasmrun's messages, import and export types are reported, environments
 * are finalized with their store. Prints one line per check. */
#include <stdio.h>
#include <string.h>

#include "wasm.h"

/* (module
 *   (import "env" "f" (func (param i32) (result i32)))
 *   (memory (export "mem") 1 2)
 *   (table (export "tab") 1 funcref)
 *   (global (export "g") i32 (i32.const 7))
 *   (func (export "call_f") (param i32) (result i32) (call 0 (local.get 0)))) */
static const char kModule[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x02,
    0x09, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x66, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x04, 0x04, 0x01,
    0x70, 0x00, 0x01, 0x05, 0x04, 0x01, 0x01, 0x01, 0x02, 0x06, 0x06, 0x01, 0x7f, 0x00, 0x41, 0x07, 0x0b,
    0x07, 0x1a, 0x04, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x03, 0x74, 0x61, 0x62, 0x01, 0x00, 0x01, 0x67,
    0x03, 0x00, 0x06, 0x63, 0x61, 0x6c, 0x6c, 0x5f, 0x66, 0x00, 0x01, 0x0a, 0x08, 0x01, 0x06, 0x00, 0x20,
    0x00, 0x10, 0x00, 0x0b};

static int finalized = 0;
static void finalize(void* env) { finalized += *(int*)env; }

static wasm_trap_t* fail(void* env, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)results;
  char text[64];
  snprintf(text, sizeof text, "host refuses %d", args->data[0].of.i32);
  wasm_message_t message;
  wasm_name_new_from_string_nt(&message, text);
  wasm_trap_t* trap = wasm_trap_new((wasm_store_t*)env, &message);
  wasm_name_delete(&message);
  return trap;
}

static void print_trap(const char* what, wasm_trap_t* trap) {
  if (!trap) {
    printf("%s: no trap\n", what);
    return;
  }
  wasm_message_t message;
  wasm_trap_message(trap, &message);
  wasm_frame_vec_t trace;
  wasm_trap_trace(trap, &trace);
  wasm_frame_t* origin = wasm_trap_origin(trap);
  printf("%s: trap \"%s\", origin %s, %zu frames\n", what, message.data, origin ? "set" : "none", trace.size);
  wasm_frame_vec_delete(&trace);
  wasm_name_delete(&message);
  wasm_trap_delete(trap);
}

static const char* kind_name(wasm_externkind_t k) {
  return k == WASM_EXTERN_FUNC ? "func" : k == WASM_EXTERN_GLOBAL ? "global" : k == WASM_EXTERN_TABLE ? "table" : "memory";
}

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);

  wasm_byte_vec_t garbage;
  wasm_byte_vec_new(&garbage, 5, "\0asmX");
  printf("garbage: module %s, validate %d\n", wasm_module_new(store, &garbage) ? "made" : "NULL",
         wasm_module_validate(store, &garbage));
  wasm_byte_vec_delete(&garbage);

  wasm_byte_vec_t binary;
  wasm_byte_vec_new(&binary, sizeof kModule, kModule);
  printf("module: validate %d\n", wasm_module_validate(store, &binary));
  wasm_module_t* module = wasm_module_new(store, &binary);
  wasm_byte_vec_delete(&binary);

  wasm_importtype_vec_t imports;
  wasm_module_imports(module, &imports);
  for (size_t i = 0; i < imports.size; ++i) {
    const wasm_name_t* m = wasm_importtype_module(imports.data[i]);
    const wasm_name_t* n = wasm_importtype_name(imports.data[i]);
    const wasm_functype_t* f = wasm_externtype_as_functype_const(wasm_importtype_type(imports.data[i]));
    printf("import %.*s.%.*s: %s, %zu param, %zu result\n", (int)m->size, m->data, (int)n->size, n->data,
           kind_name(wasm_externtype_kind(wasm_importtype_type(imports.data[i]))), wasm_functype_params(f)->size,
           wasm_functype_results(f)->size);
  }
  wasm_importtype_vec_delete(&imports);
  wasm_exporttype_vec_t exports_types;
  wasm_module_exports(module, &exports_types);
  for (size_t i = 0; i < exports_types.size; ++i) {
    const wasm_name_t* n = wasm_exporttype_name(exports_types.data[i]);
    const wasm_externtype_t* t = wasm_exporttype_type(exports_types.data[i]);
    printf("export %.*s: %s", (int)n->size, n->data, kind_name(wasm_externtype_kind(t)));
    if (wasm_externtype_kind(t) == WASM_EXTERN_MEMORY) {
      const wasm_limits_t* l = wasm_memorytype_limits(wasm_externtype_as_memorytype_const(t));
      printf(" %u..%u", l->min, l->max);
    }
    printf("\n");
  }
  wasm_exporttype_vec_delete(&exports_types);

  wasm_extern_vec_t none = WASM_EMPTY_VEC;
  wasm_trap_t* trap = NULL;
  wasm_instance_t* missing = wasm_instance_new(store, module, &none, &trap);
  printf("missing import: instance %s\n", missing ? "made" : "NULL");
  print_trap("missing import", trap);

  wasm_functype_t* type = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  static int weight = 5;
  wasm_func_t* host = wasm_func_new_with_env(store, type, fail, store, NULL);
  wasm_func_t* counted = wasm_func_new_with_env(store, type, fail, &weight, finalize);
  wasm_functype_delete(type);
  wasm_func_delete(counted);
  wasm_extern_t* externs[] = {wasm_func_as_extern(host)};
  wasm_extern_vec_t import_vec = WASM_ARRAY_VEC(externs);
  wasm_instance_t* instance = wasm_instance_new(store, module, &import_vec, NULL);
  printf("instance: %s\n", instance ? "made" : "NULL");
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);

  wasm_memory_t* mem = wasm_extern_as_memory(exports.data[0]);
  printf("memory: %u pages", wasm_memory_size(mem));
  printf(", grow 1: %d", wasm_memory_grow(mem, 1));
  printf(", grow 1 past max: %d", wasm_memory_grow(mem, 1));
  printf(", %u pages, %zu bytes\n", wasm_memory_size(mem), wasm_memory_data_size(mem));

  wasm_table_t* tab = wasm_extern_as_table(exports.data[1]);
  wasm_ref_t* out_of_bounds = wasm_table_get(tab, 5);
  printf("table: size %u, get 5: %s", wasm_table_size(tab), out_of_bounds ? "ref" : "NULL");
  printf(", set 5: %d", wasm_table_set(tab, 5, NULL));
  printf(", set 0 to a func: %d\n", wasm_table_set(tab, 0, wasm_func_as_ref(host)));
  wasm_ref_t* got = wasm_table_get(tab, 0);
  printf("table: element 0 is the host func: %d\n", got && wasm_ref_same(got, wasm_func_as_ref(host)));
  wasm_ref_delete(got);

  wasm_global_t* g = wasm_extern_as_global(exports.data[2]);
  wasm_val_t v = WASM_I32_VAL(99);
  wasm_global_set(g, &v); /* immutable: ignored */
  wasm_global_get(g, &v);
  printf("global: %d (immutable, set ignored)\n", v.of.i32);
  printf("as the wrong kind: %s\n", wasm_extern_as_func(exports.data[2]) ? "func" : "NULL");

  wasm_func_t* call_f = wasm_extern_as_func(exports.data[3]);
  wasm_val_t args[1] = {WASM_I32_VAL(42)};
  wasm_val_t results[1] = {WASM_INIT_VAL};
  wasm_val_vec_t arg_vec = WASM_ARRAY_VEC(args), result_vec = WASM_ARRAY_VEC(results);
  print_trap("host trap through wasm", wasm_func_call(call_f, &arg_vec, &result_vec));
  wasm_val_vec_t no_args = WASM_EMPTY_VEC;
  print_trap("wrong argument count", wasm_func_call(call_f, &no_args, &result_vec));
  wasm_val_t wrong[1] = {WASM_F64_VAL(1.0)};
  wasm_val_vec_t wrong_vec = WASM_ARRAY_VEC(wrong);
  print_trap("wrong argument type", wasm_func_call(call_f, &wrong_vec, &result_vec));

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(host);
  wasm_module_delete(module);
  printf("finalized before the store is deleted: %d\n", finalized);
  wasm_store_delete(store);
  printf("finalized after: %d\n", finalized);
  wasm_engine_delete(engine);
  return 0;
}
