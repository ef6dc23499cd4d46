/* coremix: a CoreMark-like mix written for wasmrun (not CoreMark itself).
 * Each iteration runs four kernels on small working sets and folds their
 * results into a CRC-16:
 *   - list:   a singly linked list of nodes from a fixed pool: search,
 *             reverse, merge sort by value, merge sort back by index;
 *   - matrix: 16x16 int16 matrices: add/multiply by a constant,
 *             matrix-vector, matrix-matrix, and a bit-field variant;
 *   - state:  a switch-based scanner that classifies tokens of a text
 *             (integers, decimals, exponents, hex, junk);
 *   - crc16:  bit-at-a-time CRC-16 over everything above. */
#include "bench.h"

#ifndef COREMIX_ITERS
#define COREMIX_ITERS 16000
#endif

/* ---------- CRC-16 (reflected polynomial 0xA001), bit at a time ---------- */
static uint16_t crc8(uint8_t b, uint16_t crc) {
  for (int i = 0; i < 8; i++) {
    uint16_t mix = (crc ^ b) & 1;
    crc >>= 1;
    if (mix) crc ^= 0xA001;
    b >>= 1;
  }
  return crc;
}
static uint16_t crc16(uint16_t v, uint16_t crc) {
  crc = crc8((uint8_t)v, crc);
  return crc8((uint8_t)(v >> 8), crc);
}
static uint16_t crc32v(uint32_t v, uint16_t crc) {
  crc = crc16((uint16_t)v, crc);
  return crc16((uint16_t)(v >> 16), crc);
}

/* ---------- linked list ---------- */
#define LIST_N 96
typedef struct node {
  struct node *next;
  int16_t idx;
  int16_t val;
} node_t;
static node_t pool[LIST_N];

static node_t *list_build(uint16_t seed) {
  node_t *head = 0;
  for (int i = LIST_N - 1; i >= 0; i--) {
    pool[i].idx = (int16_t)i;
    pool[i].val = (int16_t)((seed ^ (i * 0x3b1)) & 0x7fff);
    pool[i].next = head;
    head = &pool[i];
    seed = (uint16_t)(seed * 31 + 7);
  }
  return head;
}

static node_t *list_reverse(node_t *l) {
  node_t *prev = 0;
  while (l) {
    node_t *n = l->next;
    l->next = prev;
    prev = l;
    l = n;
  }
  return prev;
}

static int cmp_val(const node_t *a, const node_t *b) {
  /* sort by a scrambled value so the order is not trivial */
  int16_t x = (int16_t)(a->val ^ (a->val >> 3)), y = (int16_t)(b->val ^ (b->val >> 3));
  return x - y;
}
static int cmp_idx(const node_t *a, const node_t *b) { return a->idx - b->idx; }

/* bottom-up merge sort of a singly linked list */
static node_t *list_sort(node_t *list, int (*cmp)(const node_t *, const node_t *)) {
  int insize = 1;
  for (;;) {
    node_t *p = list, *tail = 0;
    list = 0;
    int merges = 0;
    while (p) {
      merges++;
      node_t *q = p;
      int psize = 0;
      for (int i = 0; i < insize && q; i++) { psize++; q = q->next; }
      int qsize = insize;
      while (psize > 0 || (qsize > 0 && q)) {
        node_t *e;
        if (psize == 0) { e = q; q = q->next; qsize--; }
        else if (qsize == 0 || !q) { e = p; p = p->next; psize--; }
        else if (cmp(p, q) <= 0) { e = p; p = p->next; psize--; }
        else { e = q; q = q->next; qsize--; }
        if (tail) tail->next = e; else list = e;
        tail = e;
      }
      p = q;
    }
    tail->next = 0;
    if (merges <= 1) return list;
    insize *= 2;
  }
}

static uint16_t list_work(uint16_t seed, uint16_t crc) {
  node_t *l = list_build(seed);
  /* search for a few values; count hits and positions */
  for (int k = 0; k < 8; k++) {
    int16_t want = (int16_t)((seed ^ (k * 0x3b1 * 5)) & 0x7fff);
    int pos = 0, found = -1;
    for (node_t *n = l; n; n = n->next, pos++)
      if ((n->val & 0xff) == (want & 0xff)) { found = pos; break; }
    crc = crc16((uint16_t)found, crc);
  }
  l = list_reverse(l);
  l = list_sort(l, cmp_val);
  int pos = 0;
  for (node_t *n = l; n; n = n->next, pos++)
    if ((pos & 7) == 0) crc = crc16((uint16_t)n->val, crc);
  l = list_sort(l, cmp_idx);
  uint32_t s = 0;
  for (node_t *n = l; n; n = n->next) s = s * 3 + (uint16_t)n->val;
  return crc32v(s, crc);
}

/* ---------- matrices ---------- */
#define MN 16
static int16_t MA[MN][MN], MB[MN][MN];
static int32_t MC[MN][MN], MV[MN];

static void mat_init(uint16_t seed) {
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      seed = (uint16_t)(seed * 0x2f1 + 0x11);
      MA[i][j] = (int16_t)((seed & 0x3ff) - 0x200);
      MB[i][j] = (int16_t)(((seed >> 5) & 0x3ff) - 0x100);
    }
}

static uint32_t mat_sum(void) {
  uint32_t s = 0;
  int32_t prev = 0;
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      int32_t v = MC[i][j];
      s += (v > prev) ? 3u : 1u;
      s ^= (uint32_t)v;
      prev = v;
    }
  return s;
}

static uint16_t matrix_work(uint16_t seed, uint16_t crc) {
  mat_init(seed);
  int16_t c = (int16_t)(seed & 0xff) | 1;
  /* add constant */
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) MA[i][j] = (int16_t)(MA[i][j] + c);
  /* multiply by constant */
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) MC[i][j] = MA[i][j] * c;
  crc = crc32v(mat_sum(), crc);
  /* matrix * vector (first column of B) */
  for (int i = 0; i < MN; i++) {
    int32_t s = 0;
    for (int j = 0; j < MN; j++) s += MA[i][j] * MB[j][0];
    MV[i] = s;
  }
  for (int i = 0; i < MN; i++) crc = crc32v((uint32_t)MV[i], crc);
  /* matrix * matrix */
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      int32_t s = 0;
      for (int k = 0; k < MN; k++) s += MA[i][k] * MB[k][j];
      MC[i][j] = s;
    }
  crc = crc32v(mat_sum(), crc);
  /* matrix * matrix on extracted bit fields */
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      int32_t s = 0;
      for (int k = 0; k < MN; k++) {
        int32_t t = MA[i][k] * MB[k][j];
        s += ((t >> 2) & 0xf) * ((t >> 5) & 0x7f);
      }
      MC[i][j] = s;
    }
  return crc32v(mat_sum(), crc);
}

/* ---------- state machine ---------- */
enum { S_START, S_INT, S_FRAC, S_EXP, S_EXPSIGN, S_EXPDIG, S_SIGN, S_HEX0,
       S_HEX, S_INVALID, S_COUNT };

#define TEXT_N 512
static char text[TEXT_N + 1];

static void text_init(uint16_t seed) {
  static const char *const pieces[] = {
    "5012", "1234", "-874", "+122", "35.54400", ".1234500", "-110.700",
    "+0.64400", "5.500e+3", "-.123e-2", "-87e+832", "+0.6e-12", "0x1f3",
    "0xzz", "T0.3e-1F", "-T.T++Tq", "1T3.4e4z", "34.0e-T^", "--5", "7e",
  };
  int n = 0;
  uint32_t s = seed | 1u;
  while (n < TEXT_N - 12) {
    const char *p = pieces[bench_rand(&s) % 20];
    while (*p) text[n++] = *p++;
    text[n++] = ',';
  }
  text[n] = 0;
}

static int scan_token(const char **pp, uint32_t *transitions) {
  const char *p = *pp;
  int state = S_START;
  for (; *p && *p != ','; p++) {
    char ch = *p;
    int next = state;
    switch (state) {
    case S_START:
      if (ch == '0' && p[1] == 'x') { next = S_HEX0; p++; }
      else if (ch >= '0' && ch <= '9') next = S_INT;
      else if (ch == '+' || ch == '-') next = S_SIGN;
      else if (ch == '.') next = S_FRAC;
      else next = S_INVALID;
      break;
    case S_SIGN:
      if (ch >= '0' && ch <= '9') next = S_INT;
      else if (ch == '.') next = S_FRAC;
      else next = S_INVALID;
      break;
    case S_INT:
      if (ch == '.') next = S_FRAC;
      else if (ch == 'e' || ch == 'E') next = S_EXP;
      else if (!(ch >= '0' && ch <= '9')) next = S_INVALID;
      break;
    case S_FRAC:
      if (ch == 'e' || ch == 'E') next = S_EXP;
      else if (!(ch >= '0' && ch <= '9')) next = S_INVALID;
      break;
    case S_EXP:
      if (ch == '+' || ch == '-') next = S_EXPSIGN;
      else if (ch >= '0' && ch <= '9') next = S_EXPDIG;
      else next = S_INVALID;
      break;
    case S_EXPSIGN:
      if (ch >= '0' && ch <= '9') next = S_EXPDIG;
      else next = S_INVALID;
      break;
    case S_EXPDIG:
      if (!(ch >= '0' && ch <= '9')) next = S_INVALID;
      break;
    case S_HEX0:
    case S_HEX:
      if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')) next = S_HEX;
      else next = S_INVALID;
      break;
    default:
      break;
    }
    if (next != state) transitions[next]++;
    state = next;
  }
  if (*p == ',') p++;
  *pp = p;
  return state;
}

static uint16_t state_work(uint16_t seed, uint16_t crc) {
  text_init(seed);
  uint32_t finals[S_COUNT] = {0}, transitions[S_COUNT] = {0};
  const char *p = text;
  while (*p) finals[scan_token(&p, transitions)]++;
  /* corrupt some characters and scan again */
  for (int i = 0; i < TEXT_N && text[i]; i += 7 + (seed & 3))
    if (text[i] != ',') text[i] ^= 0x1;
  p = text;
  while (*p) finals[scan_token(&p, transitions)]++;
  for (int i = 0; i < S_COUNT; i++) {
    crc = crc32v(finals[i], crc);
    crc = crc32v(transitions[i], crc);
  }
  return crc;
}

static uint32_t bench_run(void) {
  uint16_t crc = 0;
  uint32_t iters = bench_opaque(COREMIX_ITERS);
  for (uint32_t it = 0; it < iters; it++) {
    uint16_t seed = (uint16_t)(it * 0x9e37 + 0x66);
    crc = list_work(seed, crc);
    crc = matrix_work((uint16_t)(seed ^ crc), crc);
    crc = state_work((uint16_t)(seed + crc), crc);
  }
  return crc | (uint32_t)crc16((uint16_t)iters, crc) << 16;
}

BENCH_MAIN("coremix")
