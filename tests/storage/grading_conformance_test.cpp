// The conformance suite of star grading's repository (domain/grading/grading_repository.h) and
// of the month figures kept with each check-in and rating (migration 013), on every store kind.
#include <gtest/gtest.h>

#include <future>

#include "storage/store_fixture.h"

namespace yz {
namespace {

using namespace std::chrono_literals;

// 2026-07-15 04:00 UTC (noon in Shanghai) and the window of the year before December 2026.
const UtcTime kJulyNoon = FromEpochMillis(1'784'088'000'000);
const UtcTime kDecember = FromEpochMillis(1'796'529'600'000);  // 2026-12-06 04:00 UTC

EvidenceWindow Year() {
  EvidenceWindow w;
  w.first_month = "2025-12";
  w.last_month = "2026-11";
  w.from = FromEpochMillis(1'764'518'400'000);   // 2025-12-01 00:00 +08:00
  w.until = FromEpochMillis(1'796'054'400'000);  // 2026-12-01 00:00 +08:00
  w.now = kDecember;
  w.today = Date{std::chrono::year(2026), std::chrono::month(12), std::chrono::day(6)};
  return w;
}

class GradingConformanceTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::vector<Station> stations;
    for (const char* code : {"A1", "B2", "C3"}) {
      Station s;
      s.code = code;
      s.name = std::string("站 ") + code;
      s.region = "370783001";
      stations.push_back(s);
    }
    ASSERT_TRUE(store_->stations->SaveStations(stations).ok());
  }

  GradingRepository& grading() { return *store_->grading; }

  void CheckIn(const std::string& id, const std::string& station, UtcTime at,
               std::string month = "") {
    Checkin c{id, station, WorkerCategory::kCourier, "", "hash-" + id, at, std::move(month)};
    std::promise<Result<CheckinOutcome>> done;
    store_->checkins->RecordCheckin(
        c, 30min, [&](Result<CheckinOutcome> r) { done.set_value(std::move(r)); });
    ASSERT_TRUE(done.get_future().get().ok());
  }

  void Rate(const std::string& checkin, int stars, UtcTime at) {
    Rating r{checkin, "", stars, "", at, ""};
    std::promise<Result<std::string>> done;
    store_->checkins->RecordRating(r, "hash-" + checkin,
                                   [&](Result<std::string> x) { done.set_value(std::move(x)); });
    ASSERT_TRUE(done.get_future().get().ok());
  }

  void File(const std::string& id, const std::string& station, UtcTime at) {
    Report r;
    r.id = id;
    r.station_code = station;
    r.category = ReportCategory::kFacility;
    r.amenity = Amenity::kSeating;
    r.description = "坏了";
    r.local_month = 7;
    r.at = at;
    std::promise<Result<std::string>> done;
    store_->checkins->RecordReport(r, 24h,
                                   [&](Result<std::string> x) { done.set_value(std::move(x)); });
    ASSERT_TRUE(done.get_future().get().ok());
  }

  void Resolve(const std::string& id, UtcTime at) {
    auto t = store_->tickets->FindTicket(id);
    ASSERT_TRUE(t.ok() && t->has_value());
    TicketChange change{**t, {at, "m1", "resolve", TicketStatus::kResolved, ""}, (*t)->version};
    change.after.status = TicketStatus::kResolved;
    change.after.resolved_at = at;
    ASSERT_TRUE(store_->tickets->ApplyChange(change).ok());
  }

  GradingProposal Proposal(const std::string& code, int stars, std::optional<int> previous = {}) {
    GradingProposal p;
    p.station_code = code;
    p.stars = stars;
    p.previous_stars = previous;
    p.points = 10.0 * stars + 0.5;
    p.evidence[GradingMeasure::kAreaM2] = 12.5;
    p.evidence[GradingMeasure::kRatings] = stars;
    return p;
  }

  int64_t AddRun(const std::vector<GradingProposal>& proposals, std::string by = "a1") {
    GradingRun run;
    run.rules_version = 1;
    run.first_month = "2025-12";
    run.last_month = "2026-11";
    run.created_by = std::move(by);
    run.created_at = kDecember;
    run.stations = static_cast<int64_t>(proposals.size());
    for (const auto& p : proposals) ++run.by_stars[p.stars];
    auto id = grading().AddRun(run, proposals);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : 0;
  }
};

TEST_P(GradingConformanceTest, VersionOneOfTheRulesIsTheDefaultAndASaveAddsAVersion) {
  auto rules = grading().CurrentRules();
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  GradingRules expected = DefaultGradingRules();
  EXPECT_EQ(rules->version, 1);
  ASSERT_EQ(rules->criteria.size(), expected.criteria.size());
  for (std::size_t i = 0; i < expected.criteria.size(); ++i) {
    EXPECT_EQ(rules->criteria[i].measure, expected.criteria[i].measure);
    EXPECT_EQ(rules->criteria[i].points, expected.criteria[i].points);
    EXPECT_DOUBLE_EQ(rules->criteria[i].zero_at, expected.criteria[i].zero_at);
    EXPECT_DOUBLE_EQ(rules->criteria[i].full_at, expected.criteria[i].full_at);
  }
  ASSERT_EQ(rules->levels.size(), expected.levels.size());
  for (std::size_t i = 0; i < expected.levels.size(); ++i) {
    EXPECT_EQ(rules->levels[i].stars, expected.levels[i].stars);
    EXPECT_DOUBLE_EQ(rules->levels[i].min_points, expected.levels[i].min_points);
    ASSERT_EQ(rules->levels[i].requirements.size(), expected.levels[i].requirements.size());
    for (std::size_t j = 0; j < expected.levels[i].requirements.size(); ++j) {
      EXPECT_EQ(rules->levels[i].requirements[j].measure,
                expected.levels[i].requirements[j].measure);
      EXPECT_EQ(rules->levels[i].requirements[j].comparison,
                expected.levels[i].requirements[j].comparison);
      EXPECT_DOUBLE_EQ(rules->levels[i].requirements[j].threshold,
                       expected.levels[i].requirements[j].threshold);
    }
  }

  GradingRules changed = expected;
  changed.criteria[0].points = 25;
  changed.levels[4].requirements.pop_back();
  auto saved = grading().AddRules(changed, "city", kDecember);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(grading().CurrentRules()->criteria[0].points, 25);
  EXPECT_EQ(grading().CurrentRules()->levels[4].requirements.size(),
            expected.levels[4].requirements.size() - 1);
  // The old version stays readable (a run keeps the version it used).
  EXPECT_EQ(grading().Rules(1)->criteria[0].points, 20);
  EXPECT_EQ(grading().Rules(9).error().code, ErrorCode::kNotFound);
}

TEST_P(GradingConformanceTest, FactsAreSavedAndReplaced) {
  EXPECT_FALSE(grading().Facts("A1")->has_value());
  ASSERT_TRUE(grading().SaveFacts({"A1", 32.5, 20, "m1", kDecember}).ok());
  ASSERT_TRUE(grading().SaveFacts({"A1", 35.0, std::nullopt, "m2", kDecember + 1h}).ok());
  auto facts = grading().Facts("A1");
  ASSERT_TRUE(facts.ok() && facts->has_value());
  EXPECT_DOUBLE_EQ(*(*facts)->area_m2, 35.0);
  EXPECT_FALSE((*facts)->capacity.has_value());
  EXPECT_EQ((*facts)->updated_by, "m2");
  EXPECT_EQ((*facts)->updated_at, kDecember + 1h);
}

TEST_P(GradingConformanceTest, EvidenceComesFromEveryAreasRecordsOfTheWindow) {
  // Check-ins and ratings: two in the window at A1 (one rated 4, one 5), one before it.
  CheckIn("c1", "A1", kJulyNoon, "2026-07");
  CheckIn("c2", "A1", kJulyNoon + 24h);  // no month given: China's time
  CheckIn("c0", "A1", FromEpochMillis(1'735'704'000'000), "2025-01");
  Rate("c1", 4, kJulyNoon + 1min);
  Rate("c2", 5, kJulyNoon + 25h);
  // Inspections: A1 twice (hours kept once of two answered), B2 once before the window.
  Inspection in{0,         "A1", "370783001", "insp",
                kJulyNoon, 80,   "",          {{"hours_kept", CheckResult::kPass, "", ""}}};
  ASSERT_TRUE(store_->inspections->AddInspection(in).ok());
  in.score = 60;
  in.items = {{"hours_kept", CheckResult::kFail, "关门", ""},
              {"cleanliness", CheckResult::kPass, "", ""}};
  ASSERT_TRUE(store_->inspections->AddInspection(in).ok());
  in.station_code = "B2";
  in.at = FromEpochMillis(1'735'704'000'000);
  ASSERT_TRUE(store_->inspections->AddInspection(in).ok());
  // Tickets: A1 one resolved in time (48 h seating level? whatever it is, 1 h later is in time),
  // B2 one open and overdue now.
  File("1000000009", "A1", kJulyNoon);
  Resolve("1000000009", kJulyNoon + 1h);
  File("2000000008", "B2", kJulyNoon);
  // Supplies: C3 holds an expired batch of 藿香正气水 and an emptied expired batch of 创可贴.
  SupplyEntry e;
  e.station_code = "C3";
  e.item = "huoxiang";
  e.kind = SupplyEntryKind::kRestock;
  e.quantity = 3;
  e.batch = "H1";
  e.expires_on = Date{std::chrono::year(2026), std::chrono::month(10), std::chrono::day(1)};
  e.at = kJulyNoon;
  e.actor = "m1";
  ASSERT_TRUE(store_->supplies->AddEntry(e).ok());
  e.item = "band_aid";
  e.batch = "B1";
  ASSERT_TRUE(store_->supplies->AddEntry(e).ok());
  e.kind = SupplyEntryKind::kDiscard;
  e.expires_on.reset();
  ASSERT_TRUE(store_->supplies->AddEntry(e).ok());
  ASSERT_TRUE(grading().SaveFacts({"A1", 32.5, 20, "m1", kDecember}).ok());

  auto evidence = grading().CollectEvidence(Year());
  ASSERT_TRUE(evidence.ok()) << evidence.error().message;
  const StationEvidence& a = (*evidence)["A1"];
  EXPECT_DOUBLE_EQ(*a[GradingMeasure::kAreaM2], 32.5);
  EXPECT_DOUBLE_EQ(*a[GradingMeasure::kCapacity], 20);
  EXPECT_NEAR(*a[GradingMeasure::kCheckinsPerDay], 2.0 / 365, 1e-9);
  EXPECT_DOUBLE_EQ(*a[GradingMeasure::kRatings], 2);
  EXPECT_DOUBLE_EQ(*a[GradingMeasure::kSatisfaction], 4.5);
  EXPECT_DOUBLE_EQ(*a[GradingMeasure::kInspectionScore], 70);
  EXPECT_DOUBLE_EQ(*a[GradingMeasure::kHoursKept], 50);
  EXPECT_DOUBLE_EQ(*a[GradingMeasure::kOnTimeRate], 100);
  EXPECT_FALSE(a[GradingMeasure::kOverdueTickets].has_value());
  const StationEvidence& b = (*evidence)["B2"];
  EXPECT_DOUBLE_EQ(*b[GradingMeasure::kOverdueTickets], 1);
  EXPECT_FALSE(b[GradingMeasure::kInspectionScore].has_value());  // before the window
  EXPECT_FALSE(b[GradingMeasure::kOnTimeRate].has_value());
  const StationEvidence& c = (*evidence)["C3"];
  EXPECT_DOUBLE_EQ(*c[GradingMeasure::kExpiredMedicine], 1);
}

TEST_P(GradingConformanceTest, RunsKeepProposalsPageByCodeAndApprovalSetsGrades) {
  const int64_t first = AddRun({Proposal("A1", 3), Proposal("B2", 0), Proposal("C3", 5)});
  ASSERT_GT(first, 0);
  auto run = grading().FindRun(first);
  ASSERT_TRUE(run.ok() && run->has_value());
  EXPECT_EQ((*run)->status, GradingRunStatus::kProposed);
  EXPECT_EQ((*run)->stations, 3);
  EXPECT_EQ((*run)->by_stars, (std::array<int64_t, 6>{1, 0, 0, 1, 0, 1}));

  auto page = grading().Proposals(first, "", 2, false);
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].station_code, "A1");
  EXPECT_DOUBLE_EQ((*page)[0].points, 30.5);
  EXPECT_DOUBLE_EQ(*(*page)[0].evidence[GradingMeasure::kAreaM2], 12.5);
  EXPECT_EQ(grading().Proposals(first, "B2", 2, false)->at(0).station_code, "C3");
  // "Changed": the final stars differ from the previous grade (none counts as 0).
  auto changed = grading().Proposals(first, "", 10, true);
  ASSERT_EQ(changed->size(), 2u);

  ASSERT_TRUE(grading().OverrideProposal(first, "C3", 4, "面积核实不足").ok());
  EXPECT_EQ(grading().FindRun(first)->value().by_stars, (std::array<int64_t, 6>{1, 0, 0, 1, 1, 0}));
  EXPECT_EQ(grading().OverrideProposal(first, "ZZ", 4, "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(grading().OverrideProposal(99, "A1", 4, "x").error().code, ErrorCode::kNotFound);

  auto approved = grading().Review(first, true, "a2", "同意", kDecember + 1h);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_EQ(approved->status, GradingRunStatus::kApproved);
  EXPECT_EQ(approved->reviewed_by, "a2");
  EXPECT_EQ(approved->reviewed_at, std::optional<UtcTime>(kDecember + 1h));
  // Reviewed once only; no more corrections.
  EXPECT_EQ(grading().Review(first, false, "a2", "", kDecember).error().code, ErrorCode::kConflict);
  EXPECT_EQ(grading().OverrideProposal(first, "A1", 1, "x").error().code, ErrorCode::kConflict);

  auto grades = grading().CurrentGrades();
  ASSERT_TRUE(grades.ok());
  EXPECT_EQ((*grades)["A1"], 3);
  EXPECT_EQ((*grades)["C3"], 4);  // the reviewer's
  // The registry reads the grade with the station (search and pages show it).
  auto listed = store_->stations->ListStations();
  ASSERT_TRUE(listed.ok());
  for (const Station& s : *listed) {
    EXPECT_EQ(s.stars, (*grades)[s.code]) << s.code;
  }
  EXPECT_EQ((*store_->stations->FindStation("C3"))->stars, 4);

  // A rejected run changes nothing; a later approved one replaces and adds to the history.
  const int64_t rejected = AddRun({Proposal("A1", 1)});
  ASSERT_TRUE(grading().Review(rejected, false, "a2", "证据不全", kDecember + 2h).ok());
  const int64_t second = AddRun({Proposal("A1", 4, 3)});
  ASSERT_TRUE(grading().Review(second, true, "a2", "", kDecember + 3h).ok());
  auto later = grading().CurrentGrades();
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->at("A1"), 4);
  EXPECT_EQ(later->at("C3"), 4);
  auto history = grading().GradeHistory("A1");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].run_id, second);
  EXPECT_EQ((*history)[0].stars, 4);
  EXPECT_EQ((*history)[1].stars, 3);
  EXPECT_EQ(grading().ListRuns(10)->size(), 3u);
  EXPECT_EQ(grading().ListRuns(10)->front().id, second);
}

TEST_P(GradingConformanceTest, ApprovalMovesTheRegistryVersion) {
  auto before = store_->stations->RegistryVersion();
  ASSERT_TRUE(before.ok()) << before.error().message;
  const int64_t run = AddRun({Proposal("A1", 2)});
  ASSERT_TRUE(grading().Review(run, true, "a2", "", kDecember).ok());
  EXPECT_GT(*store_->stations->RegistryVersion(), *before);
}

YZ_INSTANTIATE_STORE_TESTS(GradingConformanceTest);

}  // namespace
}  // namespace yz
