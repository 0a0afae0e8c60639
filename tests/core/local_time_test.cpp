#include "core/local_time.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

using std::chrono::milliseconds;

UtcTime Utc(std::string_view text) {
  const auto t = ParseRfc3339(text);
  EXPECT_TRUE(t.has_value()) << text;
  return t.value_or(UtcTime{});
}

int64_t Millis(UtcTime t) { return t.time_since_epoch().count(); }

TEST(LocalTimeTest, ParsesUtcAndOffsets) {
  EXPECT_EQ(Millis(Utc("1970-01-01T00:00:00Z")), 0);
  EXPECT_EQ(Millis(Utc("2026-07-01T08:30:00+08:00")), Millis(Utc("2026-07-01T00:30:00Z")));
  EXPECT_EQ(Millis(Utc("2026-07-01T00:30:00-05:30")), Millis(Utc("2026-07-01T06:00:00Z")));
  EXPECT_EQ(Millis(Utc("2026-07-01T00:30:00+00:00")), Millis(Utc("2026-07-01T00:30:00Z")));
  EXPECT_EQ(Millis(Utc("2026-07-01T00:30:00-00:00")), Millis(Utc("2026-07-01T00:30:00Z")));
  EXPECT_EQ(Millis(Utc("2026-07-01T00:00:00Z")), 1782864000000);
}

TEST(LocalTimeTest, AcceptsLowerCaseSeparatorsAsRfc3339Does) {
  EXPECT_EQ(Millis(Utc("2026-07-01t08:30:00z")), Millis(Utc("2026-07-01T08:30:00Z")));
}

TEST(LocalTimeTest, KeepsMillisecondsOfAFraction) {
  EXPECT_EQ(Millis(Utc("1970-01-01T00:00:00.5Z")), 500);
  EXPECT_EQ(Millis(Utc("1970-01-01T00:00:00.123Z")), 123);
  EXPECT_EQ(Millis(Utc("1970-01-01T00:00:00.123999999Z")), 123);
  EXPECT_EQ(Millis(Utc("1970-01-01T08:00:00.25+08:00")), 250);
}

TEST(LocalTimeTest, ParsesDatesBeforeTheEpochAndLeapDays) {
  EXPECT_EQ(Millis(Utc("1969-12-31T23:59:59Z")), -1000);
  EXPECT_TRUE(ParseRfc3339("2024-02-29T12:00:00Z").has_value());
  EXPECT_TRUE(ParseRfc3339("2000-02-29T12:00:00Z").has_value());
}

TEST(LocalTimeTest, RejectsAnythingElse) {
  for (std::string_view bad : {
           "",
           "2026-07-01",
           "2026-07-01T08:30:00",          // no offset
           "2026-07-01T08:30Z",            // no seconds
           "2026-07-01 08:30:00Z",         // space instead of T
           "2026-07-01T08:30:00+0800",     // offset without colon
           "2026-07-01T08:30:00+08",       // offset without minutes
           "2026-07-01T08:30:00+24:00",    // offset hour out of range
           "2026-07-01T08:30:00+08:60",    // offset minute out of range
           "2026-02-30T08:30:00Z",         // no such day
           "2023-02-29T08:30:00Z",         // not a leap year
           "1900-02-29T08:30:00Z",         // not a leap year
           "2026-13-01T08:30:00Z",         // no such month
           "2026-00-01T08:30:00Z",
           "2026-07-00T08:30:00Z",
           "2026-07-01T24:00:00Z",         // hour 24
           "2026-07-01T08:60:00Z",
           "2026-07-01T08:30:60Z",         // leap second: no UtcTime for it
           "2026-07-01T08:30:00.Z",        // empty fraction
           "2026-07-01T08:30:00ZZ",
           "2026-07-01T08:30:00Z ",
           " 2026-07-01T08:30:00Z",
           "2026-07-01T08:30:00+08:00x",
           "26-07-01T08:30:00Z",
           "2026/07/01T08:30:00Z",
           "2026-7-01T08:30:00Z",
           "2026-07-01T8:30:00Z",
           "+2026-07-01T08:30:00Z",
           "2026-07-01T08:30:00,5Z",
       }) {
    EXPECT_EQ(ParseRfc3339(bad), std::nullopt) << bad;
  }
}

TEST(LocalTimeTest, KnowsTheListedZones) {
  for (std::string_view name : {"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Hong_Kong",
                                "Asia/Macau", "Asia/Taipei"}) {
    const auto zone = TimeZone::FromName(name);
    ASSERT_TRUE(zone.has_value()) << name;
    EXPECT_EQ(zone->name(), name);
    EXPECT_EQ(zone->offset_minutes(), 480);
  }
  EXPECT_EQ(TimeZone::FromName("Asia/Urumqi")->offset_minutes(), 360);
  EXPECT_EQ(TimeZone::FromName("UTC")->offset_minutes(), 0);
  EXPECT_EQ(TimeZone::FromName("asia/shanghai"), std::nullopt);
  EXPECT_EQ(TimeZone::FromName("Europe/Berlin"), std::nullopt);
  EXPECT_EQ(TimeZone::FromName(""), std::nullopt);
  EXPECT_EQ(TimeZone::Shanghai().name(), "Asia/Shanghai");
  EXPECT_EQ(TimeZone::Shanghai().offset_minutes(), 480);
}

TEST(LocalTimeTest, ToLocalGivesWeekdayMinuteAndDay) {
  const TimeZone shanghai = TimeZone::Shanghai();
  // 2026-07-06 is a Monday; 23:30 UTC on Sunday is 07:30 Monday in Shanghai.
  const LocalTime monday = shanghai.ToLocal(Utc("2026-07-05T23:30:00Z"));
  EXPECT_EQ(monday.weekday, 0);
  EXPECT_EQ(monday.minute_of_day, 7 * 60 + 30);
  const LocalTime sunday = TimeZone::FromName("UTC")->ToLocal(Utc("2026-07-05T23:30:00Z"));
  EXPECT_EQ(sunday.weekday, 6);
  EXPECT_EQ(sunday.minute_of_day, 23 * 60 + 30);
  EXPECT_EQ(monday.day_number, sunday.day_number + 1);
}

TEST(LocalTimeTest, TheEpochWasAThursday) {
  const LocalTime t = TimeZone::FromName("UTC")->ToLocal(UtcTime{milliseconds{0}});
  EXPECT_EQ(t.weekday, 3);
  EXPECT_EQ(t.minute_of_day, 0);
  EXPECT_EQ(t.day_number, 0);
}

TEST(LocalTimeTest, ToLocalWorksBeforeTheEpoch) {
  const TimeZone utc = *TimeZone::FromName("UTC");
  const LocalTime t = utc.ToLocal(UtcTime{milliseconds{-1}});  // 1969-12-31 23:59:59.999, Wednesday
  EXPECT_EQ(t.weekday, 2);
  EXPECT_EQ(t.minute_of_day, 1439);
  EXPECT_EQ(t.day_number, -1);
  const LocalTime early = utc.ToLocal(Utc("1969-12-29T00:00:00Z"));  // a Monday
  EXPECT_EQ(early.weekday, 0);
  EXPECT_EQ(early.day_number, -3);
}

TEST(LocalTimeTest, ConsecutiveDaysDifferByOneAndWeekdaysCycle) {
  const TimeZone urumqi = *TimeZone::FromName("Asia/Urumqi");
  UtcTime t = Utc("2026-01-01T12:00:00Z");  // 18:00 Thursday in Urumqi
  LocalTime previous = urumqi.ToLocal(t);
  EXPECT_EQ(previous.weekday, 3);
  EXPECT_EQ(previous.minute_of_day, 18 * 60);
  for (int i = 0; i < 800; ++i) {
    t += std::chrono::hours{24};
    const LocalTime now = urumqi.ToLocal(t);
    EXPECT_EQ(now.day_number, previous.day_number + 1);
    EXPECT_EQ(now.weekday, (previous.weekday + 1) % 7);
    EXPECT_EQ(now.minute_of_day, previous.minute_of_day);
    previous = now;
  }
}

}  // namespace
}  // namespace yz
