#include "storage/open_store.h"

#include <filesystem>

#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace yz {

Result<std::unique_ptr<Store>> OpenStore(const StoreConfig& config) {
  const std::string key_file = config.data_key_file.empty()
                                   ? (std::filesystem::path(config.data_dir) / "data.key").string()
                                   : config.data_key_file;
  auto cipher = FieldCipher::LoadOrCreate(key_file);
  if (!cipher) return cipher.error();
  if (!config.postgres_url.empty()) return OpenPostgresStore(config.postgres_url, *cipher);
  return OpenSqliteStore(config.data_dir, *cipher, config.sync_commits, config.group_commit);
}

}  // namespace yz
