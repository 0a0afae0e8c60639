#include "domain/upkeep/ticket_service.h"

#include <gtest/gtest.h>

#include "domain/accounts/fake_account_store.h"
#include "domain/fakes/fake_people.h"
#include "domain/fakes/fake_registry.h"
#include "domain/fakes/fake_tickets.h"
#include "domain/upkeep/overdue_sweep.h"
#include "domain/upkeep/public_report_service.h"

namespace yz {
namespace {

using testing::FakeAccountStore;
using testing::FakeAuditLog;
using testing::FakeRegistry;
using testing::FakeTickets;
using testing::MakePrincipal;
using testing::MakeStation;

const UtcTime kNoon = FromEpochMillis(1'780'000'000'000);

class TicketServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Station in1 = MakeStation("IN1", "370783001001", "圣城驿站");
    in1.amenities = {{Amenity::kCoolingHeating, AmenityState::kBroken}};
    ASSERT_TRUE(directory_.Save(std::vector<Station>{in1, MakeStation("OUT1", "370784001")}).ok());
    Account wang;
    wang.username = "wang";
    wang.role = Role::kMaintainer;
    wang.scope.regions = {"370783"};
    ASSERT_TRUE(accounts_.AddAccount(wang).ok());
    tickets_.Add(Make("1000000008", "IN1", Amenity::kCoolingHeating, kNoon));
    tickets_.Add(
        Make("2000000006", "IN1", Amenity::kCoolingHeating, kNoon + std::chrono::minutes(5)));
    tickets_.Add(Make("3000000004", "OUT1", std::nullopt, kNoon));
  }

  static Ticket Make(std::string id, std::string station, std::optional<Amenity> amenity,
                     UtcTime at) {
    Ticket t;
    t.id = std::move(id);
    t.station_code = std::move(station);
    t.region = t.station_code == "IN1" ? "370783001001" : "370784001";
    t.category = ReportCategory::kFacility;
    t.amenity = amenity;
    t.description = "空调坏了，联系我 18812342223";
    t.at = at;
    t.updated_at = at;
    t.due_at = at + std::chrono::hours(48);
    return t;
  }

  TicketCommand Do(TicketAction a, int64_t version) {
    TicketCommand c;
    c.action = a;
    c.version = version;
    return c;
  }

  Caller Manager() { return Caller{manager_, "10.0.0.2"}; }
  Caller Maintainer() { return Caller{maintainer_, "10.0.0.3"}; }

  FakeRegistry registry_;
  StationDirectory directory_{registry_};
  FakeTickets tickets_;
  FakeAccountStore accounts_;
  FakeAuditLog log_;
  FakeClock clock_{kNoon + std::chrono::hours(1)};
  Auditor auditor_{log_, clock_};
  std::vector<std::pair<std::string, Amenity>> resets_;
  TicketService service_{
      tickets_,
      accounts_,
      directory_,
      auditor_,
      clock_,
      [this](const Caller&, std::string_view station, Amenity a) -> Result<void> {
        resets_.emplace_back(station, a);
        return Ok();
      }};
  PublicReportService public_{tickets_, directory_, auditor_, clock_};
  Principal manager_ = MakePrincipal(Role::kStationManager, Scope{{}, {"IN1"}}, "li");
  Principal maintainer_ = MakePrincipal(Role::kMaintainer, Scope{{"370783"}, {}}, "wang");
};

TEST_F(TicketServiceTest, ListsOnlyTheTicketsInScopeAndOffersTheLikelyDuplicate) {
  auto listed = service_.List(manager_, {}, false);
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].ticket.id, "2000000006");
  EXPECT_EQ((*listed)[0].station_name, "圣城驿站");
  auto detail = service_.Get(manager_, "1000000008");
  ASSERT_TRUE(detail.ok());
  ASSERT_EQ(detail->likely_duplicates.size(), 1u);
  EXPECT_EQ(detail->likely_duplicates[0].ticket.id, "2000000006");
  EXPECT_EQ(service_.Get(manager_, "3000000004").error().code, ErrorCode::kNotFound);
}

TEST_F(TicketServiceTest, AManagerAssignsTheMaintainerFixesAndTheFacilityWorksAgain) {
  TicketCommand assign = Do(TicketAction::kAssign, 1);
  assign.assignee = "wang";
  auto assigned = service_.Act(Manager(), "1000000008", assign);
  ASSERT_TRUE(assigned.ok()) << assigned.error().message;
  EXPECT_EQ(assigned->view.ticket.status, TicketStatus::kAssigned);

  // The maintainer sees it among "mine", may not triage, may work it.
  auto mine = service_.List(maintainer_, {}, true);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  TicketCommand reject = Do(TicketAction::kReject, 2);
  reject.note = "不想修";
  EXPECT_EQ(service_.Act(Maintainer(), "1000000008", reject).error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(service_.Act(Maintainer(), "1000000008", Do(TicketAction::kStart, 2)).ok());
  auto resolved = service_.Act(Maintainer(), "1000000008", Do(TicketAction::kResolve, 3));
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->view.ticket.status, TicketStatus::kResolved);
  ASSERT_EQ(resets_.size(), 1u);
  EXPECT_EQ(resets_[0], std::make_pair(std::string("IN1"), Amenity::kCoolingHeating));
  EXPECT_EQ(resolved->history.size(), 3u);
  // A maintainer may not verify their own work.
  EXPECT_EQ(service_.Act(Maintainer(), "1000000008", Do(TicketAction::kVerify, 4)).error().code,
            ErrorCode::kForbidden);
  // A stale version is refused.
  EXPECT_EQ(service_.Act(Manager(), "1000000008", Do(TicketAction::kVerify, 3)).error().code,
            ErrorCode::kConflict);
  EXPECT_TRUE(service_.Act(Manager(), "1000000008", Do(TicketAction::kVerify, 4)).ok());
  bool audited = false;
  for (const AuditEntry& e : log_.entries()) {
    audited = audited || (e.action == "ticket.resolve" && e.object == "ticket:1000000008" &&
                          e.outcome == AuditOutcome::kSuccess && e.actor == "wang");
  }
  EXPECT_TRUE(audited);
}

TEST_F(TicketServiceTest, MergesOnlyIntoAnOpenTicketOfTheSameStationAndFacility) {
  TicketCommand merge = Do(TicketAction::kMerge, 1);
  merge.into = "3000000004";
  EXPECT_EQ(service_.Act(Manager(), "2000000006", merge).error().code, ErrorCode::kInvalidArgument);
  merge.into = "1000000008";
  auto merged = service_.Act(Manager(), "2000000006", merge);
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  EXPECT_EQ(merged->view.ticket.status, TicketStatus::kMerged);
  auto seen = public_.Follow("200 000 0006");
  ASSERT_TRUE(seen.ok());
  EXPECT_TRUE(seen->closed);
  EXPECT_NE(seen->status_notes.find("100 000 0008"), std::string::npos);
}

TEST_F(TicketServiceTest, ThePublicViewMasksNumbersAndHidesWhoDidWhat) {
  TicketCommand assign = Do(TicketAction::kAssign, 1);
  assign.assignee = "wang";
  ASSERT_TRUE(service_.Act(Manager(), "1000000008", assign).ok());
  auto seen = public_.Follow("1000000008");
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->description, "空调坏了，联系我 188****2223");
  ASSERT_EQ(seen->history.size(), 1u);
  EXPECT_EQ(seen->history[0].actor, "");
  EXPECT_FALSE(seen->closed);
  EXPECT_EQ(public_.Follow("1000000009").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(public_.Follow("9999999999").error().code, ErrorCode::kNotFound);
}

TEST_F(TicketServiceTest, TheReporterSaysItIsNotFixedAndTheTicketReopens) {
  TicketCommand assign = Do(TicketAction::kAssign, 1);
  assign.assignee = "wang";
  ASSERT_TRUE(service_.Act(Manager(), "1000000008", assign).ok());
  ASSERT_TRUE(service_.Act(Maintainer(), "1000000008", Do(TicketAction::kResolve, 2)).ok());
  auto before = public_.Follow("1000000008");
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->asks_verdict);
  auto answered = public_.Answer("1000000008", WorkerVerdict::kNotFixed);
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  EXPECT_EQ(answered->status, TicketStatus::kAssigned);
  EXPECT_FALSE(answered->closed);
  EXPECT_EQ(public_.Answer("1000000008", WorkerVerdict::kFixed).error().code, ErrorCode::kConflict);
}

TEST_F(TicketServiceTest, TheBoardCountsOverdueTicketsPerRegionAndTeam) {
  clock_.Advance(std::chrono::hours(72));
  TicketCommand assign = Do(TicketAction::kAssign, 1);
  auto team = service_.SaveTeam(Caller{MakePrincipal(Role::kCityAdmin, {}), "x"},
                                MaintenanceTeam{0, "圣城维修队", "370783", {"wang"}});
  ASSERT_TRUE(team.ok()) << team.error().message;
  assign.team_id = team->id;
  ASSERT_TRUE(service_.Act(Manager(), "1000000008", assign).ok());
  auto board = service_.Board(MakePrincipal(Role::kCityAdmin, {}), "37");
  ASSERT_TRUE(board.ok()) << board.error().message;
  ASSERT_EQ(board->by_region.size(), 1u);
  EXPECT_EQ(board->by_region[0].key, "3707");
  EXPECT_EQ(board->by_region[0].open, 3);
  EXPECT_EQ(board->by_region[0].overdue, 3);
  ASSERT_EQ(board->by_team.size(), 2u);
  auto county = service_.Board(manager_, "370783");
  EXPECT_EQ(county.error().code, ErrorCode::kNotFound);  // a station manager has no region
  EXPECT_EQ(service_.Board(MakePrincipal(Role::kCityAdmin, {}), "3x").error().code,
            ErrorCode::kInvalidArgument);
}

TEST_F(TicketServiceTest, OnlyTheCitysAdminSetsServiceLevels) {
  std::vector<ServiceLevel> levels{{ReportCategory::kSupplies, Amenity::kFirstAid, 0, 24}};
  EXPECT_EQ(service_.SetServiceLevels(Manager(), levels).error().code, ErrorCode::kForbidden);
  const Principal city = MakePrincipal(Role::kCityAdmin, {});
  ASSERT_TRUE(service_.SetServiceLevels(Caller{city, "x"}, levels).ok());
  EXPECT_EQ(*service_.ServiceLevels(), levels);
  levels[0].hours = 0;
  EXPECT_EQ(service_.SetServiceLevels(Caller{city, "x"}, levels).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_F(TicketServiceTest, TheSweepEscalatesEachOverdueTicketOnceAndTextsTheStation) {
  Station in1 = MakeStation("IN1", "370783001001", "圣城驿站");
  in1.phone = "188 1234 2223";
  ASSERT_TRUE(directory_.Save(std::vector<Station>{in1}).ok());
  testing::FakeMessages outbox;
  MessageService messages(outbox, clock_);
  OverdueSweep sweep(tickets_, directory_, messages, auditor_, clock_);
  auto early = sweep.Run();
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->escalated, 0);  // nothing is due yet
  clock_.Advance(std::chrono::hours(48));
  auto round = sweep.Run();
  ASSERT_TRUE(round.ok()) << round.error().message;
  EXPECT_EQ(round->escalated, 3);
  EXPECT_EQ(round->messaged, 2);  // OUT1 has no phone: recorded only
  auto sent = outbox.ListMessages({});
  ASSERT_EQ(sent->size(), 2u);
  EXPECT_EQ(sent->front().phone, "18812342223");
  EXPECT_NE(sent->front().text.find("圣城驿站"), std::string::npos);
  auto history = tickets_.History("1000000008");
  EXPECT_EQ(history->back().action, "overdue");
  clock_.Advance(std::chrono::hours(1));
  EXPECT_EQ(sweep.Run()->escalated, 0);  // once
  EXPECT_EQ(outbox.ListMessages({})->size(), 2u);
}

}  // namespace
}  // namespace yz
