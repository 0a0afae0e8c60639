#include "storage/sqlite/sqlite_backup.h"

#include <fmt/format.h>

#include <filesystem>

#include "storage/sqlite/sqlite_db.h"

namespace yz {

namespace fs = std::filesystem;

Result<BackupSummary> BackupSqliteStore(const std::string& data_dir,
                                        const std::string& target_dir) {
  const fs::path source = fs::path(data_dir) / "yizhan.db";
  const fs::path target = fs::path(target_dir) / "yizhan.db";
  std::error_code ec;
  if (!fs::exists(source, ec)) {
    return Error::InvalidArgument(
        fmt::format("{} 中没有数据库 / no database in {}", data_dir, data_dir));
  }
  if (fs::exists(target, ec)) {
    return Error::InvalidArgument(fmt::format(
        "{} 已有备份，请换一个空目录 / {} already holds a backup: choose an empty directory",
        target_dir, target_dir));
  }
  fs::create_directories(target_dir, ec);
  if (ec) {
    return Error::Unavailable(
        fmt::format("无法创建 {} / cannot create {}: {}", target_dir, target_dir, ec.message()));
  }
  fs::permissions(target_dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  auto db = sqlite::Database::Open(source.string());
  if (!db) return db.error();
  YZ_TRY(db->Exec("PRAGMA busy_timeout=10000"));
  // One read transaction: the copy is the store as of one commit, whatever the server writes.
  auto vacuum = db->Prepare("VACUUM INTO ?1");
  if (!vacuum) return vacuum.error();
  vacuum->Bind(1, target.string());
  if (auto done = vacuum->Run(); !done) return done.error();

  BackupSummary summary;
  summary.database_bytes = static_cast<int64_t>(fs::file_size(target, ec));
  const fs::path photos = fs::path(data_dir) / "photos";
  if (fs::is_directory(photos, ec)) {
    // Photo files are written whole under a temporary name and renamed, and never changed:
    // a finished one is safe to copy; the temporaries of uploads in progress are left out.
    for (auto it = fs::recursive_directory_iterator(photos, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::path relative = fs::relative(it->path(), photos, ec);
      const fs::path to = fs::path(target_dir) / "photos" / relative;
      if (it->is_directory(ec)) {
        fs::create_directories(to, ec);
      } else if (it->is_regular_file(ec) && !it->path().filename().string().starts_with(".")) {
        fs::create_directories(to.parent_path(), ec);
        fs::copy_file(it->path(), to, fs::copy_options::overwrite_existing, ec);
        if (ec) {
          return Error::Unavailable(
              fmt::format("无法复制照片 / cannot copy {}: {}", it->path().string(), ec.message()));
        }
        ++summary.photos;
      }
    }
    if (ec) {
      return Error::Unavailable(
          fmt::format("无法读取照片目录 / cannot read {}: {}", photos.string(), ec.message()));
    }
  }
  return summary;
}

}  // namespace yz
