#include "domain/volunteers/volunteer_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/crypto.h"
#include "core/personal_data.h"
#include "core/region_code.h"
#include "core/text.h"
#include "domain/accounts/role.h"
#include "domain/people/consent.h"
#include "domain/people/phone_number.h"
#include "domain/people/sign_in_service.h"
#include "domain/volunteers/volunteer_files.h"

namespace yz {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr auto kCalendarPast = hours(24 * 30);  // contract section 10: ended at most 30 days ago

Error NoVolunteer() {
  return Error::NotFound("您还没有登记为志愿者 (you are not registered as a volunteer)");
}
Error NoShift() { return Error::NotFound("没有这个班次 (no such shift)"); }

bool Overlaps(const Shift& a, const Shift& b) {
  return a.starts_at < b.ends_at && b.starts_at < a.ends_at;
}

}  // namespace

VolunteerService::VolunteerService(VolunteerRepository& volunteers, PeopleRepository& people,
                                   StationDirectory& stations, MessageService& messages,
                                   Auditor& auditor, const Clock& clock,
                                   VolunteerServiceConfig config)
    : volunteers_(volunteers),
      people_(people),
      stations_(stations),
      messages_(messages),
      auditor_(auditor),
      clock_(clock),
      config_(std::move(config)) {}

// --- imports ---------------------------------------------------------------------------------

Result<ImportOutcome> VolunteerService::ImportVolunteers(std::string_view bytes,
                                                         SpreadsheetFormat format,
                                                         std::string_view actor) {
  ParsedVolunteerFile parsed = ParseVolunteerFile(bytes, format);
  ImportOutcome out;
  if (!parsed.errors.empty()) {
    out.errors = std::move(parsed.errors);
    return out;
  }
  auto counts = volunteers_.ImportVolunteers(parsed.rows, clock_.Now());
  if (!counts) return counts.error();
  out.counts = *counts;
  auditor_.RecordAs(
      actor, actor == "cli" ? "system" : "city_admin", "", "volunteer.import", "",
      AuditOutcome::kSuccess,
      fmt::format("导入志愿者名册：新增 {} 人，更新 {} 人", counts->created, counts->updated));
  return out;
}

Result<ImportOutcome> VolunteerService::ImportRoster(std::string_view bytes,
                                                     SpreadsheetFormat format,
                                                     std::string_view actor) {
  ParsedRosterFile parsed = ParseRosterFile(bytes, format, config_.zone);
  ImportOutcome out;
  out.errors = std::move(parsed.errors);
  const auto catalog = stations_.Current();
  std::map<std::string, int64_t> volunteer_of_phone;
  std::vector<ShiftRow> rows;
  for (const RosterRow& r : parsed.rows) {
    const std::size_t before = out.errors.size();
    const Station* station = catalog->Find(r.station_code);
    if (station == nullptr) {
      out.errors.push_back({r.line, fmt::format("没有站点编码为 '{0}' 的驿站 (no station with "
                                                "code '{0}')",
                                                r.station_code)});
    }
    ShiftRow row{r.line,
                 r.station_code,
                 station ? station->region : "",
                 r.starts_at,
                 r.ends_at,
                 r.role,
                 r.needed,
                 {}};
    for (const std::string& phone : r.phones) {
      auto it = volunteer_of_phone.find(phone);
      if (it == volunteer_of_phone.end()) {
        auto v = volunteers_.FindVolunteerByPhone(phone);
        if (!v) return v.error();
        it = volunteer_of_phone.emplace(phone, *v ? (*v)->id : 0).first;
      }
      if (it->second == 0) {
        out.errors.push_back(
            {r.line, fmt::format("手机号 {0} 不是已登记的志愿者 (phone {0} is not an imported "
                                 "volunteer)",
                                 MaskPhone(phone))});
      } else {
        row.volunteer_ids.push_back(it->second);
      }
    }
    if (out.errors.size() == before) rows.push_back(std::move(row));
  }
  std::stable_sort(out.errors.begin(), out.errors.end(),
                   [](const RowError& a, const RowError& b) { return a.line < b.line; });
  if (!out.errors.empty()) return out;
  auto counts = volunteers_.ImportShifts(rows, clock_.Now());
  if (!counts) return counts.error();
  out.counts = *counts;
  auditor_.RecordAs(
      actor, actor == "cli" ? "system" : "city_admin", "", "shift.import", "",
      AuditOutcome::kSuccess,
      fmt::format("导入排班表：新增 {} 个班次，更新 {} 个", counts->created, counts->updated));
  if (auto r = RefreshOpenDuty(); !r) return r.error();
  return out;
}

// --- calendar --------------------------------------------------------------------------------

std::string VolunteerService::CalendarTokenOf(int64_t volunteer_id, int generation) const {
  // Derived, not stored: the store keeps only CalendarKeyOf(token), and the token can be shown
  // again without a rotation. 32 hex digits (128 bits).
  return KeyedHashHex(config_.key, fmt::format("calendar-token:{}:{}", volunteer_id, generation))
      .substr(0, 32);
}

std::string VolunteerService::CalendarKeyOf(std::string_view token) const {
  return KeyedHashHex(config_.key, fmt::format("calendar-key:{}", token));
}

Result<std::string> VolunteerService::CalendarToken(std::string_view phone_text, bool rotate) {
  const auto phone = NormalizeMainlandMobile(phone_text);
  if (!phone) {
    return Error::InvalidArgument(
        fmt::format("'{0}' 不是大陆手机号 ('{0}' is not a mainland mobile number)", phone_text));
  }
  auto v = volunteers_.FindVolunteerByPhone(*phone);
  if (!v) return v.error();
  if (!*v) return Error::NotFound("没有用这个手机号登记的志愿者 (no volunteer with this phone)");
  return TokenFor(**v, rotate, "cli", "system");
}

Result<std::string> VolunteerService::MyCalendarToken(int64_t person_id, bool rotate) {
  auto v = volunteers_.FindVolunteerByPerson(person_id);
  if (!v) return v.error();
  if (!*v) return Error::NotFound("请先登记为志愿者 (sign up as a volunteer first)");
  return TokenFor(**v, rotate, fmt::format("person:{}", person_id), "person");
}

Result<std::string> VolunteerService::TokenFor(const Volunteer& v, bool rotate,
                                               std::string_view actor, std::string_view role) {
  int generation = v.calendar_generation;
  if (rotate || v.calendar_key.empty()) ++generation;
  const std::string token = CalendarTokenOf(v.id, generation);
  if (generation != v.calendar_generation) {
    YZ_TRY(volunteers_.SetCalendarKey(v.id, CalendarKeyOf(token), generation));
    auditor_.RecordAs(actor, role, "",
                      rotate ? "volunteer.calendar_rotate" : "volunteer.calendar_create",
                      fmt::format("volunteer:{}", v.id), AuditOutcome::kSuccess);
  }
  return token;
}

CalendarShift VolunteerService::WithStation(const HeldShift& held,
                                            const StationCatalog& catalog) const {
  CalendarShift c{held, "", "", std::nullopt};
  if (const Station* s = catalog.Find(held.shift.station_code)) {
    c.station_name = s->name;
    c.station_address = s->address;
    c.location = s->location;
  }
  return c;
}

Result<std::optional<std::string>> VolunteerService::CalendarFeed(std::string_view token) {
  const bool plausible = token.size() == 32 && std::all_of(token.begin(), token.end(), [](char c) {
                           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                         });
  if (!plausible) return std::optional<std::string>{};
  auto v = volunteers_.FindVolunteerByCalendarKey(CalendarKeyOf(token));
  if (!v) return v.error();
  if (!*v) return std::optional<std::string>{};
  const UtcTime now = clock_.Now();
  auto held = volunteers_.VolunteerShifts((*v)->id, now - kCalendarPast);
  if (!held) return held.error();
  const auto catalog = stations_.Current();
  std::vector<CalendarShift> shifts;
  shifts.reserve(held->size());
  for (const HeldShift& h : *held) shifts.push_back(WithStation(h, *catalog));
  return std::optional<std::string>{RenderDutyCalendar(shifts, now)};
}

// --- the volunteer's own -------------------------------------------------------------------

Result<std::optional<Volunteer>> VolunteerService::FindByPerson(int64_t person_id) {
  return volunteers_.FindVolunteerByPerson(person_id);
}

Result<Volunteer> VolunteerService::RequireVolunteer(int64_t person_id) {
  auto v = volunteers_.FindVolunteerByPerson(person_id);
  if (!v) return v.error();
  if (!*v) return NoVolunteer();
  return std::move(**v);
}

Result<Volunteer> VolunteerService::SignUp(const Person& person, const VolunteerForm& form,
                                           std::string_view address) {
  const auto text = CurrentPurposeText(kVolunteerPurpose);
  if (!text || form.consent_version != text->version) {
    return Error::InvalidArgument(
        "请阅读并同意最新的《志愿者登记》说明后再提交 (consent to the current volunteer text is "
        "required)");
  }
  const std::string name(Trim(form.name));
  if (name.empty() || CountCodePoints(name) > 50)
    return Error::InvalidArgument("姓名须为 1 到 50 个字符 (name must be 1 to 50 characters)");
  if (!form.region.empty() && !IsValidRegionCode(form.region))
    return Error::InvalidArgument("所在区域不是有效的区划代码 (region is not a division code)");
  if (CountCodePoints(form.note) > 200)
    return Error::InvalidArgument("备注最多 200 个字符 (note must be at most 200 characters)");
  const UtcTime now = clock_.Now();
  auto existing = volunteers_.FindVolunteerByPerson(person.id);
  if (!existing) return existing.error();
  Volunteer v = *existing ? **existing : Volunteer{};
  const bool created = !*existing;
  if (created) {
    v.person_id = person.id;
    v.created_at = now;
  }
  v.name = name;
  v.region = form.region;
  v.skills = form.skills;
  std::sort(v.skills.begin(), v.skills.end());
  v.skills.erase(std::unique(v.skills.begin(), v.skills.end()), v.skills.end());
  // An approval lasts while the skill is declared.
  std::erase_if(v.approved_skills, [&](VolunteerSkill s) {
    return std::find(v.skills.begin(), v.skills.end(), s) == v.skills.end();
  });
  v.note = std::string(Trim(form.note));
  v.updated_at = now;
  auto saved = volunteers_.SaveVolunteer(v);
  if (!saved) return saved.error();
  ConsentRecord consent;
  consent.person_id = person.id;
  consent.purpose = std::string(kVolunteerPurpose);
  consent.version = text->version;
  consent.text_hash = PurposeTextHash(*text);
  consent.given_at = now;
  if (auto c = people_.AddConsent(consent); !c) return c.error();
  auditor_.RecordAs(PersonActor(person.id), "person", address,
                    created ? "volunteer.sign_up" : "volunteer.update",
                    fmt::format("volunteer:{}", saved->id), AuditOutcome::kSuccess);
  return saved;
}

std::vector<NearbyDuty> VolunteerService::NearMe(
    const GeoPoint& origin, int k, std::shared_ptr<const OpenDutyIndex::Generation>& keep) const {
  return open_duty_.Nearest(origin, k, keep);
}

Result<std::vector<DutySlot>> VolunteerService::StationDuty(std::string_view station,
                                                            int64_t person_id) {
  const auto catalog = stations_.Current();
  if (catalog->FindOpen(station) == nullptr)
    return Error::NotFound("没有这个开放中的驿站 (no such open station)");
  const UtcTime now = clock_.Now();
  auto shifts = volunteers_.StationShifts(station, now - hours(24), now + config_.near_me_window);
  if (!shifts) return shifts.error();
  std::optional<Volunteer> me;
  if (person_id != 0) {
    auto v = volunteers_.FindVolunteerByPerson(person_id);
    if (!v) return v.error();
    me = *v;
  }
  std::vector<DutySlot> out;
  for (const Shift& s : *shifts) {
    if (s.ends_at <= now) continue;
    DutySlot slot{s, std::nullopt};
    if (me) {
      auto hold = volunteers_.FindHold(s.id, me->id);
      if (!hold) return hold.error();
      slot.mine = *hold;
    }
    out.push_back(std::move(slot));
  }
  return out;
}

Result<VolunteerService::ShiftContext> VolunteerService::LoadForShift(int64_t person_id,
                                                                      int64_t shift_id) {
  auto v = RequireVolunteer(person_id);
  if (!v) return v.error();
  auto shift = volunteers_.FindShift(shift_id);
  if (!shift) return shift.error();
  if (!*shift) return NoShift();
  auto rules = volunteers_.Rules();
  if (!rules) return rules.error();
  return ShiftContext{std::move(*v), std::move(**shift), *rules};
}

Result<Shift> VolunteerService::Take(int64_t person_id, int64_t shift_id,
                                     std::string_view address) {
  auto loaded = LoadForShift(person_id, shift_id);
  if (!loaded) return loaded.error();
  const Volunteer* v = &loaded->volunteer;
  const Shift& s = loaded->shift;
  const DutyRules* rules = &loaded->rules;
  const UtcTime now = clock_.Now();
  const auto refuse = [&](std::string message) -> Result<Shift> {
    auditor_.RecordAs(PersonActor(person_id), "person", address, "shift.take",
                      fmt::format("shift:{}", shift_id), AuditOutcome::kDenied, message);
    return Error::Conflict(std::move(message));
  };
  auto hold = volunteers_.FindHold(shift_id, v->id);
  if (!hold) return hold.error();
  if (*hold && (*hold)->state == HoldState::kHeld) return s;  // already theirs
  if (v->paused_until && *v->paused_until > now) {
    return refuse(fmt::format(
        "因多次报名后未到岗，您暂时不能报名新班次，{} 后恢复 (taking shifts is paused after "
        "repeated no-shows)",
        LocalText(*v->paused_until)));
  }
  if (s.starts_at <= now) return refuse("这个班次已经开始，不能再报名 (the shift has started)");
  if (s.starts_at > now + hours(24) * rules->signup_days_ahead) {
    return refuse(fmt::format("最多提前 {} 天报名 (shifts open for sign-up {} days ahead)",
                              rules->signup_days_ahead, rules->signup_days_ahead));
  }
  auto mine = volunteers_.VolunteerShifts(v->id, now);
  if (!mine) return mine.error();
  for (const HeldShift& h : *mine) {
    if (h.hold.state == HoldState::kHeld && h.shift.id != s.id && Overlaps(h.shift, s)) {
      return refuse(fmt::format("您在 {} 已有班次，时间重叠 (you hold a shift at the same time)",
                                LocalText(h.shift.starts_at)));
    }
  }
  auto taken = volunteers_.TakeShift(shift_id, v->id, now);
  if (!taken) return taken.error();
  switch (*taken) {
    case TakeOutcome::kNoSuchShift:
      return NoShift();
    case TakeOutcome::kFull:
      return refuse("这个班次已满员 (the shift is full)");
    case TakeOutcome::kAlreadyHeld:
    case TakeOutcome::kTaken:
      break;
  }
  auditor_.RecordAs(PersonActor(person_id), "person", address, "shift.take",
                    fmt::format("shift:{}", shift_id), AuditOutcome::kSuccess);
  // Taken less than a day (an hour) ahead: that reminder is due already, so it goes now rather
  // than at the next run of the reminder job.
  if (*taken == TakeOutcome::kTaken && s.starts_at - now <= hours(24)) {
    auto held = volunteers_.FindHold(shift_id, v->id);
    if (held && *held) {
      auto reminded =
          Remind({s, **held}, s.starts_at - now <= hours(1) ? 2 : 1, *stations_.Current());
      if (!reminded) {
        auditor_.RecordAs("system", "system", "", "shift.reminder", fmt::format("shift:{}", s.id),
                          AuditOutcome::kFailed, reminded.error().message);
      }
    }
  }
  auto after = volunteers_.FindShift(shift_id);
  if (!after) return after.error();
  return *after ? **after : s;
}

Result<void> VolunteerService::Cancel(int64_t person_id, int64_t shift_id,
                                      std::string_view address) {
  auto loaded = LoadForShift(person_id, shift_id);
  if (!loaded) return loaded.error();
  const Volunteer* v = &loaded->volunteer;
  const Shift& s = loaded->shift;
  const DutyRules* rules = &loaded->rules;
  const UtcTime now = clock_.Now();
  if (now > s.starts_at - hours(rules->cancel_until_hours)) {
    const Station* station = stations_.Current()->Find(s.station_code);
    return Error::Conflict(fmt::format(
        "开班前 {} 小时内不能在手机上取消，请直接联系站长{} (cancelling is closed {} hours before "
        "the start: call the station)",
        rules->cancel_until_hours, station && !station->manager.empty() ? station->manager : "",
        rules->cancel_until_hours));
  }
  auto cancelled = volunteers_.CancelHold(shift_id, v->id, now);
  if (!cancelled) return cancelled.error();
  if (!*cancelled) return Error::NotFound("您没有报名这个班次 (you do not hold this shift)");
  const bool late = now > s.starts_at - hours(rules->late_cancel_hours);
  auditor_.RecordAs(PersonActor(person_id), "person", address, "shift.cancel",
                    fmt::format("shift:{}", shift_id), AuditOutcome::kSuccess,
                    late ? "临时取消（已通知站长）" : "");
  if (late) {
    NotifyStation(s, "volunteer_late_cancel", {LocalText(s.starts_at), s.role, v->name},
                  fmt::format("shift:{}:cancel:{}", s.id, v->id));
  }
  return Ok();
}

void VolunteerService::NotifyStation(const Shift& shift, std::string_view template_name,
                                     std::vector<std::string> params, std::string_view object) {
  const Station* station = stations_.Current()->Find(shift.station_code);
  const auto phone = station ? NormalizeMainlandMobile(station->phone) : std::nullopt;
  if (!phone) return;  // a landline or none: the console's roster shows the gap
  params.insert(params.begin(), station->name);
  auto sent = messages_.SendSms({std::string(template_name), std::string(object), 0, *phone,
                                 std::string(template_name), std::move(params)});
  if (!sent) {
    auditor_.RecordAs("system", "system", "", "volunteer.notify_station", std::string(object),
                      AuditOutcome::kFailed, sent.error().message);
  }
}

Result<HeldShift> VolunteerService::ArriveByQr(int64_t person_id, std::string_view station,
                                               const std::optional<GeoPoint>& position,
                                               std::string_view address) {
  auto v = RequireVolunteer(person_id);
  if (!v) return v.error();
  const auto catalog = stations_.Current();
  const Station* s = catalog->Find(station);
  if (s == nullptr) return Error::NotFound("没有这个驿站 (no such station)");
  const UtcTime now = clock_.Now();
  auto mine = volunteers_.VolunteerShifts(v->id, now);
  if (!mine) return mine.error();
  const HeldShift* current = nullptr;
  for (const HeldShift& h : *mine) {
    if (h.hold.state == HoldState::kHeld && h.shift.station_code == station &&
        h.shift.starts_at - config_.arrive_early <= now && now < h.shift.ends_at) {
      current = &h;
      break;
    }
  }
  if (current == nullptr) {
    return Error::NotFound(
        fmt::format("您现在在{}没有班次（开班前 {} 分钟起可以签到） (you hold no shift here now)",
                    s->name, config_.arrive_early.count()));
  }
  if (position) {
    const double d = DistanceMeters(*position, s->location);
    if (d > config_.arrival_radius_m) {
      auditor_.RecordAs(PersonActor(person_id), "person", address, "shift.arrive",
                        fmt::format("shift:{}", current->shift.id), AuditOutcome::kDenied,
                        fmt::format("{:.0f} m", d));
      return Error::InvalidArgument(fmt::format(
          "您离驿站约 {:.0f} 米，请到站后再签到 (you are {:.0f} m from the station: sign in "
          "there)",
          d, d));
    }
  }
  auto recorded = volunteers_.RecordArrival(current->shift.id, v->id, now, "qr");
  if (!recorded) return recorded.error();
  if (*recorded) {
    auditor_.RecordAs(PersonActor(person_id), "person", address, "shift.arrive",
                      fmt::format("shift:{}", current->shift.id), AuditOutcome::kSuccess,
                      position ? "扫码到岗（有定位）" : "扫码到岗（无定位）");
  }
  auto hold = volunteers_.FindHold(current->shift.id, v->id);
  if (!hold) return hold.error();
  return HeldShift{current->shift, hold->value_or(current->hold)};
}

Result<HeldShift> VolunteerService::Depart(int64_t person_id, int64_t shift_id,
                                           std::string_view address) {
  auto v = RequireVolunteer(person_id);
  if (!v) return v.error();
  auto shift = volunteers_.FindShift(shift_id);
  if (!shift) return shift.error();
  if (!*shift) return NoShift();
  auto hold = volunteers_.FindHold(shift_id, v->id);
  if (!hold) return hold.error();
  if (!*hold || (*hold)->state != HoldState::kHeld || !(*hold)->arrived_at)
    return Error::Conflict("您还没有在这个班次签到 (you have not arrived for this shift)");
  const UtcTime now = clock_.Now();
  auto recorded = volunteers_.RecordDeparture(shift_id, v->id, now);
  if (!recorded) return recorded.error();
  if (*recorded) {
    auditor_.RecordAs(PersonActor(person_id), "person", address, "shift.depart",
                      fmt::format("shift:{}", shift_id), AuditOutcome::kSuccess);
  }
  auto after = volunteers_.FindHold(shift_id, v->id);
  if (!after) return after.error();
  return HeldShift{**shift, after->value_or(**hold)};
}

Result<std::vector<MyDuty>> VolunteerService::MyShifts(int64_t person_id) {
  auto v = RequireVolunteer(person_id);
  if (!v) return v.error();
  auto rules = volunteers_.Rules();
  if (!rules) return rules.error();
  const UtcTime now = clock_.Now();
  auto held = volunteers_.VolunteerShifts(v->id, now - kCalendarPast);
  if (!held) return held.error();
  const auto catalog = stations_.Current();
  std::vector<MyDuty> out;
  for (const HeldShift& h : *held) {
    MyDuty d;
    d.shift = WithStation(h, *catalog);
    d.served_minutes = ServedMinutes(h.shift, h.hold, now);
    const bool live = h.hold.state == HoldState::kHeld;
    d.can_cancel = live && now <= h.shift.starts_at - hours(rules->cancel_until_hours);
    d.on_now = live && h.shift.starts_at - config_.arrive_early <= now && now < h.shift.ends_at;
    if (live && now < h.shift.ends_at) {
      if (const Station* s = catalog->Find(h.shift.station_code)) {
        d.manager = s->manager;
        d.manager_phone = s->phone;
      }
    }
    out.push_back(std::move(d));
  }
  return out;
}

// --- the coordinator -------------------------------------------------------------------------

Result<std::vector<RosterShift>> VolunteerService::StationRoster(const Caller& who,
                                                                 std::string_view station,
                                                                 UtcTime from, int days) {
  const Station* s = stations_.Current()->Find(station);
  if (s == nullptr || !who.CanReachStation(s->code, s->region))
    return Error::NotFound("没有这个驿站 (no such station)");
  days = std::clamp(days, 1, 31);
  auto shifts = volunteers_.StationShifts(station, from, from + hours(24) * days);
  if (!shifts) return shifts.error();
  const UtcTime now = clock_.Now();
  std::vector<RosterShift> out;
  std::map<int64_t, std::optional<Volunteer>> people;
  for (const Shift& shift : *shifts) {
    RosterShift r{shift, {}};
    auto holds = volunteers_.ShiftHolds(shift.id);
    if (!holds) return holds.error();
    for (const ShiftHold& h : *holds) {
      auto it = people.find(h.volunteer_id);
      if (it == people.end()) {
        auto v = volunteers_.FindVolunteer(h.volunteer_id);
        if (!v) return v.error();
        it = people.emplace(h.volunteer_id, *v).first;
      }
      RosterPlace place{h, "", "", ServedMinutes(shift, h, now)};
      if (it->second) {
        place.name = it->second->name;
        place.masked_phone = MaskPhone(it->second->phone);
      }
      r.places.push_back(std::move(place));
    }
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<StationGap>> VolunteerService::RegionGaps(const Caller& who,
                                                             std::string_view region, UtcTime from,
                                                             int days) {
  // A region wider than the caller's scope is not refused: only the stations they reach count.
  days = std::clamp(days, 1, 31);
  auto shifts = volunteers_.RegionShifts(region, from, from + hours(24) * days, 20'000);
  if (!shifts) return shifts.error();
  const auto catalog = stations_.Current();
  std::map<std::string, StationGap> by_station;
  for (const Shift& s : *shifts) {
    const Station* station = catalog->Find(s.station_code);
    if (station == nullptr || !who.CanReachStation(station->code, station->region)) continue;
    StationGap& g = by_station[s.station_code];
    if (g.station_code.empty()) {
      g = {station->code, station->name, station->region, 0, 0, 0, s.starts_at};
    }
    ++g.shifts;
    if (s.held < s.needed) {
      if (g.open_shifts == 0 || s.starts_at < g.first_gap) g.first_gap = s.starts_at;
      ++g.open_shifts;
      g.free_places += s.needed - s.held;
    }
  }
  std::vector<StationGap> out;
  for (auto& [code, g] : by_station) {
    if (g.open_shifts > 0) out.push_back(std::move(g));
  }
  std::sort(out.begin(), out.end(), [](const StationGap& a, const StationGap& b) {
    if (a.free_places != b.free_places) return a.free_places > b.free_places;
    return a.station_code < b.station_code;
  });
  if (out.size() > 500) out.resize(500);
  return out;
}

std::optional<HoursGrouping> ParseHoursGrouping(std::string_view code) {
  if (code == "volunteer") return HoursGrouping::kVolunteer;
  if (code == "station") return HoursGrouping::kStation;
  if (code == "region") return HoursGrouping::kRegion;
  if (code == "month") return HoursGrouping::kMonth;
  return std::nullopt;
}

Result<std::vector<HoursLine>> VolunteerService::ServiceHours(const Caller& who,
                                                              std::string_view region, Date first,
                                                              Date last, HoursGrouping by) {
  using std::chrono::sys_days;
  if (!first.ok() || !last.ok() || last < first ||
      sys_days{last} - sys_days{first} > std::chrono::days{366})
    return Error::InvalidArgument("统计期最长一年，且结束不早于开始 (a period of at most a year)");
  const auto midnight = [&](Date d) {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(sys_days{d}) -
           std::chrono::minutes(config_.zone.offset_minutes());
  };
  auto records = volunteers_.ServiceRecords(region, midnight(first),
                                            midnight(Date{sys_days{last} + std::chrono::days{1}}),
                                            clock_.Now(), 0);
  if (!records) return records.error();
  const auto catalog = stations_.Current();
  struct Acc {
    HoursLine line;
    std::set<std::string> others;
  };
  std::map<std::string, Acc> lines;
  for (const ServiceRecord& r : *records) {
    const Station* s = catalog->Find(r.station_code);
    if (s == nullptr ? !who.CanReachRegion(r.region) : !who.CanReachStation(s->code, s->region))
      continue;
    std::string key, label, other = std::to_string(r.volunteer_id);
    switch (by) {
      case HoursGrouping::kVolunteer:
        key = std::to_string(r.volunteer_id);
        label = r.volunteer_name;
        other = r.station_code;
        break;
      case HoursGrouping::kStation:
        key = r.station_code;
        label = s ? s->name : r.station_code;
        break;
      case HoursGrouping::kRegion:
        key = label = r.region;
        break;
      case HoursGrouping::kMonth:
        key = label = LocalMonth(r.starts_at, config_.zone);
        break;
    }
    Acc& acc = lines[key];
    acc.line.key = key;
    acc.line.label = label;
    acc.line.minutes += r.minutes;
    acc.line.times += 1;
    acc.others.insert(other);
  }
  std::vector<HoursLine> out;
  for (auto& [key, acc] : lines) {
    acc.line.others = static_cast<int>(acc.others.size());
    if (by == HoursGrouping::kVolunteer) {
      auto v = volunteers_.FindVolunteer(std::stoll(key));
      if (!v) return v.error();
      if (*v) acc.line.masked_phone = MaskPhone((*v)->phone);
    }
    out.push_back(std::move(acc.line));
  }
  if (by == HoursGrouping::kMonth) return out;  // in month order
  std::stable_sort(out.begin(), out.end(),
                   [](const HoursLine& a, const HoursLine& b) { return a.minutes > b.minutes; });
  return out;
}

Result<ServiceSummary> VolunteerService::MyService(int64_t person_id) {
  auto v = RequireVolunteer(person_id);
  if (!v) return v.error();
  auto records = volunteers_.ServiceRecords("", UtcTime{}, clock_.Now() + std::chrono::hours(48),
                                            clock_.Now(), v->id);
  if (!records) return records.error();
  ServiceSummary out;
  out.name = v->name;
  std::map<std::string, int64_t> by_station;
  for (const ServiceRecord& r : *records) {
    out.minutes += r.minutes;
    ++out.times;
    if (!out.first || r.starts_at < *out.first) out.first = r.starts_at;
    if (!out.last || r.starts_at > *out.last) out.last = r.starts_at;
    by_station[r.station_code] += r.minutes;
  }
  std::vector<std::pair<int64_t, std::string>> ranked;
  for (const auto& [code, minutes] : by_station) ranked.emplace_back(-minutes, code);
  std::sort(ranked.begin(), ranked.end());
  const auto catalog = stations_.Current();
  for (const auto& [minus, code] : ranked) {
    if (out.stations.size() == 10) break;
    const Station* s = catalog->Find(code);
    out.stations.push_back(s ? s->name : code);
  }
  return out;
}

Result<Shift> VolunteerService::AddShift(const Caller& who, const Shift& shift) {
  const Station* s = stations_.Current()->Find(shift.station_code);
  if (s == nullptr || !who.CanReachStation(s->code, s->region))
    return Error::NotFound("没有这个驿站 (no such station)");
  if (shift.ends_at <= shift.starts_at || shift.ends_at - shift.starts_at > hours(24))
    return Error::InvalidArgument(
        "结束须晚于开始，且一个班次最长 24 小时 (a shift ends after it starts, within 24 hours)");
  if (shift.needed < 1 || shift.needed > 20)
    return Error::InvalidArgument("人数须为 1 到 20 (needed must be 1 to 20)");
  const std::string role(Trim(shift.role));
  if (role.empty() || CountCodePoints(role) > 20)
    return Error::InvalidArgument("岗位须为 1 到 20 个字符 (role must be 1 to 20 characters)");
  Shift clean = shift;
  clean.role = role;
  auto added = volunteers_.AddShift(clean, s->region, clock_.Now());
  if (!added) return added.error();
  auditor_.Record(who, "shift.add", fmt::format("shift:{}", added->id), AuditOutcome::kSuccess,
                  fmt::format("{} {} {}", s->code, LocalText(clean.starts_at), clean.role));
  if (auto r = RefreshOpenDuty(); !r) return r.error();
  return added;
}

Result<void> VolunteerService::ConfirmArrival(const Caller& who, int64_t shift_id,
                                              int64_t volunteer_id) {
  auto shift = volunteers_.FindShift(shift_id);
  if (!shift) return shift.error();
  const Station* s = *shift ? stations_.Current()->Find((*shift)->station_code) : nullptr;
  if (s == nullptr || !who.CanReachStation(s->code, s->region)) return NoShift();
  auto recorded = volunteers_.RecordArrival(shift_id, volunteer_id, clock_.Now(),
                                            who.principal.account.username);
  if (!recorded) return recorded.error();
  if (!*recorded) {
    return Error::Conflict(
        "这位志愿者没有报名此班次，或已签到 (the volunteer does not hold the shift or has "
        "arrived)");
  }
  auditor_.Record(who, "shift.confirm_arrival", fmt::format("shift:{}", shift_id),
                  AuditOutcome::kSuccess, fmt::format("volunteer:{}", volunteer_id));
  return Ok();
}

Result<DutyRules> VolunteerService::Rules() { return volunteers_.Rules(); }

namespace {

bool InScope(const Caller& who, const Volunteer& v) {
  return v.region.empty() ? who.role() == Role::kCityAdmin && who.CanReachRegion("")
                          : who.CanReachRegion(v.region);
}

}  // namespace

Result<std::vector<Volunteer>> VolunteerService::Register(const Caller& who,
                                                          std::string_view region, int64_t after,
                                                          int limit) {
  limit = std::clamp(limit, 1, 500);
  std::vector<Volunteer> out;
  // Read in pages until `limit` in-scope volunteers are found (a region admin's are a part).
  while (static_cast<int>(out.size()) < limit) {
    auto page = volunteers_.ListVolunteers(region, after, 500);
    if (!page) return page.error();
    for (Volunteer& v : *page) {
      after = v.id;
      if (InScope(who, v) && static_cast<int>(out.size()) < limit) out.push_back(std::move(v));
    }
    if (page->size() < 500) break;
  }
  return out;
}

Result<Volunteer> VolunteerService::ApproveSkills(const Caller& who, int64_t volunteer_id,
                                                  const std::vector<VolunteerSkill>& approved) {
  auto v = volunteers_.FindVolunteer(volunteer_id);
  if (!v) return v.error();
  if (!*v || !InScope(who, **v)) return Error::NotFound("没有这位志愿者 (no such volunteer)");
  Volunteer changed = **v;
  changed.approved_skills.clear();
  std::string labels;
  for (VolunteerSkill s : approved) {
    if (std::find(changed.skills.begin(), changed.skills.end(), s) == changed.skills.end()) {
      return Error::InvalidArgument(fmt::format(
          "只能审核志愿者登记的技能，“{}”不在其中 (only declared skills can be approved)",
          VolunteerSkillLabel(s)));
    }
    if (std::find(changed.approved_skills.begin(), changed.approved_skills.end(), s) ==
        changed.approved_skills.end()) {
      changed.approved_skills.push_back(s);
      labels += (labels.empty() ? "" : "、") + std::string(VolunteerSkillLabel(s));
    }
  }
  std::sort(changed.approved_skills.begin(), changed.approved_skills.end());
  changed.updated_at = clock_.Now();
  auto saved = volunteers_.SaveVolunteer(changed);
  if (!saved) return saved.error();
  auditor_.Record(who, "volunteer.approve_skills", fmt::format("volunteer:{}", volunteer_id),
                  AuditOutcome::kSuccess, labels.empty() ? "无" : labels);
  return saved;
}

namespace {

Date LocalDate(UtcTime t, const TimeZone& zone) {
  return Date{
      std::chrono::floor<std::chrono::days>(t + std::chrono::minutes(zone.offset_minutes()))};
}

}  // namespace

Result<DutyTemplate> VolunteerService::SaveTemplate(const Caller& who, const DutyTemplate& t) {
  const auto catalog = stations_.Current();
  const Station* s = catalog->Find(t.station_code);
  if (s == nullptr || !who.CanReachStation(s->code, s->region))
    return Error::NotFound("没有这个驿站 (no such station)");
  if (t.id != 0) {
    auto existing = volunteers_.FindTemplate(t.id);
    if (!existing) return existing.error();
    if (!*existing || (*existing)->station_code != t.station_code)
      return Error::NotFound("没有这个值班模板 (no such duty template)");
  }
  DutyTemplate clean = t;
  clean.role = std::string(Trim(t.role));
  YZ_TRY(ValidateDutyTemplate(clean));
  auto id = volunteers_.SaveTemplate(clean, s->region, clock_.Now());
  if (!id) return id.error();
  clean.id = *id;
  auto rules = volunteers_.Rules();
  if (!rules) return rules.error();
  const Date today = LocalDate(clock_.Now(), config_.zone);
  const Date last{std::chrono::sys_days{today} + std::chrono::days{rules->signup_days_ahead}};
  std::vector<ShiftRow> rows;
  for (const Shift& shift : ShiftsOfTemplate(clean, today, last, config_.zone)) {
    if (shift.starts_at <= clock_.Now()) continue;
    rows.push_back({0,
                    shift.station_code,
                    s->region,
                    shift.starts_at,
                    shift.ends_at,
                    shift.role,
                    shift.needed,
                    {},
                    clean.id});
  }
  auto made = volunteers_.AddShiftsIfAbsent(rows, clock_.Now());
  if (!made) return made.error();
  auditor_.Record(
      who, t.id == 0 ? "duty_template.add" : "duty_template.update",
      fmt::format("duty_template:{}", clean.id), AuditOutcome::kSuccess,
      fmt::format("{} {}，生成 {} 个班次", s->code, DescribeDutyTemplate(clean), *made));
  if (auto r = RefreshOpenDuty(); !r) return r.error();
  return clean;
}

Result<std::vector<DutyTemplate>> VolunteerService::Templates(const Caller& who,
                                                              std::string_view station) {
  const Station* s = stations_.Current()->Find(station);
  if (s == nullptr || !who.CanReachStation(s->code, s->region))
    return Error::NotFound("没有这个驿站 (no such station)");
  return volunteers_.ActiveTemplates(station);
}

Result<void> VolunteerService::DeactivateTemplate(const Caller& who, int64_t id) {
  auto t = volunteers_.FindTemplate(id);
  if (!t) return t.error();
  const Station* s = *t ? stations_.Current()->Find((*t)->station_code) : nullptr;
  if (s == nullptr || !who.CanReachStation(s->code, s->region))
    return Error::NotFound("没有这个值班模板 (no such duty template)");
  YZ_TRY(volunteers_.DeactivateTemplate(id));
  auditor_.Record(who, "duty_template.stop", fmt::format("duty_template:{}", id),
                  AuditOutcome::kSuccess, DescribeDutyTemplate(**t));
  return Ok();
}

Result<int64_t> VolunteerService::GenerateShifts(Date first, int days) {
  auto templates = volunteers_.ActiveTemplates("");
  if (!templates) return templates.error();
  const auto catalog = stations_.Current();
  const Date last{std::chrono::sys_days{first} + std::chrono::days{std::max(0, days - 1)}};
  const UtcTime now = clock_.Now();
  int64_t made = 0;
  std::vector<ShiftRow> rows;
  // Batches of many templates' shifts: one transaction (one sync) per batch, not per template.
  constexpr std::size_t kBatch = 400'000;
  const auto flush = [&]() -> Result<void> {
    auto added = volunteers_.AddShiftsIfAbsent(rows, now);
    if (!added) return added.error();
    made += *added;
    rows.clear();
    return Ok();
  };
  // Station by station, a station's templates day by day: rows arrive in the order of the
  // unique index (station, start, role), and the index by start gains entries only at the few
  // instants that templates start at (09:00 of each day, ...), so no batch rewrites pages all
  // over an index of millions of rows. Day by day for every station, each batch touched every
  // page of the unique index: 160 s for a year of the 200,000-station bench, against 60 s.
  std::vector<std::pair<const DutyTemplate*, const Station*>> open;
  for (const DutyTemplate& t : *templates) {
    const Station* s = catalog->Find(t.station_code);
    if (s != nullptr && s->status == StationStatus::kOpen)
      open.emplace_back(&t, s);  // else: no new duty
  }
  std::stable_sort(open.begin(), open.end(), [](const auto& a, const auto& b) {
    return a.first->station_code < b.first->station_code;
  });
  for (std::size_t i = 0; i < open.size();) {
    std::size_t station_end = i;
    while (station_end < open.size() &&
           open[station_end].first->station_code == open[i].first->station_code) {
      ++station_end;
    }
    for (auto day = std::chrono::sys_days{first}; day <= std::chrono::sys_days{last};
         day += std::chrono::days{1}) {
      for (std::size_t k = i; k < station_end; ++k) {
        const auto& [t, s] = open[k];
        auto shift = ShiftOfTemplateOn(*t, Date{day}, config_.zone);
        if (!shift || shift->starts_at <= now) continue;
        rows.push_back({0,
                        shift->station_code,
                        s->region,
                        shift->starts_at,
                        shift->ends_at,
                        std::move(shift->role),
                        shift->needed,
                        {},
                        t->id});
      }
    }
    i = station_end;
    if (rows.size() >= kBatch) YZ_TRY(flush());
  }
  if (!rows.empty()) YZ_TRY(flush());
  if (made > 0) {
    auditor_.RecordAs("system", "system", "", "shift.generate", "", AuditOutcome::kSuccess,
                      fmt::format("按值班模板生成 {} 个班次", made));
  }
  return made;
}

Result<void> VolunteerService::SaveRules(const Caller& who, const DutyRules& rules) {
  const auto in = [](int v, int lo, int hi) { return v >= lo && v <= hi; };
  if (!in(rules.signup_days_ahead, 1, 365) || !in(rules.cancel_until_hours, 0, 168) ||
      !in(rules.late_cancel_hours, 0, 168) || !in(rules.no_show_after_minutes, 5, 240) ||
      !in(rules.pause_after_no_shows, 1, 20) || !in(rules.no_show_window_days, 1, 365) ||
      !in(rules.pause_days, 0, 365)) {
    return Error::InvalidArgument("值班规则中有超出范围的数值 (a duty rule is out of range)");
  }
  YZ_TRY(volunteers_.SaveRules(rules));
  auditor_.Record(who, "volunteer.rules", "duty_rules", AuditOutcome::kSuccess);
  return Ok();
}

// --- timed work ------------------------------------------------------------------------------

Result<int> VolunteerService::SweepNoShows() {
  auto rules = volunteers_.Rules();
  if (!rules) return rules.error();
  const UtcTime now = clock_.Now();
  const UtcTime cutoff = now - minutes(rules->no_show_after_minutes);
  auto holds = volunteers_.UnarrivedHolds(cutoff - hours(48), cutoff);
  if (!holds) return holds.error();
  int marked = 0;
  std::map<int64_t, bool> touched;
  for (const HeldShift& h : *holds) {
    auto done = volunteers_.MarkNoShow(h.shift.id, h.hold.volunteer_id);
    if (!done) return done.error();
    if (!*done) continue;
    ++marked;
    touched[h.hold.volunteer_id] = true;
    auditor_.RecordAs("system", "system", "", "shift.no_show", fmt::format("shift:{}", h.shift.id),
                      AuditOutcome::kSuccess, fmt::format("volunteer:{}", h.hold.volunteer_id));
  }
  for (const auto& [volunteer_id, unused] : touched) {
    auto count =
        volunteers_.CountNoShows(volunteer_id, now - hours(24) * rules->no_show_window_days);
    if (!count) return count.error();
    if (*count < rules->pause_after_no_shows || rules->pause_days == 0) continue;
    auto v = volunteers_.FindVolunteer(volunteer_id);
    if (!v) return v.error();
    if (!*v || ((*v)->paused_until && *(*v)->paused_until > now)) continue;
    Volunteer paused = **v;
    paused.paused_until = now + hours(24) * rules->pause_days;
    paused.updated_at = now;
    if (auto saved = volunteers_.SaveVolunteer(paused); !saved) return saved.error();
    auditor_.RecordAs("system", "system", "", "volunteer.pause",
                      fmt::format("volunteer:{}", volunteer_id), AuditOutcome::kSuccess,
                      fmt::format("{} 次未到岗，暂停报名 {} 天", *count, rules->pause_days));
  }
  return marked;
}

Result<bool> VolunteerService::Remind(const HeldShift& h, int step, const StationCatalog& catalog) {
  auto v = volunteers_.FindVolunteer(h.hold.volunteer_id);
  if (!v) return v.error();
  if (!*v) return false;
  auto consents = people_.ListConsents((*v)->person_id);
  if (!consents) return consents.error();
  const bool sms = std::any_of(consents->begin(), consents->end(), [](const ConsentRecord& c) {
    return c.purpose == kSmsNoticesPurpose && !c.withdrawn_at;
  });
  const Station* s = catalog.Find(h.shift.station_code);
  MessageRequest m{
      "shift_reminder",
      fmt::format("shift:{}:{}", h.shift.id, step),
      (*v)->person_id,
      sms ? (*v)->phone : std::string(),
      "shift_reminder",
      {s ? s->name : h.shift.station_code, LocalText(h.shift.starts_at), h.shift.role}};
  auto done = sms ? messages_.SendSms(m) : messages_.Notify(m);
  if (!done) return done.error();
  // Reminded up to `step`: the hour-before reminder also stands for the day-before one.
  YZ_TRY(volunteers_.MarkReminded(h.shift.id, h.hold.volunteer_id, step));
  return done->created;
}

Result<int> VolunteerService::SendReminders() {
  const UtcTime now = clock_.Now();
  const auto catalog = stations_.Current();
  int sent = 0;
  // Step 2 first, so a shift less than an hour ahead gets only the nearer reminder.
  for (const auto& [step, ahead] : {std::pair{2, hours(1)}, std::pair{1, hours(24)}}) {
    auto holds = volunteers_.HoldsToRemind(now, now + ahead, step);
    if (!holds) return holds.error();
    for (const HeldShift& h : *holds) {
      auto created = Remind(h, step, *catalog);
      if (!created) return created.error();
      sent += *created ? 1 : 0;
    }
  }
  return sent;
}

Result<void> VolunteerService::RefreshOpenDuty() {
  const UtcTime now = clock_.Now();
  auto places = volunteers_.OpenPlaces(now, now + config_.near_me_window);
  if (!places) return places.error();
  open_duty_.Rebuild(*stations_.Current(), std::move(*places), now);
  return Ok();
}

std::string VolunteerService::LocalText(UtcTime t) const {
  using namespace std::chrono;
  const auto local = t + minutes(config_.zone.offset_minutes());
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss hms{floor<minutes>(local - day)};
  return fmt::format("{}月{}日 {:02}:{:02}", static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()), hms.hours().count(), hms.minutes().count());
}

}  // namespace yz
