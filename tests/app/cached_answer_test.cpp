// A heavy answer built once per key on the work pool and shared (api/cached_answer.h).
#include "api/cached_answer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

namespace yz {
namespace {

using namespace std::chrono_literals;

struct Answers {
  std::mutex mu;
  std::vector<HttpResponse> got;
  HttpRespond Collect() {
    return [this](HttpResponse&& r) {
      std::lock_guard lock(mu);
      got.push_back(std::move(r));
    };
  }
  std::size_t size() {
    std::lock_guard lock(mu);
    return got.size();
  }
  bool WaitFor(std::size_t n) {
    for (int i = 0; i < 1000 && size() < n; ++i) std::this_thread::sleep_for(5ms);
    return size() >= n;
  }
};

std::string Header(const HttpResponse& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return {};
}

TEST(CachedAnswer, ConcurrentRequestsForOneKeyShareOneBuild) {
  WorkPool pool(1, 8);
  CachedAnswer cache(pool);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> built{0};
  const auto build = [&] {
    ++built;
    released.wait();
    return CachedAnswer::Built{"application/geo+json", std::string(5000, 'x')};
  };
  Answers answers;
  HttpRequest plain, gzip;
  gzip.headers.emplace_back("accept-encoding", "gzip, deflate");
  for (int i = 0; i < 5; ++i) cache.Serve(i % 2 ? gzip : plain, "k1", build, answers.Collect());
  EXPECT_EQ(answers.size(), 0u) << "all wait for the one build";
  release.set_value();
  ASSERT_TRUE(answers.WaitFor(5));
  EXPECT_EQ(built.load(), 1);
  std::lock_guard lock(answers.mu);
  for (const HttpResponse& r : answers.got) {
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(Header(r, "ETag"), "W/\"k1\"");
    EXPECT_EQ(r.content_type, "application/geo+json");
    ASSERT_NE(r.shared_body, nullptr);
    EXPECT_TRUE(r.body.empty());
    if (Header(r, "Content-Encoding") == "gzip") {
      EXPECT_LT(r.shared_body->size(), 200u);
    } else {
      EXPECT_EQ(r.shared_body->size(), 5000u);
    }
  }
}

TEST(CachedAnswer, AnswersFromMemoryUntilTheKeyMovesAnd304ForTheETag) {
  WorkPool pool(1, 8);
  CachedAnswer cache(pool);
  std::atomic<int> built{0};
  const auto build = [&] {
    ++built;
    return CachedAnswer::Built{"text/plain", "v" + std::to_string(built.load())};
  };
  Answers answers;
  cache.Serve(HttpRequest{}, "k1", build, answers.Collect());
  ASSERT_TRUE(answers.WaitFor(1));
  cache.Serve(HttpRequest{}, "k1", build, answers.Collect());
  ASSERT_TRUE(answers.WaitFor(2));
  EXPECT_EQ(built.load(), 1);
  HttpRequest has_it;
  has_it.headers.emplace_back("if-none-match", "W/\"k0\", W/\"k1\"");
  cache.Serve(has_it, "k1", build, answers.Collect());
  ASSERT_TRUE(answers.WaitFor(3));
  cache.Serve(HttpRequest{}, "k2", build, answers.Collect());
  ASSERT_TRUE(answers.WaitFor(4));
  EXPECT_EQ(built.load(), 2);
  std::lock_guard lock(answers.mu);
  EXPECT_EQ(*answers.got[1].shared_body, "v1");
  EXPECT_EQ(answers.got[2].status, 304);
  EXPECT_TRUE(answers.got[2].body.empty());
  EXPECT_EQ(answers.got[2].shared_body, nullptr);
  EXPECT_EQ(*answers.got[3].shared_body, "v2");
}

TEST(CachedAnswer, AFailedBuildAnswers500AndTheNextRequestBuildsAgain) {
  WorkPool pool(1, 8);
  CachedAnswer cache(pool);
  Answers answers;
  cache.Serve(
      HttpRequest{}, "k1", []() -> CachedAnswer::Built { throw std::bad_alloc(); },
      answers.Collect());
  ASSERT_TRUE(answers.WaitFor(1));
  cache.Serve(
      HttpRequest{}, "k1",
      [] {
        return CachedAnswer::Built{"text/plain", "ok"};
      },
      answers.Collect());
  ASSERT_TRUE(answers.WaitFor(2));
  std::lock_guard lock(answers.mu);
  EXPECT_EQ(answers.got[0].status, 500);
  EXPECT_EQ(answers.got[1].status, 200);
  ASSERT_NE(answers.got[1].shared_body, nullptr);
  EXPECT_EQ(*answers.got[1].shared_body, "ok");
}

TEST(CachedAnswer, AFullPoolAnswers503WithRetryAfter) {
  WorkPool pool(1, 0);  // a queue that never takes a job
  CachedAnswer cache(pool);
  Answers answers;
  cache.Serve(
      HttpRequest{}, "k1",
      [] {
        return CachedAnswer::Built{"text/plain", "x"};
      },
      answers.Collect());
  ASSERT_TRUE(answers.WaitFor(1));
  std::lock_guard lock(answers.mu);
  EXPECT_EQ(answers.got[0].status, 503);
  EXPECT_NE(answers.got[0].body.find("unavailable"), std::string::npos);
  EXPECT_EQ(Header(answers.got[0], "Retry-After"), "5");
}

}  // namespace
}  // namespace yz
