#include "storage/postgres/postgres_session.h"

#include <pqxx/pqxx>

namespace yz::pg {
namespace {

// libpqxx 6 passes a null `const char*` as SQL NULL; the texts live in `storage`.
struct TextParams {
  std::vector<std::string> storage;
  std::vector<const char*> pointers;
  explicit TextParams(const sql::Params& params) {
    storage.reserve(params.size());
    for (const sql::Param& p : params) {
      if (const auto* i = std::get_if<int64_t>(&p)) {
        storage.push_back(std::to_string(*i));
      } else if (const auto* s = std::get_if<std::string>(&p)) {
        storage.push_back(*s);
      } else {
        storage.emplace_back();
      }
    }
    for (std::size_t k = 0; k < params.size(); ++k) {
      pointers.push_back(std::holds_alternative<std::monostate>(params[k]) ? nullptr
                                                                           : storage[k].c_str());
    }
  }
};

// Errors surface as exceptions, which ConnectionPool::Run turns into Errors.
class PostgresSession final : public sql::Session {
 public:
  explicit PostgresSession(pqxx::transaction_base& txn) : txn_(txn) {}

  Result<std::vector<sql::Row>> Query(std::string_view text, const sql::Params& params) override {
    const pqxx::result r = Run(text, params);
    std::vector<sql::Row> rows;
    rows.reserve(r.size());
    for (const auto& source : r) {
      sql::Row row;
      row.cells.reserve(source.size());
      for (const auto& field : source) {
        if (field.is_null()) {
          row.cells.emplace_back();
        } else {
          row.cells.emplace_back(std::string(field.c_str(), field.size()));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  Result<int64_t> Exec(std::string_view text, const sql::Params& params) override {
    return static_cast<int64_t>(Run(text, params).affected_rows());
  }

 private:
  pqxx::result Run(std::string_view text, const sql::Params& params) {
    const TextParams values(params);
    return txn_.exec_params(std::string(text), pqxx::prepare::make_dynamic_params(values.pointers));
  }

  pqxx::transaction_base& txn_;
};

}  // namespace

Result<void> PostgresRunner::Transact(std::string_view what, bool write,
                                      const std::function<Result<void>(sql::Session&)>& work) {
  return pool_.Run<void>(what, [&](pqxx::connection& c) -> Result<void> {
    if (!write) {
      pqxx::read_transaction txn(c);
      PostgresSession session(txn);
      return work(session);
    }
    pqxx::work txn(c);
    PostgresSession session(txn);
    if (auto r = work(session); !r) return r.error();  // the transaction rolls back
    txn.commit();
    return Ok();
  });
}

}  // namespace yz::pg
