#include "app/plan_cli.h"

namespace yz {

std::function<std::optional<int>()> AddPlanCommands(CLI::App* plan, StoreConfig&) {
  return [plan]() -> std::optional<int> {
    if (!plan->parsed()) return std::nullopt;
    return 2;
  };
}

}  // namespace yz
