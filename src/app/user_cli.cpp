#include "app/user_cli.h"

namespace yz {

std::function<std::optional<int>()> AddUserCommands(CLI::App* user, StoreConfig&) {
  return [user]() -> std::optional<int> {
    if (!user->parsed()) return std::nullopt;
    return 2;
  };
}

}  // namespace yz
