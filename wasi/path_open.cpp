// path_open: opening (and creating) files and directories beneath a
// directory fd, with WASI's oflags, fdflags and rights.
#include <fcntl.h>
#include <sys/stat.h>

#include "wasi/errno_map.h"
#include "wasi/path_common.h"

namespace wasmrun::wasi {

Errno path_open(Call& c, u32 dirfd, u32 dirflags, u32 path, u32 path_len, u32 oflags_in, u64 rights_base,
                u64 rights_inheriting, u32 fdflags_in, u32 fd_out) {
  if (oflags_in & ~0xfu) return Errno::Inval;
  if (fdflags_in & ~0x1fu) return Errno::Inval;
  const bool creat = oflags_in & oflags::Creat, excl = oflags_in & oflags::Excl;
  const bool trunc = oflags_in & oflags::Trunc, directory = oflags_in & oflags::Directory;
  uint64_t needed = rights::PathOpen;
  if (creat) needed |= rights::PathCreateFile;
  if (trunc) needed |= rights::PathFilestatSetSize;
  c.mem.range(fd_out, 4);  // checked first, so a bad pointer cannot leak an open fd

  // With O_CREAT|O_EXCL a final symlink is never followed (POSIX).
  const bool follow = (dirflags & lookupflags::SymlinkFollow) && !(creat && excl);
  ResolvedPath r;
  if (Errno err = resolve_guest_path(c, dirfd, needed, path, path_len, follow, r); err != Errno::Success) return err;
  FdEntry* dir;
  c.st.fds.get(dirfd, 0, dir);

  // The access mode follows the rights asked for: wasi-libc derives them
  // from O_RDONLY/O_WRONLY/O_RDWR. Only fd_write means writing: Go asks for
  // allocate and set_size even on read-only opens (of directories too).
  const bool rd = rights_base & (rights::FdRead | rights::FdReaddir);
  const bool wr = (rights_base & rights::FdWrite) || trunc || (fdflags_in & fdflags::Append);
  // O_NOFOLLOW: the walk already resolved what should be followed, so a
  // symlink here is one the guest asked not to follow (ELOOP), or a race.
  int fl = O_CLOEXEC | O_NOFOLLOW | O_NOCTTY;
  fl |= rd && wr ? O_RDWR : wr ? O_WRONLY : O_RDONLY;
  if (creat) fl |= O_CREAT;
  if (excl) fl |= O_EXCL;
  if (trunc) fl |= O_TRUNC;
  if (directory || r.trailing_slash) {
    if (creat) return Errno::IsDir;
    fl |= O_DIRECTORY;
  }
  if (fdflags_in & fdflags::Append) fl |= O_APPEND;
  if (fdflags_in & fdflags::Dsync) fl |= O_DSYNC;
  if (fdflags_in & fdflags::Nonblock) fl |= O_NONBLOCK;
  if (fdflags_in & fdflags::Rsync) fl |= O_RSYNC;
  if (fdflags_in & fdflags::Sync) fl |= O_SYNC;

  int host = openat(r.parent, r.name.c_str(), fl, 0666);
  if (host < 0) return last_errno();
  struct stat st;
  if (fstat(host, &st) != 0) {
    Errno e = last_errno();
    ::close(host);
    return e;
  }
  FdEntry entry;
  entry.host_fd = host;
  entry.type = file_type_of(st, host);
  // A new fd gets what was asked, within what the directory may hand down
  // and what makes sense for its type.
  uint64_t fits = entry.type == FileType::Directory ? rights::Dir
                  : entry.type == FileType::RegularFile ? rights::File
                                                         : rights::Stream;
  entry.rights_base = rights_base & dir->rights_inheriting & fits;
  entry.rights_inheriting = rights_inheriting & dir->rights_inheriting;
  c.mem.store_u32(fd_out, c.st.fds.insert(std::move(entry)));
  return Errno::Success;
}

}  // namespace wasmrun::wasi
