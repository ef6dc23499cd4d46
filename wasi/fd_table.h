// The guest's file descriptor table: WASI fd numbers to host fds, each
// with its rights (the capabilities WASI attaches to a descriptor) and, for
// preopens, the guest path it was mounted at.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wasi/abi.h"

namespace wasmrun::wasi {

// One directory entry as fd_readdir reports it.
struct DirEntry {
  uint64_t ino;
  FileType type;
  std::string name;
};

struct FdEntry {
  int host_fd = -1;
  bool owned = true;  // false for stdio fds borrowed from the embedder
  FileType type = FileType::Unknown;
  uint64_t rights_base = 0;
  uint64_t rights_inheriting = 0;
  std::optional<std::string> preopen;  // the guest path, for fd_prestat_*
  // fd_readdir's snapshot of the directory: cookie N is entry N. Taken when
  // a scan starts (cookie 0) so cookies stay stable while the guest reads.
  std::optional<std::vector<DirEntry>> listing;
};

FileType file_type_of(const struct stat& st, int fd_for_socket_type = -1);

class FdTable {
 public:
  FdTable() = default;
  FdTable(const FdTable&) = delete;
  FdTable& operator=(const FdTable&) = delete;
  ~FdTable();

  // Takes `entry` at the lowest free number; returns that number.
  uint32_t insert(FdEntry entry);
  // Like insert, but at `fd` exactly (stdio); replaces nothing.
  void insert_at(uint32_t fd, FdEntry entry);

  // The entry for `fd` if it exists (else Badf) and holds every right in
  // `needed` (else NotCapable).
  Errno get(uint32_t fd, uint64_t needed, FdEntry*& out);
  Errno close(uint32_t fd);
  Errno renumber(uint32_t from, uint32_t to);

  const std::map<uint32_t, FdEntry>& entries() const { return map_; }

 private:
  static void release(FdEntry& e);
  std::map<uint32_t, FdEntry> map_;
};

}  // namespace wasmrun::wasi
