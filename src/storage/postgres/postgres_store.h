// The PostgreSQL store, for several servers sharing one database (libpqxx 6.4).
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "domain/stations/station_repository.h"

namespace yz {

// Connects to `url` ("postgresql://user@host:port/db") and applies pending migrations.
// An unreachable server → kUnavailable.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url);

}  // namespace yz
