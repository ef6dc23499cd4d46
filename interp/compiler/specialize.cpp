#include "interp/compiler/specialize.h"

#include <cstdlib>
#include <vector>

#include "interp/compiler/pair_forms.h"

namespace wasmrun::interp {

namespace {

// The tuning table keeps the rule of pair_forms.h: every row's FIRST may
// start a pair, with the handler family (and its arguments) that the rule
// gives it, and a forwarding row's SECOND takes FIRST's result where the
// row's SRC says. tools/gen-tuning.py writes rows that way; these checks
// keep a hand edit from breaking it.
constexpr bool same_text(const char* a, const char* b) {
  while (*a && *a == *b) ++a, ++b;
  return *a == *b;
}
constexpr const char* family_of(IOp op) {
  switch (op) {
#define WASMRUN_PAIR_FIRST(op, fwd, family, ...) \
  case IOp::op:                                  \
    return #family "(" #__VA_ARGS__ ")";
    WASMRUN_EACH_PAIR_FIRST()
#undef WASMRUN_PAIR_FIRST
    default:
      return "";
  }
}
#define WASMRUN_CHECK_PREFIXED(f, s, family, ...)                                          \
  static_assert(pair_form(IOp::f).can_start && same_text(family_of(IOp::f), #family "(" #__VA_ARGS__ ")"), \
                "tuning table: " #f " cannot start a pair with " #family "(" #__VA_ARGS__ ")");
#define WASMRUN_CHECK_FORWARDED(f, s, from, family, ...)                                   \
  static_assert(same_text(family_of(IOp::f), #family "(" #__VA_ARGS__ ")"),                \
                "tuning table: " #f " cannot start a pair with " #family "(" #__VA_ARGS__ ")"); \
  static_assert(can_forward(IOp::f, IOp::s) && pair_form(IOp::s).fwd_src == FwdSrc::from, \
                "tuning table: " #f " cannot forward to " #s " at " #from);
WASMRUN_PREFIXED(WASMRUN_CHECK_PREFIXED)
WASMRUN_FORWARDED(WASMRUN_CHECK_FORWARDED)
#undef WASMRUN_CHECK_PREFIXED
#undef WASMRUN_CHECK_FORWARDED

// The rows of WASMRUN_PREFIXED or WASMRUN_FORWARDED by FIRST: the pass
// asks several times per record, so it looks among FIRST's few rows only.
struct Row {
  IOp second, pair;
  FwdSrc src;
};
using RowsByFirst = std::vector<std::vector<Row>>;

const RowsByFirst& prefixed_rows() {
  static const RowsByFirst rows = [] {
    RowsByFirst r(static_cast<size_t>(IOp::Count));
#define WASMRUN_PAIR_ROW(f, s, ...) r[static_cast<size_t>(IOp::f)].push_back({IOp::s, IOp::f##_Then_##s, {}});
    WASMRUN_PREFIXED(WASMRUN_PAIR_ROW)
#undef WASMRUN_PAIR_ROW
    return r;
  }();
  return rows;
}

const RowsByFirst& forwarded_rows() {
  static const RowsByFirst rows = [] {
    RowsByFirst r(static_cast<size_t>(IOp::Count));
#define WASMRUN_FWD_ROW(f, s, from, ...) \
  r[static_cast<size_t>(IOp::f)].push_back({IOp::s, IOp::f##_Fwd_##s, FwdSrc::from});
    WASMRUN_FORWARDED(WASMRUN_FWD_ROW)
#undef WASMRUN_FWD_ROW
    return r;
  }();
  return rows;
}

const Row* find_row(const RowsByFirst& rows, IOp first, IOp second) {
  for (const Row& row : rows[static_cast<size_t>(first)])
    if (row.second == second) return &row;
  return nullptr;
}

// The pair of `first` and `second` in WASMRUN_PREFIXED, or Count.
IOp pair_of(IOp first, IOp second) {
  const Row* row = find_row(prefixed_rows(), first, second);
  return row ? row->pair : IOp::Count;
}

// The WASMRUN_FORWARDED row FIRST -> SECOND: its pair op, and in `src`
// where SECOND reads the operand; Count if there is none.
IOp forwarded_row(IOp first, IOp second, FwdSrc& src) {
  const Row* row = find_row(forwarded_rows(), first, second);
  if (!row) return IOp::Count;
  src = row->src;
  return row->pair;
}

// The forwarding pair of `first` and `second`, if SECOND (second and third
// words `w1`, `w2`) reads FIRST's destination slot `d` where the row says;
// else Count.
IOp forwarded_pair_of(IOp first, IOp second, uint64_t d, uint64_t w1, uint64_t w2) {
  FwdSrc src{};
  IOp pair = forwarded_row(first, second, src);
  const uint64_t read = src == FwdSrc::LO1 ? static_cast<uint32_t>(w1) : src == FwdSrc::W1 ? w1 : static_cast<uint32_t>(w2);
  return pair != IOp::Count && read == d ? pair : IOp::Count;
}

}  // namespace

bool profiling_unpaired() {
#ifdef WASMRUN_PROFILE_OPS
  static const bool on = std::getenv("WASMRUN_PROFILE_OUT") != nullptr;
  return on;
#else
  return false;
#endif
}

bool has_forwarded_row(IOp first, IOp second) {
  // A profile for the tuning table sees the order that any row the rule
  // allows would give, whichever rows the table holds now.
  if (profiling_unpaired()) return can_forward(first, second);
  FwdSrc src{};
  return forwarded_row(first, second, src) != IOp::Count;
}

void specialize(Records& recs) {
  // A record's op is chosen from the plain ops of the records after it, so
  // that the instructions from it to the end run with the fewest
  // dispatches: alone (then the next record is dispatched), as a pair with
  // the next record (FIRST_Then_SECOND or FIRST_Fwd_SECOND: the one after
  // is dispatched next), or as a chain whose SECOND is itself a pair of
  // the next two. A pair's handler enters SECOND's handler directly,
  // whatever op SECOND's record ends up with, so every record makes its
  // own choice, the best for a run that enters there (a branch target).
  // By dynamic programming from the end: cost[k], the dispatches from
  // record k to the end. (Choosing greedily, each record pairing with
  // whatever the next one became, can take a chain from the record
  // before.)
  const size_t n = recs.size();
  if (n < 2) return;
  std::vector<IOp> plain(n);
  for (size_t k = 0; k < n; ++k) plain[k] = recs[k].op;
  const uint64_t none = ~uint64_t{0};
  // The pair of record k with SECOND `second` (record k + 1's words), or Count.
  auto pair_with = [&](size_t k, IOp second) {
    const uint64_t w1 = recs.code_word(k + 1, 1, none), w2 = recs.code_word(k + 1, 2, none);
    IOp pair = forwarded_pair_of(plain[k], second, recs[k].a, w1, w2);
    return pair != IOp::Count ? pair : pair_of(plain[k], second);
  };
  // Record k's pairs with record k + 1's plain op: forwarding and prefixed
  // (a chain from record k - 1 may take either as its SECOND).
  std::vector<IOp> fwd(n, IOp::Count), then(n, IOp::Count);
  for (size_t k = 0; k + 1 < n; ++k) {
    const uint64_t w1 = recs.code_word(k + 1, 1, none), w2 = recs.code_word(k + 1, 2, none);
    fwd[k] = forwarded_pair_of(plain[k], plain[k + 1], recs[k].a, w1, w2);
    then[k] = pair_of(plain[k], plain[k + 1]);
  }
  std::vector<uint32_t> cost(n + 1, 0);
  std::vector<IOp> choice(n);
  for (size_t k = n; k-- > 0;) {
    IOp best = plain[k];
    uint32_t best_cost = 1 + cost[k + 1];
    const IOp pair = fwd[k] != IOp::Count ? fwd[k] : then[k];
    if (pair != IOp::Count && 1 + cost[k + 2] <= best_cost) {
      best = pair;
      best_cost = 1 + cost[k + 2];
    }
    if (k + 2 < n) {
      for (IOp second : {fwd[k + 1], then[k + 1]}) {
        if (second == IOp::Count) continue;
        const IOp chain = pair_with(k, second);
        if (chain != IOp::Count && 1 + cost[k + 3] <= best_cost) {
          best = chain;
          best_cost = 1 + cost[k + 3];
          break;
        }
      }
    }
    choice[k] = best;
    cost[k] = best_cost;
  }
  for (size_t k = 0; k < n; ++k) recs[k].op = choice[k];
}

}  // namespace wasmrun::interp
