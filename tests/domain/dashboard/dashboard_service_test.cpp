#include "domain/dashboard/dashboard_service.h"

#include <gtest/gtest.h>

#include "domain/fakes/fake_registry.h"
#include "domain/fakes/fake_tickets.h"

namespace yz {
namespace {

using namespace std::chrono_literals;
using testing::FakeCheckinCounts;
using testing::FakeRegistry;
using testing::FakeTickets;
using testing::MakePrincipal;
using testing::MakeStation;

// 2026-07-01T00:30:00+08:00 — half an hour after local midnight, 16:30 UTC the day before.
const UtcTime kJustAfterMidnight = *ParseRfc3339("2026-07-01T00:30:00+08:00");

class DashboardServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Station in1 = MakeStation("IN1", "370783001001");
    in1.host_type = HostType::kBank;
    in1.amenities = {{Amenity::kMicrowave, AmenityState::kBroken},
                     {Amenity::kSeating, AmenityState::kWorking}};
    Station in2 = MakeStation("IN2", "370783001");
    in2.status = StationStatus::kSuspended;
    Station out = MakeStation("OUT1", "370784001");
    ASSERT_TRUE(registry_.SaveStations(std::vector<Station>{in1, in2, out}).ok());
    ASSERT_TRUE(registry_.SaveRegions(std::vector<Region>{{"370783001", "圣城街道"}}).ok());
    reports_.Add(MakeTicket("a", "IN1", TicketStatus::kNew));
    reports_.Add(MakeTicket("b", "IN1", TicketStatus::kResolved));
    reports_.Add(MakeTicket("c", "OUT1", TicketStatus::kAssigned));
  }

  FakeRegistry registry_;
  FakeCheckinCounts checkins_;
  static Ticket MakeTicket(std::string id, std::string station, TicketStatus status) {
    Ticket t;
    t.id = std::move(id);
    t.station_code = std::move(station);
    t.status = status;
    t.at = kJustAfterMidnight;
    return t;
  }

  FakeTickets reports_;
  FakeClock clock_{kJustAfterMidnight};
  DashboardService service_{registry_, registry_, checkins_,
                            reports_,  clock_,    TimeZone::Shanghai()};
  Principal street_admin_ = MakePrincipal(Role::kRegionAdmin, Scope{{"370783001"}, {}});
};

TEST_F(DashboardServiceTest, CountsOnlyTheStationsInScope) {
  auto s = service_.Summarize(street_admin_);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->stations, 2);
  EXPECT_EQ(s->by_status.at("open"), 1);
  EXPECT_EQ(s->by_status.at("suspended"), 1);
  EXPECT_EQ(s->by_host_type.at("bank"), 1);
  EXPECT_EQ(s->by_host_type.at("unknown"), 1);
  EXPECT_EQ(s->open_reports, 1);
  EXPECT_EQ(s->amenities_out_of_order, 1);
  ASSERT_EQ(s->by_region.size(), 1u);
  EXPECT_EQ(s->by_region[0].code, "370783001");
  EXPECT_EQ(s->by_region[0].name, "圣城街道");
  EXPECT_EQ(s->by_region[0].stations, 2);
}

TEST_F(DashboardServiceTest, TodayStartsAtLocalMidnightNotUtcMidnight) {
  checkins_.Add("IN1", kJustAfterMidnight - 31min);  // 23:59 local, yesterday
  checkins_.Add("IN1", kJustAfterMidnight - 30min);  // 00:00 local, today
  checkins_.Add("IN1", kJustAfterMidnight);
  checkins_.Add("OUT1", kJustAfterMidnight);  // outside the scope
  auto s = service_.Summarize(street_admin_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->checkins_today, 2);
}

TEST(StartOfLocalDay, IsLocalMidnightInTheZone) {
  const UtcTime t = *ParseRfc3339("2026-07-01T07:59:59.999+08:00");
  EXPECT_EQ(TimeZone::Shanghai().StartOfLocalDay(t), *ParseRfc3339("2026-07-01T00:00:00+08:00"));
  EXPECT_EQ(TimeZone::FromName("Asia/Urumqi")->StartOfLocalDay(t),
            *ParseRfc3339("2026-07-01T00:00:00+06:00"));
  const UtcTime before_epoch = *ParseRfc3339("1969-12-31T12:00:00Z");
  EXPECT_EQ(TimeZone::FromName("UTC")->StartOfLocalDay(before_epoch),
            *ParseRfc3339("1969-12-31T00:00:00Z"));
}

}  // namespace
}  // namespace yz
