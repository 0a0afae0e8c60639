#include "storage/sqlite/sqlite_session.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace yz::sqlite {
namespace {

class SqliteSession final : public sql::Session {
 public:
  SqliteSession(Database& db, std::unordered_map<std::string, Statement>& statements,
                std::string_view what)
      : db_(db), statements_(statements), what_(what) {}

  Result<std::vector<sql::Row>> Query(std::string_view text, const sql::Params& params) override {
    std::vector<sql::Row> rows;
    auto prepared = Prepare(text, params);
    if (!prepared) return prepared.error();
    Statement* stmt = *prepared;
    const ResetAfterUse reset{stmt};
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
    auto prepared = Prepare(text, params);
    if (!prepared) return prepared.error();
    Statement* stmt = *prepared;
    const ResetAfterUse reset{stmt};
    if (auto r = stmt->Run(); !r) return Failed(r.error());
    return static_cast<int64_t>(sqlite3_changes(db_.handle()));
  }

 private:
  // A cached statement is reset as soon as it is done, so that it holds no read snapshot.
  struct ResetAfterUse {
    Statement* stmt;
    ~ResetAfterUse() { sqlite3_reset(stmt->raw()); }
  };

  // The code is kept: a full disk stays unavailable (503), not internal.
  Error Failed(const Error& e) const {
    return Error{e.code, fmt::format("{}: {}", what_, e.message)};
  }

  // "$n" → "?": when the placeholders are $1, $2, … in order of appearance, each once (a batch of
  // rows is written so), they become anonymous "?", which SQLite numbers 1, 2, … in the same
  // order; otherwise "?n". SQLite looks every named or numbered placeholder up in a list while it
  // compiles the statement — quadratic for the 2,000 of a batch — but not an anonymous one. The
  // SQL of this store never has '$' in a literal.
  static std::string Numbered(std::string_view text) {
    std::string out(text);
    bool in_order = true;
    std::size_t expected = 1;
    for (std::size_t i = 0; i + 1 < out.size(); ++i) {
      if (out[i] != '$' || out[i + 1] < '0' || out[i + 1] > '9') continue;
      std::size_t n = 0, j = i + 1;
      for (; j < out.size() && out[j] >= '0' && out[j] <= '9'; ++j) n = n * 10 + (out[j] - '0');
      in_order = in_order && n == expected++;
    }
    std::string anonymous;
    anonymous.reserve(out.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i] == '$' && i + 1 < out.size() && out[i + 1] >= '0' && out[i + 1] <= '9') {
        if (in_order) {
          anonymous += '?';
          while (i + 1 < out.size() && out[i + 1] >= '0' && out[i + 1] <= '9') ++i;
          continue;
        }
        anonymous += '?';
        continue;
      }
      anonymous += out[i];
    }
    return anonymous;
  }

  Result<Statement*> Prepare(std::string_view text, const sql::Params& params) {
    std::string sql = Numbered(text);
    Statement* stmt = nullptr;
    if (auto cached = statements_.find(sql); cached != statements_.end()) {
      stmt = &cached->second;
      stmt->Reset();
    } else {
      auto prepared = db_.Prepare(sql);
      if (!prepared) return Failed(prepared.error());
      if (statements_.size() >= kMaxCachedStatements) statements_.clear();
      stmt = &statements_.emplace(std::move(sql), std::move(*prepared)).first->second;
    }
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

  static constexpr std::size_t kMaxCachedStatements = 256;

  Database& db_;
  std::unordered_map<std::string, Statement>& statements_;
  std::string_view what_;
};

}  // namespace

Result<void> SqliteRunner::Transact(std::string_view what, bool write,
                                    const std::function<Result<void>(sql::Session&)>& work) {
  std::lock_guard lock(mutex_);
  SqliteSession session(db_, statements_, what);
  if (!write) return work(session);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  if (auto r = work(session); !r) return r.error();
  return tx->Commit();
}

}  // namespace yz::sqlite
