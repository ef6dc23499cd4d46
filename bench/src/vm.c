/* vm: a tiny stack bytecode interpreter whose dispatch goes through a table
 * of function pointers (one handler per opcode), so in wasm nearly every
 * bytecode is a call_indirect. The bytecode program runs nested loops: a
 * trial-division prime count, a mixing accumulator, and a subroutine
 * call/return per outer iteration. */
#include "bench.h"

#ifndef VM_N
#define VM_N 60000
#endif

enum {
  OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_REMU, OP_XOR,
  OP_SHL, OP_SHRU, OP_LTU, OP_EQ, OP_JZ, OP_JMP, OP_DUP, OP_DROP,
  OP_CALL, OP_RET, OP_HALT, OP_COUNT
};

typedef struct {
  uint8_t op;
  int32_t arg;
} insn_t;

typedef struct vm {
  uint32_t stack[256];
  uint32_t sp;
  uint32_t locals[16];
  uint32_t rstack[64];
  uint32_t rsp;
  uint32_t pc;
  int running;
} vm_t;

typedef void (*handler_t)(vm_t *, int32_t);

static void op_push(vm_t *m, int32_t a) { m->stack[m->sp++] = (uint32_t)a; }
static void op_load(vm_t *m, int32_t a) { m->stack[m->sp++] = m->locals[a]; }
static void op_store(vm_t *m, int32_t a) { m->locals[a] = m->stack[--m->sp]; }
#define BINOP(name, expr)                                                    \
  static void name(vm_t *m, int32_t a) {                                     \
    (void)a;                                                                 \
    uint32_t y = m->stack[--m->sp], x = m->stack[m->sp - 1];                 \
    m->stack[m->sp - 1] = (expr);                                            \
  }
BINOP(op_add, x + y)
BINOP(op_sub, x - y)
BINOP(op_mul, x * y)
BINOP(op_remu, y ? x % y : 0)
BINOP(op_xor, x ^ y)
BINOP(op_shl, x << (y & 31))
BINOP(op_shru, x >> (y & 31))
BINOP(op_ltu, x < y)
BINOP(op_eq, x == y)
static void op_jz(vm_t *m, int32_t a) {
  if (m->stack[--m->sp] == 0) m->pc = (uint32_t)a;
}
static void op_jmp(vm_t *m, int32_t a) { m->pc = (uint32_t)a; }
static void op_dup(vm_t *m, int32_t a) {
  (void)a;
  m->stack[m->sp] = m->stack[m->sp - 1];
  m->sp++;
}
static void op_drop(vm_t *m, int32_t a) { (void)a; m->sp--; }
static void op_call(vm_t *m, int32_t a) {
  m->rstack[m->rsp++] = m->pc;
  m->pc = (uint32_t)a;
}
static void op_ret(vm_t *m, int32_t a) { (void)a; m->pc = m->rstack[--m->rsp]; }
static void op_halt(vm_t *m, int32_t a) { (void)a; m->running = 0; }

static handler_t handlers[OP_COUNT] = {
  op_push, op_load, op_store, op_add, op_sub, op_mul, op_remu, op_xor,
  op_shl, op_shru, op_ltu, op_eq, op_jz, op_jmp, op_dup, op_drop,
  op_call, op_ret, op_halt,
};

/* A minimal assembler with forward-label patching. */
static insn_t code[256];
static int ncode;
static int emit(uint8_t op, int32_t arg) {
  code[ncode] = (insn_t){op, arg};
  return ncode++;
}

/* locals: 0 = n (limit), 1 = i, 2 = d (divisor), 3 = primes, 4 = acc,
 *         5 = isprime flag */
static void assemble(void) {
  ncode = 0;
  int j_main = emit(OP_JMP, 0);
  /* subroutine mix: acc = (acc ^ (i << 3)) * 2654435761 + (acc >>> 13) */
  int sub = ncode;
  emit(OP_LOAD, 4); emit(OP_LOAD, 1); emit(OP_PUSH, 3); emit(OP_SHL, 0);
  emit(OP_XOR, 0); emit(OP_PUSH, (int32_t)2654435761u); emit(OP_MUL, 0);
  emit(OP_LOAD, 4); emit(OP_PUSH, 13); emit(OP_SHRU, 0); emit(OP_ADD, 0);
  emit(OP_STORE, 4); emit(OP_RET, 0);
  code[j_main].arg = ncode;
  /* i = 2 */
  emit(OP_PUSH, 2); emit(OP_STORE, 1);
  int outer = ncode;
  /* while (i < n) */
  emit(OP_LOAD, 1); emit(OP_LOAD, 0); emit(OP_LTU, 0);
  int j_done = emit(OP_JZ, 0);
  /* isprime = 1; d = 2 */
  emit(OP_PUSH, 1); emit(OP_STORE, 5);
  emit(OP_PUSH, 2); emit(OP_STORE, 2);
  int inner = ncode;
  /* while (d * d < i + 1) */
  emit(OP_LOAD, 2); emit(OP_DUP, 0); emit(OP_MUL, 0);
  emit(OP_LOAD, 1); emit(OP_PUSH, 1); emit(OP_ADD, 0); emit(OP_LTU, 0);
  int j_inner_done = emit(OP_JZ, 0);
  /* if (i % d == 0) { isprime = 0; break; } */
  emit(OP_LOAD, 1); emit(OP_LOAD, 2); emit(OP_REMU, 0);
  emit(OP_PUSH, 0); emit(OP_EQ, 0);
  int j_not_div = emit(OP_JZ, 0);
  emit(OP_PUSH, 0); emit(OP_STORE, 5);
  int j_break = emit(OP_JMP, 0);
  code[j_not_div].arg = ncode;
  /* d = d + 1 */
  emit(OP_LOAD, 2); emit(OP_PUSH, 1); emit(OP_ADD, 0); emit(OP_STORE, 2);
  emit(OP_JMP, inner);
  code[j_inner_done].arg = ncode;
  code[j_break].arg = ncode;
  /* primes += isprime; call mix; i = i + 1 */
  emit(OP_LOAD, 3); emit(OP_LOAD, 5); emit(OP_ADD, 0); emit(OP_STORE, 3);
  emit(OP_CALL, sub);
  emit(OP_LOAD, 1); emit(OP_PUSH, 1); emit(OP_ADD, 0); emit(OP_STORE, 1);
  emit(OP_JMP, outer);
  code[j_done].arg = ncode;
  emit(OP_HALT, 0);
}

static void run(vm_t *m) {
  m->pc = 0;
  m->running = 1;
  while (m->running) {
    const insn_t *in = &code[m->pc++];
    handlers[in->op](m, in->arg);
  }
}

static uint32_t bench_run(void) {
  static vm_t m;
  assemble();
  uint32_t h = 0;
  uint32_t n = bench_opaque(VM_N);
  for (uint32_t r = 0; r < 4; r++) {
    for (int k = 0; k < 16; k++) m.locals[k] = 0;
    m.sp = m.rsp = 0;
    m.locals[0] = n + r * 101;
    m.locals[4] = r;
    run(&m);
    h = bench_mix(h, m.locals[3]);
    h = bench_mix(h, m.locals[4]);
  }
  return h;
}

BENCH_MAIN("vm")
