#include "domain/grading/grading.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace yz {
namespace {

struct MeasureInfo {
  std::string_view code;
  std::string_view label;
  std::string_view unit;
  int decimals;
};

constexpr std::array<MeasureInfo, kGradingMeasureCount> kMeasures = {{
    {"area_m2", "面积", "m²", 1},
    {"capacity", "可容纳人数", "人", 0},
    {"standard_amenities", "“十个一”设施完好", "项", 0},
    {"aed", "配备可用的 AED", "", 0},
    {"hours_kept", "暗访时按公示时间开放", "%", 0},
    {"inspection_score", "暗访平均得分", "分", 1},
    {"overdue_tickets", "超时未修的报修", "件", 0},
    {"expired_medicine", "过期未处理的药品", "批", 0},
    {"satisfaction", "满意度", "星", 2},
    {"ratings", "评价数", "条", 0},
    {"checkins_per_day", "日均签到", "人次", 1},
    {"on_time_rate", "报修按时修复率", "%", 0},
}};

const MeasureInfo& Info(GradingMeasure m) { return kMeasures[static_cast<int>(m)]; }

std::string Number(double v, int decimals) {
  if (decimals == 0 || std::fabs(v - std::round(v)) < 1e-9)
    return fmt::format("{}", std::llround(v));
  std::string s = fmt::format("{:.{}f}", v, decimals);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// A number with its unit: "30 m²", "4.5 星", "90%".
std::string WithUnit(std::string number, std::string_view unit) {
  if (unit.empty()) return number;
  return number + (unit == "%" ? "" : " ") + std::string(unit);
}

std::string Threshold(GradingMeasure m, double v) {
  if (m == GradingMeasure::kAed) return v >= 1 ? "有" : "无";
  return WithUnit(Number(v, 2), Info(m).unit);
}

double PointsFor(const GradingCriterion& c, double value) {
  const double share = (value - c.zero_at) / (c.full_at - c.zero_at);
  return c.points * std::clamp(share, 0.0, 1.0);
}

bool Meets(const GradingRequirement& r, std::optional<double> value) {
  if (!value) return false;
  return r.comparison == Comparison::kAtLeast ? *value >= r.threshold - 1e-9
                                              : *value <= r.threshold + 1e-9;
}

std::string_view StarsText(int stars) {
  static constexpr std::array<std::string_view, 6> kText = {"零星", "一星", "二星",
                                                            "三星", "四星", "五星"};
  return kText[std::clamp(stars, 0, 5)];
}

std::string RequirementText(const GradingRequirement& r) {
  if (r.measure == GradingMeasure::kAed) {
    return r.comparison == Comparison::kAtLeast ? "须配备可用的 AED" : "不要求 AED";
  }
  return fmt::format("{}{}{}", GradingMeasureLabel(r.measure),
                     r.comparison == Comparison::kAtLeast ? "至少 " : "至多 ",
                     Threshold(r.measure, r.threshold));
}

}  // namespace

std::string_view GradingMeasureCode(GradingMeasure m) { return Info(m).code; }
std::string_view GradingMeasureLabel(GradingMeasure m) { return Info(m).label; }
std::string_view GradingMeasureUnit(GradingMeasure m) { return Info(m).unit; }

std::optional<GradingMeasure> ParseGradingMeasure(std::string_view code) {
  for (int i = 0; i < kGradingMeasureCount; ++i) {
    if (kMeasures[i].code == code) return static_cast<GradingMeasure>(i);
  }
  return std::nullopt;
}

std::string_view ComparisonCode(Comparison c) {
  return c == Comparison::kAtLeast ? "at_least" : "at_most";
}

std::optional<Comparison> ParseComparison(std::string_view code) {
  if (code == "at_least") return Comparison::kAtLeast;
  if (code == "at_most") return Comparison::kAtMost;
  return std::nullopt;
}

std::string FormatMeasure(GradingMeasure m, std::optional<double> value) {
  if (!value) return "无记录";
  if (m == GradingMeasure::kAed) return *value >= 1 ? "有" : "无";
  return WithUnit(Number(*value, Info(m).decimals), Info(m).unit);
}

int GradingRules::MaxPoints() const {
  int total = 0;
  for (const GradingCriterion& c : criteria) total += c.points;
  return total;
}

Result<void> GradingRules::Validate() const {
  const auto bad = [](std::string message) { return Error::InvalidArgument(std::move(message)); };
  if (criteria.empty()) return bad("至少需要一项计分标准 / at least one criterion");
  std::set<GradingMeasure> seen;
  for (const GradingCriterion& c : criteria) {
    const std::string name(GradingMeasureLabel(c.measure));
    if (!seen.insert(c.measure).second) {
      return bad(fmt::format("计分标准“{}”重复 / criterion {} twice", name,
                             GradingMeasureCode(c.measure)));
    }
    if (c.points < 1 || c.points > 100) {
      return bad(fmt::format("“{}”的分值应为 1 到 100 / points must be 1..100", name));
    }
    if (!std::isfinite(c.zero_at) || !std::isfinite(c.full_at) || c.zero_at == c.full_at) {
      return bad(
          fmt::format("“{}”的零分值与满分值应为不同的数 / zero_at and full_at must differ", name));
    }
  }
  if (levels.empty()) return bad("至少需要一个星级 / at least one star level");
  int previous = 0;
  double previous_points = -1;
  for (const StarLevel& level : levels) {
    if (level.stars < 1 || level.stars > 5 || level.stars <= previous) {
      return bad("星级应为 1 到 5，各一次，从低到高 / stars 1..5, each once, ascending");
    }
    if (!std::isfinite(level.min_points) || level.min_points < 0 ||
        level.min_points > MaxPoints()) {
      return bad(fmt::format("{}的最低分应在 0 到 {} 之间 / min_points out of range",
                             StarsText(level.stars), MaxPoints()));
    }
    if (level.min_points < previous_points) {
      return bad("高星级的最低分不能低于低星级 / min_points must not fall as stars rise");
    }
    if (level.requirements.size() > kGradingMeasureCount * 2) {
      return bad("硬性要求过多 / too many requirements");
    }
    for (const GradingRequirement& r : level.requirements) {
      if (!std::isfinite(r.threshold)) return bad("硬性要求的阈值应为数字 / threshold");
    }
    previous = level.stars;
    previous_points = level.min_points;
  }
  return Ok();
}

GradingRules DefaultGradingRules() {
  using M = GradingMeasure;
  using C = Comparison;
  GradingRules r;
  r.criteria = {
      {M::kStandardAmenities, 20, 5, 10}, {M::kAreaM2, 10, 10, 30},
      {M::kCapacity, 5, 5, 20},           {M::kHoursKept, 15, 50, 100},
      {M::kInspectionScore, 15, 60, 95},  {M::kSatisfaction, 15, 3.0, 4.8},
      {M::kCheckinsPerDay, 10, 1, 20},    {M::kOnTimeRate, 10, 50, 100},
  };
  r.levels = {
      {1, 30, {{M::kOverdueTickets, C::kAtMost, 3}}},
      {2, 45, {{M::kOverdueTickets, C::kAtMost, 2}, {M::kExpiredMedicine, C::kAtMost, 0}}},
      {3,
       60,
       {{M::kOverdueTickets, C::kAtMost, 1},
        {M::kExpiredMedicine, C::kAtMost, 0},
        {M::kStandardAmenities, C::kAtLeast, 8}}},
      {4,
       75,
       {{M::kOverdueTickets, C::kAtMost, 0},
        {M::kExpiredMedicine, C::kAtMost, 0},
        {M::kStandardAmenities, C::kAtLeast, 10},
        {M::kAreaM2, C::kAtLeast, 20},
        {M::kHoursKept, C::kAtLeast, 90},
        {M::kSatisfaction, C::kAtLeast, 4.0}}},
      {5,
       85,
       {{M::kOverdueTickets, C::kAtMost, 0},
        {M::kExpiredMedicine, C::kAtMost, 0},
        {M::kStandardAmenities, C::kAtLeast, 10},
        {M::kAreaM2, C::kAtLeast, 30},
        {M::kCapacity, C::kAtLeast, 20},
        {M::kAed, C::kAtLeast, 1},
        {M::kHoursKept, C::kAtLeast, 95},
        {M::kSatisfaction, C::kAtLeast, 4.5},
        {M::kRatings, C::kAtLeast, 20}}},
  };
  return r;
}

std::string EncodeEvidence(const StationEvidence& e) {
  std::string out;
  for (int i = 0; i < kGradingMeasureCount; ++i) {
    if (i > 0) out += ';';
    if (e.values[i]) out += fmt::format("{}", *e.values[i]);  // shortest round-trip form
  }
  return out;
}

std::optional<StationEvidence> DecodeEvidence(std::string_view text) {
  StationEvidence e;
  int index = 0;
  while (true) {
    const std::size_t end = std::min(text.find(';'), text.size());
    const std::string_view field = text.substr(0, end);
    if (index >= kGradingMeasureCount) return std::nullopt;
    if (!field.empty()) {
      double v = 0;
      const auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
      if (ec != std::errc() || ptr != field.data() + field.size() || !std::isfinite(v)) {
        return std::nullopt;
      }
      e.values[index] = v;
    }
    ++index;
    if (end == text.size()) break;
    text.remove_prefix(end + 1);
  }
  if (index != kGradingMeasureCount) return std::nullopt;
  return e;
}

Evaluation Evaluate(const GradingRules& rules, const StationEvidence& evidence) {
  Evaluation out;
  for (const GradingCriterion& c : rules.criteria) {
    CriterionResult r;
    r.measure = c.measure;
    r.value = evidence[c.measure];
    r.max_points = c.points;
    const std::string scale =
        fmt::format("{}为 0 分，{}为满分 {} 分，其间按比例", Threshold(c.measure, c.zero_at),
                    Threshold(c.measure, c.full_at), c.points);
    if (!r.value) {
      r.explanation =
          fmt::format("{}：无记录，得 0 分（{}）", GradingMeasureLabel(c.measure), scale);
    } else {
      r.points = PointsFor(c, *r.value);
      r.explanation = fmt::format("{} {}：得 {} 分（{}）", GradingMeasureLabel(c.measure),
                                  FormatMeasure(c.measure, r.value), Number(r.points, 1), scale);
    }
    out.points += r.points;
    out.criteria.push_back(std::move(r));
  }
  out.points = std::round(out.points * 10) / 10;  // what people see is what is compared
  for (const StarLevel& level : rules.levels) {
    bool met = out.points >= level.min_points - 1e-9;
    for (const GradingRequirement& req : level.requirements)
      met = met && Meets(req, evidence[req.measure]);
    if (met) out.stars = std::max(out.stars, level.stars);
  }
  for (const StarLevel& level : rules.levels) {
    if (level.stars != out.stars + 1) continue;
    if (out.points < level.min_points - 1e-9) {
      out.held_back.push_back(fmt::format("{}须总分至少 {} 分，本站 {} 分", StarsText(level.stars),
                                          Number(level.min_points, 1), Number(out.points, 1)));
    }
    for (const GradingRequirement& req : level.requirements) {
      if (Meets(req, evidence[req.measure])) continue;
      const auto& value = evidence[req.measure];
      const bool spaced = value.has_value() && req.measure != GradingMeasure::kAed;
      out.held_back.push_back(fmt::format("{}{}，本站{}{}", StarsText(level.stars),
                                          RequirementText(req), spaced ? " " : "",
                                          FormatMeasure(req.measure, value)));
    }
  }
  return out;
}

}  // namespace yz
