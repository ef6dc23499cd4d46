// The WASI preview 1 ABI: errno values, flag bits, enum values and struct
// layouts, as the witx files of wasi_snapshot_preview1 (and, where it
// differs, wasi_unstable = snapshot 0) define them. Everything here is a
// guest-visible number, so it is spelled out rather than derived.
#pragma once

#include <cstdint>

namespace wasmrun::wasi {

// errno: the spec's numbering, not the host's (see errno_map.h).
enum class Errno : uint16_t {
  Success = 0, TooBig = 1, Acces = 2, AddrInUse = 3, AddrNotAvail = 4, AfNoSupport = 5, Again = 6,
  Already = 7, Badf = 8, BadMsg = 9, Busy = 10, Canceled = 11, Child = 12, ConnAborted = 13,
  ConnRefused = 14, ConnReset = 15, Deadlk = 16, DestAddrReq = 17, Dom = 18, Dquot = 19, Exist = 20,
  Fault = 21, Fbig = 22, HostUnreach = 23, Idrm = 24, Ilseq = 25, InProgress = 26, Intr = 27,
  Inval = 28, Io = 29, IsConn = 30, IsDir = 31, Loop = 32, Mfile = 33, Mlink = 34, MsgSize = 35,
  Multihop = 36, NameTooLong = 37, NetDown = 38, NetReset = 39, NetUnreach = 40, Nfile = 41,
  NoBufs = 42, NoDev = 43, NoEnt = 44, NoExec = 45, NoLck = 46, NoLink = 47, NoMem = 48, NoMsg = 49,
  NoProtoOpt = 50, NoSpc = 51, NoSys = 52, NotConn = 53, NotDir = 54, NotEmpty = 55,
  NotRecoverable = 56, NotSock = 57, NotSup = 58, NoTty = 59, Nxio = 60, Overflow = 61,
  OwnerDead = 62, Perm = 63, Pipe = 64, Proto = 65, ProtoNoSupport = 66, ProtoType = 67, Range = 68,
  Rofs = 69, Spipe = 70, Srch = 71, Stale = 72, TimedOut = 73, TxtBsy = 74, Xdev = 75,
  NotCapable = 76,
};

// Which of the two ABI versions a function was imported under; they differ
// in filestat, whence and subscription layouts.
enum class Abi { Preview1, Unstable };

namespace rights {
constexpr uint64_t FdDatasync = 1ull << 0;
constexpr uint64_t FdRead = 1ull << 1;
constexpr uint64_t FdSeek = 1ull << 2;
constexpr uint64_t FdFdstatSetFlags = 1ull << 3;
constexpr uint64_t FdSync = 1ull << 4;
constexpr uint64_t FdTell = 1ull << 5;
constexpr uint64_t FdWrite = 1ull << 6;
constexpr uint64_t FdAdvise = 1ull << 7;
constexpr uint64_t FdAllocate = 1ull << 8;
constexpr uint64_t PathCreateDirectory = 1ull << 9;
constexpr uint64_t PathCreateFile = 1ull << 10;
constexpr uint64_t PathLinkSource = 1ull << 11;
constexpr uint64_t PathLinkTarget = 1ull << 12;
constexpr uint64_t PathOpen = 1ull << 13;
constexpr uint64_t FdReaddir = 1ull << 14;
constexpr uint64_t PathReadlink = 1ull << 15;
constexpr uint64_t PathRenameSource = 1ull << 16;
constexpr uint64_t PathRenameTarget = 1ull << 17;
constexpr uint64_t PathFilestatGet = 1ull << 18;
constexpr uint64_t PathFilestatSetSize = 1ull << 19;
constexpr uint64_t PathFilestatSetTimes = 1ull << 20;
constexpr uint64_t FdFilestatGet = 1ull << 21;
constexpr uint64_t FdFilestatSetSize = 1ull << 22;
constexpr uint64_t FdFilestatSetTimes = 1ull << 23;
constexpr uint64_t PathSymlink = 1ull << 24;
constexpr uint64_t PathRemoveDirectory = 1ull << 25;
constexpr uint64_t PathUnlinkFile = 1ull << 26;
constexpr uint64_t PollFdReadwrite = 1ull << 27;
constexpr uint64_t SockShutdown = 1ull << 28;
constexpr uint64_t SockAccept = 1ull << 29;
constexpr uint64_t All = (1ull << 30) - 1;

// What makes sense on a regular file, and on a directory.
constexpr uint64_t File = FdDatasync | FdRead | FdSeek | FdFdstatSetFlags | FdSync | FdTell | FdWrite |
                          FdAdvise | FdAllocate | FdFilestatGet | FdFilestatSetSize | FdFilestatSetTimes |
                          PollFdReadwrite;
constexpr uint64_t Dir = FdFdstatSetFlags | FdSync | FdDatasync | PathCreateDirectory | PathCreateFile |
                         PathLinkSource | PathLinkTarget | PathOpen | FdReaddir | PathReadlink |
                         PathRenameSource | PathRenameTarget | PathFilestatGet | PathFilestatSetSize |
                         PathFilestatSetTimes | FdFilestatGet | FdFilestatSetTimes | PathSymlink |
                         PathRemoveDirectory | PathUnlinkFile;
// A terminal or pipe: like a file but not seekable (wasi-libc's isatty()
// looks for a character device without seek and tell rights).
constexpr uint64_t Stream = File & ~(FdSeek | FdTell);
}  // namespace rights

enum class FileType : uint8_t {
  Unknown = 0, BlockDevice = 1, CharacterDevice = 2, Directory = 3, RegularFile = 4,
  SocketDgram = 5, SocketStream = 6, SymbolicLink = 7,
};

namespace fdflags {
constexpr uint16_t Append = 1, Dsync = 2, Nonblock = 4, Rsync = 8, Sync = 16;
}
namespace oflags {
constexpr uint16_t Creat = 1, Directory = 2, Excl = 4, Trunc = 8;
}
namespace lookupflags {
constexpr uint32_t SymlinkFollow = 1;
}
namespace fstflags {
constexpr uint16_t Atim = 1, AtimNow = 2, Mtim = 4, MtimNow = 8;
}
namespace clockid {
constexpr uint32_t Realtime = 0, Monotonic = 1, ProcessCputime = 2, ThreadCputime = 3;
}
namespace eventtype {
constexpr uint8_t Clock = 0, FdRead = 1, FdWrite = 2;
}
constexpr uint16_t kSubclockAbstime = 1;
constexpr uint16_t kEventFdReadwriteHangup = 1;
constexpr uint8_t kPreopenTypeDir = 0;
constexpr uint16_t kRiflagRecvPeek = 1, kRiflagRecvWaitall = 2;
constexpr uint16_t kRoflagRecvDataTruncated = 1;
constexpr uint8_t kSdflagRd = 1, kSdflagWr = 2;
constexpr uint32_t kAdviceMax = 5;  // normal, sequential, random, willneed, dontneed, noreuse

// whence: preview1 orders set, cur, end; wasi_unstable cur, end, set.
enum class Whence { Set, Cur, End };
inline bool decode_whence(Abi abi, uint32_t raw, Whence& out) {
  static constexpr Whence p1[] = {Whence::Set, Whence::Cur, Whence::End};
  static constexpr Whence u0[] = {Whence::Cur, Whence::End, Whence::Set};
  if (raw > 2) return false;
  out = abi == Abi::Preview1 ? p1[raw] : u0[raw];
  return true;
}

// Struct layouts (byte offsets), all little-endian.
namespace layout {
constexpr uint32_t kIovecSize = 8;     // buf u32, buf_len u32
constexpr uint32_t kFdstatSize = 24;   // filetype u8 @0, flags u16 @2, rights_base u64 @8, rights_inheriting u64 @16
constexpr uint32_t kPrestatSize = 8;   // tag u8 @0, pr_name_len u32 @4
constexpr uint32_t kDirentSize = 24;   // d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20 (same in both versions)
constexpr uint32_t kEventSize = 32;    // userdata u64 @0, error u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24
// filestat: preview1 has a u64 nlink; wasi_unstable a u32 one, which
// shifts everything after it.
struct Filestat {
  uint32_t size, dev, ino, filetype, nlink, nlink_bytes, fsize, atim, mtim, ctim;
};
constexpr Filestat kFilestatP1 = {64, 0, 8, 16, 24, 8, 32, 40, 48, 56};
constexpr Filestat kFilestatU0 = {56, 0, 8, 16, 20, 4, 24, 32, 40, 48};
inline const Filestat& filestat(Abi abi) { return abi == Abi::Preview1 ? kFilestatP1 : kFilestatU0; }
// subscription: userdata u64 @0, tag u8 @8, then the union at 16. The
// clock variant of wasi_unstable starts with an extra u64 identifier.
struct Subscription {
  uint32_t size, clock_id, clock_timeout, clock_precision, clock_flags, fd;
};
constexpr Subscription kSubscriptionP1 = {48, 16, 24, 32, 40, 16};
constexpr Subscription kSubscriptionU0 = {56, 24, 32, 40, 48, 16};
inline const Subscription& subscription(Abi abi) { return abi == Abi::Preview1 ? kSubscriptionP1 : kSubscriptionU0; }
}  // namespace layout

}  // namespace wasmrun::wasi
