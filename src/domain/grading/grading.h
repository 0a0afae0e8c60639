// Star grading (星级评定): the city's rules as data, the evidence a station has earned over a
// period, and the evaluation that turns one into a number of stars with a reason per criterion.
//
// The rules (Fuzhou's practice, DOMAIN.md): points per criterion, scaled between the value that
// earns nothing and the value that earns them all; per star level a minimum of points and hard
// requirements (five stars: at least 30 m², room for 20, an AED, hours kept, no ticket overdue,
// no expired medicine …). A station earns the highest level whose points and requirements it
// meets; 0 stars means it meets none. Missing evidence (no inspection in the period, area not
// declared) earns no points and fails a requirement: a star is never given for what nobody saw.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace yz {

// What can be measured of a station; each is one number (or none: no evidence).
enum class GradingMeasure : uint8_t {
  kAreaM2,             // floor area declared by the station (m²)
  kCapacity,           // people it can seat at once, declared
  kStandardAmenities,  // amenities of the 十个一 standard listed and working (0..10)
  kAed,                // 1 when an AED is listed and working, else 0
  kHoursKept,          // % of the period's inspections that found it open as posted
  kInspectionScore,    // mean score of the period's inspections (0..100)
  kOverdueTickets,     // open tickets past their service level, now
  kExpiredMedicine,    // medicine batches past their expiry date with stock left, now
  kSatisfaction,       // mean stars of the period's ratings (1..5)
  kRatings,            // number of ratings in the period
  kCheckinsPerDay,     // check-ins in the period per day
  kOnTimeRate,         // % of the tickets resolved in the period that met their service level
};
inline constexpr int kGradingMeasureCount = 12;

std::string_view GradingMeasureCode(GradingMeasure m);   // "area_m2", …
std::string_view GradingMeasureLabel(GradingMeasure m);  // "面积", …
std::string_view GradingMeasureUnit(GradingMeasure m);  // "m²", "人", "项", "%", "分", "件", …
std::optional<GradingMeasure> ParseGradingMeasure(std::string_view code);

// Points for one measure: 0 at or beyond `zero_at`, all `points` at or beyond `full_at`, linear
// between. full_at < zero_at means less is better (overdue tickets).
struct GradingCriterion {
  GradingMeasure measure = GradingMeasure::kAreaM2;
  int points = 0;  // 1..100
  double zero_at = 0;
  double full_at = 0;  // != zero_at
};

enum class Comparison : uint8_t { kAtLeast, kAtMost };
std::string_view ComparisonCode(Comparison c);  // "at_least", "at_most"
std::optional<Comparison> ParseComparison(std::string_view code);

struct GradingRequirement {
  GradingMeasure measure = GradingMeasure::kAreaM2;
  Comparison comparison = Comparison::kAtLeast;
  double threshold = 0;
};

struct StarLevel {
  int stars = 1;  // 1..5
  double min_points = 0;
  std::vector<GradingRequirement> requirements;
};

struct GradingRules {
  int version = 0;                         // 0: not stored yet
  std::vector<GradingCriterion> criteria;  // each measure at most once
  std::vector<StarLevel> levels;           // stars 1..5, each at most once, ascending

  int MaxPoints() const;
  // Ok, or invalid_argument naming the first problem (in Chinese first).
  Result<void> Validate() const;
};

// The rules a new city starts with (migration 014 stores the same as version 1).
GradingRules DefaultGradingRules();

using MeasureValues = std::array<std::optional<double>, kGradingMeasureCount>;

struct StationEvidence {
  MeasureValues values;
  std::optional<double>& operator[](GradingMeasure m) { return values[static_cast<int>(m)]; }
  const std::optional<double>& operator[](GradingMeasure m) const {
    return values[static_cast<int>(m)];
  }
};

// The stored form of evidence: the measures in enum order joined by ';', empty for none
// ("25;20;10;1;;…"). Parse returns nullopt for anything else.
std::string EncodeEvidence(const StationEvidence& e);
std::optional<StationEvidence> DecodeEvidence(std::string_view text);

struct CriterionResult {
  GradingMeasure measure = GradingMeasure::kAreaM2;
  std::optional<double> value;
  double points = 0;
  int max_points = 0;
  std::string explanation;  // Chinese: the value and how it scored
};

struct Evaluation {
  int stars = 0;
  double points = 0;
  std::vector<CriterionResult> criteria;
  // Why not one star more (the unmet points and requirements of the next level), Chinese; empty
  // at five stars.
  std::vector<std::string> held_back;
};

Evaluation Evaluate(const GradingRules& rules, const StationEvidence& evidence);

// "25 m²", "92%", "4.6 分", "无记录" for none.
std::string FormatMeasure(GradingMeasure m, std::optional<double> value);

}  // namespace yz
