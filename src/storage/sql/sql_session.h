// A small dialect-neutral way to run SQL, so that an area whose SQL is the same on SQLite and on
// PostgreSQL (most of them) writes its repository once (storage/volunteer_store.h is the first)
// instead of once per store.
//
// Placeholders are `$1`, `$2`, … in both dialects, in any order, each usable more than once. A
// statement of many rows should number them $1, $2, … in order of appearance, each once: SQLite
// then compiles them as anonymous `?` (numbered or repeated ones cost a linear search each). A
// Param is NULL, an integer or a text. Cells come back as text (NULL → nullopt) and are read with
// Row's helpers. Write SQL that both dialects accept: `INSERT … RETURNING`, `ON CONFLICT … DO
// UPDATE`, `CAST(x AS BIGINT)`, no `::` casts, booleans as 0/1 integers.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace yz::sql {

using Param = std::variant<std::monostate, int64_t, std::string>;  // monostate: NULL
using Params = std::vector<Param>;

inline Param OptionalParam(const std::optional<int64_t>& v) {
  return v ? Param(*v) : Param(std::monostate{});
}

struct Row {
  std::vector<std::optional<std::string>> cells;

  bool IsNull(std::size_t i) const { return !cells.at(i).has_value(); }
  // "" for NULL.
  const std::string& Text(std::size_t i) const;
  // 0 for NULL or a cell that is not an integer.
  int64_t Int(std::size_t i) const;
  std::optional<int64_t> OptionalInt(std::size_t i) const;
};

// The statements of one transaction. Errors of a statement are the store's (kUnavailable,
// kInternal); after one, the caller returns it and the transaction rolls back.
class Session {
 public:
  virtual ~Session() = default;
  virtual Result<std::vector<Row>> Query(std::string_view sql, const Params& params = {}) = 0;
  // Rows changed.
  virtual Result<int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
};

// Runs work in transactions. Thread-safe.
class Runner {
 public:
  virtual ~Runner() = default;
  // Runs `work` in one transaction: committed when it returns Ok, rolled back otherwise (its
  // Error returned). `write` = false promises no writes (SQLite then takes no write lock).
  // `what` names the work in error messages.
  virtual Result<void> Transact(std::string_view what, bool write,
                                const std::function<Result<void>(Session&)>& work) = 0;
};

// The first row's first cell as an integer, or `fallback` when there is no row.
Result<int64_t> QueryInt(Session& session, std::string_view sql, const Params& params,
                         int64_t fallback = 0);

}  // namespace yz::sql
