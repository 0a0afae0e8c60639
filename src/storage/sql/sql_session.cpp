#include "storage/sql/sql_session.h"

#include <charconv>

namespace yz::sql {

const std::string& Row::Text(std::size_t i) const {
  static const std::string kEmpty;
  const auto& cell = cells.at(i);
  return cell ? *cell : kEmpty;
}

int64_t Row::Int(std::size_t i) const { return OptionalInt(i).value_or(0); }

std::optional<int64_t> Row::OptionalInt(std::size_t i) const {
  const auto& cell = cells.at(i);
  if (!cell) return std::nullopt;
  int64_t v = 0;
  const char* end = cell->data() + cell->size();
  const auto [ptr, ec] = std::from_chars(cell->data(), end, v);
  if (ec != std::errc()) return std::nullopt;
  return v;
}

Result<int64_t> QueryInt(Session& session, std::string_view sql, const Params& params,
                         int64_t fallback) {
  auto rows = session.Query(sql, params);
  if (!rows) return rows.error();
  if (rows->empty() || rows->front().cells.empty()) return fallback;
  return rows->front().OptionalInt(0).value_or(fallback);
}

}  // namespace yz::sql
