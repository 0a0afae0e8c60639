// Station photos on disk: AdminApiConfig::photo_dir/{code}/{file}.jpg, re-encoded at upload (no
// EXIF, no location) and therefore safe to show to anyone. The console reads them with a session
// (GET /api/v1/admin/stations/{code}/photos/{file}); workers' pages read the same files at the
// public GET /media/stations/{code}/photos/{file}. A file is served only when the station lists
// it, so a name cannot reach anything else in the directory.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/photos/photo_names.h"
#include "domain/stations/station.h"

namespace yz {

// The bytes of the station's photo `file`; not_found when the station does not list it or the
// file is missing.
Result<std::string> ReadStationPhoto(const std::filesystem::path& photo_dir, const Station& station,
                                     std::string_view file);

}  // namespace yz
