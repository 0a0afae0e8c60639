// The embedded store: SQLite in WAL mode with synchronous=FULL, in one directory.
#pragma once

#include <memory>
#include <string>

#include "core/field_cipher.h"
#include "core/result.h"
#include "storage/store.h"

namespace yz {

// Opens (creating if needed) `dir`/yizhan.db and applies pending migrations.
// `sync_commits` = false sets synchronous=OFF and `group_commit` = false gives every check-in its
// own transaction (benchmarks only).
// Personal data (station phones) is sealed with `cipher` on the way in and opened on the way out.
Result<Store> OpenSqliteStore(const std::string& dir, const FieldCipher& cipher, bool sync_commits,
                              bool group_commit = true);

}  // namespace yz
