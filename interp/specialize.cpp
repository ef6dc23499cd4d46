#include "interp/specialize.h"

namespace wasmrun::interp {

namespace {

// The pair of `first` and `second` in WASMRUN_PREFIXED, or Count.
IOp pair_of(IOp first, IOp second) {
#define WASMRUN_PAIR_ROW(f, s, ...) \
  if (first == IOp::f && second == IOp::s) return IOp::f##_Then_##s;
  WASMRUN_PREFIXED(WASMRUN_PAIR_ROW)
#undef WASMRUN_PAIR_ROW
  return IOp::Count;
}

// Where SECOND names the forwarded operand in a WASMRUN_FORWARDED row.
enum class FwdSrc { LO1, W1, LO2 };
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

bool has_forwarded_row(IOp first, IOp second) {
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
