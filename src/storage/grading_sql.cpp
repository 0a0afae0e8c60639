#include "storage/grading_sql.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>

namespace yz::grading_sql {

std::string EncodeByStars(const std::array<int64_t, 6>& counts) {
  return fmt::format("{}", fmt::join(counts, ","));
}

std::array<int64_t, 6> DecodeByStars(std::string_view text) {
  std::array<int64_t, 6> out{};
  for (std::size_t i = 0; i < out.size() && !text.empty(); ++i) {
    const std::size_t comma = std::min(text.find(','), text.size());
    std::from_chars(text.data(), text.data() + comma, out[i]);
    text.remove_prefix(std::min(comma + 1, text.size()));
  }
  return out;
}

void AddFacts(StationEvidence& e, std::optional<double> area, std::optional<double> capacity) {
  e[GradingMeasure::kAreaM2] = area;
  e[GradingMeasure::kCapacity] = capacity;
}

void AddMonths(StationEvidence& e, int64_t checkins, int64_t ratings, int64_t stars_sum,
               double days) {
  e[GradingMeasure::kCheckinsPerDay] = days > 0 ? checkins / days : 0.0;
  e[GradingMeasure::kRatings] = static_cast<double>(ratings);
  if (ratings > 0) e[GradingMeasure::kSatisfaction] = static_cast<double>(stars_sum) / ratings;
}

void AddInspections(StationEvidence& e, double mean_score) {
  e[GradingMeasure::kInspectionScore] = mean_score;
}

void AddHoursKept(StationEvidence& e, int64_t answered, int64_t passed) {
  if (answered > 0) e[GradingMeasure::kHoursKept] = 100.0 * passed / answered;
}

void AddOnTime(StationEvidence& e, int64_t resolved, int64_t on_time) {
  if (resolved > 0) e[GradingMeasure::kOnTimeRate] = 100.0 * on_time / resolved;
}

}  // namespace yz::grading_sql
