#include "domain/upkeep/inspection_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/text.h"

namespace yz {
namespace {

Error NoSuchStation() { return Error::NotFound("没有这个站点 / no such station"); }

bool Inspects(Role r) { return r == Role::kCityAdmin || r == Role::kRegionAdmin; }

// The ticket a failed item opens: the amenity's facility (or supplies for the first-aid kit),
// cleanliness, or "other" for the rest.
ReportCategory CategoryOf(std::string_view item, const std::optional<Amenity>& amenity) {
  if (amenity)
    return *amenity == Amenity::kFirstAid ? ReportCategory::kSupplies : ReportCategory::kFacility;
  if (item == "clean") return ReportCategory::kCleanliness;
  return ReportCategory::kOther;
}

}  // namespace

Result<const Station*> InspectionService::InScope(const Principal& who, std::string_view station,
                                                  const StationCatalog& catalog) {
  const Station* s = catalog.Find(station);
  if (s == nullptr || !who.CanReachStation(s->code, s->region)) return NoSuchStation();
  return s;
}

Result<int> InspectionService::IntervalDays() {
  auto value = settings_.Setting("inspection_interval_days");
  if (!value) return value.error();
  if (!*value) return kDefaultIntervalDays;
  try {
    const int days = std::stoi(**value);
    return days >= 1 && days <= 366 ? days : kDefaultIntervalDays;
  } catch (const std::exception&) {
    return kDefaultIntervalDays;
  }
}

Result<std::vector<ChecklistItem>> InspectionService::Checklist(const Principal& who,
                                                                std::string_view station) {
  const auto catalog = directory_.Current();
  auto s = InScope(who, station, *catalog);
  if (!s) return s.error();
  auto standard = standard_.StandardAmenities();
  if (!standard) return standard.error();
  return ChecklistFor(**s, *standard);
}

Result<Inspection> InspectionService::Record(const Caller& who, std::string_view station,
                                             std::vector<InspectionItem> items, std::string note) {
  const auto catalog = directory_.Current();
  auto s = InScope(who.principal, station, *catalog);
  if (!s) return s.error();
  const Station& st = **s;
  const std::string object = "station:" + st.code;
  const auto refuse = [&](Error e, AuditOutcome outcome = AuditOutcome::kFailed) -> Error {
    auditor_.Record(who, "inspection.add", object, outcome, e.message);
    return e;
  };
  if (!Inspects(who.role())) {
    return refuse({ErrorCode::kForbidden, "暗访由工会工作人员进行 / union staff only"},
                  AuditOutcome::kDenied);
  }
  auto standard = standard_.StandardAmenities();
  if (!standard) return standard.error();
  const auto checklist = ChecklistFor(st, *standard);
  std::set<std::string> expected, seen;
  for (const ChecklistItem& c : checklist) expected.insert(c.item);
  for (const InspectionItem& i : items) {
    if (!expected.contains(i.item)) {
      return refuse(Error::InvalidArgument(
          fmt::format("检查项“{}”不在这个站点的清单上 / unknown item", i.item)));
    }
    if (!seen.insert(i.item).second) {
      return refuse(Error::InvalidArgument(fmt::format("检查项“{}”填了两次 / item twice", i.item)));
    }
    const std::size_t length = IsValidUtf8(i.note) ? CountCodePoints(i.note) : 9999;
    if (length > 500) return refuse(Error::InvalidArgument("说明最多 500 字 / note: at most 500"));
    if (i.result == CheckResult::kFail && Trim(i.note).empty()) {
      return refuse(Error::InvalidArgument(
          fmt::format("不合格的“{}”要写明问题 / a failed item needs a note", i.item)));
    }
  }
  if (seen.size() != expected.size()) {
    return refuse(Error::InvalidArgument(fmt::format("还有 {} 项没有检查 / {} items unanswered",
                                                     expected.size() - seen.size(),
                                                     expected.size() - seen.size())));
  }
  if (!IsValidUtf8(note) || CountCodePoints(note) > 1000) {
    return refuse(Error::InvalidArgument("备注最多 1000 字 / note: at most 1000"));
  }

  // Failed items open tickets first, so that the inspection can name them.
  const UtcTime now = clock_.Now();
  auto levels = tickets_.ListServiceLevels();
  if (!levels) return levels.error();
  const std::chrono::sys_days day{std::chrono::days(zone_.ToLocal(now).day_number)};
  const int month =
      static_cast<int>(static_cast<unsigned>(std::chrono::year_month_day(day).month()));
  std::map<std::string, std::string> labels;
  for (const ChecklistItem& c : checklist) labels[c.item] = c.label;
  for (InspectionItem& i : items) {
    if (i.result != CheckResult::kFail) continue;
    Ticket t;
    t.station_code = st.code;
    t.region = st.region;
    t.amenity = AmenityOfItem(i.item);
    t.category = CategoryOf(i.item, t.amenity);
    t.description = fmt::format("暗访发现：{}不合格。{}", labels[i.item], i.note);
    t.source = TicketSource::kInspection;
    t.at = t.updated_at = now;
    if (auto hours = ServiceLevelHours(*levels, t.category, t.amenity, month))
      t.due_at = now + std::chrono::hours(*hours);
    const TicketEvent opened{now, who.principal.account.username, "opened", TicketStatus::kNew,
                             "暗访"};
    auto stored = OpenWithNewNumber(tickets_, t, opened, new_ticket_id_);
    if (!stored) return refuse(stored.error());
    i.ticket_id = stored->id;
  }
  Inspection inspection{0,
                        st.code,
                        st.region,
                        who.principal.account.username,
                        now,
                        InspectionScore(items),
                        std::move(note),
                        std::move(items)};
  auto id = inspections_.AddInspection(inspection);
  if (!id) return refuse(id.error());
  inspection.id = *id;
  const auto failed =
      std::count_if(inspection.items.begin(), inspection.items.end(),
                    [](const InspectionItem& i) { return i.result == CheckResult::kFail; });
  auditor_.Record(who, "inspection.add", object, AuditOutcome::kSuccess,
                  fmt::format("score {}, {} failed", inspection.score, failed));
  return inspection;
}

Result<std::vector<Inspection>> InspectionService::Of(const Principal& who,
                                                      std::string_view station) {
  const auto catalog = directory_.Current();
  auto s = InScope(who, station, *catalog);
  if (!s) return s.error();
  return inspections_.InspectionsOf((*s)->code, 50);
}

Result<std::vector<DueStation>> InspectionService::Due(const Principal& who, std::size_t limit) {
  auto days = IntervalDays();
  if (!days) return days.error();
  auto last = inspections_.LastInspections();
  if (!last) return last.error();
  const UtcTime cutoff = clock_.Now() - std::chrono::days(*days);
  const auto catalog = directory_.Current();
  std::vector<DueStation> out;
  for (const Station* s : catalog->FirstByCode(catalog->size())) {
    if (s->status != StationStatus::kOpen || !who.CanReachStation(s->code, s->region)) continue;
    const auto it = last->find(s->code);
    if (it != last->end() && it->second >= cutoff) continue;
    out.push_back({s->code, s->name, s->region,
                   it == last->end() ? std::nullopt : std::optional<UtcTime>(it->second)});
  }
  // Never inspected first, then the longest ago; ties by code.
  std::sort(out.begin(), out.end(), [](const DueStation& a, const DueStation& b) {
    if (a.last.has_value() != b.last.has_value()) return !a.last.has_value();
    if (a.last && *a.last != *b.last) return *a.last < *b.last;
    return a.code < b.code;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace yz
