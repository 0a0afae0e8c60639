// The volunteer register and the duty roster of contract section 10, read from CSV: every rule,
// every bad row reported with its line, nothing returned for a file with an error.
#include "domain/volunteers/volunteer_files.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

std::vector<int> Lines(const std::vector<RowError>& errors) {
  std::vector<int> lines;
  for (const RowError& e : errors) lines.push_back(e.line);
  return lines;
}

bool Mentions(const std::vector<RowError>& errors, int line, std::string_view text) {
  for (const RowError& e : errors) {
    if (e.line == line && e.message.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(VolunteerFile, ReadsEveryColumnAndNormalisesPhonesAndSkills) {
  const auto parsed = ParseVolunteerFile(
      "phone,name,region,skills,note\r\n"
      "138 0013 8000,张三,370783,party_member|first_aid,早班\r\n"
      "+86 13900139000,李四,,,\r\n",
      SpreadsheetFormat::kCsv);
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().message;
  ASSERT_EQ(parsed.rows.size(), 2u);
  EXPECT_EQ(parsed.rows[0].line, 2);
  EXPECT_EQ(parsed.rows[0].phone, "13800138000");
  EXPECT_EQ(parsed.rows[0].name, "张三");
  EXPECT_EQ(parsed.rows[0].region, "370783");
  EXPECT_EQ(parsed.rows[0].skills,
            (std::vector<VolunteerSkill>{VolunteerSkill::kFirstAid, VolunteerSkill::kPartyMember}));
  EXPECT_EQ(parsed.rows[0].note, "早班");
  EXPECT_EQ(parsed.rows[1].phone, "13900139000");
  EXPECT_TRUE(parsed.rows[1].skills.empty());
}

TEST(VolunteerFile, OnlyPhoneAndNameAreRequiredInAnyOrder) {
  const auto parsed = ParseVolunteerFile("name,phone\n王五,13700137000\n", SpreadsheetFormat::kCsv);
  ASSERT_TRUE(parsed.errors.empty());
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_EQ(parsed.rows[0].name, "王五");
}

TEST(VolunteerFile, ReportsEveryBadRowByLine) {
  const auto parsed = ParseVolunteerFile(
      "phone,name,region,skills,note\n"
      "12345,张三,,,\n"                          // 2: not a mobile number
      "13800138000,,,,\n"                        // 3: no name
      "13900139000,李四,37x,,\n"                 // 4: bad region
      "13700137000,王五,,first_aid|swimming,\n"  // 5: unknown skill
      "13600136000,赵六,,legal|legal,\n"         // 6: a skill twice
      "13700137000,钱七,,,\n"                    // 7: phone of line 5
      "13500135000,孙八,,,ok\n",                 // 8: fine
      SpreadsheetFormat::kCsv);
  EXPECT_EQ(Lines(parsed.errors), (std::vector<int>{2, 3, 4, 5, 6, 7}));
  EXPECT_TRUE(Mentions(parsed.errors, 2, "not a mainland mobile number"));
  EXPECT_TRUE(Mentions(parsed.errors, 3, "name must be 1 to 50 characters"));
  EXPECT_TRUE(Mentions(parsed.errors, 4, "region '37x'"));
  EXPECT_TRUE(Mentions(parsed.errors, 5, "unknown skill 'swimming'"));
  EXPECT_TRUE(Mentions(parsed.errors, 6, "listed twice"));
  EXPECT_TRUE(Mentions(parsed.errors, 7, "line 5"));
}

TEST(VolunteerFile, HeaderProblemsAndNonUtf8FilesAreErrorsOfTheirLine) {
  auto parsed = ParseVolunteerFile("phone,nickname\n13800138000,x\n", SpreadsheetFormat::kCsv);
  EXPECT_TRUE(Mentions(parsed.errors, 1, "unknown or repeated column 'nickname'"));
  EXPECT_TRUE(Mentions(parsed.errors, 1, "required column 'name' is missing"));
  EXPECT_TRUE(parsed.rows.empty());
  parsed =
      ParseVolunteerFile("phone,name\n13800138000,\xd5\xc5\xc8\xfd\n", SpreadsheetFormat::kCsv);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].line, 2);
  EXPECT_NE(parsed.errors[0].message.find("UTF-8"), std::string::npos);
  parsed = ParseVolunteerFile("", SpreadsheetFormat::kCsv);
  EXPECT_EQ(Lines(parsed.errors), (std::vector<int>{1}));
}

TEST(RosterFile, ReadsLocalAndOffsetTimesDefaultsAndVolunteers) {
  const auto parsed = ParseRosterFile(
      "station,starts_at,ends_at,role,needed,volunteers\n"
      "SG-C001,2026-12-20 07:00,2026-12-20 09:00,,2,13800138000|13900139000\n"
      "SG-C002,2026-12-21T08:00:00+08:00,2026-12-21T00:30:00Z,清凉服务,,\n"
      "SG-C003,2026-12-21 22:00:30,2026-12-22 06:00,值班,1,\n",
      SpreadsheetFormat::kCsv, TimeZone::Shanghai());
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().message;
  ASSERT_EQ(parsed.rows.size(), 3u);
  EXPECT_EQ(parsed.rows[0].starts_at, *ParseRfc3339("2026-12-19T23:00:00Z"));
  EXPECT_EQ(parsed.rows[0].ends_at, *ParseRfc3339("2026-12-20T01:00:00Z"));
  EXPECT_EQ(parsed.rows[0].role, "值班");
  EXPECT_EQ(parsed.rows[0].needed, 2);
  EXPECT_EQ(parsed.rows[0].phones, (std::vector<std::string>{"13800138000", "13900139000"}));
  EXPECT_EQ(parsed.rows[1].role, "清凉服务");
  EXPECT_EQ(parsed.rows[1].needed, 1);
  EXPECT_EQ(parsed.rows[1].ends_at - parsed.rows[1].starts_at, std::chrono::minutes(30));
  EXPECT_EQ(parsed.rows[2].starts_at, *ParseRfc3339("2026-12-21T22:00:30+08:00"));
}

TEST(RosterFile, ReportsEveryBadRowByLine) {
  const auto parsed = ParseRosterFile(
      "station,starts_at,ends_at,role,needed,volunteers\n"
      "SG-C001,2026-12-20 09:00,2026-12-20 07:00,,,\n"   // 2: ends before it starts
      "SG-C001,2026-12-20 07:00,2026-12-21 07:01,,,\n"   // 3: longer than 24 hours
      "SG-C001,2026/12/20 7:00,2026-12-20 09:00,,,\n"    // 4: not a time
      "SG-C001,2026-12-20 07:00,2026-12-20 09:00,,0,\n"  // 5: needed 0
      "SG-C001,2026-12-20 07:00,2026-12-20 09:00,,1,13800138000|13900139000\n"  // 6: too many
      "SG-C001,2026-12-20 07:00,2026-12-20 09:00,,2,13800138000\n"              // 7: fine
      "SG-C001,2026-12-20T07:00:00+08:00,2026-12-20 10:00,,,\n"                 // 8: same as line 7
      "SG-C001,2026-12-20 08:00,2026-12-20 09:00,一二三四五六七八九十一二三四五六七八九十一,,\n"
      "SG-C001,2026-12-20 08:00,2026-12-20 09:00,,,555\n",  // 10: not a phone
      SpreadsheetFormat::kCsv, TimeZone::Shanghai());
  EXPECT_EQ(Lines(parsed.errors), (std::vector<int>{2, 3, 4, 5, 6, 8, 9, 10}));
  EXPECT_TRUE(Mentions(parsed.errors, 2, "ends_at must be after starts_at"));
  EXPECT_TRUE(Mentions(parsed.errors, 3, "at most 24 hours"));
  EXPECT_TRUE(Mentions(parsed.errors, 4, "starts_at '2026/12/20 7:00' is not a time"));
  EXPECT_TRUE(Mentions(parsed.errors, 5, "from 1 to 20"));
  EXPECT_TRUE(Mentions(parsed.errors, 6, "more than needed 1"));
  EXPECT_TRUE(Mentions(parsed.errors, 8, "as line 7"));
  EXPECT_TRUE(Mentions(parsed.errors, 9, "at most 20 characters"));
  EXPECT_TRUE(Mentions(parsed.errors, 10, "'555'"));
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_EQ(parsed.rows[0].line, 7);
}

TEST(RosterFile, ShiftTimesAreStrict) {
  const TimeZone zone = TimeZone::Shanghai();
  EXPECT_TRUE(ParseShiftTime("2026-02-28 23:59", zone));
  EXPECT_FALSE(ParseShiftTime("2026-02-29 07:00", zone));
  EXPECT_FALSE(ParseShiftTime("2026-12-20 24:00", zone));
  EXPECT_FALSE(ParseShiftTime("2026-12-20", zone));
  EXPECT_FALSE(ParseShiftTime("2026-12-20T07:00:00", zone));  // RFC 3339 needs its offset
  EXPECT_EQ(ParseShiftTime("2026-12-20 07:00", *TimeZone::FromName("UTC")),
            ParseRfc3339("2026-12-20T07:00:00Z"));
}

}  // namespace
}  // namespace yz
