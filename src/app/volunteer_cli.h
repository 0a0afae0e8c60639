// The volunteer commands of contract section 10: `yizhan import volunteers FILE`,
// `yizhan import shifts FILE` and `yizhan volunteer calendar --phone PHONE [--rotate]`.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>

#include "storage/open_store.h"

namespace yz {

// Registers `volunteers` and `shifts` under `import` and the `volunteer` command under `app`.
// Returns a function to call after parsing: it runs the parsed command and returns its exit
// status, or nullopt when none of these was parsed.
std::function<std::optional<int>()> AddVolunteerCommands(CLI::App* app, CLI::App* import);

}  // namespace yz
