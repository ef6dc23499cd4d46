// The compiler's passes one at a time, on records made by hand: what the
// encoder lays out and how the specialize pass pairs records.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <vector>

#include "interp/compiler/code_dump.h"
#include "interp/compiler/code_records.h"
#include "interp/compiler/encode.h"
#include "interp/compiler/pair_forms.h"
#include "interp/compiler/specialize.h"
#include "interp/compiler/thread.h"

using namespace wasmrun::interp;

namespace {

uint64_t pack(uint32_t lo, uint32_t hi) { return lo | (uint64_t{hi} << 32); }
int32_t high_of(uint64_t w) { return static_cast<int32_t>(w >> 32); }
int32_t low_of(uint64_t w) { return static_cast<int32_t>(static_cast<uint32_t>(w)); }

// The first row of the tuning table's WASMRUN_PREFIXED, whatever it holds.
struct PairRow {
  IOp first, second, pair;
};
PairRow first_prefixed_row() {
  static const PairRow rows[] = {
#define WASMRUN_ROW(f, s, ...) {IOp::f, IOp::s, IOp::f##_Then_##s},
      WASMRUN_PREFIXED(WASMRUN_ROW)
#undef WASMRUN_ROW
  };
  return rows[0];
}

// The first row of WASMRUN_FORWARDED, whatever it holds.
struct FwdRow {
  IOp first, second, pair;
  FwdSrc src;
};
FwdRow first_forwarded_row() {
  static const FwdRow rows[] = {
#define WASMRUN_ROW(f, s, from, ...) {IOp::f, IOp::s, IOp::f##_Fwd_##s, FwdSrc::from},
      WASMRUN_FORWARDED(WASMRUN_ROW)
#undef WASMRUN_ROW
  };
  return rows[0];
}

}  // namespace

TEST_CASE("encode: records become words, labels become offsets from the branching instruction", "[passes]") {
  LoweredFunction f;
  f.local_slots = 3;
  f.max_slots = 5;
  Records& r = f.records;
  r.add(IOp::I32Add_RR, 1);  // #0: 2 words
  r.add_word(pack(1, 0));
  r.add(IOp::I32Sub_RI, 0);  // #1: 2 words
  r.add_word(pack(0, 1));
  r.add(IOp::BrIfI32GtS_RI, 0);  // #2: a backward branch to #0, in word 1's high half
  r.add_word(pack(0, 0));
  r.branches().push_back({2, 1, true, 0});
  r.add(IOp::Br, 0);  // #3: a forward branch to the end, in its first word's high half
  r.branches().push_back({3, 0, true, 5});
  r.add(IOp::Return1, 1);  // #4
  auto code = encode(f);
  REQUIRE(code->local_slots == 3);
  REQUIRE(code->max_slots == 5);
  const auto& w = code->slots;
#ifdef WASMRUN_PROFILE_OPS
  REQUIRE(w.size() == 9);
#else
  REQUIRE(w.size() == 8);
#endif
  CHECK(w[0].u64 == pack(handler_word(IOp::I32Add_RR), 1));
  CHECK(w[1].u64 == pack(1, 0));
  CHECK(w[2].u64 == pack(handler_word(IOp::I32Sub_RI), 0));
  CHECK(w[4].u64 == pack(handler_word(IOp::BrIfI32GtS_RI), 0));
  CHECK(high_of(w[5].u64) == -4);  // from word 4 back to word 0
  CHECK(low_of(w[5].u64) == 0);    // the other half stays
  CHECK(high_of(w[6].u64) == 2);   // Br at 6 to the end, 8
  CHECK(static_cast<uint32_t>(w[6].u64) == handler_word(IOp::Br));
  CHECK(w[7].u64 == pack(handler_word(IOp::Return1), 1));
}

TEST_CASE("thread: a branch to a Br goes where the Br goes; a Br to a lone copy does the copy", "[passes]") {
  Records r;
  r.add(IOp::BrIf, 7);  // #0: a conditional branch to #2, a Br to #3, a Br to #5
  r.add_word(0);
  r.branches().push_back({0, 1, false, 2});
  r.add(IOp::Br, 0);  // #1: to #4, a lone copy
  r.branches().push_back({1, 0, true, 4});
  r.add(IOp::Br, 0);  // #2: to #3
  r.branches().push_back({2, 0, true, 3});
  r.add(IOp::Br, 0);  // #3: to #6
  r.branches().push_back({3, 0, true, 6});
  r.add(IOp::CopyS, 5 | (6 << 16));  // #4: slot 5 = slot 6
  r.add(IOp::Br, 0);  // #5: to itself, an empty infinite loop
  r.branches().push_back({5, 0, true, 5});
  r.add(IOp::Return0, 0);  // #6
  thread_branches(r);
  REQUIRE(r.size() == 7);
  const auto& b = r.branches();
  REQUIRE(b.size() == 5);
  CHECK(b[0].record == 0);
  CHECK(b[0].target == 6);  // #2 -> #3 -> #6
  CHECK(r[0].op == IOp::BrIf);
  // #1 copies as #4 does and goes on to #5, which goes on to itself.
  CHECK(r[1].op == IOp::CopyBr);
  CHECK(r[1].a == 5);
  REQUIRE(r[1].words() == 2);
  CHECK(r.word(1, 1) == 6);
  CHECK(b[1].record == 1);
  CHECK(b[1].word == 1);
  CHECK(b[1].high);
  CHECK(b[1].target == 5);
  CHECK(b[2].target == 6);
  CHECK(b[3].target == 6);
  CHECK(b[4].target == 5);  // left at a chain that never ends
  // The copy itself stays for whatever falls into it.
  CHECK(r[4].op == IOp::CopyS);
}

TEST_CASE("encode: a BrTable0 entry carries its target's first word", "[passes]") {
  LoweredFunction f;
  Records& r = f.records;
  r.add(IOp::BrTable0, 2);  // index in slot 2, two entries [rel] [first word]
  r.add_word(1);
  for (uint32_t k = 0; k < 2; ++k) {
    r.add_word(0);
    r.branches().push_back({0, 2 + 2 * k, false, k + 1});
    r.add_word(0);
  }
  r.add(IOp::Return0, 0);  // #1 at word 6
  r.add(IOp::Return1, 7);  // #2 at word 7
  auto code = encode(f);
  const auto& w = code->slots;
  CHECK(low_of(w[2].u64) == 6);
  CHECK(w[3].u64 == pack(handler_word(IOp::Return0), 0));
  CHECK(low_of(w[4].u64) == 7);
  CHECK(w[5].u64 == pack(handler_word(IOp::Return1), 7));
}

TEST_CASE("specialize: a tuning-table pair takes the first record's op and moves nothing", "[passes]") {
  const PairRow row = first_prefixed_row();
  Records r;
  r.add(row.first, 40);
  r.add_word(pack(41, 42));
  r.add_word(pack(43, 44));
  r.add(row.second, 50);
  r.add_word(pack(51, 52));  // reads no slot 40, so no forwarding row applies
  r.add_word(pack(53, 54));
  r.add_word(pack(55, 56));
  specialize(r);
  REQUIRE(r.size() == 2);
  CHECK(r[0].op == row.pair);
  CHECK(r[0].a == 40);
  CHECK(r[0].words() == 3);
  CHECK(r[1].op == row.second);  // a branch to SECOND still runs it alone
}

TEST_CASE("records: rotate keeps each record's words, truncate drops the tail's", "[passes]") {
  Records r;
  r.add(IOp::I32Load, 1);
  r.add_word(pack(2, 3));
  r.add(IOp::SetS, 4);
  r.add(IOp::CopyS, 5);
  r.rotate(0, 1);  // [load, set, copy] -> [set, copy, load]
  REQUIRE(r.size() == 3);
  CHECK(r[0].op == IOp::SetS);
  CHECK(r[1].op == IOp::CopyS);
  CHECK(r[2].op == IOp::I32Load);
  CHECK(r.word(2, 1) == pack(2, 3));
  r.add(IOp::I32Add_RI, 6);
  r.add_word(pack(7, 8));
  r.truncate(3);
  REQUIRE(r.size() == 3);
  CHECK(r.word(2, 1) == pack(2, 3));
  r.add(IOp::I32Add_RR, 9);
  r.add_word(pack(10, 11));
  CHECK(r.word(3, 1) == pack(10, 11));
  r.erase(0);
  CHECK(r[0].op == IOp::CopyS);
  CHECK(r.word(2, 1) == pack(10, 11));
}

TEST_CASE("specialize: a forwarding row applies where SECOND reads FIRST's destination at the row's SRC", "[passes]") {
  const FwdRow row = first_forwarded_row();
  for (bool reads : {true, false}) {
    INFO("reads: " << reads);
    const uint32_t d = 40, at = reads ? d : 39;
    Records r;
    r.add(row.first, d);
    r.add_word(pack(41, 42));
    r.add_word(pack(43, 44));
    r.add(row.second, 50);
    r.add_word(row.src == FwdSrc::W1 ? uint64_t{at} : pack(row.src == FwdSrc::LO1 ? at : 51, 52));
    r.add_word(pack(row.src == FwdSrc::LO2 ? at : 53, 54));
    r.add_word(pack(55, 56));
    specialize(r);
    REQUIRE(r.size() == 2);
    if (reads)
      CHECK(r[0].op == row.pair);
    else
      CHECK(r[0].op != row.pair);
    CHECK(r[1].op == row.second);
  }
}

TEST_CASE("specialize: every record takes the pairs and chains that run it and the rest with the fewest dispatches",
          "[passes]") {
  // The prefixed rows, as pair op -> (FIRST, SECOND); SECOND may be a pair
  // itself (a chain). Forwarding rows need operands that name FIRST's
  // destination; these records' operands never do, so a chain through a
  // forwarding pair cannot apply and is left out.
  struct Row {
    IOp pair, first, second;
  };
  static const Row rows[] = {
#define WASMRUN_ROW(f, s, ...) {IOp::f##_Then_##s, IOp::f, IOp::s},
      WASMRUN_PREFIXED(WASMRUN_ROW)
#undef WASMRUN_ROW
  };
  std::map<IOp, const Row*> by_pair;
  for (const Row& row : rows) by_pair[row.pair] = &row;
  std::set<IOp> forwarded;
#define WASMRUN_ROW(f, s, ...) forwarded.insert(IOp::f##_Fwd_##s);
  WASMRUN_FORWARDED(WASMRUN_ROW)
#undef WASMRUN_ROW
  // The plain ops an op runs: itself, or FIRST and what SECOND runs; empty
  // when it runs a forwarding pair.
  std::function<std::vector<IOp>(IOp)> expand = [&](IOp op) -> std::vector<IOp> {
    if (forwarded.count(op)) return {};
    auto it = by_pair.find(op);
    if (it == by_pair.end()) return {op};
    std::vector<IOp> rest = expand(it->second->second);
    if (rest.empty()) return {};
    rest.insert(rest.begin(), it->second->first);
    return rest;
  };
  std::vector<IOp> usable;
  for (const Row& row : rows)
    if (!expand(row.pair).empty()) usable.push_back(row.pair);
  REQUIRE(!usable.empty());

  uint32_t seed = 12345;
  auto next = [&](uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % n;
  };
  for (int round = 0; round < 300; ++round) {
    // Runs of the rows' instruction sequences, overlapping at random, and
    // a few ops of their own.
    std::vector<IOp> plain;
    while (plain.size() < 24) {
      std::vector<IOp> run = expand(usable[next(static_cast<uint32_t>(usable.size()))]);
      size_t skip = next(3) == 0 ? next(static_cast<uint32_t>(run.size())) : 0;
      plain.insert(plain.end(), run.begin() + static_cast<std::ptrdiff_t>(skip), run.end());
      if (next(4) == 0) plain.push_back(IOp::Return0);
    }
    const size_t n = plain.size();
    Records r;
    for (size_t k = 0; k < n; ++k) {
      r.add(plain[k], static_cast<uint32_t>(1000 + k));
      r.add_word(pack(100000 + 2 * static_cast<uint32_t>(k), 200000));
      r.add_word(pack(300000, 400000));
    }
    specialize(r);
    // The fewest dispatches from each record on, over every choice of
    // rows, and what the chosen ops give.
    std::vector<size_t> best(n + 1, 0), got(n + 1, 0);
    for (size_t k = n; k-- > 0;) {
      best[k] = 1 + best[k + 1];
      for (IOp pair : usable) {
        std::vector<IOp> runs = expand(pair);
        if (k + runs.size() <= n && std::equal(runs.begin(), runs.end(), plain.begin() + static_cast<std::ptrdiff_t>(k)))
          best[k] = std::min(best[k], 1 + best[k + runs.size()]);
      }
      std::vector<IOp> runs = expand(r[k].op);
      INFO("record " << k << ": " << iop_name(r[k].op));
      REQUIRE(!runs.empty());
      REQUIRE(k + runs.size() <= n);
      REQUIRE(std::equal(runs.begin(), runs.end(), plain.begin() + static_cast<std::ptrdiff_t>(k)));
      got[k] = 1 + got[k + runs.size()];
    }
    for (size_t k = 0; k < n; ++k) {
      INFO("round " << round << ", record " << k);
      CHECK(got[k] == best[k]);
    }
  }
}
