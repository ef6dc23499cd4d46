#include "wasi/path_common.h"

namespace wasmrun::wasi {

Errno resolve_guest_path(Call& c, u32 dirfd, uint64_t needed_right, u32 path, u32 path_len, bool follow,
                         ResolvedPath& out) {
  FdEntry* dir;
  if (Errno err = c.st.fds.get(dirfd, 0, dir); err != Errno::Success) return err;
  // A path relative to a file is ENOTDIR, as openat() says; only then rights.
  if (dir->type != FileType::Directory) return Errno::NotDir;
  if ((dir->rights_base & needed_right) != needed_right) return Errno::NotCapable;
  return resolve_path(dir->host_fd, c.mem.string(path, path_len), follow, out);
}

}  // namespace wasmrun::wasi
