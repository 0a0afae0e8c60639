#include "domain/stations/code_lists.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

TEST(CodeLists, ParsesStatesAndSortsCanonically) {
  auto list = ParseAmenityList("toilet|seating:broken|aed:missing");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(FormatAmenityList(*list), "seating:broken|toilet|aed:missing");
}

TEST(CodeLists, RejectsUnknownDuplicateAndEmpty) {
  EXPECT_FALSE(ParseAmenityList("sauna").ok());
  EXPECT_FALSE(ParseAmenityList("toilet|toilet:broken").ok());
  EXPECT_FALSE(ParseAmenityList("toilet||seating").ok());
  EXPECT_FALSE(ParseAmenityList("toilet:gone").ok());
  EXPECT_FALSE(ParseServiceList("legal_aid|karaoke").ok());
  EXPECT_TRUE(ParseServiceList("").ok());
}

TEST(Codes, StationCodeRules) {
  EXPECT_TRUE(IsValidStationCode("SG-C001_a"));
  EXPECT_TRUE(IsValidStationCode(std::string(32, 'a')));
  EXPECT_FALSE(IsValidStationCode(std::string(33, 'a')));
  EXPECT_FALSE(IsValidStationCode(""));
  EXPECT_FALSE(IsValidStationCode("站点"));
  EXPECT_FALSE(IsValidStationCode("a b"));
}

TEST(Codes, EveryCodeRoundTrips) {
  for (int i = 0; i < kAmenityCount; ++i) {
    EXPECT_EQ(ParseAmenity(AmenityCode(static_cast<Amenity>(i))), static_cast<Amenity>(i));
  }
  for (int i = 0; i < kWorkerCategoryCount; ++i) {
    const auto c = static_cast<WorkerCategory>(i);
    EXPECT_EQ(ParseWorkerCategory(WorkerCategoryCode(c)), c);
  }
  EXPECT_EQ(DefaultStandardAmenities().size(), 10u);
}

}  // namespace
}  // namespace yz
