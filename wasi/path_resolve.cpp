#include "wasi/path_resolve.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <deque>
#include <vector>

#include "wasi/errno_map.h"

namespace wasmrun::wasi {

namespace {

// Splits on '/', dropping empty and "." components (they never move the walk).
void push_components_front(std::deque<std::string>& todo, std::string_view path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view c = path.substr(start, slash - start);
    if (!c.empty() && c != ".") parts.emplace_back(c);
    start = slash + 1;
  }
  todo.insert(todo.begin(), parts.begin(), parts.end());
}

bool ends_as_directory(std::string_view path) {
  return !path.empty() && (path.back() == '/' || path == "." || path == ".." ||
                           path.ends_with("/.") || path.ends_with("/.."));
}

}  // namespace

Errno resolve_path(int root_fd, std::string_view path, bool follow_final, ResolvedPath& out) {
  if (path.empty()) return Errno::NoEnt;
  if (path.find('\0') != std::string_view::npos) return Errno::Ilseq;
  if (path.front() == '/') return Errno::NotCapable;

  std::vector<UniqueFd> chain;  // directories entered below root_fd, innermost last
  auto top = [&] { return chain.empty() ? root_fd : chain.back().get(); };
  std::deque<std::string> todo;
  push_components_front(todo, path);
  bool must_be_dir = ends_as_directory(path);
  int expansions = 0;
  std::string final_name = ".";  // stays "." when the walk ends on a directory (".", "..", a link to ".")

  while (!todo.empty()) {
    std::string c = std::move(todo.front());
    todo.pop_front();
    const bool last = todo.empty();
    if (c == "..") {
      if (chain.empty()) return Errno::NotCapable;
      chain.pop_back();
      continue;  // if last, the result is "." in the directory popped to
    }
    if (last && !follow_final && !must_be_dir) {
      final_name = std::move(c);
      break;
    }
    struct stat st;
    if (fstatat(top(), c.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (last) {  // a name to create, or one the operation reports missing
        final_name = std::move(c);
        break;
      }
      return last_errno();
    }
    if (S_ISLNK(st.st_mode)) {
      if (++expansions > kMaxSymlinkExpansions) return Errno::Loop;
      std::string target(static_cast<size_t>(st.st_size > 0 ? st.st_size : 255) + 1, '\0');
      ssize_t n = readlinkat(top(), c.c_str(), target.data(), target.size());
      if (n < 0) return last_errno();
      target.resize(static_cast<size_t>(n));
      if (target.empty()) return Errno::NoEnt;
      if (target.front() == '/') return Errno::NotCapable;
      if (last && ends_as_directory(target)) must_be_dir = true;
      push_components_front(todo, target);
      continue;
    }
    if (last) {
      if (must_be_dir && !S_ISDIR(st.st_mode)) return Errno::NotDir;
      final_name = std::move(c);
      break;
    }
    if (!S_ISDIR(st.st_mode)) return Errno::NotDir;
    int fd = openat(top(), c.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return last_errno();
    chain.emplace_back(fd);
  }

  out.trailing_slash = must_be_dir;
  out.name = std::move(final_name);
  if (chain.empty()) {
    out.owned.reset();
    out.parent = root_fd;
  } else {
    out.owned = std::move(chain.back());
    out.parent = out.owned.get();
  }
  return Errno::Success;
}

}  // namespace wasmrun::wasi
