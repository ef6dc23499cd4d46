// poll_oneoff: waits for clock timeouts and fd readiness together.
//
// Clock subscriptions become one host timeout (the earliest deadline, on
// the monotonic clock so realtime jumps cannot stretch a relative wait);
// fd subscriptions become host pollfds. A subscription that is invalid
// (unknown fd or clock) is reported at once as an event carrying the error,
// as the spec asks, and makes the call not block.
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "wasi/clock.h"
#include "wasi/errno_map.h"
#include "wasi/ops.h"

namespace wasmrun::wasi {

namespace {

struct Sub {
  u64 userdata = 0;
  uint8_t type = 0;
  Errno error = Errno::Success;
  u64 deadline = 0;  // clock: monotonic ns
  int pollfd_index = -1;
  FdEntry* entry = nullptr;
};

u64 monotonic_now() {
  u64 ns = 0;
  clock_now(clockid::Monotonic, ns);
  return ns;
}

u64 bytes_available(const FdEntry& e, bool read) {
  if (!read) return 0;
  if (e.type == FileType::RegularFile) {
    struct stat st;
    off_t pos = lseek(e.host_fd, 0, SEEK_CUR);
    if (fstat(e.host_fd, &st) == 0 && pos >= 0 && st.st_size > pos) return static_cast<u64>(st.st_size - pos);
    return 0;
  }
  int n = 0;
  if (ioctl(e.host_fd, FIONREAD, &n) == 0 && n > 0) return static_cast<u64>(n);
  return 0;
}

}  // namespace

Errno poll_oneoff(Call& c, u32 in, u32 out, u32 nsubs, u32 nevents_out) {
  if (nsubs == 0) return Errno::Inval;
  const auto& L = layout::subscription(c.abi);
  c.mem.range(in, static_cast<u64>(nsubs) * L.size);
  c.mem.range(out, static_cast<u64>(nsubs) * layout::kEventSize);
  c.mem.range(nevents_out, 4);

  std::vector<Sub> subs(nsubs);
  std::vector<struct pollfd> fds;
  bool has_clock = false, immediate = false;
  u64 earliest = 0;
  const u64 start = monotonic_now();
  for (u32 i = 0; i < nsubs; ++i) {
    u64 at = in + static_cast<u64>(i) * L.size;
    Sub& s = subs[i];
    s.userdata = c.mem.load_u64(at);
    s.type = c.mem.load_u8(at + 8);
    if (s.type == eventtype::Clock) {
      u32 id = c.mem.load_u32(at + L.clock_id);
      u64 timeout = c.mem.load_u64(at + L.clock_timeout);
      uint16_t flags = c.mem.load_u16(at + L.clock_flags);
      u64 now = 0;
      if (Errno e = clock_now(id, now); e != Errno::Success) {
        s.error = e;
        immediate = true;
        continue;
      }
      u64 remaining = timeout;
      if (flags & kSubclockAbstime) remaining = timeout > now ? timeout - now : 0;
      s.deadline = remaining > UINT64_MAX - start ? UINT64_MAX : start + remaining;
      if (!has_clock || s.deadline < earliest) earliest = s.deadline;
      has_clock = true;
    } else if (s.type == eventtype::FdRead || s.type == eventtype::FdWrite) {
      u32 fd = c.mem.load_u32(at + L.fd);
      if (Errno e = c.st.fds.get(fd, 0, s.entry); e != Errno::Success) {
        s.error = e;
        immediate = true;
        continue;
      }
      s.pollfd_index = static_cast<int>(fds.size());
      fds.push_back({s.entry->host_fd, static_cast<short>(s.type == eventtype::FdRead ? POLLIN : POLLOUT), 0});
    } else {
      s.error = Errno::Inval;
      immediate = true;
    }
  }

  for (;;) {
    struct timespec ts{}, *tsp = nullptr;
    if (immediate) {
      tsp = &ts;
    } else if (has_clock) {
      u64 now = monotonic_now();
      u64 wait = earliest > now ? earliest - now : 0;
      ts.tv_sec = static_cast<time_t>(wait / 1000000000ull);
      ts.tv_nsec = static_cast<long>(wait % 1000000000ull);
      tsp = &ts;
    }
    int r = ppoll(fds.data(), fds.size(), tsp, nullptr);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return last_errno();
    break;
  }

  const u64 now = monotonic_now();
  u32 n = 0;
  bool fd_fired = false;
  for (const Sub& s : subs)
    if (s.pollfd_index >= 0 && fds[static_cast<size_t>(s.pollfd_index)].revents) fd_fired = true;
  for (const Sub& s : subs) {
    bool fire = false;
    uint16_t rwflags = 0;
    u64 nbytes = 0;
    Errno err = s.error;
    if (err != Errno::Success) {
      fire = true;
    } else if (s.type == eventtype::Clock) {
      // The earliest clock fires when nothing else woke us, even if the
      // host woke a hair early.
      fire = s.deadline <= now || (!fd_fired && !immediate && s.deadline == earliest);
    } else {
      short rev = fds[static_cast<size_t>(s.pollfd_index)].revents;
      if (rev) {
        fire = true;
        if (rev & POLLNVAL) err = Errno::Badf;
        if (rev & POLLHUP) rwflags |= kEventFdReadwriteHangup;
        nbytes = bytes_available(*s.entry, s.type == eventtype::FdRead);
      }
    }
    if (!fire) continue;
    u64 at = out + static_cast<u64>(n++) * layout::kEventSize;
    c.mem.range(at, layout::kEventSize);
    for (u32 k = 0; k < layout::kEventSize; k += 8) c.mem.store_u64(at + k, 0);
    c.mem.store_u64(at, s.userdata);
    c.mem.store_u16(at + 8, static_cast<uint16_t>(err));
    c.mem.store_u8(at + 10, s.type);
    c.mem.store_u64(at + 16, nbytes);
    c.mem.store_u16(at + 24, rwflags);
  }
  c.mem.store_u32(nevents_out, n);
  return Errno::Success;
}

}  // namespace wasmrun::wasi
