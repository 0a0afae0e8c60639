// The conformance suite of the upkeep area's repository (domain/upkeep/ticket_repository.h) and of
// the report write path that opens tickets (CheckinRepository::RecordReport), on every store kind.
#include <gtest/gtest.h>

#include <algorithm>
#include <future>

#include "storage/store_fixture.h"

namespace yz {
namespace {

using namespace std::chrono_literals;

// 2026-07-15 04:00 UTC, a July (summer) noon in Shanghai.
const UtcTime kJulyNoon = FromEpochMillis(1'784'088'000'000);

class TicketConformanceTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Station a, b;
    a.code = "A1";
    a.name = "甲站";
    a.region = "370783001001";
    b.code = "B2";
    b.name = "乙站";
    b.region = "370784001";
    ASSERT_TRUE(store_->stations->SaveStations(std::vector<Station>{a, b}).ok());
  }

  TicketRepository& tickets() { return *store_->tickets; }

  Result<std::string> File(std::string id, std::string station, ReportCategory category,
                           std::optional<Amenity> amenity, UtcTime at, std::string device = "",
                           int month = 7) {
    Report r;
    r.id = std::move(id);
    r.station_code = std::move(station);
    r.category = category;
    r.amenity = amenity;
    r.description = "坏了";
    r.device_hash = std::move(device);
    r.local_month = month;
    r.at = at;
    std::promise<Result<std::string>> done;
    store_->checkins->RecordReport(r, 24h,
                                   [&](Result<std::string> x) { done.set_value(std::move(x)); });
    return done.get_future().get();
  }
};

TEST_P(TicketConformanceTest, AReportOpensATicketWithItsRegionServiceLevelAndFirstEvent) {
  ASSERT_EQ(
      *File("1000000009", "A1", ReportCategory::kFacility, Amenity::kCoolingHeating, kJulyNoon),
      "1000000009");
  auto t = tickets().FindTicket("1000000009");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_TRUE(t->has_value());
  EXPECT_EQ((*t)->status, TicketStatus::kNew);
  EXPECT_EQ((*t)->region, "370783001001");
  EXPECT_EQ((*t)->source, TicketSource::kWorker);
  EXPECT_EQ((*t)->version, 1);
  // The migration's levels: an air conditioner in summer is 48 hours, in winter 72.
  EXPECT_EQ((*t)->due_at, std::optional<UtcTime>(kJulyNoon + 48h));
  ASSERT_TRUE(File("2000000008", "A1", ReportCategory::kFacility, Amenity::kCoolingHeating,
                   kJulyNoon, "", 12)
                  .ok());
  EXPECT_EQ((*tickets().FindTicket("2000000008"))->due_at, std::optional<UtcTime>(kJulyNoon + 72h));
  ASSERT_TRUE(File("3000000007", "A1", ReportCategory::kSuggestion, std::nullopt, kJulyNoon).ok());
  EXPECT_FALSE((*tickets().FindTicket("3000000007"))->due_at.has_value());
  auto history = tickets().History("1000000009");
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].action, "opened");
  EXPECT_EQ((*history)[0].actor, "worker");
  // A number already taken is refused, so that the caller draws another.
  EXPECT_EQ(File("1000000009", "B2", ReportCategory::kOther, std::nullopt, kJulyNoon).error().code,
            ErrorCode::kConflict);
}

TEST_P(TicketConformanceTest, TheSameReportFromOneDeviceIsOneReportWhileOpen) {
  ASSERT_EQ(
      *File("1000000009", "A1", ReportCategory::kFacility, Amenity::kToilet, kJulyNoon, "dev"),
      "1000000009");
  EXPECT_EQ(
      *File("2000000008", "A1", ReportCategory::kFacility, Amenity::kToilet, kJulyNoon + 1h, "dev"),
      "1000000009");
  // Another facility, another device or no device is another report.
  EXPECT_EQ(
      *File("3000000007", "A1", ReportCategory::kFacility, Amenity::kMicrowave, kJulyNoon, "dev"),
      "3000000007");
  EXPECT_EQ(
      *File("4000000006", "A1", ReportCategory::kFacility, Amenity::kToilet, kJulyNoon, "other"),
      "4000000006");
  EXPECT_EQ(*File("5000000005", "A1", ReportCategory::kFacility, Amenity::kToilet, kJulyNoon),
            "5000000005");
  EXPECT_FALSE(tickets().FindTicket("2000000008")->has_value());
  // A day later it is a new report.
  EXPECT_EQ(*File("6000000004", "A1", ReportCategory::kFacility, Amenity::kToilet, kJulyNoon + 25h,
                  "dev"),
            "6000000004");
}

TEST_P(TicketConformanceTest, ChangesCheckTheVersionAndKeepTheHistory) {
  ASSERT_TRUE(
      File("1000000009", "A1", ReportCategory::kFacility, Amenity::kToilet, kJulyNoon).ok());
  Ticket t = **tickets().FindTicket("1000000009");
  t.status = TicketStatus::kAssigned;
  t.assignee = "wang";
  t.team_id = 7;
  t.updated_at = kJulyNoon + 1h;
  const TicketEvent e{kJulyNoon + 1h, "li", "assign", TicketStatus::kAssigned, "尽快"};
  auto changed = tickets().ApplyChange({t, e, 1});
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(changed->version, 2);
  EXPECT_EQ(changed->assignee, std::optional<std::string>("wang"));
  EXPECT_EQ(changed->team_id, std::optional<int64_t>(7));
  EXPECT_EQ(tickets().ApplyChange({t, e, 1}).error().code, ErrorCode::kConflict);
  t.status = TicketStatus::kResolved;
  t.resolved_at = kJulyNoon + 2h;
  t.closed_at = kJulyNoon + 2h;
  t.status_note = "换了水箱";
  t.verdict = WorkerVerdict::kFixed;
  ASSERT_TRUE(
      tickets()
          .ApplyChange({t, {kJulyNoon + 2h, "wang", "resolve", TicketStatus::kResolved, ""}, 2})
          .ok());
  const Ticket stored = **tickets().FindTicket("1000000009");
  EXPECT_EQ(stored.resolved_at, t.resolved_at);
  EXPECT_EQ(stored.status_note, "换了水箱");
  EXPECT_EQ(stored.verdict, WorkerVerdict::kFixed);
  auto history = tickets().History("1000000009");
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[1].note, "尽快");
  EXPECT_EQ((*history)[2].status, TicketStatus::kResolved);
}

TEST_P(TicketConformanceTest, ListsFilterByScopeStatusAndTimeAndKnowTheReportedFacilities) {
  ASSERT_TRUE(
      File("1000000009", "A1", ReportCategory::kFacility, Amenity::kToilet, kJulyNoon).ok());
  ASSERT_TRUE(
      File("2000000008", "B2", ReportCategory::kSupplies, std::nullopt, kJulyNoon + 1h).ok());
  TicketFilter f;
  f.regions = {"370783"};
  f.now = kJulyNoon;
  auto mine = tickets().ListTickets(f);
  ASSERT_TRUE(mine.ok()) << mine.error().message;
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].id, "1000000009");
  f.regions.clear();
  f.stations = {"B2"};
  EXPECT_EQ(tickets().ListTickets(f)->size(), 1u);
  f.stations.clear();
  EXPECT_TRUE(tickets().ListTickets(f)->empty());  // an empty scope sees nothing
  f.unrestricted = true;
  EXPECT_EQ(tickets().ListTickets(f)->size(), 2u);
  f.category = ReportCategory::kSupplies;
  EXPECT_EQ(tickets().ListTickets(f)->size(), 1u);
  f.category.reset();
  f.since = kJulyNoon + 30min;
  EXPECT_EQ(tickets().ListTickets(f)->size(), 1u);
  f.since.reset();
  f.closed_only = true;
  EXPECT_TRUE(tickets().ListTickets(f)->empty());
  f.closed_only = false;
  f.overdue_only = true;
  f.now = kJulyNoon + 100h;
  EXPECT_EQ(tickets().ListTickets(f)->size(), 2u);
  EXPECT_EQ(*tickets().ReportedAmenities("A1"), std::vector<Amenity>{Amenity::kToilet});
  EXPECT_TRUE(tickets().ReportedAmenities("B2")->empty());
  EXPECT_EQ(tickets().OpenTicketsOf("A1", Amenity::kToilet)->size(), 1u);
  EXPECT_TRUE(tickets().OpenTicketsOf("A1", Amenity::kMicrowave)->empty());
}

TEST_P(TicketConformanceTest, TheOverdueBoardAndOnTimeRateGroupByRegionAndTeam) {
  ASSERT_TRUE(
      File("1000000009", "A1", ReportCategory::kFacility, Amenity::kToilet, kJulyNoon).ok());
  ASSERT_TRUE(File("2000000008", "A1", ReportCategory::kCleanliness, std::nullopt, kJulyNoon).ok());
  ASSERT_TRUE(File("3000000007", "B2", ReportCategory::kSupplies, std::nullopt, kJulyNoon).ok());
  const UtcTime now =
      kJulyNoon + 30h;  // cleanliness (24 h) is late, toilet (48 h) and supplies not
  auto board = tickets().OverdueByRegion("37", 6, now);
  ASSERT_TRUE(board.ok()) << board.error().message;
  ASSERT_EQ(board->size(), 2u);
  EXPECT_EQ((*board)[0].key, "370783");
  EXPECT_EQ((*board)[0].open, 2);
  EXPECT_EQ((*board)[0].overdue, 1);
  EXPECT_EQ((*board)[0].oldest_due, std::optional<UtcTime>(kJulyNoon + 24h));
  EXPECT_EQ((*board)[1].key, "370784");
  EXPECT_EQ((*board)[1].overdue, 0);
  EXPECT_EQ(tickets().OverdueByRegion("370784", 9, now)->size(), 1u);
  EXPECT_TRUE(tickets().OverdueByRegion("44", 4, now)->empty());

  Ticket t = **tickets().FindTicket("1000000009");
  t.status = TicketStatus::kResolved;
  t.team_id = 3;
  t.resolved_at = kJulyNoon + 10h;
  t.closed_at = t.resolved_at;
  ASSERT_TRUE(
      tickets().ApplyChange({t, {now, "x", "resolve", TicketStatus::kResolved, ""}, 1}).ok());
  Ticket late = **tickets().FindTicket("2000000008");
  late.status = TicketStatus::kResolved;
  late.resolved_at = kJulyNoon + 29h;
  late.closed_at = late.resolved_at;
  ASSERT_TRUE(
      tickets().ApplyChange({late, {now, "x", "resolve", TicketStatus::kResolved, ""}, 1}).ok());
  auto by_team = tickets().OverdueByTeam("", now);
  ASSERT_EQ(by_team->size(), 1u);  // only the open supplies ticket, without a team
  EXPECT_EQ((*by_team)[0].key, "");
  auto rate = tickets().OnTime("370783", kJulyNoon, now, false, 6);
  ASSERT_TRUE(rate.ok()) << rate.error().message;
  ASSERT_EQ(rate->size(), 1u);
  EXPECT_EQ((*rate)[0].resolved, 2);
  EXPECT_EQ((*rate)[0].on_time, 1);
  auto team_rate = tickets().OnTime("", kJulyNoon, now, true, 0);
  ASSERT_EQ(team_rate->size(), 2u);
  EXPECT_EQ((*team_rate)[1].key, "3");
  EXPECT_EQ((*team_rate)[1].on_time, 1);
}

TEST_P(TicketConformanceTest, OpensTicketsNoWorkerFiledTeamsAndServiceLevels) {
  Ticket t;
  t.id = "7000000003";
  t.station_code = "B2";
  t.region = "370784001";
  t.category = ReportCategory::kSupplies;
  t.amenity = Amenity::kFirstAid;
  t.description = "急救药箱里的药过期了";
  t.source = TicketSource::kInspection;
  t.at = kJulyNoon;
  t.updated_at = kJulyNoon;
  t.due_at = kJulyNoon + 24h;
  auto opened = tickets().OpenTicket(t, {kJulyNoon, "zhao", "opened", TicketStatus::kNew, "暗访"});
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->source, TicketSource::kInspection);
  EXPECT_EQ(
      tickets().OpenTicket(t, {kJulyNoon, "zhao", "opened", TicketStatus::kNew, ""}).error().code,
      ErrorCode::kConflict);

  auto team = tickets().SaveTeam({0, "寿光维修队", "370783", {"li", "wang"}}, kJulyNoon);
  ASSERT_TRUE(team.ok()) << team.error().message;
  EXPECT_GT(team->id, 0);
  EXPECT_EQ(tickets().SaveTeam({0, "寿光维修队", "370783", {}}, kJulyNoon).error().code,
            ErrorCode::kConflict);
  ASSERT_TRUE(tickets().SaveTeam({team->id, "寿光一队", "370783", {"wang"}}, kJulyNoon).ok());
  auto teams = tickets().ListTeams();
  ASSERT_EQ(teams->size(), 1u);
  EXPECT_EQ((*teams)[0].name, "寿光一队");
  EXPECT_EQ((*teams)[0].members, std::vector<std::string>{"wang"});

  const std::vector<ServiceLevel> levels{
      {ReportCategory::kFacility, std::nullopt, 0, 96},
      {ReportCategory::kFacility, Amenity::kToilet, 0b111000000, 12}};
  ASSERT_TRUE(tickets().ReplaceServiceLevels(levels).ok());
  EXPECT_EQ(*tickets().ListServiceLevels(), levels);
  ASSERT_TRUE(
      File("8000000002", "A1", ReportCategory::kFacility, Amenity::kToilet, kJulyNoon, "", 8).ok());
  EXPECT_EQ((*tickets().FindTicket("8000000002"))->due_at, std::optional<UtcTime>(kJulyNoon + 12h));
  ASSERT_TRUE(
      File("9000000001", "A1", ReportCategory::kFacility, Amenity::kToilet, kJulyNoon, "", 1).ok());
  EXPECT_EQ((*tickets().FindTicket("9000000001"))->due_at, std::optional<UtcTime>(kJulyNoon + 96h));
}

TEST_P(TicketConformanceTest, TheSweepFindsEachOverdueOpenTicketOnce) {
  ASSERT_TRUE(File("1000000009", "A1", ReportCategory::kCleanliness, std::nullopt, kJulyNoon).ok());
  ASSERT_TRUE(File("2000000008", "A1", ReportCategory::kSafety, std::nullopt, kJulyNoon).ok());
  ASSERT_TRUE(File("3000000007", "A1", ReportCategory::kSuggestion, std::nullopt, kJulyNoon).ok());
  EXPECT_TRUE(tickets().DueForEscalation(kJulyNoon + 11h, 10)->empty());
  auto due = tickets().DueForEscalation(kJulyNoon + 30h, 10);
  ASSERT_TRUE(due.ok()) << due.error().message;
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ((*due)[0].id, "2000000008");  // safety: 12 h, the most overdue first
  EXPECT_EQ(tickets().DueForEscalation(kJulyNoon + 30h, 1)->size(), 1u);
  EXPECT_EQ(*tickets().MarkEscalated({"2000000008", "nope"}, kJulyNoon + 30h),
            std::vector<std::string>{"2000000008"});
  EXPECT_TRUE(tickets().MarkEscalated({"2000000008"}, kJulyNoon + 31h)->empty());
  EXPECT_EQ((*tickets().FindTicket("2000000008"))->escalated_at,
            std::optional<UtcTime>(kJulyNoon + 30h));
  EXPECT_EQ(tickets().History("2000000008")->back().action, "overdue");
  // A closed ticket is never escalated.
  Ticket t = **tickets().FindTicket("1000000009");
  t.status = TicketStatus::kRejected;
  t.closed_at = kJulyNoon + 1h;
  ASSERT_TRUE(
      tickets()
          .ApplyChange({t, {kJulyNoon + 1h, "li", "reject", TicketStatus::kRejected, "重复"}, 1})
          .ok());
  EXPECT_TRUE(tickets().DueForEscalation(kJulyNoon + 30h, 10)->empty());
  EXPECT_TRUE(tickets().MarkEscalated({"1000000009"}, kJulyNoon + 30h)->empty());
}

TEST_P(TicketConformanceTest, KeepsATicketsPhotosInOrder) {
  ASSERT_TRUE(
      File("1000000009", "A1", ReportCategory::kFacility, Amenity::kToilet, kJulyNoon).ok());
  const TicketPhoto before{"b.jpg", PhotoKind::kBefore, 640, 480, kJulyNoon + 1h, "wang"};
  const TicketPhoto after{"a.jpg", PhotoKind::kAfter, 480, 640, kJulyNoon + 2h, "wang"};
  ASSERT_TRUE(tickets().AddPhoto("1000000009", after).ok());
  ASSERT_TRUE(tickets().AddPhoto("1000000009", before).ok());
  auto photos = tickets().ListPhotos("1000000009");
  ASSERT_TRUE(photos.ok()) << photos.error().message;
  ASSERT_EQ(photos->size(), 2u);
  EXPECT_EQ((*photos)[0].file, "b.jpg");
  EXPECT_EQ((*photos)[0].kind, PhotoKind::kBefore);
  EXPECT_EQ((*photos)[1].width, 480);
  EXPECT_EQ((*photos)[1].actor, "wang");
  EXPECT_EQ(tickets().AddPhoto("nope", before).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(tickets().ListPhotos("nope")->empty());
}

TEST_P(TicketConformanceTest, StoresInspectionsWithTheirItemsInChecklistOrder) {
  InspectionRepository& repo = *store_->inspections;
  Inspection first{0,
                   "A1",
                   "370783001001",
                   "zhao",
                   kJulyNoon,
                   75,
                   "上午",
                   {{"amenity:seating", CheckResult::kPass, "", ""},
                    {"clean", CheckResult::kFail, "地面脏", "1000000009"},
                    {"amenity:aed", CheckResult::kNotApplicable, "", ""}}};
  auto id = repo.AddInspection(first);
  ASSERT_TRUE(id.ok()) << id.error().message;
  Inspection later = first;
  later.at = kJulyNoon + 24h;
  later.score = 100;
  later.items = {{"clean", CheckResult::kPass, "", ""}};
  ASSERT_TRUE(repo.AddInspection(later).ok());
  Inspection other = first;
  other.station_code = "B2";
  ASSERT_TRUE(repo.AddInspection(other).ok());
  auto listed = repo.InspectionsOf("A1", 10);
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].score, 100);
  const Inspection& back = (*listed)[1];
  EXPECT_EQ(back.id, *id);
  EXPECT_EQ(back.inspector, "zhao");
  EXPECT_EQ(back.note, "上午");
  ASSERT_EQ(back.items.size(), 3u);
  EXPECT_EQ(back.items[1].item, "clean");
  EXPECT_EQ(back.items[1].result, CheckResult::kFail);
  EXPECT_EQ(back.items[1].ticket_id, "1000000009");
  EXPECT_EQ(back.items[2].result, CheckResult::kNotApplicable);
  auto last = repo.LastInspections();
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->at("A1"), kJulyNoon + 24h);
  EXPECT_EQ(last->at("B2"), kJulyNoon);
  EXPECT_EQ(repo.InspectionsOf("A1", 1)->size(), 1u);
}

TEST_P(TicketConformanceTest, TheCatalogueTakesNewItemsAtTheEndAndChangesKnownOnes) {
  SupplyRepository& repo = *store_->supplies;
  const std::size_t before = repo.Catalogue()->size();
  ASSERT_TRUE(repo.SaveItem({"ice_pack", "冰袋", "个", false, 4}).ok());
  ASSERT_TRUE(repo.SaveItem({"huoxiang", "藿香正气口服液", "支", true, 6}).ok());
  auto items = repo.Catalogue();
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), before + 1);
  EXPECT_EQ(items->back().code, "ice_pack");
  EXPECT_EQ(items->back().default_minimum, 4);
  EXPECT_EQ((*items)[1].code, "huoxiang");  // kept its place
  EXPECT_EQ((*items)[1].name, "藿香正气口服液");
  EXPECT_EQ((*items)[1].unit, "支");
  EXPECT_TRUE((*items)[1].medicine);
  EXPECT_EQ((*items)[1].default_minimum, 6);
}

TEST_P(TicketConformanceTest, KeepsTheSuppliesLedgerAndRefusesToTakeMoreThanABatchHolds) {
  SupplyRepository& repo = *store_->supplies;
  auto catalogue = repo.Catalogue();
  ASSERT_TRUE(catalogue.ok()) << catalogue.error().message;
  ASSERT_GE(catalogue->size(), 8u);
  EXPECT_EQ(catalogue->front().code, "drinking_water");
  const auto huoxiang = std::find_if(catalogue->begin(), catalogue->end(),
                                     [](const SupplyItem& i) { return i.code == "huoxiang"; });
  ASSERT_NE(huoxiang, catalogue->end());
  EXPECT_TRUE(huoxiang->medicine);
  EXPECT_EQ(huoxiang->name, "藿香正气水");

  const Date expiry = std::chrono::year{2027} / std::chrono::March / 1;
  SupplyEntry restock{0,    "A1",         "huoxiang", SupplyEntryKind::kRestock,
                      3,    "2027-03-01", expiry,     kJulyNoon,
                      "li", "工会送来"};
  ASSERT_TRUE(repo.AddEntry(restock).ok());
  SupplyEntry use{
      0,    "A1", "huoxiang", SupplyEntryKind::kUse, 2, "2027-03-01", std::nullopt, kJulyNoon + 1h,
      "li", ""};
  ASSERT_TRUE(repo.AddEntry(use).ok());
  EXPECT_EQ(repo.AddEntry(use).error().code, ErrorCode::kConflict);  // 1 left
  use.batch = "other";
  EXPECT_EQ(repo.AddEntry(use).error().code, ErrorCode::kConflict);
  auto ledger = repo.Ledger("A1");
  ASSERT_TRUE(ledger.ok());
  ASSERT_EQ(ledger->size(), 2u);
  EXPECT_EQ((*ledger)[0].expires_on, std::optional<Date>(expiry));
  EXPECT_EQ((*ledger)[0].note, "工会送来");
  EXPECT_EQ((*ledger)[1].kind, SupplyEntryKind::kUse);
  EXPECT_FALSE((*ledger)[1].expires_on.has_value());
  EXPECT_TRUE(repo.Ledger("B2")->empty());

  ASSERT_TRUE(repo.SetMinimum("B2", "drinking_water", 4).ok());
  ASSERT_TRUE(repo.SetMinimum("B2", "drinking_water", 6).ok());
  EXPECT_EQ(repo.Minimums("B2")->at("drinking_water"), 6);
  EXPECT_EQ(*repo.StationsWithSupplies(), (std::vector<std::string>{"A1", "B2"}));
}

YZ_INSTANTIATE_STORE_TESTS(TicketConformanceTest);

}  // namespace
}  // namespace yz
