// sock_*: WASI preview 1 can only use sockets it was handed (there is no
// socket() or connect()). wasmrun hands out none by default, but an
// embedder may pass a socket as a stdio fd, so the calls work on real host
// sockets and fail with EBADF / ENOTSOCK otherwise.
#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>
#include <vector>

#include "wasi/errno_map.h"
#include "wasi/ops.h"

namespace wasmrun::wasi {

namespace {

Errno socket_entry(Call& c, u32 fd, uint64_t right, FdEntry*& e) {
  if (Errno err = c.st.fds.get(fd, 0, e); err != Errno::Success) return err;
  if (e->type != FileType::SocketStream && e->type != FileType::SocketDgram) return Errno::NotSock;
  if ((e->rights_base & right) != right) return Errno::NotCapable;
  return Errno::Success;
}

std::vector<struct iovec> gather(Call& c, u32 iovs, u32 n) {
  c.mem.range(iovs, static_cast<u64>(n) * layout::kIovecSize);
  std::vector<struct iovec> out;
  for (u32 i = 0; i < n && i < 1024; ++i) {
    u64 at = iovs + static_cast<u64>(i) * layout::kIovecSize;
    auto r = c.mem.range(c.mem.load_u32(at), c.mem.load_u32(at + 4));
    out.push_back({r.data(), r.size()});
  }
  return out;
}

}  // namespace

Errno sock_accept(Call& c, u32 fd, u32 flags, u32 fd_out) {
  FdEntry* e;
  if (Errno err = socket_entry(c, fd, rights::SockAccept, e); err != Errno::Success) return err;
  if (flags & ~static_cast<u32>(fdflags::Nonblock)) return Errno::Inval;
  c.mem.range(fd_out, 4);
  int s = accept4(e->host_fd, nullptr, nullptr, SOCK_CLOEXEC | ((flags & fdflags::Nonblock) ? SOCK_NONBLOCK : 0));
  if (s < 0) return last_errno();
  FdEntry entry;
  entry.host_fd = s;
  entry.type = FileType::SocketStream;
  entry.rights_base = rights::FdRead | rights::FdWrite | rights::PollFdReadwrite | rights::SockShutdown |
                      rights::FdFdstatSetFlags | rights::FdFilestatGet;
  c.mem.store_u32(fd_out, c.st.fds.insert(std::move(entry)));
  return Errno::Success;
}

Errno sock_recv(Call& c, u32 fd, u32 ri_data, u32 ri_data_len, u32 ri_flags, u32 ro_datalen_out,
                u32 ro_flags_out) {
  FdEntry* e;
  if (Errno err = socket_entry(c, fd, rights::FdRead, e); err != Errno::Success) return err;
  if (ri_flags & ~static_cast<u32>(kRiflagRecvPeek | kRiflagRecvWaitall)) return Errno::Inval;
  auto v = gather(c, ri_data, ri_data_len);
  c.mem.range(ro_datalen_out, 4);
  c.mem.range(ro_flags_out, 2);
  struct msghdr msg{};
  msg.msg_iov = v.data();
  msg.msg_iovlen = v.size();
  int fl = ((ri_flags & kRiflagRecvPeek) ? MSG_PEEK : 0) | ((ri_flags & kRiflagRecvWaitall) ? MSG_WAITALL : 0);
  ssize_t n;
  do n = recvmsg(e->host_fd, &msg, fl);
  while (n < 0 && errno == EINTR);
  if (n < 0) return last_errno();
  c.mem.store_u32(ro_datalen_out, static_cast<u32>(n));
  c.mem.store_u16(ro_flags_out, (msg.msg_flags & MSG_TRUNC) ? kRoflagRecvDataTruncated : 0);
  return Errno::Success;
}

Errno sock_send(Call& c, u32 fd, u32 si_data, u32 si_data_len, u32 si_flags, u32 so_datalen_out) {
  FdEntry* e;
  if (Errno err = socket_entry(c, fd, rights::FdWrite, e); err != Errno::Success) return err;
  if (si_flags != 0) return Errno::Inval;
  auto v = gather(c, si_data, si_data_len);
  c.mem.range(so_datalen_out, 4);
  struct msghdr msg{};
  msg.msg_iov = v.data();
  msg.msg_iovlen = v.size();
  ssize_t n;
  do n = sendmsg(e->host_fd, &msg, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  if (n < 0) return last_errno();
  c.mem.store_u32(so_datalen_out, static_cast<u32>(n));
  return Errno::Success;
}

Errno sock_shutdown(Call& c, u32 fd, u32 how) {
  FdEntry* e;
  if (Errno err = socket_entry(c, fd, rights::SockShutdown, e); err != Errno::Success) return err;
  int h;
  switch (how) {
    case kSdflagRd: h = SHUT_RD; break;
    case kSdflagWr: h = SHUT_WR; break;
    case kSdflagRd | kSdflagWr: h = SHUT_RDWR; break;
    default: return Errno::Inval;
  }
  return shutdown(e->host_fd, h) == 0 ? Errno::Success : last_errno();
}

}  // namespace wasmrun::wasi
