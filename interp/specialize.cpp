#include "interp/specialize.h"

#include <cstdlib>

#include "interp/pair_forms.h"

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

// The pair of `first` and `second` in WASMRUN_PREFIXED, or Count.
IOp pair_of(IOp first, IOp second) {
#define WASMRUN_PAIR_ROW(f, s, ...) \
  if (first == IOp::f && second == IOp::s) return IOp::f##_Then_##s;
  WASMRUN_PREFIXED(WASMRUN_PAIR_ROW)
#undef WASMRUN_PAIR_ROW
  return IOp::Count;
}

// The WASMRUN_FORWARDED row FIRST -> SECOND: its pair op, and in `src`
// where SECOND reads the operand; Count if there is none.
IOp forwarded_row(IOp first, IOp second, FwdSrc& src) {
#define WASMRUN_FWD_ROW(f, s, from, ...)     \
  if (first == IOp::f && second == IOp::s) { \
    src = FwdSrc::from;                      \
    return IOp::f##_Fwd_##s;                 \
  }
  WASMRUN_FORWARDED(WASMRUN_FWD_ROW)
#undef WASMRUN_FWD_ROW
  return IOp::Count;
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
  // From the end, so the record after FIRST is already paired when FIRST
  // is looked at: a row whose SECOND is that pair makes a chain; otherwise
  // FIRST pairs with the record's own op and enters its plain handler.
  // `next` keeps the op the next record had before it was paired.
  IOp next = recs.empty() ? IOp::Count : recs.back().op;
  for (size_t k = recs.size(); k-- > 1;) {
    Record& first = recs[k - 1];
    const IOp next_now = recs[k].op, first_op = first.op;
    const uint64_t d = first.a;
    const uint64_t none = ~uint64_t{0};
    const uint64_t w1 = recs.code_word(k, 1, none), w2 = recs.code_word(k, 2, none);
    IOp pair = forwarded_pair_of(first_op, next_now, d, w1, w2);
    if (pair == IOp::Count) pair = pair_of(first_op, next_now);
    if (pair == IOp::Count && next_now != next) pair = forwarded_pair_of(first_op, next, d, w1, w2);
    if (pair == IOp::Count && next_now != next) pair = pair_of(first_op, next);
    next = first_op;
    if (pair != IOp::Count) first.op = pair;
  }
}

}  // namespace wasmrun::interp
