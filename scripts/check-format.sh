#!/usr/bin/env bash
# Fails when a C++ file of the checked folders differs from clang-format's layout (.clang-format).
# The folders are those already formatted; the older ones join the list as each is formatted in a
# commit of its own (a whole-tree reformat would bury the history of every line).
set -euo pipefail
cd "$(dirname "$0")/.."
FOLDERS=(
  src/api/console src/api/accounts src/api/stations/station_admin_routes.cpp src/api/reports src/api/dashboard
  src/api/photos/photo_routes.cpp src/api/photos/photo_routes.h
  src/domain/reports src/domain/dashboard src/domain/photos src/domain/audit/auditor.h src/domain/audit/auditor.cpp
  src/domain/jobs src/domain/stations/station_admin_service.h src/domain/stations/station_admin_service.cpp
  src/storage/store.h src/storage/files src/storage/sqlite/sqlite_reports.h src/storage/sqlite/sqlite_reports.cpp
  src/storage/postgres/postgres_reports.h src/storage/postgres/postgres_reports.cpp
  src/storage/sqlite/sqlite_jobs.h src/storage/sqlite/sqlite_jobs.cpp src/storage/postgres/postgres_jobs.h
  src/storage/postgres/postgres_jobs.cpp src/core/xlsx src/app/server_app.h src/app/server_app.cpp
  tests/domain/fakes tests/domain/reports tests/domain/photos tests/domain/dashboard tests/domain/jobs
  tests/domain/stations/station_admin_service_test.cpp tests/app/in_process_server.h tests/storage/jobs_conformance_test.cpp
)
FORMAT=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$FORMAT" ]; then
  echo "check-format: clang-format not found (scripts/install-deps.sh installs clang-format-14)" >&2
  exit 1
fi
files=$(find "${FOLDERS[@]}" -type f \( -name '*.cpp' -o -name '*.h' \) | sort)
if ! "$FORMAT" --dry-run --Werror $files; then
  echo "check-format: run: $FORMAT -i <file> on the files above" >&2
  exit 1
fi
echo "check-format: $(wc -w <<<"$files") files formatted"
