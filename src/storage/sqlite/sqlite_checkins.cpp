#include "storage/sqlite/sqlite_checkins.h"

#include <memory>

#include "core/crypto.h"
#include "storage/station_months.h"
#include "storage/ticket_sql.h"

namespace yz::sqlite {
namespace {

constexpr std::string_view kCheckinColumns =
    "id, station_code, category, device_hash, rating_token_hash, at_ms";

Checkin ReadCheckin(const Statement& s) {
  Checkin c;
  c.id = s.Text(0);
  c.station_code = s.Text(1);
  c.category = ParseWorkerCategory(s.Text(2)).value_or(WorkerCategory::kOther);
  c.device_hash = s.Text(3);
  c.rating_token_hash = s.Text(4);
  c.at = FromEpochMillis(s.Int(5));
  return c;
}

}  // namespace

SqliteCheckinRepository::SqliteCheckinRepository(Database& reader, std::mutex& reader_mutex,
                                                 Database writer_db, GroupCommitOptions options)
    : reader_(reader), reader_mutex_(reader_mutex), writer_(std::move(writer_db), options) {}

void SqliteCheckinRepository::RecordCheckin(const Checkin& proposed,
                                            std::chrono::milliseconds window,
                                            std::function<void(Result<CheckinOutcome>)> done) {
  auto outcome = std::make_shared<CheckinOutcome>();
  writer_.Submit(
      [proposed, window, outcome](StatementCache& statements) -> Result<void> {
        if (!proposed.device_hash.empty()) {
          auto find_or = statements.Get(
              "SELECT id, station_code, category, device_hash, rating_token_hash, at_ms FROM "
              "checkins "
              "WHERE station_code = ? AND device_hash = ? AND at_ms >= ? ORDER BY at_ms DESC LIMIT "
              "1");
          if (!find_or) return find_or.error();
          Statement& find = **find_or;
          find.Bind(1, proposed.station_code);
          find.Bind(2, proposed.device_hash);
          find.Bind(3, ToEpochMillis(proposed.at) - window.count());
          auto row = find.Step();
          if (!row) return row.error();
          if (*row) {
            *outcome = {ReadCheckin(find), false};
            return Ok();
          }
        }
        auto insert_or = statements.Get(
            "INSERT INTO checkins (id, station_code, category, device_hash, rating_token_hash, "
            "at_ms) "
            "VALUES (?, ?, ?, ?, ?, ?)");
        if (!insert_or) return insert_or.error();
        Statement& insert = **insert_or;
        insert.Bind(1, proposed.id);
        insert.Bind(2, proposed.station_code);
        insert.Bind(3, WorkerCategoryCode(proposed.category));
        insert.Bind(4, proposed.device_hash);
        insert.Bind(5, proposed.rating_token_hash);
        insert.Bind(6, ToEpochMillis(proposed.at));
        YZ_TRY(insert.Run());
        auto month_or = statements.Get(
            "INSERT INTO station_months (station_code, month, checkins) VALUES (?, ?, 1) "
            "ON CONFLICT (station_code, month) DO UPDATE SET checkins = checkins + 1");
        if (!month_or) return month_or.error();
        Statement& month = **month_or;
        month.Bind(1, proposed.station_code);
        month.Bind(2, MonthOf(proposed.at, proposed.local_month));
        YZ_TRY(month.Run());
        *outcome = {proposed, true};
        return Ok();
      },
      [outcome, done = std::move(done)](Result<void> written) {
        if (!written) return done(written.error());
        done(std::move(*outcome));
      });
}

Result<std::optional<Checkin>> SqliteCheckinRepository::FindCheckin(std::string_view id) {
  std::lock_guard lock(reader_mutex_);
  auto stmt = reader_.Prepare(std::string("SELECT ") + std::string(kCheckinColumns) +
                              " FROM checkins WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, id);
  auto row = stmt->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<Checkin>{};
  return std::optional<Checkin>{ReadCheckin(*stmt)};
}

void SqliteCheckinRepository::RecordRating(const Rating& rating, std::string token_hash,
                                           std::function<void(Result<std::string>)> done) {
  auto station = std::make_shared<std::string>();
  writer_.Submit(
      [rating, token_hash = std::move(token_hash),
       station](StatementCache& statements) -> Result<void> {
        auto checkin_or =
            statements.Get("SELECT station_code, rating_token_hash FROM checkins WHERE id = ?");
        if (!checkin_or) return checkin_or.error();
        Statement& checkin = **checkin_or;
        checkin.Bind(1, rating.checkin_id);
        auto found = checkin.Step();
        if (!found) return found.error();
        if (!*found) return Error::NotFound("no check-in with this id");
        if (!ConstantTimeEquals(checkin.Text(1), token_hash)) {
          return Error{ErrorCode::kForbidden, "the rating token does not match this check-in"};
        }
        *station = std::string(checkin.Text(0));
        auto exists_or = statements.Get("SELECT 1 FROM ratings WHERE checkin_id = ?");
        if (!exists_or) return exists_or.error();
        Statement& exists = **exists_or;
        exists.Bind(1, rating.checkin_id);
        auto row = exists.Step();
        if (!row) return row.error();
        if (*row) return Error::Conflict("this check-in has already been rated");
        auto insert_or = statements.Get(
            "INSERT INTO ratings (checkin_id, station_code, stars, comment, at_ms) VALUES (?, ?, "
            "?, ?, ?)");
        if (!insert_or) return insert_or.error();
        Statement& insert = **insert_or;
        insert.Bind(1, rating.checkin_id);
        insert.Bind(2, *station);
        insert.Bind(3, static_cast<int64_t>(rating.stars));
        insert.Bind(4, rating.comment);
        insert.Bind(5, ToEpochMillis(rating.at));
        YZ_TRY(insert.Run());
        auto month_or = statements.Get(
            "INSERT INTO station_months (station_code, month, ratings, stars_sum) "
            "VALUES (?, ?, 1, ?) ON CONFLICT (station_code, month) DO UPDATE "
            "SET ratings = ratings + 1, stars_sum = stars_sum + excluded.stars_sum");
        if (!month_or) return month_or.error();
        Statement& month = **month_or;
        month.Bind(1, *station);
        month.Bind(2, MonthOf(rating.at, rating.local_month));
        month.Bind(3, static_cast<int64_t>(rating.stars));
        return month.Run();
      },
      [station, done = std::move(done)](Result<void> written) {
        if (!written) return done(written.error());
        done(std::move(*station));
      });
}

void SqliteCheckinRepository::RecordReport(const Report& report,
                                           std::chrono::milliseconds repeat_window,
                                           std::function<void(Result<std::string>)> done) {
  auto stored_id = std::make_shared<std::string>(report.id);
  writer_.Submit(
      [report, repeat_window, stored_id](StatementCache& statements) -> Result<void> {
        const std::string amenity = report.amenity ? std::string(AmenityCode(*report.amenity)) : "";
        if (!report.device_hash.empty()) {
          auto find_or = statements.Get(ticket_sql::kFindRepeatedReport);
          if (!find_or) return find_or.error();
          Statement& find = **find_or;
          find.Bind(1, report.station_code);
          find.Bind(2, report.device_hash);
          find.Bind(3, ReportCategoryCode(report.category));
          find.Bind(4, amenity);
          find.Bind(5, ToEpochMillis(report.at) - repeat_window.count());
          auto row = find.Step();
          if (!row) return row.error();
          if (*row) {
            *stored_id = find.Text(0);
            return Ok();
          }
        }
        auto insert_or = statements.Get(ticket_sql::kInsertReport);
        if (!insert_or) return insert_or.error();
        Statement& insert = **insert_or;
        insert.Bind(1, report.id);
        insert.Bind(2, report.station_code);
        insert.Bind(3, ReportCategoryCode(report.category));
        if (report.amenity) {
          insert.Bind(4, amenity);
        } else {
          insert.BindNull(4);
        }
        insert.Bind(5, report.description);
        insert.Bind(6, report.device_hash);
        insert.Bind(7, ToEpochMillis(report.at));
        insert.Bind(8, static_cast<int64_t>(report.local_month));
        YZ_TRY(insert.Run());
        if (insert.Changes() == 0) return Error::Conflict("report number taken");
        auto opened_or = statements.Get(ticket_sql::kInsertReportOpened);
        if (!opened_or) return opened_or.error();
        Statement& opened = **opened_or;
        opened.Bind(1, report.id);
        opened.Bind(2, ToEpochMillis(report.at));
        return opened.Run();
      },
      [stored_id, done = std::move(done)](Result<void> written) {
        if (!written) return done(written.error());
        done(std::move(*stored_id));
      });
}

Result<std::vector<Report>> SqliteCheckinRepository::ListReports(std::string_view station_code) {
  std::lock_guard lock(reader_mutex_);
  auto stmt = reader_.Prepare(
      "SELECT id, station_code, category, amenity, description, device_hash, at_ms FROM reports "
      "WHERE station_code = ? ORDER BY at_ms DESC, id");
  if (!stmt) return stmt.error();
  stmt->Bind(1, station_code);
  std::vector<Report> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    Report r;
    r.id = stmt->Text(0);
    r.station_code = stmt->Text(1);
    r.category = ParseReportCategory(stmt->Text(2)).value_or(ReportCategory::kOther);
    if (!stmt->IsNull(3)) r.amenity = ParseAmenity(stmt->Text(3));
    r.description = stmt->Text(4);
    r.device_hash = stmt->Text(5);
    r.at = FromEpochMillis(stmt->Int(6));
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::unordered_map<std::string, RatingTotal>> SqliteCheckinRepository::RatingTotals() {
  std::lock_guard lock(reader_mutex_);
  auto stmt = reader_.Prepare(
      "SELECT station_code, count(*), sum(stars) FROM ratings GROUP BY station_code");
  if (!stmt) return stmt.error();
  std::unordered_map<std::string, RatingTotal> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out[std::string(stmt->Text(0))] = {stmt->Int(1), stmt->Int(2)};
  }
  return out;
}

Result<int64_t> SqliteCheckinRepository::CountCheckins() {
  std::lock_guard lock(reader_mutex_);
  auto stmt = reader_.Prepare("SELECT count(*) FROM checkins");
  if (!stmt) return stmt.error();
  auto row = stmt->Step();
  if (!row) return row.error();
  return stmt->Int(0);
}

Result<std::unordered_map<std::string, int64_t>> SqliteCheckinRepository::CheckinCountsSince(
    UtcTime since) {
  std::lock_guard lock(reader_mutex_);
  auto stmt = reader_.Prepare(
      "SELECT station_code, count(*) FROM checkins WHERE at_ms >= ? GROUP BY station_code");
  if (!stmt) return stmt.error();
  stmt->Bind(1, ToEpochMillis(since));
  std::unordered_map<std::string, int64_t> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.emplace(std::string(stmt->Text(0)), stmt->Int(1));
  }
  return out;
}

}  // namespace yz::sqlite
