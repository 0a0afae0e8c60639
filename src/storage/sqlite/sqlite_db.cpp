#include "storage/sqlite/sqlite_db.h"

#include <fmt/format.h>

#include <cerrno>

namespace yz::sqlite {
namespace {

// A full disk is the operator's to fix and the client's to retry later: 503 unavailable, not a
// 500. SQLite says SQLITE_FULL, or an I/O error whose system error is ENOSPC.
bool DiskFull(sqlite3* db) {
  if (db == nullptr) return false;
  const int code = sqlite3_extended_errcode(db);
  return (code & 0xFF) == SQLITE_FULL ||
         ((code & 0xFF) == SQLITE_IOERR &&
          (sqlite3_system_errno(db) == ENOSPC || sqlite3_system_errno(db) == EDQUOT));
}

Error SqliteError(sqlite3* db, std::string_view what, std::string_view message) {
  if (DiskFull(db)) {
    return Error::Unavailable(
        fmt::format("存储空间已满，未写入任何数据，请联系管理员 / the disk is full: nothing was "
                    "written ({} {})",
                    what, message));
  }
  return Error::Internal(fmt::format("sqlite {}: {}", what, message));
}

Error SqliteError(sqlite3* db, std::string_view what) {
  return SqliteError(db, what, db ? sqlite3_errmsg(db) : "out of memory");
}

}  // namespace

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    db_ = o.db_;
    stmt_ = o.stmt_;
    o.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::Bind(int i, std::string_view text) {
  sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}
void Statement::Bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
void Statement::Bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
void Statement::BindNull(int i) { sqlite3_bind_null(stmt_, i); }

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, "step");
}

Result<void> Statement::Run() {
  while (true) {
    auto row = Step();
    if (!row) return row.error();
    if (!*row) return Ok();
  }
}

int64_t Statement::Changes() const { return sqlite3_changes(db_); }

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string_view Statement::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (!p) return {};
  return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))};
}
int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::Double(int col) const { return sqlite3_column_double(stmt_, col); }
bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Result<Database> Database::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Error e{ErrorCode::kUnavailable,
            fmt::format("cannot open {}: {}", path, db ? sqlite3_errmsg(db) : "out of memory")};
    sqlite3_close(db);
    return e;
  }
  sqlite3_extended_result_codes(db, 1);
  return Database(db);
}

Database::~Database() { sqlite3_close(db_); }

Result<void> Database::Exec(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    Error e = SqliteError(db_, "exec", message ? message : "error");
    sqlite3_free(message);
    return e;
  }
  return Ok();
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    return SqliteError(db_, "prepare");
  }
  return Statement(db_, stmt);
}

Result<Transaction> Transaction::Begin(Database& db) {
  if (auto r = db.Exec("BEGIN IMMEDIATE"); !r) return r.error();
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_) (void)db_->Exec("ROLLBACK");
}

Result<void> Transaction::Commit() {
  auto r = db_->Exec("COMMIT");
  if (r) db_ = nullptr;
  return r;
}

}  // namespace yz::sqlite
