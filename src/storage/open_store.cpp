#include "storage/open_store.h"

#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace yz {

Result<std::unique_ptr<Store>> OpenStore(const StoreConfig& config) {
  if (!config.postgres_url.empty()) return OpenPostgresStore(config.postgres_url);
  return OpenSqliteStore(config.data_dir, config.sync_commits, config.group_commit);
}

}  // namespace yz
