// The names of stored station photos: "{code}/{file}" paths in Station::photos, where `file` is a
// name an upload made.
#pragma once

#include <string_view>

#include "domain/stations/station.h"

namespace yz {

// A file name an upload makes: letters, digits, '-' and '_' then ".jpg"; nothing that climbs
// directories.
bool IsPhotoFileName(std::string_view name);

// The file name of a stored photo (the last part of its path).
std::string_view PhotoFileName(const StationPhoto& photo);

}  // namespace yz
