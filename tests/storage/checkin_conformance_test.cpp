// The conformance suite of CheckinRepository (domain/checkins/checkin_repository.h) on every store
// kind: durable asynchronous writes, the repeat window, one rating per check-in, reports, totals.
#include <gtest/gtest.h>

#include <future>
#include <optional>
#include <set>
#include <thread>

#include "storage/store_fixture.h"

namespace yz {
namespace {

using namespace std::chrono_literals;

const UtcTime kNoon = FromEpochMillis(1'780'000'000'000);

class CheckinConformanceTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Station a, b;
    a.code = "A1";
    a.name = "甲站";
    b.code = "B2";
    b.name = "乙站";
    ASSERT_TRUE(store_->stations->SaveStations(std::vector<Station>{a, b}).ok());
  }

  CheckinRepository& repo() { return *store_->checkins; }

  static Checkin Make(std::string id, std::string station, std::string device, UtcTime at) {
    std::string token_hash = "hash-" + id;
    return Checkin{std::move(id),     std::move(station),    WorkerCategory::kCourier,
                   std::move(device), std::move(token_hash), at};
  }

  Result<CheckinOutcome> Record(const Checkin& c, std::chrono::milliseconds window = 30min) {
    std::promise<Result<CheckinOutcome>> done;
    repo().RecordCheckin(c, window,
                         [&](Result<CheckinOutcome> r) { done.set_value(std::move(r)); });
    return done.get_future().get();
  }

  // With the check-in's own token hash (Make sets "hash-" + id) unless another is given.
  Result<std::string> Rate(const Rating& r, std::optional<std::string> token_hash = std::nullopt) {
    std::promise<Result<std::string>> done;
    repo().RecordRating(r, token_hash.value_or("hash-" + r.checkin_id),
                        [&](Result<std::string> x) { done.set_value(std::move(x)); });
    return done.get_future().get();
  }
};

TEST_P(CheckinConformanceTest, StoresACheckinAndFindsItById) {
  auto outcome = Record(Make("c1", "A1", "dev", kNoon));
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_TRUE(outcome->created);
  auto found = repo().FindCheckin("c1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, Make("c1", "A1", "dev", kNoon));
  auto missing = repo().FindCheckin("nope");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_P(CheckinConformanceTest, RepeatWithinTheWindowReturnsTheFirstCheckin) {
  ASSERT_TRUE(Record(Make("c1", "A1", "dev", kNoon)).ok());
  auto again = Record(Make("c2", "A1", "dev", kNoon + 29min));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->checkin.id, "c1");
  // Exactly at the window's edge it still repeats; past it, a new check-in.
  auto edge = Record(Make("c3", "A1", "dev", kNoon + 30min));
  ASSERT_TRUE(edge.ok());
  EXPECT_FALSE(edge->created);
  auto later = Record(Make("c4", "A1", "dev", kNoon + 30min + 1ms));
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->created);
  EXPECT_EQ(repo().CountCheckins().value(), 2);
}

TEST_P(CheckinConformanceTest, OtherStationOrDeviceOrNoDeviceIsANewCheckin) {
  ASSERT_TRUE(Record(Make("c1", "A1", "dev", kNoon)).ok());
  EXPECT_TRUE(Record(Make("c2", "B2", "dev", kNoon + 1min))->created);
  EXPECT_TRUE(Record(Make("c3", "A1", "other", kNoon + 1min))->created);
  EXPECT_TRUE(Record(Make("c4", "A1", "", kNoon + 1min))->created);
  EXPECT_TRUE(Record(Make("c5", "A1", "", kNoon + 1min))->created);
  EXPECT_EQ(repo().CountCheckins().value(), 5);
}

TEST_P(CheckinConformanceTest, ConcurrentRepeatsCreateOneCheckin) {
  constexpr int kThreads = 16;
  std::vector<std::future<Result<CheckinOutcome>>> results;
  std::vector<std::unique_ptr<std::promise<Result<CheckinOutcome>>>> promises;
  for (int i = 0; i < kThreads; ++i) {
    promises.push_back(std::make_unique<std::promise<Result<CheckinOutcome>>>());
    results.push_back(promises.back()->get_future());
  }
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      repo().RecordCheckin(
          Make("c" + std::to_string(i), "A1", "same-device", kNoon + std::chrono::milliseconds(i)),
          30min, [p = promises[i].get()](Result<CheckinOutcome> r) { p->set_value(std::move(r)); });
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> ids;
  int created = 0;
  for (auto& f : results) {
    auto r = f.get();
    ASSERT_TRUE(r.ok()) << r.error().message;
    ids.insert(r->checkin.id);
    created += r->created;
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(repo().CountCheckins().value(), 1);
}

TEST_P(CheckinConformanceTest, ACheckinAtAnUnknownStationFails) {
  EXPECT_FALSE(Record(Make("c1", "NOPE", "", kNoon)).ok());
  EXPECT_EQ(repo().CountCheckins().value(), 0);
}

TEST_P(CheckinConformanceTest, RatingChecksTheCheckinAndItsTokenInTheWriteAndNamesTheStation) {
  ASSERT_TRUE(Record(Make("c1", "B2", "", kNoon)).ok());
  auto unknown = Rate({"nope", "", 3, "", kNoon});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  auto wrong = Rate({"c1", "", 3, "", kNoon}, "hash-other");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kForbidden);
  auto rated = Rate({"c1", "IGNORED", 3, "", kNoon});
  ASSERT_TRUE(rated.ok()) << rated.error().message;
  EXPECT_EQ(*rated, "B2");  // the check-in's station, whatever the rating named
  auto wrong_after = Rate({"c1", "", 3, "", kNoon}, "hash-other");
  ASSERT_FALSE(wrong_after.ok());
  EXPECT_EQ(wrong_after.error().code, ErrorCode::kForbidden);  // a wrong token learns nothing more
  EXPECT_EQ(repo().RatingTotals()->at("B2").count, 1);
}

TEST_P(CheckinConformanceTest, OneRatingPerCheckinAndTotalsPerStation) {
  ASSERT_TRUE(Record(Make("c1", "A1", "", kNoon)).ok());
  ASSERT_TRUE(Record(Make("c2", "A1", "", kNoon)).ok());
  ASSERT_TRUE(Record(Make("c3", "B2", "", kNoon)).ok());
  EXPECT_TRUE(Rate({"c1", "A1", 5, "很好，有热水", kNoon}).ok());
  auto second = Rate({"c1", "A1", 1, "", kNoon});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(Rate({"c2", "A1", 2, "", kNoon}).ok());
  EXPECT_TRUE(Rate({"c3", "B2", 4, "", kNoon}).ok());
  auto totals = repo().RatingTotals();
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->at("A1").count, 2);
  EXPECT_EQ(totals->at("A1").stars_sum, 7);
  EXPECT_EQ(totals->at("B2").count, 1);
}

TEST_P(CheckinConformanceTest, ReportsAreListedNewestFirst) {
  std::promise<void> a, b;
  Report first;
  first.id = "1000000009";
  first.station_code = "A1";
  first.category = ReportCategory::kFacility;
  first.amenity = Amenity::kMicrowave;
  first.description = "微波炉坏了";
  first.at = kNoon;
  Report second = first;
  second.id = "2000000008";
  second.category = ReportCategory::kSupplies;
  second.amenity.reset();
  second.description = "没有水了";
  second.at = kNoon + 1min;
  repo().RecordReport(first, 24h, [&](Result<std::string> r) {
    EXPECT_TRUE(r.ok());
    a.set_value();
  });
  repo().RecordReport(second, 24h, [&](Result<std::string> r) {
    EXPECT_TRUE(r.ok());
    b.set_value();
  });
  a.get_future().get();
  b.get_future().get();
  auto reports = repo().ListReports("A1");
  ASSERT_TRUE(reports.ok());
  ASSERT_EQ(reports->size(), 2u);
  EXPECT_EQ((*reports)[0].id, "2000000008");
  EXPECT_FALSE((*reports)[0].amenity.has_value());
  EXPECT_EQ((*reports)[1].amenity, Amenity::kMicrowave);
  EXPECT_EQ((*reports)[1].description, "微波炉坏了");
  EXPECT_TRUE(repo().ListReports("B2")->empty());
}

TEST_P(CheckinConformanceTest, AcknowledgedWritesSurviveReopening) {
  ASSERT_TRUE(Record(Make("c1", "A1", "dev", kNoon)).ok());
  ASSERT_TRUE(Rate({"c1", "A1", 3, "", kNoon}).ok());
  Reopen();
  EXPECT_TRUE(repo().FindCheckin("c1")->has_value());
  EXPECT_EQ(repo().RatingTotals()->at("A1").count, 1);
  EXPECT_FALSE(Record(Make("c2", "A1", "dev", kNoon + 1min))->created);
}

TEST_P(CheckinConformanceTest, HashKeyIsStableAcrossCallsAndReopening) {
  auto key = store_->secrets->HashKey();
  ASSERT_TRUE(key.ok());
  EXPECT_GE(key->size(), 32u);
  EXPECT_EQ(store_->secrets->HashKey().value(), *key);
  Reopen();
  EXPECT_EQ(store_->secrets->HashKey().value(), *key);
}

YZ_INSTANTIATE_STORE_TESTS(CheckinConformanceTest);

}  // namespace
}  // namespace yz
