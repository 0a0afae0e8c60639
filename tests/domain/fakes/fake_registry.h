// In-memory repositories of the registry, check-in counts and the audit log, for the
// services' tests (tests/domain/<area>). Each can be told to fail its next write, to test what a
// service does when the store refuses.
#pragma once

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/accounts/authorization.h"
#include "domain/audit/audit.h"
#include "domain/checkins/checkin_repository.h"
#include "domain/stations/station_repository.h"

namespace yz::testing {

class FakeRegistry final : public StationRepository, public RegionRepository {
 public:
  Result<std::vector<Station>> ListStations() override {
    std::lock_guard lock(mu_);
    ++list_calls_;
    std::vector<Station> out;
    for (const auto& [code, s] : stations_) out.push_back(s);
    return out;
  }
  Result<std::optional<Station>> FindStation(std::string_view code) override {
    std::lock_guard lock(mu_);
    const auto it = stations_.find(std::string(code));
    if (it == stations_.end()) return std::optional<Station>{};
    return std::optional<Station>{it->second};
  }
  Result<void> SaveStations(std::span<const Station> stations) override {
    std::lock_guard lock(mu_);
    if (fail_next_save_) {
      fail_next_save_ = false;
      return Error::Unavailable("store down");
    }
    for (const Station& s : stations) stations_[s.code] = s;
    ++version_;
    return Ok();
  }
  Result<VersionStep> SaveStationsVersioned(std::span<const Station> stations) override {
    const int64_t before = *RegistryVersion();
    YZ_TRY(SaveStations(stations));
    return VersionStep{before, *RegistryVersion()};
  }
  Result<int64_t> CountStations() override {
    std::lock_guard lock(mu_);
    return static_cast<int64_t>(stations_.size());
  }
  Result<int64_t> RegistryVersion() override {
    std::lock_guard lock(mu_);
    return version_;
  }
  Result<std::vector<Region>> ListRegions() override {
    std::lock_guard lock(mu_);
    return regions_;
  }
  Result<void> SaveRegions(std::span<const Region> regions) override {
    std::lock_guard lock(mu_);
    for (const Region& r : regions) {
      auto it = std::find_if(regions_.begin(), regions_.end(),
                             [&](const Region& x) { return x.code == r.code; });
      if (it == regions_.end()) {
        regions_.push_back(r);
      } else {
        *it = r;
      }
    }
    return Ok();
  }
  void FailNextSave() {
    std::lock_guard lock(mu_);
    fail_next_save_ = true;
  }
  // Another process's write: moves the version without going through a directory.
  void SaveBehindTheBack(const Station& s) {
    std::lock_guard lock(mu_);
    stations_[s.code] = s;
    ++version_;
  }
  // How often every station was read (a full reload).
  int list_calls() {
    std::lock_guard lock(mu_);
    return list_calls_;
  }

 private:
  std::mutex mu_;
  std::map<std::string, Station> stations_;
  std::vector<Region> regions_;
  int64_t version_ = 0;
  bool fail_next_save_ = false;
  int list_calls_ = 0;
};

// Only what the dashboard reads: check-in instants per station.
class FakeCheckinCounts final : public CheckinRepository {
 public:
  void Add(const std::string& station, UtcTime at) { checkins_.emplace_back(station, at); }
  Result<std::unordered_map<std::string, int64_t>> CheckinCountsSince(UtcTime since) override {
    std::unordered_map<std::string, int64_t> out;
    for (const auto& [station, at] : checkins_) {
      if (at >= since) ++out[station];
    }
    return out;
  }
  void RecordCheckin(const Checkin&, std::chrono::milliseconds,
                     std::function<void(Result<CheckinOutcome>)> done) override {
    done(Error::Internal("not in this fake"));
  }
  Result<std::optional<Checkin>> FindCheckin(std::string_view) override {
    return std::optional<Checkin>{};
  }
  void RecordRating(const Rating&, std::string,
                    std::function<void(Result<std::string>)> done) override {
    done(Error::Internal("not in this fake"));
  }
  void RecordReport(const Report&, std::chrono::milliseconds,
                    std::function<void(Result<std::string>)> done) override {
    done(Error::Internal("no"));
  }
  Result<std::vector<Report>> ListReports(std::string_view) override {
    return std::vector<Report>{};
  }
  Result<std::unordered_map<std::string, RatingTotal>> RatingTotals() override {
    return std::unordered_map<std::string, RatingTotal>{};
  }
  Result<int64_t> CountCheckins() override { return static_cast<int64_t>(checkins_.size()); }
  std::size_t QueueDepth() const override { return 0; }

 private:
  std::vector<std::pair<std::string, UtcTime>> checkins_;
};

class FakeAuditLog final : public AuditRepository {
 public:
  Result<int64_t> Append(const AuditEntry& entry) override {
    std::lock_guard lock(mu_);
    entries_.push_back(entry);
    entries_.back().id = static_cast<int64_t>(entries_.size());
    return entries_.back().id;
  }
  Result<std::vector<AuditEntry>> List(const AuditQuery&) override {
    std::lock_guard lock(mu_);
    return std::vector<AuditEntry>(entries_.rbegin(), entries_.rend());
  }
  std::vector<AuditEntry> entries() {
    std::lock_guard lock(mu_);
    return entries_;
  }

 private:
  std::mutex mu_;
  std::vector<AuditEntry> entries_;
};

inline Station MakeStation(std::string code, std::string region, std::string name = "站") {
  Station s;
  s.code = std::move(code);
  s.name = std::move(name);
  s.region = std::move(region);
  s.location = GeoPoint{Latitude(36.88), Longitude(118.79)};
  s.status = StationStatus::kOpen;
  return s;
}

inline Principal MakePrincipal(Role role, Scope scope, std::string username = "alice") {
  Principal p;
  p.account.username = std::move(username);
  p.account.role = role;
  p.account.scope = std::move(scope);
  return p;
}

}  // namespace yz::testing
