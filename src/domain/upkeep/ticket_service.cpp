#include "domain/upkeep/ticket_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/region_code.h"
#include "core/text.h"
#include "domain/upkeep/ticket_workflow.h"

namespace yz {
namespace {

struct ActionEntry {
  std::string_view code;
  std::string_view label;
};
constexpr std::array<ActionEntry, 7> kActions{{
    {"assign", "派单"},
    {"start", "开始维修"},
    {"wait_parts", "等配件"},
    {"resolve", "标记修好"},
    {"verify", "验收"},
    {"reject", "不予处理"},
    {"merge", "合并"},
}};

Error NoSuchTicket() { return Error::NotFound("没有这张工单 / no such ticket"); }

bool IsManager(Role r) {
  return r == Role::kCityAdmin || r == Role::kRegionAdmin || r == Role::kStationManager;
}

bool IsRegionAdmin(Role r) { return r == Role::kCityAdmin || r == Role::kRegionAdmin; }

// What a maintainer may do to a ticket of theirs; managers may do everything.
bool MaintainerMay(TicketAction a) {
  return a == TicketAction::kStart || a == TicketAction::kWaitParts || a == TicketAction::kResolve;
}

const MaintenanceTeam* TeamById(const std::vector<MaintenanceTeam>& teams, int64_t id) {
  for (const MaintenanceTeam& t : teams) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

// The next level down from `region` for the board: province → city → county → street.
int GroupDigitsBelow(std::string_view region) {
  if (region.empty()) return 2;
  if (region.size() <= 2) return 4;
  if (region.size() <= 4) return 6;
  return 9;
}

}  // namespace

std::string_view TicketActionCode(TicketAction a) { return kActions[static_cast<int>(a)].code; }
std::string_view TicketActionLabel(TicketAction a) { return kActions[static_cast<int>(a)].label; }
std::optional<TicketAction> ParseTicketAction(std::string_view code) {
  for (std::size_t i = 0; i < kActions.size(); ++i) {
    if (kActions[i].code == code) return static_cast<TicketAction>(i);
  }
  return std::nullopt;
}

Result<TicketView> TicketService::ViewOf(Ticket ticket, const std::vector<MaintenanceTeam>* teams) {
  TicketView view;
  const auto catalog = directory_.Current();
  if (const Station* s = catalog->Find(ticket.station_code)) {
    view.station_name = s->name;
    view.station_address = s->address;
    view.station_location = s->location;
  }
  if (ticket.team_id) {
    std::vector<MaintenanceTeam> loaded;
    if (teams == nullptr) {
      auto listed = tickets_.ListTeams();
      if (!listed) return listed.error();
      loaded = std::move(*listed);
      teams = &loaded;
    }
    if (const MaintenanceTeam* team = TeamById(*teams, *ticket.team_id))
      view.team_name = team->name;
  }
  view.ticket = std::move(ticket);
  return view;
}

Result<std::vector<TicketView>> TicketService::List(const Principal& who, TicketFilter filter,
                                                    bool mine) {
  filter.unrestricted = who.role() == Role::kCityAdmin && who.account.scope.regions.empty() &&
                        who.account.scope.stations.empty();
  filter.regions = who.account.scope.regions;
  filter.stations = who.account.scope.stations;
  filter.now = clock_.Now();
  auto teams = tickets_.ListTeams();
  if (!teams) return teams.error();
  if (mine) filter.limit = std::max<std::size_t>(filter.limit, 1000);
  auto listed = tickets_.ListTickets(filter);
  if (!listed) return listed.error();
  const auto catalog = directory_.Current();
  std::vector<TicketView> out;
  for (Ticket& t : *listed) {
    // The store filtered by scope; the catalog check keeps a moved station's tickets in scope
    // only where the station now is.
    const Station* s = catalog->Find(t.station_code);
    if (s != nullptr && !who.CanReachStation(s->code, s->region)) continue;
    if (mine) {
      const bool assigned = t.assignee && *t.assignee == who.account.username;
      const MaintenanceTeam* team = t.team_id ? TeamById(*teams, *t.team_id) : nullptr;
      const bool in_team =
          team != nullptr && std::find(team->members.begin(), team->members.end(),
                                       who.account.username) != team->members.end();
      if (!assigned && !in_team) continue;
    }
    auto view = ViewOf(std::move(t), &*teams);
    if (!view) return view.error();
    out.push_back(std::move(*view));
  }
  return out;
}

Result<TicketDetail> TicketService::Get(const Principal& who, std::string_view id) {
  auto found = tickets_.FindTicket(id);
  if (!found) return found.error();
  if (!*found) return NoSuchTicket();
  const auto catalog = directory_.Current();
  const Station* s = catalog->Find((*found)->station_code);
  const std::string_view region = s != nullptr ? std::string_view(s->region) : (*found)->region;
  if (!who.CanReachStation((*found)->station_code, region)) return NoSuchTicket();
  auto teams = tickets_.ListTeams();
  if (!teams) return teams.error();
  TicketDetail out;
  auto history = tickets_.History((*found)->id);
  if (!history) return history.error();
  out.history = std::move(*history);
  auto photos = tickets_.ListPhotos((*found)->id);
  if (!photos) return photos.error();
  out.photos = std::move(*photos);
  if (IsOpen((*found)->status)) {
    auto open = tickets_.OpenTicketsOf((*found)->station_code, (*found)->amenity);
    if (!open) return open.error();
    for (Ticket& other : *open) {
      if (other.id == (*found)->id) continue;
      auto view = ViewOf(std::move(other), &*teams);
      if (!view) return view.error();
      out.likely_duplicates.push_back(std::move(*view));
    }
  }
  auto view = ViewOf(std::move(**found), &*teams);
  if (!view) return view.error();
  out.view = std::move(*view);
  return out;
}

Result<TicketDetail> TicketService::Act(const Caller& who, std::string_view id,
                                        const TicketCommand& command) {
  const std::string audit_action = fmt::format("ticket.{}", TicketActionCode(command.action));
  const std::string object = fmt::format("ticket:{}", id);
  auto detail = Get(who.principal, id);
  if (!detail) return detail.error();
  const Ticket& before = detail->view.ticket;
  const auto refuse = [&](Error e, AuditOutcome outcome = AuditOutcome::kFailed) -> Error {
    auditor_.Record(who, audit_action, object, outcome, e.message);
    return e;
  };

  if (!IsManager(who.role()) && !MaintainerMay(command.action)) {
    return refuse({ErrorCode::kForbidden, "只有站点负责人和管理员可以这样做 / managers only"},
                  AuditOutcome::kDenied);
  }
  if (command.version != before.version) {
    return refuse(Error::Conflict(
        "工单已被别人改过，请刷新后再试 / the ticket changed meanwhile, reload and try again"));
  }
  if (command.action == TicketAction::kAssign) {
    if (command.assignee) {
      auto account = accounts_.FindAccountByUsername(*command.assignee);
      if (!account) return account.error();
      if (!*account || (*account)->disabled ||
          ((*account)->role != Role::kMaintainer && !IsManager((*account)->role))) {
        return refuse(Error::InvalidArgument("没有这位维修人员 / no such maintainer"));
      }
    }
    if (command.team_id) {
      auto teams = tickets_.ListTeams();
      if (!teams) return teams.error();
      if (TeamById(*teams, *command.team_id) == nullptr) {
        return refuse(Error::InvalidArgument("没有这个维修队 / no such team"));
      }
    }
  }
  if (command.action == TicketAction::kMerge) {
    auto target = tickets_.FindTicket(command.into);
    if (!target) return target.error();
    if (!*target || (*target)->station_code != before.station_code ||
        (*target)->amenity != before.amenity || !IsOpen((*target)->status) ||
        (*target)->id == before.id) {
      return refuse(Error::InvalidArgument(
          "只能合并到同一站点、同一设施的未办结工单 / merge only into an open ticket of the same "
          "station and facility"));
    }
  }
  auto next = NextState(before, command, clock_.Now());
  if (!next) return refuse(next.error());

  TicketEvent event;
  event.at = next->updated_at;
  event.actor = who.principal.account.username;
  event.action = std::string(TicketActionCode(command.action));
  event.status = next->status;
  event.note = command.action == TicketAction::kMerge ? "合并到 " + command.into : command.note;
  auto stored = tickets_.ApplyChange({*next, event, before.version});
  if (!stored) return refuse(stored.error());
  auditor_.Record(
      who, audit_action, object, AuditOutcome::kSuccess,
      fmt::format("{} → {}", TicketStatusCode(before.status), TicketStatusCode(stored->status)));
  if (command.action == TicketAction::kResolve && stored->amenity && reset_facility_) {
    // The fix is recorded either way; a registry that cannot be written now keeps showing the
    // facility as broken until someone corrects it, which the audit log explains.
    if (auto reset = reset_facility_(who, stored->station_code, *stored->amenity); !reset) {
      auditor_.Record(who, "ticket.facility_reset", object, AuditOutcome::kFailed,
                      reset.error().message);
    }
  }
  return Get(who.principal, id);
}

Result<TicketService::Assignees> TicketService::AssigneesFor(const Principal& who,
                                                             std::string_view id) {
  auto detail = Get(who, id);
  if (!detail) return detail.error();
  const Ticket& t = detail->view.ticket;
  const auto catalog = directory_.Current();
  const Station* s = catalog->Find(t.station_code);
  const std::string region = s != nullptr ? s->region : t.region;
  auto accounts = accounts_.ListAccounts();
  if (!accounts) return accounts.error();
  Assignees out;
  for (const Account& a : *accounts) {
    if (a.disabled || a.role != Role::kMaintainer) continue;
    if (StationInScope(a.role, a.scope, t.station_code, region))
      out.maintainers.push_back(a.username);
  }
  auto teams = Teams(who);
  if (!teams) return teams.error();
  for (MaintenanceTeam& team : *teams) {
    if (region.starts_with(team.region)) out.teams.push_back(std::move(team));
  }
  return out;
}

namespace {

// Adds `from` into `into`, summing lines with the same key (keys kept in order).
void MergeLines(std::vector<OverdueLine>& into, const std::vector<OverdueLine>& from) {
  for (const OverdueLine& l : from) {
    auto it = std::find_if(into.begin(), into.end(),
                           [&](const OverdueLine& x) { return x.key == l.key; });
    if (it == into.end()) {
      into.push_back(l);
      continue;
    }
    it->open += l.open;
    it->overdue += l.overdue;
    if (l.oldest_due && (!it->oldest_due || *l.oldest_due < *it->oldest_due))
      it->oldest_due = l.oldest_due;
  }
  std::sort(into.begin(), into.end(),
            [](const OverdueLine& a, const OverdueLine& b) { return a.key < b.key; });
}

void MergeCounts(std::vector<OnTimeCount>& into, const std::vector<OnTimeCount>& from) {
  for (const OnTimeCount& c : from) {
    auto it = std::find_if(into.begin(), into.end(),
                           [&](const OnTimeCount& x) { return x.key == c.key; });
    if (it == into.end()) {
      into.push_back(c);
      continue;
    }
    it->resolved += c.resolved;
    it->on_time += c.on_time;
  }
  std::sort(into.begin(), into.end(),
            [](const OnTimeCount& a, const OnTimeCount& b) { return a.key < b.key; });
}

std::string TeamKey(const Ticket& t) {
  return t.team_id ? std::to_string(*t.team_id) : std::string();
}

}  // namespace

Result<void> TicketService::AddRegionToBoard(OverdueBoard& board, std::string_view region,
                                             UtcTime now) {
  const int digits = GroupDigitsBelow(region);
  auto by_region = tickets_.OverdueByRegion(region, digits, now);
  if (!by_region) return by_region.error();
  MergeLines(board.by_region, *by_region);
  auto by_team = tickets_.OverdueByTeam(region, now);
  if (!by_team) return by_team.error();
  MergeLines(board.by_team, *by_team);
  auto on_time = tickets_.OnTime(region, now - std::chrono::days(30), now, false, digits);
  if (!on_time) return on_time.error();
  MergeCounts(board.on_time_by_region, *on_time);
  auto on_time_teams = tickets_.OnTime(region, now - std::chrono::days(30), now, true, digits);
  if (!on_time_teams) return on_time_teams.error();
  MergeCounts(board.on_time_by_team, *on_time_teams);
  return Ok();
}

// Stations named one by one in a scope are few: their tickets are counted here.
Result<void> TicketService::AddStationsToBoard(OverdueBoard& board,
                                               const std::vector<std::string>& stations,
                                               UtcTime now) {
  TicketFilter filter;
  filter.stations = stations;
  filter.now = now;
  filter.limit = 100'000;
  filter.since = now - std::chrono::days(400);
  auto listed = tickets_.ListTickets(filter);
  if (!listed) return listed.error();
  std::vector<OverdueLine> regions, teams;
  std::vector<OnTimeCount> on_time_regions, on_time_teams;
  for (const Ticket& t : *listed) {
    const std::string region_key = t.region.substr(0, std::min<std::size_t>(t.region.size(), 9));
    if (IsOpen(t.status)) {
      const bool late = t.overdue(now);
      for (auto [lines, key] : {std::pair{&regions, region_key}, std::pair{&teams, TeamKey(t)}}) {
        OverdueLine line{key, 1, late ? 1 : 0, late ? t.due_at : std::nullopt};
        MergeLines(*lines, {line});
      }
    } else if (t.resolved_at && t.due_at && *t.resolved_at >= now - std::chrono::days(30) &&
               (t.status == TicketStatus::kResolved || t.status == TicketStatus::kVerified)) {
      const int64_t on_time = *t.resolved_at <= *t.due_at ? 1 : 0;
      MergeCounts(on_time_regions, {{region_key, 1, on_time}});
      MergeCounts(on_time_teams, {{TeamKey(t), 1, on_time}});
    }
  }
  MergeLines(board.by_region, regions);
  MergeLines(board.by_team, teams);
  MergeCounts(board.on_time_by_region, on_time_regions);
  MergeCounts(board.on_time_by_team, on_time_teams);
  return Ok();
}

Result<OverdueBoard> TicketService::Board(const Principal& who, std::string_view region) {
  if (!region.empty() && !IsValidRegionCode(region) && region.size() != 2 && region.size() != 4) {
    return Error::InvalidArgument("区域代码应为 2、4、6、9 或 12 位数字 / bad region code");
  }
  for (const char c : region) {
    if (c < '0' || c > '9') {
      return Error::InvalidArgument("区域代码应为 2、4、6、9 或 12 位数字 / bad region code");
    }
  }
  const UtcTime now = clock_.Now();
  OverdueBoard board;
  const Scope& scope = who.account.scope;
  const bool everything =
      who.role() == Role::kCityAdmin && scope.regions.empty() && scope.stations.empty();
  if (!region.empty() || everything) {
    // One region (or the whole city), which must lie in the caller's scope.
    if (!region.empty() && !who.CanReachRegion(region)) {
      return Error::NotFound("没有这个区域 / no such region");
    }
    YZ_TRY(AddRegionToBoard(board, region, now));
  } else {
    // The caller's whole scope: each region, and the stations named one by one.
    for (const std::string& r : scope.regions) YZ_TRY(AddRegionToBoard(board, r, now));
    if (!scope.stations.empty()) YZ_TRY(AddStationsToBoard(board, scope.stations, now));
  }
  auto teams = tickets_.ListTeams();
  if (!teams) return teams.error();
  board.teams = std::move(*teams);
  return board;
}

Result<std::vector<MaintenanceTeam>> TicketService::Teams(const Principal& who) {
  auto teams = tickets_.ListTeams();
  if (!teams) return teams.error();
  const Scope& scope = who.account.scope;
  const bool everything =
      who.role() == Role::kCityAdmin && scope.regions.empty() && scope.stations.empty();
  // A team is visible where its region and the caller's scope overlap: one lies under the other,
  // or one of the caller's stations lies in the team's region.
  const auto catalog = directory_.Current();
  const auto overlaps = [&](const MaintenanceTeam& t) {
    for (const std::string& r : scope.regions) {
      if (r.starts_with(t.region) || t.region.starts_with(r)) return true;
    }
    for (const std::string& code : scope.stations) {
      const Station* s = catalog->Find(code);
      if (s != nullptr && s->region.starts_with(t.region)) return true;
    }
    return false;
  };
  std::vector<MaintenanceTeam> out;
  for (MaintenanceTeam& t : *teams) {
    if (everything || overlaps(t)) out.push_back(std::move(t));
  }
  return out;
}

Result<MaintenanceTeam> TicketService::SaveTeam(const Caller& who, MaintenanceTeam team) {
  const std::string object = team.id == 0 ? "team:new" : fmt::format("team:{}", team.id);
  const auto refuse = [&](Error e) -> Error {
    auditor_.Record(who, "team.save", object, AuditOutcome::kFailed, e.message);
    return e;
  };
  if (!IsRegionAdmin(who.role())) {
    auditor_.Record(who, "team.save", object, AuditOutcome::kDenied, "not an admin");
    return Error{ErrorCode::kForbidden, "只有管理员可以管理维修队 / admins only"};
  }
  const std::size_t name_length = IsValidUtf8(team.name) ? CountCodePoints(team.name) : 0;
  if (name_length == 0 || name_length > 50) {
    return refuse(Error::InvalidArgument("维修队名称不能为空 / a team needs a name"));
  }
  if (!IsValidRegionCode(team.region)) {
    return refuse(Error::InvalidArgument("区域代码应为 6、9 或 12 位数字 / bad region code"));
  }
  if (!who.CanReachRegion(team.region))
    return refuse(Error::NotFound("没有这个区域 / no such region"));
  std::sort(team.members.begin(), team.members.end());
  team.members.erase(std::unique(team.members.begin(), team.members.end()), team.members.end());
  for (const std::string& username : team.members) {
    auto account = accounts_.FindAccountByUsername(username);
    if (!account) return account.error();
    if (!*account) {
      return refuse(
          Error::InvalidArgument(fmt::format("没有账号“{}” / no account {}", username, username)));
    }
  }
  auto saved = tickets_.SaveTeam(team, clock_.Now());
  if (!saved) return refuse(saved.error());
  auditor_.Record(who, "team.save", fmt::format("team:{}", saved->id), AuditOutcome::kSuccess,
                  fmt::format("{} members", saved->members.size()));
  return saved;
}

Result<std::vector<ServiceLevel>> TicketService::ServiceLevels() {
  return tickets_.ListServiceLevels();
}

Result<void> TicketService::SetServiceLevels(const Caller& who,
                                             const std::vector<ServiceLevel>& levels) {
  if (who.role() != Role::kCityAdmin) {
    auditor_.Record(who, "service_level.set", "service_levels", AuditOutcome::kDenied,
                    "not the city's admin");
    return Error{ErrorCode::kForbidden, "服务时限由市总工会管理员设定 / city admins only"};
  }
  for (const ServiceLevel& l : levels) {
    if (l.hours < 1 || l.hours > 8760 || l.months >= (1 << 12)) {
      auditor_.Record(who, "service_level.set", "service_levels", AuditOutcome::kFailed, "bad row");
      return Error::InvalidArgument("时限应为 1 到 8760 小时 / hours must be 1 to 8760");
    }
    for (const ServiceLevel& other : levels) {
      if (&other != &l && other.category == l.category && other.amenity == l.amenity &&
          other.months == l.months) {
        return Error::InvalidArgument("同一类别、设施和月份只能有一条 / duplicate row");
      }
    }
  }
  auto replaced = tickets_.ReplaceServiceLevels(levels);
  if (!replaced) {
    auditor_.Record(who, "service_level.set", "service_levels", AuditOutcome::kFailed,
                    replaced.error().message);
    return replaced.error();
  }
  auditor_.Record(who, "service_level.set", "service_levels", AuditOutcome::kSuccess,
                  fmt::format("{} rows", levels.size()));
  return Ok();
}

}  // namespace yz
