#include "domain/upkeep/inspection_service.h"

#include <gtest/gtest.h>

#include "domain/accounts/fake_account_store.h"
#include "domain/fakes/fake_registry.h"
#include "domain/fakes/fake_tickets.h"

namespace yz {
namespace {

using testing::FakeAccountStore;
using testing::FakeAuditLog;
using testing::FakeRegistry;
using testing::FakeTickets;
using testing::MakePrincipal;
using testing::MakeStation;

const UtcTime kNoon = FromEpochMillis(1'780'000'000'000);

class FakeStandard final : public StandardRepository {
 public:
  Result<std::vector<Amenity>> StandardAmenities() override {
    return std::vector<Amenity>{Amenity::kSeating, Amenity::kFirstAid};
  }
  Result<void> SetStandardAmenities(std::span<const Amenity>) override { return Ok(); }
};

class FakeInspections final : public InspectionRepository {
 public:
  Result<int64_t> AddInspection(const Inspection& in) override {
    stored_.push_back(in);
    stored_.back().id = static_cast<int64_t>(stored_.size());
    return stored_.back().id;
  }
  Result<std::vector<Inspection>> InspectionsOf(std::string_view station, std::size_t) override {
    std::vector<Inspection> out;
    for (auto it = stored_.rbegin(); it != stored_.rend(); ++it) {
      if (it->station_code == station) out.push_back(*it);
    }
    return out;
  }
  Result<std::unordered_map<std::string, UtcTime>> LastInspections() override {
    std::unordered_map<std::string, UtcTime> out;
    for (const Inspection& in : stored_)
      out[in.station_code] = std::max(out[in.station_code], in.at);
    return out;
  }
  std::vector<Inspection> stored_;
};

class InspectionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Station in1 = MakeStation("IN1", "370783001", "圣城驿站");
    in1.amenities = {{Amenity::kSeating, AmenityState::kWorking},
                     {Amenity::kAed, AmenityState::kWorking}};
    ASSERT_TRUE(directory_
                    .Save(std::vector<Station>{in1, MakeStation("IN2", "370783001"),
                                               MakeStation("OUT1", "370784001")})
                    .ok());
    ASSERT_TRUE(
        tickets_.ReplaceServiceLevels({{ReportCategory::kSupplies, Amenity::kFirstAid, 0, 24}})
            .ok());
  }
  Caller Staff() { return Caller{staff_, "10.0.0.9"}; }
  std::vector<InspectionItem> AllPass() {
    std::vector<InspectionItem> out;
    const auto checklist = service_.Checklist(staff_, "IN1");  // kept: the loop reads into it
    for (const ChecklistItem& c : *checklist) out.push_back({c.item, CheckResult::kPass, "", ""});
    return out;
  }

  FakeRegistry registry_;
  StationDirectory directory_{registry_};
  FakeTickets tickets_;
  FakeAccountStore accounts_;
  FakeStandard standard_;
  FakeInspections inspections_;
  FakeAuditLog log_;
  FakeClock clock_{kNoon};
  Auditor auditor_{log_, clock_};
  int numbers_ = 0;
  InspectionService service_{
      inspections_, tickets_,
      standard_,    accounts_,
      directory_,   auditor_,
      clock_,       [this] { return "900000000" + std::to_string(++numbers_); }};
  Principal staff_ = MakePrincipal(Role::kRegionAdmin, Scope{{"370783"}, {}}, "zhao");
};

TEST_F(InspectionServiceTest, TheChecklistIsTheStandardThenTheStationsOwnThenTheFixedItems) {
  auto items = service_.Checklist(staff_, "IN1");
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 7u);
  EXPECT_EQ((*items)[0].item, "amenity:seating");
  EXPECT_EQ((*items)[1].item, "amenity:first_aid");  // standard, though the station lacks it
  EXPECT_EQ((*items)[2].item, "amenity:aed");
  EXPECT_EQ((*items)[3].item, "hours_kept");
  EXPECT_EQ(service_.Checklist(staff_, "OUT1").error().code, ErrorCode::kNotFound);
}

TEST_F(InspectionServiceTest, FailedItemsOpenTicketsAndTheScoreCountsWhatApplied) {
  auto items = AllPass();
  items[1] = {"amenity:first_aid", CheckResult::kFail, "药箱里的藿香正气水过期了", ""};
  items[2].result = CheckResult::kNotApplicable;
  items[4] = {"clean", CheckResult::kFail, "地面脏", ""};
  auto recorded = service_.Record(Staff(), "IN1", items, "下午三点到访");
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_EQ(recorded->score, 67);  // 4 of 6 applicable
  ASSERT_FALSE(recorded->items[1].ticket_id.empty());
  auto ticket = tickets_.FindTicket(recorded->items[1].ticket_id);
  ASSERT_TRUE(ticket.ok() && ticket->has_value());
  EXPECT_EQ((*ticket)->source, TicketSource::kInspection);
  EXPECT_EQ((*ticket)->category, ReportCategory::kSupplies);
  EXPECT_EQ((*ticket)->amenity, std::optional<Amenity>(Amenity::kFirstAid));
  EXPECT_EQ((*ticket)->due_at, std::optional<UtcTime>(kNoon + std::chrono::hours(24)));
  EXPECT_NE((*ticket)->description.find("过期"), std::string::npos);
  auto clean = tickets_.FindTicket(recorded->items[4].ticket_id);
  EXPECT_EQ((*clean)->category, ReportCategory::kCleanliness);
  EXPECT_TRUE(recorded->items[0].ticket_id.empty());
  EXPECT_EQ(service_.Of(staff_, "IN1")->size(), 1u);
}

TEST_F(InspectionServiceTest, RefusesIncompleteOrWrongAnswersAndNonStaff) {
  auto items = AllPass();
  items.pop_back();
  EXPECT_EQ(service_.Record(Staff(), "IN1", items, "").error().code, ErrorCode::kInvalidArgument);
  items = AllPass();
  items.push_back(items.front());
  EXPECT_EQ(service_.Record(Staff(), "IN1", items, "").error().code, ErrorCode::kInvalidArgument);
  items = AllPass();
  items[0].result = CheckResult::kFail;  // no note
  EXPECT_EQ(service_.Record(Staff(), "IN1", items, "").error().code, ErrorCode::kInvalidArgument);
  items = AllPass();
  items[0].item = "amenity:tv";
  EXPECT_EQ(service_.Record(Staff(), "IN1", items, "").error().code, ErrorCode::kInvalidArgument);
  const Principal manager = MakePrincipal(Role::kStationManager, Scope{{}, {"IN1"}});
  EXPECT_EQ(service_.Record(Caller{manager, "x"}, "IN1", AllPass(), "").error().code,
            ErrorCode::kForbidden);
  EXPECT_TRUE(inspections_.stored_.empty());
  EXPECT_TRUE(tickets_.ListTickets({.unrestricted = true, .now = kNoon})->empty());
}

TEST_F(InspectionServiceTest, TheDueListHasTheStationsNotInspectedForTheCitysInterval) {
  ASSERT_TRUE(service_.Record(Staff(), "IN1", AllPass(), "").ok());
  auto due = service_.Due(staff_);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].code, "IN2");  // never inspected; OUT1 is outside the scope
  clock_.Advance(std::chrono::days(31));
  EXPECT_EQ(service_.Due(staff_)->size(), 2u);
  ASSERT_TRUE(accounts_.SetSetting("inspection_interval_days", "60").ok());
  EXPECT_EQ(service_.Due(staff_)->size(), 1u);
  EXPECT_EQ(*service_.IntervalDays(), 60);
}

}  // namespace
}  // namespace yz
