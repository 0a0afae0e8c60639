// The store options every command that opens the store shares: --data, --db, --data-key.
#pragma once

#include <CLI/CLI.hpp>

#include "storage/open_store.h"

namespace yz {

inline void AddStoreOptions(CLI::App* command, StoreConfig& store) {
  command->add_option("--data", store.data_dir, "embedded store directory (default ./data)");
  command->add_option("--db", store.postgres_url, "PostgreSQL URL (postgresql://…) instead of --data");
  command->add_option("--data-key", store.data_key_file,
                      "key file that encrypts personal data at rest (default DATA/data.key, created when absent; "
                      "servers sharing one PostgreSQL database need the same file)");
}

}  // namespace yz
