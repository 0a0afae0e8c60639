#include "domain/photos/photo_names.h"

#include <cctype>

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

}  // namespace yz
