#include "http/query.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

TEST(Split, CutsPathAndQueryAtTheFirstQuestionMark) {
  const SplitTarget t = Split("/api/v1/stations/nearby?lat=1&q=a?b");
  EXPECT_EQ(t.path, "/api/v1/stations/nearby");
  EXPECT_EQ(t.query, "lat=1&q=a?b");
}

TEST(Split, GivesAnEmptyQueryWithoutQuestionMark) {
  EXPECT_EQ(Split("/healthz").path, "/healthz");
  EXPECT_EQ(Split("/healthz").query, "");
  EXPECT_EQ(Split("/healthz?").query, "");
}

TEST(Split, DropsAFragment) {
  EXPECT_EQ(Split("/a?b=1#frag").query, "b=1");
  EXPECT_EQ(Split("/a#x?b=1").path, "/a");
  EXPECT_EQ(Split("/a#x?b=1").query, "");
}

TEST(PercentDecode, DecodesEitherHexCase) {
  EXPECT_EQ(*PercentDecode("%e5%8c%97%E4%BA%AC", false), "北京");
  EXPECT_EQ(*PercentDecode("a%20b", false), "a b");
}

TEST(PercentDecode, TurnsPlusIntoSpaceOnlyWhenAsked) {
  EXPECT_EQ(*PercentDecode("a+b", true), "a b");
  EXPECT_EQ(*PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(*PercentDecode("a%2Bb", true), "a+b");
}

TEST(PercentDecode, RejectsInvalidEscapes) {
  for (const char* bad : {"%", "%4", "a%zz", "%g0", "%0g", "abc%"}) {
    const auto decoded = PercentDecode(bad, true);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(PercentDecode, KeepsNulAndInvalidUtf8Bytes) {
  EXPECT_EQ(*PercentDecode("a%00b", false), std::string("a\0b", 3));
  EXPECT_EQ(*PercentDecode("%FF", false), "\xFF");
}

TEST(ParseQuery, DecodesKeysAndValues) {
  const auto q = ParseQuery("lat=39.9&lng=116.4&name=%E7%8E%AF%E5%8D%AB+station&k%20ey=v");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->Get("lat"), "39.9");
  EXPECT_EQ(q->Get("lng"), "116.4");
  EXPECT_EQ(q->Get("name"), "环卫 station");
  EXPECT_EQ(q->Get("k ey"), "v");
  EXPECT_EQ(q->Get("missing"), std::nullopt);
  EXPECT_FALSE(q->Has("missing"));
}

TEST(ParseQuery, KeepsRepeatedKeysInOrder) {
  const auto q = ParseQuery("amenity=water&x=1&amenity=toilet");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->Get("amenity"), "water");
  const std::vector<std::string_view> all = q->GetAll("amenity");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], "water");
  EXPECT_EQ(all[1], "toilet");
  ASSERT_EQ(q->items.size(), 3u);
  EXPECT_EQ(q->items[1].first, "x");
}

TEST(ParseQuery, HandlesEmptyValuesAndEmptyPieces) {
  const auto q = ParseQuery("&a=&&b&=c&");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->items.size(), 3u);
  EXPECT_EQ(q->Get("a"), "");
  EXPECT_TRUE(q->Has("b"));
  EXPECT_EQ(q->Get("b"), "");
  EXPECT_EQ(q->Get(""), "c");
}

TEST(ParseQuery, KeepsEqualsSignsAfterTheFirstInTheValue) {
  const auto q = ParseQuery("token=abc==&x=a=b");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->Get("token"), "abc==");
  EXPECT_EQ(q->Get("x"), "a=b");
}

TEST(ParseQuery, EmptyQueryHasNoParameters) {
  const auto q = ParseQuery("");
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(q->items.empty());
}

TEST(ParseQuery, RejectsAnInvalidEscapeAnywhere) {
  EXPECT_FALSE(ParseQuery("a=1&b=%zz").ok());
  EXPECT_FALSE(ParseQuery("a%=1").ok());
  const auto q = ParseQuery("lat=%4");
  ASSERT_FALSE(q.ok());
  EXPECT_NE(q.error().message.find("lat"), std::string::npos);
}

TEST(ParseTargetQuery, ParsesTheQueryOfATarget) {
  const auto q = ParseTargetQuery("/api/v1/stations/nearby?lat=1&lng=2");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->Get("lng"), "2");
  EXPECT_TRUE(ParseTargetQuery("/x").ok());
}

}  // namespace
}  // namespace yz
