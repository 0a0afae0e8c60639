#include "app/user_cli.h"

#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <optional>
#include <string>

#include "app/store_options.h"
#include "core/clock.h"
#include "domain/accounts/account_service.h"

namespace yz {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 1;
constexpr int kExitStoreError = 3;

// The first line of standard input, without its line break. On a terminal the typing is not
// echoed.
std::string ReadPassword() {
  const bool tty = ::isatty(STDIN_FILENO);
  termios saved{};
  if (tty) {
    std::cerr << "密码 password: " << std::flush;
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

struct UserOptions {
  std::string username;
  std::string role;
  std::vector<std::string> regions;
  std::vector<std::string> stations;
  int min_length = 0;
  int require_mixed = -1;  // -1 unchanged, 0 off, 1 on
  int lock_after = 0;
  int lock_minutes = 0;
};

std::optional<Store> Open(const StoreConfig& config) {
  auto store = OpenStore(config);
  if (!store) {
    std::cerr << "错误 error: " << store.error().message << "\n";
    return std::nullopt;
  }
  return std::move(*store);
}

int AddUser(const StoreConfig& config, const UserOptions& o) {
  const auto role = ParseRole(o.role);
  if (!role) {
    std::cerr << fmt::format(
        "error: --role must be city_admin, region_admin, station_manager, maintainer, "
        "volunteer, auditor or security_admin, not '{}'\n",
        o.role);
    return kExitBadInput;
  }
  const std::string password = ReadPassword();
  auto store = Open(config);
  if (!store) return kExitStoreError;
  auto key = store->secrets->HashKey();
  if (!key) {
    std::cerr << "错误 error: " << key.error().message << "\n";
    return kExitStoreError;
  }
  SystemClock clock;
  AccountService accounts(*store->accounts, *store->sessions, *store->audit, clock,
                          std::move(*key));
  auto created =
      accounts.CreateAccount({o.username, *role, Scope{o.regions, o.stations}}, password, "cli");
  if (!created) {
    std::cerr << "错误 error: " << created.error().message << "\n";
    return created.error().code == ErrorCode::kInvalidArgument ||
                   created.error().code == ErrorCode::kConflict
               ? kExitBadInput
               : kExitStoreError;
  }
  std::cout << fmt::format("已创建账号 {}（{}）/ account created: {} ({})\n", created->username,
                           RoleLabel(created->role), created->username, RoleCode(created->role));
  return kExitOk;
}

int ListUsers(const StoreConfig& config) {
  auto store = Open(config);
  if (!store) return kExitStoreError;
  auto accounts = store->accounts->ListAccounts();
  if (!accounts) {
    std::cerr << "错误 error: " << accounts.error().message << "\n";
    return kExitStoreError;
  }
  for (const Account& a : *accounts) {
    std::string scope;
    for (const auto& r : a.scope.regions) scope += " region:" + r;
    for (const auto& s : a.scope.stations) scope += " station:" + s;
    std::cout << fmt::format("{}\t{}\t{}{}\n", a.username, RoleCode(a.role),
                             a.disabled ? "disabled" : "active", scope);
  }
  return kExitOk;
}

int SetPolicy(const StoreConfig& config, const UserOptions& o) {
  auto store = Open(config);
  if (!store) return kExitStoreError;
  SystemClock clock;
  AccountService accounts(*store->accounts, *store->sessions, *store->audit, clock, "");
  auto policy = accounts.Policy();
  if (!policy) {
    std::cerr << "错误 error: " << policy.error().message << "\n";
    return kExitStoreError;
  }
  if (o.min_length > 0) policy->min_length = o.min_length;
  if (o.require_mixed >= 0) policy->require_mixed = o.require_mixed == 1;
  if (o.lock_after > 0) policy->lock_after_failures = o.lock_after;
  if (o.lock_minutes > 0) policy->lock_minutes = o.lock_minutes;
  if (auto checked = PasswordPolicy::Parse(policy->Serialize()); !checked) {
    std::cerr << "error: " << checked.error().message << "\n";
    return kExitBadInput;
  }
  if (auto saved = accounts.SetPolicy(*policy); !saved) {
    std::cerr << "错误 error: " << saved.error().message << "\n";
    return kExitStoreError;
  }
  std::cout << "password policy: " << policy->Serialize() << "\n";
  return kExitOk;
}

}  // namespace

std::function<std::optional<int>()> AddUserCommands(CLI::App* user, StoreConfig& store) {
  auto options = std::make_shared<UserOptions>();
  auto* add =
      user->add_subcommand("add", "create an account; the password is read from standard input");
  add->add_option("--username", options->username, "a-z 0-9 _ . - (1 to 64)")->required();
  add->add_option("--role", options->role,
                  "city_admin, region_admin, station_manager, maintainer, volunteer, auditor "
                  "or security_admin")
      ->required();
  add->add_option("--region", options->regions, "a region of the account's scope (repeatable)");
  add->add_option("--station", options->stations, "a station of the account's scope (repeatable)");
  AddStoreOptions(add, store);

  auto* list = user->add_subcommand("list", "every account with its role and scope");
  AddStoreOptions(list, store);

  auto* policy =
      user->add_subcommand("policy", "show or change the password policy and the lockout");
  policy->add_option("--min-length", options->min_length, "minimum password length (default 10)");
  policy->add_option(
      "--require-mixed", options->require_mixed,
      "1: at least three of lower case, upper case, digits, symbols; 0: no such rule");
  policy->add_option("--lock-after", options->lock_after,
                     "failed sign-ins that lock an account (default 5)");
  policy->add_option("--lock-minutes", options->lock_minutes,
                     "how long the lock lasts (default 15)");
  AddStoreOptions(policy, store);

  return [add, list, policy, options, &store]() -> std::optional<int> {
    if (add->parsed()) return AddUser(store, *options);
    if (list->parsed()) return ListUsers(store);
    if (policy->parsed()) return SetPolicy(store, *options);
    return std::nullopt;
  };
}

}  // namespace yz
