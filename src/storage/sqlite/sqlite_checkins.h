// The embedded store's CheckinRepository: writes through the group-commit writer, reads on the
// store's shared connection.
#pragma once

#include <memory>
#include <mutex>

#include "domain/checkins/checkin_repository.h"
#include "storage/sqlite/group_commit_writer.h"
#include "storage/sqlite/sqlite_db.h"

namespace yz::sqlite {

class SqliteCheckinRepository final : public CheckinRepository {
 public:
  // `reader` and `reader_mutex` are the store's connection and its lock; `writer_db` becomes the
  // writer's own connection.
  SqliteCheckinRepository(Database& reader, std::mutex& reader_mutex, Database writer_db,
                          GroupCommitOptions options);

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
  std::size_t QueueDepth() const override { return writer_.QueueDepth(); }

 private:
  Database& reader_;
  std::mutex& reader_mutex_;
  GroupCommitWriter writer_;
};

}  // namespace yz::sqlite
