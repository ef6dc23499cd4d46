// WasiContext: builds the initial fd table -- stdio at 0, 1, 2 borrowed
// from the embedder, then one fd per preopened directory.
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include <cerrno>

#include "wasi/ops.h"
#include "wasmrun/error.h"
#include "wasmrun/wasi.h"

namespace wasmrun {

WasiContext::WasiContext(const WasiConfig& config) : state_(std::make_unique<wasi::WasiState>()) {
  using namespace wasi;
  state_->args = config.args;
  state_->env = config.env;
  const int stdio[3] = {config.stdin_fd, config.stdout_fd, config.stderr_fd};
  for (uint32_t i = 0; i < 3; ++i) {
    struct stat st;
    if (stdio[i] < 0 || fstat(stdio[i], &st) != 0) continue;  // closed: the guest gets EBADF
    state_->stdio_flags.emplace_back(stdio[i], fcntl(stdio[i], F_GETFL));
    FdEntry e;
    e.host_fd = stdio[i];
    e.owned = false;
    e.type = file_type_of(st, stdio[i]);
    e.rights_base = e.type == FileType::RegularFile ? rights::File : rights::Stream;
    state_->fds.insert_at(i, std::move(e));
  }
  for (const auto& p : config.preopens) {
    int fd = open(p.host_path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
      throw Error(ErrorKind::Io, "cannot preopen directory '" + p.host_path + "': " + strerror(errno));
    FdEntry e;
    e.host_fd = fd;
    e.type = FileType::Directory;
    e.rights_base = rights::Dir;
    e.rights_inheriting = rights::All;
    e.preopen = p.guest_path;
    // Preopens sit after stdio even when a stdio fd is missing, so that
    // the guest's numbering does not depend on the host's.
    uint32_t n = 3;
    while (state_->fds.entries().count(n)) ++n;
    state_->fds.insert_at(n, std::move(e));
  }
}

WasiContext::~WasiContext() {
  for (auto [fd, flags] : state_->stdio_flags)
    if (flags >= 0) fcntl(fd, F_SETFL, flags);
}

}  // namespace wasmrun
