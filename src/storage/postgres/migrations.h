// Applying the PostgreSQL schema migrations (the embedded files "postgres/NNN_name.sql", see
// storage/migrations.h), each once, recorded in schema_migrations(version, name, applied_at).
#pragma once

#include <pqxx/pqxx>
#include <span>
#include <vector>

#include "core/result.h"
#include "storage/migrations.h"

namespace yz::pg {

// Applies each of `migrations` (ordered by version) not yet recorded in schema_migrations, in
// order, each in its own transaction together with its schema_migrations row. Each transaction
// first takes pg_advisory_xact_lock(kMigrationLockKey), so servers starting together apply each
// file once: a server that waited finds the version recorded and skips it.
// Returns the versions this call applied. A failing file leaves the schema as the files before it
// left it and gives an Error naming the file (codes as ToError gives them). Never throws.
Result<std::vector<int>> ApplyMigrations(pqxx::connection& connection,
                                         std::span<const Migration> migrations);

// The advisory lock key of schema changes ("yizhan" in ASCII); other tools that change the
// schema should take it too.
inline constexpr long long kMigrationLockKey = 0x79697a68616e;

}  // namespace yz::pg
