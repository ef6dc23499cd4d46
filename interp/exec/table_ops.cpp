#include "interp/exec/table_ops.h"

#include <algorithm>

#include "interp/exec/traps.h"

namespace wasmrun::interp {

namespace {
bool in_range(uint64_t start, uint64_t n, uint64_t size) { return start <= size && n <= size - start; }
}  // namespace

int64_t table_grow(TableImpl& t, uint64_t delta, uintptr_t init) {
  uint64_t old = t.elems.size();
  if (delta > t.limit - old) return -1;
  try {
    t.elems.resize(old + delta, init);
  } catch (const std::bad_alloc&) {
    return -1;  // growth may always fail
  }
  return static_cast<int64_t>(old);
}

void table_fill(TableImpl& t, uint64_t i, uintptr_t value, uint64_t n) {
  if (!in_range(i, n, t.elems.size())) trap_table_oob();
  std::fill_n(t.elems.begin() + static_cast<ptrdiff_t>(i), n, value);
}

void table_copy(TableImpl& dst, TableImpl& src, uint64_t d, uint64_t s, uint64_t n) {
  if (!in_range(d, n, dst.elems.size()) || !in_range(s, n, src.elems.size())) trap_table_oob();
  if (n == 0) return;
  // Overlap-safe, like memmove.
  std::vector<uintptr_t>& de = dst.elems;
  const std::vector<uintptr_t>& se = src.elems;
  if (&dst == &src && d > s) {
    std::copy_backward(se.begin() + static_cast<ptrdiff_t>(s), se.begin() + static_cast<ptrdiff_t>(s + n),
                       de.begin() + static_cast<ptrdiff_t>(d + n));
  } else {
    std::copy(se.begin() + static_cast<ptrdiff_t>(s), se.begin() + static_cast<ptrdiff_t>(s + n),
              de.begin() + static_cast<ptrdiff_t>(d));
  }
}

void table_init(TableImpl& t, std::span<const uintptr_t> elems, uint64_t d, uint64_t s, uint64_t n) {
  if (!in_range(d, n, t.elems.size()) || !in_range(s, n, elems.size())) trap_table_oob();
  std::copy_n(elems.begin() + static_cast<ptrdiff_t>(s), n, t.elems.begin() + static_cast<ptrdiff_t>(d));
}

}  // namespace wasmrun::interp
