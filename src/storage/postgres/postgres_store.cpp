// The PostgreSQL store. See docs/decisions/0003-postgresql-store.md for the choices: libpqxx 6.4,
// a small connection pool, embedded migrations under an advisory lock, batched upserts that pass
// whole columns as array parameters.
#include "storage/postgres/postgres_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>
#include <numeric>
#include <string>
#include <unordered_map>

#include "core/crypto.h"
#include "domain/stations/code_lists.h"
#include "storage/assemble_store.h"
#include "storage/postgres/connection_pool.h"
#include "storage/postgres/migrations.h"
#include "storage/postgres/postgres_accounts.h"
#include "storage/postgres/postgres_checkins.h"
#include "storage/postgres/postgres_grading.h"
#include "storage/postgres/postgres_jobs.h"
#include "storage/postgres/postgres_messages.h"
#include "storage/postgres/postgres_people.h"
#include "storage/postgres/postgres_session.h"
#include "storage/postgres/postgres_tickets.h"
#include "storage/setting_store.h"
#include "storage/volunteer_store.h"

namespace yz {
namespace {

using pg::ConnectionPool;

// Threads writing check-ins, ratings and reports, each leasing a pooled connection per write.
constexpr int kCheckinWorkers = 16;
// The one pool of the store, opened on demand: every check-in writer at once, plus a few for the
// registry, the console and the other areas, so a burst of check-ins never starves a sign-in.
constexpr int kPoolSize = kCheckinWorkers + 4;
// Stations per INSERT statement of a save: bounds the size of one statement's parameters
// (about 2 MB) while keeping round trips few (40 for the national registry).
constexpr size_t kStationsPerStatement = 5000;

constexpr const char* kListStations = "list_stations";
constexpr const char* kListPhotos = "list_photos";
constexpr const char* kFindStation = "find_station";
constexpr const char* kFindPhotos = "find_photos";
constexpr const char* kCountStations = "count_stations";
constexpr const char* kRegistryVersion = "registry_version";
constexpr const char* kLockRegistryVersion = "lock_registry_version";
constexpr const char* kUpsertStations = "upsert_stations";
constexpr const char* kDeletePhotos = "delete_photos";
constexpr const char* kInsertPhotos = "insert_photos";
constexpr const char* kListRegions = "list_regions";
constexpr const char* kUpsertRegions = "upsert_regions";
constexpr const char* kListHosts = "list_hosts";
constexpr const char* kAddHost = "add_host";
constexpr const char* kGetStandard = "get_standard";
constexpr const char* kClearStandard = "clear_standard";
constexpr const char* kInsertStandard = "insert_standard";

// Dates travel as days since 1970-01-01, so no DateStyle setting can change their text.
#define YZ_STATION_COLUMNS                                                                    \
  "code, name, address, lat, lng, region, host_type, host_id, level, status, opening_hours, " \
  "amenities, services, manager, phone, opened_on - DATE '1970-01-01', investment_fen, "      \
  "service_phone, "                                                                           \
  "COALESCE((SELECT stars FROM station_grades g WHERE g.station_code = stations.code), 0)"

void PrepareStatements(pqxx::connection& c) {
  // Reading doubles back exactly: shortest round-trip text on PostgreSQL 12+, 17 digits before.
  c.set_variable("extra_float_digits", "3");
  c.prepare(kListStations, "SELECT " YZ_STATION_COLUMNS " FROM stations ORDER BY code");
  c.prepare(kListPhotos,
            "SELECT station_code, path, caption FROM station_photos"
            " ORDER BY station_code, position");
  c.prepare(kFindStation, "SELECT " YZ_STATION_COLUMNS " FROM stations WHERE code = $1");
  c.prepare(kFindPhotos,
            "SELECT station_code, path, caption FROM station_photos"
            " WHERE station_code = $1 ORDER BY position");
  c.prepare(kCountStations, "SELECT count(*) FROM stations");
  c.prepare(kRegistryVersion, "SELECT version FROM registry_version WHERE id = 1");
  c.prepare(kLockRegistryVersion, "SELECT version FROM registry_version WHERE id = 1 FOR UPDATE");
  c.prepare(kUpsertStations,
            "INSERT INTO stations (code, name, address, lat, lng, region, host_type, host_id,"
            " level, status, opening_hours, amenities, services, manager, phone, opened_on,"
            " investment_fen, service_phone)"
            " SELECT code, name, address, lat, lng, region, host_type, host_id, level, status,"
            " opening_hours, amenities, services, manager, phone,"
            " DATE '1970-01-01' + opened_days, investment_fen, service_phone"
            " FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[],"
            " $6::text[], $7::text[], $8::int8[], $9::text[], $10::text[], $11::text[],"
            " $12::text[], $13::text[], $14::text[], $15::text[], $16::int4[], $17::int8[],"
            " $18::text[])"
            " AS t(code, name, address, lat, lng, region, host_type, host_id, level, status,"
            " opening_hours, amenities, services, manager, phone, opened_days, investment_fen,"
            " service_phone)"
            " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, address = EXCLUDED.address,"
            " lat = EXCLUDED.lat, lng = EXCLUDED.lng, region = EXCLUDED.region,"
            " host_type = EXCLUDED.host_type, host_id = EXCLUDED.host_id,"
            " level = EXCLUDED.level, status = EXCLUDED.status,"
            " opening_hours = EXCLUDED.opening_hours, amenities = EXCLUDED.amenities,"
            " services = EXCLUDED.services, manager = EXCLUDED.manager,"
            " phone = EXCLUDED.phone, opened_on = EXCLUDED.opened_on,"
            " investment_fen = EXCLUDED.investment_fen,"
            " service_phone = EXCLUDED.service_phone");
  c.prepare(kDeletePhotos, "DELETE FROM station_photos WHERE station_code = ANY($1::text[])");
  c.prepare(kInsertPhotos,
            "INSERT INTO station_photos (station_code, position, path, caption)"
            " SELECT * FROM unnest($1::text[], $2::int4[], $3::text[], $4::text[])");
  c.prepare(kListRegions, "SELECT code, name FROM regions ORDER BY code");
  c.prepare(kUpsertRegions,
            "INSERT INTO regions (code, name) SELECT * FROM unnest($1::text[], $2::text[])"
            " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name");
  c.prepare(kListHosts, "SELECT id, name, host_type, region FROM hosts ORDER BY id");
  c.prepare(kAddHost,
            "INSERT INTO hosts (name, host_type, region) VALUES ($1, $2, $3) RETURNING id");
  c.prepare(kGetStandard, "SELECT amenity FROM amenity_standard ORDER BY position");
  c.prepare(kClearStandard, "DELETE FROM amenity_standard");
  c.prepare(
      kInsertStandard,
      "INSERT INTO amenity_standard (position, amenity)"
      " SELECT ord::int4, amenity FROM unnest($1::text[]) WITH ORDINALITY AS t(amenity, ord)");
}

#undef YZ_STATION_COLUMNS

// One column of a batch as a PostgreSQL array literal ("{\"a\",NULL,1.5}"): every value goes to
// the server as one text parameter per column, whatever the number of rows.
class ArrayLiteral {
 public:
  ArrayLiteral() { text_.push_back('{'); }

  void AddText(std::string_view s) {
    Separate();
    text_.push_back('"');
    for (char ch : s) {
      if (ch == '"' || ch == '\\') text_.push_back('\\');
      text_.push_back(ch);
    }
    text_.push_back('"');
  }
  void AddNull() {
    Separate();
    text_ += "NULL";
  }
  void AddInt(int64_t v) {
    Separate();
    text_ += std::to_string(v);
  }
  // The shortest text that reads back as exactly `v`.
  void AddDouble(double v) {
    Separate();
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    text_.append(buf, end);
  }
  template <class T, class Add>
  void AddOptional(const std::optional<T>& v, Add add) {
    if (v) {
      add(*v);
    } else {
      AddNull();
    }
  }

  std::string Finish() && {
    text_.push_back('}');
    return std::move(text_);
  }

 private:
  void Separate() {
    if (text_.size() > 1) text_.push_back(',');
  }
  std::string text_;
};

std::string_view View(const pqxx::field& f) { return {f.c_str(), f.size()}; }

Result<double> ParseDouble(std::string_view text) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Error::Internal(fmt::format("not a number: '{}'", text));
  }
  return v;
}

Result<int64_t> ParseInt(std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Error::Internal(fmt::format("not an integer: '{}'", text));
  }
  return v;
}

int64_t DaysSinceEpoch(Date d) { return std::chrono::sys_days(d).time_since_epoch().count(); }

Date DateFromDays(int64_t days) { return Date(std::chrono::sys_days(std::chrono::days(days))); }

// PostgreSQL text cannot hold NUL; refusing it keeps a save from storing something else.
bool HasNul(std::string_view s) { return s.find('\0') != std::string_view::npos; }

Result<void> CheckStoreable(const Station& s) {
  auto bad = [&](std::string_view field) {
    return Error::InvalidArgument(
        fmt::format("station {}: {} contains a NUL character", s.code, field));
  };
  if (HasNul(s.code)) return bad("code");
  if (HasNul(s.name)) return bad("name");
  if (HasNul(s.address)) return bad("address");
  if (HasNul(s.region)) return bad("region");
  if (HasNul(s.manager)) return bad("manager");
  if (HasNul(s.phone)) return bad("phone");
  if (HasNul(s.service_phone)) return bad("service_phone");
  if (HasNul(s.opening_hours.text())) return bad("opening_hours");
  for (const auto& p : s.photos) {
    if (HasNul(p.path) || HasNul(p.caption)) return bad("a photo");
  }
  return Ok();
}

// Columns as in YZ_STATION_COLUMNS; photos are added by the caller.
Result<Station> StationFromRow(const pqxx::row& r, const FieldCipher& cipher) {
  Station s;
  s.code = View(r[0]);
  auto fail = [&](std::string_view what, std::string_view detail) {
    return Error::Internal(fmt::format("stored station {}: {}: {}", s.code, what, detail));
  };
  s.name = View(r[1]);
  s.address = View(r[2]);
  auto lat = ParseDouble(View(r[3]));
  if (!lat.ok()) return fail("lat", lat.error().message);
  auto lng = ParseDouble(View(r[4]));
  if (!lng.ok()) return fail("lng", lng.error().message);
  s.location = GeoPoint{Latitude(*lat), Longitude(*lng)};
  s.region = View(r[5]);
  if (!r[6].is_null()) {
    s.host_type = ParseHostType(View(r[6]));
    if (!s.host_type) return fail("host_type", View(r[6]));
  }
  if (!r[7].is_null()) {
    auto id = ParseInt(View(r[7]));
    if (!id.ok()) return fail("host_id", id.error().message);
    s.host_id = *id;
  }
  auto level = ParseLevel(View(r[8]));
  if (!level) return fail("level", View(r[8]));
  s.level = *level;
  auto status = ParseStationStatus(View(r[9]));
  if (!status) return fail("status", View(r[9]));
  s.status = *status;
  if (r[10].size() > 0) {
    auto hours = OpeningHours::Parse(View(r[10]));
    if (!hours.ok()) return fail("opening_hours", hours.error().message);
    s.opening_hours = std::move(hours).value();
  }
  auto amenities = ParseAmenityList(View(r[11]));
  if (!amenities.ok()) return fail("amenities", amenities.error().message);
  s.amenities = std::move(amenities).value();
  auto services = ParseServiceList(View(r[12]));
  if (!services.ok()) return fail("services", services.error().message);
  s.services = std::move(services).value();
  s.manager = View(r[13]);
  auto phone = cipher.Open(View(r[14]));
  if (!phone)
    return Error::Internal(fmt::format("stored phone of {}: {}", s.code, phone.error().message));
  s.phone = std::move(*phone);
  if (!r[15].is_null()) {
    auto days = ParseInt(View(r[15]));
    if (!days.ok()) return fail("opened_on", days.error().message);
    s.opened_on = DateFromDays(*days);
  }
  if (!r[16].is_null()) {
    auto fen = ParseInt(View(r[16]));
    if (!fen.ok()) return fail("investment_fen", fen.error().message);
    s.investment = Money{*fen};
  }
  s.service_phone = View(r[17]);
  auto stars = ParseInt(View(r[18]));
  if (!stars.ok()) return fail("stars", stars.error().message);
  s.stars = static_cast<int>(*stars);
  return s;
}

// Runs `body` in a fresh transaction on a pooled connection, again (up to three times in all)
// when PostgreSQL rolled it back for a deadlock or a serialization failure: every body here is a
// whole unit of work, so a retry does the same thing once.
template <class T, class Body>
Result<T> RunRetrying(ConnectionPool& pool, std::string_view what, Body body) {
  for (int attempt = 1;; ++attempt) {
    bool retry = false;
    auto result = pool.Run<T>(what, [&](pqxx::connection& c) -> Result<T> {
      try {
        return body(c);
      } catch (const pqxx::transaction_rollback&) {
        if (attempt >= 3) throw;
        retry = true;
        return Error::Internal("retrying");
      }
    });
    if (!retry) return result;
  }
}

// Owns the one connection pool of the store and implements the registry's repositories itself;
// the other areas' repositories are members on the same pool.
class PostgresStore final : public StationRepository,
                            public RegionRepository,
                            public HostRepository,
                            public StandardRepository,
                            public SecretRepository {
 public:
  PostgresStore(const std::string& url, FieldCipher cipher)
      : cipher_(std::move(cipher)),
        pool_(url, kPoolSize, PrepareStatements),
        checkins_(pool_, kCheckinWorkers),
        accounts_(pool_),
        tickets_(pool_),
        grading_(pool_),
        jobs_(pool_),
        people_(pool_, cipher_),
        messages_(pool_, cipher_),
        runner_(pool_),
        volunteers_(runner_, cipher_),
        settings_(runner_) {}

  Result<void> Migrate() {
    const std::vector<Migration> migrations = MigrationsFor("postgres");
    auto lease = pool_.Acquire();
    if (!lease.ok()) return lease.error();
    auto applied = pg::ApplyMigrations(**lease, migrations);
    if (!applied.ok()) {
      lease->Discard();  // its session may be in any state
      return applied.error();
    }
    return Ok();
  }

  pg::PostgresCheckinRepository& checkins() { return checkins_; }
  pg::PostgresAccounts& accounts() { return accounts_; }
  pg::PostgresTickets& tickets() { return tickets_; }
  pg::PostgresGrading& grading() { return grading_; }
  pg::PostgresJobs& jobs() { return jobs_; }
  pg::PostgresPeople& people() { return people_; }
  pg::PostgresMessages& messages() { return messages_; }
  VolunteerStore& volunteers() { return volunteers_; }
  SettingStore& settings() { return settings_; }

  Result<std::string> HashKey() override {
    return pool_.Run<std::string>("hash key", [](pqxx::connection& c) -> Result<std::string> {
      pqxx::work txn(c);
      txn.exec_params(
          "INSERT INTO secrets (name, value) VALUES ('hash_key', $1) ON CONFLICT (name) DO NOTHING",
          RandomToken(32));
      const auto value =
          txn.exec("SELECT value FROM secrets WHERE name = 'hash_key'")[0][0].as<std::string>();
      txn.commit();
      return value;
    });
  }

  // --- StationRepository ---

  Result<std::vector<Station>> ListStations() override {
    return RunRetrying<std::vector<Station>>(
        pool_, "list stations", [this](pqxx::connection& c) -> Result<std::vector<Station>> {
          // One snapshot for both queries, so a concurrent save is seen whole or not at all.
          pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> txn(c);
          const pqxx::result rows = txn.exec_prepared(kListStations);
          const pqxx::result photos = txn.exec_prepared(kListPhotos);
          txn.commit();
          std::vector<Station> stations;
          stations.reserve(rows.size());
          std::unordered_map<std::string_view, size_t> index;
          index.reserve(rows.size());
          for (const auto& r : rows) {
            auto s = StationFromRow(r, cipher_);
            if (!s.ok()) return s.error();
            stations.push_back(std::move(s).value());
          }
          for (size_t i = 0; i < stations.size(); ++i) index.emplace(stations[i].code, i);
          for (const auto& p : photos) {
            auto it = index.find(View(p[0]));
            if (it == index.end()) continue;  // unreachable: the foreign key forbids it
            stations[it->second].photos.push_back(
                {std::string(View(p[1])), std::string(View(p[2]))});
          }
          return stations;
        });
  }

  Result<std::optional<Station>> FindStation(std::string_view code) override {
    using Found = std::optional<Station>;
    return RunRetrying<Found>(pool_, "find station", [&](pqxx::connection& c) -> Result<Found> {
      if (HasNul(code)) return Found();
      pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> txn(c);
      const std::string key(code);
      const pqxx::result rows = txn.exec_prepared(kFindStation, key);
      if (rows.empty()) return Found();
      const pqxx::result photos = txn.exec_prepared(kFindPhotos, key);
      txn.commit();
      auto s = StationFromRow(rows[0], cipher_);
      if (!s.ok()) return s.error();
      for (const auto& p : photos) {
        s->photos.push_back({std::string(View(p[1])), std::string(View(p[2]))});
      }
      return Found(std::move(s).value());
    });
  }

  Result<void> SaveStations(std::span<const Station> stations) override {
    YZ_TRY(SaveStationsVersioned(stations));
    return Ok();
  }

  Result<VersionStep> SaveStationsVersioned(std::span<const Station> stations) override {
    for (const auto& s : stations) {
      if (auto ok = CheckStoreable(s); !ok.ok()) return ok.error();
    }
    if (stations.empty()) {
      auto version = RegistryVersion();
      if (!version) return version.error();
      return VersionStep{*version, *version};
    }
    // Rows in code order, so concurrent saves of overlapping sets lock rows in the same order.
    std::vector<size_t> order(stations.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return stations[a].code < stations[b].code; });
    return RunRetrying<VersionStep>(
        pool_, "save stations", [&](pqxx::connection& c) -> Result<VersionStep> {
          pqxx::work txn(c);
          // The version row first, locked: every station writer takes it before any station row
          // (the bump triggers would take it last), so no other write can land between `before` and
          // `after`, and writers cannot deadlock over it.
          auto before = ParseInt(View(txn.exec_prepared1(kLockRegistryVersion)[0]));
          if (!before) return before.error();
          for (size_t begin = 0; begin < order.size(); begin += kStationsPerStatement) {
            const size_t end = std::min(order.size(), begin + kStationsPerStatement);
            UpsertChunk(txn, stations, std::span(order).subspan(begin, end - begin), cipher_);
          }
          auto after = ParseInt(View(txn.exec_prepared1(kRegistryVersion)[0]));
          if (!after) return after.error();
          txn.commit();
          return VersionStep{*before, *after};
        });
  }

  Result<int64_t> RegistryVersion() override {
    return RunRetrying<int64_t>(pool_, "registry version",
                                [](pqxx::connection& c) -> Result<int64_t> {
                                  pqxx::read_transaction txn(c);
                                  const auto row = txn.exec_prepared1(kRegistryVersion);
                                  txn.commit();
                                  return ParseInt(View(row[0]));
                                });
  }

  Result<int64_t> CountStations() override {
    return RunRetrying<int64_t>(pool_, "count stations",
                                [](pqxx::connection& c) -> Result<int64_t> {
                                  pqxx::read_transaction txn(c);
                                  const auto row = txn.exec_prepared1(kCountStations);
                                  txn.commit();
                                  return ParseInt(View(row[0]));
                                });
  }

  // --- RegionRepository ---

  Result<std::vector<Region>> ListRegions() override {
    return RunRetrying<std::vector<Region>>(
        pool_, "list regions", [](pqxx::connection& c) -> Result<std::vector<Region>> {
          pqxx::read_transaction txn(c);
          const pqxx::result rows = txn.exec_prepared(kListRegions);
          txn.commit();
          std::vector<Region> regions;
          regions.reserve(rows.size());
          for (const auto& r : rows) {
            regions.push_back({std::string(View(r[0])), std::string(View(r[1]))});
          }
          return regions;
        });
  }

  Result<void> SaveRegions(std::span<const Region> regions) override {
    for (const auto& r : regions) {
      if (HasNul(r.code) || HasNul(r.name)) {
        return Error::InvalidArgument(fmt::format("region {}: contains a NUL character", r.code));
      }
    }
    if (regions.empty()) return Ok();
    ArrayLiteral codes, names;
    for (const auto& r : regions) {
      codes.AddText(r.code);
      names.AddText(r.name);
    }
    std::string codes_text = std::move(codes).Finish();
    std::string names_text = std::move(names).Finish();
    return RunRetrying<void>(pool_, "save regions", [&](pqxx::connection& c) -> Result<void> {
      pqxx::work txn(c);
      txn.exec_prepared(kUpsertRegions, codes_text, names_text);
      txn.commit();
      return Ok();
    });
  }

  // --- HostRepository ---

  Result<std::vector<Host>> ListHosts() override {
    return RunRetrying<std::vector<Host>>(
        pool_, "list hosts", [](pqxx::connection& c) -> Result<std::vector<Host>> {
          pqxx::read_transaction txn(c);
          const pqxx::result rows = txn.exec_prepared(kListHosts);
          txn.commit();
          std::vector<Host> hosts;
          hosts.reserve(rows.size());
          for (const auto& r : rows) {
            Host h;
            auto id = ParseInt(View(r[0]));
            if (!id.ok()) return id.error();
            h.id = *id;
            h.name = View(r[1]);
            auto type = ParseHostType(View(r[2]));
            if (!type) {
              return Error::Internal(
                  fmt::format("stored host {}: unknown host_type '{}'", h.id, View(r[2])));
            }
            h.type = *type;
            h.region = View(r[3]);
            hosts.push_back(std::move(h));
          }
          return hosts;
        });
  }

  Result<int64_t> AddHost(const Host& host) override {
    if (HasNul(host.name) || HasNul(host.region)) {
      return Error::InvalidArgument("host: contains a NUL character");
    }
    // Not retried: a second attempt after an unknown outcome could add the host twice.
    return pool_.Run<int64_t>("add host", [&](pqxx::connection& c) -> Result<int64_t> {
      pqxx::work txn(c);
      const auto row = txn.exec_prepared1(kAddHost, host.name, std::string(HostTypeCode(host.type)),
                                          host.region);
      txn.commit();
      return ParseInt(View(row[0]));
    });
  }

  // --- StandardRepository ---

  Result<std::vector<Amenity>> StandardAmenities() override {
    return RunRetrying<std::vector<Amenity>>(
        pool_, "read the amenity standard",
        [](pqxx::connection& c) -> Result<std::vector<Amenity>> {
          pqxx::read_transaction txn(c);
          const pqxx::result rows = txn.exec_prepared(kGetStandard);
          txn.commit();
          std::vector<Amenity> amenities;
          for (const auto& r : rows) {
            auto a = ParseAmenity(View(r[0]));
            if (!a) {
              return Error::Internal(
                  fmt::format("stored amenity standard: unknown amenity '{}'", View(r[0])));
            }
            amenities.push_back(*a);
          }
          return amenities;
        });
  }

  Result<void> SetStandardAmenities(std::span<const Amenity> amenities) override {
    ArrayLiteral codes;
    for (Amenity a : amenities) codes.AddText(AmenityCode(a));
    std::string codes_text = std::move(codes).Finish();
    return RunRetrying<void>(pool_, "set the amenity standard",
                             [&](pqxx::connection& c) -> Result<void> {
                               pqxx::work txn(c);
                               txn.exec_prepared(kClearStandard);
                               txn.exec_prepared(kInsertStandard, codes_text);
                               txn.commit();
                               return Ok();
                             });
  }

 private:
  // Writes stations[order[i]] for every i: the rows, then their photos (old ones deleted).
  static void UpsertChunk(pqxx::work& txn, std::span<const Station> stations,
                          std::span<const size_t> order, const FieldCipher& cipher) {
    ArrayLiteral code, name, address, lat, lng, region, host_type, host_id, level, status, hours,
        amenities, services, manager, phone, opened_days, investment, service_phone;
    ArrayLiteral photo_code, photo_position, photo_path, photo_caption;
    bool any_photo = false;
    for (size_t i : order) {
      const Station& s = stations[i];
      code.AddText(s.code);
      name.AddText(s.name);
      address.AddText(s.address);
      lat.AddDouble(s.location.lat.degrees());
      lng.AddDouble(s.location.lng.degrees());
      region.AddText(s.region);
      host_type.AddOptional(s.host_type, [&](HostType t) { host_type.AddText(HostTypeCode(t)); });
      host_id.AddOptional(s.host_id, [&](int64_t id) { host_id.AddInt(id); });
      level.AddText(LevelCode(s.level));
      status.AddText(StationStatusCode(s.status));
      hours.AddText(s.opening_hours.text());
      amenities.AddText(FormatAmenityList(s.amenities));
      services.AddText(FormatServiceList(s.services));
      manager.AddText(s.manager);
      phone.AddText(cipher.Seal(s.phone));
      opened_days.AddOptional(s.opened_on, [&](Date d) { opened_days.AddInt(DaysSinceEpoch(d)); });
      investment.AddOptional(s.investment, [&](Money m) { investment.AddInt(m.fen); });
      service_phone.AddText(s.service_phone);
      for (size_t p = 0; p < s.photos.size(); ++p) {
        photo_code.AddText(s.code);
        photo_position.AddInt(static_cast<int64_t>(p));
        photo_path.AddText(s.photos[p].path);
        photo_caption.AddText(s.photos[p].caption);
        any_photo = true;
      }
    }
    const std::string codes = std::move(code).Finish();
    txn.exec_prepared(kUpsertStations, codes, std::move(name).Finish(), std::move(address).Finish(),
                      std::move(lat).Finish(), std::move(lng).Finish(), std::move(region).Finish(),
                      std::move(host_type).Finish(), std::move(host_id).Finish(),
                      std::move(level).Finish(), std::move(status).Finish(),
                      std::move(hours).Finish(), std::move(amenities).Finish(),
                      std::move(services).Finish(), std::move(manager).Finish(),
                      std::move(phone).Finish(), std::move(opened_days).Finish(),
                      std::move(investment).Finish(), std::move(service_phone).Finish());
    txn.exec_prepared(kDeletePhotos, codes);
    if (any_photo) {
      txn.exec_prepared(kInsertPhotos, std::move(photo_code).Finish(),
                        std::move(photo_position).Finish(), std::move(photo_path).Finish(),
                        std::move(photo_caption).Finish());
    }
  }

  const FieldCipher cipher_;
  ConnectionPool pool_;
  pg::PostgresCheckinRepository checkins_;
  pg::PostgresAccounts accounts_;
  pg::PostgresTickets tickets_;
  pg::PostgresGrading grading_;
  pg::PostgresJobs jobs_;
  pg::PostgresPeople people_;  // after cipher_ and pool_
  pg::PostgresMessages messages_;
  pg::PostgresRunner runner_;  // SQL shared with SQLite runs here
  VolunteerStore volunteers_;  // after runner_ and cipher_
  SettingStore settings_;      // after runner_
};

}  // namespace

Result<Store> OpenPostgresStore(const std::string& url, const FieldCipher& cipher) {
  auto backend = std::make_shared<PostgresStore>(url, cipher);
  if (auto migrated = backend->Migrate(); !migrated.ok()) return migrated.error();
  return AssembleStore("postgresql", backend);
}

}  // namespace yz
