#include "storage/sqlite/sqlite_session.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace yz::sqlite {
namespace {

class SqliteSession final : public sql::Session {
 public:
  SqliteSession(Database& db, std::string_view what) : db_(db), what_(what) {}

  Result<std::vector<sql::Row>> Query(std::string_view text, const sql::Params& params) override {
    std::vector<sql::Row> rows;
    auto stmt = Prepare(text, params);
    if (!stmt) return stmt.error();
    sqlite3_stmt* raw = stmt->raw();
    while (true) {
      auto step = stmt->Step();
      if (!step) return Failed(step.error());
      if (!*step) break;
      sql::Row row;
      const int n = sqlite3_column_count(raw);
      row.cells.reserve(n);
      for (int i = 0; i < n; ++i) {
        if (sqlite3_column_type(raw, i) == SQLITE_NULL) {
          row.cells.emplace_back();
        } else {
          row.cells.emplace_back(std::string(stmt->Text(i)));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  Result<int64_t> Exec(std::string_view text, const sql::Params& params) override {
    auto stmt = Prepare(text, params);
    if (!stmt) return stmt.error();
    if (auto r = stmt->Run(); !r) return Failed(r.error());
    return static_cast<int64_t>(sqlite3_changes(db_.handle()));
  }

 private:
  Error Failed(const Error& e) const {
    return Error::Internal(fmt::format("{}: {}", what_, e.message));
  }

  // "$n" → "?n": SQLite numbers "?n" parameters by n itself, while "$n" are names that it looks
  // up in a list at parse and bind time — quadratic for a statement of many rows (the shift
  // batches have 1,750 parameters). The SQL of this store never has '$' in a literal.
  static std::string Numbered(std::string_view text) {
    std::string out(text);
    for (std::size_t i = 0; i + 1 < out.size(); ++i) {
      if (out[i] == '$' && out[i + 1] >= '0' && out[i + 1] <= '9') out[i] = '?';
    }
    return out;
  }

  Result<Statement> Prepare(std::string_view text, const sql::Params& params) {
    auto stmt = db_.Prepare(Numbered(text));
    if (!stmt) return Failed(stmt.error());
    const int count = sqlite3_bind_parameter_count(stmt->raw());
    for (int k = 1; k <= count && static_cast<std::size_t>(k) <= params.size(); ++k) {
      const sql::Param& p = params[k - 1];
      if (const auto* i = std::get_if<int64_t>(&p)) {
        stmt->Bind(k, *i);
      } else if (const auto* t = std::get_if<std::string>(&p)) {
        stmt->Bind(k, std::string_view(*t));
      } else {
        stmt->BindNull(k);
      }
    }
    return stmt;
  }

  Database& db_;
  std::string_view what_;
};

}  // namespace

Result<void> SqliteRunner::Transact(std::string_view what, bool write,
                                    const std::function<Result<void>(sql::Session&)>& work) {
  std::lock_guard lock(mutex_);
  SqliteSession session(db_, what);
  if (!write) return work(session);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  if (auto r = work(session); !r) return r.error();
  return tx->Commit();
}

}  // namespace yz::sqlite
