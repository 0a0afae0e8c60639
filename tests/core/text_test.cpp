#include "core/text.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

TEST(TextTest, AcceptsWellFormedUtf8) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("户外劳动者服务站"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
}

TEST(TextTest, FindsTheFirstInvalidSequence) {
  EXPECT_EQ(FindInvalidUtf8("ok"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("ab\x80"), 2u);                // lone continuation byte
  EXPECT_EQ(FindInvalidUtf8("a\xC0\xAF"), 1u);             // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("\xE0\x80\xAF"), 0u);          // overlong, three bytes
  EXPECT_EQ(FindInvalidUtf8("\xF0\x80\x80\xAF"), 0u);      // overlong, four bytes
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), 1u);         // surrogate U+D800
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);      // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("\xF8\x88\x80\x80\x80"), 0u);  // five-byte form
  EXPECT_EQ(FindInvalidUtf8("站\xE7\xAB"), 3u);            // truncated at the end
  EXPECT_EQ(FindInvalidUtf8("\xE7\xAB" "a"), 0u);          // continuation missing
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(TextTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("abc"), 3u);
  EXPECT_EQ(CountCodePoints("服务站"), 3u);
  EXPECT_EQ(CountCodePoints("a服\xF0\x9F\x98\x80"), 3u);
}

TEST(TextTest, TrimsAsciiWhiteSpaceOnly) {
  EXPECT_EQ(Trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim(" \t\n\v\f\r"), "");
  EXPECT_EQ(Trim("x"), "x");
  EXPECT_EQ(Trim("\xE3\x80\x80" "a"), "\xE3\x80\x80" "a");  // U+3000 ideographic space is kept
}

}  // namespace
}  // namespace yz

namespace yz {
namespace {

TEST(TextTest, LinesWithInvalidUtf8NamesEachBadLineOnce) {
  EXPECT_TRUE(LinesWithInvalidUtf8("a\nb\n驿站\n").empty());
  EXPECT_EQ(LinesWithInvalidUtf8("ok\n\xff\xfe\nok\nbad \xc0\xaf and \xff\n"), (std::vector<int>{2, 4}));
  EXPECT_EQ(LinesWithInvalidUtf8("\xff"), (std::vector<int>{1}));
  EXPECT_EQ(LinesWithInvalidUtf8("x\n\n\n\xe9"), (std::vector<int>{4}));
}

}  // namespace
}  // namespace yz
