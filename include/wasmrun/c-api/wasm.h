/* The standard WebAssembly C API (wasm-c-api), as wasmrun implements it.
 *
 * Written for wasmrun from the API's definition: the names, types and
 * signatures match the reference header, so a program written against
 * the wasm-c-api compiles and links against wasmrun unchanged:
 *
 *   #include "wasm.h"   // with -I<prefix>/include/wasmrun/c-api, or link
 *                       // the CMake target wasmrun::c_api
 *
 * Ownership follows the API's convention, marked with `own`: an `own`
 * result belongs to the caller, who releases it with the matching
 * wasm_*_delete; an `own` parameter passes ownership to the callee; an
 * `own` vector owns its elements too. Runtime objects (functions, globals,
 * tables, memories, instances, foreign objects) live as long as their
 * store: deleting a handle releases only the handle.
 *
 * What wasmrun does not do yet: traps carry no frames (wasm_trap_origin
 * returns NULL, wasm_trap_trace an empty vector); serialization writes
 * the module's binary, so deserializing compiles it again; modules are
 * shared between threads only as wasm_shared_module_t, and one store
 * must be used from one thread at a time.
 */
#ifndef WASMRUN_WASM_H
#define WASMRUN_WASM_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifndef WASM_API_EXTERN
#define WASM_API_EXTERN
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Basic types ---------------------------------------------------- */

typedef char byte_t;
typedef float float32_t;
typedef double float64_t;

/* Marks owned data (see above); expands to nothing. */
#define own

/* Declares the opaque type wasm_NAME_t and its destructor. */
#define WASMRUN_OPAQUE(NAME)                            \
  typedef struct wasm_##NAME##_t wasm_##NAME##_t;       \
  WASM_API_EXTERN void wasm_##NAME##_delete(own wasm_##NAME##_t*);

/* Declares wasm_NAME_vec_t, an array of ELEM with its length, and the
 * functions that make, copy and free one. */
#define WASMRUN_VECTOR(NAME, ELEM)                                                        \
  typedef struct wasm_##NAME##_vec_t {                                                    \
    size_t size;                                                                          \
    ELEM* data;                                                                           \
  } wasm_##NAME##_vec_t;                                                                  \
  WASM_API_EXTERN void wasm_##NAME##_vec_new_empty(own wasm_##NAME##_vec_t* out);         \
  WASM_API_EXTERN void wasm_##NAME##_vec_new_uninitialized(own wasm_##NAME##_vec_t* out,  \
                                                           size_t size);                  \
  WASM_API_EXTERN void wasm_##NAME##_vec_new(own wasm_##NAME##_vec_t* out, size_t size,   \
                                             own ELEM const data[]);                      \
  WASM_API_EXTERN void wasm_##NAME##_vec_copy(own wasm_##NAME##_vec_t* out,               \
                                              const wasm_##NAME##_vec_t* from);           \
  WASM_API_EXTERN void wasm_##NAME##_vec_delete(own wasm_##NAME##_vec_t*);

/* Bytes and names (names are byte vectors, not necessarily terminated). */
typedef byte_t wasm_byte_t;
WASMRUN_VECTOR(byte, wasm_byte_t)

typedef wasm_byte_vec_t wasm_name_t;
#define wasm_name wasm_byte_vec
#define wasm_name_new wasm_byte_vec_new
#define wasm_name_new_empty wasm_byte_vec_new_empty
#define wasm_name_new_new_uninitialized wasm_byte_vec_new_uninitialized
#define wasm_name_copy wasm_byte_vec_copy
#define wasm_name_delete wasm_byte_vec_delete

static inline void wasm_name_new_from_string(own wasm_name_t* out, const char* s) {
  wasm_name_new(out, strlen(s), s);
}
/* Keeps the terminating NUL in the name (as trap messages do). */
static inline void wasm_name_new_from_string_nt(own wasm_name_t* out, const char* s) {
  wasm_name_new(out, strlen(s) + 1, s);
}

/* ---- Engine and store ----------------------------------------------- */

WASMRUN_OPAQUE(config)
WASM_API_EXTERN own wasm_config_t* wasm_config_new(void);

WASMRUN_OPAQUE(engine)
WASM_API_EXTERN own wasm_engine_t* wasm_engine_new(void);
WASM_API_EXTERN own wasm_engine_t* wasm_engine_new_with_config(own wasm_config_t*);

WASMRUN_OPAQUE(store)
WASM_API_EXTERN own wasm_store_t* wasm_store_new(wasm_engine_t*);

/* ---- Types ---------------------------------------------------------- */

typedef uint8_t wasm_mutability_t;
enum wasm_mutability_enum { WASM_CONST, WASM_VAR };

typedef struct wasm_limits_t {
  uint32_t min;
  uint32_t max;
} wasm_limits_t;

/* `max` of limits without a maximum. */
static const uint32_t wasm_limits_max_default = 0xffffffff;

/* A type object: opaque, with a vector of pointers to it and a copy. */
#define WASMRUN_TYPE(NAME)                \
  WASMRUN_OPAQUE(NAME)                    \
  WASMRUN_VECTOR(NAME, wasm_##NAME##_t*)  \
  WASM_API_EXTERN own wasm_##NAME##_t* wasm_##NAME##_copy(const wasm_##NAME##_t*);

WASMRUN_TYPE(valtype)

typedef uint8_t wasm_valkind_t;
enum wasm_valkind_enum {
  WASM_I32,
  WASM_I64,
  WASM_F32,
  WASM_F64,
  WASM_EXTERNREF = 128,
  WASM_FUNCREF,
};

WASM_API_EXTERN own wasm_valtype_t* wasm_valtype_new(wasm_valkind_t);
WASM_API_EXTERN wasm_valkind_t wasm_valtype_kind(const wasm_valtype_t*);

static inline bool wasm_valkind_is_num(wasm_valkind_t k) { return k < WASM_EXTERNREF; }
static inline bool wasm_valkind_is_ref(wasm_valkind_t k) { return k >= WASM_EXTERNREF; }
static inline bool wasm_valtype_is_num(const wasm_valtype_t* t) { return wasm_valkind_is_num(wasm_valtype_kind(t)); }
static inline bool wasm_valtype_is_ref(const wasm_valtype_t* t) { return wasm_valkind_is_ref(wasm_valtype_kind(t)); }

WASMRUN_TYPE(functype)
WASM_API_EXTERN own wasm_functype_t* wasm_functype_new(own wasm_valtype_vec_t* params,
                                                      own wasm_valtype_vec_t* results);
WASM_API_EXTERN const wasm_valtype_vec_t* wasm_functype_params(const wasm_functype_t*);
WASM_API_EXTERN const wasm_valtype_vec_t* wasm_functype_results(const wasm_functype_t*);

WASMRUN_TYPE(globaltype)
WASM_API_EXTERN own wasm_globaltype_t* wasm_globaltype_new(own wasm_valtype_t*, wasm_mutability_t);
WASM_API_EXTERN const wasm_valtype_t* wasm_globaltype_content(const wasm_globaltype_t*);
WASM_API_EXTERN wasm_mutability_t wasm_globaltype_mutability(const wasm_globaltype_t*);

WASMRUN_TYPE(tabletype)
WASM_API_EXTERN own wasm_tabletype_t* wasm_tabletype_new(own wasm_valtype_t*, const wasm_limits_t*);
WASM_API_EXTERN const wasm_valtype_t* wasm_tabletype_element(const wasm_tabletype_t*);
WASM_API_EXTERN const wasm_limits_t* wasm_tabletype_limits(const wasm_tabletype_t*);

WASMRUN_TYPE(memorytype)
WASM_API_EXTERN own wasm_memorytype_t* wasm_memorytype_new(const wasm_limits_t*);
WASM_API_EXTERN const wasm_limits_t* wasm_memorytype_limits(const wasm_memorytype_t*);

WASMRUN_TYPE(externtype)

typedef uint8_t wasm_externkind_t;
enum wasm_externkind_enum {
  WASM_EXTERN_FUNC,
  WASM_EXTERN_GLOBAL,
  WASM_EXTERN_TABLE,
  WASM_EXTERN_MEMORY,
};

WASM_API_EXTERN wasm_externkind_t wasm_externtype_kind(const wasm_externtype_t*);

/* Views of one type object as another: no copy, the same owner. */
#define WASMRUN_EXTERNTYPE_VIEWS(NAME)                                                              \
  WASM_API_EXTERN wasm_externtype_t* wasm_##NAME##_as_externtype(wasm_##NAME##_t*);                 \
  WASM_API_EXTERN wasm_##NAME##_t* wasm_externtype_as_##NAME(wasm_externtype_t*);                   \
  WASM_API_EXTERN const wasm_externtype_t* wasm_##NAME##_as_externtype_const(const wasm_##NAME##_t*); \
  WASM_API_EXTERN const wasm_##NAME##_t* wasm_externtype_as_##NAME##_const(const wasm_externtype_t*);

WASMRUN_EXTERNTYPE_VIEWS(functype)
WASMRUN_EXTERNTYPE_VIEWS(globaltype)
WASMRUN_EXTERNTYPE_VIEWS(tabletype)
WASMRUN_EXTERNTYPE_VIEWS(memorytype)

WASMRUN_TYPE(importtype)
WASM_API_EXTERN own wasm_importtype_t* wasm_importtype_new(own wasm_name_t* module, own wasm_name_t* name,
                                                          own wasm_externtype_t*);
WASM_API_EXTERN const wasm_name_t* wasm_importtype_module(const wasm_importtype_t*);
WASM_API_EXTERN const wasm_name_t* wasm_importtype_name(const wasm_importtype_t*);
WASM_API_EXTERN const wasm_externtype_t* wasm_importtype_type(const wasm_importtype_t*);

WASMRUN_TYPE(exporttype)
WASM_API_EXTERN own wasm_exporttype_t* wasm_exporttype_new(own wasm_name_t*, own wasm_externtype_t*);
WASM_API_EXTERN const wasm_name_t* wasm_exporttype_name(const wasm_exporttype_t*);
WASM_API_EXTERN const wasm_externtype_t* wasm_exporttype_type(const wasm_exporttype_t*);

/* ---- Values --------------------------------------------------------- */

struct wasm_ref_t;

typedef struct wasm_val_t {
  wasm_valkind_t kind;
  union {
    int32_t i32;
    int64_t i64;
    float32_t f32;
    float64_t f64;
    struct wasm_ref_t* ref; /* owned by the value; NULL is the null reference */
  } of;
} wasm_val_t;

WASM_API_EXTERN void wasm_val_delete(own wasm_val_t* v);
WASM_API_EXTERN void wasm_val_copy(own wasm_val_t* out, const wasm_val_t*);

WASMRUN_VECTOR(val, wasm_val_t)

/* ---- References ----------------------------------------------------- */

/* Every reference type: copy, identity and host info. Host info belongs
 * to the object, so every reference to it sees the same; the finalizer
 * runs when the object dies (at the latest with its store). */
#define WASMRUN_REF_COMMON(NAME)                                                                    \
  WASMRUN_OPAQUE(NAME)                                                                              \
  WASM_API_EXTERN own wasm_##NAME##_t* wasm_##NAME##_copy(const wasm_##NAME##_t*);                  \
  WASM_API_EXTERN bool wasm_##NAME##_same(const wasm_##NAME##_t*, const wasm_##NAME##_t*);          \
  WASM_API_EXTERN void* wasm_##NAME##_get_host_info(const wasm_##NAME##_t*);                       \
  WASM_API_EXTERN void wasm_##NAME##_set_host_info(wasm_##NAME##_t*, void*);                       \
  WASM_API_EXTERN void wasm_##NAME##_set_host_info_with_finalizer(wasm_##NAME##_t*, void*,         \
                                                                  void (*)(void*));

/* A kind of reference, with views to and from the generic wasm_ref_t. */
#define WASMRUN_REF(NAME)                                                                  \
  WASMRUN_REF_COMMON(NAME)                                                                 \
  WASM_API_EXTERN wasm_ref_t* wasm_##NAME##_as_ref(wasm_##NAME##_t*);                      \
  WASM_API_EXTERN wasm_##NAME##_t* wasm_ref_as_##NAME(wasm_ref_t*);                        \
  WASM_API_EXTERN const wasm_ref_t* wasm_##NAME##_as_ref_const(const wasm_##NAME##_t*);    \
  WASM_API_EXTERN const wasm_##NAME##_t* wasm_ref_as_##NAME##_const(const wasm_ref_t*);

WASMRUN_REF_COMMON(ref)

/* ---- Frames and traps ----------------------------------------------- */

WASMRUN_OPAQUE(frame)
WASMRUN_VECTOR(frame, wasm_frame_t*)
WASM_API_EXTERN own wasm_frame_t* wasm_frame_copy(const wasm_frame_t*);
WASM_API_EXTERN struct wasm_instance_t* wasm_frame_instance(const wasm_frame_t*);
WASM_API_EXTERN uint32_t wasm_frame_func_index(const wasm_frame_t*);
WASM_API_EXTERN size_t wasm_frame_func_offset(const wasm_frame_t*);
WASM_API_EXTERN size_t wasm_frame_module_offset(const wasm_frame_t*);

typedef wasm_name_t wasm_message_t; /* NUL-terminated */

WASMRUN_REF(trap)
WASM_API_EXTERN own wasm_trap_t* wasm_trap_new(wasm_store_t* store, const wasm_message_t*);
WASM_API_EXTERN void wasm_trap_message(const wasm_trap_t*, own wasm_message_t* out);
WASM_API_EXTERN own wasm_frame_t* wasm_trap_origin(const wasm_trap_t*);
WASM_API_EXTERN void wasm_trap_trace(const wasm_trap_t*, own wasm_frame_vec_t* out);

/* ---- Foreign objects: host data wasm code can hold as an externref --- */

WASMRUN_REF(foreign)
WASM_API_EXTERN own wasm_foreign_t* wasm_foreign_new(wasm_store_t*);

/* ---- Modules -------------------------------------------------------- */

WASMRUN_REF(module)
WASMRUN_OPAQUE(shared_module)
WASM_API_EXTERN own wasm_shared_module_t* wasm_module_share(const wasm_module_t*);
WASM_API_EXTERN own wasm_module_t* wasm_module_obtain(wasm_store_t*, const wasm_shared_module_t*);

/* NULL if the binary is malformed or invalid. */
WASM_API_EXTERN own wasm_module_t* wasm_module_new(wasm_store_t*, const wasm_byte_vec_t* binary);
WASM_API_EXTERN bool wasm_module_validate(wasm_store_t*, const wasm_byte_vec_t* binary);
WASM_API_EXTERN void wasm_module_imports(const wasm_module_t*, own wasm_importtype_vec_t* out);
WASM_API_EXTERN void wasm_module_exports(const wasm_module_t*, own wasm_exporttype_vec_t* out);
WASM_API_EXTERN void wasm_module_serialize(const wasm_module_t*, own wasm_byte_vec_t* out);
WASM_API_EXTERN own wasm_module_t* wasm_module_deserialize(wasm_store_t*, const wasm_byte_vec_t*);

/* ---- Functions ------------------------------------------------------ */

WASMRUN_REF(func)

/* A host function: reads `args`, writes `results` (sized to the type's
 * results) and returns NULL, or returns a trap (given to wasmrun). */
typedef own wasm_trap_t* (*wasm_func_callback_t)(const wasm_val_vec_t* args, own wasm_val_vec_t* results);
typedef own wasm_trap_t* (*wasm_func_callback_with_env_t)(void* env, const wasm_val_vec_t* args,
                                                          wasm_val_vec_t* results);

WASM_API_EXTERN own wasm_func_t* wasm_func_new(wasm_store_t*, const wasm_functype_t*, wasm_func_callback_t);
/* `finalizer(env)` runs when the function dies (with its store). */
WASM_API_EXTERN own wasm_func_t* wasm_func_new_with_env(wasm_store_t*, const wasm_functype_t* type,
                                                       wasm_func_callback_with_env_t, void* env,
                                                       void (*finalizer)(void*));
WASM_API_EXTERN own wasm_functype_t* wasm_func_type(const wasm_func_t*);
WASM_API_EXTERN size_t wasm_func_param_arity(const wasm_func_t*);
WASM_API_EXTERN size_t wasm_func_result_arity(const wasm_func_t*);

/* NULL on success, else the trap. `results` must hold the result arity. */
WASM_API_EXTERN own wasm_trap_t* wasm_func_call(const wasm_func_t*, const wasm_val_vec_t* args,
                                               wasm_val_vec_t* results);

/* ---- Globals -------------------------------------------------------- */

WASMRUN_REF(global)
WASM_API_EXTERN own wasm_global_t* wasm_global_new(wasm_store_t*, const wasm_globaltype_t*, const wasm_val_t*);
WASM_API_EXTERN own wasm_globaltype_t* wasm_global_type(const wasm_global_t*);
WASM_API_EXTERN void wasm_global_get(const wasm_global_t*, own wasm_val_t* out);
WASM_API_EXTERN void wasm_global_set(wasm_global_t*, const wasm_val_t*);

/* ---- Tables --------------------------------------------------------- */

WASMRUN_REF(table)

typedef uint32_t wasm_table_size_t;

WASM_API_EXTERN own wasm_table_t* wasm_table_new(wasm_store_t*, const wasm_tabletype_t*, wasm_ref_t* init);
WASM_API_EXTERN own wasm_tabletype_t* wasm_table_type(const wasm_table_t*);
/* NULL for a null element or an index out of bounds. */
WASM_API_EXTERN own wasm_ref_t* wasm_table_get(const wasm_table_t*, wasm_table_size_t index);
WASM_API_EXTERN bool wasm_table_set(wasm_table_t*, wasm_table_size_t index, wasm_ref_t*);
WASM_API_EXTERN wasm_table_size_t wasm_table_size(const wasm_table_t*);
WASM_API_EXTERN bool wasm_table_grow(wasm_table_t*, wasm_table_size_t delta, wasm_ref_t* init);

/* ---- Memories ------------------------------------------------------- */

WASMRUN_REF(memory)

typedef uint32_t wasm_memory_pages_t;

static const size_t MEMORY_PAGE_SIZE = 0x10000;

WASM_API_EXTERN own wasm_memory_t* wasm_memory_new(wasm_store_t*, const wasm_memorytype_t*);
WASM_API_EXTERN own wasm_memorytype_t* wasm_memory_type(const wasm_memory_t*);
WASM_API_EXTERN byte_t* wasm_memory_data(wasm_memory_t*);
WASM_API_EXTERN size_t wasm_memory_data_size(const wasm_memory_t*);
WASM_API_EXTERN wasm_memory_pages_t wasm_memory_size(const wasm_memory_t*);
WASM_API_EXTERN bool wasm_memory_grow(wasm_memory_t*, wasm_memory_pages_t delta);

/* ---- Externals: a function, global, table or memory ------------------ */

WASMRUN_REF(extern)
WASMRUN_VECTOR(extern, wasm_extern_t*)

WASM_API_EXTERN wasm_externkind_t wasm_extern_kind(const wasm_extern_t*);
WASM_API_EXTERN own wasm_externtype_t* wasm_extern_type(const wasm_extern_t*);

/* Views of one handle as another (no copy; NULL for the wrong kind). */
#define WASMRUN_EXTERN_VIEWS(NAME)                                                          \
  WASM_API_EXTERN wasm_extern_t* wasm_##NAME##_as_extern(wasm_##NAME##_t*);                 \
  WASM_API_EXTERN wasm_##NAME##_t* wasm_extern_as_##NAME(wasm_extern_t*);                   \
  WASM_API_EXTERN const wasm_extern_t* wasm_##NAME##_as_extern_const(const wasm_##NAME##_t*); \
  WASM_API_EXTERN const wasm_##NAME##_t* wasm_extern_as_##NAME##_const(const wasm_extern_t*);

WASMRUN_EXTERN_VIEWS(func)
WASMRUN_EXTERN_VIEWS(global)
WASMRUN_EXTERN_VIEWS(table)
WASMRUN_EXTERN_VIEWS(memory)

/* ---- Instances ------------------------------------------------------ */

WASMRUN_REF(instance)

/* `imports` in the order of wasm_module_imports. NULL on a link error or
 * a trap in the start function; then *trap (if trap is not NULL) is the
 * trap, or NULL for a link error. */
WASM_API_EXTERN own wasm_instance_t* wasm_instance_new(wasm_store_t*, const wasm_module_t*,
                                                      const wasm_extern_vec_t* imports, own wasm_trap_t** trap);
WASM_API_EXTERN void wasm_instance_exports(const wasm_instance_t*, own wasm_extern_vec_t* out);

/* ---- Conveniences --------------------------------------------------- */

#define WASM_EMPTY_VEC {0, NULL}
#define WASM_ARRAY_VEC(array) {sizeof(array) / sizeof(*(array)), array}

static inline own wasm_valtype_t* wasm_valtype_new_i32(void) { return wasm_valtype_new(WASM_I32); }
static inline own wasm_valtype_t* wasm_valtype_new_i64(void) { return wasm_valtype_new(WASM_I64); }
static inline own wasm_valtype_t* wasm_valtype_new_f32(void) { return wasm_valtype_new(WASM_F32); }
static inline own wasm_valtype_t* wasm_valtype_new_f64(void) { return wasm_valtype_new(WASM_F64); }
static inline own wasm_valtype_t* wasm_valtype_new_externref(void) { return wasm_valtype_new(WASM_EXTERNREF); }
static inline own wasm_valtype_t* wasm_valtype_new_funcref(void) { return wasm_valtype_new(WASM_FUNCREF); }

/* wasm_functype_new_P_R: a function type of P parameters and R results,
 * taking ownership of the value types given. */
static inline own wasm_functype_t* wasmrun_functype_of(size_t np, wasm_valtype_t** ps, size_t nr,
                                                      wasm_valtype_t** rs) {
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new(&params, np, ps);
  wasm_valtype_vec_new(&results, nr, rs);
  return wasm_functype_new(&params, &results);
}

static inline own wasm_functype_t* wasm_functype_new_0_0(void) { return wasmrun_functype_of(0, NULL, 0, NULL); }
static inline own wasm_functype_t* wasm_functype_new_1_0(own wasm_valtype_t* p) {
  wasm_valtype_t* ps[1] = {p};
  return wasmrun_functype_of(1, ps, 0, NULL);
}
static inline own wasm_functype_t* wasm_functype_new_2_0(own wasm_valtype_t* p1, own wasm_valtype_t* p2) {
  wasm_valtype_t* ps[2] = {p1, p2};
  return wasmrun_functype_of(2, ps, 0, NULL);
}
static inline own wasm_functype_t* wasm_functype_new_3_0(own wasm_valtype_t* p1, own wasm_valtype_t* p2,
                                                        own wasm_valtype_t* p3) {
  wasm_valtype_t* ps[3] = {p1, p2, p3};
  return wasmrun_functype_of(3, ps, 0, NULL);
}
static inline own wasm_functype_t* wasm_functype_new_0_1(own wasm_valtype_t* r) {
  wasm_valtype_t* rs[1] = {r};
  return wasmrun_functype_of(0, NULL, 1, rs);
}
static inline own wasm_functype_t* wasm_functype_new_1_1(own wasm_valtype_t* p, own wasm_valtype_t* r) {
  wasm_valtype_t* ps[1] = {p};
  wasm_valtype_t* rs[1] = {r};
  return wasmrun_functype_of(1, ps, 1, rs);
}
static inline own wasm_functype_t* wasm_functype_new_2_1(own wasm_valtype_t* p1, own wasm_valtype_t* p2,
                                                        own wasm_valtype_t* r) {
  wasm_valtype_t* ps[2] = {p1, p2};
  wasm_valtype_t* rs[1] = {r};
  return wasmrun_functype_of(2, ps, 1, rs);
}
static inline own wasm_functype_t* wasm_functype_new_3_1(own wasm_valtype_t* p1, own wasm_valtype_t* p2,
                                                        own wasm_valtype_t* p3, own wasm_valtype_t* r) {
  wasm_valtype_t* ps[3] = {p1, p2, p3};
  wasm_valtype_t* rs[1] = {r};
  return wasmrun_functype_of(3, ps, 1, rs);
}
static inline own wasm_functype_t* wasm_functype_new_0_2(own wasm_valtype_t* r1, own wasm_valtype_t* r2) {
  wasm_valtype_t* rs[2] = {r1, r2};
  return wasmrun_functype_of(0, NULL, 2, rs);
}
static inline own wasm_functype_t* wasm_functype_new_1_2(own wasm_valtype_t* p, own wasm_valtype_t* r1,
                                                        own wasm_valtype_t* r2) {
  wasm_valtype_t* ps[1] = {p};
  wasm_valtype_t* rs[2] = {r1, r2};
  return wasmrun_functype_of(1, ps, 2, rs);
}
static inline own wasm_functype_t* wasm_functype_new_2_2(own wasm_valtype_t* p1, own wasm_valtype_t* p2,
                                                        own wasm_valtype_t* r1, own wasm_valtype_t* r2) {
  wasm_valtype_t* ps[2] = {p1, p2};
  wasm_valtype_t* rs[2] = {r1, r2};
  return wasmrun_functype_of(2, ps, 2, rs);
}
static inline own wasm_functype_t* wasm_functype_new_3_2(own wasm_valtype_t* p1, own wasm_valtype_t* p2,
                                                        own wasm_valtype_t* p3, own wasm_valtype_t* r1,
                                                        own wasm_valtype_t* r2) {
  wasm_valtype_t* ps[3] = {p1, p2, p3};
  wasm_valtype_t* rs[2] = {r1, r2};
  return wasmrun_functype_of(3, ps, 2, rs);
}

/* A host pointer as an i32 or i64 value, whichever holds a pointer. */
static inline void wasm_val_init_ptr(own wasm_val_t* out, void* p) {
#if UINTPTR_MAX == UINT32_MAX
  out->kind = WASM_I32;
  out->of.i32 = (int32_t)(intptr_t)p;
#else
  out->kind = WASM_I64;
  out->of.i64 = (int64_t)(intptr_t)p;
#endif
}
static inline void* wasm_val_ptr(const wasm_val_t* val) {
#if UINTPTR_MAX == UINT32_MAX
  return (void*)(intptr_t)val->of.i32;
#else
  return (void*)(intptr_t)val->of.i64;
#endif
}

#define WASM_I32_VAL(i) {.kind = WASM_I32, .of = {.i32 = i}}
#define WASM_I64_VAL(i) {.kind = WASM_I64, .of = {.i64 = i}}
#define WASM_F32_VAL(z) {.kind = WASM_F32, .of = {.f32 = z}}
#define WASM_F64_VAL(z) {.kind = WASM_F64, .of = {.f64 = z}}
#define WASM_REF_VAL(r) {.kind = WASM_EXTERNREF, .of = {.ref = r}}
#define WASM_INIT_VAL {.kind = WASM_EXTERNREF, .of = {.ref = NULL}}

#undef own

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* WASMRUN_WASM_H */
