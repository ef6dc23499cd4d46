#include "interp/compiler/thread.h"

#include <vector>

namespace wasmrun::interp {

namespace {

// A chain of branches longer than this is left where it stops: a `br` to
// itself (an empty infinite loop) would otherwise never end.
constexpr int kMaxHops = 64;

}  // namespace

void thread_branches(Records& recs) {
  std::vector<BranchField>& fields = recs.branches();
  // The branch field of each plain Br record, -1 for every other record.
  std::vector<int64_t> br_field(recs.size(), -1);
  for (size_t k = 0; k < fields.size(); ++k)
    if (recs[fields[k].record].op == IOp::Br) br_field[fields[k].record] = static_cast<int64_t>(k);

  // Br [h|rel] to CopyS [h|d:16,a:16]: CopyBr [h|d] [a|rel] to the record
  // after the copy (the layouts of code.h).
  for (size_t i = 0; i < recs.size(); ++i) {
    if (br_field[i] < 0) continue;
    BranchField& f = fields[static_cast<size_t>(br_field[i])];
    const uint32_t t = f.target;
    if (t >= recs.size() || recs[t].op != IOp::CopyS || t == i) continue;
    const uint32_t dst = recs[t].a & 0xFFFF, src = recs[t].a >> 16;
    const uint64_t word = src;
    recs.reform(i, IOp::CopyBr, dst, {&word, 1});
    f = {static_cast<uint32_t>(i), 1, true, t + 1};
    br_field[i] = -1;
  }

  for (BranchField& f : fields) {
    uint32_t t = f.target;
    for (int hops = 0; hops < kMaxHops && t < recs.size() && br_field[t] >= 0; ++hops)
      t = fields[static_cast<size_t>(br_field[t])].target;
    f.target = t;
  }
}

}  // namespace wasmrun::interp
