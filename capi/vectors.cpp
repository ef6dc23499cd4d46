// The wasm_*_vec_t functions of every vector type. A vector owns its
// elements: copying a vector of pointers copies each element, deleting it
// deletes each (the element type's own copy and delete).
#include <cstdlib>
#include <cstring>
#include <new>

#include "capi/objects.h"

namespace {

template <class Vec, class Elem>
void vec_uninitialized(Vec* out, size_t size) {
  out->size = size;
  // Value-initialized: a vector of pointers starts as nulls, so deleting
  // one that was never filled is safe.
  out->data = size ? new Elem[size]() : nullptr;
}

template <class Vec>
void vec_empty(Vec* out) {
  out->size = 0;
  out->data = nullptr;
}

// Vectors of values: the elements are copied and freed as values.
template <class Vec, class Elem>
void vec_adopt(Vec* out, size_t size, const Elem* data) {
  vec_uninitialized<Vec, Elem>(out, size);
  for (size_t i = 0; i < size; ++i) out->data[i] = data[i];
}

}  // namespace

// Defines the vector functions for NAME, whose elements are ELEM, copied
// with COPY(dst, src) and freed with FREE(elem).
#define WASMRUN_DEFINE_VECTOR(NAME, ELEM, COPY, FREE)                                            \
  void wasm_##NAME##_vec_new_empty(wasm_##NAME##_vec_t* out) { vec_empty(out); }                  \
  void wasm_##NAME##_vec_new_uninitialized(wasm_##NAME##_vec_t* out, size_t size) {               \
    vec_uninitialized<wasm_##NAME##_vec_t, ELEM>(out, size);                                      \
  }                                                                                               \
  void wasm_##NAME##_vec_new(wasm_##NAME##_vec_t* out, size_t size, ELEM const data[]) {          \
    vec_adopt<wasm_##NAME##_vec_t, ELEM>(out, size, data);                                        \
  }                                                                                               \
  void wasm_##NAME##_vec_copy(wasm_##NAME##_vec_t* out, const wasm_##NAME##_vec_t* from) {        \
    vec_uninitialized<wasm_##NAME##_vec_t, ELEM>(out, from->size);                                \
    for (size_t i = 0; i < from->size; ++i) COPY(out->data[i], from->data[i]);                    \
  }                                                                                               \
  void wasm_##NAME##_vec_delete(wasm_##NAME##_vec_t* v) {                                         \
    if (!v) return;                                                                               \
    for (size_t i = 0; i < v->size; ++i) FREE(v->data[i]);                                        \
    delete[] v->data;                                                                             \
    v->size = 0;                                                                                  \
    v->data = nullptr;                                                                            \
  }

#define WASMRUN_COPY_PLAIN(dst, src) ((dst) = (src))
#define WASMRUN_FREE_NOTHING(e) ((void)(e))
#define WASMRUN_COPY_VAL(dst, src) wasm_val_copy(&(dst), &(src))
#define WASMRUN_FREE_VAL(e) wasm_val_delete(&(e))
// Pointer elements: a null element stays null.
#define WASMRUN_POINTER_VECTOR(NAME)                                                               \
  static void copy_##NAME(wasm_##NAME##_t*& dst, wasm_##NAME##_t* src) {                           \
    dst = src ? wasm_##NAME##_copy(src) : nullptr;                                                 \
  }                                                                                                \
  static void free_##NAME(wasm_##NAME##_t* e) {                                                    \
    if (e) wasm_##NAME##_delete(e);                                                                \
  }                                                                                                \
  extern "C" {                                                                                     \
  WASMRUN_DEFINE_VECTOR(NAME, wasm_##NAME##_t*, copy_##NAME, free_##NAME)                          \
  }

extern "C" {
WASMRUN_DEFINE_VECTOR(byte, wasm_byte_t, WASMRUN_COPY_PLAIN, WASMRUN_FREE_NOTHING)
WASMRUN_DEFINE_VECTOR(val, wasm_val_t, WASMRUN_COPY_VAL, WASMRUN_FREE_VAL)
}

WASMRUN_POINTER_VECTOR(valtype)
WASMRUN_POINTER_VECTOR(functype)
WASMRUN_POINTER_VECTOR(globaltype)
WASMRUN_POINTER_VECTOR(tabletype)
WASMRUN_POINTER_VECTOR(memorytype)
WASMRUN_POINTER_VECTOR(externtype)
WASMRUN_POINTER_VECTOR(importtype)
WASMRUN_POINTER_VECTOR(exporttype)
WASMRUN_POINTER_VECTOR(frame)
WASMRUN_POINTER_VECTOR(extern)
