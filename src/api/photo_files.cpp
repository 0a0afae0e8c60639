#include "api/photo_files.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace yz {

bool IsPhotoFileName(std::string_view name) {
  if (!name.ends_with(".jpg") || name.size() < 5 || name.size() > 64) return false;
  for (char c : name.substr(0, name.size() - 4)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

std::string_view PhotoFileName(const StationPhoto& photo) {
  const std::string_view path = photo.path;
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

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
