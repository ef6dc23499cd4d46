#include "interp/compiler/encode.h"

namespace wasmrun::interp {

std::unique_ptr<Code> encode(const LoweredFunction& f, std::vector<std::pair<size_t, IOp>>* starts) {
  const Records& recs = f.records;
  auto code = std::make_unique<Code>();
  code->param_slots = f.param_slots;
  code->local_slots = f.local_slots;
  code->max_slots = f.max_slots;
  code->result_slots = f.result_slots;

  // Where each record starts; a label past the last record is the end.
  std::vector<size_t> at(recs.size() + 1);
  size_t total = 0;
  for (size_t i = 0; i < recs.size(); ++i) {
    at[i] = total;
    total += recs[i].words();
  }
  at[recs.size()] = total;

  auto& v = code->slots;
  v.reserve(total + 1);
  for (size_t i = 0; i < recs.size(); ++i) {
    const Record& r = recs[i];
    v.push_back(Slot{r.first_word()});
    for (size_t k = 1; k < r.words(); ++k) v.push_back(Slot{recs.word(i, k)});
    if (starts) starts->emplace_back(at[i], r.op);
    code->source.add(static_cast<uint32_t>(at[i]), r.source);
  }
  code->source.shrink();

  // Branch offsets are signed 32-bit word counts from the branching
  // instruction's first word.
  for (const BranchField& b : recs.branches()) {
    auto rel = static_cast<uint32_t>(static_cast<int32_t>(static_cast<int64_t>(at[b.target]) -
                                                          static_cast<int64_t>(at[b.record])));
    uint64_t& w = v[at[b.record] + b.word].u64;
    w = b.high ? (w & 0xFFFFFFFFu) | (uint64_t{rel} << 32) : (w & ~uint64_t{0xFFFFFFFF}) | rel;
  }

  // Each BrTable0 entry [rel] [first word] carries a copy of its target's
  // first word (with its final handler: after the specialize pass).
  for (size_t i = 0; i < recs.size(); ++i) {
    if (recs[i].op != IOp::BrTable0) continue;
    const size_t pos = at[i], entries = size_t{static_cast<uint32_t>(v[pos + 1].u64)} + 1;
    for (size_t k = 0; k < entries; ++k) {
      Slot* entry = &v[pos + 2 + 2 * k];
      entry[1] = v[pos + static_cast<int32_t>(entry[0].u64)];
    }
  }
  // Handlers: record indices to word offsets.
  code->handlers = f.handlers;
  for (Handler& h : code->handlers) {
    h.start = static_cast<uint32_t>(at[h.start]);
    h.end = static_cast<uint32_t>(at[h.end]);
    for (CatchRule& c : h.catches) c.target = static_cast<uint32_t>(at[c.target]);
  }
#ifdef WASMRUN_PROFILE_OPS
  v.push_back(Slot{0});  // the profile reads a word past every instruction
#endif
  v.shrink_to_fit();
  return code;
}

}  // namespace wasmrun::interp
