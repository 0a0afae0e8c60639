#include "domain/stations/station_catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/fakes/fake_registry.h"
#include "domain/search/station_oracle.h"
#include "domain/stations/station_directory.h"

namespace yz {
namespace {

using namespace search_testing;

// A base catalog built from scratch, as a reload builds it.
std::shared_ptr<const StationCatalog> Fresh(const std::map<std::string, Station>& stations) {
  std::vector<Station> open;
  std::vector<Station> not_open;
  for (const auto& [code, s] : stations)
    (s.status == StationStatus::kOpen ? open : not_open).push_back(s);
  return std::make_shared<const StationCatalog>(StationSnapshot::Build(std::move(open)),
                                                std::move(not_open));
}

std::vector<std::string> CodesOf(const std::vector<const Station*>& stations) {
  std::vector<std::string> codes;
  for (const Station* s : stations) codes.push_back(s->code);
  return codes;
}

// Everything a reader can ask of `got` equals what a fresh catalog of `want` answers.
void ExpectSameCatalog(const StationCatalog& got, const std::map<std::string, Station>& want,
                       RandomStations& random, int round) {
  const auto fresh = Fresh(want);
  ASSERT_EQ(got.size(), fresh->size()) << "round " << round;
  ASSERT_EQ(got.open_count(), fresh->open_count()) << "round " << round;
  ASSERT_EQ(CodesOf(got.FirstByCode(got.size())), CodesOf(fresh->FirstByCode(fresh->size())));
  ASSERT_EQ(CodesOf(got.FirstByCode(17)), CodesOf(fresh->FirstByCode(17)));
  std::multiset<std::string> open_got;
  got.ForEachOpen([&](const Station& s) { open_got.insert(s.code); });
  std::multiset<std::string> open_want;
  fresh->ForEachOpen([&](const Station& s) { open_want.insert(s.code); });
  ASSERT_EQ(open_got, open_want) << "round " << round;
  for (const auto& [code, s] : want) {
    const Station* found = got.Find(code);
    ASSERT_NE(found, nullptr) << code;
    EXPECT_EQ(found->location.lat.degrees(), s.location.lat.degrees()) << code;
    EXPECT_EQ(found->status, s.status) << code;
    EXPECT_EQ(got.FindOpen(code) != nullptr, s.status == StationStatus::kOpen) << code;
  }
  EXPECT_EQ(got.Find("nowhere"), nullptr);
  for (int k = 0; k < 300; ++k) {
    const Station& near =
        std::next(want.begin(), random.Int(0, static_cast<int>(want.size()) - 1))->second;
    const GeoPoint origin = At(near.location.lat.degrees() + random.Uniform(-0.05, 0.05),
                               near.location.lng.degrees() + random.Uniform(-0.05, 0.05));
    const SearchQuery q = random.Query(origin);
    auto a = got.Nearest(q);
    auto b = fresh->Nearest(q);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(Codes(*a), Codes(*b)) << "round " << round << " query " << k;
    for (std::size_t i = 0; i < a->size(); ++i) {
      EXPECT_EQ((*a)[i].distance_m, (*b)[i].distance_m);
      EXPECT_EQ((*a)[i].open_now, (*b)[i].open_now);
    }
  }
}

TEST(StationCatalogTest, APatchedCatalogAnswersAsOneBuiltFromScratch) {
  RandomStations random(20261207);
  std::map<std::string, Station> stations;
  for (int i = 0; i < 3000; ++i) {
    const GeoPoint where = At(random.Uniform(36.5, 37.0), random.Uniform(118.5, 119.0));
    Station s = random.Make(i, where);
    stations[s.code] = s;
  }
  std::shared_ptr<const StationCatalog> catalog = Fresh(stations);
  int next_new = 3000;
  for (int round = 0; round < 12; ++round) {
    std::vector<Station> changed;
    std::set<std::string> seen;
    for (int n = random.Int(1, 8); n > 0; --n) {
      Station s;
      if (random.Uniform(0, 1) < 0.2) {  // a new station, sometimes right on top of another
        const Station& other = std::next(stations.begin(), random.Int(0, 2999))->second;
        s = random.Make(next_new++, random.Uniform(0, 1) < 0.5 ? other.location
                                                               : At(random.Uniform(36.5, 37.0),
                                                                    random.Uniform(118.5, 119.0)));
      } else {  // an existing one moved, opened, closed or re-equipped
        const Station& old = std::next(stations.begin(), random.Int(0, 2999))->second;
        s = random.Make(0, random.Uniform(0, 1) < 0.5
                               ? old.location
                               : At(random.Uniform(36.5, 37.0), random.Uniform(118.5, 119.0)));
        s.code = old.code;
      }
      if (!seen.insert(s.code).second) continue;
      stations[s.code] = s;
      changed.push_back(s);
    }
    catalog = StationCatalog::Patched(*catalog, changed);
    ExpectSameCatalog(*catalog, stations, random, round);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(catalog->patched_count(), 12u);
}

TEST(StationCatalogTest, AnEmptyBaseTakesPatches) {
  const auto empty = Fresh({});
  Station s = MakeStation("A1", At(36.9, 118.7));
  const auto patched = StationCatalog::Patched(*empty, {s});
  EXPECT_EQ(patched->size(), 1u);
  EXPECT_EQ(patched->open_count(), 1u);
  auto hits = patched->Nearest(QueryAt(At(36.9, 118.71)));
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(Codes(*hits), std::vector<std::string>{"A1"});
}

class StationDirectoryPatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RandomStations random(11);
    for (int i = 0; i < 200; ++i) {
      Station s = random.Make(i, At(random.Uniform(36.5, 37.0), random.Uniform(118.5, 119.0)));
      s.status = StationStatus::kOpen;
      ASSERT_TRUE(registry.SaveStations(std::span(&s, 1)).ok());
    }
    ASSERT_TRUE(directory.Reload().ok());
    ASSERT_EQ(registry.list_calls(), 1);
  }
  Station Stored(const std::string& code) { return **registry.FindStation(code); }

  testing::FakeRegistry registry;
  StationDirectory directory{registry};
};

TEST_F(StationDirectoryPatchTest, ASaveReadsOnlyWhatItSaved) {
  const uint64_t generation = directory.Current()->generation();
  Station s = Stored("R7");
  s.status = StationStatus::kSuspended;
  int swaps = 0;
  auto subscription = directory.OnSwap([&](const auto&) { ++swaps; });
  ASSERT_TRUE(directory.Save(std::span(&s, 1)).ok());
  EXPECT_EQ(registry.list_calls(), 1) << "a save must not read every station";
  EXPECT_EQ(swaps, 1);
  const auto catalog = directory.Current();
  EXPECT_GT(catalog->generation(), generation);
  EXPECT_EQ(catalog->patched_count(), 1u);
  EXPECT_EQ(catalog->Find("R7")->status, StationStatus::kSuspended);
  EXPECT_EQ(catalog->FindOpen("R7"), nullptr);
  EXPECT_EQ(catalog->open_count(), 199u);
  // Nothing moved behind its back: the watcher's poll finds nothing to reload.
  EXPECT_EQ(*directory.ReloadIfChanged(), false);
}

TEST_F(StationDirectoryPatchTest, AWriteByAnotherProcessMakesTheSaveReadEverything) {
  Station theirs = Stored("R1");
  theirs.name = "别处改的";
  registry.SaveBehindTheBack(theirs);
  Station mine = Stored("R2");
  mine.name = "这里改的";
  ASSERT_TRUE(directory.Save(std::span(&mine, 1)).ok());
  EXPECT_EQ(registry.list_calls(), 2);
  EXPECT_EQ(directory.Current()->Find("R1")->name, "别处改的");
  EXPECT_EQ(directory.Current()->Find("R2")->name, "这里改的");
  EXPECT_EQ(directory.Current()->patched_count(), 0u);
}

TEST_F(StationDirectoryPatchTest, AFoldKeepsTheStationsAndTheGeneration) {
  Station s = Stored("R3");
  s.location = At(36.6, 118.6);
  ASSERT_TRUE(directory.Save(std::span(&s, 1)).ok());
  const auto patched = directory.Current();
  ASSERT_EQ(patched->patched_count(), 1u);
  ASSERT_TRUE(*directory.Fold());
  const auto folded = directory.Current();
  EXPECT_EQ(folded->patched_count(), 0u);
  EXPECT_EQ(folded->generation(), patched->generation());
  EXPECT_NE(&folded->base_open(), &patched->base_open());
  EXPECT_EQ(folded->Find("R3")->location.lat.degrees(), 36.6);
  EXPECT_EQ(CodesOf(folded->FirstByCode(500)), CodesOf(patched->FirstByCode(500)));
  EXPECT_FALSE(*directory.Fold()) << "nothing left to fold";
  EXPECT_EQ(registry.list_calls(), 1);
}

TEST_F(StationDirectoryPatchTest, APatchNeverGrowsPastItsLimit) {
  for (std::size_t i = 0; i <= StationDirectory::kMaxPatched + 3; ++i) {
    Station s = Stored("R" + std::to_string(i));
    s.name = "改 " + std::to_string(i);
    ASSERT_TRUE(directory.Save(std::span(&s, 1)).ok());
    EXPECT_LE(directory.Current()->patched_count(), StationDirectory::kMaxPatched);
  }
  EXPECT_EQ(registry.list_calls(), 1);
  for (std::size_t i = 0; i <= StationDirectory::kMaxPatched + 3; ++i)
    EXPECT_EQ(directory.Current()->Find("R" + std::to_string(i))->name, "改 " + std::to_string(i));
}

TEST_F(StationDirectoryPatchTest, AFailedWriteChangesNothing) {
  const auto before = directory.Current();
  registry.FailNextSave();
  Station s = Stored("R4");
  s.name = "不会保存";
  EXPECT_FALSE(directory.Save(std::span(&s, 1)).ok());
  EXPECT_EQ(directory.Current(), before);
}

}  // namespace
}  // namespace yz
