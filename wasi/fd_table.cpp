#include "wasi/fd_table.h"

#include <sys/socket.h>
#include <unistd.h>

namespace wasmrun::wasi {

FileType file_type_of(const struct stat& st, int fd_for_socket_type) {
  switch (st.st_mode & S_IFMT) {
    case S_IFREG: return FileType::RegularFile;
    case S_IFDIR: return FileType::Directory;
    case S_IFCHR: return FileType::CharacterDevice;
    case S_IFBLK: return FileType::BlockDevice;
    case S_IFLNK: return FileType::SymbolicLink;
    case S_IFSOCK: {
      int type = 0;
      socklen_t len = sizeof type;
      if (fd_for_socket_type >= 0 && getsockopt(fd_for_socket_type, SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
          type == SOCK_DGRAM)
        return FileType::SocketDgram;
      return FileType::SocketStream;
    }
    default: return FileType::Unknown;  // FIFOs have no WASI file type
  }
}

FdTable::~FdTable() {
  for (auto& [fd, e] : map_) release(e);
}

void FdTable::release(FdEntry& e) {
  if (e.owned && e.host_fd >= 0) ::close(e.host_fd);
  e.host_fd = -1;
}

uint32_t FdTable::insert(FdEntry entry) {
  uint32_t fd = 0;
  for (auto& [n, e] : map_) {  // ordered: the first gap is the lowest free number
    if (n != fd) break;
    ++fd;
  }
  map_.emplace(fd, std::move(entry));
  return fd;
}

void FdTable::insert_at(uint32_t fd, FdEntry entry) { map_.emplace(fd, std::move(entry)); }

Errno FdTable::get(uint32_t fd, uint64_t needed, FdEntry*& out) {
  auto it = map_.find(fd);
  if (it == map_.end()) return Errno::Badf;
  if ((it->second.rights_base & needed) != needed) return Errno::NotCapable;
  out = &it->second;
  return Errno::Success;
}

Errno FdTable::close(uint32_t fd) {
  auto it = map_.find(fd);
  if (it == map_.end()) return Errno::Badf;
  release(it->second);
  map_.erase(it);
  return Errno::Success;
}

Errno FdTable::renumber(uint32_t from, uint32_t to) {
  auto src = map_.find(from);
  auto dst = map_.find(to);
  if (src == map_.end() || dst == map_.end()) return Errno::Badf;
  if (from == to) return Errno::Success;
  release(dst->second);
  dst->second = std::move(src->second);
  map_.erase(src);
  return Errno::Success;
}

}  // namespace wasmrun::wasi
