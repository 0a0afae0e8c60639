// Star grading's rules and evaluation (domain/grading/grading.h).
#include "domain/grading/grading.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

using M = GradingMeasure;

// Everything the default five stars ask for, with room to spare.
StationEvidence Excellent() {
  StationEvidence e;
  e[M::kAreaM2] = 40;
  e[M::kCapacity] = 25;
  e[M::kStandardAmenities] = 10;
  e[M::kAed] = 1;
  e[M::kHoursKept] = 100;
  e[M::kInspectionScore] = 96;
  e[M::kOverdueTickets] = 0;
  e[M::kExpiredMedicine] = 0;
  e[M::kSatisfaction] = 4.9;
  e[M::kRatings] = 120;
  e[M::kCheckinsPerDay] = 30;
  e[M::kOnTimeRate] = 100;
  return e;
}

TEST(GradingTest, AnExcellentStationEarnsEveryPointAndFiveStars) {
  const GradingRules rules = DefaultGradingRules();
  ASSERT_TRUE(rules.Validate().ok());
  EXPECT_EQ(rules.MaxPoints(), 100);
  const Evaluation e = Evaluate(rules, Excellent());
  EXPECT_EQ(e.stars, 5);
  EXPECT_DOUBLE_EQ(e.points, 100);
  EXPECT_TRUE(e.held_back.empty());
  ASSERT_EQ(e.criteria.size(), rules.criteria.size());
  EXPECT_EQ(e.criteria[1].measure, M::kAreaM2);
  EXPECT_EQ(e.criteria[1].explanation,
            "面积 40 m²：得 10 分（10 m²为 0 分，30 m²为满分 10 分，其间按比例）");
}

TEST(GradingTest, PointsScaleLinearlyBetweenZeroAndFull) {
  GradingRules rules;
  rules.criteria = {{M::kAreaM2, 10, 10, 30}, {M::kOverdueTickets, 10, 4, 0}};
  rules.levels = {{1, 0, {}}};
  StationEvidence e;
  e[M::kAreaM2] = 25;         // 3/4 of the way: 7.5
  e[M::kOverdueTickets] = 1;  // less is better: 3/4 → 7.5
  EXPECT_DOUBLE_EQ(Evaluate(rules, e).points, 15);
  e[M::kAreaM2] = 5;  // below zero_at: nothing, never negative
  e[M::kOverdueTickets] = 9;
  EXPECT_DOUBLE_EQ(Evaluate(rules, e).points, 0);
}

TEST(GradingTest, AHardRequirementHoldsAStationBackWhateverItsPoints) {
  StationEvidence e = Excellent();
  e[M::kAreaM2] = 25;  // five stars need 30 m²
  Evaluation result = Evaluate(DefaultGradingRules(), e);
  EXPECT_EQ(result.stars, 4);
  ASSERT_EQ(result.held_back.size(), 1u);
  EXPECT_EQ(result.held_back[0], "五星面积至少 30 m²，本站 25 m²");

  e = Excellent();
  e[M::kAed].reset();
  e[M::kExpiredMedicine] = 1;  // two stars and up need no expired medicine
  result = Evaluate(DefaultGradingRules(), e);
  EXPECT_EQ(result.stars, 1);
  EXPECT_EQ(result.held_back[0], "二星过期未处理的药品至多 0 批，本站 1 批");
}

TEST(GradingTest, MissingEvidenceEarnsNothingAndMeetsNoRequirement) {
  StationEvidence e = Excellent();
  e[M::kHoursKept].reset();  // nobody inspected
  const Evaluation result = Evaluate(DefaultGradingRules(), e);
  EXPECT_EQ(result.stars, 3);  // four stars require hours kept ≥ 90
  EXPECT_DOUBLE_EQ(result.points, 85);
  EXPECT_EQ(
      result.criteria[3].explanation.substr(0, std::string("暗访时按公示时间开放：无记录").size()),
      "暗访时按公示时间开放：无记录");
  EXPECT_NE(std::find(result.held_back.begin(), result.held_back.end(),
                      "四星暗访时按公示时间开放至少 90%，本站无记录"),
            result.held_back.end());
  // A station with no evidence at all gets no star, and the reason says why.
  const Evaluation none = Evaluate(DefaultGradingRules(), StationEvidence{});
  EXPECT_EQ(none.stars, 0);
  EXPECT_EQ(none.held_back.front(), "一星须总分至少 30 分，本站 0 分");
}

TEST(GradingTest, ValidationNamesTheFirstProblemInChinese) {
  GradingRules rules = DefaultGradingRules();
  rules.criteria.push_back(rules.criteria[0]);
  EXPECT_NE(rules.Validate().error().message.find("重复"), std::string::npos);
  rules = DefaultGradingRules();
  rules.criteria[0].full_at = rules.criteria[0].zero_at;
  EXPECT_FALSE(rules.Validate().ok());
  rules = DefaultGradingRules();
  std::swap(rules.levels[0], rules.levels[1]);
  EXPECT_NE(rules.Validate().error().message.find("从低到高"), std::string::npos);
  rules = DefaultGradingRules();
  rules.levels[4].min_points = 101;
  EXPECT_FALSE(rules.Validate().ok());
  rules = DefaultGradingRules();
  rules.levels[2].min_points = 10;  // three stars for fewer points than two
  EXPECT_FALSE(rules.Validate().ok());
  rules.criteria.clear();
  EXPECT_EQ(rules.Validate().error().code, ErrorCode::kInvalidArgument);
}

TEST(GradingTest, EvidenceRoundTripsThroughItsStoredForm) {
  StationEvidence e = Excellent();
  e[M::kSatisfaction] = 4.123456789;
  e[M::kCapacity].reset();
  const std::string text = EncodeEvidence(e);
  auto back = DecodeEvidence(text);
  ASSERT_TRUE(back.has_value()) << text;
  EXPECT_EQ(back->values, e.values);
  EXPECT_TRUE(DecodeEvidence(std::string(kGradingMeasureCount - 1, ';')).has_value());
  EXPECT_FALSE(DecodeEvidence("1;2").has_value());
  EXPECT_FALSE(DecodeEvidence(std::string(kGradingMeasureCount, ';')).has_value());
  EXPECT_FALSE(DecodeEvidence("x" + std::string(kGradingMeasureCount - 1, ';')).has_value());
}

TEST(GradingTest, MeasuresHaveCodesAndChineseLabels) {
  for (int i = 0; i < kGradingMeasureCount; ++i) {
    const auto m = static_cast<GradingMeasure>(i);
    EXPECT_EQ(ParseGradingMeasure(GradingMeasureCode(m)), m);
    EXPECT_FALSE(GradingMeasureLabel(m).empty());
  }
  EXPECT_FALSE(ParseGradingMeasure("drinking_water").has_value());
  EXPECT_EQ(FormatMeasure(M::kAed, 1.0), "有");
  EXPECT_EQ(FormatMeasure(M::kSatisfaction, 4.5), "4.5 星");
  EXPECT_EQ(FormatMeasure(M::kOnTimeRate, std::nullopt), "无记录");
}

}  // namespace
}  // namespace yz
