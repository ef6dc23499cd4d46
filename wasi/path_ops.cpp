// The path_* calls other than path_open. Each resolves its path(s) in the
// sandbox (path_resolve.h) and then acts on (parent fd, final name) with a
// *at() call that never follows a symlink in the final component itself.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "wasi/errno_map.h"
#include "wasi/path_common.h"

namespace wasmrun::wasi {

namespace {

Errno ok_or_errno(int r) { return r == 0 ? Errno::Success : last_errno(); }

}  // namespace

Errno path_create_directory(Call& c, u32 fd, u32 path, u32 path_len) {
  ResolvedPath r;
  if (Errno e = resolve_guest_path(c, fd, rights::PathCreateDirectory, path, path_len, false, r); e != Errno::Success)
    return e;
  return ok_or_errno(mkdirat(r.parent, r.name.c_str(), 0777));
}

Errno path_filestat_get(Call& c, u32 fd, u32 flags, u32 path, u32 path_len, u32 out) {
  ResolvedPath r;
  bool follow = flags & lookupflags::SymlinkFollow;
  if (Errno e = resolve_guest_path(c, fd, rights::PathFilestatGet, path, path_len, follow, r); e != Errno::Success)
    return e;
  struct stat st;
  if (fstatat(r.parent, r.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return last_errno();
  store_filestat(c, out, st);
  return Errno::Success;
}

Errno path_filestat_set_times(Call& c, u32 fd, u32 flags, u32 path, u32 path_len, u64 atim, u64 mtim,
                              u32 fst_flags) {
  struct timespec ts[2];
  if (Errno e = times_from_wasi(atim, mtim, fst_flags, ts); e != Errno::Success) return e;
  ResolvedPath r;
  bool follow = flags & lookupflags::SymlinkFollow;
  if (Errno e = resolve_guest_path(c, fd, rights::PathFilestatSetTimes, path, path_len, follow, r);
      e != Errno::Success)
    return e;
  return ok_or_errno(utimensat(r.parent, r.name.c_str(), ts, AT_SYMLINK_NOFOLLOW));
}

Errno path_link(Call& c, u32 old_fd, u32 old_flags, u32 old_path, u32 old_path_len, u32 new_fd, u32 new_path,
                u32 new_path_len) {
  ResolvedPath from, to;
  bool follow = old_flags & lookupflags::SymlinkFollow;
  if (Errno e = resolve_guest_path(c, old_fd, rights::PathLinkSource, old_path, old_path_len, follow, from);
      e != Errno::Success)
    return e;
  if (Errno e = resolve_guest_path(c, new_fd, rights::PathLinkTarget, new_path, new_path_len, false, to);
      e != Errno::Success)
    return e;
  if (to.trailing_slash) return faccessat(to.parent, to.name.c_str(), F_OK, AT_SYMLINK_NOFOLLOW) == 0 ? Errno::Exist : Errno::NoEnt;
  return ok_or_errno(linkat(from.parent, from.name.c_str(), to.parent, to.name.c_str(), 0));
}

Errno path_readlink(Call& c, u32 fd, u32 path, u32 path_len, u32 buf, u32 buf_len, u32 bufused_out) {
  ResolvedPath r;
  if (Errno e = resolve_guest_path(c, fd, rights::PathReadlink, path, path_len, false, r); e != Errno::Success)
    return e;
  auto out = c.mem.range(buf, buf_len);
  c.mem.range(bufused_out, 4);
  // Read into a host buffer first: readlinkat's size must be non-zero and a
  // longer target is truncated to the guest's buffer, as POSIX does.
  char target[4096];
  ssize_t n = readlinkat(r.parent, r.name.c_str(), target, sizeof target);
  if (n < 0) return last_errno();
  size_t used = std::min(static_cast<size_t>(n), out.size());
  std::copy_n(target, used, out.begin());
  c.mem.store_u32(bufused_out, static_cast<u32>(used));
  return Errno::Success;
}

Errno path_remove_directory(Call& c, u32 fd, u32 path, u32 path_len) {
  ResolvedPath r;
  if (Errno e = resolve_guest_path(c, fd, rights::PathRemoveDirectory, path, path_len, false, r);
      e != Errno::Success)
    return e;
  return ok_or_errno(unlinkat(r.parent, r.name.c_str(), AT_REMOVEDIR));
}

Errno path_rename(Call& c, u32 fd, u32 old_path, u32 old_path_len, u32 new_fd, u32 new_path, u32 new_path_len) {
  ResolvedPath from, to;
  if (Errno e = resolve_guest_path(c, fd, rights::PathRenameSource, old_path, old_path_len, false, from);
      e != Errno::Success)
    return e;
  if (Errno e = resolve_guest_path(c, new_fd, rights::PathRenameTarget, new_path, new_path_len, false, to);
      e != Errno::Success)
    return e;
  if (from.trailing_slash || to.trailing_slash) {
    // "a/" names a directory: renaming a file through it is ENOTDIR.
    struct stat st;
    if (fstatat(from.parent, from.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
      return Errno::NotDir;
  }
  return ok_or_errno(renameat(from.parent, from.name.c_str(), to.parent, to.name.c_str()));
}

Errno path_symlink(Call& c, u32 old_path, u32 old_path_len, u32 fd, u32 new_path, u32 new_path_len) {
  std::string target(c.mem.string(old_path, old_path_len));
  if (target.find('\0') != std::string::npos) return Errno::Ilseq;
  if (target.empty()) return Errno::NoEnt;
  ResolvedPath r;
  if (Errno e = resolve_guest_path(c, fd, rights::PathSymlink, new_path, new_path_len, false, r); e != Errno::Success)
    return e;
  if (r.trailing_slash) return faccessat(r.parent, r.name.c_str(), F_OK, AT_SYMLINK_NOFOLLOW) == 0 ? Errno::Exist : Errno::NoEnt;
  // The target is stored as given: it is only ever followed through
  // resolve_path, which refuses absolute targets and escapes by `..`.
  return ok_or_errno(symlinkat(target.c_str(), r.parent, r.name.c_str()));
}

Errno path_unlink_file(Call& c, u32 fd, u32 path, u32 path_len) {
  ResolvedPath r;
  if (Errno e = resolve_guest_path(c, fd, rights::PathUnlinkFile, path, path_len, false, r); e != Errno::Success)
    return e;
  if (r.trailing_slash) {
    // resolve_path already refused "file/"; what is left is a directory
    // or nothing.
    struct stat st;
    if (fstatat(r.parent, r.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return last_errno();
    return Errno::IsDir;
  }
  return ok_or_errno(unlinkat(r.parent, r.name.c_str(), 0));
}

}  // namespace wasmrun::wasi
