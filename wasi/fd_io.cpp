// fd_read, fd_write, fd_pread, fd_pwrite, fd_seek, fd_tell: data transfer
// through scatter/gather lists of guest iovecs, straight into guest memory.
#include <limits.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "wasi/errno_map.h"
#include "wasi/ops.h"

namespace wasmrun::wasi {

namespace {

// The guest's iovec array as host iovecs into guest memory. More than
// IOV_MAX entries are cut off: a short transfer, which callers must handle.
std::vector<struct iovec> gather(Call& c, u32 iovs, u32 iovs_len) {
  c.mem.range(iovs, static_cast<u64>(iovs_len) * layout::kIovecSize);  // the array itself
  std::vector<struct iovec> out;
  u32 n = iovs_len < IOV_MAX ? iovs_len : IOV_MAX;
  out.reserve(n);
  for (u32 i = 0; i < n; ++i) {
    u64 at = iovs + static_cast<u64>(i) * layout::kIovecSize;
    auto r = c.mem.range(c.mem.load_u32(at), c.mem.load_u32(at + 4));
    out.push_back({r.data(), r.size()});
  }
  return out;
}

// An fd without the read (write) right answers EBADF, as POSIX's read()
// on a write-only fd does and as programs test for, not ENOTCAPABLE.
Errno data_fd(Call& c, u32 fd, uint64_t needed, FdEntry*& e) {
  Errno err = c.st.fds.get(fd, needed, e);
  return err == Errno::NotCapable ? Errno::Badf : err;
}

// Positioned I/O and seeking need the seek right; a pipe or terminal has
// none and answers ESPIPE, as on POSIX.
Errno need_seek(const FdEntry& e, uint64_t needed = rights::FdSeek) {
  if ((e.rights_base & needed) == needed) return Errno::Success;
  bool seekable = e.type == FileType::RegularFile || e.type == FileType::Directory || e.type == FileType::BlockDevice;
  return seekable ? Errno::NotCapable : Errno::Spipe;
}

Errno finish(Call& c, ssize_t n, u32 count_out) {
  if (n < 0) return last_errno();
  c.mem.store_u32(count_out, static_cast<u32>(n));
  return Errno::Success;
}

ssize_t retry(auto fn) {
  ssize_t n;
  do n = fn();
  while (n < 0 && errno == EINTR);
  return n;
}

}  // namespace

Errno fd_read(Call& c, u32 fd, u32 iovs, u32 iovs_len, u32 nread_out) {
  FdEntry* e = nullptr;
  if (Errno err = data_fd(c, fd, rights::FdRead, e); err != Errno::Success) return err;
  auto v = gather(c, iovs, iovs_len);
  return finish(c, retry([&] { return readv(e->host_fd, v.data(), static_cast<int>(v.size())); }), nread_out);
}

Errno fd_write(Call& c, u32 fd, u32 iovs, u32 iovs_len, u32 nwritten_out) {
  FdEntry* e = nullptr;
  if (Errno err = data_fd(c, fd, rights::FdWrite, e); err != Errno::Success) return err;
  auto v = gather(c, iovs, iovs_len);
  return finish(c, retry([&] { return writev(e->host_fd, v.data(), static_cast<int>(v.size())); }), nwritten_out);
}

Errno fd_pread(Call& c, u32 fd, u32 iovs, u32 iovs_len, u64 offset, u32 nread_out) {
  FdEntry* e = nullptr;
  if (Errno err = data_fd(c, fd, rights::FdRead, e); err != Errno::Success) return err;
  if (Errno err = need_seek(*e); err != Errno::Success) return err;
  if (offset > static_cast<u64>(INT64_MAX)) return Errno::Inval;
  auto v = gather(c, iovs, iovs_len);
  return finish(c, retry([&] { return preadv(e->host_fd, v.data(), static_cast<int>(v.size()), static_cast<off_t>(offset)); }),
                nread_out);
}

Errno fd_pwrite(Call& c, u32 fd, u32 iovs, u32 iovs_len, u64 offset, u32 nwritten_out) {
  FdEntry* e = nullptr;
  if (Errno err = data_fd(c, fd, rights::FdWrite, e); err != Errno::Success) return err;
  if (Errno err = need_seek(*e); err != Errno::Success) return err;
  if (offset > static_cast<u64>(INT64_MAX)) return Errno::Inval;
  auto v = gather(c, iovs, iovs_len);
  return finish(c, retry([&] { return pwritev(e->host_fd, v.data(), static_cast<int>(v.size()), static_cast<off_t>(offset)); }),
                nwritten_out);
}

Errno fd_seek(Call& c, u32 fd, u64 offset, u32 whence, u32 newoffset_out) {
  Whence w;
  if (!decode_whence(c.abi, whence, w)) return Errno::Inval;
  // wasi-libc implements ftell as fd_seek(fd, 0, CUR): that needs only tell.
  uint64_t needed = (w == Whence::Cur && offset == 0) ? rights::FdTell : rights::FdSeek;
  FdEntry* e = nullptr;
  if (Errno err = c.st.fds.get(fd, 0, e); err != Errno::Success) return err;
  if (Errno err = need_seek(*e, needed); err != Errno::Success) return err;
  int host_whence = w == Whence::Set ? SEEK_SET : w == Whence::Cur ? SEEK_CUR : SEEK_END;
  off_t r = lseek(e->host_fd, static_cast<off_t>(static_cast<int64_t>(offset)), host_whence);
  if (r < 0) return last_errno();
  c.mem.store_u64(newoffset_out, static_cast<u64>(r));
  return Errno::Success;
}

Errno fd_tell(Call& c, u32 fd, u32 offset_out) {
  FdEntry* e = nullptr;
  if (Errno err = c.st.fds.get(fd, 0, e); err != Errno::Success) return err;
  if (Errno err = need_seek(*e, rights::FdTell); err != Errno::Success) return err;
  off_t r = lseek(e->host_fd, 0, SEEK_CUR);
  if (r < 0) return last_errno();
  c.mem.store_u64(offset_out, static_cast<u64>(r));
  return Errno::Success;
}

}  // namespace wasmrun::wasi
