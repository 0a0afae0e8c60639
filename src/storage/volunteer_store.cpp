#include "storage/volunteer_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/date.h"

namespace yz {
namespace {

using sql::Param;
using sql::Params;
using sql::Row;

int64_t Ms(UtcTime t) { return t.time_since_epoch().count(); }
UtcTime At(int64_t ms) { return UtcTime(std::chrono::milliseconds(ms)); }
std::optional<UtcTime> OptionalAt(const Row& r, std::size_t i) {
  const auto v = r.OptionalInt(i);
  if (!v) return std::nullopt;
  return At(*v);
}
Param OptionalMs(const std::optional<UtcTime>& t) {
  return t ? Param(Ms(*t)) : Param(std::monostate{});
}

std::string EncodeSkills(const std::vector<VolunteerSkill>& skills) {
  std::string out;
  for (VolunteerSkill s : skills) {
    if (!out.empty()) out += '|';
    out += VolunteerSkillCode(s);
  }
  return out;
}

std::vector<VolunteerSkill> DecodeSkills(std::string_view text) {
  std::set<int> seen;
  while (!text.empty()) {
    const auto bar = text.find('|');
    const auto part = text.substr(0, bar);
    if (const auto s = ParseVolunteerSkill(part)) seen.insert(static_cast<int>(*s));
    text = bar == std::string_view::npos ? std::string_view() : text.substr(bar + 1);
  }
  std::vector<VolunteerSkill> out;
  for (int s : seen) out.push_back(static_cast<VolunteerSkill>(s));
  return out;
}

constexpr std::string_view kVolunteerSelect =
    "SELECT v.id, v.person_id, p.phone_sealed, v.name, v.region, v.skills, v.approved_skills, "
    "v.note, v.paused_until_ms, v.calendar_key, v.calendar_generation, v.created_at_ms, "
    "v.updated_at_ms FROM volunteers v JOIN people p ON p.id = v.person_id ";

constexpr std::string_view kShiftColumns =
    "s.id, s.station_code, s.starts_at_ms, s.ends_at_ms, s.role, s.needed, s.held";
constexpr std::string_view kHoldColumns =
    "h.shift_id, h.volunteer_id, h.state, h.taken_at_ms, h.cancelled_at_ms, h.arrived_at_ms, "
    "h.departed_at_ms, h.arrival_by";

Shift ReadShift(const Row& r, std::size_t at = 0) {
  Shift s;
  s.id = r.Int(at);
  s.station_code = r.Text(at + 1);
  s.starts_at = At(r.Int(at + 2));
  s.ends_at = At(r.Int(at + 3));
  s.role = r.Text(at + 4);
  s.needed = static_cast<int>(r.Int(at + 5));
  s.held = static_cast<int>(r.Int(at + 6));
  return s;
}

ShiftHold ReadHold(const Row& r, std::size_t at) {
  ShiftHold h;
  h.shift_id = r.Int(at);
  h.volunteer_id = r.Int(at + 1);
  h.state = ParseHoldState(r.Text(at + 2)).value_or(HoldState::kCancelled);
  h.taken_at = At(r.Int(at + 3));
  h.cancelled_at = OptionalAt(r, at + 4);
  h.arrived_at = OptionalAt(r, at + 5);
  h.departed_at = OptionalAt(r, at + 6);
  h.arrival_by = r.Text(at + 7);
  return h;
}

// Makes the hold of `volunteer` on `shift` live (inserting it, or reviving a cancelled or
// no-show one); the shift's count follows. 0 rows when it already was live.
constexpr std::string_view kReviveHold =
    "INSERT INTO shift_holds (shift_id, volunteer_id, state, taken_at_ms) VALUES ($1, $2, 'held', "
    "$3) ON CONFLICT (shift_id, volunteer_id) DO UPDATE SET state = 'held', taken_at_ms = "
    "excluded.taken_at_ms, cancelled_at_ms = NULL, arrived_at_ms = NULL, departed_at_ms = NULL, "
    "arrival_by = '', reminded = 0 WHERE shift_holds.state <> 'held'";

}  // namespace

Result<std::optional<Volunteer>> VolunteerStore::FindWhere(std::string_view where,
                                                           const Param& value) {
  std::optional<Volunteer> found;
  auto done = runner_.Transact("find volunteer", false, [&](sql::Session& s) -> Result<void> {
    auto rows = s.Query(std::string(kVolunteerSelect) + "WHERE " + std::string(where), {value});
    if (!rows) return rows.error();
    if (rows->empty()) return Ok();
    const Row& r = rows->front();
    Volunteer v;
    v.id = r.Int(0);
    v.person_id = r.Int(1);
    auto phone = cipher_.Open(r.Text(2));
    if (!phone) return phone.error();
    v.phone = std::move(*phone);
    v.name = r.Text(3);
    v.region = r.Text(4);
    v.skills = DecodeSkills(r.Text(5));
    v.approved_skills = DecodeSkills(r.Text(6));
    v.note = r.Text(7);
    v.paused_until = OptionalAt(r, 8);
    v.calendar_key = r.Text(9);
    v.calendar_generation = static_cast<int>(r.Int(10));
    v.created_at = At(r.Int(11));
    v.updated_at = At(r.Int(12));
    found = std::move(v);
    return Ok();
  });
  if (!done) return done.error();
  return found;
}

Result<std::optional<Volunteer>> VolunteerStore::FindVolunteer(int64_t id) {
  return FindWhere("v.id = $1", id);
}
Result<std::optional<Volunteer>> VolunteerStore::FindVolunteerByPerson(int64_t person_id) {
  return FindWhere("v.person_id = $1", person_id);
}
Result<std::optional<Volunteer>> VolunteerStore::FindVolunteerByPhone(std::string_view phone) {
  return FindWhere("p.phone_index = $1", PhoneIndex(phone));
}
Result<std::optional<Volunteer>> VolunteerStore::FindVolunteerByCalendarKey(std::string_view key) {
  if (key.empty()) return std::optional<Volunteer>{};
  return FindWhere("v.calendar_key = $1", std::string(key));
}

Result<Volunteer> VolunteerStore::SaveVolunteer(const Volunteer& volunteer) {
  int64_t id = volunteer.id;
  auto done = runner_.Transact("save volunteer", true, [&](sql::Session& s) -> Result<void> {
    const Params values{volunteer.name,
                        volunteer.region,
                        EncodeSkills(volunteer.skills),
                        EncodeSkills(volunteer.approved_skills),
                        volunteer.note,
                        OptionalMs(volunteer.paused_until),
                        Ms(volunteer.updated_at)};
    if (id == 0) {
      auto taken = sql::QueryInt(s, "SELECT COUNT(*) FROM volunteers WHERE person_id = $1",
                                 {volunteer.person_id});
      if (!taken) return taken.error();
      if (*taken > 0) return Error::Conflict("此手机号已登记为志愿者 (already a volunteer)");
      Params p = values;
      p.push_back(volunteer.person_id);
      p.push_back(Ms(volunteer.created_at));
      auto rows = s.Query(
          "INSERT INTO volunteers (name, region, skills, approved_skills, note, paused_until_ms, "
          "updated_at_ms, person_id, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
          "RETURNING id",
          p);
      if (!rows) return rows.error();
      id = rows->front().Int(0);
      return Ok();
    }
    Params p = values;
    p.push_back(id);
    auto changed = s.Exec(
        "UPDATE volunteers SET name = $1, region = $2, skills = $3, approved_skills = $4, "
        "note = $5, paused_until_ms = $6, updated_at_ms = $7 WHERE id = $8",
        p);
    if (!changed) return changed.error();
    if (*changed == 0) return Error::NotFound("没有这位志愿者 (no such volunteer)");
    return Ok();
  });
  if (!done) return done.error();
  auto stored = FindVolunteer(id);
  if (!stored) return stored.error();
  if (!*stored) return Error::Internal("a volunteer just saved is missing");
  return std::move(**stored);
}

Result<void> VolunteerStore::SetCalendarKey(int64_t volunteer_id, std::string_view key,
                                            int generation) {
  return runner_.Transact("set calendar key", true, [&](sql::Session& s) -> Result<void> {
    auto changed =
        s.Exec("UPDATE volunteers SET calendar_key = $1, calendar_generation = $2 WHERE id = $3",
               {std::string(key), int64_t{generation}, volunteer_id});
    if (!changed) return changed.error();
    if (*changed == 0) return Error::NotFound("没有这位志愿者 (no such volunteer)");
    return Ok();
  });
}

Result<void> VolunteerStore::EraseVolunteer(int64_t volunteer_id) {
  return runner_.Transact("erase volunteer", true, [&](sql::Session& s) -> Result<void> {
    // Said here rather than left to ON DELETE CASCADE, so the rule does not rest on SQLite's
    // foreign-key pragma; the shifts whose places free up are recounted.
    auto live =
        s.Query("SELECT shift_id FROM shift_holds WHERE volunteer_id = $1 AND state = 'held'",
                {volunteer_id});
    if (!live) return live.error();
    auto holds = s.Exec("DELETE FROM shift_holds WHERE volunteer_id = $1", {volunteer_id});
    if (!holds) return holds.error();
    for (const Row& r : *live) {
      auto recount = s.Exec(
          "UPDATE shifts SET held = (SELECT COUNT(*) FROM shift_holds WHERE shift_id = $1 AND "
          "state = 'held') WHERE id = $1",
          {r.Int(0)});
      if (!recount) return recount.error();
    }
    auto gone = s.Exec("DELETE FROM volunteers WHERE id = $1", {volunteer_id});
    if (!gone) return gone.error();
    return Ok();
  });
}

Result<std::vector<Volunteer>> VolunteerStore::ListVolunteers(std::string_view region_prefix,
                                                              int64_t after_id, int limit) {
  std::vector<int64_t> ids;
  auto done = runner_.Transact("list volunteers", false, [&](sql::Session& s) -> Result<void> {
    auto rows = s.Query(
        "SELECT id FROM volunteers WHERE id > $1 AND substr(region, 1, $2) = $3 ORDER BY id "
        "LIMIT $4",
        {after_id, static_cast<int64_t>(region_prefix.size()), std::string(region_prefix),
         int64_t{limit}});
    if (!rows) return rows.error();
    for (const Row& r : *rows) ids.push_back(r.Int(0));
    return Ok();
  });
  if (!done) return done.error();
  std::vector<Volunteer> out;
  for (int64_t id : ids) {
    auto v = FindVolunteer(id);
    if (!v) return v.error();
    if (*v) out.push_back(std::move(**v));
  }
  return out;
}

Result<ImportCounts> VolunteerStore::ImportVolunteers(const std::vector<VolunteerRow>& rows,
                                                      UtcTime now) {
  ImportCounts counts;
  auto done = runner_.Transact("import volunteers", true, [&](sql::Session& s) -> Result<void> {
    for (const VolunteerRow& row : rows) {
      const std::string index = PhoneIndex(row.phone);
      auto added = s.Exec(
          "INSERT INTO people (phone_index, phone_sealed, created_at_ms, last_seen_ms) "
          "VALUES ($1, $2, $3, $3) ON CONFLICT (phone_index) DO NOTHING",
          {index, cipher_.Seal(row.phone), Ms(now)});
      if (!added) return added.error();
      auto person = sql::QueryInt(s, "SELECT id FROM people WHERE phone_index = $1", {index});
      if (!person) return person.error();
      // Skills that need approval keep their approval only while still declared.
      auto existing =
          s.Query("SELECT id, approved_skills FROM volunteers WHERE person_id = $1", {*person});
      if (!existing) return existing.error();
      if (existing->empty()) {
        auto inserted = s.Exec(
            "INSERT INTO volunteers (person_id, name, region, skills, note, created_at_ms, "
            "updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $6)",
            {*person, row.name, row.region, EncodeSkills(row.skills), row.note, Ms(now)});
        if (!inserted) return inserted.error();
        ++counts.created;
        continue;
      }
      std::vector<VolunteerSkill> approved;
      for (VolunteerSkill a : DecodeSkills(existing->front().Text(1))) {
        if (std::find(row.skills.begin(), row.skills.end(), a) != row.skills.end())
          approved.push_back(a);
      }
      auto updated = s.Exec(
          "UPDATE volunteers SET name = $1, region = $2, skills = $3, approved_skills = $4, "
          "note = $5, updated_at_ms = $6 WHERE id = $7",
          {row.name, row.region, EncodeSkills(row.skills), EncodeSkills(approved), row.note,
           Ms(now), existing->front().Int(0)});
      if (!updated) return updated.error();
      ++counts.updated;
    }
    return Ok();
  });
  if (!done) return done.error();
  return counts;
}

Result<Shift> VolunteerStore::AddShift(const Shift& shift, std::string_view region, UtcTime now) {
  int64_t id = 0;
  auto done = runner_.Transact("add shift", true, [&](sql::Session& s) -> Result<void> {
    auto taken = sql::QueryInt(s,
                               "SELECT COUNT(*) FROM shifts WHERE station_code = $1 AND "
                               "starts_at_ms = $2 AND role = $3",
                               {shift.station_code, Ms(shift.starts_at), shift.role});
    if (!taken) return taken.error();
    if (*taken > 0)
      return Error::Conflict(
          "该站点同一时间已有同一岗位的班次 (a shift with this station, start and role exists)");
    auto rows = s.Query(
        "INSERT INTO shifts (station_code, region, starts_at_ms, ends_at_ms, role, needed, "
        "created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        {shift.station_code, std::string(region), Ms(shift.starts_at), Ms(shift.ends_at),
         shift.role, int64_t{shift.needed}, Ms(now)});
    if (!rows) return rows.error();
    id = rows->front().Int(0);
    return Ok();
  });
  if (!done) return done.error();
  Shift stored = shift;
  stored.id = id;
  stored.held = 0;
  return stored;
}

Result<std::vector<Shift>> VolunteerStore::ShiftsWhere(std::string_view where,
                                                       const Params& params) {
  std::vector<Shift> out;
  auto done = runner_.Transact("read shifts", false, [&](sql::Session& s) -> Result<void> {
    auto rows =
        s.Query(fmt::format("SELECT {} FROM shifts s WHERE {}", kShiftColumns, where), params);
    if (!rows) return rows.error();
    for (const Row& r : *rows) out.push_back(ReadShift(r));
    return Ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::optional<Shift>> VolunteerStore::FindShift(int64_t id) {
  auto shifts = ShiftsWhere("s.id = $1", {id});
  if (!shifts) return shifts.error();
  if (shifts->empty()) return std::optional<Shift>{};
  return std::optional<Shift>{shifts->front()};
}

Result<std::vector<Shift>> VolunteerStore::StationShifts(std::string_view station, UtcTime from,
                                                         UtcTime to) {
  return ShiftsWhere(
      "s.station_code = $1 AND s.starts_at_ms >= $2 AND s.starts_at_ms < $3 "
      "ORDER BY s.starts_at_ms, s.role",
      {std::string(station), Ms(from), Ms(to)});
}

Result<std::vector<Shift>> VolunteerStore::RegionShifts(std::string_view region_prefix,
                                                        UtcTime from, UtcTime to, int limit) {
  return ShiftsWhere(
      "substr(s.region, 1, $1) = $2 AND s.starts_at_ms >= $3 AND s.starts_at_ms < $4 "
      "ORDER BY s.station_code, s.starts_at_ms, s.role LIMIT $5",
      {static_cast<int64_t>(region_prefix.size()), std::string(region_prefix), Ms(from), Ms(to),
       int64_t{limit}});
}

Result<std::vector<StationOpenPlaces>> VolunteerStore::OpenPlaces(UtcTime from, UtcTime to) {
  std::vector<StationOpenPlaces> out;
  auto done = runner_.Transact("open places", false, [&](sql::Session& s) -> Result<void> {
    auto rows = s.Query(
        "SELECT station_code, COUNT(*), SUM(needed - held), MIN(starts_at_ms) FROM shifts "
        "WHERE held < needed AND starts_at_ms >= $1 AND starts_at_ms < $2 "
        "GROUP BY station_code ORDER BY station_code",
        {Ms(from), Ms(to)});
    if (!rows) return rows.error();
    out.reserve(rows->size());
    for (const Row& r : *rows) {
      out.push_back(
          {r.Text(0), static_cast<int>(r.Int(1)), static_cast<int>(r.Int(2)), At(r.Int(3))});
    }
    return Ok();
  });
  if (!done) return done.error();
  return out;
}

Result<ImportCounts> VolunteerStore::ImportShifts(const std::vector<ShiftRow>& rows, UtcTime now) {
  ImportCounts counts;
  auto done = runner_.Transact("import shifts", true, [&](sql::Session& s) -> Result<void> {
    for (const ShiftRow& row : rows) {
      auto found = s.Query(
          "SELECT id FROM shifts WHERE station_code = $1 AND starts_at_ms = $2 AND role = $3",
          {row.station_code, Ms(row.starts_at), row.role});
      if (!found) return found.error();
      int64_t id = 0;
      if (found->empty()) {
        auto added = s.Query(
            "INSERT INTO shifts (station_code, region, starts_at_ms, ends_at_ms, role, needed, "
            "created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            {row.station_code, row.region, Ms(row.starts_at), Ms(row.ends_at), row.role,
             int64_t{row.needed}, Ms(now)});
        if (!added) return added.error();
        id = added->front().Int(0);
        ++counts.created;
      } else {
        id = found->front().Int(0);
        auto updated = s.Exec("UPDATE shifts SET ends_at_ms = $1, needed = $2 WHERE id = $3",
                              {Ms(row.ends_at), int64_t{row.needed}, id});
        if (!updated) return updated.error();
        ++counts.updated;
      }
      // The roster's list replaces the live holds: others are cancelled, new ones taken.
      auto live = s.Query(
          "SELECT volunteer_id FROM shift_holds WHERE shift_id = $1 AND state = 'held'", {id});
      if (!live) return live.error();
      for (const Row& r : *live) {
        const int64_t v = r.Int(0);
        if (std::find(row.volunteer_ids.begin(), row.volunteer_ids.end(), v) !=
            row.volunteer_ids.end())
          continue;
        auto cancelled = s.Exec(
            "UPDATE shift_holds SET state = 'cancelled', cancelled_at_ms = $1 WHERE shift_id = $2 "
            "AND volunteer_id = $3",
            {Ms(now), id, v});
        if (!cancelled) return cancelled.error();
      }
      for (int64_t v : row.volunteer_ids) {
        auto revived = s.Exec(kReviveHold, {id, v, Ms(now)});
        if (!revived) return revived.error();
      }
      auto recount = s.Exec(
          "UPDATE shifts SET held = (SELECT COUNT(*) FROM shift_holds WHERE shift_id = $1 AND "
          "state = 'held') WHERE id = $1",
          {id});
      if (!recount) return recount.error();
    }
    return Ok();
  });
  if (!done) return done.error();
  return counts;
}

Result<TakeOutcome> VolunteerStore::TakeShift(int64_t shift_id, int64_t volunteer_id, UtcTime now) {
  TakeOutcome outcome = TakeOutcome::kTaken;
  // A refused take must roll back the hold it wrote: this error says so and is not returned.
  const Error kRefused = Error::Conflict("refused");
  auto done = runner_.Transact("take shift", true, [&](sql::Session& s) -> Result<void> {
    auto exists = sql::QueryInt(s, "SELECT COUNT(*) FROM shifts WHERE id = $1", {shift_id});
    if (!exists) return exists.error();
    if (*exists == 0) {
      outcome = TakeOutcome::kNoSuchShift;
      return Ok();
    }
    auto revived = s.Exec(kReviveHold, {shift_id, volunteer_id, Ms(now)});
    if (!revived) return revived.error();
    if (*revived == 0) {
      outcome = TakeOutcome::kAlreadyHeld;
      return Ok();
    }
    // The row lock of this update orders racing takes; the condition keeps the last place single.
    auto counted =
        s.Exec("UPDATE shifts SET held = held + 1 WHERE id = $1 AND held < needed", {shift_id});
    if (!counted) return counted.error();
    if (*counted == 0) {
      outcome = TakeOutcome::kFull;
      return kRefused;
    }
    return Ok();
  });
  if (!done && !(outcome == TakeOutcome::kFull && done.error().message == "refused"))
    return done.error();
  return outcome;
}

Result<bool> VolunteerStore::CancelHold(int64_t shift_id, int64_t volunteer_id, UtcTime now) {
  bool cancelled = false;
  auto done = runner_.Transact("cancel hold", true, [&](sql::Session& s) -> Result<void> {
    auto changed = s.Exec(
        "UPDATE shift_holds SET state = 'cancelled', cancelled_at_ms = $1 WHERE shift_id = $2 "
        "AND volunteer_id = $3 AND state = 'held'",
        {Ms(now), shift_id, volunteer_id});
    if (!changed) return changed.error();
    if (*changed == 0) return Ok();
    cancelled = true;
    auto counted = s.Exec("UPDATE shifts SET held = held - 1 WHERE id = $1", {shift_id});
    if (!counted) return counted.error();
    return Ok();
  });
  if (!done) return done.error();
  return cancelled;
}

Result<std::optional<ShiftHold>> VolunteerStore::FindHold(int64_t shift_id, int64_t volunteer_id) {
  std::optional<ShiftHold> out;
  auto done = runner_.Transact("find hold", false, [&](sql::Session& s) -> Result<void> {
    auto rows = s.Query(fmt::format("SELECT {} FROM shift_holds h WHERE h.shift_id = $1 AND "
                                    "h.volunteer_id = $2",
                                    kHoldColumns),
                        {shift_id, volunteer_id});
    if (!rows) return rows.error();
    if (!rows->empty()) out = ReadHold(rows->front(), 0);
    return Ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::vector<ShiftHold>> VolunteerStore::ShiftHolds(int64_t shift_id) {
  std::vector<ShiftHold> out;
  auto done = runner_.Transact("shift holds", false, [&](sql::Session& s) -> Result<void> {
    auto rows = s.Query(fmt::format("SELECT {} FROM shift_holds h WHERE h.shift_id = $1 AND "
                                    "h.state = 'held' ORDER BY h.taken_at_ms, h.volunteer_id",
                                    kHoldColumns),
                        {shift_id});
    if (!rows) return rows.error();
    for (const Row& r : *rows) out.push_back(ReadHold(r, 0));
    return Ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::vector<HeldShift>> VolunteerStore::HeldShiftsWhere(std::string_view where,
                                                               const Params& params) {
  std::vector<HeldShift> out;
  auto done = runner_.Transact("held shifts", false, [&](sql::Session& s) -> Result<void> {
    auto rows = s.Query(fmt::format("SELECT {}, {} FROM shift_holds h JOIN shifts s ON s.id = "
                                    "h.shift_id WHERE {}",
                                    kShiftColumns, kHoldColumns, where),
                        params);
    if (!rows) return rows.error();
    for (const Row& r : *rows) out.push_back({ReadShift(r, 0), ReadHold(r, 7)});
    return Ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::vector<HeldShift>> VolunteerStore::VolunteerShifts(int64_t volunteer_id,
                                                               UtcTime ends_after) {
  return HeldShiftsWhere("h.volunteer_id = $1 AND s.ends_at_ms > $2 ORDER BY s.starts_at_ms, s.id",
                         {volunteer_id, Ms(ends_after)});
}

Result<bool> VolunteerStore::RecordArrival(int64_t shift_id, int64_t volunteer_id, UtcTime at,
                                           std::string_view by) {
  bool recorded = false;
  auto done = runner_.Transact("record arrival", true, [&](sql::Session& s) -> Result<void> {
    auto changed = s.Exec(
        "UPDATE shift_holds SET arrived_at_ms = $1, arrival_by = $2 WHERE shift_id = $3 AND "
        "volunteer_id = $4 AND state = 'held' AND arrived_at_ms IS NULL",
        {Ms(at), std::string(by), shift_id, volunteer_id});
    if (!changed) return changed.error();
    recorded = *changed > 0;
    return Ok();
  });
  if (!done) return done.error();
  return recorded;
}

Result<bool> VolunteerStore::RecordDeparture(int64_t shift_id, int64_t volunteer_id, UtcTime at) {
  bool recorded = false;
  auto done = runner_.Transact("record departure", true, [&](sql::Session& s) -> Result<void> {
    auto changed = s.Exec(
        "UPDATE shift_holds SET departed_at_ms = $1 WHERE shift_id = $2 AND volunteer_id = $3 "
        "AND state = 'held' AND arrived_at_ms IS NOT NULL AND departed_at_ms IS NULL",
        {Ms(at), shift_id, volunteer_id});
    if (!changed) return changed.error();
    recorded = *changed > 0;
    return Ok();
  });
  if (!done) return done.error();
  return recorded;
}

Result<std::vector<HeldShift>> VolunteerStore::UnarrivedHolds(UtcTime from, UtcTime to) {
  return HeldShiftsWhere(
      "h.state = 'held' AND h.arrived_at_ms IS NULL AND s.starts_at_ms >= $1 AND "
      "s.starts_at_ms < $2 ORDER BY s.starts_at_ms, s.id, h.volunteer_id",
      {Ms(from), Ms(to)});
}

Result<bool> VolunteerStore::MarkNoShow(int64_t shift_id, int64_t volunteer_id) {
  bool marked = false;
  auto done = runner_.Transact("mark no-show", true, [&](sql::Session& s) -> Result<void> {
    auto changed = s.Exec(
        "UPDATE shift_holds SET state = 'no_show' WHERE shift_id = $1 AND volunteer_id = $2 AND "
        "state = 'held' AND arrived_at_ms IS NULL",
        {shift_id, volunteer_id});
    if (!changed) return changed.error();
    if (*changed == 0) return Ok();
    marked = true;
    auto counted = s.Exec("UPDATE shifts SET held = held - 1 WHERE id = $1", {shift_id});
    if (!counted) return counted.error();
    return Ok();
  });
  if (!done) return done.error();
  return marked;
}

Result<int> VolunteerStore::CountNoShows(int64_t volunteer_id, UtcTime since) {
  int64_t count = 0;
  auto done = runner_.Transact("count no-shows", false, [&](sql::Session& s) -> Result<void> {
    auto n = sql::QueryInt(s,
                           "SELECT COUNT(*) FROM shift_holds h JOIN shifts s ON s.id = h.shift_id "
                           "WHERE h.volunteer_id = $1 AND h.state = 'no_show' AND "
                           "s.starts_at_ms >= $2",
                           {volunteer_id, Ms(since)});
    if (!n) return n.error();
    count = *n;
    return Ok();
  });
  if (!done) return done.error();
  return static_cast<int>(count);
}

Result<std::vector<HeldShift>> VolunteerStore::HoldsToRemind(UtcTime from, UtcTime to, int step) {
  return HeldShiftsWhere(
      "h.state = 'held' AND h.reminded < $1 AND s.starts_at_ms >= $2 AND s.starts_at_ms < $3 "
      "ORDER BY s.starts_at_ms, s.id, h.volunteer_id",
      {int64_t{step}, Ms(from), Ms(to)});
}

Result<void> VolunteerStore::MarkReminded(int64_t shift_id, int64_t volunteer_id, int step) {
  return runner_.Transact("mark reminded", true, [&](sql::Session& s) -> Result<void> {
    auto changed = s.Exec(
        "UPDATE shift_holds SET reminded = $1 WHERE shift_id = $2 AND volunteer_id = $3 AND "
        "reminded < $1",
        {int64_t{step}, shift_id, volunteer_id});
    if (!changed) return changed.error();
    return Ok();
  });
}

Result<int64_t> VolunteerStore::SaveTemplate(const DutyTemplate& t, std::string_view region,
                                             UtcTime now) {
  int64_t id = t.id;
  auto done = runner_.Transact("save duty template", true, [&](sql::Session& s) -> Result<void> {
    const Param until = t.valid_until ? Param(FormatDate(*t.valid_until)) : Param(std::monostate{});
    if (id == 0) {
      auto rows = s.Query(
          "INSERT INTO duty_templates (station_code, region, weekdays, start_minute, end_minute, "
          "role, needed, valid_from, valid_until, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, "
          "$7, $8, $9, $10) RETURNING id",
          {t.station_code, std::string(region), int64_t{t.weekdays}, int64_t{t.start_minute},
           int64_t{t.end_minute}, t.role, int64_t{t.needed}, FormatDate(t.valid_from), until,
           Ms(now)});
      if (!rows) return rows.error();
      id = rows->front().Int(0);
      return Ok();
    }
    auto changed = s.Exec(
        "UPDATE duty_templates SET weekdays = $1, start_minute = $2, end_minute = $3, role = $4, "
        "needed = $5, valid_from = $6, valid_until = $7 WHERE id = $8 AND active = 1",
        {int64_t{t.weekdays}, int64_t{t.start_minute}, int64_t{t.end_minute}, t.role,
         int64_t{t.needed}, FormatDate(t.valid_from), until, id});
    if (!changed) return changed.error();
    if (*changed == 0) return Error::NotFound("没有这个值班模板 (no such duty template)");
    return Ok();
  });
  if (!done) return done.error();
  return id;
}

Result<std::vector<DutyTemplate>> VolunteerStore::TemplatesWhere(std::string_view where,
                                                                 const Params& params) {
  std::vector<DutyTemplate> out;
  auto done = runner_.Transact("read duty templates", false, [&](sql::Session& s) -> Result<void> {
    auto rows = s.Query(
        fmt::format("SELECT id, station_code, weekdays, start_minute, end_minute, role, needed, "
                    "valid_from, valid_until FROM duty_templates WHERE {}",
                    where),
        params);
    if (!rows) return rows.error();
    for (const Row& r : *rows) {
      DutyTemplate t;
      t.id = r.Int(0);
      t.station_code = r.Text(1);
      t.weekdays = static_cast<uint8_t>(r.Int(2));
      t.start_minute = static_cast<int>(r.Int(3));
      t.end_minute = static_cast<int>(r.Int(4));
      t.role = r.Text(5);
      t.needed = static_cast<int>(r.Int(6));
      t.valid_from = ParseDate(r.Text(7)).value_or(Date{});
      if (!r.IsNull(8)) t.valid_until = ParseDate(r.Text(8));
      out.push_back(std::move(t));
    }
    return Ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::optional<DutyTemplate>> VolunteerStore::FindTemplate(int64_t id) {
  auto found = TemplatesWhere("id = $1 AND active = 1", {id});
  if (!found) return found.error();
  if (found->empty()) return std::optional<DutyTemplate>{};
  return std::optional<DutyTemplate>{found->front()};
}

Result<std::vector<DutyTemplate>> VolunteerStore::ActiveTemplates(std::string_view station) {
  if (station.empty()) return TemplatesWhere("active = 1 ORDER BY station_code, id", {});
  return TemplatesWhere("active = 1 AND station_code = $1 ORDER BY id", {std::string(station)});
}

Result<void> VolunteerStore::DeactivateTemplate(int64_t id) {
  return runner_.Transact("deactivate duty template", true, [&](sql::Session& s) -> Result<void> {
    auto changed =
        s.Exec("UPDATE duty_templates SET active = 0 WHERE id = $1 AND active = 1", {id});
    if (!changed) return changed.error();
    if (*changed == 0) return Error::NotFound("没有这个值班模板 (no such duty template)");
    return Ok();
  });
}

Result<int64_t> VolunteerStore::AddShiftsIfAbsent(const std::vector<ShiftRow>& rows, UtcTime now) {
  // Many rows per statement: a year of shifts for every station is millions of rows. Written in
  // (station, start) order, the unique index's order, so that each of its pages is visited once
  // per call instead of at random: ten times faster once the index outgrows the page cache.
  constexpr std::size_t kRowsPerStatement = 250;
  std::vector<const ShiftRow*> order;
  order.reserve(rows.size());
  for (const ShiftRow& r : rows) order.push_back(&r);
  std::sort(order.begin(), order.end(), [](const ShiftRow* a, const ShiftRow* b) {
    if (a->station_code != b->station_code) return a->station_code < b->station_code;
    if (a->starts_at != b->starts_at) return a->starts_at < b->starts_at;
    return a->role < b->role;
  });
  int64_t inserted = 0;
  auto done = runner_.Transact("add shifts", true, [&](sql::Session& s) -> Result<void> {
    std::string sql;
    Params params;
    for (std::size_t begin = 0; begin < rows.size(); begin += kRowsPerStatement) {
      const std::size_t end = std::min(rows.size(), begin + kRowsPerStatement);
      sql =
          "INSERT INTO shifts (station_code, region, starts_at_ms, ends_at_ms, role, needed, "
          "template_id, created_at_ms) VALUES ";
      params.clear();
      for (std::size_t i = begin; i < end; ++i) {
        const ShiftRow& r = *order[i];
        const std::size_t k = params.size();
        // Every placeholder used once: SQLite looks a repeated one up in a list (quadratic).
        sql += fmt::format("{}(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})", i == begin ? "" : ", ",
                           k + 1, k + 2, k + 3, k + 4, k + 5, k + 6, k + 7, k + 8);
        params.push_back(r.station_code);
        params.push_back(r.region);
        params.push_back(Ms(r.starts_at));
        params.push_back(Ms(r.ends_at));
        params.push_back(r.role);
        params.push_back(int64_t{r.needed});
        params.push_back(r.template_id == 0 ? Param(std::monostate{}) : Param(r.template_id));
        params.push_back(Ms(now));
      }
      sql += " ON CONFLICT (station_code, starts_at_ms, role) DO NOTHING";
      auto changed = s.Exec(sql, params);
      if (!changed) return changed.error();
      inserted += *changed;
    }
    return Ok();
  });
  if (!done) return done.error();
  return inserted;
}

Result<std::vector<ServiceRecord>> VolunteerStore::ServiceRecords(std::string_view region_prefix,
                                                                  UtcTime from, UtcTime to,
                                                                  UtcTime now,
                                                                  int64_t volunteer_id) {
  std::vector<ServiceRecord> out;
  auto done = runner_.Transact("service records", false, [&](sql::Session& s) -> Result<void> {
    // The minutes of ServedMinutes (domain/volunteers/volunteer.h): from the later of arrival
    // and start to the earlier of departure and end. CASE, not LEAST/MAX: both dialects.
    auto rows = s.Query(
        "SELECT h.volunteer_id, v.name, s.station_code, s.region, s.starts_at_ms, "
        "(CASE WHEN h.departed_at_ms IS NOT NULL AND h.departed_at_ms < s.ends_at_ms "
        "THEN h.departed_at_ms ELSE s.ends_at_ms END) - "
        "(CASE WHEN h.arrived_at_ms > s.starts_at_ms THEN h.arrived_at_ms ELSE s.starts_at_ms END) "
        "FROM shift_holds h JOIN shifts s ON s.id = h.shift_id "
        "JOIN volunteers v ON v.id = h.volunteer_id "
        "WHERE h.state = 'held' AND h.arrived_at_ms IS NOT NULL "
        "AND (h.departed_at_ms IS NOT NULL OR s.ends_at_ms <= $1) "
        "AND s.starts_at_ms >= $2 AND s.starts_at_ms < $3 AND substr(s.region, 1, $4) = $5 "
        "AND ($6 = 0 OR h.volunteer_id = $6) ORDER BY s.starts_at_ms, s.id",
        {Ms(now), Ms(from), Ms(to), static_cast<int64_t>(region_prefix.size()),
         std::string(region_prefix), volunteer_id});
    if (!rows) return rows.error();
    out.reserve(rows->size());
    for (const Row& r : *rows) {
      const int64_t ms = std::max<int64_t>(0, r.Int(5));
      out.push_back(
          {r.Int(0), r.Text(1), r.Text(2), r.Text(3), At(r.Int(4)), static_cast<int>(ms / 60000)});
    }
    return Ok();
  });
  if (!done) return done.error();
  return out;
}

Result<DutyRules> VolunteerStore::Rules() {
  DutyRules rules;
  auto done = runner_.Transact("duty rules", false, [&](sql::Session& s) -> Result<void> {
    auto rows = s.Query(
        "SELECT signup_days_ahead, cancel_until_hours, late_cancel_hours, no_show_after_minutes, "
        "pause_after_no_shows, no_show_window_days, pause_days FROM duty_rules WHERE id = 1");
    if (!rows) return rows.error();
    if (rows->empty()) return Ok();  // the defaults
    const Row& r = rows->front();
    rules = {static_cast<int>(r.Int(0)), static_cast<int>(r.Int(1)), static_cast<int>(r.Int(2)),
             static_cast<int>(r.Int(3)), static_cast<int>(r.Int(4)), static_cast<int>(r.Int(5)),
             static_cast<int>(r.Int(6))};
    return Ok();
  });
  if (!done) return done.error();
  return rules;
}

Result<void> VolunteerStore::SaveRules(const DutyRules& r) {
  return runner_.Transact("save duty rules", true, [&](sql::Session& s) -> Result<void> {
    auto changed = s.Exec(
        "INSERT INTO duty_rules (id, signup_days_ahead, cancel_until_hours, late_cancel_hours, "
        "no_show_after_minutes, pause_after_no_shows, no_show_window_days, pause_days) VALUES "
        "(1, $1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET signup_days_ahead = "
        "excluded.signup_days_ahead, cancel_until_hours = excluded.cancel_until_hours, "
        "late_cancel_hours = excluded.late_cancel_hours, no_show_after_minutes = "
        "excluded.no_show_after_minutes, pause_after_no_shows = excluded.pause_after_no_shows, "
        "no_show_window_days = excluded.no_show_window_days, pause_days = excluded.pause_days",
        {int64_t{r.signup_days_ahead}, int64_t{r.cancel_until_hours}, int64_t{r.late_cancel_hours},
         int64_t{r.no_show_after_minutes}, int64_t{r.pause_after_no_shows},
         int64_t{r.no_show_window_days}, int64_t{r.pause_days}});
    if (!changed) return changed.error();
    return Ok();
  });
}

}  // namespace yz
