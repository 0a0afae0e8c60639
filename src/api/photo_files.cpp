#include "api/photo_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace yz {

Result<std::string> ReadStationPhoto(const std::filesystem::path& photo_dir, const Station& station,
                                     std::string_view file) {
  const Error not_found = Error::NotFound("没有这张照片 / no such photo");
  if (!IsPhotoFileName(file)) return not_found;
  const std::string path = station.code + "/" + std::string(file);
  if (std::none_of(station.photos.begin(), station.photos.end(),
                   [&](const StationPhoto& p) { return p.path == path; })) {
    return not_found;
  }
  std::ifstream in(photo_dir / path, std::ios::binary);
  if (!in) return not_found;
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

}  // namespace yz
