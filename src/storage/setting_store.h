// The SettingRepository (domain/settings) of both stores, over sql::Runner.
#pragma once

#include "domain/settings/setting_repository.h"
#include "storage/sql/sql_session.h"

namespace yz {

class SettingStore final : public SettingRepository {
 public:
  // REQUIRES: migration 016_settings applied; `runner` outlives this.
  explicit SettingStore(sql::Runner& runner) : runner_(runner) {}
  Result<std::optional<std::string>> GetSetting(std::string_view key) override;
  Result<void> SetSetting(std::string_view key, std::string_view value) override;

 private:
  sql::Runner& runner_;
};

}  // namespace yz
