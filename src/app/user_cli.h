// `yizhan user add …` (section 4 of the pinned contract): accounts made on the command line.
#pragma once

#include <functional>
#include <optional>

#include <CLI/CLI.hpp>

#include "storage/open_store.h"

namespace yz {

// Registers the user subcommands under `user`, storing the store options in `store`. Returns a
// function to call after parsing: it runs the parsed command and returns its exit status, or
// nullopt when no user command was parsed.
std::function<std::optional<int>()> AddUserCommands(CLI::App* user, StoreConfig& store);

}  // namespace yz
