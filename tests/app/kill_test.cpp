// The kill test of the durable check-in path (issue 3, item 7): under concurrent check-in load the
// real server is killed with SIGKILL at a random moment, restarted on the same data directory, and
// killed again; at the end every check-in the server acknowledged (200 or 201) must be in the
// database, and the database must pass `PRAGMA integrity_check`.
//
// The short version runs in the test suite (4 rounds, about 10 s). The long version is the same
// test with more rounds: YIZHAN_KILL_ROUNDS=50 (bench/kill_bench.sh).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "app/test_support.h"
#include "http/test_client.h"

extern char** environ;

namespace yz {
namespace {

using namespace std::chrono_literals;

constexpr int kDefaultRounds = 4;
constexpr int kClientThreads = 16;

int Rounds() {
  const char* env = std::getenv("YIZHAN_KILL_ROUNDS");
  const int n = env ? std::atoi(env) : 0;
  return n > 0 ? n : kDefaultRounds;
}

// One `yizhan serve` child process. The destructor kills it (SIGKILL) if it still runs.
class Server {
 public:
  Server(const std::string& data_dir, const testing::TempDir& scratch) {
    stderr_path_ = scratch / ("server-stderr-" + std::to_string(++launches_) + ".txt");
    const std::string binary = testing::YizhanBinary();
    std::vector<std::string> args = {binary,   "serve",         "--demo",          "--data",
                                     data_dir, "--listen",      "127.0.0.1:0",     "--no-rate-limit",
                                     "--no-access-log"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    if (pid_ > 0) port_ = WaitForPort();
  }
  ~Server() { Kill(SIGKILL); }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port, or 0 when the server did not start (then `log()` says why).
  int port() const { return port_; }
  std::string log() const { return testing::ReadText(stderr_path_); }

  // Sends `signal` and reaps the child; returns its wait status.
  int Kill(int signal) {
    if (pid_ <= 0) return 0;
    ::kill(pid_, signal);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return status;
  }

 private:
  int WaitForPort() {
    static const std::regex kListening(R"(listening on http://127\.0\.0\.1:(\d+)/)");
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    while (std::chrono::steady_clock::now() < deadline) {
      std::smatch m;
      const std::string text = log();
      if (std::regex_search(text, m, kListening)) return std::stoi(m[1]);
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return 0;
      }
      std::this_thread::sleep_for(10ms);
    }
    return 0;
  }

  static inline int launches_ = 0;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string stderr_path_;
};

// A keep-alive connection (tests/http/test_client.h); closed after a failed round trip, so that
// the next use reconnects.
class Connection {
 public:
  explicit Connection(int port) : connection_(static_cast<std::uint16_t>(port), std::chrono::seconds(5)) {}
  bool connected() const { return connection_.connected(); }

  std::optional<testing::ClientResponse> RoundTrip(std::string_view method, std::string_view target,
                                                   std::string_view body = {}) {
    const std::string_view headers = method == "POST" ? "Content-Type: application/json\r\n" : "";
    auto response = connection_.RoundTrip(testing::MakeRequest(method, target, body, headers));
    if (!response) connection_.Close();
    return response;
  }

 private:
  testing::TestConnection connection_;
};

// The codes of the open stations, from the server's GeoJSON; empty (and a test failure) if that
// answer is not what the contract says.
std::vector<std::string> OpenStationCodes(int port) {
  Connection c(port);
  auto r = c.RoundTrip("GET", "/api/v1/stations.geojson");
  if (!r || r->status != 200) {
    ADD_FAILURE() << "GET /api/v1/stations.geojson failed";
    return {};
  }
  boost::system::error_code ec;
  const boost::json::value geojson = boost::json::parse(r->body, ec);
  const auto* root = geojson.if_object();
  const auto* features = root && root->contains("features") ? root->at("features").if_array() : nullptr;
  if (!features) {
    ADD_FAILURE() << "not GeoJSON: " << r->body.substr(0, 300);
    return {};
  }
  std::vector<std::string> codes;
  for (const auto& feature : *features) {
    codes.emplace_back(feature.at("properties").at("code").as_string());
  }
  return codes;
}

// What the client threads learned: every acknowledged check-in id, and the answers by status.
struct Ledger {
  std::mutex mutex;
  std::set<std::string> acknowledged;
  std::atomic<int> created{0}, repeated{0}, refused{0}, failed{0};
};

// Posts check-ins on keep-alive connections until `stop`, reconnecting after a failure.
void PostCheckins(int port, const std::vector<std::string>& codes, unsigned seed, const std::atomic<bool>& stop,
                  Ledger& ledger) {
  static constexpr const char* kCategories[] = {"sanitation", "landscaping", "courier", "delivery", "driver",
                                                "traffic_police", "construction", "domestic", "other"};
  std::mt19937 rng(seed);
  std::optional<Connection> connection;
  while (!stop.load()) {
    if (!connection || !connection->connected()) {
      connection.emplace(port);
      if (!connection->connected()) {
        std::this_thread::sleep_for(5ms);
        continue;
      }
    }
    const std::string& code = codes[rng() % codes.size()];
    std::string body = std::string(R"({"worker_category":")") + kCategories[rng() % std::size(kCategories)] + '"';
    // A few devices per thread, so that repeats within the window answer 200 with the old id.
    if (rng() % 3 == 0) body += R"(,"device_id":"kill-test-)" + std::to_string(seed) + "-" + std::to_string(rng() % 4) + '"';
    body += '}';
    auto r = connection->RoundTrip("POST", "/api/v1/stations/" + code + "/checkins", body);
    if (!r) {
      ++ledger.failed;
      continue;
    }
    if (r->status != 200 && r->status != 201) {
      ++ledger.refused;
      continue;
    }
    auto id = boost::json::parse(r->body).at("checkin_id").as_string();
    (r->status == 201 ? ledger.created : ledger.repeated)++;
    std::lock_guard lock(ledger.mutex);
    ledger.acknowledged.emplace(id);
  }
}

struct DatabaseCheck {
  std::string integrity;
  std::set<std::string> ids;
  std::string error;
};

DatabaseCheck ReadDatabase(const std::string& path) {
  DatabaseCheck out;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    out.error = db ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close(db);
    return out;
  }
  const auto query = [&](const char* sql, auto on_row) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
      out.error = sqlite3_errmsg(db);
      return;
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      on_row(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    }
    if (rc != SQLITE_DONE) out.error = sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
  };
  query("PRAGMA integrity_check", [&](const char* text) { out.integrity += text ? text : ""; });
  query("SELECT id FROM checkins", [&](const char* text) { out.ids.emplace(text ? text : ""); });
  sqlite3_close(db);
  return out;
}

TEST(KillTest, EveryAcknowledgedCheckinSurvivesKillNineAndTheDatabaseStaysIntact) {
  testing::TempDir scratch;
  const std::string data_dir = scratch / "data";
  const int rounds = Rounds();
  std::mt19937 rng(20240613);
  Ledger ledger;
  std::vector<std::string> codes;

  for (int round = 0; round < rounds; ++round) {
    Server server(data_dir, scratch);
    ASSERT_NE(server.port(), 0) << "round " << round << ": the server did not start:\n" << server.log();
    if (codes.empty()) codes = OpenStationCodes(server.port());
    ASSERT_FALSE(codes.empty());

    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int t = 0; t < kClientThreads; ++t) {
      clients.emplace_back(PostCheckins, server.port(), std::cref(codes), static_cast<unsigned>(rng()),
                           std::cref(stop), std::ref(ledger));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200 + rng() % 601));
    const int status = server.Kill(SIGKILL);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "round " << round << ": the server ended before it was killed:\n" << server.log();
    stop = true;
    for (auto& t : clients) t.join();
  }

  EXPECT_GT(ledger.created.load(), 0) << "no check-in was acknowledged: the test proved nothing";
  EXPECT_EQ(ledger.refused.load(), 0);
  const DatabaseCheck db = ReadDatabase(data_dir + "/yizhan.db");
  ASSERT_EQ(db.error, "");
  EXPECT_EQ(db.integrity, "ok");
  std::size_t missing = 0;
  for (const auto& id : ledger.acknowledged) {
    if (!db.ids.contains(id) && ++missing <= 5) ADD_FAILURE() << "acknowledged check-in " << id << " is missing";
  }
  EXPECT_EQ(missing, 0u) << "of " << ledger.acknowledged.size() << " acknowledged";
  std::printf("[ kill test ] %d rounds: %zu check-ins acknowledged (%d created, %d repeats), %zu rows, "
              "%d requests cut off by the kills\n",
              rounds, ledger.acknowledged.size(), ledger.created.load(), ledger.repeated.load(), db.ids.size(),
              ledger.failed.load());

  // After all that the server still starts on the same directory and serves.
  Server server(data_dir, scratch);
  ASSERT_NE(server.port(), 0) << server.log();
  Connection c(server.port());
  auto health = c.RoundTrip("GET", "/healthz");
  ASSERT_TRUE(health.has_value());
  EXPECT_EQ(health->status, 200);
  auto checkin = c.RoundTrip("POST", "/api/v1/stations/" + codes.front() + "/checkins",
                             R"({"worker_category":"courier"})");
  ASSERT_TRUE(checkin.has_value());
  EXPECT_EQ(checkin->status, 201) << checkin->body;
  const int status = server.Kill(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << server.log();
}

}  // namespace
}  // namespace yz
