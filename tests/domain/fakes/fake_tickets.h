// An in-memory TicketRepository for the upkeep and dashboard services' tests: the same filters,
// version check and grouping as the stores (tests/storage/ticket_conformance_test.cpp holds the
// stores to them). `fail_next_` makes the next change fail as a store outage would.
#pragma once

#include <algorithm>
#include <map>
#include <mutex>

#include "domain/upkeep/ticket_repository.h"

namespace yz::testing {

class FakeTickets final : public TicketRepository {
 public:
  void Add(Ticket t) {
    std::lock_guard lock(mu_);
    tickets_[t.id] = std::move(t);
  }

  Result<std::optional<Ticket>> FindTicket(std::string_view id) override {
    std::lock_guard lock(mu_);
    const auto it = tickets_.find(std::string(id));
    if (it == tickets_.end()) return std::optional<Ticket>{};
    return std::optional<Ticket>{it->second};
  }
  Result<std::vector<Ticket>> ListTickets(const TicketFilter& f) override {
    std::lock_guard lock(mu_);
    std::vector<Ticket> out;
    for (const auto& [id, t] : tickets_) {
      if (!f.unrestricted) {
        bool in = false;
        for (const auto& r : f.regions) in = in || t.region.starts_with(r);
        for (const auto& s : f.stations) in = in || t.station_code == s;
        if (!in) continue;
      }
      if (!f.station.empty() && t.station_code != f.station) continue;
      if (!t.region.starts_with(f.region)) continue;
      if (f.status && t.status != *f.status) continue;
      if ((f.open_only || f.overdue_only) && !IsOpen(t.status)) continue;
      if (f.closed_only && IsOpen(t.status)) continue;
      if (f.overdue_only && !(t.due_at && *t.due_at < f.now)) continue;
      if (f.category && t.category != *f.category) continue;
      if (!f.assignee.empty() && t.assignee != f.assignee) continue;
      if (f.team_id && t.team_id != f.team_id) continue;
      if (f.since && t.at < *f.since) continue;
      if (f.until && t.at >= *f.until) continue;
      out.push_back(t);
    }
    std::sort(out.begin(), out.end(), [](const Ticket& a, const Ticket& b) {
      return a.at != b.at ? a.at > b.at : a.id < b.id;
    });
    if (out.size() > f.limit) out.resize(f.limit);
    return out;
  }
  Result<std::vector<Ticket>> OpenTicketsOf(std::string_view station,
                                            std::optional<Amenity> amenity) override {
    TicketFilter f;
    f.unrestricted = true;
    f.station = std::string(station);
    f.open_only = true;
    auto all = ListTickets(f);
    std::erase_if(*all, [&](const Ticket& t) { return amenity && t.amenity != amenity; });
    return all;
  }
  Result<std::vector<Amenity>> ReportedAmenities(std::string_view station) override {
    auto open = OpenTicketsOf(station, std::nullopt);
    std::vector<Amenity> out;
    for (const Ticket& t : *open) {
      if (t.amenity && std::find(out.begin(), out.end(), *t.amenity) == out.end())
        out.push_back(*t.amenity);
    }
    return out;
  }
  Result<std::vector<TicketEvent>> History(std::string_view id) override {
    std::lock_guard lock(mu_);
    return events_[std::string(id)];
  }
  Result<Ticket> ApplyChange(const TicketChange& change) override {
    std::lock_guard lock(mu_);
    if (fail_next_) {
      fail_next_ = false;
      return Error::Unavailable("store down");
    }
    auto it = tickets_.find(change.after.id);
    if (it == tickets_.end() || it->second.version != change.expected_version) {
      return Error::Conflict("changed meanwhile");
    }
    Ticket t = change.after;
    t.version = change.expected_version + 1;
    it->second = t;
    events_[t.id].push_back(change.event);
    return t;
  }
  Result<Ticket> OpenTicket(const Ticket& ticket, const TicketEvent& opened) override {
    std::lock_guard lock(mu_);
    if (tickets_.contains(ticket.id)) return Error::Conflict("taken");
    tickets_[ticket.id] = ticket;
    events_[ticket.id].push_back(opened);
    return ticket;
  }
  Result<std::vector<OverdueLine>> OverdueByRegion(std::string_view region, int digits,
                                                   UtcTime now) override {
    return Overdue(region, now, [&](const Ticket& t) { return t.region.substr(0, digits); });
  }
  Result<std::vector<OverdueLine>> OverdueByTeam(std::string_view region, UtcTime now) override {
    return Overdue(region, now, [](const Ticket& t) {
      return t.team_id ? std::to_string(*t.team_id) : std::string();
    });
  }
  Result<std::vector<OnTimeCount>> OnTime(std::string_view region, UtcTime since, UtcTime until,
                                          bool by_team, int digits) override {
    std::lock_guard lock(mu_);
    std::map<std::string, OnTimeCount> lines;
    for (const auto& [id, t] : tickets_) {
      if (!t.region.starts_with(region) || !t.resolved_at || !t.due_at) continue;
      if (t.status != TicketStatus::kResolved && t.status != TicketStatus::kVerified) continue;
      if (*t.resolved_at < since || *t.resolved_at >= until) continue;
      const std::string key =
          by_team ? (t.team_id ? std::to_string(*t.team_id) : "") : t.region.substr(0, digits);
      OnTimeCount& c = lines[key];
      c.key = key;
      ++c.resolved;
      c.on_time += *t.resolved_at <= *t.due_at;
    }
    std::vector<OnTimeCount> out;
    for (auto& [k, c] : lines) out.push_back(c);
    return out;
  }
  Result<std::vector<Ticket>> DueForEscalation(UtcTime now, std::size_t limit) override {
    std::lock_guard lock(mu_);
    std::vector<Ticket> out;
    for (const auto& [id, t] : tickets_) {
      if (IsOpen(t.status) && !t.escalated_at && t.due_at && *t.due_at < now) out.push_back(t);
    }
    std::sort(out.begin(), out.end(),
              [](const Ticket& a, const Ticket& b) { return *a.due_at < *b.due_at; });
    if (out.size() > limit) out.resize(limit);
    return out;
  }
  Result<std::vector<std::string>> MarkEscalated(const std::vector<std::string>& ids,
                                                 UtcTime now) override {
    std::lock_guard lock(mu_);
    std::vector<std::string> marked;
    for (const std::string& id : ids) {
      auto it = tickets_.find(id);
      if (it == tickets_.end() || it->second.escalated_at || !IsOpen(it->second.status)) continue;
      it->second.escalated_at = now;
      events_[id].push_back({now, "system", "overdue", it->second.status, "已超过服务时限"});
      marked.push_back(id);
    }
    return marked;
  }
  Result<std::optional<std::string>> ReporterDevice(std::string_view id) override {
    std::lock_guard lock(mu_);
    if (!tickets_.contains(std::string(id))) return std::optional<std::string>{};
    return std::optional<std::string>{devices_[std::string(id)]};
  }
  std::map<std::string, std::string> devices_;  // ticket id → device hash, set by tests
  Result<std::vector<TicketPhoto>> ListPhotos(std::string_view id) override {
    std::lock_guard lock(mu_);
    return photos_[std::string(id)];
  }
  Result<void> AddPhoto(std::string_view id, const TicketPhoto& photo) override {
    std::lock_guard lock(mu_);
    if (!tickets_.contains(std::string(id))) return Error::NotFound("no such ticket");
    photos_[std::string(id)].push_back(photo);
    return Ok();
  }
  Result<std::vector<MaintenanceTeam>> ListTeams() override {
    std::lock_guard lock(mu_);
    std::vector<MaintenanceTeam> out;
    for (const auto& [id, t] : teams_) out.push_back(t);
    return out;
  }
  Result<MaintenanceTeam> SaveTeam(const MaintenanceTeam& team, UtcTime) override {
    std::lock_guard lock(mu_);
    for (const auto& [id, t] : teams_) {
      if (t.name == team.name && id != team.id) return Error::Conflict("name taken");
    }
    MaintenanceTeam saved = team;
    if (saved.id == 0) saved.id = ++next_team_;
    teams_[saved.id] = saved;
    return saved;
  }
  Result<std::vector<ServiceLevel>> ListServiceLevels() override {
    std::lock_guard lock(mu_);
    return levels_;
  }
  Result<void> ReplaceServiceLevels(const std::vector<ServiceLevel>& levels) override {
    std::lock_guard lock(mu_);
    levels_ = levels;
    return Ok();
  }

  bool fail_next_ = false;

 private:
  template <typename KeyOf>
  Result<std::vector<OverdueLine>> Overdue(std::string_view region, UtcTime now, KeyOf key_of) {
    std::lock_guard lock(mu_);
    std::map<std::string, OverdueLine> lines;
    for (const auto& [id, t] : tickets_) {
      if (!IsOpen(t.status) || !t.region.starts_with(region)) continue;
      const std::string key = key_of(t);
      OverdueLine& line = lines[key];
      line.key = key;
      ++line.open;
      if (t.due_at && *t.due_at < now) {
        ++line.overdue;
        if (!line.oldest_due || *t.due_at < *line.oldest_due) line.oldest_due = t.due_at;
      }
    }
    std::vector<OverdueLine> out;
    for (auto& [k, l] : lines) out.push_back(l);
    return out;
  }

  std::mutex mu_;
  std::map<std::string, Ticket> tickets_;
  std::map<std::string, std::vector<TicketEvent>> events_;
  std::map<std::string, std::vector<TicketPhoto>> photos_;
  std::map<int64_t, MaintenanceTeam> teams_;
  int64_t next_team_ = 0;
  std::vector<ServiceLevel> levels_;
};

}  // namespace yz::testing
