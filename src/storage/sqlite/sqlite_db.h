// A thin RAII layer over the SQLite C API, for this folder only: a connection, prepared
// statements with typed binds, and errors as Result values.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace yz::sqlite {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds are 1-based, as in SQLite. Text is copied (SQLITE_TRANSIENT).
  void Bind(int i, std::string_view text);
  void Bind(int i, int64_t v);
  void Bind(int i, double v);
  void BindNull(int i);
  void Bind(int i, const std::optional<int64_t>& v) { v ? Bind(i, *v) : BindNull(i); }

  // Steps once: true when a row is available, false when done; an error → Result error.
  Result<bool> Step();
  // Steps to completion, ignoring rows.
  Result<void> Run();
  // Rows changed by the connection's last INSERT, UPDATE or DELETE (after Run()).
  int64_t Changes() const;
  // Resets for re-use and clears bindings.
  void Reset();

  std::string_view Text(int col) const;  // "" for NULL
  int64_t Int(int col) const;
  double Double(int col) const;
  bool IsNull(int col) const;
  // The statement itself, for code that binds by parameter name (storage/sql).
  sqlite3_stmt* raw() const { return stmt_; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  // Opens or creates the file. Errors → kUnavailable with SQLite's message.
  static Result<Database> Open(const std::string& path);
  Database(Database&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;
  ~Database();

  // Runs one or more statements without results.
  Result<void> Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  sqlite3* handle() { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

// Rolls back on destruction unless Commit() succeeded. Starts with BEGIN IMMEDIATE so a write
// transaction takes the write lock at once.
class Transaction {
 public:
  static Result<Transaction> Begin(Database& db);
  Transaction(Transaction&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Transaction(const Transaction&) = delete;
  ~Transaction();
  Result<void> Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
};

}  // namespace yz::sqlite
