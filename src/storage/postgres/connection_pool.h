// A small pool of libpqxx connections to one database, and the one place where libpqxx
// exceptions become Errors. Internal to the PostgreSQL store.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace yz::pg {

// Maps an exception thrown by libpqxx (or while talking to it) to an Error whose message starts
// with `what`: a lost or refused connection, a server shutting down or out of connections →
// kUnavailable; a commit whose outcome is unknown → kUnavailable (the caller may retry: every
// write of the store is idempotent); anything else → kInternal.
Error ToError(std::string_view what, const std::exception& e);
// True when `e` means the connection it came from must not be used again.
bool IsConnectionLost(const std::exception& e);

// Thread-safe. Opens connections on demand, at most `max_size` at once; Acquire() waits while all
// are leased. Every new connection is prepared by `setup` (session settings, prepared statements).
// A connection that failed is closed instead of returned, so the next Acquire() reconnects: the
// pool recovers from a server restart without help.
class ConnectionPool {
 public:
  using Setup = std::function<void(pqxx::connection&)>;

  // REQUIRES: max_size >= 1. Connects lazily: construction never fails.
  ConnectionPool(std::string url, int max_size, Setup setup);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;
  // REQUIRES: no Lease outlives the pool.
  ~ConnectionPool();

  // One connection, leased until the Lease dies.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    pqxx::connection& operator*() const { return *connection_; }
    pqxx::connection* operator->() const { return connection_.get(); }
    // The connection is broken or in an unknown state: close it instead of returning it.
    void Discard() { healthy_ = false; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ConnectionPool* pool_;
    std::unique_ptr<pqxx::connection> connection_;
    bool healthy_ = true;
  };

  // An idle connection, or a new one. Connection failure → kUnavailable (never throws).
  Result<Lease> Acquire();

  // Runs `body(connection)` on a leased connection and returns what it returns (a Result<T>).
  // Exceptions from `body` become Errors through ToError(what, …); a connection that failed is
  // discarded. `body` should open and commit its own transaction.
  template <class T, class Body>
  Result<T> Run(std::string_view what, Body&& body) {
    auto lease = Acquire();
    if (!lease.ok()) return lease.error();
    try {
      return body(**lease);
    } catch (const std::exception& e) {
      if (IsConnectionLost(e)) lease->Discard();
      return ToError(what, e);
    }
  }

 private:
  void Release(std::unique_ptr<pqxx::connection> connection, bool healthy);

  const std::string url_;
  const int max_size_;
  const Setup setup_;
  std::mutex mu_;
  std::condition_variable released_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;  // guarded by mu_
  int open_ = 0;                                         // idle + leased; guarded by mu_
};

}  // namespace yz::pg
