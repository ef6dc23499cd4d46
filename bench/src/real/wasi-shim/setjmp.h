/* QuickJS's dtoa.c includes <setjmp.h> but calls nothing from it;
 * clang-14's wasi-libc has no such header (wasm has no setjmp). */
