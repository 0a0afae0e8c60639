// The command line of section 4 of the pinned contract. Returns the process exit status.
#pragma once

namespace yz {
int RunCli(int argc, char** argv);
}
