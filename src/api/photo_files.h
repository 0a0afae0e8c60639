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
#include "domain/stations/station.h"

namespace yz {

// A file name an upload makes: letters, digits, '-' and '_' then ".jpg"; nothing that climbs
// directories.
bool IsPhotoFileName(std::string_view name);

// The file name of a stored photo (the last part of its path).
std::string_view PhotoFileName(const StationPhoto& photo);

// The bytes of the station's photo `file`; not_found when the station does not list it or the
// file is missing.
Result<std::string> ReadStationPhoto(const std::filesystem::path& photo_dir, const Station& station,
                                     std::string_view file);

}  // namespace yz
