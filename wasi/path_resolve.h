// The sandbox: resolving a guest path beneath a directory descriptor.
//
// A guest names files by (directory fd, relative path). resolve_path walks
// the path one component at a time from that directory, opening each
// intermediate directory with O_NOFOLLOW and expanding symlinks itself
// (readlinkat), so that every step is taken relative to a directory fd the
// walk holds. It keeps the chain of directories it descended through, so
// `..` pops one level and `..` at the starting directory fails with
// NotCapable, wherever it came from: the path itself, a symlink, or a
// chain of symlinks (the guest's own included). Absolute paths and
// absolute symlink targets fail with NotCapable too. At most 40 symlinks
// are expanded per resolution (Loop beyond).
//
// Why not openat2(RESOLVE_BENEATH)? It gives EXDEV for an escape where WASI
// wants ENOTCAPABLE, needs Linux 5.6, and only covers opens: rename, link,
// unlink and friends need a (parent fd, final name) pair anyway, which is
// what this walk produces. Races: each step is an openat with O_NOFOLLOW,
// so a directory swapped for a symlink mid-walk makes the step fail
// (ELOOP/ENOTDIR) instead of escaping.
//
// The final component is returned unresolved when `follow_final` is false
// (and the path has no trailing slash): callers then use *at() calls with
// AT_SYMLINK_NOFOLLOW / O_NOFOLLOW on it. When it is true and the final
// component is a symlink, its target is resolved in turn, so the result
// names a non-symlink (or something that does not exist yet, which is how
// O_CREAT through a dangling symlink creates the target, beneath the root).
#pragma once

#include <string>
#include <string_view>

#include "wasi/abi.h"
#include "wasi/unique_fd.h"

namespace wasmrun::wasi {

struct ResolvedPath {
  UniqueFd owned;     // the parent directory when it is not the root itself
  int parent = -1;    // the directory the final name lives in
  std::string name;   // a single component, or "." for the directory itself
  bool trailing_slash = false;  // the path ended in '/': the target must be a directory
};

constexpr int kMaxSymlinkExpansions = 40;

Errno resolve_path(int root_fd, std::string_view path, bool follow_final, ResolvedPath& out);

}  // namespace wasmrun::wasi
