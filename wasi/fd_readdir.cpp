// fd_readdir: directory entries with cookies.
//
// A cookie is the index of the next entry in a snapshot of the directory
// taken when the guest starts a scan (cookie 0). Later calls continue from
// the snapshot, so cookies stay valid while the guest reads -- and while it
// deletes entries as it goes, which `rm -r`-style code does. Entries are
// copied as a 24-byte dirent followed by the name, truncated at the end of
// the guest's buffer: a full buffer tells the guest to call again.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <algorithm>

#include "wasi/errno_map.h"
#include "wasi/ops.h"

namespace wasmrun::wasi {

namespace {

FileType type_of_dirent(int dir_fd, const struct dirent* d) {
  switch (d->d_type) {
    case DT_REG: return FileType::RegularFile;
    case DT_DIR: return FileType::Directory;
    case DT_LNK: return FileType::SymbolicLink;
    case DT_CHR: return FileType::CharacterDevice;
    case DT_BLK: return FileType::BlockDevice;
    case DT_SOCK: return FileType::SocketStream;
    case DT_FIFO: return FileType::Unknown;
    default: {
      struct stat st;
      if (fstatat(dir_fd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) return FileType::Unknown;
      return file_type_of(st);
    }
  }
}

Errno snapshot(int host_fd, std::vector<DirEntry>& out) {
  // A fresh open description, so the guest's fd offset is left alone.
  int fd = openat(host_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return last_errno();
  DIR* dir = fdopendir(fd);
  if (!dir) {
    Errno e = last_errno();
    ::close(fd);
    return e;
  }
  out.clear();
  errno = 0;
  while (struct dirent* d = readdir(dir)) {
    out.push_back({static_cast<uint64_t>(d->d_ino), type_of_dirent(dirfd(dir), d), d->d_name});
    errno = 0;
  }
  Errno e = errno ? last_errno() : Errno::Success;
  closedir(dir);
  return e;
}

}  // namespace

Errno fd_readdir(Call& c, u32 fd, u32 buf, u32 buf_len, u64 cookie, u32 bufused_out) {
  FdEntry* e;
  if (Errno err = c.st.fds.get(fd, 0, e); err != Errno::Success) return err;
  if (e->type != FileType::Directory) return Errno::NotDir;
  if (!(e->rights_base & rights::FdReaddir)) return Errno::NotCapable;
  auto out = c.mem.range(buf, buf_len);
  c.mem.range(bufused_out, 4);
  if (cookie == 0 || !e->listing) {
    std::vector<DirEntry> list;
    if (Errno err = snapshot(e->host_fd, list); err != Errno::Success) return err;
    e->listing = std::move(list);
  }
  const auto& list = *e->listing;
  size_t used = 0;
  for (u64 i = cookie; i < list.size() && used < out.size(); ++i) {
    const DirEntry& d = list[i];
    uint8_t header[layout::kDirentSize] = {};
    GuestMemory h({header, sizeof header});
    h.store_u64(0, i + 1);
    h.store_u64(8, d.ino);
    h.store_u32(16, static_cast<u32>(d.name.size()));
    h.store_u8(20, static_cast<uint8_t>(d.type));
    size_t n = std::min(sizeof header, out.size() - used);
    std::copy_n(header, n, out.begin() + static_cast<std::ptrdiff_t>(used));
    used += n;
    n = std::min(d.name.size(), out.size() - used);
    std::copy_n(d.name.begin(), n, out.begin() + static_cast<std::ptrdiff_t>(used));
    used += n;
  }
  c.mem.store_u32(bufused_out, static_cast<u32>(used));
  return Errno::Success;
}

}  // namespace wasmrun::wasi
