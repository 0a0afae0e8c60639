// A consistent online copy of the embedded store: the database as of one moment (SQLite's
// VACUUM INTO reads it in one snapshot while the server goes on writing) and the photos. Never
// the data key: a backup that travels with its key protects nothing (README, 备份).
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace yz {

struct BackupSummary {
  int64_t database_bytes = 0;
  int64_t photos = 0;  // photo files copied
};

// Copies `data_dir`/yizhan.db into `target_dir`/yizhan.db and `data_dir`/photos into
// `target_dir`/photos. `target_dir` is created; it must not already hold a yizhan.db
// (invalid_argument). Errors: unavailable when the store cannot be read or the copy written.
Result<BackupSummary> BackupSqliteStore(const std::string& data_dir, const std::string& target_dir);

}  // namespace yz
