// Volunteers on duty at national scale (issue 16): 200,000 open stations and 1,000,000 future
// shifts (a third of them full) in the embedded store, fixed seed. Measures, in one run:
//   - "near me with open shifts", k = 10, from random origins: the index query in-process
//     (VolunteerService::NearMe; goal p99 <= 50 us) and the whole phone API request through the
//     route table with its JSON (GET /api/v1/me/volunteer/near, a signed-in person), and the
//     same request over a loopback socket to the real server (2 threads, one keep-alive client);
//   - building that index (every 30 s on a server) from the store;
//   - a year of shifts made from templates for every station (one template per station, every
//     Saturday 09:00-12:00, two people: 52 shifts each, about 10.4 million; goal under 60 s);
//   - the calendar feed of a volunteer holding 500 shifts (goal under 5 ms).
//
//   build/release/bench/volunteer_bench [--queries 100000] [--http 20000] [--feeds 200]
#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <random>
#include <string>
#include <vector>

#include "app/server_app.h"
#include "core/crypto.h"
#include "domain/audit/auditor.h"
#include "domain/messages/message_service.h"
#include "domain/volunteers/volunteer_service.h"
#include "http/server.h"
#include "storage/open_store.h"

namespace yz {
namespace {

using Clock = std::chrono::steady_clock;
using Us = std::chrono::duration<double, std::micro>;
using Ms = std::chrono::duration<double, std::milli>;
constexpr int kStations = 200'000;
constexpr int kShifts = 1'000'000;
constexpr uint64_t kSeed = 20261207;

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

void Report(const char* what, const std::vector<double>& v, const char* unit) {
  fmt::print("{:<58} median {:>9.2f} {}  p99 {:>9.2f} {}  (n = {})\n", what, Percentile(v, 0.5),
             unit, Percentile(v, 0.99), unit, v.size());
  std::fflush(stdout);
}

GeoPoint RandomPoint(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> lat(22.0, 42.0), lng(102.0, 122.0);
  return GeoPoint{Latitude(lat(rng)), Longitude(lng(rng))};
}

int Run(int queries, int http_requests, int feeds) {
  const auto dir =
      std::filesystem::temp_directory_path() / fmt::format("volunteer-bench-{}", ::getpid());
  auto store = OpenStore({.data_dir = dir.string()});
  if (!store) {
    fmt::print(stderr, "{}\n", store.error().message);
    return 1;
  }
  std::mt19937_64 rng(kSeed);
  {
    std::vector<Station> stations;
    stations.reserve(kStations);
    for (int i = 0; i < kStations; ++i) {
      Station s;
      s.code = fmt::format("V{:06}", i);
      s.name = fmt::format("基准驿站 {}", i);
      s.address = fmt::format("基准路 {} 号", i);
      s.region = fmt::format("{:02}0101001", 11 + i % 31);
      s.location = RandomPoint(rng);
      s.status = StationStatus::kOpen;
      stations.push_back(std::move(s));
    }
    if (auto saved = store->stations->SaveStations(stations); !saved) {
      fmt::print(stderr, "{}\n", saved.error().message);
      return 1;
    }
  }
  StationDirectory directory(*store->stations);
  (void)directory.Reload();
  FakeClock clock(*ParseRfc3339("2026-12-07T10:00:00+08:00"));
  Auditor auditor(*store->audit, clock);
  MessageService messages(*store->messages, clock);
  VolunteerService service(*store->volunteers, *store->people, directory, messages, auditor, clock,
                           VolunteerServiceConfig{TimeZone::Shanghai(), "bench-key"});
  const UtcTime now = clock.Now();

  // 1,000,000 future shifts over the next 30 days.
  {
    std::vector<ShiftRow> rows;
    rows.reserve(kShifts);
    std::uniform_int_distribution<int> station(0, kStations - 1), day(0, 29), hour(6, 20),
        needed(1, 3);
    const UtcTime midnight = *ParseRfc3339("2026-12-08T00:00:00+08:00");
    for (int i = 0; i < kShifts; ++i) {
      const int s = station(rng);
      const UtcTime start = midnight + std::chrono::hours(24 * day(rng) + hour(rng));
      rows.push_back({0,
                      fmt::format("V{:06}", s),
                      fmt::format("{:02}0101001", 11 + s % 31),
                      start,
                      start + std::chrono::hours(2),
                      fmt::format("值班{}", i % 7),
                      needed(rng),
                      {},
                      0});
    }
    const auto t0 = Clock::now();
    auto added = store->volunteers->AddShiftsIfAbsent(rows, now);
    if (!added) {
      fmt::print(stderr, "{}\n", added.error().message);
      return 1;
    }
    fmt::print("{:<58} {:>9.1f} s  ({} shifts)\n", "inserting the shifts (AddShiftsIfAbsent)",
               Ms(Clock::now() - t0).count() / 1000, *added);
  }
  auto person = store->people->FindOrAddPerson("13800000001", now);
  Volunteer v;
  v.person_id = person->id;
  v.name = "基准志愿者";
  v.created_at = v.updated_at = now;
  auto volunteer = store->volunteers->SaveVolunteer(v);
  // A third of the shifts are full: written straight into the file (taking them one by one
  // through the service would take an hour; what is measured is finding the others).
  {
    sqlite3* db = nullptr;
    sqlite3_open((dir / "yizhan.db").c_str(), &db);
    sqlite3_exec(db, "PRAGMA busy_timeout=10000; UPDATE shifts SET held = needed WHERE id % 3 = 0",
                 nullptr, nullptr, nullptr);
    sqlite3_close(db);
    auto open = store->volunteers->OpenPlaces(now, now + std::chrono::hours(24 * 7));
    fmt::print("stations with a free place in the coming week: {}\n", open->size());
  }
  {
    std::vector<double> builds;
    for (int i = 0; i < 3; ++i) {
      const auto t0 = Clock::now();
      (void)service.RefreshOpenDuty();
      builds.push_back(Ms(Clock::now() - t0).count());
    }
    Report("building the near-me index (RefreshOpenDuty)", builds, "ms");
  }
  {
    std::vector<double> times;
    times.reserve(queries);
    std::shared_ptr<const OpenDutyIndex::Generation> keep;
    std::size_t found = 0;
    for (int i = 0; i < queries; ++i) {
      const GeoPoint origin = RandomPoint(rng);
      const auto t0 = Clock::now();
      const auto hits = service.NearMe(origin, 10, keep);
      times.push_back(Us(Clock::now() - t0).count());
      found += hits.size();
    }
    Report("near me, k = 10, in-process (NearMe)", times, "us");
    fmt::print("  (mean hits per query {:.2f})\n", static_cast<double>(found) / queries);
  }
  // The phone API through the route table: a signed-in person's GET.
  {
    auto app_store = OpenStore({.data_dir = dir.string()});
    ServerAppConfig config;
    config.run_jobs = false;
    config.access_log = false;
    config.photo_dir = dir / "photos";
    auto app = ServerApp::Create(std::move(*app_store), config);
    if (!app) {
      fmt::print(stderr, "{}\n", app.error().message);
      return 1;
    }
    const std::string key = *(*app)->store().secrets->HashKey();
    const std::string token = RandomToken(24);
    (void)(*app)->store().people->AddPersonSession({KeyedHashHex(key, "session:" + token),
                                                    person->id, SystemClock().Now(),
                                                    SystemClock().Now()});
    std::vector<double> times;
    times.reserve(http_requests);
    int ok = 0;
    for (int i = 0; i < http_requests; ++i) {
      const GeoPoint origin = RandomPoint(rng);
      HttpRequest request;
      request.method = "GET";
      request.target = fmt::format("/api/v1/me/volunteer/near?lat={:.6f}&lng={:.6f}&limit=10",
                                   origin.lat.degrees(), origin.lng.degrees());
      request.headers.emplace_back("cookie", "yz_person=" + token);
      request.remote_address = "127.0.0.1";
      std::promise<HttpResponse> done;
      const auto t0 = Clock::now();
      (*app)->router().Dispatch(std::move(request),
                                [&](HttpResponse&& r) { done.set_value(std::move(r)); });
      const HttpResponse r = done.get_future().get();
      times.push_back(Us(Clock::now() - t0).count());
      ok += r.status == 200;
    }
    Report("near me, k = 10, phone API through the route table", times, "us");
    fmt::print("  ({} of {} answered 200)\n", ok, http_requests);

    // The same over a real loopback socket: the server (2 threads) and one keep-alive client.
    HttpServerConfig server_config;
    server_config.port = 0;
    server_config.threads = 2;
    HttpServer server(server_config, (*app)->router().AsHandler());
    if (auto started = server.Start(); !started) {
      fmt::print(stderr, "{}\n", started.error().message);
      return 1;
    }
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      fmt::print(stderr, "cannot connect to the bench server\n");
      return 1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    times.clear();
    ok = 0;
    std::string buffer;
    for (int i = 0; i < http_requests; ++i) {
      const GeoPoint origin = RandomPoint(rng);
      const std::string request = fmt::format(
          "GET /api/v1/me/volunteer/near?lat={:.6f}&lng={:.6f}&limit=10 HTTP/1.1\r\nHost: "
          "bench\r\nCookie: yz_person={}\r\n\r\n",
          origin.lat.degrees(), origin.lng.degrees(), token);
      const auto t0 = Clock::now();
      if (::send(fd, request.data(), request.size(), 0) != static_cast<ssize_t>(request.size()))
        break;
      // One response: headers, then Content-Length bytes of body.
      std::size_t header_end = std::string::npos, need = 0;
      char chunk[65536];
      while (true) {
        if (header_end == std::string::npos) {
          header_end = buffer.find("\r\n\r\n");
          if (header_end != std::string::npos) {
            const auto at = buffer.find("Content-Length: ");
            need =
                header_end + 4 + (at == std::string::npos ? 0 : std::stoul(buffer.substr(at + 16)));
            ok += buffer.starts_with("HTTP/1.1 200");
          }
        }
        if (header_end != std::string::npos && buffer.size() >= need) break;
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) break;
        buffer.append(chunk, static_cast<std::size_t>(n));
      }
      times.push_back(Us(Clock::now() - t0).count());
      buffer.erase(0, need);
    }
    ::close(fd);
    server.Stop(std::chrono::seconds(1));
    Report("near me, k = 10, phone API over a loopback socket", times, "us");
    fmt::print("  ({} of {} answered 200)\n", ok, http_requests);
  }
  // A year of shifts from one template per station.
  {
    DutyTemplate t;
    t.weekdays = 0x20;  // Saturday
    t.start_minute = 9 * 60;
    t.end_minute = 12 * 60;
    t.needed = 2;
    t.valid_from = *ParseDate("2026-12-01");
    const auto t0 = Clock::now();
    for (int i = 0; i < kStations; ++i) {
      t.station_code = fmt::format("V{:06}", i);
      (void)store->volunteers->SaveTemplate(t, "", now);
    }
    fmt::print("{:<58} {:>9.1f} s\n", "saving 200,000 templates",
               Ms(Clock::now() - t0).count() / 1000);
    const auto t1 = Clock::now();
    auto made = service.GenerateShifts(*ParseDate("2026-12-07"), 365);
    if (!made) {
      fmt::print(stderr, "{}\n", made.error().message);
      return 1;
    }
    fmt::print("{:<58} {:>9.1f} s  ({} shifts)\n",
               "a year of shifts from templates (GenerateShifts)",
               Ms(Clock::now() - t1).count() / 1000, *made);
  }
  // The calendar of a volunteer with 500 shifts.
  {
    std::vector<ShiftRow> rows;
    for (int i = 0; i < 500; ++i) {
      const UtcTime start = now + std::chrono::hours(3 + 5 * i);
      rows.push_back({i + 1,
                      fmt::format("V{:06}", i),
                      "",
                      start,
                      start + std::chrono::hours(2),
                      "日历",
                      1,
                      {volunteer->id},
                      0});
    }
    (void)store->volunteers->ImportShifts(rows, now);
    auto token = service.CalendarToken("13800000001", false);
    std::vector<double> times;
    std::size_t bytes = 0;
    for (int i = 0; i < feeds; ++i) {
      const auto t0 = Clock::now();
      auto feed = service.CalendarFeed(*token);
      times.push_back(Ms(Clock::now() - t0).count());
      bytes = (*feed)->size();
    }
    Report("calendar feed of a volunteer with 500 shifts", times, "ms");
    fmt::print("  ({} bytes)\n", bytes);
  }
  std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace yz

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure as soon as it is measured
  int queries = 100'000, http = 20'000, feeds = 200;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--queries") queries = std::stoi(argv[i + 1]);
    if (flag == "--http") http = std::stoi(argv[i + 1]);
    if (flag == "--feeds") feeds = std::stoi(argv[i + 1]);
  }
  return yz::Run(queries, http, feeds);
}
