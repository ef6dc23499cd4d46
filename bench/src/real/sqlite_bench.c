/* sqlite: a speedtest-like mix of SQL on an in-memory database, linking the
 * SQLite amalgamation (sqlite3.c, built with SQLITE_OS_OTHER=1: this file
 * supplies the one VFS, which opens no files). Inserts in transactions,
 * full-scan and indexed range selects, updates, a join, ORDER BY, GROUP BY,
 * LIKE and deletes. Every result column, as SQLite renders it as text, goes
 * into the checksum, printed as "sqlite checksum XXXXXXXX". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite3.h"
#include "../bench.h"

/* ---- a VFS for in-memory databases only ---------------------------------
 * With SQLITE_TEMP_STORE=3 temporary tables, sorts and journals of an
 * in-memory database stay in memory, so xOpen is never needed. Time and
 * randomness are fixed, so both builds do exactly the same work. */
static int vfs_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out) {
  (void)v; (void)name; (void)flags; (void)out;
  f->pMethods = NULL;
  return SQLITE_CANTOPEN;
}
static int vfs_delete(sqlite3_vfs *v, const char *name, int sync) {
  (void)v; (void)name; (void)sync;
  return SQLITE_IOERR_DELETE;
}
static int vfs_access(sqlite3_vfs *v, const char *name, int flags, int *res) {
  (void)v; (void)name; (void)flags;
  *res = 0;
  return SQLITE_OK;
}
static int vfs_fullpathname(sqlite3_vfs *v, const char *name, int n, char *out) {
  (void)v;
  sqlite3_snprintf(n, out, "%s", name);
  return SQLITE_OK;
}
static int vfs_randomness(sqlite3_vfs *v, int n, char *out) {
  (void)v;
  uint32_t s = 0x2545f491u;
  for (int i = 0; i < n; i++) out[i] = (char)bench_rand(&s);
  return n;
}
static int vfs_sleep(sqlite3_vfs *v, int us) { (void)v; return us; }
static int vfs_current_time_int64(sqlite3_vfs *v, sqlite3_int64 *t) {
  (void)v;
  *t = 210866760000000LL + 1700000000000LL; /* a fixed Julian day, in ms */
  return SQLITE_OK;
}
static int vfs_current_time(sqlite3_vfs *v, double *t) {
  sqlite3_int64 ms;
  vfs_current_time_int64(v, &ms);
  *t = ms / 86400000.0;
  return SQLITE_OK;
}
static int vfs_last_error(sqlite3_vfs *v, int n, char *out) {
  (void)v; (void)n; (void)out;
  return 0;
}

static sqlite3_vfs mem_vfs = {
  2, 0, 512, NULL, "bench-mem", NULL,
  vfs_open, vfs_delete, vfs_access, vfs_fullpathname,
  NULL, NULL, NULL, NULL, /* no extensions to load */
  vfs_randomness, vfs_sleep, vfs_current_time, vfs_last_error,
  vfs_current_time_int64, NULL, NULL, NULL,
};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&mem_vfs, 1); }
int sqlite3_os_end(void) { return SQLITE_OK; }

/* ---- the workload -------------------------------------------------------- */
static sqlite3 *db;
static uint32_t sum = 0x811c9dc5u;
static uint32_t seed = 12345;

static void die(const char *what) {
  fprintf(stderr, "sqlite: %s: %s\n", what, sqlite3_errmsg(db));
  exit(1);
}

static void mix_text(const unsigned char *s) {
  if (!s) { sum = bench_mix(sum, 0xdeadu); return; }
  for (; *s; s++) sum = (sum ^ *s) * 16777619u;
  sum = bench_mix(sum, 1);
}

static sqlite3_stmt *prepare(const char *sql) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die(sql);
  return st;
}

/* Steps a statement to its end, mixing every column of every row. */
static void run(sqlite3_stmt *st) {
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int n = sqlite3_column_count(st);
    for (int i = 0; i < n; i++) mix_text(sqlite3_column_text(st, i));
  }
  if (rc != SQLITE_DONE) die("step");
  sqlite3_reset(st);
}

static void exec(const char *sql) {
  sqlite3_stmt *st = prepare(sql);
  run(st);
  sqlite3_finalize(st);
}

/* A number in words, as SQLite's speedtest does, for text columns. */
static const char *ones[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                             "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                             "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *tens[] = {"", "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                             "eighty", "ninety"};
static void words(unsigned n, char *out, size_t cap) {
  char buf[256] = "";
  size_t len = 0;
#define PUT(s) len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? " " : "", (s))
  if (n >= 1000000) { char t[128]; words(n / 1000000, t, sizeof t); PUT(t); PUT("million"); n %= 1000000; }
  if (n >= 1000) { char t[128]; words(n / 1000, t, sizeof t); PUT(t); PUT("thousand"); n %= 1000; }
  if (n >= 100) { PUT(ones[n / 100]); PUT("hundred"); n %= 100; }
  if (n >= 20) { PUT(tens[n / 10]); n %= 10; }
  if (n > 0 || len == 0) PUT(ones[n]);
#undef PUT
  snprintf(out, cap, "%s", buf);
}

#define ROWS 20000

static uint32_t bench_run(void) {
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) die("open");
  exec("PRAGMA cache_size=-8192");
  exec("CREATE TABLE t1(a INTEGER PRIMARY KEY, b INTEGER, c TEXT)");
  exec("CREATE TABLE t2(a INTEGER PRIMARY KEY, b INTEGER, c TEXT)");
  exec("CREATE INDEX t2b ON t2(b)");

  /* Inserts, in transactions of 1000 rows. */
  char text[256];
  sqlite3_stmt *ins1 = prepare("INSERT INTO t1 VALUES(?1, ?2, ?3)");
  sqlite3_stmt *ins2 = prepare("INSERT INTO t2(b, c) VALUES(?1, ?2)");
  for (int i = 0; i < ROWS; i++) {
    if (i % 1000 == 0) exec("BEGIN");
    unsigned v = bench_rand(&seed) % 1000000;
    words(v, text, sizeof text);
    sqlite3_bind_int(ins1, 1, i + 1);
    sqlite3_bind_int(ins1, 2, (int)v);
    sqlite3_bind_text(ins1, 3, text, -1, SQLITE_STATIC);
    run(ins1);
    sqlite3_bind_int(ins2, 1, (int)(bench_rand(&seed) % ROWS) + 1);
    sqlite3_bind_text(ins2, 2, text, -1, SQLITE_STATIC);
    run(ins2);
    if (i % 1000 == 999) exec("COMMIT");
  }
  sqlite3_finalize(ins1);
  sqlite3_finalize(ins2);

  /* Range selects by full scan, then the same through an index. */
  sqlite3_stmt *rng = prepare("SELECT count(*), avg(b), sum(length(c)) FROM t1 WHERE b BETWEEN ?1 AND ?2");
  for (int i = 0; i < 40; i++) {
    int lo = (int)(bench_rand(&seed) % 1000000);
    sqlite3_bind_int(rng, 1, lo);
    sqlite3_bind_int(rng, 2, lo + 20000);
    run(rng);
  }
  exec("CREATE INDEX t1b ON t1(b)");
  for (int i = 0; i < 3000; i++) {
    int lo = (int)(bench_rand(&seed) % 1000000);
    sqlite3_bind_int(rng, 1, lo);
    sqlite3_bind_int(rng, 2, lo + 2000);
    run(rng);
  }
  sqlite3_finalize(rng);

  /* Updates: ranges by primary key, single rows' text. */
  exec("BEGIN");
  sqlite3_stmt *upd = prepare("UPDATE t1 SET b = b * 2 + 1 WHERE a BETWEEN ?1 AND ?2");
  for (int i = 0; i < 1000; i++) {
    int lo = (int)(bench_rand(&seed) % ROWS);
    sqlite3_bind_int(upd, 1, lo);
    sqlite3_bind_int(upd, 2, lo + 10);
    run(upd);
  }
  sqlite3_finalize(upd);
  sqlite3_stmt *updc = prepare("UPDATE t1 SET c = ?1 WHERE a = ?2");
  for (int i = 0; i < 5000; i++) {
    words(bench_rand(&seed) % 100000, text, sizeof text);
    sqlite3_bind_text(updc, 1, text, -1, SQLITE_STATIC);
    sqlite3_bind_int(updc, 2, (int)(bench_rand(&seed) % ROWS) + 1);
    run(updc);
  }
  sqlite3_finalize(updc);
  exec("COMMIT");

  /* A join through t2's index, ordering, grouping, pattern matching. */
  exec("SELECT count(*), sum(t1.b % 1000), max(t2.c) FROM t1 JOIN t2 ON t2.b = t1.a WHERE t1.b % 7 = 3");
  exec("SELECT a, c FROM t1 ORDER BY c, a LIMIT 2000");
  exec("SELECT b % 100 AS k, count(*), sum(length(c)), min(c) FROM t1 GROUP BY k ORDER BY 2 DESC, 1");
  exec("SELECT count(*) FROM t1 WHERE c LIKE '%seven hundred%'");
  exec("SELECT t2.b, group_concat(t2.a, ',') FROM t2 WHERE t2.b < 300 GROUP BY t2.b ORDER BY t2.b");

  /* Deletes and a final tally. */
  exec("DELETE FROM t1 WHERE b % 3 = 0");
  exec("DELETE FROM t2 WHERE a IN (SELECT a FROM t1 WHERE b % 5 = 1)");
  exec("SELECT count(*), sum(b), total(length(c)) FROM t1");
  exec("SELECT count(*), sum(b) FROM t2");
  sqlite3_close(db);
  return sum;
}

BENCH_MAIN("sqlite")
