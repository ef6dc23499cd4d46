/* quickjs: runs workload.js (embedded at build time as workload_js.h) in a
 * QuickJS runtime with one global function, print(), and no other host
 * interface: the engine's core (quickjs.c, libregexp, libunicode, dtoa,
 * cutils) without quickjs-libc, which needs POSIX that WASI lacks. */
#include <stdio.h>
#include <string.h>

#include "quickjs.h"
#include "workload_js.h"

static JSValue js_print(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  for (int i = 0; i < argc; i++) {
    const char *s = JS_ToCString(ctx, argv[i]);
    if (!s) return JS_EXCEPTION;
    fputs(s, stdout);
    fputc(i + 1 < argc ? ' ' : '\n', stdout);
    JS_FreeCString(ctx, s);
  }
  return JS_UNDEFINED;
}

int main(void) {
  JSRuntime *rt = JS_NewRuntime();
  JSContext *ctx = rt ? JS_NewContext(rt) : NULL;
  if (!ctx) {
    fputs("quickjs: cannot create a runtime\n", stderr);
    return 1;
  }
  JSValue global = JS_GetGlobalObject(ctx);
  JS_SetPropertyStr(ctx, global, "print", JS_NewCFunction(ctx, js_print, "print", 1));
  JS_FreeValue(ctx, global);
  JSValue r = JS_Eval(ctx, workload_js, strlen(workload_js), "workload.js", JS_EVAL_TYPE_GLOBAL);
  int status = 0;
  if (JS_IsException(r)) {
    JSValue e = JS_GetException(ctx);
    const char *s = JS_ToCString(ctx, e);
    fprintf(stderr, "quickjs: uncaught exception: %s\n", s ? s : "?");
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, e);
    status = 1;
  }
  JS_FreeValue(ctx, r);
  JS_FreeContext(ctx);
  JS_FreeRuntime(rt);
  return status;
}
