// RegistryVersion and StationDirectory::ReloadIfChanged on both stores: a change made through
// another connection (another process, another server) is seen and loaded; no change, no reload.
#include <gtest/gtest.h>

#include "domain/stations/station_directory.h"
#include "storage/store_fixture.h"

namespace yz::testing {
namespace {

class RegistryVersionTest : public StoreTest {};

Station Make(std::string code, std::string name) {
  Station s;
  s.code = std::move(code);
  s.name = std::move(name);
  s.location = {Latitude(36.86), Longitude(118.74)};
  return s;
}

TEST_P(RegistryVersionTest, MovesOnEveryStationOrPhotoChangeAndOnlyThen) {
  auto v0 = store_->stations->RegistryVersion();
  ASSERT_TRUE(v0.ok()) << v0.error().message;
  ASSERT_TRUE(store_->stations->CountStations().ok());
  EXPECT_EQ(*store_->stations->RegistryVersion(), *v0);  // reads do not move it

  ASSERT_TRUE(store_->stations->SaveStations(std::vector<Station>{Make("RV1", "一号")}).ok());
  const int64_t v1 = *store_->stations->RegistryVersion();
  EXPECT_NE(v1, *v0);

  Station renamed = Make("RV1", "改名");
  renamed.photos.push_back({"RV1/a.jpg", ""});
  ASSERT_TRUE(store_->stations->SaveStations(std::vector<Station>{renamed}).ok());
  const int64_t v2 = *store_->stations->RegistryVersion();
  EXPECT_NE(v2, v1);

  Reopen();
  EXPECT_EQ(*store_->stations->RegistryVersion(), v2);
}

TEST_P(RegistryVersionTest, DirectoryReloadsChangesMadeByAnotherConnectionOnly) {
  ASSERT_TRUE(store_->stations->SaveStations(std::vector<Station>{Make("RV1", "一号")}).ok());
  StationDirectory directory(*store_->stations);
  ASSERT_TRUE(directory.Reload().ok());
  auto unchanged = directory.ReloadIfChanged();
  ASSERT_TRUE(unchanged.ok()) << unchanged.error().message;
  EXPECT_FALSE(*unchanged);

  // Another process on the same store.
  auto other = OpenStore(Config());
  ASSERT_TRUE(other.ok()) << other.error().message;
  ASSERT_TRUE(other->stations->SaveStations(std::vector<Station>{Make("RV2", "二号")}).ok());
  EXPECT_EQ(directory.Current()->Find("RV2"), nullptr);
  auto changed = directory.ReloadIfChanged();
  ASSERT_TRUE(changed.ok());
  EXPECT_TRUE(*changed);
  ASSERT_NE(directory.Current()->Find("RV2"), nullptr);
  EXPECT_FALSE(*directory.ReloadIfChanged());

  // A save through the directory itself is loaded at once and needs no second reload.
  ASSERT_TRUE(directory.Save(std::vector<Station>{Make("RV3", "三号")}).ok());
  EXPECT_NE(directory.Current()->Find("RV3"), nullptr);
  EXPECT_FALSE(*directory.ReloadIfChanged());
}

TEST_P(RegistryVersionTest, AVersionedSaveNamesTheVersionsAroundItsOwnWrite) {
  const int64_t v0 = *store_->stations->RegistryVersion();
  Station photographed = Make("RV1", "一号");
  photographed.photos.push_back({"RV1/a.jpg", "门口"});
  auto step = store_->stations->SaveStationsVersioned(
      std::vector<Station>{photographed, Make("RV2", "二号")});
  ASSERT_TRUE(step.ok()) << step.error().message;
  EXPECT_EQ(step->before, v0);
  EXPECT_GT(step->after, step->before);
  EXPECT_EQ(*store_->stations->RegistryVersion(), step->after);

  // Another process writes in between: the next step starts where that write left the version.
  auto other = OpenStore(Config());
  ASSERT_TRUE(other.ok()) << other.error().message;
  ASSERT_TRUE(other->stations->SaveStations(std::vector<Station>{Make("RV3", "三号")}).ok());
  auto next = store_->stations->SaveStationsVersioned(std::vector<Station>{Make("RV1", "改名")});
  ASSERT_TRUE(next.ok());
  EXPECT_GT(next->before, step->after);
  EXPECT_EQ(*store_->stations->RegistryVersion(), next->after);
}

TEST_P(RegistryVersionTest, ADirectorySavePatchesWhatTheStoreHoldsAndSeesOtherWriters) {
  ASSERT_TRUE(
      store_->stations->SaveStations(std::vector<Station>{Make("RV1", "一号"), Make("RV2", "二号")})
          .ok());
  StationDirectory directory(*store_->stations);
  ASSERT_TRUE(directory.Reload().ok());
  Station photographed = Make("RV1", "一号");
  photographed.photos.push_back({"RV1/a.jpg", "门口"});
  photographed.phone = "18812342223";
  ASSERT_TRUE(directory.Save(std::vector<Station>{photographed}).ok());
  const auto patched = directory.Current();
  EXPECT_EQ(patched->patched_count(), 1u);
  ASSERT_EQ(patched->Find("RV1")->photos.size(), 1u);
  EXPECT_EQ(patched->Find("RV1")->photos[0].caption, "门口");
  EXPECT_EQ(patched->Find("RV1")->phone, "18812342223");  // read back through the field cipher
  EXPECT_FALSE(*directory.ReloadIfChanged());

  // Another process wrote before this save: the save reads everything and sees both writes.
  auto other = OpenStore(Config());
  ASSERT_TRUE(other.ok()) << other.error().message;
  ASSERT_TRUE(other->stations->SaveStations(std::vector<Station>{Make("RV3", "三号")}).ok());
  ASSERT_TRUE(directory.Save(std::vector<Station>{Make("RV2", "改名")}).ok());
  EXPECT_EQ(directory.Current()->patched_count(), 0u);
  ASSERT_NE(directory.Current()->Find("RV3"), nullptr);
  EXPECT_EQ(directory.Current()->Find("RV2")->name, "改名");
  EXPECT_FALSE(*directory.ReloadIfChanged());
}

YZ_INSTANTIATE_STORE_TESTS(RegistryVersionTest);

}  // namespace
}  // namespace yz::testing
