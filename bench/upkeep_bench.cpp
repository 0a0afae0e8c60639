// The upkeep area at national scale (issue 15): 1,000,000 tickets over 200,000 stations in the
// embedded store, fixed seed. Measures, in one run:
//   - the overdue board (TicketService::Board: open and overdue per region one level down and
//     per team, the on-time rate of 30 days) for a province and for a county: median and p99 of
//     --runs calls (goal: under 50 ms);
//   - the service-level sweep (OverdueSweep::Run) in steady state (the tickets that fell due in
//     the last 10 minutes) and in a burst of 5,000 (goal: under 1 s);
//   - a star-grading run (GradingService::Run) over all 200,000 stations with a year of evidence:
//     the month figures of check-ins and ratings, four inspections per station, a first-aid
//     ledger per station and the tickets above (goal: under 60 s), --grading-runs times.
//
//   build/release/bench/upkeep_bench [--runs 200] [--grading-runs 3] [--keep DIR]
//
// --keep DIR keeps the filled store there and reuses it on the next run (filling takes a minute).
//
// The registry has 31 provinces × 10 cities × 10 counties × 10 streets (31,000 streets), stations
// spread evenly; tickets were opened over two years, uniformly; those of the last 14 days are
// partly open (about 2.5 % of all), older ones closed (90 % resolved in time).
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "domain/accounts/account.h"
#include "domain/audit/auditor.h"
#include "domain/grading/grading_service.h"
#include "domain/messages/message_service.h"
#include "domain/upkeep/overdue_sweep.h"
#include "domain/upkeep/ticket_service.h"
#include "storage/open_store.h"

namespace yz {
namespace {

using Ms = std::chrono::duration<double, std::milli>;
constexpr int kStations = 200'000;
constexpr int kTickets = 1'000'000;
constexpr uint64_t kSeed = 20261207;
// "Now" of the benchmark: 2026-12-07 04:00 UTC.
const UtcTime kNow = FromEpochMillis(1'796'616'000'000);

std::string Region(int province, int city, int county, int street) {
  return fmt::format("{:02}{:02}{:02}{:03}", 11 + province, 1 + city, 1 + county, 1 + street);
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

Result<void> FillStations(Store& store, std::mt19937_64& rng) {
  std::vector<Station> stations;
  stations.reserve(kStations);
  std::uniform_int_distribution<int> street(0, 30'999);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int i = 0; i < kStations; ++i) {
    const int s = street(rng);
    Station st;
    st.code = fmt::format("B{:06}", i);
    st.name = fmt::format("基准驿站 {}", i);
    st.region = Region(s / 1000, (s / 100) % 10, (s / 10) % 10, s % 10);
    st.location = GeoPoint{Latitude(30.0 + (s % 100) * 0.1), Longitude(110.0 + (s / 100) * 0.03)};
    // Most stations have most of the 十个一, a few an AED (what grading weighs).
    for (Amenity a : DefaultStandardAmenities()) {
      if (unit(rng) < 0.93) st.amenities.push_back({a, AmenityState::kWorking});
    }
    if (unit(rng) < 0.08) st.amenities.push_back({Amenity::kAed, AmenityState::kWorking});
    Canonicalize(st);
    stations.push_back(std::move(st));
  }
  return store.stations->SaveStations(stations);
}

// Writes the tickets straight into the embedded store's file in one transaction (the service
// path would take hours for a million; what is measured is reading them).
Result<void> FillTicketsSqlite(const std::string& db_path, std::mt19937_64& rng) {
  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) return Error::Internal("open");
  sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(
      db,
      "INSERT INTO reports (id, station_code, region, category, amenity, description, "
      "status, at_ms, updated_at_ms, due_at_ms, team_id, resolved_at_ms, closed_at_ms, "
      "escalated_at_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      -1, &insert, nullptr);
  std::uniform_int_distribution<int> station(0, kStations - 1);
  std::uniform_int_distribution<int64_t> age_ms(0, 730LL * 86'400'000);
  std::uniform_real_distribution<double> unit(0, 1);
  const char* const categories[] = {"facility", "supplies", "cleanliness", "safety", "other"};
  const int hours[] = {72, 48, 24, 12, 168};
  const char* const open_states[] = {"new", "assigned", "in_progress", "waiting_parts"};
  const int64_t now = ToEpochMillis(kNow);
  for (int i = 0; i < kTickets; ++i) {
    const int s = station(rng);
    const int street = s % 31'000;  // not the stations' real street: only the spread matters
    const int c = static_cast<int>(unit(rng) * 5);
    const int64_t at = now - age_ms(rng);
    const int64_t due = at + hours[c] * 3'600'000LL;
    const bool recent = now - at < 14LL * 86'400'000;
    const bool open = recent && unit(rng) < 0.9;
    const std::string id = fmt::format("{:010}", 1'000'000'000LL + i);
    const std::string code = fmt::format("B{:06}", s);
    const std::string region =
        Region(street / 1000, (street / 100) % 10, (street / 10) % 10, street % 10);
    sqlite3_bind_text(insert, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, code.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 3, region.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 4, categories[c], -1, SQLITE_STATIC);
    sqlite3_bind_null(insert, 5);
    sqlite3_bind_text(insert, 6, "基准", -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 7, open ? open_states[i % 4] : (i % 3 ? "verified" : "resolved"), -1,
                      SQLITE_STATIC);
    sqlite3_bind_int64(insert, 8, at);
    sqlite3_bind_int64(insert, 9, at);
    sqlite3_bind_int64(insert, 10, due);
    if (i % 4 == 0) {
      sqlite3_bind_null(insert, 11);
    } else {
      sqlite3_bind_int64(insert, 11, 1 + (s % 3000));
    }
    if (open) {
      sqlite3_bind_null(insert, 12);
      sqlite3_bind_null(insert, 13);
    } else {
      const int64_t resolved =
          at + static_cast<int64_t>((hours[c] * 3'600'000LL) *
                                    (unit(rng) < 0.9 ? unit(rng) : 1 + unit(rng)));
      sqlite3_bind_int64(insert, 12, resolved);
      sqlite3_bind_int64(insert, 13, resolved);
    }
    // Steady state: everything overdue before the last 10 minutes was escalated by earlier rounds.
    if (open && due < now - 600'000) {
      sqlite3_bind_int64(insert, 14, due + 60'000);
    } else {
      sqlite3_bind_null(insert, 14);
    }
    if (sqlite3_step(insert) != SQLITE_DONE) return Error::Internal(sqlite3_errmsg(db));
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  sqlite3_exec(db, "COMMIT; ANALYZE", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return Ok();
}

// A year of evidence for grading, straight into the file like the tickets: per station twelve
// months of check-in and rating figures, four inspections (with the "hours_kept" answer), a
// first-aid ledger (one batch in three expired) and the declared area and capacity.
Result<void> FillEvidenceSqlite(const std::string& db_path, std::mt19937_64& rng) {
  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) return Error::Internal("open");
  sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt *month = nullptr, *inspection = nullptr, *item = nullptr, *supply = nullptr,
               *facts = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO station_months (station_code, month, checkins, ratings, "
                     "stars_sum) VALUES (?,?,?,?,?)",
                     -1, &month, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO inspections (id, station_code, region, inspector, at_ms, score) "
                     "VALUES (?,?,'','bench',?,?)",
                     -1, &inspection, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO inspection_items (inspection_id, position, item, result) "
                     "VALUES (?,0,'hours_kept',?)",
                     -1, &item, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO supply_entries (station_code, item, kind, quantity, batch, "
                     "expires_on, at_ms, actor) VALUES (?,'huoxiang','restock',5,?,?,?,'bench')",
                     -1, &supply, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO grading_facts (station_code, area_m2, capacity, updated_by, "
                     "updated_at_ms) VALUES (?,?,?,'bench',0)",
                     -1, &facts, nullptr);
  std::poisson_distribution<int> checkins(360);  // about 12 a day, the national mean
  std::uniform_real_distribution<double> unit(0, 1);
  const int64_t now = ToEpochMillis(kNow);
  int64_t inspection_id = 1;
  const auto step = [db](sqlite3_stmt* st) -> Result<void> {
    if (sqlite3_step(st) != SQLITE_DONE) return Error::Internal(sqlite3_errmsg(db));
    sqlite3_reset(st);
    return Ok();
  };
  for (int s = 0; s < kStations; ++s) {
    const std::string code = fmt::format("B{:06}", s);
    for (int m = 0; m < 12; ++m) {
      const std::string key = m == 0 ? "2025-12" : fmt::format("2026-{:02}", m);
      const int n = checkins(rng);
      const int rated = n / 20;
      sqlite3_bind_text(month, 1, code.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(month, 2, key.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(month, 3, n);
      sqlite3_bind_int64(month, 4, rated);
      sqlite3_bind_int64(month, 5, static_cast<int64_t>(rated * (3.5 + 1.5 * unit(rng))));
      YZ_TRY(step(month));
    }
    for (int k = 0; k < 4; ++k) {
      sqlite3_bind_int64(inspection, 1, inspection_id);
      sqlite3_bind_text(inspection, 2, code.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(inspection, 3, now - (10 + 80 * k) * 86'400'000LL);
      sqlite3_bind_int64(inspection, 4, 50 + static_cast<int>(50 * unit(rng)));
      YZ_TRY(step(inspection));
      sqlite3_bind_int64(item, 1, inspection_id++);
      sqlite3_bind_text(item, 2, unit(rng) < 0.9 ? "pass" : "fail", -1, SQLITE_STATIC);
      YZ_TRY(step(item));
    }
    for (int b = 0; b < 2; ++b) {
      sqlite3_bind_text(supply, 1, code.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(supply, 2, b == 0 ? "H1" : "H2", -1, SQLITE_STATIC);
      sqlite3_bind_text(supply, 3, (b == 0 && s % 3 == 0) ? "2026-10-01" : "2027-10-01", -1,
                        SQLITE_STATIC);
      sqlite3_bind_int64(supply, 4, now - 200 * 86'400'000LL);
      YZ_TRY(step(supply));
    }
    sqlite3_bind_text(facts, 1, code.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(facts, 2, 10 + 40 * unit(rng));
    sqlite3_bind_int64(facts, 3, 5 + static_cast<int>(25 * unit(rng)));
    YZ_TRY(step(facts));
  }
  for (sqlite3_stmt* st : {month, inspection, item, supply, facts}) sqlite3_finalize(st);
  sqlite3_exec(db, "COMMIT; ANALYZE", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return Ok();
}

int Run(int argc, char** argv) {
  int runs = 200;
  int grading_runs = 3;
  std::string keep;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--runs") runs = std::stoi(argv[i + 1]);
    if (flag == "--keep") keep = argv[i + 1];
    if (flag == "--grading-runs") grading_runs = std::stoi(argv[i + 1]);
  }
  const std::filesystem::path dir = keep.empty() ? std::filesystem::temp_directory_path() /
                                                       fmt::format("upkeep-bench-{}", ::getpid())
                                                 : std::filesystem::path(keep);
  const bool fresh = !std::filesystem::exists(dir / "yizhan.db");
  std::filesystem::create_directories(dir);
  auto store = OpenStore({.data_dir = dir.string()});  // synced commits, as a server runs
  if (!store) {
    std::fprintf(stderr, "store: %s\n", store.error().message.c_str());
    return 1;
  }
  std::mt19937_64 rng(kSeed);
  if (fresh) {
    const auto start = std::chrono::steady_clock::now();
    if (auto r = FillStations(*store, rng); !r)
      return std::fprintf(stderr, "%s\n", r.error().message.c_str()), 1;
    if (auto r = FillTicketsSqlite((dir / "yizhan.db").string(), rng); !r) {
      return std::fprintf(stderr, "%s\n", r.error().message.c_str()), 1;
    }
    std::printf("filled %d stations and %d tickets in %.1f s\n", kStations, kTickets,
                Ms(std::chrono::steady_clock::now() - start).count() / 1000);
  }
  if (store->grading->CurrentGrades()->empty() &&
      store->grading->ListRuns(1)->empty()) {  // a store kept from before grading: add its year
    const auto start = std::chrono::steady_clock::now();
    if (auto r = FillEvidenceSqlite((dir / "yizhan.db").string(), rng); !r) {
      return std::fprintf(stderr, "%s\n", r.error().message.c_str()), 1;
    }
    std::printf("filled a year of grading evidence in %.1f s\n",
                Ms(std::chrono::steady_clock::now() - start).count() / 1000);
  }
  StationDirectory directory(*store->stations);
  if (auto r = directory.Reload(); !r) return 1;
  FakeClock clock(kNow);
  Auditor auditor(*store->audit, clock);
  TicketService tickets(*store->tickets, *store->accounts, directory, auditor, clock, nullptr);
  Principal city;
  city.account.username = "bench";
  city.account.role = Role::kCityAdmin;

  for (const std::string region : {"37", "370203"}) {
    std::vector<double> times;
    int64_t open = 0, overdue = 0;
    for (int i = 0; i < runs; ++i) {
      const auto start = std::chrono::steady_clock::now();
      auto board = tickets.Board(city, region);
      times.push_back(Ms(std::chrono::steady_clock::now() - start).count());
      if (!board) return std::fprintf(stderr, "board: %s\n", board.error().message.c_str()), 1;
      open = overdue = 0;
      for (const auto& l : board->by_region) open += l.open, overdue += l.overdue;
    }
    std::printf("board %-7s %d runs: median %.2f ms, p99 %.2f ms (open %lld, overdue %lld)\n",
                region.c_str(), runs, Percentile(times, 0.5), Percentile(times, 0.99),
                static_cast<long long>(open), static_cast<long long>(overdue));
  }

  MessageService messages(*store->messages, clock);
  OverdueSweep sweep(*store->tickets, directory, messages, auditor, clock);
  const auto sql = [&](const std::string& statement) {
    sqlite3* db = nullptr;
    sqlite3_open((dir / "yizhan.db").string().c_str(), &db);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_exec(db, statement.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
  };
  // Steady state: what fell due in the last 10 minutes waits (again, on a kept store).
  sql(fmt::format(
      "UPDATE reports SET escalated_at_ms = NULL WHERE due_at_ms >= {} AND due_at_ms < {} "
      "AND status IN ('new','assigned','in_progress','waiting_parts')",
      ToEpochMillis(kNow) - 600'000, ToEpochMillis(kNow)));
  {
    const auto start = std::chrono::steady_clock::now();
    auto round = sweep.Run();
    const double ms = Ms(std::chrono::steady_clock::now() - start).count();
    if (!round) return std::fprintf(stderr, "sweep: %s\n", round.error().message.c_str()), 1;
    std::printf("sweep, steady state (fell due in the last 10 min): %lld escalated in %.1f ms\n",
                static_cast<long long>(round->escalated), ms);
    const auto idle_start = std::chrono::steady_clock::now();
    auto idle = sweep.Run();
    std::printf("sweep, nothing to do: %.2f ms\n",
                Ms(std::chrono::steady_clock::now() - idle_start).count());
    if (!idle) return 1;
  }
  {
    // A burst: an outage of the sweep for hours, 5,000 tickets waiting.
    sql("UPDATE reports SET escalated_at_ms = NULL WHERE id IN (SELECT id FROM reports "
        "WHERE escalated_at_ms IS NOT NULL AND status IN ('new','assigned','in_progress',"
        "'waiting_parts') LIMIT 5000)");
    const auto start = std::chrono::steady_clock::now();
    auto round = sweep.Run(5000);
    const double ms = Ms(std::chrono::steady_clock::now() - start).count();
    if (!round) return std::fprintf(stderr, "sweep: %s\n", round.error().message.c_str()), 1;
    std::printf("sweep, burst: %lld escalated in %.1f ms\n",
                static_cast<long long>(round->escalated), ms);
  }
  {
    // Grading: every station, a year of evidence, the default rules; each run stores its
    // 200,000 proposals. The evidence queries alone are timed too (CollectEvidence).
    GradingService grading(*store->grading, *store->standard, directory, auditor, clock,
                           TimeZone::Shanghai());
    const Caller caller{city, "127.0.0.1"};
    std::vector<double> whole, evidence;
    std::array<int64_t, 6> by_stars{};
    for (int i = 0; i < grading_runs; ++i) {
      const auto collect_start = std::chrono::steady_clock::now();
      auto collected = store->grading->CollectEvidence(grading.WindowNow());
      evidence.push_back(Ms(std::chrono::steady_clock::now() - collect_start).count());
      if (!collected)
        return std::fprintf(stderr, "evidence: %s\n", collected.error().message.c_str()), 1;
      const auto start = std::chrono::steady_clock::now();
      auto run = grading.Run(caller, "");
      whole.push_back(Ms(std::chrono::steady_clock::now() - start).count());
      if (!run) return std::fprintf(stderr, "grading: %s\n", run.error().message.c_str()), 1;
      by_stars = run->by_stars;
    }
    std::printf(
        "grading run, %d stations, %d runs: median %.1f s (evidence queries median %.1f s); "
        "stars 0..5: %lld %lld %lld %lld %lld %lld\n",
        kStations, grading_runs, Percentile(whole, 0.5) / 1000, Percentile(evidence, 0.5) / 1000,
        static_cast<long long>(by_stars[0]), static_cast<long long>(by_stars[1]),
        static_cast<long long>(by_stars[2]), static_cast<long long>(by_stars[3]),
        static_cast<long long>(by_stars[4]), static_cast<long long>(by_stars[5]));
  }
  if (keep.empty()) std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace yz

int main(int argc, char** argv) { return yz::Run(argc, argv); }
