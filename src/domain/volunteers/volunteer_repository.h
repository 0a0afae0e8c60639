// Where volunteers, shifts and holds are kept. One implementation serves both stores
// (storage/volunteer_store.h) and passes tests/storage/volunteer_conformance_test.cpp on each.
// Thread-safe; a failing call changes nothing and returns an Error (kUnavailable, kInternal, or
// the kind named below).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/volunteers/duty_template.h"
#include "domain/volunteers/volunteer.h"

namespace yz {

// One row of the volunteer register (contract section 10), valid.
struct VolunteerRow {
  int line = 0;
  std::string phone;  // 11 digits
  std::string name;
  std::string region;
  std::vector<VolunteerSkill> skills;
  std::string note;
};

// One row of a duty roster, valid, its volunteers found (ids of imported volunteers).
struct ShiftRow {
  int line = 0;
  std::string station_code;
  std::string region;  // the station's
  UtcTime starts_at;
  UtcTime ends_at;
  std::string role;
  int needed = 1;
  std::vector<int64_t> volunteer_ids;  // at most `needed`
  int64_t template_id = 0;             // the duty template that made it; 0: none
};

struct ImportCounts {
  int created = 0;
  int updated = 0;
};

enum class TakeOutcome { kTaken, kAlreadyHeld, kFull, kNoSuchShift };

// A station's free places in shifts that start within a window: "near me" and the week view.
struct StationOpenPlaces {
  std::string station_code;
  int shifts = 0;  // shifts with a free place
  int places = 0;  // free places in them
  UtcTime first_start;
};

// One served hold: who, where, when the shift began, and the minutes counted (ServedMinutes).
struct ServiceRecord {
  int64_t volunteer_id = 0;
  std::string volunteer_name;
  std::string station_code;
  std::string region;
  UtcTime starts_at;
  int minutes = 0;
};

class VolunteerRepository {
 public:
  virtual ~VolunteerRepository() = default;

  // Volunteers. The phone is the person's (found through the people table's blind index).
  virtual Result<std::optional<Volunteer>> FindVolunteer(int64_t id) = 0;
  virtual Result<std::optional<Volunteer>> FindVolunteerByPerson(int64_t person_id) = 0;
  virtual Result<std::optional<Volunteer>> FindVolunteerByPhone(std::string_view phone) = 0;
  virtual Result<std::optional<Volunteer>> FindVolunteerByCalendarKey(std::string_view key) = 0;
  // Inserts (id 0; the person must exist; a person already a volunteer → kConflict) or
  // updates name, region, skills, approved skills, note and pause (unknown id → kNotFound).
  // Returns the volunteer as stored.
  virtual Result<Volunteer> SaveVolunteer(const Volunteer& volunteer) = 0;
  // Sets the calendar key and generation (unknown id → kNotFound).
  virtual Result<void> SetCalendarKey(int64_t volunteer_id, std::string_view key,
                                      int generation) = 0;
  // Deletes the volunteer and their holds (live places become free again). Unknown id → not an
  // error (a deletion interrupted half-way is run again).
  virtual Result<void> EraseVolunteer(int64_t volunteer_id) = 0;
  // Volunteers whose region starts with `region_prefix` ("" = all), by id after `after_id`.
  virtual Result<std::vector<Volunteer>> ListVolunteers(std::string_view region_prefix,
                                                        int64_t after_id, int limit) = 0;
  // The register: insert or update by phone, adding the person of a new phone; all or nothing.
  // A row whose values equal the stored ones still counts as updated.
  virtual Result<ImportCounts> ImportVolunteers(const std::vector<VolunteerRow>& rows,
                                                UtcTime now) = 0;

  // Shifts. AddShift: a shift with the same station, start and role → kConflict.
  virtual Result<Shift> AddShift(const Shift& shift, std::string_view region, UtcTime now) = 0;
  virtual Result<std::optional<Shift>> FindShift(int64_t id) = 0;
  // A station's shifts starting in [from, to), by start then role.
  virtual Result<std::vector<Shift>> StationShifts(std::string_view station, UtcTime from,
                                                   UtcTime to) = 0;
  // The shifts of stations whose region starts with `region_prefix`, starting in [from, to), by
  // station, start, role; at most `limit`.
  virtual Result<std::vector<Shift>> RegionShifts(std::string_view region_prefix, UtcTime from,
                                                  UtcTime to, int limit) = 0;
  // Per station, the shifts with a free place starting in [from, to).
  virtual Result<std::vector<StationOpenPlaces>> OpenPlaces(UtcTime from, UtcTime to) = 0;
  // The roster: insert or update by (station, start, role); the row's volunteers replace the
  // shift's live holds (others cancelled at `now`, new ones taken at `now`). All or nothing.
  virtual Result<ImportCounts> ImportShifts(const std::vector<ShiftRow>& rows, UtcTime now) = 0;

  // Holds. TakeShift is atomic: two volunteers racing for the last place get one kTaken and one
  // kFull. A cancelled hold taken again becomes live again (its arrival cleared).
  virtual Result<TakeOutcome> TakeShift(int64_t shift_id, int64_t volunteer_id, UtcTime now) = 0;
  // Cancels a live hold; false when there was none.
  virtual Result<bool> CancelHold(int64_t shift_id, int64_t volunteer_id, UtcTime now) = 0;
  virtual Result<std::optional<ShiftHold>> FindHold(int64_t shift_id, int64_t volunteer_id) = 0;
  // The live holds of a shift (arrived or not), by taking time.
  virtual Result<std::vector<ShiftHold>> ShiftHolds(int64_t shift_id) = 0;
  // The volunteer's holds in every state whose shift ends after `ends_after`, by start.
  virtual Result<std::vector<HeldShift>> VolunteerShifts(int64_t volunteer_id,
                                                         UtcTime ends_after) = 0;
  // Records arrival (if none yet) or departure (if arrived and not yet departed) of a live hold;
  // false when the hold is not live or the step was already recorded.
  virtual Result<bool> RecordArrival(int64_t shift_id, int64_t volunteer_id, UtcTime at,
                                     std::string_view by) = 0;
  virtual Result<bool> RecordDeparture(int64_t shift_id, int64_t volunteer_id, UtcTime at) = 0;
  // Live holds without arrival of shifts that started in [from, to): the no-show sweep's work.
  virtual Result<std::vector<HeldShift>> UnarrivedHolds(UtcTime from, UtcTime to) = 0;
  // Marks a live hold without arrival a no-show (frees its place); false when it no longer is one.
  virtual Result<bool> MarkNoShow(int64_t shift_id, int64_t volunteer_id) = 0;
  virtual Result<int> CountNoShows(int64_t volunteer_id, UtcTime since) = 0;
  // Live holds of shifts starting in [from, to) whose reminder `step` (1, 2) has not gone out;
  // MarkReminded records that it did.
  virtual Result<std::vector<HeldShift>> HoldsToRemind(UtcTime from, UtcTime to, int step) = 0;
  virtual Result<void> MarkReminded(int64_t shift_id, int64_t volunteer_id, int step) = 0;

  // Duty templates. SaveTemplate inserts (id 0) or updates one (unknown id → kNotFound) and
  // returns its id; DeactivateTemplate stops it making shifts (the ones made stay).
  virtual Result<int64_t> SaveTemplate(const DutyTemplate& t, std::string_view region,
                                       UtcTime now) = 0;
  virtual Result<std::optional<DutyTemplate>> FindTemplate(int64_t id) = 0;
  // Active templates of one station ("" = of every station), by station then id.
  virtual Result<std::vector<DutyTemplate>> ActiveTemplates(std::string_view station) = 0;
  virtual Result<void> DeactivateTemplate(int64_t id) = 0;
  // Inserts the shifts that do not exist yet (same station, start and role: left alone), with
  // their region and template; all or nothing; how many were inserted. Made for large batches.
  virtual Result<int64_t> AddShiftsIfAbsent(const std::vector<ShiftRow>& rows, UtcTime now) = 0;

  // Served holds (arrived, and departed or their shift over at `now`) of shifts that started in
  // [from, to) at stations whose region starts with `region_prefix`; one volunteer's only when
  // `volunteer_id` is not 0. By start.
  virtual Result<std::vector<ServiceRecord>> ServiceRecords(std::string_view region_prefix,
                                                            UtcTime from, UtcTime to, UtcTime now,
                                                            int64_t volunteer_id) = 0;

  // The city's rules.
  virtual Result<DutyRules> Rules() = 0;
  virtual Result<void> SaveRules(const DutyRules& rules) = 0;
};

}  // namespace yz
