#include "storage/files/photo_folder.h"

#include <fstream>
#include <sstream>

#include "core/crypto.h"

namespace yz {

namespace fs = std::filesystem;

Result<void> PhotoFolder::Write(std::string_view station_code, std::string_view file,
                                std::string_view bytes) {
  const fs::path dir = root_ / std::string(station_code);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error::Unavailable("无法创建照片目录 / cannot create the photo directory");
  // Written under a temporary name and renamed, so a reader never sees half a file.
  const fs::path tmp = dir / ("." + RandomToken(9) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      fs::remove(tmp, ec);
      return Error::Unavailable("无法写入照片 / cannot write the photo");
    }
  }
  fs::rename(tmp, dir / std::string(file), ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Error::Unavailable("无法写入照片 / cannot write the photo");
  }
  return Ok();
}

Result<std::string> PhotoFolder::Read(std::string_view station_code, std::string_view file) {
  std::ifstream in(root_ / std::string(station_code) / std::string(file), std::ios::binary);
  if (!in) return Error::NotFound("没有这张照片 / no such photo");
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

void PhotoFolder::Remove(std::string_view station_code, std::string_view file) {
  std::error_code ec;
  fs::remove(root_ / std::string(station_code) / std::string(file), ec);
}

}  // namespace yz
