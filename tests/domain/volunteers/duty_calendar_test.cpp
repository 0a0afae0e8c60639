// The calendar feed's text: RFC 5545 escaping and folding (never inside a UTF-8 character), and
// what each event says. The feed itself is parsed by a real parser in tests/web/duty_journey.
#include "domain/volunteers/duty_calendar.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

std::vector<std::string> PhysicalLines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find("\r\n", start);
    EXPECT_NE(end, std::string::npos) << "every line ends with CRLF";
    if (end == std::string::npos) break;
    out.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

bool ValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80         ? 1
                          : (c >> 5) == 6  ? 2
                          : (c >> 4) == 14 ? 3
                          : (c >> 3) == 30 ? 4
                                           : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    }
    i += n;
  }
  return true;
}

TEST(DutyCalendar, EscapesTextAsRfc5545Says) {
  EXPECT_EQ(EscapeCalendarText("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
}

TEST(DutyCalendar, FoldsAt75OctetsWithoutSplittingACharacter) {
  const std::string line = "SUMMARY:" + std::string(40, 'x') + std::string("驿站志愿值班") +
                           std::string("菜乡驿温暖家圣城街道文庙社区党群服务中心爱心驿站");
  const std::string folded = FoldCalendarLine(line);
  const auto lines = PhysicalLines(folded);
  ASSERT_GE(lines.size(), 2u);
  std::string unfolded;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u);
    EXPECT_TRUE(ValidUtf8(lines[i])) << "line " << i << " cuts a character";
    if (i > 0) {
      ASSERT_EQ(lines[i][0], ' ');
      unfolded += lines[i].substr(1);
    } else {
      unfolded += lines[i];
    }
  }
  EXPECT_EQ(unfolded, line);
}

TEST(DutyCalendar, OneEventPerShiftWithAStableUidAndCancelledHoldsMarked) {
  CalendarShift held;
  held.held.shift = {7,
                     "SG-C001",
                     *ParseRfc3339("2026-12-20T07:00:00+08:00"),
                     *ParseRfc3339("2026-12-20T09:00:00+08:00"),
                     "值班",
                     2,
                     1};
  held.held.hold.shift_id = 7;
  held.held.hold.volunteer_id = 3;
  held.station_name = "文庙社区驿站";
  held.station_address = "文圣街1069号";
  held.location = GeoPoint{Latitude(36.852693), Longitude(118.742263)};
  CalendarShift gone = held;
  gone.held.shift.id = 8;
  gone.held.hold.shift_id = 8;
  gone.held.hold.state = HoldState::kCancelled;
  const std::string feed = RenderDutyCalendar(std::vector<CalendarShift>{held, gone},
                                              *ParseRfc3339("2026-12-07T12:00:00Z"));
  const auto lines = PhysicalLines(feed);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_NE(feed.find("UID:shift-7-volunteer-3@yizhan\r\n"), std::string::npos);
  EXPECT_NE(feed.find("DTSTART:20261219T230000Z\r\n"), std::string::npos);
  EXPECT_NE(feed.find("DTEND:20261220T010000Z\r\n"), std::string::npos);
  EXPECT_NE(feed.find("DTSTAMP:20261207T120000Z\r\n"), std::string::npos);
  EXPECT_NE(feed.find("SUMMARY:驿站志愿值班：文庙社区驿站\r\n"), std::string::npos);
  EXPECT_NE(feed.find("LOCATION:文庙社区驿站，文圣街1069号\r\n"), std::string::npos);
  EXPECT_NE(feed.find("GEO:36.852693;118.742263\r\n"), std::string::npos);
  EXPECT_NE(feed.find("UID:shift-8-volunteer-3@yizhan\r\n"), std::string::npos);
  EXPECT_NE(feed.find("STATUS:CANCELLED\r\n"), std::string::npos);
  EXPECT_NE(feed.find("STATUS:CONFIRMED\r\n"), std::string::npos);
}

}  // namespace
}  // namespace yz
