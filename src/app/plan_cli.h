// `yizhan plan coverage|mclp|lscp` (section 7 of the pinned contract).
#pragma once

#include <functional>
#include <optional>

#include <CLI/CLI.hpp>

#include "storage/open_store.h"

namespace yz {

// Registers the plan subcommands under `plan`, storing the store options in `store`. Returns a
// function to call after parsing: it runs the parsed plan command and returns its exit status,
// or nullopt when no plan command was parsed.
std::function<std::optional<int>()> AddPlanCommands(CLI::App* plan, StoreConfig& store);

}  // namespace yz
