// The fixture of every store conformance suite: each test runs on each store kind through
// OpenStore.
//   sqlite      always, in a fresh temporary data directory per test;
//   postgresql  when YIZHAN_TEST_PG_URL names a database (scripts/with-postgres.sh sets it); each
//               test starts from an empty schema `public`. Without the variable these tests are
//               skipped, except under CI=true, where its absence is a failure.
// Use: class MyTest : public StoreTest {}; TEST_P(MyTest, …); YZ_INSTANTIATE_STORE_TESTS(MyTest);
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "storage/open_store.h"

namespace yz::testing {

namespace fs = std::filesystem;

inline std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

// Empties the PostgreSQL database: the store keeps everything, its migration records included,
// in schema `public`.
inline void ResetPostgres(const std::string& url) {
  pqxx::connection c(url);
  pqxx::nontransaction txn(c);
  txn.exec("DROP SCHEMA IF EXISTS public CASCADE");
  txn.exec("CREATE SCHEMA public");
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      pg_url_ = Env("YIZHAN_TEST_PG_URL");
      if (pg_url_.empty()) {
        if (Env("CI") == "true") {
          FAIL() << "CI=true but YIZHAN_TEST_PG_URL is not set: run the tests under "
                    "scripts/with-postgres.sh";
        }
        GTEST_SKIP() << "YIZHAN_TEST_PG_URL is not set; run under scripts/with-postgres.sh "
                        "to test the PostgreSQL store";
      }
      ASSERT_NO_THROW(ResetPostgres(pg_url_)) << "cannot reset " << pg_url_;
    }
    // The embedded store's files; with PostgreSQL, just the data key.
    std::string pattern = (fs::temp_directory_path() / "yizhan-store-test.XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    data_dir_ = pattern;
    Open();
  }

  void TearDown() override {
    store_.reset();
    if (!data_dir_.empty()) {
      std::error_code ignored;
      fs::remove_all(data_dir_, ignored);
    }
  }

  StoreConfig Config() const {
    StoreConfig config;
    config.data_dir = data_dir_;
    config.postgres_url = pg_url_;
    config.data_key_file = data_key_file_;
    return config;
  }

  void Open() {
    auto opened = OpenStore(Config());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    ASSERT_EQ(store_->kind, GetParam());
  }

  void Reopen() {
    store_.reset();
    Open();
  }

  std::string data_dir_;
  std::string data_key_file_;  // empty: the default, data_dir_/data.key
  std::string pg_url_;
  std::optional<Store> store_;
};

}  // namespace yz::testing

#define YZ_INSTANTIATE_STORE_TESTS(Fixture)                       \
  INSTANTIATE_TEST_SUITE_P(                                       \
      Stores, Fixture, ::testing::Values("sqlite", "postgresql"), \
      [](const ::testing::TestParamInfo<std::string>& info) { return info.param; })
