// Personal data at rest (core/field_cipher.h): a station's phone is sealed in the store's own
// column on both stores, opens back with the key, and does not open with another key.
#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_db.h"
#include "storage/store_fixture.h"

namespace yz::testing {
namespace {

class PersonalDataAtRest : public StoreTest {
 protected:
  // The phone column as the database holds it, read around the store.
  std::string RawPhone(const std::string& code) {
    if (GetParam() == "postgresql") {
      pqxx::connection c(pg_url_);
      pqxx::nontransaction txn(c);
      return txn.exec_params1("SELECT phone FROM stations WHERE code = $1", code)[0]
          .as<std::string>();
    }
    auto db = sqlite::Database::Open((fs::path(data_dir_) / "yizhan.db").string());
    EXPECT_TRUE(db.ok());
    auto stmt = db->Prepare("SELECT phone FROM stations WHERE code = ?");
    EXPECT_TRUE(stmt.ok());
    stmt->Bind(1, code);
    auto row = stmt->Step();
    EXPECT_TRUE(row.ok() && *row);
    return std::string(stmt->Text(0));
  }
};

TEST_P(PersonalDataAtRest, PhonesAreSealedInTheDatabaseAndOpenOnlyWithTheKey) {
  Station s;
  s.code = "PD1";
  s.name = "个人信息站";
  s.phone = "18812342223";
  Station none = s;
  none.code = "PD2";
  none.phone = "";
  ASSERT_TRUE(store_->stations->SaveStations(std::vector<Station>{s, none}).ok());

  const std::string raw = RawPhone("PD1");
  EXPECT_TRUE(raw.starts_with("enc1:")) << raw;
  EXPECT_EQ(raw.find("1234"), std::string::npos) << raw;
  EXPECT_EQ(raw.find("2223"), std::string::npos) << raw;
  EXPECT_EQ(RawPhone("PD2"), "");

  auto found = store_->stations->FindStation("PD1");
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ((*found)->phone, "18812342223");

  Reopen();  // the key file persists
  auto listed = store_->stations->ListStations();
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  EXPECT_EQ(listed->at(0).phone, "18812342223");

  data_key_file_ = (fs::path(data_dir_) / "another.key").string();
  store_.reset();
  auto other = OpenStore(Config());
  ASSERT_TRUE(other.ok()) << other.error().message;
  auto refused = other->stations->ListStations();
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("data key"), std::string::npos) << refused.error().message;
}

YZ_INSTANTIATE_STORE_TESTS(PersonalDataAtRest);

}  // namespace
}  // namespace yz::testing
