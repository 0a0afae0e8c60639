#include "storage/migrations.h"

#include <algorithm>
#include <charconv>

namespace yz {

std::vector<Migration> MigrationsFor(std::string_view kind) {
  std::vector<Migration> out;
  for (const auto& file : EmbeddedMigrations()) {
    const std::string_view path = file.path;
    if (path.size() <= kind.size() + 1 || path.substr(0, kind.size()) != kind ||
        path[kind.size()] != '/') {
      continue;
    }
    const std::string_view name = path.substr(kind.size() + 1);
    int version = 0;
    std::from_chars(name.data(), name.data() + name.size(), version);
    if (version > 0) out.push_back({version, name, file.content});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  return out;
}

}  // namespace yz
