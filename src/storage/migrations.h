// The versioned migrations compiled into the binary (src/storage/migrations/<kind>/NNN_name.sql).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/embedded.h"

namespace yz {

std::span<const EmbeddedFile> EmbeddedMigrations();

struct Migration {
  int version;               // NNN of the file name
  std::string_view name;     // the file name
  std::string_view sql;
};

// The migrations of one store kind ("sqlite" or "postgres"), ordered by version.
std::vector<Migration> MigrationsFor(std::string_view kind);

}  // namespace yz
