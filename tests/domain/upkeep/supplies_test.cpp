#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/fakes/fake_registry.h"
#include "domain/fakes/fake_tickets.h"
#include "domain/upkeep/supply_service.h"

namespace yz {
namespace {

using namespace std::chrono;
using testing::FakeAuditLog;
using testing::FakeRegistry;
using testing::FakeTickets;
using testing::MakePrincipal;
using testing::MakeStation;

// 2026-07-15 04:00 UTC: noon in Shanghai.
const UtcTime kNoon = FromEpochMillis(1'784'088'000'000);
const Date kToday = year{2026} / July / 15;

std::vector<SupplyItem> Catalogue() {
  return {{"drinking_water", "饮用水", "桶", false, 2}, {"huoxiang", "藿香正气水", "盒", true, 1}};
}

class FakeSupplies final : public SupplyRepository {
 public:
  Result<std::vector<SupplyItem>> Catalogue() override {
    std::vector<SupplyItem> out = yz::Catalogue();
    for (const SupplyItem& added : added_) {
      bool known = false;
      for (SupplyItem& i : out) {
        if (i.code == added.code) i = added, known = true;
      }
      if (!known) out.push_back(added);
    }
    return out;
  }
  Result<void> SaveItem(const SupplyItem& item) override {
    added_.push_back(item);
    return Ok();
  }
  std::vector<SupplyItem> added_;
  Result<std::vector<SupplyEntry>> Ledger(std::string_view station) override {
    std::vector<SupplyEntry> out;
    for (const SupplyEntry& e : entries_) {
      if (e.station_code == station) out.push_back(e);
    }
    return out;
  }
  Result<int64_t> AddEntry(const SupplyEntry& e) override {
    if (e.kind != SupplyEntryKind::kRestock) {
      int held = 0;
      for (const SupplyBatch& b : BatchesFrom(*Ledger(e.station_code))) {
        if (b.item == e.item && b.batch == e.batch) held = b.quantity;
      }
      if (held < e.quantity) return Error::Conflict("not enough");
    }
    entries_.push_back(e);
    entries_.back().id = static_cast<int64_t>(entries_.size());
    return entries_.back().id;
  }
  Result<std::unordered_map<std::string, int>> Minimums(std::string_view station) override {
    return minimums_[std::string(station)];
  }
  Result<void> SetMinimum(std::string_view station, std::string_view item, int minimum) override {
    minimums_[std::string(station)][std::string(item)] = minimum;
    return Ok();
  }
  Result<std::vector<std::string>> StationsWithSupplies() override {
    std::set<std::string> codes;
    for (const SupplyEntry& e : entries_) codes.insert(e.station_code);
    return std::vector<std::string>(codes.begin(), codes.end());
  }
  std::vector<SupplyEntry> entries_;
  std::map<std::string, std::unordered_map<std::string, int>> minimums_;
};

TEST(SupplyLedgerTest, BatchesAndAlertsComeFromTheLedger) {
  std::vector<SupplyEntry> ledger{
      {0, "A", "huoxiang", SupplyEntryKind::kRestock, 5, "B1", year{2026} / July / 1, kNoon, "",
       ""},
      {0, "A", "huoxiang", SupplyEntryKind::kRestock, 3, "B2", year{2026} / August / 1, kNoon, "",
       ""},
      {0, "A", "huoxiang", SupplyEntryKind::kUse, 2, "B2", std::nullopt, kNoon, "", ""},
      {0, "A", "drinking_water", SupplyEntryKind::kRestock, 1, "W", std::nullopt, kNoon, "", ""},
      {0, "A", "drinking_water", SupplyEntryKind::kUse, 1, "W", std::nullopt, kNoon, "", ""},
  };
  const auto batches = BatchesFrom(ledger);
  ASSERT_EQ(batches.size(), 2u);  // the emptied water batch is gone
  EXPECT_EQ(batches[0].batch, "B1");
  EXPECT_EQ(batches[1].quantity, 1);
  const auto alerts = AlertsFor(batches, Catalogue(), {{"huoxiang", 2}}, kToday);
  ASSERT_EQ(alerts.size(), 4u);
  EXPECT_EQ(alerts[0].kind, SupplyAlertKind::kExpired);       // B1, 1 July
  EXPECT_EQ(alerts[1].kind, SupplyAlertKind::kExpiringSoon);  // B2, 1 August
  EXPECT_EQ(alerts[2].item, "drinking_water");                // 0 of the default 2
  EXPECT_EQ(alerts[3].item, "huoxiang");  // 1 usable of 2: expired ones do not count
  EXPECT_EQ(alerts[3].quantity, 1);
}

class SupplyServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Station in1 = MakeStation("IN1", "370783001", "圣城驿站");
    in1.amenities = {{Amenity::kFirstAid, AmenityState::kWorking}};
    ASSERT_TRUE(directory_.Save(std::vector<Station>{in1, MakeStation("OUT1", "370784001")}).ok());
  }
  Result<SupplyEntry> Restock(std::string item, int n, std::optional<Date> expires) {
    return service_.Record(
        Caller{manager_, "x"}, "IN1",
        {0, "", std::move(item), SupplyEntryKind::kRestock, n, "", expires, {}, "", ""});
  }

  FakeRegistry registry_;
  StationDirectory directory_{registry_};
  FakeTickets tickets_;
  FakeSupplies supplies_;
  FakeAuditLog log_;
  FakeClock clock_{kNoon};
  Auditor auditor_{log_, clock_};
  int numbers_ = 0;
  SupplyService service_{
      supplies_, tickets_, directory_, auditor_, clock_, TimeZone::Shanghai(), [this] {
        return "800000000" + std::to_string(++numbers_);
      }};
  Principal manager_ = MakePrincipal(Role::kStationManager, Scope{{}, {"IN1"}}, "li");
};

TEST_F(SupplyServiceTest, RecordsRestocksAndUsesWithinTheScopeAndChecksThem) {
  auto water = Restock("drinking_water", 4, std::nullopt);
  ASSERT_TRUE(water.ok()) << water.error().message;
  EXPECT_EQ(water->batch, "默认");
  EXPECT_EQ(Restock("huoxiang", 2, std::nullopt).error().code,
            ErrorCode::kInvalidArgument);  // no expiry
  auto medicine = Restock("huoxiang", 2, year{2027} / January / 1);
  ASSERT_TRUE(medicine.ok());
  EXPECT_EQ(medicine->batch, "2027-01-01");
  EXPECT_EQ(Restock("aspirin", 1, std::nullopt).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Restock("drinking_water", 0, std::nullopt).error().code, ErrorCode::kInvalidArgument);
  const Caller who{manager_, "x"};
  EXPECT_EQ(service_
                .Record(who, "IN1",
                        {0, "", "huoxiang", SupplyEntryKind::kUse, 3, "2027-01-01", {}, {}, "", ""})
                .error()
                .code,
            ErrorCode::kConflict);
  EXPECT_TRUE(
      service_
          .Record(who, "IN1",
                  {0, "", "huoxiang", SupplyEntryKind::kUse, 2, "2027-01-01", {}, {}, "", ""})
          .ok());
  EXPECT_EQ(service_
                .Record(who, "OUT1",
                        {0, "", "drinking_water", SupplyEntryKind::kRestock, 1, "", {}, {}, "", ""})
                .error()
                .code,
            ErrorCode::kNotFound);
  auto held = service_.Of(manager_, "IN1");
  ASSERT_TRUE(held.ok());
  ASSERT_EQ(held->batches.size(), 1u);
  EXPECT_EQ(held->recent.front().kind, SupplyEntryKind::kUse);
}

TEST_F(SupplyServiceTest, ExpiredMedicineMarksTheKitAndTheDailyCheckOpensOneTicket) {
  ASSERT_TRUE(Restock("drinking_water", 5, std::nullopt).ok());
  ASSERT_TRUE(Restock("huoxiang", 2, year{2026} / July / 1).ok());
  EXPECT_TRUE(*service_.FirstAidNeedsRestock("IN1"));
  auto opened = service_.OpenRestockTickets();
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(*opened, 1);
  auto open = tickets_.OpenTicketsOf("IN1", std::nullopt);
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ(open->front().source, TicketSource::kSupplies);
  EXPECT_EQ(open->front().amenity, std::optional<Amenity>(Amenity::kFirstAid));
  EXPECT_NE(open->front().description.find("藿香正气水已过期"), std::string::npos);
  EXPECT_EQ(*service_.OpenRestockTickets(), 0);  // one at a time
  // Without a team for the region, it waits for the manager to assign it.
  EXPECT_EQ(open->front().status, TicketStatus::kNew);
  EXPECT_FALSE(open->front().team_id.has_value());
}

TEST_F(SupplyServiceTest, ARestockTicketGoesStraightToTheTeamOfTheStationsRegion) {
  const MaintenanceTeam wide = *tickets_.SaveTeam({0, "全市维修队", "37", {}}, kNoon);
  const MaintenanceTeam near = *tickets_.SaveTeam({0, "圣城维修队", "370783", {}}, kNoon);
  ASSERT_TRUE(tickets_.SaveTeam({0, "别处维修队", "370784", {}}, kNoon).ok());
  ASSERT_TRUE(Restock("huoxiang", 2, year{2026} / July / 1).ok());
  ASSERT_EQ(*service_.OpenRestockTickets(), 1);
  auto open = tickets_.OpenTicketsOf("IN1", std::nullopt);
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ(open->front().status, TicketStatus::kAssigned);
  EXPECT_EQ(open->front().team_id, std::optional<int64_t>(near.id));  // the closest region wins
  EXPECT_NE(near.id, wide.id);
}

TEST(ServiceLevelHoursTest, TheMostSpecificLevelWins) {
  const std::vector<ServiceLevel> levels = {
      {ReportCategory::kFacility, std::nullopt, 0, 72},
      {ReportCategory::kFacility, Amenity::kCoolingHeating, 0, 72},
      {ReportCategory::kFacility, Amenity::kCoolingHeating, 0b000001110000, 48},  // May–July
      {ReportCategory::kSupplies, Amenity::kFirstAid, 0, 24}};
  EXPECT_EQ(ServiceLevelHours(levels, ReportCategory::kFacility, Amenity::kCoolingHeating, 6), 48);
  EXPECT_EQ(ServiceLevelHours(levels, ReportCategory::kFacility, Amenity::kCoolingHeating, 12), 72);
  EXPECT_EQ(ServiceLevelHours(levels, ReportCategory::kFacility, Amenity::kMicrowave, 6), 72);
  EXPECT_EQ(ServiceLevelHours(levels, ReportCategory::kSupplies, std::nullopt, 6), std::nullopt);
  EXPECT_EQ(ServiceLevelHours(levels, ReportCategory::kSafety, std::nullopt, 6), std::nullopt);
}

TEST_F(SupplyServiceTest, TheCityKeepsTheCatalogueWithReadableNames) {
  const Caller city{MakePrincipal(Role::kCityAdmin, Scope{}, "city"), "x"};
  auto added = service_.SaveItem(city, {"ice_pack", "冰袋", "个", false, 4});
  ASSERT_TRUE(added.ok()) << added.error().message;
  auto changed = service_.SaveItem(city, {"huoxiang", "藿香正气水（口服液）", "盒", true, 3});
  ASSERT_TRUE(changed.ok());
  const auto items = *service_.Catalogue();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[1].name, "藿香正气水（口服液）");
  EXPECT_EQ(items[2].code, "ice_pack");
  for (SupplyItem bad :
       {SupplyItem{"Ice Pack", "冰袋", "个", false, 0}, SupplyItem{"ice", "", "个", false, 0},
        SupplyItem{"ice", "冰袋", "", false, 0}, SupplyItem{"ice", "冰袋", "个", false, -1}}) {
    EXPECT_EQ(service_.SaveItem(city, bad).error().code, ErrorCode::kInvalidArgument) << bad.code;
  }
}

TEST_F(SupplyServiceTest, OnlyManagersSetMinimums) {
  const Principal maintainer = MakePrincipal(Role::kMaintainer, Scope{{}, {"IN1"}}, "wang");
  EXPECT_EQ(service_.SetMinimum(Caller{maintainer, "x"}, "IN1", "huoxiang", 3).error().code,
            ErrorCode::kForbidden);
  ASSERT_TRUE(service_.SetMinimum(Caller{manager_, "x"}, "IN1", "huoxiang", 3).ok());
  EXPECT_EQ(service_.Of(manager_, "IN1")->minimums.at("huoxiang"), 3);
  EXPECT_EQ(service_.SetMinimum(Caller{manager_, "x"}, "IN1", "nope", 3).error().code,
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace yz
