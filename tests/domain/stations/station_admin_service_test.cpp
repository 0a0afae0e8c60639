#include "domain/stations/station_admin_service.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "domain/fakes/fake_registry.h"

namespace yz {
namespace {

using testing::FakeAuditLog;
using testing::FakeRegistry;
using testing::MakePrincipal;
using testing::MakeStation;

class FakeHostsAndStandard final : public HostRepository, public StandardRepository {
 public:
  Result<std::vector<Host>> ListHosts() override { return hosts; }
  Result<int64_t> AddHost(const Host& h) override {
    hosts.push_back(h);
    hosts.back().id = static_cast<int64_t>(hosts.size());
    return hosts.back().id;
  }
  Result<std::vector<Amenity>> StandardAmenities() override {
    return std::vector<Amenity>{Amenity::kSeating};
  }
  Result<void> SetStandardAmenities(std::span<const Amenity>) override { return Ok(); }
  std::vector<Host> hosts;
};

class StationAdminServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Station in1 = MakeStation("IN1", "370783001", "里面");
    in1.phone = "18812342223";
    ASSERT_TRUE(
        directory_.Save(std::vector<Station>{in1, MakeStation("OUT1", "370784001", "外面")}).ok());
  }
  Caller As(const Principal& p) { return Caller{p, "10.0.0.3"}; }

  FakeRegistry registry_;
  FakeHostsAndStandard hosts_;
  StationDirectory directory_{registry_};
  FakeAuditLog log_;
  FakeClock clock_{FromEpochMillis(1'780'000'000'000)};
  Auditor auditor_{log_, clock_};
  StationAdminService service_{registry_, registry_, hosts_, hosts_, directory_, auditor_};
  Principal region_admin_ = MakePrincipal(Role::kRegionAdmin, Scope{{"370783"}, {}});
  Principal manager_ = MakePrincipal(Role::kStationManager, Scope{{}, {"IN1"}}, "mgr");
  Principal volunteer_ = MakePrincipal(Role::kVolunteer, Scope{{}, {"IN1"}}, "vol");
};

TEST_F(StationAdminServiceTest, ListsAndFindsOnlyStationsInScope) {
  auto listed = service_.List(manager_, {});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->stations.size(), 1u);
  EXPECT_EQ(listed->total, 1u);
  EXPECT_EQ(listed->stations[0].code, "IN1");
  EXPECT_EQ(service_.Get(As(manager_), "OUT1", false).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_.List(region_admin_, {.region = "12x"}).error().code,
            ErrorCode::kInvalidArgument);
}

// The console pages a national list on the server: a page of matches, and how many there are.
TEST_F(StationAdminServiceTest, ListsAPageOfTheMatchesInCodeOrderWithTheirTotal) {
  std::vector<Station> more;
  for (int i = 0; i < 25; ++i) {
    more.push_back(MakeStation(fmt::format("P{:02}", i), "370783002", fmt::format("第{}站", i)));
  }
  ASSERT_TRUE(directory_.Save(more).ok());
  auto page = service_.List(region_admin_, {}, 10, 5);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 26u);  // IN1 and the 25 (OUT1 is outside the scope)
  ASSERT_EQ(page->stations.size(), 5u);
  EXPECT_EQ(page->stations.front().code, "P09");  // IN1, P00 … P08 skipped
  EXPECT_EQ(page->stations.back().code, "P13");
  auto last = service_.List(region_admin_, {.text = "第2"}, 5, 10);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->total, 6u);  // 第2站, 第20站 … 第24站
  EXPECT_EQ(last->stations.size(), 1u);
}

TEST_F(StationAdminServiceTest, PhonesInClearOnlyForRolesThatMaySeeThemAndEveryViewIsAudited) {
  EXPECT_EQ(service_.Get(As(volunteer_), "IN1", true).error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(log_.entries().empty());
  auto shown = service_.Get(As(manager_), "IN1", true);
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ(shown->phone, "18812342223");
  ASSERT_EQ(log_.entries().size(), 1u);
  EXPECT_EQ(log_.entries()[0].action, "station.phone_view");
  EXPECT_EQ(log_.entries()[0].actor, "mgr");
}

TEST_F(StationAdminServiceTest, AStationManagerCannotMoveAStationToAnotherRegion) {
  auto moved = service_.Update(
      As(manager_), "IN1",
      [](const Station& before) -> Result<Station> {
        Station after = before;
        after.region = "370783002";
        return after;
      },
      "region");
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(directory_.Current()->Find("IN1")->region, "370783001");
  EXPECT_EQ(log_.entries().back().outcome, AuditOutcome::kDenied);
}

TEST_F(StationAdminServiceTest, CreatingOutsideTheScopeOrWithATakenCodeIsRefused) {
  EXPECT_EQ(service_.Create(As(region_admin_), MakeStation("NEW1", "370784001")).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(service_.Create(As(region_admin_), MakeStation("IN1", "370783001")).error().code,
            ErrorCode::kConflict);
  auto created = service_.Create(As(region_admin_), MakeStation("NEW2", "370783005"));
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_NE(directory_.Current()->Find("NEW2"), nullptr);
  EXPECT_EQ(log_.entries().back().action, "station.create");
}

TEST_F(StationAdminServiceTest, AnImportRowOutsideTheScopeIsAnErrorOfItsLineAndNothingIsWritten) {
  const std::string file =
      "code,name,lng,lat,region\n"
      "NEW3,新站,118.79,36.88,370783001\n"
      "OUT1,改名,118.79,36.88,370784001\n";
  auto outcome = service_.Import(As(region_admin_), file, Crs::kWgs84);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  const auto* refused = std::get_if<ImportRefusal>(&*outcome);
  ASSERT_NE(refused, nullptr);
  ASSERT_EQ(refused->errors.size(), 1u);
  EXPECT_EQ(refused->errors[0].line, 3);
  EXPECT_EQ(directory_.Current()->Find("NEW3"), nullptr);
  EXPECT_EQ(directory_.Current()->Find("OUT1")->name, "外面");
}

TEST_F(StationAdminServiceTest, RegionsOutsideTheScopeCannotBeSaved) {
  EXPECT_EQ(service_.SaveRegion(As(region_admin_), "370784", "别处").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(service_.SaveRegion(As(region_admin_), "370783001", "  ").error().code,
            ErrorCode::kInvalidArgument);
  auto saved = service_.SaveRegion(As(region_admin_), "370783001", " 圣城街道 ");
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->name, "圣城街道");
}

}  // namespace
}  // namespace yz
