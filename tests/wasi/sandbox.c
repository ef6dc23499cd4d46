/* The sandbox seen from inside: every way out of the preopen fails. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

int main(void) {
  struct stat st;
  CHECK("open inside", open("/sandbox/hello.txt", O_RDONLY));
  CHECK("open ../outside", open("/sandbox/../outside/secret.txt", O_RDONLY));
  CHECK("open sub/../../outside", open("/sandbox/sub/../../outside/secret.txt", O_RDONLY));
  CHECK("stat ..", stat("/sandbox/..", &st));
  CHECK("open /etc/passwd", open("/etc/passwd", O_RDONLY));
  CHECK("opendir /", opendir("/") ? 0 : -1);
  if (chdir("/sandbox") != 0) return 1;
  CHECK("relative ../outside", open("../outside/secret.txt", O_RDONLY));

  /* symlinks planted by the host before the run */
  CHECK("host link to ..", open("link_up/outside/secret.txt", O_RDONLY));
  CHECK("host link to /etc", open("link_abs/passwd", O_RDONLY));
  CHECK("host link chain", open("chain1/secret.txt", O_RDONLY));
  CHECK("stat through link to ..", stat("link_up", &st));
  CHECK("lstat the link itself", lstat("link_up", &st));

  /* symlinks the guest makes */
  CHECK("symlink ../outside", symlink("../outside", "esc"));
  CHECK("open through it", open("esc/secret.txt", O_RDONLY));
  CHECK("create through it", open("esc/new.txt", O_WRONLY | O_CREAT, 0644));
  CHECK("symlink /etc", symlink("/etc", "esc_abs"));
  CHECK("open through abs link", open("esc_abs/passwd", O_RDONLY));
  CHECK("dangling link out", symlink("../outside/planted.txt", "plant"));
  CHECK("create via dangling link", open("plant", O_WRONLY | O_CREAT, 0644));
  CHECK("mkdir via link", mkdir("esc/newdir", 0755));
  CHECK("rename out", rename("hello.txt", "esc/stolen.txt"));
  CHECK("link out", link("hello.txt", "esc/linked.txt"));
  CHECK("unlink via link", unlink("esc/secret.txt"));
  CHECK("symlink loop a", symlink("loop_b", "loop_a"));
  CHECK("symlink loop b", symlink("loop_a", "loop_b"));
  CHECK("open loop", open("loop_a", O_RDONLY));
  CHECK("deep link", symlink("sub/../sub/../..", "deep"));
  CHECK("open deep", open("deep/outside/secret.txt", O_RDONLY));
  CHECK("inner link ok", symlink("sub/../hello.txt", "ok"));
  CHECK("open inner link", open("ok", O_RDONLY));
  char buf[64] = {0};
  CHECK("readlink esc", readlink("esc", buf, sizeof buf));
  printf("esc -> %s\n", buf);
  unlink("esc");
  unlink("esc_abs");
  unlink("plant");
  unlink("loop_a");
  unlink("loop_b");
  unlink("deep");
  unlink("ok");
  return 0;
}
