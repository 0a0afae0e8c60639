// Recurring duty: which days a template makes shifts on, their local times (overnight ones end
// the next day), the validity dates, the checks and the Chinese description.
#include "domain/volunteers/duty_template.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

Date D(int y, int m, int d) {
  return Date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
              std::chrono::day(static_cast<unsigned>(d))};
}

DutyTemplate Weekdays() {
  DutyTemplate t;
  t.station_code = "A1";
  t.weekdays = 0x1F;  // Monday to Friday
  t.start_minute = 7 * 60;
  t.end_minute = 9 * 60;
  t.role = "值班";
  t.needed = 2;
  t.valid_from = D(2026, 12, 1);
  return t;
}

TEST(DutyTemplate, WeekdaysMakeFiveShiftsAWeekAtLocalTimes) {
  const auto shifts = ShiftsOfTemplate(Weekdays(), D(2026, 12, 7), D(2026, 12, 13),
                                       TimeZone::Shanghai());  // Monday to Sunday
  ASSERT_EQ(shifts.size(), 5u);
  EXPECT_EQ(shifts[0].starts_at, *ParseRfc3339("2026-12-07T07:00:00+08:00"));
  EXPECT_EQ(shifts[0].ends_at, *ParseRfc3339("2026-12-07T09:00:00+08:00"));
  EXPECT_EQ(shifts[4].starts_at, *ParseRfc3339("2026-12-11T07:00:00+08:00"));
  EXPECT_EQ(shifts[0].needed, 2);
  EXPECT_EQ(shifts[0].role, "值班");
  EXPECT_EQ(shifts[0].station_code, "A1");
}

TEST(DutyTemplate, OvernightShiftsEndTheNextDayAndValidityCutsTheRange) {
  DutyTemplate t = Weekdays();
  t.weekdays = 0x60;  // Saturday and Sunday
  t.start_minute = 22 * 60;
  t.end_minute = 6 * 60;
  t.valid_from = D(2026, 12, 13);   // a Sunday
  t.valid_until = D(2026, 12, 19);  // a Saturday
  const auto shifts = ShiftsOfTemplate(t, D(2026, 12, 1), D(2026, 12, 31), TimeZone::Shanghai());
  ASSERT_EQ(shifts.size(), 2u);
  EXPECT_EQ(shifts[0].starts_at, *ParseRfc3339("2026-12-13T22:00:00+08:00"));
  EXPECT_EQ(shifts[0].ends_at, *ParseRfc3339("2026-12-14T06:00:00+08:00"));
  EXPECT_EQ(shifts[1].starts_at, *ParseRfc3339("2026-12-19T22:00:00+08:00"));
  EXPECT_EQ(DescribeDutyTemplate(t), "周六、周日 22:00–次日06:00 值班 2 人");
  EXPECT_EQ(DescribeDutyTemplate(Weekdays()), "周一至周五 07:00–09:00 值班 2 人");
}

TEST(DutyTemplate, ChecksEveryField) {
  EXPECT_TRUE(ValidateDutyTemplate(Weekdays()).ok());
  DutyTemplate t = Weekdays();
  t.weekdays = 0;
  EXPECT_FALSE(ValidateDutyTemplate(t).ok());
  t = Weekdays();
  t.end_minute = t.start_minute;
  EXPECT_FALSE(ValidateDutyTemplate(t).ok());
  t = Weekdays();
  t.needed = 21;
  EXPECT_FALSE(ValidateDutyTemplate(t).ok());
  t = Weekdays();
  t.role = "";
  EXPECT_FALSE(ValidateDutyTemplate(t).ok());
  t = Weekdays();
  t.valid_until = D(2026, 11, 30);
  EXPECT_FALSE(ValidateDutyTemplate(t).ok());
  t = Weekdays();
  t.start_minute = 1440;
  EXPECT_FALSE(ValidateDutyTemplate(t).ok());
}

}  // namespace
}  // namespace yz
