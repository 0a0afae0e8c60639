// Opens the configured store, applying pending migrations first.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "storage/store.h"

namespace yz {

struct StoreConfig {
  // The embedded store's directory (created if absent); used when `postgres_url` is empty.
  std::string data_dir = "./data";
  // The key that encrypts personal data at rest (core/field_cipher.h); empty means
  // `data_dir`/data.key, created on first use. Servers sharing a PostgreSQL database need the same
  // key file.
  std::string data_key_file;
  // A PostgreSQL URL ("postgresql://user@host:port/db"); empty selects the embedded store.
  std::string postgres_url;
  // Embedded store only: sync every commit to disk (PRAGMA synchronous=FULL). Off only in
  // benchmarks that measure what durability costs.
  bool sync_commits = true;
  // Embedded store only: group commit of check-ins, ratings and reports (one transaction and one
  // sync per batch). Off only in the benchmark that measures what it buys.
  bool group_commit = true;
};

Result<Store> OpenStore(const StoreConfig& config);

}  // namespace yz
