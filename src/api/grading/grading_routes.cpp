#include "api/grading/grading_routes.h"

#include <boost/json/array.hpp>
#include <charconv>
#include <cmath>

#include "api/api_response.h"
#include "api/console/console_roles.h"
#include "domain/checkins/checkin.h"

namespace yz {
namespace {

using namespace console_roles;
namespace json = boost::json;

Error Bad(std::string message) { return Error::InvalidArgument(std::move(message)); }

std::optional<double> NumberOf(const json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  if (v.is_double() && std::isfinite(v.as_double())) return v.as_double();
  return std::nullopt;
}

json::value Number(std::optional<double> v) {
  if (!v) return nullptr;
  return std::round(*v * 100) / 100;
}

json::object MeasureJson(GradingMeasure m) {
  return {{"code", GradingMeasureCode(m)},
          {"label", GradingMeasureLabel(m)},
          {"unit", GradingMeasureUnit(m)}};
}

json::object RulesJson(const GradingRules& rules) {
  json::array criteria;
  for (const GradingCriterion& c : rules.criteria) {
    criteria.emplace_back(json::object{{"measure", GradingMeasureCode(c.measure)},
                                       {"label", GradingMeasureLabel(c.measure)},
                                       {"points", c.points},
                                       {"zero_at", c.zero_at},
                                       {"full_at", c.full_at}});
  }
  json::array levels;
  for (const StarLevel& l : rules.levels) {
    json::array requirements;
    for (const GradingRequirement& r : l.requirements) {
      requirements.emplace_back(json::object{{"measure", GradingMeasureCode(r.measure)},
                                             {"label", GradingMeasureLabel(r.measure)},
                                             {"comparison", ComparisonCode(r.comparison)},
                                             {"threshold", r.threshold}});
    }
    levels.emplace_back(json::object{{"stars", l.stars},
                                     {"min_points", l.min_points},
                                     {"requirements", std::move(requirements)}});
  }
  json::array measures;
  for (int i = 0; i < kGradingMeasureCount; ++i) {
    measures.emplace_back(MeasureJson(static_cast<GradingMeasure>(i)));
  }
  return {{"version", rules.version},
          {"max_points", rules.MaxPoints()},
          {"criteria", std::move(criteria)},
          {"levels", std::move(levels)},
          {"measures", std::move(measures)}};
}

Result<GradingMeasure> MeasureIn(const json::object& o) {
  auto code = RequiredString(o, "measure");
  if (!code) return code.error();
  auto m = ParseGradingMeasure(*code);
  if (!m) return Bad("未知的评定指标 / unknown measure '" + *code + "'");
  return *m;
}

Result<double> NumberIn(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr) return Bad(std::string(name) + " 必填 / is required");
  auto n = NumberOf(*v);
  if (!n) return Bad(std::string(name) + " 应为数字 / must be a number");
  return *n;
}

const json::array* ArrayIn(const json::object& o, std::string_view name, std::size_t max) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr || !v->is_array() || v->as_array().size() > max) return nullptr;
  return &v->as_array();
}

Result<GradingRules> RulesFrom(const json::object& body) {
  GradingRules rules;
  const json::array* criteria = ArrayIn(body, "criteria", kGradingMeasureCount);
  if (criteria == nullptr) return Bad("criteria 应为计分标准列表 / criteria must be a list");
  for (const json::value& v : *criteria) {
    if (!v.is_object()) return Bad("每项计分标准应为对象 / each criterion must be an object");
    const json::object& o = v.as_object();
    auto measure = MeasureIn(o);
    if (!measure) return measure.error();
    auto points = NumberIn(o, "points");
    if (!points) return points.error();
    auto zero = NumberIn(o, "zero_at");
    if (!zero) return zero.error();
    auto full = NumberIn(o, "full_at");
    if (!full) return full.error();
    if (*points != std::floor(*points)) return Bad("points 应为整数 / points must be whole");
    rules.criteria.push_back(
        {*measure, static_cast<int>(std::clamp(*points, -1.0, 1000.0)), *zero, *full});
  }
  const json::array* levels = ArrayIn(body, "levels", 5);
  if (levels == nullptr) return Bad("levels 应为星级列表（至多 5 个）/ levels must be a list");
  for (const json::value& v : *levels) {
    if (!v.is_object()) return Bad("每个星级应为对象 / each level must be an object");
    const json::object& o = v.as_object();
    auto stars = NumberIn(o, "stars");
    if (!stars) return stars.error();
    auto min_points = NumberIn(o, "min_points");
    if (!min_points) return min_points.error();
    StarLevel level{static_cast<int>(std::clamp(*stars, -1.0, 9.0)), *min_points, {}};
    if (o.contains("requirements")) {
      const json::array* list = ArrayIn(o, "requirements", kGradingMeasureCount * 2);
      if (list == nullptr) return Bad("requirements 应为列表 / requirements must be a list");
      for (const json::value& r : *list) {
        if (!r.is_object()) return Bad("每项硬性要求应为对象 / each requirement: an object");
        auto measure = MeasureIn(r.as_object());
        if (!measure) return measure.error();
        auto comparison_text = RequiredString(r.as_object(), "comparison");
        if (!comparison_text) return comparison_text.error();
        auto comparison = ParseComparison(*comparison_text);
        if (!comparison) return Bad("comparison 应为 at_least 或 at_most");
        auto threshold = NumberIn(r.as_object(), "threshold");
        if (!threshold) return threshold.error();
        level.requirements.push_back({*measure, *comparison, *threshold});
      }
    }
    rules.levels.push_back(std::move(level));
  }
  YZ_TRY(rules.Validate());
  return rules;
}

json::value Millis(std::optional<UtcTime> t) {
  if (!t) return nullptr;
  return ToEpochMillis(*t);
}

json::object RunJson(const GradingRun& run) {
  json::array by_stars;
  for (int64_t n : run.by_stars) by_stars.emplace_back(n);
  return {{"id", run.id},
          {"rules_version", run.rules_version},
          {"first_month", run.first_month},
          {"last_month", run.last_month},
          {"region", run.region},
          {"created_by", run.created_by},
          {"created_at_ms", ToEpochMillis(run.created_at)},
          {"status", GradingRunStatusCode(run.status)},
          {"status_label", GradingRunStatusLabel(run.status)},
          {"reviewed_by", run.reviewed_by},
          {"reviewed_at_ms", Millis(run.reviewed_at)},
          {"review_note", run.review_note},
          {"stations", run.stations},
          {"by_stars", std::move(by_stars)}};
}

json::object ProposalJson(const ProposalView& v, bool detail) {
  const GradingProposal& p = v.proposal;
  json::object o{{"station_code", p.station_code},
                 {"name", v.name},
                 {"region", v.region},
                 {"stars", p.stars},
                 {"previous_stars", p.previous_stars ? json::value(*p.previous_stars) : nullptr},
                 {"override_stars", p.override_stars ? json::value(*p.override_stars) : nullptr},
                 {"override_reason", p.override_reason},
                 {"final_stars", p.FinalStars()},
                 {"points", std::round(v.evaluation.points * 10) / 10}};
  json::array held;
  for (const std::string& h : v.evaluation.held_back) held.emplace_back(h);
  o["held_back"] = std::move(held);
  if (detail) {
    json::array criteria;
    for (const CriterionResult& c : v.evaluation.criteria) {
      criteria.emplace_back(json::object{{"measure", GradingMeasureCode(c.measure)},
                                         {"label", GradingMeasureLabel(c.measure)},
                                         {"value", Number(c.value)},
                                         {"value_text", FormatMeasure(c.measure, c.value)},
                                         {"points", std::round(c.points * 10) / 10},
                                         {"max_points", c.max_points},
                                         {"explanation", c.explanation}});
    }
    o["criteria"] = std::move(criteria);
    json::object evidence;
    for (int i = 0; i < kGradingMeasureCount; ++i) {
      evidence[GradingMeasureCode(static_cast<GradingMeasure>(i))] = Number(p.evidence.values[i]);
    }
    o["evidence"] = std::move(evidence);
  }
  return o;
}

Result<int64_t> RunId(const AdminRequest& r) {
  const std::string_view text = r.Param("id");
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Error::NotFound("没有这次评定 / no such grading run");
  }
  return id;
}

HttpResponse GetRules(GradingService& grading) {
  auto rules = grading.Rules();
  if (!rules) return ErrorReply(rules.error());
  return JsonReply(200, RulesJson(*rules));
}

HttpResponse PutRules(GradingService& grading, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto rules = RulesFrom(*body);
  if (!rules) return ErrorReply(rules.error());
  auto saved = grading.SaveRules(CallerOf(r), std::move(*rules));
  if (!saved) return ErrorReply(saved.error());
  return JsonReply(200, RulesJson(*saved));
}

HttpResponse StationGrade(GradingService& grading, const AdminRequest& r) {
  auto view = grading.OfStation(*r.principal, r.Param("code"));
  if (!view) return ErrorReply(view.error());
  json::array history;
  for (const GradeHistoryLine& h : view->history) {
    history.emplace_back(json::object{{"run_id", h.run_id},
                                      {"first_month", h.first_month},
                                      {"last_month", h.last_month},
                                      {"stars", h.stars},
                                      {"approved_at_ms", ToEpochMillis(h.approved_at)},
                                      {"approved_by", h.approved_by}});
  }
  json::object facts{{"area_m2", nullptr}, {"capacity", nullptr}};
  if (view->facts) {
    facts["area_m2"] = Number(view->facts->area_m2);
    facts["capacity"] = view->facts->capacity ? json::value(*view->facts->capacity) : nullptr;
    facts["updated_by"] = view->facts->updated_by;
    facts["updated_at_ms"] = ToEpochMillis(view->facts->updated_at);
  }
  return JsonReply(200, json::object{{"station_code", r.Param("code")},
                                     {"stars", view->stars},
                                     {"facts", std::move(facts)},
                                     {"history", std::move(history)}});
}

HttpResponse PutFacts(GradingService& grading, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  std::optional<double> area;
  std::optional<int> capacity;
  if (const json::value* v = body->if_contains("area_m2"); v != nullptr && !v->is_null()) {
    area = NumberOf(*v);
    if (!area) return ErrorReply(Bad("area_m2 应为数字 / must be a number"));
  }
  if (const json::value* v = body->if_contains("capacity"); v != nullptr && !v->is_null()) {
    if (!v->is_int64()) return ErrorReply(Bad("capacity 应为整数 / must be an integer"));
    capacity = static_cast<int>(std::clamp<int64_t>(v->as_int64(), -1, 1'000'000));
  }
  auto saved = grading.SaveFacts(CallerOf(r), r.Param("code"), area, capacity);
  if (!saved) return ErrorReply(saved.error());
  return JsonReply(
      200, json::object{{"area_m2", Number(saved->area_m2)},
                        {"capacity", saved->capacity ? json::value(*saved->capacity) : nullptr}});
}

HttpResponse ListRuns(GradingService& grading, const AdminRequest& r) {
  auto runs = grading.Runs(*r.principal);
  if (!runs) return ErrorReply(runs.error());
  json::array out;
  for (const GradingRun& run : *runs) out.emplace_back(RunJson(run));
  return JsonReply(200, json::object{{"runs", std::move(out)}});
}

HttpResponse StartRun(GradingService& grading, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body.empty() ? std::string("{}") : r.http.body);
  if (!body) return ErrorReply(body.error());
  auto region = OptionalString(*body, "region");
  if (!region) return ErrorReply(region.error());
  auto run = grading.Run(CallerOf(r), region->value_or(""));
  if (!run) return ErrorReply(run.error());
  return JsonReply(201, RunJson(*run));
}

HttpResponse GetRun(GradingService& grading, const AdminRequest& r) {
  auto id = RunId(r);
  if (!id) return ErrorReply(id.error());
  auto run = grading.GetRun(*r.principal, *id);
  if (!run) return ErrorReply(run.error());
  return JsonReply(200, RunJson(*run));
}

HttpResponse ListProposals(GradingService& grading, const AdminRequest& r) {
  auto id = RunId(r);
  if (!id) return ErrorReply(id.error());
  std::size_t limit = 100;
  if (const std::string text = r.Query("limit"); !text.empty()) {
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < 1 ||
        v > static_cast<int>(GradingService::kMaxPage)) {
      return ErrorReply(Bad("limit 应为 1 到 500 / limit must be 1..500"));
    }
    limit = static_cast<std::size_t>(v);
  }
  auto list =
      grading.Proposals(*r.principal, *id, r.Query("after"), limit, r.Query("changed") == "1");
  if (!list) return ErrorReply(list.error());
  json::array out;
  for (const ProposalView& v : *list) out.emplace_back(ProposalJson(v, false));
  json::object reply{{"proposals", std::move(out)}};
  reply["next_after"] = list->size() == limit ? json::value(list->back().proposal.station_code)
                                              : json::value(nullptr);
  return JsonReply(200, reply);
}

HttpResponse GetProposal(GradingService& grading, const AdminRequest& r) {
  auto id = RunId(r);
  if (!id) return ErrorReply(id.error());
  auto view = grading.Proposal(*r.principal, *id, r.Param("code"));
  if (!view) return ErrorReply(view.error());
  return JsonReply(200, ProposalJson(*view, true));
}

HttpResponse PutProposal(GradingService& grading, const AdminRequest& r) {
  auto id = RunId(r);
  if (!id) return ErrorReply(id.error());
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  std::optional<int> stars;
  if (const json::value* v = body->if_contains("stars"); v != nullptr && !v->is_null()) {
    if (!v->is_int64()) return ErrorReply(Bad("stars 应为 0 到 5 的整数 / stars: 0..5"));
    stars = static_cast<int>(std::clamp<int64_t>(v->as_int64(), -1, 6));
  }
  auto reason = OptionalString(*body, "reason");
  if (!reason) return ErrorReply(reason.error());
  auto view = grading.Override(CallerOf(r), *id, r.Param("code"), stars, reason->value_or(""));
  if (!view) return ErrorReply(view.error());
  return JsonReply(200, ProposalJson(*view, true));
}

HttpResponse ReviewRun(GradingService& grading, const AdminRequest& r, bool approve) {
  auto id = RunId(r);
  if (!id) return ErrorReply(id.error());
  auto body = ParseJsonObject(r.http.body.empty() ? std::string("{}") : r.http.body);
  if (!body) return ErrorReply(body.error());
  auto note = OptionalString(*body, "note");
  if (!note) return ErrorReply(note.error());
  auto run = grading.Review(CallerOf(r), *id, approve, note->value_or(""));
  if (!run) return ErrorReply(run.error());
  return JsonReply(200, RunJson(*run));
}

}  // namespace

void AddGradingRoutes(ConsoleRoutes& routes, GradingService& grading) {
  routes.Add("GET", "/api/v1/admin/grading/rules", kAdmins,
             [&grading](const AdminRequest&) { return GetRules(grading); });
  routes.Add("PUT", "/api/v1/admin/grading/rules", kCityAdmin,
             [&grading](const AdminRequest& r) { return PutRules(grading, r); });
  routes.Add("GET", "/api/v1/admin/stations/{code}/grade", kEditors,
             [&grading](const AdminRequest& r) { return StationGrade(grading, r); });
  routes.Add("PUT", "/api/v1/admin/stations/{code}/grading-facts", kEditors,
             [&grading](const AdminRequest& r) { return PutFacts(grading, r); });
  routes.Add("GET", "/api/v1/admin/grading/runs", kAdmins,
             [&grading](const AdminRequest& r) { return ListRuns(grading, r); });
  routes.Add("POST", "/api/v1/admin/grading/runs", kAdmins,
             [&grading](const AdminRequest& r) { return StartRun(grading, r); });
  routes.Add("GET", "/api/v1/admin/grading/runs/{id}", kAdmins,
             [&grading](const AdminRequest& r) { return GetRun(grading, r); });
  routes.Add("GET", "/api/v1/admin/grading/runs/{id}/proposals", kAdmins,
             [&grading](const AdminRequest& r) { return ListProposals(grading, r); });
  routes.Add("GET", "/api/v1/admin/grading/runs/{id}/proposals/{code}", kAdmins,
             [&grading](const AdminRequest& r) { return GetProposal(grading, r); });
  routes.Add("PUT", "/api/v1/admin/grading/runs/{id}/proposals/{code}", kCityAdmin,
             [&grading](const AdminRequest& r) { return PutProposal(grading, r); });
  routes.Add("POST", "/api/v1/admin/grading/runs/{id}/approve", kCityAdmin,
             [&grading](const AdminRequest& r) { return ReviewRun(grading, r, true); });
  routes.Add("POST", "/api/v1/admin/grading/runs/{id}/reject", kCityAdmin,
             [&grading](const AdminRequest& r) { return ReviewRun(grading, r, false); });
  routes.AddPage("/admin/grading", kAdmins, "grading.html", "星级评定");
}

}  // namespace yz
