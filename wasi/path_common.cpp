#include "wasi/path_common.h"

namespace wasmrun::wasi {

Errno resolve_guest_path(Call& c, u32 dirfd, uint64_t needed_right, u32 path, u32 path_len, bool follow,
                         ResolvedPath& out) {
  FdEntry* dir;
  if (Errno err = c.st.fds.get(dirfd, needed_right, dir); err != Errno::Success) return err;
  if (dir->type != FileType::Directory) return Errno::NotDir;
  return resolve_path(dir->host_fd, c.mem.string(path, path_len), follow, out);
}

}  // namespace wasmrun::wasi
