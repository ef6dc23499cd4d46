// The WASI functions, one C++ function each, independent of the
// interpreter: they take the context, the guest's memory and the already
// decoded arguments, and return a WASI errno. register.cpp binds them to
// host functions; unit tests call them directly on a byte vector.
//
// Arguments follow the witx signatures of wasi_snapshot_preview1 in order;
// guest pointers are uint32_t. Pointers are checked by GuestMemory, which
// throws GuestFault (EFAULT to the guest) -- so an op may throw GuestFault
// but never touches memory unchecked.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "wasi/abi.h"
#include "wasi/fd_table.h"
#include "wasi/guest_memory.h"

struct stat;

namespace wasmrun::wasi {

struct WasiState {
  std::vector<std::string> args;
  std::vector<std::string> env;
  FdTable fds;
  // The embedder's stdio fds and their status flags when the context was
  // made: fd_fdstat_set_flags (O_NONBLOCK, O_APPEND) changes the open file
  // description, which the host shares, so the flags are put back after.
  std::vector<std::pair<int, int>> stdio_flags;
};

// One call's context: the process state, the caller's memory, and which
// ABI version (module name) the guest imported the function under.
struct Call {
  WasiState& st;
  const GuestMemory& mem;
  Abi abi = Abi::Preview1;
};

using u32 = uint32_t;
using u64 = uint64_t;

// args_env.cpp
Errno args_get(Call& c, u32 argv, u32 argv_buf);
Errno args_sizes_get(Call& c, u32 argc_out, u32 argv_buf_size_out);
Errno environ_get(Call& c, u32 environ, u32 environ_buf);
Errno environ_sizes_get(Call& c, u32 count_out, u32 buf_size_out);

// clock.cpp, proc.cpp
Errno clock_res_get(Call& c, u32 id, u32 res_out);
Errno clock_time_get(Call& c, u32 id, u64 precision, u32 time_out);
Errno random_get(Call& c, u32 buf, u32 len);
Errno proc_raise(Call& c, u32 sig);
Errno sched_yield(Call& c);
[[noreturn]] void proc_exit(Call& c, u32 code);

// fd_io.cpp
Errno fd_read(Call& c, u32 fd, u32 iovs, u32 iovs_len, u32 nread_out);
Errno fd_write(Call& c, u32 fd, u32 iovs, u32 iovs_len, u32 nwritten_out);
Errno fd_pread(Call& c, u32 fd, u32 iovs, u32 iovs_len, u64 offset, u32 nread_out);
Errno fd_pwrite(Call& c, u32 fd, u32 iovs, u32 iovs_len, u64 offset, u32 nwritten_out);
Errno fd_seek(Call& c, u32 fd, u64 offset, u32 whence, u32 newoffset_out);
Errno fd_tell(Call& c, u32 fd, u32 offset_out);

// fd_meta.cpp
Errno fd_advise(Call& c, u32 fd, u64 offset, u64 len, u32 advice);
Errno fd_allocate(Call& c, u32 fd, u64 offset, u64 len);
Errno fd_close(Call& c, u32 fd);
Errno fd_datasync(Call& c, u32 fd);
Errno fd_sync(Call& c, u32 fd);
Errno fd_fdstat_get(Call& c, u32 fd, u32 out);
Errno fd_fdstat_set_flags(Call& c, u32 fd, u32 flags);
Errno fd_fdstat_set_rights(Call& c, u32 fd, u64 base, u64 inheriting);
Errno fd_filestat_get(Call& c, u32 fd, u32 out);
Errno fd_filestat_set_size(Call& c, u32 fd, u64 size);
Errno fd_filestat_set_times(Call& c, u32 fd, u64 atim, u64 mtim, u32 fst_flags);
Errno fd_prestat_get(Call& c, u32 fd, u32 out);
Errno fd_prestat_dir_name(Call& c, u32 fd, u32 path, u32 path_len);
Errno fd_renumber(Call& c, u32 fd, u32 to);

// fd_readdir.cpp
Errno fd_readdir(Call& c, u32 fd, u32 buf, u32 buf_len, u64 cookie, u32 bufused_out);

// path_open.cpp, path_ops.cpp
Errno path_open(Call& c, u32 dirfd, u32 dirflags, u32 path, u32 path_len, u32 oflags, u64 rights_base,
                u64 rights_inheriting, u32 fdflags, u32 fd_out);
Errno path_create_directory(Call& c, u32 fd, u32 path, u32 path_len);
Errno path_filestat_get(Call& c, u32 fd, u32 flags, u32 path, u32 path_len, u32 out);
Errno path_filestat_set_times(Call& c, u32 fd, u32 flags, u32 path, u32 path_len, u64 atim, u64 mtim,
                              u32 fst_flags);
Errno path_link(Call& c, u32 old_fd, u32 old_flags, u32 old_path, u32 old_path_len, u32 new_fd, u32 new_path,
                u32 new_path_len);
Errno path_readlink(Call& c, u32 fd, u32 path, u32 path_len, u32 buf, u32 buf_len, u32 bufused_out);
Errno path_remove_directory(Call& c, u32 fd, u32 path, u32 path_len);
Errno path_rename(Call& c, u32 fd, u32 old_path, u32 old_path_len, u32 new_fd, u32 new_path, u32 new_path_len);
Errno path_symlink(Call& c, u32 old_path, u32 old_path_len, u32 fd, u32 new_path, u32 new_path_len);
Errno path_unlink_file(Call& c, u32 fd, u32 path, u32 path_len);

// poll.cpp
Errno poll_oneoff(Call& c, u32 in, u32 out, u32 nsubscriptions, u32 nevents_out);

// sock.cpp
Errno sock_accept(Call& c, u32 fd, u32 flags, u32 fd_out);
Errno sock_recv(Call& c, u32 fd, u32 ri_data, u32 ri_data_len, u32 ri_flags, u32 ro_datalen_out,
                u32 ro_flags_out);
Errno sock_send(Call& c, u32 fd, u32 si_data, u32 si_data_len, u32 si_flags, u32 so_datalen_out);
Errno sock_shutdown(Call& c, u32 fd, u32 how);

// Shared helpers (fd_meta.cpp): writes a filestat in the call's layout;
// converts fst_flags + timestamps to utimensat's pair (Inval on a
// contradiction such as ATIM together with ATIM_NOW).
void store_filestat(Call& c, u32 out, const struct stat& st);
Errno times_from_wasi(u64 atim, u64 mtim, u32 fst_flags, struct timespec ts[2]);

}  // namespace wasmrun::wasi
