#include "domain/upkeep/ticket.h"

#include <array>

#include "core/region_code.h"

namespace yz {
namespace {

struct Entry {
  std::string_view code;
  std::string_view label;
};

constexpr std::array<Entry, kTicketStatusCount> kStatuses{{
    {"new", "待分派"},
    {"assigned", "已派单"},
    {"in_progress", "维修中"},
    {"waiting_parts", "等配件"},
    {"resolved", "已修好，待确认"},
    {"verified", "已确认修好"},
    {"rejected", "不予处理"},
    {"merged", "已合并"},
}};

constexpr std::array<Entry, 4> kSources{{
    {"worker", "职工报修"},
    {"inspection", "暗访检查"},
    {"supplies", "物资台账"},
    {"staff", "工作人员登记"},
}};

constexpr std::array<Entry, 3> kPhotoKinds{{
    {"report", "报修照片"},
    {"before", "维修前"},
    {"after", "维修后"},
}};

template <typename Enum, std::size_t N>
std::optional<Enum> Parse(const std::array<Entry, N>& table, std::string_view code) {
  for (std::size_t i = 0; i < N; ++i) {
    if (table[i].code == code) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view TicketStatusCode(TicketStatus s) { return kStatuses[static_cast<int>(s)].code; }
std::string_view TicketStatusLabel(TicketStatus s) { return kStatuses[static_cast<int>(s)].label; }
std::optional<TicketStatus> ParseTicketStatus(std::string_view code) {
  return Parse<TicketStatus>(kStatuses, code);
}
bool IsOpen(TicketStatus s) {
  return static_cast<int>(s) <= static_cast<int>(TicketStatus::kWaitingParts);
}
std::string_view OpenStatusesSql() { return "'new', 'assigned', 'in_progress', 'waiting_parts'"; }

std::string_view TicketSourceCode(TicketSource s) { return kSources[static_cast<int>(s)].code; }
std::string_view TicketSourceLabel(TicketSource s) { return kSources[static_cast<int>(s)].label; }
std::optional<TicketSource> ParseTicketSource(std::string_view code) {
  return Parse<TicketSource>(kSources, code);
}

std::string_view PhotoKindCode(PhotoKind k) { return kPhotoKinds[static_cast<int>(k)].code; }
std::string_view PhotoKindLabel(PhotoKind k) { return kPhotoKinds[static_cast<int>(k)].label; }
std::optional<PhotoKind> ParsePhotoKind(std::string_view code) {
  return Parse<PhotoKind>(kPhotoKinds, code);
}

std::string_view WorkerVerdictCode(WorkerVerdict v) {
  return v == WorkerVerdict::kFixed ? "fixed" : v == WorkerVerdict::kNotFixed ? "not_fixed" : "";
}
WorkerVerdict ParseWorkerVerdict(std::string_view code) {
  return code == "fixed"       ? WorkerVerdict::kFixed
         : code == "not_fixed" ? WorkerVerdict::kNotFixed
                               : WorkerVerdict::kNone;
}

std::optional<int> ServiceLevelHours(const std::vector<ServiceLevel>& levels,
                                     ReportCategory category, std::optional<Amenity> amenity,
                                     int month) {
  const ServiceLevel* best = nullptr;
  int best_rank = -1;
  for (const ServiceLevel& l : levels) {
    if (l.category != category) continue;
    if (l.amenity && l.amenity != amenity) continue;
    if (l.months != 0 && !(l.months & (1u << (month - 1)))) continue;
    const int rank = (l.amenity ? 2 : 0) + (l.months != 0 ? 1 : 0);
    if (rank > best_rank) best = &l, best_rank = rank;
  }
  return best != nullptr ? std::optional<int>(best->hours) : std::nullopt;
}

std::optional<int64_t> TeamCovering(const std::vector<MaintenanceTeam>& teams,
                                    std::string_view region) {
  const MaintenanceTeam* best = nullptr;
  for (const MaintenanceTeam& t : teams) {
    if (t.region.empty() || !RegionCovers(t.region, region)) continue;
    if (best == nullptr || t.region.size() > best->region.size()) best = &t;
  }
  return best != nullptr ? std::optional<int64_t>(best->id) : std::nullopt;
}

}  // namespace yz
