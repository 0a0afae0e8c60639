#include "storage/postgres/postgres_checkins.h"

#include <pqxx/pqxx>

#include "core/crypto.h"
#include "storage/station_months.h"
#include "storage/ticket_sql.h"

namespace yz::pg {
namespace {

Checkin ReadCheckin(const pqxx::row& r) {
  Checkin c;
  c.id = r[0].as<std::string>();
  c.station_code = r[1].as<std::string>();
  c.category = ParseWorkerCategory(r[2].as<std::string>()).value_or(WorkerCategory::kOther);
  c.device_hash = r[3].as<std::string>();
  c.rating_token_hash = r[4].as<std::string>();
  c.at = FromEpochMillis(r[5].as<int64_t>());
  return c;
}

constexpr const char* kSelectCheckin =
    "SELECT id, station_code, category, device_hash, rating_token_hash, at_ms FROM checkins ";

}  // namespace

PostgresCheckinRepository::PostgresCheckinRepository(ConnectionPool& pool, int workers)
    : pool_(pool) {
  for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { RunWorker(); });
}

PostgresCheckinRepository::~PostgresCheckinRepository() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

void PostgresCheckinRepository::Post(std::function<void()> work) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(work));
  }
  wake_.notify_one();
}

void PostgresCheckinRepository::RunWorker() {
  while (true) {
    std::function<void()> work;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    work();
  }
}

std::size_t PostgresCheckinRepository::QueueDepth() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void PostgresCheckinRepository::RecordCheckin(const Checkin& proposed,
                                              std::chrono::milliseconds window,
                                              std::function<void(Result<CheckinOutcome>)> done) {
  Post([this, proposed, window, done = std::move(done)] {
    done(pool_.Run<CheckinOutcome>(
        "record check-in", [&](pqxx::connection& c) -> Result<CheckinOutcome> {
          pqxx::work txn(c);
          if (!proposed.device_hash.empty()) {
            txn.exec_params("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                            proposed.station_code + "\n" + proposed.device_hash);
            const pqxx::result found =
                txn.exec_params(std::string(kSelectCheckin) +
                                    "WHERE station_code = $1 AND device_hash = $2 AND at_ms >= $3 "
                                    "ORDER BY at_ms DESC LIMIT 1",
                                proposed.station_code, proposed.device_hash,
                                ToEpochMillis(proposed.at) - window.count());
            if (!found.empty()) {
              CheckinOutcome repeated{ReadCheckin(found[0]), false};
              txn.commit();
              return repeated;
            }
          }
          txn.exec_params(
              "INSERT INTO checkins (id, station_code, category, device_hash, rating_token_hash, "
              "at_ms) "
              "VALUES ($1, $2, $3, $4, $5, $6)",
              proposed.id, proposed.station_code,
              std::string(WorkerCategoryCode(proposed.category)), proposed.device_hash,
              proposed.rating_token_hash, ToEpochMillis(proposed.at));
          txn.exec_params(
              "INSERT INTO station_months (station_code, month, checkins) VALUES ($1, $2, 1) "
              "ON CONFLICT (station_code, month) DO UPDATE "
              "SET checkins = station_months.checkins + 1",
              proposed.station_code, MonthOf(proposed.at, proposed.local_month));
          txn.commit();
          return CheckinOutcome{proposed, true};
        }));
  });
}

Result<std::optional<Checkin>> PostgresCheckinRepository::FindCheckin(std::string_view id) {
  return pool_.Run<std::optional<Checkin>>(
      "find check-in", [&](pqxx::connection& c) -> Result<std::optional<Checkin>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r =
            txn.exec_params(std::string(kSelectCheckin) + "WHERE id = $1", std::string(id));
        if (r.empty()) return std::optional<Checkin>{};
        return std::optional<Checkin>{ReadCheckin(r[0])};
      });
}

void PostgresCheckinRepository::RecordRating(const Rating& rating, std::string token_hash,
                                             std::function<void(Result<std::string>)> done) {
  Post([this, rating, token_hash = std::move(token_hash), done = std::move(done)] {
    done(pool_.Run<std::string>("record rating", [&](pqxx::connection& c) -> Result<std::string> {
      pqxx::work txn(c);
      const pqxx::result checkin = txn.exec_params(
          "SELECT station_code, rating_token_hash FROM checkins WHERE id = $1", rating.checkin_id);
      if (checkin.empty()) return Error::NotFound("no check-in with this id");
      if (!ConstantTimeEquals(checkin[0][1].as<std::string>(), token_hash)) {
        return Error{ErrorCode::kForbidden, "the rating token does not match this check-in"};
      }
      std::string station = checkin[0][0].as<std::string>();
      const pqxx::result r = txn.exec_params(
          "INSERT INTO ratings (checkin_id, station_code, stars, comment, at_ms) VALUES ($1, $2, "
          "$3, $4, $5) "
          "ON CONFLICT (checkin_id) DO NOTHING",
          rating.checkin_id, station, rating.stars, rating.comment, ToEpochMillis(rating.at));
      if (r.affected_rows() == 0) return Error::Conflict("this check-in has already been rated");
      txn.exec_params(
          "INSERT INTO station_months (station_code, month, ratings, stars_sum) "
          "VALUES ($1, $2, 1, $3) ON CONFLICT (station_code, month) DO UPDATE "
          "SET ratings = station_months.ratings + 1, "
          "stars_sum = station_months.stars_sum + excluded.stars_sum",
          station, MonthOf(rating.at, rating.local_month), rating.stars);
      txn.commit();
      return station;
    }));
  });
}

void PostgresCheckinRepository::RecordReport(const Report& report,
                                             std::chrono::milliseconds repeat_window,
                                             std::function<void(Result<std::string>)> done) {
  Post([this, report, repeat_window, done = std::move(done)] {
    done(pool_.Run<std::string>("record report", [&](pqxx::connection& c) -> Result<std::string> {
      pqxx::work txn(c);
      const std::string amenity_code =
          report.amenity ? std::string(AmenityCode(*report.amenity)) : std::string();
      if (!report.device_hash.empty()) {
        // Serialises one device's reports at one station across servers, as for check-ins.
        txn.exec_params("SELECT pg_advisory_xact_lock(hashtextextended($1, 1))",
                        "report:" + report.station_code + ":" + report.device_hash);
        const pqxx::result repeat =
            txn.exec_params(ticket_sql::kFindRepeatedReport, report.station_code,
                            report.device_hash, std::string(ReportCategoryCode(report.category)),
                            amenity_code, ToEpochMillis(report.at) - repeat_window.count());
        if (!repeat.empty()) return repeat[0][0].as<std::string>();
      }
      const std::optional<std::string> amenity =
          report.amenity ? std::optional<std::string>(amenity_code) : std::nullopt;
      const pqxx::result inserted = txn.exec_params(
          ticket_sql::kInsertReport, report.id, report.station_code,
          std::string(ReportCategoryCode(report.category)), amenity, report.description,
          report.device_hash, ToEpochMillis(report.at), report.local_month);
      if (inserted.affected_rows() == 0) return Error::Conflict("report number taken");
      txn.exec_params(ticket_sql::kInsertReportOpened, report.id, ToEpochMillis(report.at));
      txn.commit();
      return report.id;
    }));
  });
}

Result<std::vector<Report>> PostgresCheckinRepository::ListReports(std::string_view station_code) {
  return pool_.Run<std::vector<Report>>(
      "list reports", [&](pqxx::connection& c) -> Result<std::vector<Report>> {
        pqxx::read_transaction txn(c);
        const pqxx::result rows = txn.exec_params(
            "SELECT id, station_code, category, amenity, description, device_hash, at_ms FROM "
            "reports WHERE station_code = $1 ORDER BY at_ms DESC, id",
            std::string(station_code));
        std::vector<Report> out;
        for (const auto& row : rows) {
          Report r;
          r.id = row[0].as<std::string>();
          r.station_code = row[1].as<std::string>();
          r.category =
              ParseReportCategory(row[2].as<std::string>()).value_or(ReportCategory::kOther);
          if (!row[3].is_null()) r.amenity = ParseAmenity(row[3].as<std::string>());
          r.description = row[4].as<std::string>();
          r.device_hash = row[5].as<std::string>();
          r.at = FromEpochMillis(row[6].as<int64_t>());
          out.push_back(std::move(r));
        }
        return out;
      });
}

Result<std::unordered_map<std::string, RatingTotal>> PostgresCheckinRepository::RatingTotals() {
  using Totals = std::unordered_map<std::string, RatingTotal>;
  return pool_.Run<Totals>("rating totals", [&](pqxx::connection& c) -> Result<Totals> {
    pqxx::read_transaction txn(c);
    const pqxx::result rows = txn.exec(
        "SELECT station_code, count(*), COALESCE(sum(stars), 0) FROM ratings GROUP BY "
        "station_code");
    Totals out;
    for (const auto& row : rows)
      out[row[0].as<std::string>()] = {row[1].as<int64_t>(), row[2].as<int64_t>()};
    return out;
  });
}

Result<int64_t> PostgresCheckinRepository::CountCheckins() {
  return pool_.Run<int64_t>("count check-ins", [&](pqxx::connection& c) -> Result<int64_t> {
    pqxx::read_transaction txn(c);
    return txn.exec("SELECT count(*) FROM checkins")[0][0].as<int64_t>();
  });
}

Result<std::unordered_map<std::string, int64_t>> PostgresCheckinRepository::CheckinCountsSince(
    UtcTime since) {
  using Counts = std::unordered_map<std::string, int64_t>;
  return pool_.Run<Counts>("count check-ins", [&](pqxx::connection& c) -> Result<Counts> {
    pqxx::read_transaction txn(c);
    Counts out;
    for (const auto& row : txn.exec_params(
             "SELECT station_code, count(*) FROM checkins WHERE at_ms >= $1 GROUP BY station_code",
             ToEpochMillis(since))) {
      out.emplace(row[0].as<std::string>(), row[1].as<int64_t>());
    }
    return out;
  });
}

}  // namespace yz::pg
