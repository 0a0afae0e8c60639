// The PostgreSQL CheckinRepository. Writes run on a small pool of worker threads, each with its
// own connection, so server threads never block on the database; PostgreSQL groups the commits
// of concurrent transactions itself. The 30-minute repeat rule holds across servers: the check
// and the insert run in one transaction under an advisory lock on (station, device).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "domain/checkins/checkin_repository.h"
#include "storage/postgres/connection_pool.h"

namespace yz::pg {

class PostgresCheckinRepository final : public CheckinRepository {
 public:
  // `workers` threads, each leasing a connection of the store's shared `pool` per write.
  // REQUIRES: `pool` outlives this object and allows more than `workers` connections.
  PostgresCheckinRepository(ConnectionPool& pool, int workers);
  // Finishes queued writes, then joins the workers.
  ~PostgresCheckinRepository() override;

  void RecordCheckin(const Checkin& proposed, std::chrono::milliseconds window,
                     std::function<void(Result<CheckinOutcome>)> done) override;
  Result<std::optional<Checkin>> FindCheckin(std::string_view id) override;
  void RecordRating(const Rating& rating, std::string token_hash,
                    std::function<void(Result<std::string>)> done) override;
  void RecordReport(const Report& report, std::chrono::milliseconds repeat_window,
                    std::function<void(Result<std::string>)> done) override;
  Result<std::vector<Report>> ListReports(std::string_view station_code) override;
  Result<std::unordered_map<std::string, RatingTotal>> RatingTotals() override;
  Result<int64_t> CountCheckins() override;
  Result<std::unordered_map<std::string, int64_t>> CheckinCountsSince(UtcTime since) override;
  std::size_t QueueDepth() const override;

 private:
  void Post(std::function<void()> work);
  void RunWorker();

  ConnectionPool& pool_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace yz::pg
