#include "storage/postgres/connection_pool.h"

#include <fmt/format.h>

namespace yz::pg {
namespace {

// SQLSTATE classes and codes that say the server cannot be used right now, as opposed to a
// statement being wrong: 08 connection exception, 53 insufficient resources, 57P01-57P03
// shutdown or start-up in progress.
bool IsUnavailableState(const std::string& state) {
  return state.rfind("08", 0) == 0 || state.rfind("53", 0) == 0 || state == "57P01" ||
         state == "57P02" || state == "57P03";
}

}  // namespace

bool IsConnectionLost(const std::exception& e) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) return true;
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr) return true;
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    return IsUnavailableState(sql->sqlstate());
  }
  return false;
}

Error ToError(std::string_view what, const std::exception& e) {
  std::string message = e.what();
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr) {
    return Error::Unavailable(fmt::format(
        "{}: the connection failed during commit; the outcome is unknown: {}", what, message));
  }
  if (IsConnectionLost(e)) {
    return Error::Unavailable(fmt::format("{}: PostgreSQL unavailable: {}", what, message));
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    return Error::Internal(fmt::format("{}: {} (SQLSTATE {})", what, message, sql->sqlstate()));
  }
  return Error::Internal(fmt::format("{}: {}", what, message));
}

ConnectionPool::ConnectionPool(std::string url, int max_size, Setup setup)
    : url_(std::move(url)), max_size_(max_size < 1 ? 1 : max_size), setup_(std::move(setup)) {}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), connection_(std::move(other.connection_)), healthy_(other.healthy_) {}

ConnectionPool::Lease::~Lease() {
  if (connection_) pool_->Release(std::move(connection_), healthy_);
}

Result<ConnectionPool::Lease> ConnectionPool::Acquire() {
  {
    std::unique_lock lock(mu_);
    released_.wait(lock, [&] { return !idle_.empty() || open_ < max_size_; });
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
    ++open_;  // reserve the slot; connect outside the lock
  }
  try {
    auto connection = std::make_unique<pqxx::connection>(url_);
    if (setup_) setup_(*connection);
    return Lease(this, std::move(connection));
  } catch (const std::exception& e) {
    {
      std::lock_guard lock(mu_);
      --open_;
    }
    released_.notify_one();
    // Any failure to open or set up a connection means the database cannot be used.
    std::string message = e.what();
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    return Error::Unavailable("cannot connect to PostgreSQL: " + message);
  }
}

void ConnectionPool::Release(std::unique_ptr<pqxx::connection> connection, bool healthy) {
  healthy = healthy && connection->is_open();
  {
    std::lock_guard lock(mu_);
    if (healthy) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
    }
  }
  // A discarded connection closes here, outside the lock.
  connection.reset();
  released_.notify_one();
}

}  // namespace yz::pg
