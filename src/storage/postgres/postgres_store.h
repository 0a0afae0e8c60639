// The PostgreSQL store, for several servers sharing one database (libpqxx 6.4).
#pragma once

#include <memory>
#include <string>

#include "core/field_cipher.h"
#include "core/result.h"
#include "storage/store.h"

namespace yz {

// Connects to `url` ("postgresql://user@host:port/db") and applies pending migrations.
// An unreachable server → kUnavailable.
// Personal data (station phones) is sealed with `cipher` on the way in and opened on the way out.
Result<Store> OpenPostgresStore(const std::string& url, const FieldCipher& cipher);

}  // namespace yz
