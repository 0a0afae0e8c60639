// A full disk says so: the store's writes fail with 503 unavailable (the operator frees space,
// the client tries again), not 500 internal, and a photo that cannot be written leaves no file.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <random>

#include "storage/files/photo_folder.h"
#include "storage/sqlite/sqlite_db.h"

namespace yz {
namespace {

namespace fs = std::filesystem;

fs::path FreshDir(const char* name) {
  std::random_device rd;
  const fs::path dir = fs::temp_directory_path() / (std::string(name) + std::to_string(rd()));
  fs::create_directories(dir);
  return dir;
}

TEST(DiskFull, AFullDatabaseIsUnavailableNotInternal) {
  const fs::path dir = FreshDir("yizhan-full-");
  {
    auto db = sqlite::Database::Open((dir / "t.db").string());
    ASSERT_TRUE(db.ok());
    // SQLite's own ceiling on the file's pages answers exactly as a full disk does (SQLITE_FULL).
    ASSERT_TRUE(db->Exec("PRAGMA journal_mode=WAL; CREATE TABLE t (text TEXT);"
                         "PRAGMA max_page_count=8")
                    .ok());
    Result<void> last = Ok();
    for (int i = 0; i < 100 && last.ok(); ++i) {
      last = db->Exec("INSERT INTO t VALUES (printf('%.2000c', 'x'))");
    }
    ASSERT_FALSE(last.ok());
    EXPECT_EQ(last.error().code, ErrorCode::kUnavailable) << last.error().message;
    EXPECT_NE(last.error().message.find("存储空间已满"), std::string::npos);
    // Through a prepared statement too.
    auto insert = db->Prepare("INSERT INTO t VALUES (printf('%.2000c', 'y'))");
    ASSERT_TRUE(insert.ok());
    auto stepped = insert->Run();
    ASSERT_FALSE(stepped.ok());
    EXPECT_EQ(stepped.error().code, ErrorCode::kUnavailable);
  }
  fs::remove_all(dir);
}

// The photo cannot be written whole (here a file-size limit stands in for the full disk): no
// file is left behind, neither the photo nor its temporary.
TEST(DiskFull, APhotoThatCannotBeWrittenLeavesNoFileBehind) {
  const fs::path dir = FreshDir("yizhan-photos-");
  PhotoFolder folder(dir);
  ASSERT_TRUE(folder.Write("ST1", "small.jpg", "tiny").ok());
  rlimit before{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &before), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = before;
  small.rlim_cur = 1000;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  const Result<void> written = folder.Write("ST1", "big.jpg", std::string(5000, 'j'));
  setrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, old_handler);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, ErrorCode::kUnavailable);
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir / "ST1")) {
    files.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(files, std::vector<std::string>{"small.jpg"});
  fs::remove_all(dir);
}

}  // namespace
}  // namespace yz
