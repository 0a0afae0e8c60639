#include "storage/files/photo_folder.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
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
  // Written under a temporary name, synced, and renamed, so that a reader never sees half a
  // file and a full disk never leaves an empty one behind: with delayed allocation a write()
  // into the page cache succeeds and ENOSPC only shows at fsync.
  const fs::path tmp = dir / ("." + RandomToken(9) + ".tmp");
  const auto fail = [&](int error) -> Result<void> {
    fs::remove(tmp, ec);
    if (error == ENOSPC || error == EDQUOT) {
      return Error::Unavailable(
          "存储空间已满，照片未保存 / the disk is full: the photo was not saved");
    }
    return Error::Unavailable("无法写入照片 / cannot write the photo");
  };
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return fail(errno);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = n < 0 ? errno : EIO;
      ::close(fd);
      return fail(error);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    return fail(error);
  }
  if (::close(fd) != 0) return fail(errno);
  fs::rename(tmp, dir / std::string(file), ec);
  if (ec) return fail(ec.value());
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
