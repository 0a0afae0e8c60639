// The conformance suite of the registry's Store interfaces (domain/stations/station_repository.h),
// on every store kind (store_fixture.h).
//   sqlite      always, in a fresh temporary data directory per test;
//   postgresql  when YIZHAN_TEST_PG_URL names a database (scripts/with-postgres.sh sets it); each
//               test starts from an empty schema `public`. Without the variable these tests are
//               skipped, except under CI=true, where its absence is a failure.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "domain/stations/station_repository.h"
#include "storage/open_store.h"
#include "storage/store_fixture.h"

namespace yz {
namespace {

using testing::Env;
using testing::ResetPostgres;
namespace fs = std::filesystem;

using namespace std::chrono_literals;
namespace fs = std::filesystem;

OpeningHours Hours(std::string_view text) {
  auto h = OpeningHours::Parse(text);
  EXPECT_TRUE(h.ok()) << text;
  return h.ok() ? std::move(h).value() : OpeningHours();
}

// Every field set, with values that are easy to get wrong: quotes, backslashes, braces, commas
// and the word NULL in texts, doubles that need all 17 digits, broken and missing amenities.
Station FullStation(std::string code, std::optional<int64_t> host_id) {
  Station s;
  s.code = std::move(code);
  s.name = "圣城街道 \"环卫\" 驿站 {一,二}";
  s.address = R"(寿光市圣城街道建设路 1 号\2 楼, NULL)";
  s.location = GeoPoint{Latitude(36.881234567890126), Longitude(0.1 + 0.2 + 118.0)};
  s.region = "370783001";
  s.host_type = HostType::kBank;
  s.host_id = host_id;
  s.level = Level::kCityDemo;
  s.status = StationStatus::kSuspended;
  s.opening_hours = Hours("Mo-Fr 08:00-12:00,14:00-18:00; Sa,Su off");
  s.amenities = {{Amenity::kSeating, AmenityState::kWorking},
                 {Amenity::kMicrowave, AmenityState::kBroken},
                 {Amenity::kToilet, AmenityState::kMissing},
                 {Amenity::kWifi, AmenityState::kWorking}};
  s.services = {Service::kLegalAid, Service::kInsurance};
  s.manager = "王师傅";
  s.phone = "18812342223";
  s.service_phone = "0536-5212345";
  s.opened_on = Date{std::chrono::year{2023}, std::chrono::month{5}, std::chrono::day{1}};
  s.investment = Money{250700050};
  s.photos = {{"photos/a.jpg", "外景 \"正门\""}, {"photos/b\\c.jpg", ""}, {"photos/NULL", "NULL"}};
  return s;
}

// Only what is required; every optional field unknown or empty.
Station MinimalStation(std::string code) {
  Station s;
  s.code = std::move(code);
  s.name = "站";
  s.location = GeoPoint{Latitude(-0.0), Longitude(-179.99999999999997)};
  return s;
}

// The i-th station of a generated registry: the fields vary with i so that a row or column mix-up
// shows.
Station GeneratedStation(int i, std::optional<int64_t> host_id) {
  Station s;
  s.code = "G" + std::to_string(100000 + i);
  s.name = "驿站 " + std::to_string(i);
  s.address = i % 3 == 0 ? "" : "路 " + std::to_string(i) + " 号";
  s.location = GeoPoint{Latitude(18.0 + i * 1e-4 + 1.0 / 3.0), Longitude(73.5 + i * 3.3e-5)};
  s.region = i % 5 == 0 ? "" : "3707" + std::to_string(10 + i % 80);
  if (i % 4 != 0) s.host_type = static_cast<HostType>(i % kHostTypeCount);
  if (i % 6 == 1) s.host_id = host_id;
  s.level = static_cast<Level>(i % kLevelCount);
  s.status = static_cast<StationStatus>(i % kStationStatusCount);
  if (i % 2 == 0) s.opening_hours = Hours(i % 4 == 0 ? "24/7" : "Mo-Su 07:00-21:00");
  for (int a = 0; a < kAmenityCount; ++a) {
    if ((i + a) % 3 == 0) {
      s.amenities.push_back({static_cast<Amenity>(a), static_cast<AmenityState>((i + a) % 3)});
    }
  }
  for (int v = 0; v < kServiceCount; ++v) {
    if ((i * 7 + v) % 4 == 0) s.services.push_back(static_cast<Service>(v));
  }
  s.manager = i % 7 == 0 ? "" : "负责人" + std::to_string(i);
  s.phone = i % 7 == 0 ? "" : "188" + std::to_string(10000000 + i);
  s.service_phone = i % 3 == 0 ? "" : "0536-52" + std::to_string(10000 + i % 90000);
  if (i % 3 != 0) {
    s.opened_on = Date{std::chrono::year{2015 + i % 10}, std::chrono::month{1u + i % 12},
                       std::chrono::day{1u + i % 28}};
  }
  if (i % 2 == 1) s.investment = Money{int64_t{i} * 1001};
  for (int p = 0; p < i % 4; ++p) {
    s.photos.push_back({"photos/" + s.code + "/" + std::to_string(p) + ".jpg",
                        p == 0 ? "" : "照片 " + std::to_string(p)});
  }
  return s;
}

std::string Describe(const Station& s) {
  std::string out = s.code + " name=" + s.name + " hours=" + s.opening_hours.text() +
                    " amenities=" + std::to_string(s.amenities.size()) +
                    " photos=" + std::to_string(s.photos.size());
  char buf[80];
  std::snprintf(buf, sizeof buf, " lat=%.17g lng=%.17g", s.location.lat.degrees(),
                s.location.lng.degrees());
  return out + buf;
}

// Field by field, so a failure names the field; coordinates compared exactly.
void ExpectSameStation(const Station& actual, const Station& expected) {
  SCOPED_TRACE("station " + expected.code);
  EXPECT_EQ(actual.code, expected.code);
  EXPECT_EQ(actual.name, expected.name);
  EXPECT_EQ(actual.address, expected.address);
  EXPECT_EQ(actual.location.lat.degrees(), expected.location.lat.degrees());
  EXPECT_EQ(actual.location.lng.degrees(), expected.location.lng.degrees());
  EXPECT_EQ(actual.region, expected.region);
  EXPECT_EQ(actual.host_type, expected.host_type);
  EXPECT_EQ(actual.host_id, expected.host_id);
  EXPECT_EQ(actual.level, expected.level);
  EXPECT_EQ(actual.status, expected.status);
  EXPECT_EQ(actual.opening_hours.text(), expected.opening_hours.text());
  EXPECT_EQ(actual.amenities, expected.amenities);
  EXPECT_EQ(actual.services, expected.services);
  EXPECT_EQ(actual.manager, expected.manager);
  EXPECT_EQ(actual.phone, expected.phone);
  EXPECT_EQ(actual.service_phone, expected.service_phone);
  EXPECT_EQ(actual.opened_on.has_value(), expected.opened_on.has_value());
  if (actual.opened_on && expected.opened_on) {
    EXPECT_EQ(FormatDate(*actual.opened_on), FormatDate(*expected.opened_on));
  }
  EXPECT_EQ(actual.investment.has_value(), expected.investment.has_value());
  if (actual.investment && expected.investment) {
    EXPECT_EQ(actual.investment->fen, expected.investment->fen);
  }
  EXPECT_EQ(actual.photos, expected.photos);
  EXPECT_TRUE(SameStation(actual, expected)) << Describe(actual) << "\n" << Describe(expected);
}

void ExpectSameStations(const std::vector<Station>& actual, const std::vector<Station>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    if (!SameStation(actual[i], expected[i])) {
      ExpectSameStation(actual[i], expected[i]);
      return;  // one detailed difference is enough
    }
  }
}

std::vector<Station> SortedByCode(std::vector<Station> stations) {
  std::sort(stations.begin(), stations.end(),
            [](const Station& a, const Station& b) { return a.code < b.code; });
  return stations;
}

class StoreConformanceTest : public testing::StoreTest {
 protected:
  // (version, applied_at) of every recorded migration, read beside the store.
  std::vector<std::string> MigrationRecords() {
    std::vector<std::string> records;
    if (GetParam() == "postgresql") {
      pqxx::connection c(pg_url_);
      pqxx::read_transaction txn(c);
      for (const auto& r :
           txn.exec("SELECT version, applied_at FROM schema_migrations ORDER BY version")) {
        records.push_back(r[0].as<std::string>() + " " + r[1].as<std::string>());
      }
      return records;
    }
    sqlite3* db = nullptr;
    const std::string path = (fs::path(data_dir_) / "yizhan.db").string();
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot open " << path;
      sqlite3_close(db);
      return records;
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT version, applied_at FROM schema_migrations ORDER BY version",
                           -1, &stmt, nullptr) == SQLITE_OK) {
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        records.push_back(std::to_string(sqlite3_column_int64(stmt, 0)) + " " +
                          reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)));
      }
    } else {
      ADD_FAILURE() << sqlite3_errmsg(db);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return records;
  }

  StationRepository& stations() { return *store_->stations; }

  int64_t AddHost(std::string name) {
    Host h;
    h.name = std::move(name);
    h.type = HostType::kBank;
    h.region = "370783";
    auto id = store_->hosts->AddHost(h);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : 0;
  }

  std::vector<Station> List() {
    auto listed = stations().ListStations();
    EXPECT_TRUE(listed.ok()) << listed.error().message;
    return listed.ok() ? std::move(listed).value() : std::vector<Station>();
  }

  void Save(const std::vector<Station>& batch) {
    auto saved = stations().SaveStations(batch);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
  }

  std::optional<Station> Find(std::string_view code) {
    auto found = stations().FindStation(code);
    EXPECT_TRUE(found.ok()) << found.error().message;
    return found.ok() ? std::move(found).value() : std::nullopt;
  }
};

TEST_P(StoreConformanceTest, EmptyStoreListsNothingAndHasTheDefaultStandard) {
  EXPECT_TRUE(List().empty());
  auto count = stations().CountStations();
  ASSERT_TRUE(count.ok()) << count.error().message;
  EXPECT_EQ(*count, 0);
  EXPECT_FALSE(Find("S0001").has_value());
  auto regions = store_->regions->ListRegions();
  ASSERT_TRUE(regions.ok()) << regions.error().message;
  EXPECT_TRUE(regions->empty());
  auto hosts = store_->hosts->ListHosts();
  ASSERT_TRUE(hosts.ok()) << hosts.error().message;
  EXPECT_TRUE(hosts->empty());
  auto standard = store_->standard->StandardAmenities();
  ASSERT_TRUE(standard.ok()) << standard.error().message;
  auto expected = DefaultStandardAmenities();
  EXPECT_EQ(*standard, std::vector<Amenity>(expected.begin(), expected.end()));
}

TEST_P(StoreConformanceTest, SavedStationsRoundTripEveryField) {
  const int64_t host = AddHost("中国建设银行寿光支行");
  const Station full = FullStation("SG-0001", host);
  const Station minimal = MinimalStation("SG-0002");
  Save({minimal, full});

  auto found = Find("SG-0001");
  ASSERT_TRUE(found.has_value());
  ExpectSameStation(*found, full);
  found = Find("SG-0002");
  ASSERT_TRUE(found.has_value());
  ExpectSameStation(*found, minimal);
  EXPECT_TRUE(found->opening_hours.unknown());
  EXPECT_FALSE(found->opening_hours.IsOpen(LocalTime{}).has_value());

  ExpectSameStations(List(), {full, minimal});
  auto count = stations().CountStations();
  ASSERT_TRUE(count.ok()) << count.error().message;
  EXPECT_EQ(*count, 2);
  EXPECT_FALSE(Find("SG-0003").has_value());
  EXPECT_FALSE(Find("sg-0001").has_value()) << "codes are case-sensitive";
}

TEST_P(StoreConformanceTest, SavingAgainReplacesEveryField) {
  const int64_t first_host = AddHost("寿光市总工会");
  const int64_t second_host = AddHost("中国邮政寿光分公司");
  Save({FullStation("SG-0001", first_host), FullStation("SG-0002", first_host)});

  // Every field changes; optional ones become unknown, lists shrink or empty.
  Station changed = MinimalStation("SG-0001");
  changed.name = "新名字";
  changed.level = Level::kNationalDemo;
  changed.status = StationStatus::kClosed;
  // And the other way: from unknown to known, with different values.
  Station grown = FullStation("SG-0002", second_host);
  grown.address = "";
  grown.location = GeoPoint{Latitude(36.5), Longitude(118.25)};
  grown.region = "370783002";
  grown.host_type = HostType::kPostExpress;
  grown.opening_hours = Hours("24/7");
  grown.amenities = {{Amenity::kMicrowave, AmenityState::kWorking},
                     {Amenity::kEbikeCharging, AmenityState::kBroken}};
  grown.services = {Service::kUnionEnrollment};
  grown.manager = "李";
  grown.phone = "";
  grown.opened_on = Date{std::chrono::year{1999}, std::chrono::month{12}, std::chrono::day{31}};
  grown.investment = Money{0};
  grown.photos = {{"photos/new.jpg", "新"}};
  Save({changed, grown});

  auto found = Find("SG-0001");
  ASSERT_TRUE(found.has_value());
  ExpectSameStation(*found, changed);
  found = Find("SG-0002");
  ASSERT_TRUE(found.has_value());
  ExpectSameStation(*found, grown);
  ExpectSameStations(List(), {changed, grown});

  // Back from unknown to known.
  const Station restored = FullStation("SG-0001", second_host);
  Save({restored});
  found = Find("SG-0001");
  ASSERT_TRUE(found.has_value());
  ExpectSameStation(*found, restored);
}

TEST_P(StoreConformanceTest, ListsStationsOrderedByCodeBytewise) {
  std::vector<Station> batch;
  for (const char* code : {"b-2", "A_1", "a-1", "B", "0009", "10", "_x", "-y", "Z", "a", "a0"}) {
    batch.push_back(MinimalStation(code));
  }
  Save(batch);
  std::vector<std::string> listed;
  for (const auto& s : List()) listed.push_back(s.code);
  EXPECT_EQ(listed, (std::vector<std::string>{"-y", "0009", "10", "A_1", "B", "Z", "_x", "a", "a-1",
                                              "a0", "b-2"}));
}

TEST_P(StoreConformanceTest, SavingNothingIsAllowed) {
  Save({});
  EXPECT_TRUE(List().empty());
}

TEST_P(StoreConformanceTest, FailedBatchLeavesTheStoreUnchanged) {
  const int64_t host = AddHost("寿光市总工会");
  const std::vector<Station> before = {FullStation("SG-0001", host), MinimalStation("SG-0002")};
  Save(before);

  // The first stations are fine; the last names a host that does not exist.
  std::vector<Station> batch;
  Station renamed = FullStation("SG-0001", host);
  renamed.name = "改名";
  renamed.photos.clear();
  batch.push_back(renamed);
  batch.push_back(FullStation("SG-0002", host));
  for (int i = 0; i < 50; ++i) batch.push_back(GeneratedStation(i, host));
  batch.push_back(FullStation("SG-0003", host + 1000));
  auto saved = stations().SaveStations(batch);
  ASSERT_FALSE(saved.ok());

  ExpectSameStations(List(), before);
  auto count = stations().CountStations();
  ASSERT_TRUE(count.ok()) << count.error().message;
  EXPECT_EQ(*count, 2);
  // The store still works after the failure.
  Save({renamed});
  auto found = Find("SG-0001");
  ASSERT_TRUE(found.has_value());
  ExpectSameStation(*found, renamed);
}

TEST_P(StoreConformanceTest, RegionsAreSavedRenamedAndListedByCode) {
  auto& regions = *store_->regions;
  ASSERT_TRUE(regions
                  .SaveRegions(std::vector<Region>{
                      {"370783001", "圣城街道"}, {"370783", "寿光市"}, {"3707", "潍坊市"}})
                  .ok());
  ASSERT_TRUE(regions
                  .SaveRegions(std::vector<Region>{{"370783001", "圣城街道办事处"},
                                                   {"370783002", "文家街道"}})
                  .ok());
  ASSERT_TRUE(regions.SaveRegions(std::vector<Region>{}).ok());
  auto listed = regions.ListRegions();
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  EXPECT_EQ(*listed, (std::vector<Region>{{"3707", "潍坊市"},
                                          {"370783", "寿光市"},
                                          {"370783001", "圣城街道办事处"},
                                          {"370783002", "文家街道"}}));
}

TEST_P(StoreConformanceTest, HostsAreAddedWithNewIdsAndListedById) {
  Host bank{.id = 999, .name = "中国建设银行寿光支行", .type = HostType::kBank, .region = "370783"};
  Host station{.id = 0, .name = "中石化 \"加油站\"", .type = HostType::kGasStation, .region = ""};
  auto first = store_->hosts->AddHost(bank);
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = store_->hosts->AddHost(station);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_NE(*first, *second);
  EXPECT_LT(*first, *second);
  bank.id = *first;
  station.id = *second;
  auto listed = store_->hosts->ListHosts();
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  EXPECT_EQ(*listed, (std::vector<Host>{bank, station}));
}

TEST_P(StoreConformanceTest, StandardIsReplacedAndReadBackInOrder) {
  auto& standard = *store_->standard;
  const std::vector<Amenity> city = {Amenity::kToilet, Amenity::kWifi, Amenity::kSeating,
                                     Amenity::kAed};
  ASSERT_TRUE(standard.SetStandardAmenities(city).ok());
  auto read = standard.StandardAmenities();
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(*read, city);

  const std::vector<Amenity> shorter = {Amenity::kSeating, Amenity::kToilet};
  ASSERT_TRUE(standard.SetStandardAmenities(shorter).ok());
  read = standard.StandardAmenities();
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(*read, shorter);
}

TEST_P(StoreConformanceTest, ReopeningKeepsDataAndDoesNotReapplyMigrations) {
  const int64_t host = AddHost("寿光市总工会");
  const std::vector<Station> saved = {FullStation("SG-0001", host), MinimalStation("SG-0002")};
  Save(saved);
  ASSERT_TRUE(store_->regions->SaveRegions(std::vector<Region>{{"370783", "寿光市"}}).ok());
  const std::vector<Amenity> city = {Amenity::kBooks, Amenity::kSeating};
  ASSERT_TRUE(store_->standard->SetStandardAmenities(city).ok());
  const std::vector<std::string> migrations = MigrationRecords();
  ASSERT_FALSE(migrations.empty());

  std::this_thread::sleep_for(20ms);  // a re-applied migration would get a later applied_at
  Reopen();
  Reopen();

  EXPECT_EQ(MigrationRecords(), migrations);
  ExpectSameStations(List(), saved);
  auto regions = store_->regions->ListRegions();
  ASSERT_TRUE(regions.ok()) << regions.error().message;
  EXPECT_EQ(*regions, (std::vector<Region>{{"370783", "寿光市"}}));
  auto hosts = store_->hosts->ListHosts();
  ASSERT_TRUE(hosts.ok()) << hosts.error().message;
  ASSERT_EQ(hosts->size(), 1u);
  EXPECT_EQ(hosts->front().id, host);
  auto standard = store_->standard->StandardAmenities();
  ASSERT_TRUE(standard.ok()) << standard.error().message;
  EXPECT_EQ(*standard, city) << "the seeded default must not come back";
  // Ids keep counting from where they were.
  EXPECT_GT(AddHost("第二个"), host);
}

TEST_P(StoreConformanceTest, ThousandStationBatchRoundTrips) {
  const int64_t host = AddHost("寿光市总工会");
  std::vector<Station> batch;
  for (int i = 999; i >= 0; --i) batch.push_back(GeneratedStation(i, host));
  Save(batch);
  const std::vector<Station> expected = SortedByCode(batch);
  ExpectSameStations(List(), expected);
  auto count = stations().CountStations();
  ASSERT_TRUE(count.ok()) << count.error().message;
  EXPECT_EQ(*count, 1000);

  // Half of them again, changed (photos moved around too), plus 50 new ones.
  std::vector<Station> update;
  for (int i = 0; i < 1100; i += 2) {
    Station s = GeneratedStation(i + 1, host);
    s.code = GeneratedStation(i, host).code;
    update.push_back(std::move(s));
  }
  Save(update);
  std::vector<Station> merged = update;
  for (int i = 1; i < 1000; i += 2) merged.push_back(GeneratedStation(i, host));
  ExpectSameStations(List(), SortedByCode(merged));
  auto found = Find(GeneratedStation(998, host).code);
  ASSERT_TRUE(found.has_value());
  Station expected_998 = GeneratedStation(999, host);
  expected_998.code = GeneratedStation(998, host).code;
  ExpectSameStation(*found, expected_998);
}

TEST_P(StoreConformanceTest, ConcurrentSavesAndReadsFromSeveralThreads) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 25;
  std::vector<std::thread> threads;
  std::vector<std::string> failures(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const Station s = GeneratedStation(t * kPerThread + i, std::nullopt);
        auto saved = stations().SaveStations(std::span(&s, 1));
        if (!saved.ok()) {
          failures[t] = saved.error().message;
          return;
        }
        auto found = stations().FindStation(s.code);
        if (!found.ok() || !found->has_value() || !SameStation(**found, s)) {
          failures[t] = "did not read back " + s.code;
          return;
        }
        if (auto listed = stations().ListStations(); !listed.ok()) {
          failures[t] = listed.error().message;
          return;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& f : failures) EXPECT_EQ(f, "");
  auto count = stations().CountStations();
  ASSERT_TRUE(count.ok()) << count.error().message;
  EXPECT_EQ(*count, kThreads * kPerThread);
}

YZ_INSTANTIATE_STORE_TESTS(StoreConformanceTest);

}  // namespace
}  // namespace yz
