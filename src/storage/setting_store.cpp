#include "storage/setting_store.h"

namespace yz {

Result<std::optional<std::string>> SettingStore::GetSetting(std::string_view key) {
  std::optional<std::string> value;
  auto done = runner_.Transact("read setting", false, [&](sql::Session& s) -> Result<void> {
    auto rows = s.Query("SELECT value FROM settings WHERE key = $1", {std::string(key)});
    if (!rows) return rows.error();
    if (!rows->empty()) value = rows->front().Text(0);
    return Ok();
  });
  if (!done) return done.error();
  return value;
}

Result<void> SettingStore::SetSetting(std::string_view key, std::string_view value) {
  return runner_.Transact("save setting", true, [&](sql::Session& s) -> Result<void> {
    auto changed = s.Exec(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET "
        "value = excluded.value",
        {std::string(key), std::string(value)});
    if (!changed) return changed.error();
    return Ok();
  });
}

}  // namespace yz
