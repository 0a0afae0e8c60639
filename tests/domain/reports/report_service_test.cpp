#include "domain/reports/report_service.h"

#include <gtest/gtest.h>

#include "domain/fakes/fake_registry.h"

namespace yz {
namespace {

using testing::FakeAuditLog;
using testing::FakeRegistry;
using testing::FakeReports;
using testing::MakePrincipal;
using testing::MakeStation;

const UtcTime kNoon = FromEpochMillis(1'780'000'000'000);

class ReportServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(directory_
                    .Save(std::vector<Station>{MakeStation("IN1", "370783001", "里面"),
                                               MakeStation("OUT1", "370784001", "外面")})
                    .ok());
    reports_.Add({"r-in-old", "IN1", ReportCategory::kFacility, Amenity::kMicrowave, "坏了",
                  ReportStatus::kOpen, kNoon});
    reports_.Add({"r-in-new", "IN1", ReportCategory::kSupplies, std::nullopt, "没水",
                  ReportStatus::kOpen, kNoon + std::chrono::hours(1)});
    reports_.Add({"r-out", "OUT1", ReportCategory::kOther, std::nullopt, "别处",
                  ReportStatus::kOpen, kNoon});
  }

  FakeRegistry registry_;
  StationDirectory directory_{registry_};
  FakeReports reports_;
  FakeAuditLog log_;
  FakeClock clock_{kNoon};
  Auditor auditor_{log_, clock_};
  ReportService service_{reports_, directory_, auditor_};
  Principal manager_ = MakePrincipal(Role::kRegionAdmin, Scope{{"370783001"}, {}});
};

TEST_F(ReportServiceTest, ListsOnlyReportsOfStationsInScopeNewestFirst) {
  auto listed = service_.List(manager_, "", std::nullopt);
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].report.id, "r-in-new");
  EXPECT_EQ((*listed)[1].report.id, "r-in-old");
  EXPECT_EQ((*listed)[0].station_name, "里面");
}

TEST_F(ReportServiceTest, AStationOutsideTheScopeIsNotFoundAsIfAbsent) {
  auto outside = service_.List(manager_, "OUT1", std::nullopt);
  auto absent = service_.List(manager_, "NOPE", std::nullopt);
  ASSERT_FALSE(outside.ok());
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(outside.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(outside.error().message, absent.error().message);
}

TEST_F(ReportServiceTest, FiltersByStatusAndHonoursTheLimit) {
  ASSERT_TRUE(
      service_.SetStatus(Caller{manager_, "10.0.0.1"}, "r-in-old", ReportStatus::kResolved).ok());
  auto open = service_.List(manager_, "", ReportStatus::kOpen);
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].report.id, "r-in-new");
  auto one = service_.List(manager_, "", std::nullopt, 1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 1u);
}

TEST_F(ReportServiceTest, AStatusChangeIsStoredAndAuditedWithTheCaller) {
  auto changed =
      service_.SetStatus(Caller{manager_, "10.0.0.1"}, "r-in-old", ReportStatus::kInProgress);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(changed->report.status, ReportStatus::kInProgress);
  auto stored = reports_.FindReport("r-in-old");
  EXPECT_EQ((*stored)->status, ReportStatus::kInProgress);
  const auto entries = log_.entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "report.status");
  EXPECT_EQ(entries[0].object, "report:r-in-old");
  EXPECT_EQ(entries[0].actor, "alice");
  EXPECT_EQ(entries[0].role, "region_admin");
  EXPECT_EQ(entries[0].address, "10.0.0.1");
  EXPECT_EQ(entries[0].outcome, AuditOutcome::kSuccess);
  EXPECT_EQ(entries[0].at, kNoon);
}

TEST_F(ReportServiceTest, AReportOutsideTheScopeCannotBeChangedAndStaysAsItWas) {
  auto refused =
      service_.SetStatus(Caller{manager_, "10.0.0.1"}, "r-out", ReportStatus::kDismissed);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
  EXPECT_EQ((*reports_.FindReport("r-out"))->status, ReportStatus::kOpen);
  EXPECT_TRUE(log_.entries().empty());
}

TEST_F(ReportServiceTest, AStoreFailureIsReturnedAndAuditedAsFailed) {
  reports_.fail_next_ = true;
  auto failed =
      service_.SetStatus(Caller{manager_, "10.0.0.1"}, "r-in-old", ReportStatus::kResolved);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  ASSERT_EQ(log_.entries().size(), 1u);
  EXPECT_EQ(log_.entries()[0].outcome, AuditOutcome::kFailed);
}

}  // namespace
}  // namespace yz
