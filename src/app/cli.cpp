#include "app/cli.h"

#include <cstdio>

namespace yz {

int RunCli(int, char**) {
  std::fputs("usage: yizhan serve|import|export|user …\n", stderr);
  return 2;
}

}  // namespace yz
