#include "storage/open_store.h"

#include <filesystem>

#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace yz {

Result<Store> OpenStore(const StoreConfig& config) {
  // A new data directory is the owner's alone: it holds the database, the data key and photos.
  std::error_code ec;
  if (!config.data_dir.empty() && !std::filesystem::exists(config.data_dir, ec)) {
    std::filesystem::create_directories(config.data_dir, ec);
    if (ec)
      return Error::Unavailable("cannot create data directory " + config.data_dir + ": " +
                                ec.message());
    std::filesystem::permissions(config.data_dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);
  }
  const std::string key_file = config.data_key_file.empty()
                                   ? (std::filesystem::path(config.data_dir) / "data.key").string()
                                   : config.data_key_file;
  auto cipher = FieldCipher::LoadOrCreate(key_file);
  if (!cipher) return cipher.error();
  if (!config.postgres_url.empty()) return OpenPostgresStore(config.postgres_url, *cipher);
  return OpenSqliteStore(config.data_dir, *cipher, config.sync_commits, config.group_commit);
}

}  // namespace yz
