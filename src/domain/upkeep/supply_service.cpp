#include "domain/upkeep/supply_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace yz {
namespace {

Error NoSuchStation() { return Error::NotFound("没有这个站点 / no such station"); }

bool Manages(Role r) {
  return r == Role::kCityAdmin || r == Role::kRegionAdmin || r == Role::kStationManager;
}

const SupplyItem* Find(const std::vector<SupplyItem>& catalogue, std::string_view code) {
  for (const SupplyItem& i : catalogue) {
    if (i.code == code) return &i;
  }
  return nullptr;
}

}  // namespace

Date SupplyService::Today() const {
  return Date(std::chrono::sys_days(std::chrono::days(zone_.ToLocal(clock_.Now()).day_number)));
}

Result<const Station*> SupplyService::InScope(const Principal& who, std::string_view station,
                                              const StationCatalog& catalog) {
  const Station* s = catalog.Find(station);
  if (s == nullptr || !who.CanReachStation(s->code, s->region)) return NoSuchStation();
  return s;
}

Result<StationSupplies> SupplyService::Of(const Principal& who, std::string_view station) {
  const auto catalog = directory_.Current();
  auto s = InScope(who, station, *catalog);
  if (!s) return s.error();
  auto items = supplies_.Catalogue();
  if (!items) return items.error();
  auto ledger = supplies_.Ledger((*s)->code);
  if (!ledger) return ledger.error();
  auto minimums = supplies_.Minimums((*s)->code);
  if (!minimums) return minimums.error();
  StationSupplies out;
  out.batches = BatchesFrom(*ledger);
  out.alerts = AlertsFor(out.batches, *items, *minimums, Today());
  out.minimums = std::move(*minimums);
  for (auto it = ledger->rbegin(); it != ledger->rend() && out.recent.size() < 100; ++it) {
    out.recent.push_back(*it);
  }
  return out;
}

Result<SupplyEntry> SupplyService::Record(const Caller& who, std::string_view station,
                                          SupplyEntry entry) {
  const auto catalog = directory_.Current();
  auto s = InScope(who.principal, station, *catalog);
  if (!s) return s.error();
  const std::string object = "station:" + (*s)->code;
  const auto refuse = [&](Error e) -> Error {
    auditor_.Record(who, "supply.entry", object, AuditOutcome::kFailed, e.message);
    return e;
  };
  auto items = supplies_.Catalogue();
  if (!items) return items.error();
  const SupplyItem* item = Find(*items, entry.item);
  if (item == nullptr) return refuse(Error::InvalidArgument("目录里没有这种物资 / unknown item"));
  if (entry.quantity < 1 || entry.quantity > 100'000) {
    return refuse(Error::InvalidArgument("数量应为 1 到 100000 / quantity: 1 to 100000"));
  }
  entry.batch = std::string(Trim(entry.batch));
  if (!IsValidUtf8(entry.batch) || CountCodePoints(entry.batch) > 40 || !IsValidUtf8(entry.note) ||
      CountCodePoints(entry.note) > 200) {
    return refuse(
        Error::InvalidArgument("批号最多 40 字，备注最多 200 字 / batch ≤ 40, note ≤ 200"));
  }
  if (entry.kind == SupplyEntryKind::kRestock) {
    if (item->medicine && !entry.expires_on) {
      return refuse(Error::InvalidArgument("药品要填有效期 / a medicine needs its expiry date"));
    }
    if (entry.batch.empty()) {
      entry.batch = entry.expires_on ? FormatDate(*entry.expires_on) : std::string("默认");
    }
  } else {
    if (entry.batch.empty())
      return refuse(Error::InvalidArgument("要选从哪一批领用或报废 / which batch"));
    entry.expires_on.reset();
  }
  entry.station_code = (*s)->code;
  entry.at = clock_.Now();
  entry.actor = who.principal.account.username;
  auto id = supplies_.AddEntry(entry);
  if (!id) return refuse(id.error());
  entry.id = *id;
  auditor_.Record(
      who, "supply.entry", object, AuditOutcome::kSuccess,
      fmt::format("{} {} {}", SupplyEntryKindCode(entry.kind), entry.item, entry.quantity));
  return entry;
}

Result<void> SupplyService::SetMinimum(const Caller& who, std::string_view station,
                                       std::string_view item, int minimum) {
  const auto catalog = directory_.Current();
  auto s = InScope(who.principal, station, *catalog);
  if (!s) return s.error();
  const std::string object = "station:" + (*s)->code;
  if (!Manages(who.role())) {
    auditor_.Record(who, "supply.minimum", object, AuditOutcome::kDenied, "not a manager");
    return Error{ErrorCode::kForbidden, "只有站点负责人和管理员可以设定 / managers only"};
  }
  auto items = supplies_.Catalogue();
  if (!items) return items.error();
  if (Find(*items, item) == nullptr)
    return Error::InvalidArgument("目录里没有这种物资 / unknown item");
  if (minimum < 0 || minimum > 100'000) {
    return Error::InvalidArgument("最少数量应为 0 到 100000 / minimum: 0 to 100000");
  }
  YZ_TRY(supplies_.SetMinimum((*s)->code, item, minimum));
  auditor_.Record(who, "supply.minimum", object, AuditOutcome::kSuccess,
                  fmt::format("{} {}", item, minimum));
  return Ok();
}

Result<bool> SupplyService::FirstAidNeedsRestock(std::string_view station) {
  auto items = supplies_.Catalogue();
  if (!items) return items.error();
  auto ledger = supplies_.Ledger(station);
  if (!ledger) return ledger.error();
  const Date today = Today();
  for (const SupplyBatch& b : BatchesFrom(*ledger)) {
    const SupplyItem* item = Find(*items, b.item);
    if (item != nullptr && item->medicine && b.expires_on && *b.expires_on < today) return true;
  }
  return false;
}

Result<SupplyItem> SupplyService::SaveItem(const Caller& who, SupplyItem item) {
  const auto length = [](const std::string& s) {
    return IsValidUtf8(s) ? CountCodePoints(s) : std::size_t{0};
  };
  const bool code_ok = !item.code.empty() && item.code.size() <= 32 &&
                       std::all_of(item.code.begin(), item.code.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                       });
  std::string problem;
  if (!code_ok)
    problem = "物资代码应为 1 到 32 个小写字母、数字或下划线 / code: a-z 0-9 _";
  else if (length(item.name) < 1 || length(item.name) > 40)
    problem = "名称应为 1 到 40 个字 / name: 1..40 characters";
  else if (length(item.unit) < 1 || length(item.unit) > 8)
    problem = "单位应为 1 到 8 个字 / unit: 1..8 characters";
  else if (item.default_minimum < 0 || item.default_minimum > 10000)
    problem = "默认最少数量应为 0 到 10000 / default_minimum: 0..10000";
  if (!problem.empty()) {
    auditor_.Record(who, "supply.catalogue", item.code, AuditOutcome::kFailed, problem);
    return Error::InvalidArgument(problem);
  }
  YZ_TRY(supplies_.SaveItem(item));
  auditor_.Record(who, "supply.catalogue", item.code, AuditOutcome::kSuccess,
                  fmt::format("{}（{}）{}，默认最少 {}", item.name, item.unit,
                              item.medicine ? "药品" : "物资", item.default_minimum));
  return item;
}

Result<int> SupplyService::OpenRestockTickets() {
  auto stations = supplies_.StationsWithSupplies();
  if (!stations) return stations.error();
  auto items = supplies_.Catalogue();
  if (!items) return items.error();
  auto levels = tickets_.ListServiceLevels();
  if (!levels) return levels.error();
  auto teams = tickets_.ListTeams();
  if (!teams) return teams.error();
  const auto catalog = directory_.Current();
  const UtcTime now = clock_.Now();
  const Date today = Today();
  int opened = 0;
  for (const std::string& code : *stations) {
    const Station* s = catalog->Find(code);
    if (s == nullptr || s->status != StationStatus::kOpen) continue;
    auto ledger = supplies_.Ledger(code);
    if (!ledger) return ledger.error();
    auto minimums = supplies_.Minimums(code);
    if (!minimums) return minimums.error();
    const auto alerts = AlertsFor(BatchesFrom(*ledger), *items, *minimums, today);
    if (alerts.empty()) continue;
    auto open = tickets_.OpenTicketsOf(code, std::nullopt);
    if (!open) return open.error();
    const bool pending = std::any_of(open->begin(), open->end(), [](const Ticket& t) {
      return t.source == TicketSource::kSupplies;
    });
    if (pending) continue;
    bool medicine = false;
    std::string what;
    for (const SupplyAlert& a : alerts) {
      const SupplyItem* item = Find(*items, a.item);
      medicine = medicine || (item != nullptr && item->medicine);
      if (!what.empty()) what += "；";
      what +=
          fmt::format("{}{}", item != nullptr ? item->name : a.item, SupplyAlertKindLabel(a.kind));
    }
    Ticket t;
    t.station_code = code;
    t.region = s->region;
    t.category = ReportCategory::kSupplies;
    if (medicine) t.amenity = Amenity::kFirstAid;
    t.description = "物资需补充：" + what;
    t.source = TicketSource::kSupplies;
    t.at = t.updated_at = now;
    // The most specific supplies level: the first-aid kit's when a medicine is concerned.
    if (auto hours = ServiceLevelHours(*levels, t.category, t.amenity,
                                       static_cast<int>(static_cast<unsigned>(today.month()))))
      t.due_at = now + std::chrono::hours(*hours);
    // Restocking is the maintenance team's work: straight to the team of the station's region.
    t.team_id = TeamCovering(*teams, s->region);
    if (t.team_id) t.status = TicketStatus::kAssigned;
    auto stored = OpenWithNewNumber(tickets_, t, {now, "system", "opened", t.status, "物资台账"},
                                    new_ticket_id_);
    if (!stored) return stored.error();
    ++opened;
  }
  if (opened > 0) {
    auditor_.RecordAs("system", "system", "", "supply.restock_tickets", "", AuditOutcome::kSuccess,
                      fmt::format("{} tickets", opened));
  }
  return opened;
}

}  // namespace yz
