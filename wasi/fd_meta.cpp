// The fd_* calls about descriptors rather than data: status, flags,
// rights, sizes and times, syncing, closing, renumbering and prestat.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi/errno_map.h"
#include "wasi/ops.h"

namespace wasmrun::wasi {

namespace {

u64 ns_of(const struct timespec& ts) {
  return static_cast<u64>(ts.tv_sec) * 1000000000ull + static_cast<u64>(ts.tv_nsec);
}

Errno get(Call& c, u32 fd, uint64_t needed, FdEntry*& e) { return c.st.fds.get(fd, needed, e); }

}  // namespace

void store_filestat(Call& c, u32 out, const struct stat& st) {
  const auto& L = layout::filestat(c.abi);
  c.mem.range(out, L.size);  // all or nothing
  c.mem.store_u64(out + L.dev, static_cast<u64>(st.st_dev));
  c.mem.store_u64(out + L.ino, static_cast<u64>(st.st_ino));
  c.mem.store_u64(out + L.filetype, 0);  // the tag byte plus its padding
  c.mem.store_u8(out + L.filetype, static_cast<uint8_t>(file_type_of(st)));
  if (L.nlink_bytes == 8) c.mem.store_u64(out + L.nlink, static_cast<u64>(st.st_nlink));
  else c.mem.store_u32(out + L.nlink, static_cast<u32>(st.st_nlink));
  c.mem.store_u64(out + L.fsize, static_cast<u64>(st.st_size));
  c.mem.store_u64(out + L.atim, ns_of(st.st_atim));
  c.mem.store_u64(out + L.mtim, ns_of(st.st_mtim));
  c.mem.store_u64(out + L.ctim, ns_of(st.st_ctim));
}

Errno times_from_wasi(u64 atim, u64 mtim, u32 f, struct timespec ts[2]) {
  using namespace fstflags;
  if (f & ~static_cast<u32>(Atim | AtimNow | Mtim | MtimNow)) return Errno::Inval;
  if (((f & Atim) && (f & AtimNow)) || ((f & Mtim) && (f & MtimNow))) return Errno::Inval;
  auto one = [](u64 ns, bool set, bool now, struct timespec& t) {
    if (now) {
      t.tv_sec = 0;
      t.tv_nsec = UTIME_NOW;
    } else if (set) {
      t.tv_sec = static_cast<time_t>(ns / 1000000000ull);
      t.tv_nsec = static_cast<long>(ns % 1000000000ull);
    } else {
      t.tv_sec = 0;
      t.tv_nsec = UTIME_OMIT;
    }
  };
  one(atim, f & Atim, f & AtimNow, ts[0]);
  one(mtim, f & Mtim, f & MtimNow, ts[1]);
  return Errno::Success;
}

Errno fd_advise(Call& c, u32 fd, u64 offset, u64 len, u32 advice) {
  FdEntry* e;
  if (Errno err = get(c, fd, rights::FdAdvise, e); err != Errno::Success) return err;
  static constexpr int host[] = {POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                                 POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
  if (advice > kAdviceMax) return Errno::Inval;
  if (offset > static_cast<u64>(INT64_MAX) || len > static_cast<u64>(INT64_MAX)) return Errno::Inval;
  if (e->type == FileType::Directory) return Errno::Badf;
  return errno_from_host(posix_fadvise(e->host_fd, static_cast<off_t>(offset), static_cast<off_t>(len), host[advice]));
}

Errno fd_allocate(Call& c, u32 fd, u64 offset, u64 len) {
  FdEntry* e;
  if (Errno err = get(c, fd, rights::FdAllocate, e); err != Errno::Success) return err;
  if (offset > static_cast<u64>(INT64_MAX) || len > static_cast<u64>(INT64_MAX) - offset) return Errno::Fbig;
  if (len == 0) return Errno::Inval;
  return errno_from_host(posix_fallocate(e->host_fd, static_cast<off_t>(offset), static_cast<off_t>(len)));
}

Errno fd_close(Call& c, u32 fd) { return c.st.fds.close(fd); }

Errno fd_datasync(Call& c, u32 fd) {
  FdEntry* e;
  if (Errno err = get(c, fd, rights::FdDatasync, e); err != Errno::Success) return err;
  return fdatasync(e->host_fd) == 0 ? Errno::Success : last_errno();
}

Errno fd_sync(Call& c, u32 fd) {
  FdEntry* e;
  if (Errno err = get(c, fd, rights::FdSync, e); err != Errno::Success) return err;
  return fsync(e->host_fd) == 0 ? Errno::Success : last_errno();
}

Errno fd_fdstat_get(Call& c, u32 fd, u32 out) {
  FdEntry* e;
  if (Errno err = get(c, fd, 0, e); err != Errno::Success) return err;
  int fl = fcntl(e->host_fd, F_GETFL);
  if (fl < 0) return last_errno();
  uint16_t flags = 0;
  if (fl & O_APPEND) flags |= fdflags::Append;
  if (fl & O_NONBLOCK) flags |= fdflags::Nonblock;
  if ((fl & O_SYNC) == O_SYNC) flags |= fdflags::Sync;  // O_SYNC includes the O_DSYNC bit on Linux
  else if (fl & O_DSYNC) flags |= fdflags::Dsync;
  c.mem.range(out, layout::kFdstatSize);
  c.mem.store_u64(out, 0);
  c.mem.store_u8(out, static_cast<uint8_t>(e->type));
  c.mem.store_u16(out + 2, flags);
  c.mem.store_u64(out + 8, e->rights_base);
  c.mem.store_u64(out + 16, e->rights_inheriting);
  return Errno::Success;
}

Errno fd_fdstat_set_flags(Call& c, u32 fd, u32 flags) {
  FdEntry* e;
  if (Errno err = get(c, fd, rights::FdFdstatSetFlags, e); err != Errno::Success) return err;
  if (flags & ~0x1fu) return Errno::Inval;
  int fl = fcntl(e->host_fd, F_GETFL);
  if (fl < 0) return last_errno();
  // Linux's F_SETFL changes only O_APPEND and O_NONBLOCK; asking for a
  // different sync mode than the fd has cannot be honoured.
  bool want_sync = flags & (fdflags::Sync | fdflags::Rsync), has_sync = (fl & O_SYNC) == O_SYNC;
  bool want_dsync = flags & fdflags::Dsync, has_dsync = (fl & O_DSYNC) && !has_sync;
  if (want_sync != has_sync || (want_dsync && !has_dsync && !has_sync)) return Errno::NotSup;
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (flags & fdflags::Append) fl |= O_APPEND;
  if (flags & fdflags::Nonblock) fl |= O_NONBLOCK;
  return fcntl(e->host_fd, F_SETFL, fl) == 0 ? Errno::Success : last_errno();
}

Errno fd_fdstat_set_rights(Call& c, u32 fd, u64 base, u64 inheriting) {
  FdEntry* e;
  if (Errno err = get(c, fd, 0, e); err != Errno::Success) return err;
  // Rights can only be dropped, never gained.
  if ((base & ~e->rights_base) || (inheriting & ~e->rights_inheriting)) return Errno::NotCapable;
  e->rights_base = base;
  e->rights_inheriting = inheriting;
  return Errno::Success;
}

Errno fd_filestat_get(Call& c, u32 fd, u32 out) {
  FdEntry* e;
  if (Errno err = get(c, fd, rights::FdFilestatGet, e); err != Errno::Success) return err;
  struct stat st;
  if (fstat(e->host_fd, &st) != 0) return last_errno();
  store_filestat(c, out, st);
  return Errno::Success;
}

Errno fd_filestat_set_size(Call& c, u32 fd, u64 size) {
  FdEntry* e;
  if (Errno err = get(c, fd, rights::FdFilestatSetSize, e); err != Errno::Success) return err;
  if (size > static_cast<u64>(INT64_MAX)) return Errno::Inval;
  return ftruncate(e->host_fd, static_cast<off_t>(size)) == 0 ? Errno::Success : last_errno();
}

Errno fd_filestat_set_times(Call& c, u32 fd, u64 atim, u64 mtim, u32 fst_flags) {
  FdEntry* e;
  if (Errno err = get(c, fd, rights::FdFilestatSetTimes, e); err != Errno::Success) return err;
  struct timespec ts[2];
  if (Errno err = times_from_wasi(atim, mtim, fst_flags, ts); err != Errno::Success) return err;
  return futimens(e->host_fd, ts) == 0 ? Errno::Success : last_errno();
}

Errno fd_prestat_get(Call& c, u32 fd, u32 out) {
  FdEntry* e;
  if (Errno err = get(c, fd, 0, e); err != Errno::Success) return err;
  if (!e->preopen) return Errno::Badf;
  c.mem.range(out, layout::kPrestatSize);
  c.mem.store_u32(out, kPreopenTypeDir);  // tag and padding
  c.mem.store_u32(out + 4, static_cast<u32>(e->preopen->size()));
  return Errno::Success;
}

Errno fd_prestat_dir_name(Call& c, u32 fd, u32 path, u32 path_len) {
  FdEntry* e;
  if (Errno err = get(c, fd, 0, e); err != Errno::Success) return err;
  if (!e->preopen) return Errno::Badf;
  if (path_len < e->preopen->size()) return Errno::NameTooLong;
  c.mem.write(path, e->preopen->data(), e->preopen->size());
  return Errno::Success;
}

Errno fd_renumber(Call& c, u32 fd, u32 to) { return c.st.fds.renumber(fd, to); }

}  // namespace wasmrun::wasi
