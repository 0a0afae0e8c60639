// The background checkpointer (storage/sqlite/wal_checkpointer.h) copies committed pages from the
// WAL into the database file while the writing connection has automatic checkpoints off.
#include "storage/sqlite/wal_checkpointer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <thread>

namespace yz::sqlite {
namespace {

namespace fs = std::filesystem;

TEST(WalCheckpointer, CopiesTheWalIntoTheDatabaseFileWithoutTheWriter) {
  std::random_device rd;
  const fs::path dir = fs::temp_directory_path() / ("yizhan-wal-" + std::to_string(rd()));
  fs::create_directories(dir);
  const std::string path = (dir / "t.db").string();
  {
    auto writer = Database::Open(path);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(writer->Exec("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
                             "CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)").ok());
    ASSERT_TRUE(writer->Exec("BEGIN").ok());
    for (int i = 0; i < 2000; ++i) {
      ASSERT_TRUE(writer->Exec("INSERT INTO t (text) VALUES (printf('%.200c', 'x'))").ok());
    }
    ASSERT_TRUE(writer->Exec("COMMIT").ok());
    const auto before = fs::file_size(path);
    EXPECT_GT(fs::file_size(path + "-wal"), 400'000u);  // the rows are in the WAL only

    auto checkpoint_db = Database::Open(path);
    ASSERT_TRUE(checkpoint_db.ok());
    {
      WalCheckpointer checkpointer(std::move(*checkpoint_db), std::chrono::milliseconds(5));
      for (int i = 0; i < 400 && checkpointer.runs() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      EXPECT_GE(checkpointer.runs(), 2u);
    }
    EXPECT_GT(fs::file_size(path), before + 400'000);  // now in the database file
    auto count = writer->Prepare("SELECT count(*) FROM t");
    ASSERT_TRUE(count.ok());
    ASSERT_TRUE(count->Step().ok());
    EXPECT_EQ(count->Int(0), 2000);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace yz::sqlite
