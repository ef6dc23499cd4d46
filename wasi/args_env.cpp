// args_* and environ_*: both lay out a vector of strings the same way, an
// array of pointers plus a buffer of NUL-terminated strings.
#include "wasi/ops.h"

namespace wasmrun::wasi {

namespace {

Errno sizes(Call& c, const std::vector<std::string>& v, u32 count_out, u32 size_out) {
  uint64_t bytes = 0;
  for (const auto& s : v) bytes += s.size() + 1;
  if (bytes > UINT32_MAX) return Errno::Overflow;
  c.mem.store_u32(count_out, static_cast<u32>(v.size()));
  c.mem.store_u32(size_out, static_cast<u32>(bytes));
  return Errno::Success;
}

Errno strings(Call& c, const std::vector<std::string>& v, u32 ptrs, u32 buf) {
  uint64_t at = buf;
  for (size_t i = 0; i < v.size(); ++i) {
    c.mem.store_u32(ptrs + 4 * static_cast<uint64_t>(i), static_cast<u32>(at));
    c.mem.write(at, v[i].c_str(), v[i].size() + 1);
    at += v[i].size() + 1;
  }
  return Errno::Success;
}

}  // namespace

Errno args_get(Call& c, u32 argv, u32 argv_buf) { return strings(c, c.st.args, argv, argv_buf); }
Errno args_sizes_get(Call& c, u32 argc_out, u32 size_out) { return sizes(c, c.st.args, argc_out, size_out); }
Errno environ_get(Call& c, u32 env, u32 env_buf) { return strings(c, c.st.env, env, env_buf); }
Errno environ_sizes_get(Call& c, u32 count_out, u32 size_out) { return sizes(c, c.st.env, count_out, size_out); }

}  // namespace wasmrun::wasi
