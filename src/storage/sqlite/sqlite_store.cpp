#include "storage/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <filesystem>
#include <mutex>

#include "core/crypto.h"
#include "domain/stations/code_lists.h"
#include "storage/assemble_store.h"
#include "storage/migrations.h"
#include "storage/setting_store.h"
#include "storage/sqlite/sqlite_accounts.h"
#include "storage/sqlite/sqlite_checkins.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/sqlite/sqlite_grading.h"
#include "storage/sqlite/sqlite_jobs.h"
#include "storage/sqlite/sqlite_messages.h"
#include "storage/sqlite/sqlite_people.h"
#include "storage/sqlite/sqlite_session.h"
#include "storage/sqlite/sqlite_tickets.h"
#include "storage/sqlite/wal_checkpointer.h"
#include "storage/volunteer_store.h"

namespace yz {
namespace {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;

Result<void> ApplyMigrations(Database& db) {
  YZ_TRY(
      db.Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
              "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
  for (const auto& m : MigrationsFor("sqlite")) {
    auto tx = Transaction::Begin(db);
    if (!tx) return tx.error();
    auto check = db.Prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
    if (!check) return check.error();
    check->Bind(1, static_cast<int64_t>(m.version));
    auto seen = check->Step();
    if (!seen) return seen.error();
    if (*seen) continue;
    if (auto r = db.Exec(m.sql); !r) {
      return Error::Internal(fmt::format("migration {} failed: {}", m.name, r.error().message));
    }
    auto record = db.Prepare(
        "INSERT INTO schema_migrations (version, name, applied_at) "
        "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
    if (!record) return record.error();
    record->Bind(1, static_cast<int64_t>(m.version));
    record->Bind(2, m.name);
    YZ_TRY(record->Run());
    YZ_TRY(tx->Commit());
  }
  return Ok();
}

constexpr std::string_view kStationColumns =
    "code, name, address, lat, lng, region, host_type, host_id, level, status, opening_hours, "
    "amenities, services, manager, phone, opened_on, investment_fen, service_phone";
// Read after the registry's columns: the approved star grade (domain/grading), 0 when none.
constexpr std::string_view kStarsColumn =
    "COALESCE((SELECT stars FROM station_grades g WHERE g.station_code = stations.code), 0)";

Result<Station> ReadStation(const Statement& s, const FieldCipher& cipher) {
  Station st;
  st.code = s.Text(0);
  st.name = s.Text(1);
  st.address = s.Text(2);
  st.location = GeoPoint{Latitude(s.Double(3)), Longitude(s.Double(4))};
  st.region = s.Text(5);
  if (!s.IsNull(6)) st.host_type = ParseHostType(s.Text(6));
  if (!s.IsNull(7)) st.host_id = s.Int(7);
  st.level = ParseLevel(s.Text(8)).value_or(Level::kStandard);
  st.status = ParseStationStatus(s.Text(9)).value_or(StationStatus::kClosed);
  auto hours = OpeningHours::Parse(s.Text(10));
  if (!hours)
    return Error::Internal(fmt::format("stored hours of {}: {}", st.code, hours.error().message));
  st.opening_hours = std::move(*hours);
  auto amenities = ParseAmenityList(s.Text(11));
  if (!amenities)
    return Error::Internal(
        fmt::format("stored amenities of {}: {}", st.code, amenities.error().message));
  st.amenities = std::move(*amenities);
  auto services = ParseServiceList(s.Text(12));
  if (!services)
    return Error::Internal(
        fmt::format("stored services of {}: {}", st.code, services.error().message));
  st.services = std::move(*services);
  st.manager = s.Text(13);
  auto phone = cipher.Open(s.Text(14));
  if (!phone)
    return Error::Internal(fmt::format("stored phone of {}: {}", st.code, phone.error().message));
  st.phone = std::move(*phone);
  if (!s.IsNull(15)) st.opened_on = ParseDate(s.Text(15));
  if (!s.IsNull(16)) st.investment = Money{s.Int(16)};
  st.service_phone = s.Text(17);
  st.stars = static_cast<int>(s.Int(18));
  return st;
}

// Owns the connections and implements the registry's repositories itself; the other areas'
// repositories are members that share its reader connection and mutex.
class SqliteStore final : public StationRepository,
                          public RegionRepository,
                          public HostRepository,
                          public StandardRepository,
                          public SecretRepository {
 public:
  SqliteStore(Database db, Database writer_db, Database checkpoint_db, FieldCipher cipher,
              sqlite::GroupCommitOptions options)
      : cipher_(std::move(cipher)),
        db_(std::move(db)),
        checkins_(db_, mutex_, std::move(writer_db), options),
        accounts_(db_, mutex_),
        tickets_(db_, mutex_),
        grading_(db_, mutex_),
        jobs_(db_, mutex_),
        people_(db_, mutex_, cipher_),
        messages_(db_, mutex_, cipher_),
        runner_(db_, mutex_),
        volunteers_(runner_, cipher_),
        settings_(runner_),
        checkpointer_(std::move(checkpoint_db), std::chrono::milliseconds(50)) {}

  sqlite::SqliteCheckinRepository& checkins() { return checkins_; }
  sqlite::SqliteAccounts& accounts() { return accounts_; }
  sqlite::SqliteTickets& tickets() { return tickets_; }
  sqlite::SqliteGrading& grading() { return grading_; }
  sqlite::SqliteJobs& jobs() { return jobs_; }
  sqlite::SqlitePeople& people() { return people_; }
  sqlite::SqliteMessages& messages() { return messages_; }
  VolunteerStore& volunteers() { return volunteers_; }
  SettingStore& settings() { return settings_; }

  Result<std::string> HashKey() override {
    std::lock_guard lock(mutex_);
    auto insert = db_.Prepare(
        "INSERT INTO secrets (name, value) VALUES ('hash_key', ?) ON CONFLICT(name) DO NOTHING");
    if (!insert) return insert.error();
    insert->Bind(1, RandomToken(32));
    YZ_TRY(insert->Run());
    auto select = db_.Prepare("SELECT value FROM secrets WHERE name = 'hash_key'");
    if (!select) return select.error();
    auto row = select->Step();
    if (!row) return row.error();
    if (!*row) return Error::Internal("hash key missing");
    return std::string(select->Text(0));
  }

  Result<std::vector<Station>> ListStations() override {
    std::lock_guard lock(mutex_);
    auto stmt = db_.Prepare(
        fmt::format("SELECT {}, {} FROM stations ORDER BY code", kStationColumns, kStarsColumn));
    if (!stmt) return stmt.error();
    std::vector<Station> out;
    while (true) {
      auto row = stmt->Step();
      if (!row) return row.error();
      if (!*row) break;
      auto st = ReadStation(*stmt, cipher_);
      if (!st) return st.error();
      out.push_back(std::move(*st));
    }
    if (auto r = AttachPhotos(out, ""); !r) return r.error();
    return out;
  }

  Result<std::optional<Station>> FindStation(std::string_view code) override {
    std::lock_guard lock(mutex_);
    auto stmt = db_.Prepare(
        fmt::format("SELECT {}, {} FROM stations WHERE code = ?", kStationColumns, kStarsColumn));
    if (!stmt) return stmt.error();
    stmt->Bind(1, code);
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) return std::optional<Station>{};
    auto st = ReadStation(*stmt, cipher_);
    if (!st) return st.error();
    std::vector<Station> one{std::move(*st)};
    if (auto r = AttachPhotos(one, code); !r) return r.error();
    return std::optional<Station>{std::move(one.front())};
  }

  Result<void> SaveStations(std::span<const Station> stations) override {
    YZ_TRY(SaveStationsVersioned(stations));
    return Ok();
  }

  Result<VersionStep> SaveStationsVersioned(std::span<const Station> stations) override {
    std::lock_guard lock(mutex_);
    // BEGIN IMMEDIATE: the file is locked against other writers from here to the commit, so the
    // version read next is the one this write starts from.
    auto tx = Transaction::Begin(db_);
    if (!tx) return tx.error();
    auto before = VersionLocked();
    if (!before) return before.error();
    auto upsert = db_.Prepare(fmt::format(
        "INSERT INTO stations ({}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(code) DO UPDATE SET name=excluded.name, address=excluded.address, "
        "lat=excluded.lat, lng=excluded.lng, region=excluded.region, host_type=excluded.host_type, "
        "host_id=excluded.host_id, level=excluded.level, status=excluded.status, "
        "opening_hours=excluded.opening_hours, amenities=excluded.amenities, "
        "services=excluded.services, manager=excluded.manager, phone=excluded.phone, "
        "opened_on=excluded.opened_on, investment_fen=excluded.investment_fen, "
        "service_phone=excluded.service_phone",
        kStationColumns));
    if (!upsert) return upsert.error();
    auto delete_photos = db_.Prepare("DELETE FROM station_photos WHERE station_code = ?");
    if (!delete_photos) return delete_photos.error();
    auto insert_photo = db_.Prepare(
        "INSERT INTO station_photos (station_code, position, path, caption) VALUES (?,?,?,?)");
    if (!insert_photo) return insert_photo.error();

    for (const Station& st : stations) {
      Statement& s = *upsert;
      s.Reset();
      s.Bind(1, st.code);
      s.Bind(2, st.name);
      s.Bind(3, st.address);
      s.Bind(4, st.location.lat.degrees());
      s.Bind(5, st.location.lng.degrees());
      s.Bind(6, st.region);
      if (st.host_type)
        s.Bind(7, HostTypeCode(*st.host_type));
      else
        s.BindNull(7);
      s.Bind(8, st.host_id);
      s.Bind(9, LevelCode(st.level));
      s.Bind(10, StationStatusCode(st.status));
      s.Bind(11, st.opening_hours.text());
      s.Bind(12, FormatAmenityList(st.amenities));
      s.Bind(13, FormatServiceList(st.services));
      s.Bind(14, st.manager);
      s.Bind(15, cipher_.Seal(st.phone));
      if (st.opened_on)
        s.Bind(16, FormatDate(*st.opened_on));
      else
        s.BindNull(16);
      if (st.investment)
        s.Bind(17, st.investment->fen);
      else
        s.BindNull(17);
      s.Bind(18, st.service_phone);
      YZ_TRY(s.Run());
      delete_photos->Reset();
      delete_photos->Bind(1, st.code);
      YZ_TRY(delete_photos->Run());
      int64_t position = 0;
      for (const auto& photo : st.photos) {
        insert_photo->Reset();
        insert_photo->Bind(1, st.code);
        insert_photo->Bind(2, ++position);
        insert_photo->Bind(3, photo.path);
        insert_photo->Bind(4, photo.caption);
        YZ_TRY(insert_photo->Run());
      }
    }
    // One bump per transaction: other processes on this file reload (RegistryVersion).
    YZ_TRY(db_.Exec("UPDATE registry_version SET version = version + 1 WHERE id = 1"));
    YZ_TRY(tx->Commit());
    return VersionStep{*before, *before + 1};
  }

  Result<int64_t> CountStations() override {
    std::lock_guard lock(mutex_);
    auto stmt = db_.Prepare("SELECT count(*) FROM stations");
    if (!stmt) return stmt.error();
    auto row = stmt->Step();
    if (!row) return row.error();
    return stmt->Int(0);
  }

  Result<int64_t> RegistryVersion() override {
    std::lock_guard lock(mutex_);
    return VersionLocked();
  }

  Result<int64_t> VersionLocked() {  // REQUIRES: mutex_ held
    auto stmt = db_.Prepare("SELECT version FROM registry_version WHERE id = 1");
    if (!stmt) return stmt.error();
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) return Error::Internal("registry_version is empty");
    return stmt->Int(0);
  }

  Result<std::vector<Region>> ListRegions() override {
    std::lock_guard lock(mutex_);
    auto stmt = db_.Prepare("SELECT code, name FROM regions ORDER BY code");
    if (!stmt) return stmt.error();
    std::vector<Region> out;
    while (true) {
      auto row = stmt->Step();
      if (!row) return row.error();
      if (!*row) break;
      out.push_back({std::string(stmt->Text(0)), std::string(stmt->Text(1))});
    }
    return out;
  }

  Result<void> SaveRegions(std::span<const Region> regions) override {
    std::lock_guard lock(mutex_);
    auto tx = Transaction::Begin(db_);
    if (!tx) return tx.error();
    auto stmt = db_.Prepare(
        "INSERT INTO regions (code, name) VALUES (?, ?) "
        "ON CONFLICT(code) DO UPDATE SET name = excluded.name");
    if (!stmt) return stmt.error();
    for (const auto& r : regions) {
      stmt->Reset();
      stmt->Bind(1, r.code);
      stmt->Bind(2, r.name);
      YZ_TRY(stmt->Run());
    }
    return tx->Commit();
  }

  Result<std::vector<Host>> ListHosts() override {
    std::lock_guard lock(mutex_);
    auto stmt = db_.Prepare("SELECT id, name, host_type, region FROM hosts ORDER BY id");
    if (!stmt) return stmt.error();
    std::vector<Host> out;
    while (true) {
      auto row = stmt->Step();
      if (!row) return row.error();
      if (!*row) break;
      out.push_back({stmt->Int(0), std::string(stmt->Text(1)),
                     ParseHostType(stmt->Text(2)).value_or(HostType::kOther),
                     std::string(stmt->Text(3))});
    }
    return out;
  }

  Result<int64_t> AddHost(const Host& host) override {
    std::lock_guard lock(mutex_);
    auto stmt = db_.Prepare("INSERT INTO hosts (name, host_type, region) VALUES (?, ?, ?)");
    if (!stmt) return stmt.error();
    stmt->Bind(1, host.name);
    stmt->Bind(2, HostTypeCode(host.type));
    stmt->Bind(3, host.region);
    YZ_TRY(stmt->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_.handle()));
  }

  Result<std::vector<Amenity>> StandardAmenities() override {
    std::lock_guard lock(mutex_);
    auto stmt = db_.Prepare("SELECT amenity FROM amenity_standard ORDER BY position");
    if (!stmt) return stmt.error();
    std::vector<Amenity> out;
    while (true) {
      auto row = stmt->Step();
      if (!row) return row.error();
      if (!*row) break;
      if (auto a = ParseAmenity(stmt->Text(0))) out.push_back(*a);
    }
    return out;
  }

  Result<void> SetStandardAmenities(std::span<const Amenity> amenities) override {
    std::lock_guard lock(mutex_);
    auto tx = Transaction::Begin(db_);
    if (!tx) return tx.error();
    YZ_TRY(db_.Exec("DELETE FROM amenity_standard"));
    auto stmt = db_.Prepare("INSERT INTO amenity_standard (position, amenity) VALUES (?, ?)");
    if (!stmt) return stmt.error();
    int64_t position = 0;
    for (Amenity a : amenities) {
      stmt->Reset();
      stmt->Bind(1, ++position);
      stmt->Bind(2, AmenityCode(a));
      YZ_TRY(stmt->Run());
    }
    return tx->Commit();
  }

 private:
  // Fills each station's photos; `only_code` non-empty limits the query to that station.
  // REQUIRES: mutex_ held; `stations` ordered by code.
  Result<void> AttachPhotos(std::vector<Station>& stations, std::string_view only_code) {
    auto stmt =
        db_.Prepare(only_code.empty() ? "SELECT station_code, path, caption FROM station_photos "
                                        "ORDER BY station_code, position"
                                      : "SELECT station_code, path, caption FROM station_photos "
                                        "WHERE station_code = ? ORDER BY position");
    if (!stmt) return stmt.error();
    if (!only_code.empty()) stmt->Bind(1, only_code);
    std::size_t i = 0;
    while (true) {
      auto row = stmt->Step();
      if (!row) return row.error();
      if (!*row) break;
      const std::string_view code = stmt->Text(0);
      while (i < stations.size() && stations[i].code < code) ++i;
      if (i < stations.size() && stations[i].code == code) {
        stations[i].photos.push_back({std::string(stmt->Text(1)), std::string(stmt->Text(2))});
      }
    }
    return Ok();
  }

  const FieldCipher cipher_;
  std::mutex mutex_;  // guards db_: one connection for the registry and all reads
  Database db_;
  sqlite::SqliteCheckinRepository checkins_;  // after db_ and mutex_: it refers to them
  sqlite::SqliteAccounts accounts_;           // likewise
  sqlite::SqliteTickets tickets_;             // likewise
  sqlite::SqliteGrading grading_;             // likewise
  sqlite::SqliteJobs jobs_;                   // likewise
  sqlite::SqlitePeople people_;               // likewise, and cipher_
  sqlite::SqliteMessages messages_;           // likewise
  sqlite::SqliteRunner runner_;               // likewise: SQL shared with PostgreSQL runs here
  VolunteerStore volunteers_;                 // after runner_ and cipher_
  SettingStore settings_;                     // after runner_
  sqlite::WalCheckpointer checkpointer_;      // its own connection and thread
};

Result<void> Configure(Database& db, bool sync_commits) {
  YZ_TRY(db.Exec("PRAGMA busy_timeout=10000"));
  YZ_TRY(db.Exec("PRAGMA journal_mode=WAL"));
  YZ_TRY(db.Exec(sync_commits ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=OFF"));
  YZ_TRY(db.Exec("PRAGMA foreign_keys=ON"));
  // 32 MB of page cache: a 200,000-station import stays in memory until its commit.
  YZ_TRY(db.Exec("PRAGMA cache_size=-32000"));
  // After a checkpoint has emptied it, the WAL file is cut back to 64 MB: a burst (an import of
  // 200,000 stations) must not keep its gigabyte of WAL for good, nor take again at once the
  // space an operator freed on a full disk.
  YZ_TRY(db.Exec("PRAGMA journal_size_limit=67108864"));
  return Ok();
}

}  // namespace

Result<Store> OpenSqliteStore(const std::string& dir, const FieldCipher& cipher, bool sync_commits,
                              bool group_commit) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return Error::Unavailable(
        fmt::format("cannot create data directory {}: {}", dir, ec.message()));
  const std::string path = (std::filesystem::path(dir) / "yizhan.db").string();
  auto db = Database::Open(path);
  if (!db) return db.error();
  YZ_TRY(Configure(*db, sync_commits));
  YZ_TRY(ApplyMigrations(*db));
  auto writer_db = Database::Open(path);
  if (!writer_db) return writer_db.error();
  YZ_TRY(Configure(*writer_db, sync_commits));
  // The check-in writer leaves checkpoints to the WalCheckpointer (see wal_checkpointer.h); its
  // own automatic checkpoint stays only as a backstop should the WAL outgrow ~80 MB.
  YZ_TRY(writer_db->Exec("PRAGMA wal_autocheckpoint=20000"));
  auto checkpoint_db = Database::Open(path);
  if (!checkpoint_db) return checkpoint_db.error();
  YZ_TRY(Configure(*checkpoint_db, sync_commits));
  auto backend = std::make_shared<SqliteStore>(
      std::move(*db), std::move(*writer_db), std::move(*checkpoint_db), cipher,
      sqlite::GroupCommitOptions{.group_commit = group_commit});
  return AssembleStore("sqlite", backend);
}

}  // namespace yz
