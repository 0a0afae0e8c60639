#include "api/volunteers/volunteer_routes.h"

#include <fmt/format.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>

#include "api/api_response.h"
#include "api/console/console_request.h"
#include "api/console/console_roles.h"
#include "api/volunteers/certificate_pdf.h"
#include "core/date.h"
#include "core/embedded.h"
#include "core/local_time.h"
#include "core/personal_data.h"
#include "domain/people/consent.h"
#include "http/query.h"

namespace yz {

std::span<const EmbeddedFile> EmbeddedWebAssets();

namespace {

namespace json = boost::json;
using namespace console_roles;

Error Bad(std::string message) { return Error::InvalidArgument(std::move(message)); }

std::string Iso(UtcTime t) { return FormatRfc3339(t, TimeZone::Shanghai()); }

json::value OptionalIso(const std::optional<UtcTime>& t) {
  return t ? json::value(Iso(*t)) : json::value(nullptr);
}

json::array SkillsJson(const std::vector<VolunteerSkill>& skills) {
  json::array out;
  for (VolunteerSkill s : skills) {
    out.emplace_back(
        json::object{{"code", VolunteerSkillCode(s)}, {"label", VolunteerSkillLabel(s)}});
  }
  return out;
}

json::object ShiftJson(const Shift& s) {
  return {{"id", s.id},
          {"station", s.station_code},
          {"starts_at", Iso(s.starts_at)},
          {"ends_at", Iso(s.ends_at)},
          {"role", s.role},
          {"needed", s.needed},
          {"held", s.held},
          {"free", std::max(0, s.needed - s.held)}};
}

json::object HoldJson(const ShiftHold& h) {
  return {{"state", HoldStateCode(h.state)},
          {"state_label", HoldStateLabel(h.state)},
          {"taken_at", Iso(h.taken_at)},
          {"arrived_at", OptionalIso(h.arrived_at)},
          {"departed_at", OptionalIso(h.departed_at)},
          {"arrival_by", h.arrival_by == "qr" ? "扫码" : (h.arrival_by.empty() ? "" : "站长确认")}};
}

json::object VolunteerJson(const Volunteer& v) {
  return {{"name", v.name},
          {"region", v.region},
          {"skills", SkillsJson(v.skills)},
          {"approved_skills", SkillsJson(v.approved_skills)},
          {"note", v.note},
          {"paused_until", OptionalIso(v.paused_until)}};
}

Result<int64_t> IdParam(std::string_view text, std::string_view what) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v <= 0)
    return Error::NotFound(
        fmt::format("没有这个{} (no such {})", what == "shift" ? "班次" : "志愿者", what));
  return v;
}

Result<double> Number(std::string_view name, std::string_view text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    return Bad(fmt::format("'{}' 应为数字 ('{}' must be a number)", name, name));
  return v;
}

// --- public ---------------------------------------------------------------------------------

HttpResponse CalendarFeed(VolunteerService& volunteers, const HttpRequest&,
                          const PathParams& params) {
  const std::string_view file = params.Get("file").value_or("");
  if (!file.ends_with(".ics"))
    return ErrorReply(Error::NotFound("没有这个日历 (no such calendar)"));
  auto feed = volunteers.CalendarFeed(file.substr(0, file.size() - 4));
  if (!feed) return ErrorReply(feed.error());
  if (!*feed) return ErrorReply(Error::NotFound("没有这个日历 (no such calendar)"));
  HttpResponse r;
  r.content_type = "text/calendar; charset=utf-8";
  r.body = std::move(**feed);
  // Private: a shared cache must not keep one volunteer's shifts.
  r.headers.emplace_back("Cache-Control", "private, max-age=300");
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"duty.ics\"");
  return r;
}

HttpResponse VolunteerPage(const PersonRequest&) {
  const auto content = FindEmbedded(EmbeddedWebAssets(), "pages/volunteer.html");
  if (!content) return ErrorReply(Error::NotFound("没有这个页面 / no such page"));
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::string(*content);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// --- the volunteer's own --------------------------------------------------------------------

HttpResponse Me(VolunteerService& volunteers, const PersonRequest& r) {
  auto v = volunteers.FindByPerson(r.person->person.id);
  if (!v) return ErrorReply(v.error());
  json::array skills;
  for (int k = 0; k < kVolunteerSkillCount; ++k) {
    const auto s = static_cast<VolunteerSkill>(k);
    skills.emplace_back(json::object{{"code", VolunteerSkillCode(s)},
                                     {"label", VolunteerSkillLabel(s)},
                                     {"needs_approval", SkillNeedsApproval(s)}});
  }
  const auto text = CurrentPurposeText(kVolunteerPurpose);
  json::object consent;
  if (text) {
    consent = {{"purpose", text->purpose},
               {"version", text->version},
               {"title", text->title},
               {"text", text->text}};
  }
  return JsonReply(
      200, json::object{{"volunteer", *v ? json::value(VolunteerJson(**v)) : json::value(nullptr)},
                        {"skills", std::move(skills)},
                        {"consent", std::move(consent)}});
}

HttpResponse SignUp(VolunteerService& volunteers, const PersonRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  VolunteerForm form;
  auto name = RequiredString(*body, "name");
  if (!name) return ErrorReply(name.error());
  form.name = *name;
  auto region = OptionalString(*body, "region");
  if (!region) return ErrorReply(region.error());
  form.region = region->value_or("");
  auto note = OptionalString(*body, "note");
  if (!note) return ErrorReply(note.error());
  form.note = note->value_or("");
  if (const json::value* skills = body->if_contains("skills")) {
    if (!skills->is_array()) return ErrorReply(Bad("skills 应为技能代码的数组 (skills: an array)"));
    for (const json::value& s : skills->as_array()) {
      const auto skill =
          s.is_string() ? ParseVolunteerSkill(std::string_view(s.as_string())) : std::nullopt;
      if (!skill) return ErrorReply(Bad("skills 中有未知的技能 (unknown skill)"));
      form.skills.push_back(*skill);
    }
  }
  auto version = RequiredInteger(*body, "consent_version");
  if (!version) return ErrorReply(version.error());
  form.consent_version = static_cast<int>(*version);
  auto saved = volunteers.SignUp(r.person->person, form, r.http.remote_address);
  if (!saved) return ErrorReply(saved.error());
  return JsonReply(200, json::object{{"volunteer", VolunteerJson(*saved)}});
}

HttpResponse NearMe(VolunteerService& volunteers, const PersonRequest& r) {
  auto q = ParseTargetQuery(r.http.target);
  if (!q) return ErrorReply(q.error());
  const auto lat_text = q->Get("lat");
  const auto lng_text = q->Get("lng");
  if (!lat_text || !lng_text)
    return ErrorReply(Bad("需要 lat 和 lng ('lat' and 'lng' are required)"));
  auto lat = Number("lat", *lat_text);
  if (!lat) return ErrorReply(lat.error());
  auto lng = Number("lng", *lng_text);
  if (!lng) return ErrorReply(lng.error());
  const GeoPoint origin{Latitude(*lat), Longitude(*lng)};
  if (!origin.IsValid()) return ErrorReply(Bad("lat/lng 不是有效的坐标 (not a WGS-84 position)"));
  int k = 10;
  if (const auto limit = q->Get("limit")) {
    auto v = Number("limit", *limit);
    if (!v || *v < 1 || *v > 50) return ErrorReply(Bad("limit 应为 1 到 50 (limit: 1..50)"));
    k = static_cast<int>(*v);
  }
  std::shared_ptr<const OpenDutyIndex::Generation> keep;
  const auto hits = volunteers.NearMe(origin, k, keep);
  json::array out;
  for (const NearbyDuty& d : hits) {
    out.emplace_back(json::object{{"code", d.station->code},
                                  {"name", d.station->name},
                                  {"address", d.station->address},
                                  {"lat", d.station->location.lat.degrees()},
                                  {"lng", d.station->location.lng.degrees()},
                                  {"distance_m", std::round(d.distance_m)},
                                  {"open_shifts", d.places.shifts},
                                  {"free_places", d.places.places},
                                  {"first_start", Iso(d.places.first_start)}});
  }
  return JsonReply(200, json::object{{"stations", std::move(out)}});
}

HttpResponse StationDuty(VolunteerService& volunteers, const PersonRequest& r) {
  auto slots = volunteers.StationDuty(r.Param("code"), r.person->person.id);
  if (!slots) return ErrorReply(slots.error());
  json::array out;
  for (const DutySlot& s : *slots) {
    json::object o = ShiftJson(s.shift);
    o["mine"] = s.mine ? json::value(HoldJson(*s.mine)) : json::value(nullptr);
    out.emplace_back(std::move(o));
  }
  return JsonReply(200, json::object{{"shifts", std::move(out)}});
}

HttpResponse Take(VolunteerService& volunteers, const PersonRequest& r) {
  auto id = IdParam(r.Param("id"), "shift");
  if (!id) return ErrorReply(id.error());
  auto shift = volunteers.Take(r.person->person.id, *id, r.http.remote_address);
  if (!shift) return ErrorReply(shift.error());
  return JsonReply(200, json::object{{"shift", ShiftJson(*shift)}});
}

HttpResponse Cancel(VolunteerService& volunteers, const PersonRequest& r) {
  auto id = IdParam(r.Param("id"), "shift");
  if (!id) return ErrorReply(id.error());
  auto done = volunteers.Cancel(r.person->person.id, *id, r.http.remote_address);
  if (!done) return ErrorReply(done.error());
  return JsonReply(200, json::object{{"cancelled", true}});
}

json::object HeldJson(const HeldShift& h) {
  json::object o = ShiftJson(h.shift);
  o["mine"] = HoldJson(h.hold);
  return o;
}

HttpResponse Arrive(VolunteerService& volunteers, const PersonRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto station = RequiredString(*body, "station");
  if (!station) return ErrorReply(station.error());
  std::optional<GeoPoint> position;
  const json::value* lat = body->if_contains("lat");
  const json::value* lng = body->if_contains("lng");
  if (lat && lng && !lat->is_null() && !lng->is_null()) {
    if (!lat->is_number() || !lng->is_number())
      return ErrorReply(Bad("lat/lng 应为数字 (lat/lng: numbers)"));
    position = GeoPoint{Latitude(lat->to_number<double>()), Longitude(lng->to_number<double>())};
    if (!position->IsValid()) return ErrorReply(Bad("lat/lng 不是有效的坐标 (not a position)"));
  }
  auto held = volunteers.ArriveByQr(r.person->person.id, *station, position, r.http.remote_address);
  if (!held) return ErrorReply(held.error());
  return JsonReply(200, json::object{{"shift", HeldJson(*held)}});
}

HttpResponse Depart(VolunteerService& volunteers, const PersonRequest& r) {
  auto id = IdParam(r.Param("id"), "shift");
  if (!id) return ErrorReply(id.error());
  auto held = volunteers.Depart(r.person->person.id, *id, r.http.remote_address);
  if (!held) return ErrorReply(held.error());
  return JsonReply(200, json::object{{"shift", HeldJson(*held)}});
}

HttpResponse MyShifts(VolunteerService& volunteers, const PersonRequest& r) {
  auto mine = volunteers.MyShifts(r.person->person.id);
  if (!mine) return ErrorReply(mine.error());
  json::array out;
  int total_minutes = 0, served = 0;
  for (const MyDuty& d : *mine) {
    json::object o = HeldJson(d.shift.held);
    o["station_name"] = d.shift.station_name;
    o["station_address"] = d.shift.station_address;
    o["served_minutes"] = d.served_minutes;
    o["can_cancel"] = d.can_cancel;
    o["on_now"] = d.on_now;
    o["manager"] = d.manager;
    o["manager_phone"] = d.manager_phone;
    total_minutes += d.served_minutes;
    served += d.served_minutes > 0 ? 1 : 0;
    out.emplace_back(std::move(o));
  }
  return JsonReply(200, json::object{{"shifts", std::move(out)},
                                     {"served_minutes", total_minutes},
                                     {"served_times", served}});
}

std::string ChineseDate(UtcTime t) {
  const auto local = t + std::chrono::hours(8);
  const Date d{std::chrono::floor<std::chrono::days>(local)};
  return fmt::format("{}年{}月{}日", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

// POST /api/v1/me/volunteer/calendar {"rotate": bool?}: the path of the volunteer's private
// calendar feed (made on first use; `rotate` makes a new one and the old stops working). A path,
// not a URL: the page adds the address it was opened at (and webcal:// for a phone's calendar).
HttpResponse MyCalendar(VolunteerService& volunteers, const PersonRequest& r) {
  bool rotate = false;
  if (!r.http.body.empty()) {
    auto body = ParseJsonObject(r.http.body);
    if (!body) return ErrorReply(body.error());
    if (const auto* value = body->if_contains("rotate")) {
      if (!value->is_bool()) {
        return ErrorReply(Error::InvalidArgument("rotate 须为 true 或 false (rotate: a boolean)"));
      }
      rotate = value->as_bool();
    }
  }
  auto token = volunteers.MyCalendarToken(r.person->person.id, rotate);
  if (!token) return ErrorReply(token.error());
  HttpResponse reply = JsonReply(200, json::object{{"path", "/cal/" + *token + ".ics"}});
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

HttpResponse Certificate(VolunteerService& volunteers, const PersonRequest& r) {
  auto summary = volunteers.MyService(r.person->person.id);
  if (!summary) return ErrorReply(summary.error());
  std::string period;
  if (summary->first && summary->last) {
    period = ChineseDate(*summary->first) == ChineseDate(*summary->last)
                 ? ChineseDate(*summary->first)
                 : ChineseDate(*summary->first) + "至" + ChineseDate(*summary->last);
  }
  auto pdf =
      RenderServiceCertificate(*summary, period,
                               ChineseDate(std::chrono::time_point_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now())));
  if (!pdf) return ErrorReply(pdf.error());
  HttpResponse out;
  out.content_type = "application/pdf";
  out.body = std::move(*pdf);
  out.headers.emplace_back("Cache-Control", "no-store");
  out.headers.emplace_back("Content-Disposition", "inline; filename=\"volunteer-certificate.pdf\"");
  return out;
}

// --- the coordinator ------------------------------------------------------------------------

// "from" (YYYY-MM-DD, Shanghai) → its local midnight; today when absent.
Result<UtcTime> FromDay(const AdminRequest& r) {
  const std::string text = r.Query("from");
  if (text.empty()) {
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() +
                                                             std::chrono::hours(8));
    return std::chrono::time_point_cast<std::chrono::milliseconds>(today - std::chrono::hours(8));
  }
  auto date = ParseRfc3339(text + "T00:00:00+08:00");
  if (!date) return Bad("from 应为日期 YYYY-MM-DD (from: a date)");
  return *date;
}

HttpResponse Roster(VolunteerService& volunteers, const AdminRequest& r) {
  auto from_day = FromDay(r);
  if (!from_day) return ErrorReply(from_day.error());
  const UtcTime from = *from_day;
  int days = 7;
  if (const std::string text = r.Query("days"); !text.empty()) {
    auto v = Number("days", text);
    if (!v || *v < 1 || *v > 31) return ErrorReply(Bad("days 应为 1 到 31 (days: 1..31)"));
    days = static_cast<int>(*v);
  }
  auto roster = volunteers.StationRoster(CallerOf(r), r.Param("code"), from, days);
  if (!roster) return ErrorReply(roster.error());
  json::array out;
  int gaps = 0;
  for (const RosterShift& s : *roster) {
    json::object o = ShiftJson(s.shift);
    json::array places;
    for (const RosterPlace& p : s.places) {
      json::object h = HoldJson(p.hold);
      h["volunteer_id"] = p.hold.volunteer_id;
      h["name"] = p.name;
      h["phone_masked"] = p.masked_phone;
      h["served_minutes"] = p.served_minutes;
      places.emplace_back(std::move(h));
    }
    o["places"] = std::move(places);
    gaps += std::max(0, s.shift.needed - s.shift.held);
    out.emplace_back(std::move(o));
  }
  return JsonReply(
      200,
      json::object{
          {"from", Iso(from)}, {"days", days}, {"free_places", gaps}, {"shifts", std::move(out)}});
}

HttpResponse RegionGaps(VolunteerService& volunteers, const AdminRequest& r) {
  auto from = FromDay(r);
  if (!from) return ErrorReply(from.error());
  int days = 7;
  if (const std::string text = r.Query("days"); !text.empty()) {
    auto v = Number("days", text);
    if (!v || *v < 1 || *v > 31) return ErrorReply(Bad("days 应为 1 到 31 (days: 1..31)"));
    days = static_cast<int>(*v);
  }
  auto gaps = volunteers.RegionGaps(CallerOf(r), r.Query("region"), *from, days);
  if (!gaps) return ErrorReply(gaps.error());
  json::array out;
  for (const StationGap& g : *gaps) {
    out.emplace_back(json::object{{"station", g.station_code},
                                  {"name", g.station_name},
                                  {"region", g.region},
                                  {"shifts", g.shifts},
                                  {"open_shifts", g.open_shifts},
                                  {"free_places", g.free_places},
                                  {"first_gap", Iso(g.first_gap)}});
  }
  return JsonReply(
      200, json::object{{"from", Iso(*from)}, {"days", days}, {"stations", std::move(out)}});
}

// The query of a figures request: region, from, to (YYYY-MM-DD; default this year so far), by.
struct HoursQuery {
  std::string region;
  Date first{}, last{};
  HoursGrouping by = HoursGrouping::kVolunteer;
  std::string by_code = "volunteer";
};

Result<HoursQuery> ParseHoursQuery(const AdminRequest& r) {
  HoursQuery q;
  q.region = r.Query("region");
  const Date today{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() +
                                                         std::chrono::hours(8))};
  q.first = Date{today.year(), std::chrono::January, std::chrono::day{1}};
  q.last = today;
  if (const std::string text = r.Query("from"); !text.empty()) {
    auto d = ParseDate(text);
    if (!d) return Bad("from 应为日期 YYYY-MM-DD (from: a date)");
    q.first = *d;
  }
  if (const std::string text = r.Query("to"); !text.empty()) {
    auto d = ParseDate(text);
    if (!d) return Bad("to 应为日期 YYYY-MM-DD (to: a date)");
    q.last = *d;
  }
  if (const std::string text = r.Query("by"); !text.empty()) {
    auto by = ParseHoursGrouping(text);
    if (!by)
      return Bad(
          "by 应为 volunteer、station、region 或 month (by: volunteer|station|region|month)");
    q.by = *by;
    q.by_code = text;
  }
  return q;
}

HttpResponse Hours(VolunteerService& volunteers, const AdminRequest& r) {
  auto q = ParseHoursQuery(r);
  if (!q) return ErrorReply(q.error());
  auto lines = volunteers.ServiceHours(CallerOf(r), q->region, q->first, q->last, q->by);
  if (!lines) return ErrorReply(lines.error());
  json::array out;
  int64_t minutes = 0;
  int times = 0;
  for (const HoursLine& l : *lines) {
    out.emplace_back(json::object{{"key", l.key},
                                  {"label", l.label},
                                  {"phone_masked", l.masked_phone},
                                  {"hours", static_cast<double>(l.minutes) / 60.0},
                                  {"minutes", l.minutes},
                                  {"times", l.times},
                                  {"others", l.others}});
    minutes += l.minutes;
    times += l.times;
  }
  return JsonReply(200, json::object{{"by", q->by_code},
                                     {"from", FormatDate(q->first)},
                                     {"to", FormatDate(q->last)},
                                     {"minutes", minutes},
                                     {"times", times},
                                     {"lines", std::move(out)}});
}

HttpResponse HoursWorkbook(VolunteerService& volunteers, const HoursWorkbookWriter& write,
                           const AdminRequest& r) {
  auto q = ParseHoursQuery(r);
  if (!q) return ErrorReply(q.error());
  auto lines = volunteers.ServiceHours(CallerOf(r), q->region, q->first, q->last, q->by);
  if (!lines) return ErrorReply(lines.error());
  auto bytes = write(*lines, q->by, FormatDate(q->first) + " 至 " + FormatDate(q->last));
  if (!bytes) return ErrorReply(bytes.error());
  HttpResponse out;
  out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  out.body = std::move(*bytes);
  out.headers.emplace_back(
      "Content-Disposition",
      fmt::format("attachment; filename=\"volunteer-hours-{}.xlsx\"", q->by_code));
  return out;
}

HttpResponse AddShift(VolunteerService& volunteers, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto starts = RequiredString(*body, "starts_at");
  if (!starts) return ErrorReply(starts.error());
  auto ends = RequiredString(*body, "ends_at");
  if (!ends) return ErrorReply(ends.error());
  const auto starts_at = ParseRfc3339(*starts);
  const auto ends_at = ParseRfc3339(*ends);
  if (!starts_at || !ends_at)
    return ErrorReply(Bad("starts_at/ends_at 应为带时区的时间 (RFC 3339 with an offset)"));
  Shift shift;
  shift.station_code = std::string(r.Param("code"));
  shift.starts_at = *starts_at;
  shift.ends_at = *ends_at;
  auto role = OptionalString(*body, "role");
  if (!role) return ErrorReply(role.error());
  shift.role = role->value_or("值班");
  if (body->contains("needed")) {
    auto needed = RequiredInteger(*body, "needed");
    if (!needed) return ErrorReply(needed.error());
    shift.needed = static_cast<int>(std::clamp<int64_t>(*needed, -1, 100));
  }
  auto added = volunteers.AddShift(CallerOf(r), shift);
  if (!added) return ErrorReply(added.error());
  return JsonReply(201, json::object{{"shift", ShiftJson(*added)}});
}

HttpResponse ConfirmArrival(VolunteerService& volunteers, const AdminRequest& r) {
  auto shift = IdParam(r.Param("id"), "shift");
  if (!shift) return ErrorReply(shift.error());
  auto volunteer = IdParam(r.Param("volunteer"), "volunteer");
  if (!volunteer) return ErrorReply(volunteer.error());
  auto done = volunteers.ConfirmArrival(CallerOf(r), *shift, *volunteer);
  if (!done) return ErrorReply(done.error());
  return JsonReply(200, json::object{{"confirmed", true}});
}

std::string ClockText(int minute) { return fmt::format("{:02}:{:02}", minute / 60, minute % 60); }

// "07:30" → 450; anything else → nullopt.
std::optional<int> ParseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  int h = 0, m = 0;
  for (int i : {0, 1}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    h = h * 10 + (text[i] - '0');
  }
  for (int i : {3, 4}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    m = m * 10 + (text[i] - '0');
  }
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

json::object TemplateJson(const DutyTemplate& t) {
  json::array days;
  for (int d = 0; d < 7; ++d) {
    if (t.weekdays & (1u << d)) days.emplace_back(d + 1);
  }
  return {{"id", t.id},
          {"station", t.station_code},
          {"weekdays", std::move(days)},
          {"start", ClockText(t.start_minute)},
          {"end", ClockText(t.end_minute)},
          {"role", t.role},
          {"needed", t.needed},
          {"valid_from", FormatDate(t.valid_from)},
          {"valid_until",
           t.valid_until ? json::value(FormatDate(*t.valid_until)) : json::value(nullptr)},
          {"description", DescribeDutyTemplate(t)}};
}

HttpResponse ListTemplates(VolunteerService& volunteers, const AdminRequest& r) {
  auto list = volunteers.Templates(CallerOf(r), r.Param("code"));
  if (!list) return ErrorReply(list.error());
  json::array out;
  for (const DutyTemplate& t : *list) out.emplace_back(TemplateJson(t));
  return JsonReply(200, json::object{{"templates", std::move(out)}});
}

HttpResponse AddTemplate(VolunteerService& volunteers, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  DutyTemplate t;
  t.station_code = std::string(r.Param("code"));
  const json::value* days = body->if_contains("weekdays");
  if (days == nullptr || !days->is_array())
    return ErrorReply(
        Bad("weekdays 应为 1（周一）到 7（周日）的数组 (weekdays: an array of 1..7)"));
  for (const json::value& d : days->as_array()) {
    if (!d.is_int64() || d.as_int64() < 1 || d.as_int64() > 7)
      return ErrorReply(Bad("weekdays 应为 1（周一）到 7（周日） (weekdays: 1..7)"));
    t.weekdays |= static_cast<uint8_t>(1u << (d.as_int64() - 1));
  }
  auto start = RequiredString(*body, "start");
  if (!start) return ErrorReply(start.error());
  auto end = RequiredString(*body, "end");
  if (!end) return ErrorReply(end.error());
  const auto start_minute = ParseClock(*start), end_minute = ParseClock(*end);
  if (!start_minute || !end_minute)
    return ErrorReply(Bad("start/end 应写成 07:30 这样的时间 (start/end: HH:MM)"));
  t.start_minute = *start_minute;
  t.end_minute = *end_minute;
  auto role = OptionalString(*body, "role");
  if (!role) return ErrorReply(role.error());
  t.role = role->value_or("值班");
  if (body->contains("needed")) {
    auto needed = RequiredInteger(*body, "needed");
    if (!needed) return ErrorReply(needed.error());
    t.needed = static_cast<int>(std::clamp<int64_t>(*needed, -1, 100));
  }
  auto from = OptionalString(*body, "valid_from");
  if (!from) return ErrorReply(from.error());
  if (*from) {
    const auto date = ParseDate(**from);
    if (!date) return ErrorReply(Bad("valid_from 应为日期 YYYY-MM-DD (valid_from: a date)"));
    t.valid_from = *date;
  } else {
    t.valid_from = Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() +
                                                              std::chrono::hours(8))};
  }
  auto until = OptionalString(*body, "valid_until");
  if (!until) return ErrorReply(until.error());
  if (*until && !(*until)->empty()) {
    const auto date = ParseDate(**until);
    if (!date) return ErrorReply(Bad("valid_until 应为日期 YYYY-MM-DD (valid_until: a date)"));
    t.valid_until = *date;
  }
  auto saved = volunteers.SaveTemplate(CallerOf(r), t);
  if (!saved) return ErrorReply(saved.error());
  return JsonReply(201, json::object{{"template", TemplateJson(*saved)}});
}

HttpResponse StopTemplate(VolunteerService& volunteers, const AdminRequest& r) {
  auto id = IdParam(r.Param("id"), "template");
  if (!id) return ErrorReply(id.error());
  auto done = volunteers.DeactivateTemplate(CallerOf(r), *id);
  if (!done) return ErrorReply(done.error());
  return JsonReply(200, json::object{{"stopped", true}});
}

HttpResponse RegisterList(VolunteerService& volunteers, const AdminRequest& r) {
  int64_t after = 0;
  if (const std::string text = r.Query("after"); !text.empty()) {
    auto v = Number("after", text);
    if (!v || *v < 0) return ErrorReply(Bad("after 应为志愿者编号 (after: a volunteer id)"));
    after = static_cast<int64_t>(*v);
  }
  auto list = volunteers.Register(CallerOf(r), r.Query("region"), after, 200);
  if (!list) return ErrorReply(list.error());
  json::array out;
  for (const Volunteer& v : *list) {
    json::object o = VolunteerJson(v);
    o["id"] = v.id;
    o["phone_masked"] = MaskPhone(v.phone);
    out.emplace_back(std::move(o));
  }
  return JsonReply(200, json::object{{"volunteers", std::move(out)}});
}

HttpResponse PutApprovedSkills(VolunteerService& volunteers, const AdminRequest& r) {
  auto id = IdParam(r.Param("id"), "volunteer");
  if (!id) return ErrorReply(id.error());
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  const json::value* skills = body->if_contains("skills");
  if (skills == nullptr || !skills->is_array())
    return ErrorReply(Bad("skills 应为技能代码的数组 (skills: an array of codes)"));
  std::vector<VolunteerSkill> approved;
  for (const json::value& s : skills->as_array()) {
    const auto skill =
        s.is_string() ? ParseVolunteerSkill(std::string_view(s.as_string())) : std::nullopt;
    if (!skill) return ErrorReply(Bad("skills 中有未知的技能 (unknown skill)"));
    approved.push_back(*skill);
  }
  auto saved = volunteers.ApproveSkills(CallerOf(r), *id, approved);
  if (!saved) return ErrorReply(saved.error());
  json::object o = VolunteerJson(*saved);
  o["id"] = saved->id;
  o["phone_masked"] = MaskPhone(saved->phone);
  return JsonReply(200, json::object{{"volunteer", std::move(o)}});
}

json::object RulesJson(const DutyRules& d) {
  return {{"signup_days_ahead", d.signup_days_ahead},
          {"cancel_until_hours", d.cancel_until_hours},
          {"late_cancel_hours", d.late_cancel_hours},
          {"no_show_after_minutes", d.no_show_after_minutes},
          {"pause_after_no_shows", d.pause_after_no_shows},
          {"no_show_window_days", d.no_show_window_days},
          {"pause_days", d.pause_days}};
}

HttpResponse GetRules(VolunteerService& volunteers) {
  auto rules = volunteers.Rules();
  if (!rules) return ErrorReply(rules.error());
  return JsonReply(200, RulesJson(*rules));
}

HttpResponse PutRules(VolunteerService& volunteers, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  DutyRules rules;
  const std::pair<const char*, int*> fields[] = {
      {"signup_days_ahead", &rules.signup_days_ahead},
      {"cancel_until_hours", &rules.cancel_until_hours},
      {"late_cancel_hours", &rules.late_cancel_hours},
      {"no_show_after_minutes", &rules.no_show_after_minutes},
      {"pause_after_no_shows", &rules.pause_after_no_shows},
      {"no_show_window_days", &rules.no_show_window_days},
      {"pause_days", &rules.pause_days}};
  for (const auto& [name, field] : fields) {
    auto v = RequiredInteger(*body, name);
    if (!v) return ErrorReply(v.error());
    *field = static_cast<int>(std::clamp<int64_t>(*v, -1, 100000));
  }
  auto saved = volunteers.SaveRules(CallerOf(r), rules);
  if (!saved) return ErrorReply(saved.error());
  return JsonReply(200, RulesJson(rules));
}

}  // namespace

void AddVolunteerPublicRoutes(PublicRoutes& routes, VolunteerService& volunteers) {
  routes.Add("GET", "/cal/{file}",
             SyncRouteHandler([&volunteers](const HttpRequest& r, const PathParams& p) {
               return CalendarFeed(volunteers, r, p);
             }));
}

void AddVolunteerPersonRoutes(PersonRoutes& routes, VolunteerService& v) {
  using Handler = HttpResponse (*)(VolunteerService&, const PersonRequest&);
  const auto bind = [&v](Handler h) {
    return PersonHandler([&v, h](const PersonRequest& r) { return h(v, r); });
  };
  // clang-format off
  routes.Add("GET",  "/v",                                        kPublicRoute, VolunteerPage);
  routes.Add("GET",  "/api/v1/me/volunteer",                      kPersonRoute, bind(Me));
  routes.Add("PUT",  "/api/v1/me/volunteer",                      kPersonRoute, bind(SignUp));
  routes.Add("GET",  "/api/v1/me/volunteer/near",                 kPersonRoute, bind(NearMe));
  routes.Add("GET",  "/api/v1/me/volunteer/stations/{code}/shifts", kPersonRoute, bind(StationDuty));
  routes.Add("GET",  "/api/v1/me/shifts",                         kPersonRoute, bind(MyShifts));
  routes.Add("POST", "/api/v1/me/shifts/{id}/take",               kPersonRoute, bind(Take));
  routes.Add("POST", "/api/v1/me/shifts/{id}/cancel",             kPersonRoute, bind(Cancel));
  routes.Add("POST", "/api/v1/me/shifts/{id}/depart",             kPersonRoute, bind(Depart));
  routes.Add("POST", "/api/v1/me/arrivals",                       kPersonRoute, bind(Arrive));
  routes.Add("GET",  "/api/v1/me/volunteer/certificate.pdf",      kPersonRoute, bind(Certificate));
  routes.Add("POST", "/api/v1/me/volunteer/calendar",             kPersonRoute, bind(MyCalendar));
  // clang-format on
}

void AddVolunteerConsoleRoutes(ConsoleRoutes& routes, VolunteerService& v,
                               HoursWorkbookWriter workbook) {
  routes.Add("GET", "/api/v1/admin/volunteers/hours", kEditors,
             [&v](const AdminRequest& r) { return Hours(v, r); });
  routes.Add("GET", "/api/v1/admin/volunteers/hours.xlsx", kEditors,
             [&v, workbook = std::move(workbook)](const AdminRequest& r) {
               return HoursWorkbook(v, workbook, r);
             });
  routes.Add("GET", "/api/v1/admin/duty/gaps", kEditors,
             [&v](const AdminRequest& r) { return RegionGaps(v, r); });
  routes.Add("GET", "/api/v1/admin/stations/{code}/roster", kEditors,
             [&v](const AdminRequest& r) { return Roster(v, r); });
  routes.Add("POST", "/api/v1/admin/stations/{code}/shifts", kEditors,
             [&v](const AdminRequest& r) { return AddShift(v, r); });
  routes.Add("POST", "/api/v1/admin/shifts/{id}/arrivals/{volunteer}", kEditors,
             [&v](const AdminRequest& r) { return ConfirmArrival(v, r); });
  routes.Add("GET", "/api/v1/admin/stations/{code}/duty-templates", kEditors,
             [&v](const AdminRequest& r) { return ListTemplates(v, r); });
  routes.Add("POST", "/api/v1/admin/stations/{code}/duty-templates", kEditors,
             [&v](const AdminRequest& r) { return AddTemplate(v, r); });
  routes.Add("DELETE", "/api/v1/admin/duty-templates/{id}", kEditors,
             [&v](const AdminRequest& r) { return StopTemplate(v, r); });
  routes.Add("GET", "/api/v1/admin/volunteers", kAdmins,
             [&v](const AdminRequest& r) { return RegisterList(v, r); });
  routes.Add("PUT", "/api/v1/admin/volunteers/{id}/approved-skills", kAdmins,
             [&v](const AdminRequest& r) { return PutApprovedSkills(v, r); });
  routes.Add("GET", "/api/v1/admin/volunteers/rules", kAdmins,
             [&v](const AdminRequest&) { return GetRules(v); });
  routes.Add("PUT", "/api/v1/admin/volunteers/rules", kCityAdmin,
             [&v](const AdminRequest& r) { return PutRules(v, r); });
  routes.AddPage("/admin/duty", kEditors, "duty.html", "志愿值班");
}

}  // namespace yz
