// Inspections (暗访): union staff visit a station unannounced and check it against a list built
// from the city's standard (the 十个一 and the station's own amenities: present and working) and
// four fixed items (opening as posted, cleanliness, rules on the wall, the plaque and its QR).
// Each item passes, fails (with a note) or does not apply; the score is the share of applicable
// items that pass; every failed item opens a ticket at once (source "inspection").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/local_time.h"
#include "core/result.h"
#include "domain/stations/station.h"

namespace yz {

enum class CheckResult : uint8_t { kPass, kFail, kNotApplicable };
std::string_view CheckResultCode(CheckResult r);  // "pass", "fail", "na"
std::optional<CheckResult> ParseCheckResult(std::string_view code);

// One line of the checklist: "amenity:<code>" or one of the fixed items ("hours_kept",
// "clean", "rules_posted", "plaque_qr").
struct ChecklistItem {
  std::string item;
  std::string label;  // Chinese
};

// The checklist of `station`: the standard amenities first (whether or not the station lists
// them: a missing standard amenity fails), then its other amenities, then the fixed items.
std::vector<ChecklistItem> ChecklistFor(const Station& station,
                                        const std::vector<Amenity>& standard);
// The amenity an item is about, if it is an amenity item.
std::optional<Amenity> AmenityOfItem(std::string_view item);

struct InspectionItem {
  std::string item;
  CheckResult result = CheckResult::kPass;
  std::string note;       // required when failed
  std::string ticket_id;  // the ticket a failure opened
};

struct Inspection {
  int64_t id = 0;
  std::string station_code;
  std::string region;
  std::string inspector;  // a console account
  UtcTime at;
  int score = 0;  // 0..100
  std::string note;
  std::vector<InspectionItem> items;
};

// 100 × passed / (passed + failed), rounded; 100 when nothing applied.
int InspectionScore(const std::vector<InspectionItem>& items);

class InspectionRepository {
 public:
  virtual ~InspectionRepository() = default;
  // Stores an inspection with its items; its id.
  virtual Result<int64_t> AddInspection(const Inspection& inspection) = 0;
  // The inspections of a station, newest first, with their items.
  virtual Result<std::vector<Inspection>> InspectionsOf(std::string_view station,
                                                        std::size_t limit) = 0;
  // The latest inspection time of every station inspected at least once.
  virtual Result<std::unordered_map<std::string, UtcTime>> LastInspections() = 0;
};

}  // namespace yz
