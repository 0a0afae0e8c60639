#include "core/opening_hours.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.h"

// Boost.JSON compiled into this test only, so core_tests links nothing beyond yz_core.
#include <boost/json/src.hpp>

namespace yz {
namespace {

constexpr int kMinutesPerDay = 1440;

OpeningHours Hours(std::string_view text) {
  auto parsed = OpeningHours::Parse(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? std::move(parsed).value() : OpeningHours{};
}

// Weekday 0 = Monday; "HH:MM".
bool OpenAt(const OpeningHours& hours, int weekday, std::string_view hh_mm) {
  const int minute =
      std::stoi(std::string(hh_mm.substr(0, 2))) * 60 + std::stoi(std::string(hh_mm.substr(3, 2)));
  const auto open = hours.IsOpen(LocalTime{weekday, minute, 0});
  EXPECT_TRUE(open.has_value());
  return open.value_or(false);
}

constexpr int kMo = 0, kTu = 1, kWe = 2, kTh = 3, kFr = 4, kSa = 5, kSu = 6;

TEST(OpeningHoursTest, EmptyMeansUnknown) {
  for (std::string_view text : {"", "   ", "\t\n"}) {
    auto hours = OpeningHours::Parse(text);
    ASSERT_TRUE(hours.ok());
    EXPECT_TRUE(hours->unknown());
    EXPECT_EQ(hours->IsOpen(LocalTime{0, 600, 0}), std::nullopt);
  }
  EXPECT_EQ(OpeningHours{}.IsOpen(LocalTime{3, 0, 0}), std::nullopt);
}

TEST(OpeningHoursTest, TwentyFourSevenIsAlwaysOpen) {
  const OpeningHours hours = Hours("24/7");
  for (int d = 0; d < 7; ++d) EXPECT_TRUE(hours.OpenMinutes(d).all());
}

TEST(OpeningHoursTest, OffAndClosedAreNeverOpen) {
  for (std::string_view text : {"off", "closed", "24/7 off", "Mo-Su 08:00-18:00 closed"}) {
    const OpeningHours hours = Hours(text);
    for (int d = 0; d < 7; ++d) EXPECT_TRUE(hours.OpenMinutes(d).none()) << text;
  }
}

TEST(OpeningHoursTest, WeekdayRangesAndLists) {
  const OpeningHours hours = Hours("Mo,We-Fr 09:00-17:00");
  EXPECT_TRUE(OpenAt(hours, kMo, "09:00"));
  EXPECT_FALSE(OpenAt(hours, kTu, "12:00"));
  EXPECT_TRUE(OpenAt(hours, kWe, "12:00"));
  EXPECT_TRUE(OpenAt(hours, kFr, "16:59"));
  EXPECT_FALSE(OpenAt(hours, kFr, "17:00"));
  EXPECT_FALSE(OpenAt(hours, kMo, "08:59"));
  EXPECT_FALSE(OpenAt(hours, kSa, "12:00"));
}

TEST(OpeningHoursTest, WeekdayRangesMayWrapAroundTheWeek) {
  const OpeningHours hours = Hours("Fr-Mo 10:00-20:00");
  EXPECT_TRUE(OpenAt(hours, kFr, "10:00"));
  EXPECT_TRUE(OpenAt(hours, kSu, "10:00"));
  EXPECT_TRUE(OpenAt(hours, kMo, "10:00"));
  EXPECT_FALSE(OpenAt(hours, kTu, "10:00"));
  EXPECT_FALSE(OpenAt(hours, kTh, "10:00"));
}

TEST(OpeningHoursTest, SeveralSpansADay) {
  const OpeningHours hours = Hours("Mo-Fr 08:00-12:00,14:00-18:00");
  EXPECT_TRUE(OpenAt(hours, kTu, "08:00"));
  EXPECT_TRUE(OpenAt(hours, kTu, "11:59"));
  EXPECT_FALSE(OpenAt(hours, kTu, "12:00"));
  EXPECT_FALSE(OpenAt(hours, kTu, "13:59"));
  EXPECT_TRUE(OpenAt(hours, kTu, "14:00"));
  EXPECT_FALSE(OpenAt(hours, kTu, "18:00"));
  EXPECT_EQ(hours.OpenMinutes(kTu).count(), 8u * 60u);
  EXPECT_TRUE(hours.OpenMinutes(kSa).none());
}

TEST(OpeningHoursTest, SpansPastMidnightRunIntoTheNextDay) {
  const OpeningHours hours = Hours("Fr 22:00-06:00");
  EXPECT_FALSE(OpenAt(hours, kFr, "21:59"));
  EXPECT_TRUE(OpenAt(hours, kFr, "22:00"));
  EXPECT_TRUE(OpenAt(hours, kFr, "23:59"));
  EXPECT_TRUE(OpenAt(hours, kSa, "00:00"));
  EXPECT_TRUE(OpenAt(hours, kSa, "05:59"));
  EXPECT_FALSE(OpenAt(hours, kSa, "06:00"));
  EXPECT_FALSE(OpenAt(hours, kFr, "03:00"));  // Thursday has no span
  EXPECT_FALSE(OpenAt(hours, kSa, "22:00"));
}

TEST(OpeningHoursTest, SundayNightRunsIntoMonday) {
  const OpeningHours hours = Hours("Su 20:00-02:00");
  EXPECT_TRUE(OpenAt(hours, kMo, "01:00"));
  EXPECT_TRUE(OpenAt(hours, kSu, "21:00"));
  EXPECT_FALSE(OpenAt(hours, kSu, "01:00"));
}

TEST(OpeningHoursTest, TwentyFourHundredEndsAtMidnight) {
  const OpeningHours hours = Hours("Mo-Fr 08:00-24:00");
  EXPECT_TRUE(OpenAt(hours, kFr, "23:59"));
  EXPECT_FALSE(OpenAt(hours, kSa, "00:00"));
  EXPECT_EQ(hours.OpenMinutes(kMo).count(), 16u * 60u);
}

TEST(OpeningHoursTest, LaterRuleReplacesEarlierOnesForItsDays) {
  const OpeningHours hours = Hours("Mo-Fr 08:00-18:00; We 08:00-12:00");
  EXPECT_TRUE(OpenAt(hours, kTu, "15:00"));
  EXPECT_FALSE(OpenAt(hours, kWe, "15:00"));
  EXPECT_TRUE(OpenAt(hours, kWe, "10:00"));
}

// The reference (opening_hours.js) decides: `We off` closes all of Wednesday.
TEST(OpeningHoursTest, OffDayClosesADaytimeSchedule) {
  const OpeningHours hours = Hours("Mo-Su 06:00-21:00; We off");
  EXPECT_TRUE(OpenAt(hours, kTu, "12:00"));
  EXPECT_TRUE(hours.OpenMinutes(kWe).none());
  EXPECT_TRUE(OpenAt(hours, kTh, "06:00"));
  EXPECT_EQ(hours.OpenMinutes(kTh).count(), 15u * 60u);
}

// The reference decides: `We off` also closes the early hours of Wednesday that Tuesday's span
// spills into, but not the early hours of Thursday (that spill belongs to the Mo-Su rule,
// which still names Wednesday as the day it started).
TEST(OpeningHoursTest, OffDayAndSpillOverPastMidnight) {
  const OpeningHours hours = Hours("Mo-Su 22:00-06:00; We off");
  EXPECT_TRUE(OpenAt(hours, kTu, "23:00"));
  EXPECT_FALSE(OpenAt(hours, kWe, "03:00"));
  EXPECT_FALSE(OpenAt(hours, kWe, "23:00"));
  EXPECT_TRUE(OpenAt(hours, kTh, "03:00"));
  EXPECT_TRUE(OpenAt(hours, kTh, "23:00"));
}

TEST(OpeningHoursTest, OffWithTimesClosesOnlyThoseTimes) {
  const OpeningHours hours = Hours("Mo-Su 08:00-20:00; We 10:00-12:00 off");
  EXPECT_TRUE(OpenAt(hours, kWe, "09:00"));
  EXPECT_FALSE(OpenAt(hours, kWe, "11:00"));
  EXPECT_TRUE(OpenAt(hours, kWe, "13:00"));
}

TEST(OpeningHoursTest, RuleWithOnlyTimesAppliesToEveryDay) {
  const OpeningHours hours = Hours("08:00-12:00");
  for (int d = 0; d < 7; ++d) {
    EXPECT_TRUE(OpenAt(hours, d, "08:00"));
    EXPECT_FALSE(OpenAt(hours, d, "12:00"));
  }
}

TEST(OpeningHoursTest, RuleWithOnlyWeekdaysIsOpenAllDay) {
  const OpeningHours hours = Hours("Mo-Fr");
  EXPECT_TRUE(hours.OpenMinutes(kMo).all());
  EXPECT_TRUE(hours.OpenMinutes(kFr).all());
  EXPECT_TRUE(hours.OpenMinutes(kSa).none());
}

TEST(OpeningHoursTest, ToleratesSpacingCaseAndTrailingSemicolon) {
  const OpeningHours canonical = Hours("Mo-Fr 08:00-12:00,14:00-18:00; We off");
  for (std::string_view text :
       {"  Mo - Fr  08:00 - 12:00 , 14:00-18:00 ; We off ", "mo-fr 08:00-12:00,14:00-18:00;WE OFF",
        "Mo-Fr\t08:00-12:00,14:00-18:00; We off;"}) {
    const OpeningHours hours = Hours(text);
    for (int d = 0; d < 7; ++d) EXPECT_EQ(hours.OpenMinutes(d), canonical.OpenMinutes(d)) << text;
  }
}

TEST(OpeningHoursTest, KeepsTheTrimmedTextAndReparsesEqual) {
  const OpeningHours hours = Hours("  Mo-Fr 08:00-18:00; Sa 09:00-12:00 ");
  EXPECT_EQ(hours.text(), "Mo-Fr 08:00-18:00; Sa 09:00-12:00");
  EXPECT_EQ(Hours(hours.text()), hours);
  EXPECT_FALSE(hours.unknown());
}

TEST(OpeningHoursTest, ErrorsAreInChineseFirstAndNeverCutACharacter) {
  // What staff type: Chinese words where the syntax wants codes.
  auto parsed = OpeningHours::Parse("早上8点到晚上6点");
  ASSERT_FALSE(parsed.ok());
  const std::string& m = parsed.error().message;
  EXPECT_TRUE(IsValidUtf8(m)) << m;
  EXPECT_TRUE(m.starts_with("开放时间格式有误：第 1 个字符处")) << m;
  EXPECT_NE(m.find("此处是“早上8点到晚上6点”"), std::string::npos) << m;
  EXPECT_NE(m.find(" / opening hours: "), std::string::npos) << m;
  // Positions count characters, not bytes; a long Chinese excerpt stops at 12 whole characters.
  parsed = OpeningHours::Parse("Mo 早上八点到晚上六点半以后再关门");
  ASSERT_FALSE(parsed.ok());
  EXPECT_TRUE(IsValidUtf8(parsed.error().message)) << parsed.error().message;
  EXPECT_NE(parsed.error().message.find("第 4 个字符处"), std::string::npos)
      << parsed.error().message;
  EXPECT_NE(parsed.error().message.find("“早上八点到晚上六点半以后”"), std::string::npos)
      << parsed.error().message;
  EXPECT_NE(parsed.error().message.find("at offset 3"), std::string::npos);
  parsed = OpeningHours::Parse("Mo 08:60-09:00");
  EXPECT_NE(parsed.error().message.find("分钟应为 00 到 59"), std::string::npos);
  parsed = OpeningHours::Parse("PH off");
  EXPECT_NE(parsed.error().message.find("不支持节假日"), std::string::npos);
}

TEST(OpeningHoursTest, MalformedStringsGiveClearErrors) {
  struct Case {
    std::string_view text;
    std::string_view message_part;
  };
  const Case cases[] = {
      {"Mo-Fr 25:00-26:00", "must start before 24:00 at offset 6"},
      {"Mo 08:60-09:00", "minutes must be 00 to 59 at offset 3"},
      {"Mo 08:00-49:00", "at offset 9"},
      {"Mo-Fr 08:00-", "expected a time as HH:MM at offset 12 (found end of text)"},
      {"Mo-Fr 08:00", "expected '-' and a closing time at offset 11"},
      {"Xx 08:00-12:00", "at offset 0 (found 'Xx')"},
      {"Mon-Fri 08:00-12:00", "at offset 0 (found 'Mon-Fri')"},
      {"Mo-Fr, 08:00-12:00", "expected a weekday"},
      {", Mo", "at offset 0"},
      {"Mo-Fr 08:00-12:00 foo", "unknown word"},
      {"Mo-Fr 08:00-12:00 Sa", "weekdays must come before the times"},
      {"Mo-Fr 08:00-12:00,", "expected a rule after ','"},
      {"PH off", "holidays (PH, SH) are not supported"},
      {"Jan Mo 08:00-12:00", "month selectors are not supported"},
      {"sunrise-sunset", "sun-relative times are not supported"},
      {"Mo-Fr 08:00-12:00 \"by appointment\"", "comments are not supported"},
      {"Mo-Fr 08:00-12:00 || Sa 10:00-12:00", "expected ';' between rules at offset 18"},
      {"  Mo 8:5-12:00", "two digits of minutes) at offset 5"},
      {";", "expected at least one rule"},
  };
  for (const Case& c : cases) {
    const auto parsed = OpeningHours::Parse(c.text);
    ASSERT_FALSE(parsed.ok()) << c.text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(parsed.error().message.find(c.message_part), std::string::npos)
        << c.text << " → " << parsed.error().message;
  }
}

// --- The cases evaluated by the reference implementation (tools/opening-hours-reference). ---

std::filesystem::path FixturePath() {
  const std::filesystem::path relative = "tests/core/fixtures/opening_hours_cases.json";
  if (const char* source_dir = std::getenv("YIZHAN_SOURCE_DIR")) return source_dir / relative;
  for (std::filesystem::path dir = std::filesystem::current_path(); !dir.empty();
       dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / relative)) return dir / relative;
    if (dir == dir.parent_path()) break;
  }
  return std::filesystem::path(__FILE__).parent_path() / "fixtures/opening_hours_cases.json";
}

boost::json::object LoadFixture() {
  std::ifstream in(FixturePath());
  EXPECT_TRUE(in.good()) << "cannot read " << FixturePath();
  std::stringstream buffer;
  buffer << in.rdbuf();
  return boost::json::parse(buffer.str()).as_object();
}

TEST(OpeningHoursTest, AgreesWithTheReferenceAtEveryMinuteOfTheWeek) {
  const boost::json::object fixture = LoadFixture();
  const boost::json::array& cases = fixture.at("valid").as_array();
  ASSERT_GE(cases.size(), 50u);
  for (const auto& value : cases) {
    const boost::json::object& c = value.as_object();
    const std::string text(c.at("hours").as_string());
    std::array<std::bitset<1440>, 7> expected{};
    for (const auto& range : c.at("open").as_array()) {
      const int64_t from = range.as_array().at(0).as_int64();
      const int64_t to = range.as_array().at(1).as_int64();
      for (int64_t m = from; m < to; ++m) expected[m / kMinutesPerDay][m % kMinutesPerDay] = true;
    }
    const auto parsed = OpeningHours::Parse(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error().message;
    for (int d = 0; d < 7; ++d) {
      for (int m = 0; m < kMinutesPerDay; ++m) {
        const auto open = parsed->IsOpen(LocalTime{d, m, 0});
        ASSERT_TRUE(open.has_value());
        ASSERT_EQ(*open, expected[d][m]) << "\"" << text << "\" weekday " << d << " minute " << m;
      }
    }
  }
}

TEST(OpeningHoursTest, RejectsWhatTheReferenceRejects) {
  const boost::json::object fixture = LoadFixture();
  const boost::json::array& cases = fixture.at("invalid").as_array();
  ASSERT_GE(cases.size(), 10u);
  for (const auto& value : cases) {
    const std::string text(value.as_object().at("hours").as_string());
    const auto parsed = OpeningHours::Parse(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(parsed.error().message.find("at offset"), std::string::npos)
        << parsed.error().message;
  }
}

TEST(OpeningHoursTest, RejectsWhatTheReferenceOnlyGuessesOrWhatLiesOutsideTheSubset) {
  const boost::json::object fixture = LoadFixture();
  const boost::json::array& cases = fixture.at("outside_subset").as_array();
  ASSERT_GE(cases.size(), 10u);
  for (const auto& value : cases) {
    const std::string text(value.as_object().at("hours").as_string());
    const auto parsed = OpeningHours::Parse(text);
    EXPECT_FALSE(parsed.ok()) << text;
  }
}

}  // namespace
}  // namespace yz
