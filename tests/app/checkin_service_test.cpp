// The check-in rules (domain/checkins/checkin_service.h) on a real embedded store and a fake clock.
#include "domain/checkins/checkin_service.h"

#include <gtest/gtest.h>

#include <future>

#include "app/test_support.h"
#include "storage/open_store.h"

namespace yz {
namespace {

using namespace std::chrono_literals;

std::string Repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

class CheckinServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenStore({.data_dir = dir_ / "data"});
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    Station open, closed;
    open.code = "OPEN1";
    open.name = "开放站";
    closed.code = "SHUT1";
    closed.name = "暂停站";
    closed.status = StationStatus::kSuspended;
    directory_ = std::make_unique<StationDirectory>(*store_->stations);
    ASSERT_TRUE(directory_->Save(std::vector<Station>{open, closed}).ok());
    service_ = std::make_unique<CheckinService>(*store_->checkins, *directory_, ratings_, clock_,
                                                "test-key");
  }

  Result<CheckinAnswer> CheckIn(std::string station, std::string category,
                                std::optional<std::string> device) {
    std::promise<Result<CheckinAnswer>> p;
    service_->CheckIn({std::move(station), std::move(category), std::move(device)},
                      [&](Result<CheckinAnswer> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  Result<void> Rate(const std::string& id, const std::string& token, int stars,
                    std::optional<std::string> comment = {}) {
    std::promise<Result<void>> p;
    service_->Rate({id, token, stars, std::move(comment)},
                   [&](Result<void> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  Result<std::string> Report(std::string category, std::optional<std::string> amenity,
                             std::string text) {
    std::promise<Result<std::string>> p;
    service_->SubmitReport({"OPEN1", std::move(category), std::move(amenity), std::move(text)},
                           [&](Result<std::string> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  testing::TempDir dir_;
  FakeClock clock_{FromEpochMillis(1'780'000'000'000)};
  std::optional<Store> store_;
  std::unique_ptr<StationDirectory> directory_;
  RatingBook ratings_;
  std::unique_ptr<CheckinService> service_;
};

TEST_F(CheckinServiceTest, SameDeviceWithinThirtyMinutesGetsTheSameCheckinWhateverTheCategory) {
  auto first = CheckIn("OPEN1", "sanitation", "phone-1");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->created);
  clock_.Advance(29min);
  auto second = CheckIn("OPEN1", "courier", "phone-1");
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->checkin_id, first->checkin_id);
  EXPECT_EQ(second->rating_token, first->rating_token);
  clock_.Advance(2min);  // 31 minutes after the first
  auto third = CheckIn("OPEN1", "courier", "phone-1");
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->created);
  EXPECT_NE(third->checkin_id, first->checkin_id);
}

TEST_F(CheckinServiceTest, WithoutDeviceEveryCheckinCounts) {
  EXPECT_TRUE(CheckIn("OPEN1", "driver", std::nullopt)->created);
  EXPECT_TRUE(CheckIn("OPEN1", "driver", std::nullopt)->created);
  EXPECT_EQ(store_->checkins->CountCheckins().value(), 2);
}

TEST_F(CheckinServiceTest, RefusesUnknownStationsClosedStationsAndBadInput) {
  EXPECT_EQ(CheckIn("NOPE", "driver", std::nullopt).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(CheckIn("SHUT1", "driver", std::nullopt).error().code, ErrorCode::kConflict);
  EXPECT_EQ(CheckIn("OPEN1", "astronaut", std::nullopt).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(CheckIn("OPEN1", "driver", std::string(129, 'x')).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(CheckIn("OPEN1", "driver", std::string("")).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_->checkins->CountCheckins().value(), 0);
}

TEST_F(CheckinServiceTest, RatingNeedsTheTokenAndCountsOnce) {
  auto c = CheckIn("OPEN1", "delivery", "phone-2");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(Rate(c->checkin_id, "wrong", 5).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(Rate("unknown-id", c->rating_token, 5).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Rate(c->checkin_id, c->rating_token, 0).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Rate(c->checkin_id, c->rating_token, 6).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Rate(c->checkin_id, c->rating_token, 4, Repeat("好", 501)).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_FALSE(ratings_.Get("OPEN1").average.has_value());
  ASSERT_TRUE(Rate(c->checkin_id, c->rating_token, 4, Repeat("好", 500)).ok());
  EXPECT_EQ(ratings_.Get("OPEN1").count, 1);
  EXPECT_DOUBLE_EQ(*ratings_.Get("OPEN1").average, 4.0);
  EXPECT_EQ(Rate(c->checkin_id, c->rating_token, 2).error().code, ErrorCode::kConflict);
  EXPECT_EQ(ratings_.Get("OPEN1").count, 1);
}

TEST_F(CheckinServiceTest, ReportsValidateCategoryAmenityAndLength) {
  EXPECT_TRUE(Report("facility", "microwave", "微波炉不加热").ok());
  EXPECT_EQ(Report("weather", std::nullopt, "x").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Report("facility", "hovercraft", "x").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Report("other", std::nullopt, "").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Report("other", std::nullopt, Repeat("长", 1001)).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Report("other", std::nullopt, Repeat("长", 1000)).ok());
  EXPECT_EQ(store_->checkins->ListReports("OPEN1")->size(), 2u);
}

}  // namespace
}  // namespace yz
