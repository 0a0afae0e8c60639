#include "domain/upkeep/ticket_workflow.h"

#include <gtest/gtest.h>

#include "domain/checkins/report_number.h"

namespace yz {
namespace {

const UtcTime kNoon = FromEpochMillis(1'780'000'000'000);

Ticket Fresh() {
  Ticket t;
  t.id = "4829301756";
  t.station_code = "SG001";
  t.at = kNoon;
  t.updated_at = kNoon;
  return t;
}

TicketCommand Command(TicketAction a) {
  TicketCommand c;
  c.action = a;
  return c;
}

TEST(TicketWorkflowTest, ATicketGoesFromNewToVerifiedAlongTheUsualRoad) {
  Ticket t = Fresh();
  TicketCommand assign = Command(TicketAction::kAssign);
  assign.assignee = "wang";
  t = *NextState(t, assign, kNoon);
  EXPECT_EQ(t.status, TicketStatus::kAssigned);
  EXPECT_EQ(t.assignee, std::optional<std::string>("wang"));
  t = *NextState(t, Command(TicketAction::kStart), kNoon);
  EXPECT_EQ(t.status, TicketStatus::kInProgress);
  t = *NextState(t, Command(TicketAction::kWaitParts), kNoon);
  EXPECT_EQ(t.status, TicketStatus::kWaitingParts);
  t = *NextState(t, Command(TicketAction::kStart), kNoon);
  const UtcTime later = kNoon + std::chrono::hours(5);
  t = *NextState(t, Command(TicketAction::kResolve), later);
  EXPECT_EQ(t.status, TicketStatus::kResolved);
  EXPECT_EQ(t.resolved_at, std::optional<UtcTime>(later));
  EXPECT_FALSE(IsOpen(t.status));
  t = *NextState(t, Command(TicketAction::kVerify), later);
  EXPECT_EQ(t.status, TicketStatus::kVerified);
}

TEST(TicketWorkflowTest, StepsOutOfOrderAreRefusedInChinese) {
  const auto started = NextState(Fresh(), Command(TicketAction::kStart), kNoon);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, ErrorCode::kConflict);
  EXPECT_NE(started.error().message.find("待分派"), std::string::npos);
  EXPECT_FALSE(NextState(Fresh(), Command(TicketAction::kVerify), kNoon).ok());
  Ticket closed = Fresh();
  closed.status = TicketStatus::kRejected;
  EXPECT_FALSE(NextState(closed, Command(TicketAction::kMerge), kNoon).ok());
}

TEST(TicketWorkflowTest, RejectNeedsAReasonAssignNeedsSomeoneMergeNeedsAnotherTicket) {
  EXPECT_EQ(NextState(Fresh(), Command(TicketAction::kReject), kNoon).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(NextState(Fresh(), Command(TicketAction::kAssign), kNoon).error().code,
            ErrorCode::kInvalidArgument);
  TicketCommand self = Command(TicketAction::kMerge);
  self.into = Fresh().id;
  EXPECT_EQ(NextState(Fresh(), self, kNoon).error().code, ErrorCode::kInvalidArgument);
  TicketCommand merge = Command(TicketAction::kMerge);
  merge.into = "1234567897";
  const auto merged = NextState(Fresh(), merge, kNoon);
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->status, TicketStatus::kMerged);
  EXPECT_EQ(merged->merged_into, std::optional<std::string>("1234567897"));
  EXPECT_TRUE(merged->closed_at.has_value());
}

TEST(TicketWorkflowTest, TheReporterConfirmsOrReopensAResolvedTicket) {
  Ticket t = Fresh();
  t.status = TicketStatus::kResolved;
  t.assignee = "wang";
  t.resolved_at = kNoon;
  const auto fixed = AfterVerdict(t, WorkerVerdict::kFixed, kNoon);
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(fixed->status, TicketStatus::kVerified);
  EXPECT_EQ(fixed->verdict, WorkerVerdict::kFixed);
  const auto not_fixed = AfterVerdict(t, WorkerVerdict::kNotFixed, kNoon);
  ASSERT_TRUE(not_fixed.ok());
  EXPECT_EQ(not_fixed->status, TicketStatus::kAssigned);
  EXPECT_FALSE(not_fixed->resolved_at.has_value());
  EXPECT_FALSE(AfterVerdict(Fresh(), WorkerVerdict::kFixed, kNoon).ok());
}

TEST(ReportNumberTest, NumbersAreTenDigitsWithALuhnCheckAndReadInGroups) {
  for (int i = 0; i < 200; ++i) {
    const std::string n = NewReportNumber();
    ASSERT_EQ(n.size(), 10u);
    EXPECT_NE(n[0], '0');
    EXPECT_EQ(NormalizeReportNumber(n), std::optional<std::string>(n));
  }
  EXPECT_EQ(WithCheckDigit("7992739871"), "79927398713");  // the Luhn example number
  EXPECT_EQ(WithCheckDigit("799273987"), "7992739875");
  EXPECT_EQ(NormalizeReportNumber(" 799 273-9875 "), std::optional<std::string>("7992739875"));
  EXPECT_FALSE(NormalizeReportNumber("7992739872").has_value());  // one digit misheard
  EXPECT_FALSE(NormalizeReportNumber("7992739857").has_value());  // two digits swapped
  EXPECT_FALSE(NormalizeReportNumber("799273987").has_value());
  EXPECT_FALSE(NormalizeReportNumber("../../etc").has_value());
  EXPECT_EQ(NormalizeReportNumber("yGExkzmHpWJR71QH"),
            std::optional<std::string>("yGExkzmHpWJR71QH"));
  EXPECT_EQ(FormatReportNumber("7992739875"), "799 273 9875");
  EXPECT_EQ(FormatReportNumber("yGExkzmHpWJR71QH"), "yGExkzmHpWJR71QH");
}

}  // namespace
}  // namespace yz
