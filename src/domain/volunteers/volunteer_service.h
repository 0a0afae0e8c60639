// The volunteers area's rules (issue 16), HTTP-free: the register and the roster imports, a
// volunteer's own sign-up, finding and taking shifts near them, cancelling under the city's rules,
// arrival by the station's QR code, departure and hours, reminders, the no-show sweep, and the
// private calendar feed. The clock, the messages and the auditor are injected. Thread-safe.
//
// Scope: a person acts only on their own volunteer record and holds; console accounts act on
// stations in their scope (a station outside → kNotFound, as if absent).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/geo.h"
#include "core/xlsx/xlsx_reader.h"
#include "domain/audit/auditor.h"
#include "domain/messages/message_service.h"
#include "domain/people/person.h"
#include "domain/stations/station_directory.h"
#include "domain/stations/station_file.h"
#include "domain/volunteers/duty_calendar.h"
#include "domain/volunteers/open_duty_index.h"
#include "domain/volunteers/volunteer_repository.h"

namespace yz {

struct VolunteerServiceConfig {
  TimeZone zone = TimeZone::Shanghai();
  std::string key;                            // the store's secret (calendar tokens)
  double arrival_radius_m = 300;              // a phone's position farther than this is refused
  std::chrono::minutes arrive_early{30};      // arrival may be recorded this long before the start
  std::chrono::hours near_me_window{24 * 7};  // "unfilled shifts in the next 7 days"
};

struct ImportOutcome {
  ImportCounts counts;
  std::vector<RowError> errors;  // non-empty: nothing was written
};

// What a person fills in to become a volunteer (or to change their details).
struct VolunteerForm {
  std::string name;
  std::string region;
  std::vector<VolunteerSkill> skills;
  std::string note;
  int consent_version = 0;  // of the volunteer_register purpose text, as shown
};

// A shift as a volunteer sees it at a station: free places, whether they hold it.
struct DutySlot {
  Shift shift;
  std::optional<ShiftHold> mine;
};

// A held shift with its station, for the volunteer's own list.
struct MyDuty {
  CalendarShift shift;
  int served_minutes = 0;
  bool can_cancel = false;  // before the city's cancel deadline
  bool on_now = false;      // arrival can be recorded now
  // The station manager's name and phone, for a live hold that has not ended (the volunteer may
  // need to call); empty otherwise — a volunteer sees no other manager's contact.
  std::string manager;
  std::string manager_phone;
};

// A place in a shift as the coordinator sees it: the volunteer's name and masked phone.
struct RosterPlace {
  ShiftHold hold;
  std::string name;
  std::string masked_phone;
  int served_minutes = 0;
};
struct RosterShift {
  Shift shift;
  std::vector<RosterPlace> places;
};

// A station's unfilled duty in a period, for the coordinator's region view.
struct StationGap {
  std::string station_code;
  std::string station_name;
  std::string region;
  int shifts = 0;       // shifts in the period
  int open_shifts = 0;  // of which still need people
  int free_places = 0;
  UtcTime first_gap;  // the start of the earliest shift that needs people
};

// Figures of service (issue 16 item 7): hours and 人次 (times served) per volunteer, station,
// region or month of a period.
enum class HoursGrouping { kVolunteer, kStation, kRegion, kMonth };
std::optional<HoursGrouping> ParseHoursGrouping(std::string_view code);

struct HoursLine {
  std::string key;           // volunteer id, station code, region code or "YYYY-MM"
  std::string label;         // the volunteer's name, the station's name, the region code, the month
  std::string masked_phone;  // by volunteer only
  int64_t minutes = 0;
  int times = 0;   // 人次: served holds
  int others = 0;  // distinct stations (by volunteer) or volunteers (otherwise)
};

// What a volunteer's certificate of service says.
struct ServiceSummary {
  std::string name;
  int64_t minutes = 0;
  int times = 0;
  std::optional<UtcTime> first;
  std::optional<UtcTime> last;
  std::vector<std::string> stations;  // names, most served first, at most 10
};

class VolunteerService {
 public:
  VolunteerService(VolunteerRepository& volunteers, PeopleRepository& people,
                   StationDirectory& stations, MessageService& messages, Auditor& auditor,
                   const Clock& clock, VolunteerServiceConfig config);

  // The imports of contract section 10, all or nothing; `actor` is recorded in the audit log
  // ("cli" from the command line). A roster row naming an unknown station or a phone that is no
  // imported volunteer is an error of its line.
  Result<ImportOutcome> ImportVolunteers(std::string_view bytes, SpreadsheetFormat format,
                                         std::string_view actor);
  Result<ImportOutcome> ImportRoster(std::string_view bytes, SpreadsheetFormat format,
                                     std::string_view actor);

  // The private calendar: the token of the volunteer with this phone (made on first use; a new
  // one with `rotate`, the old one then stops working). Unknown phone → kNotFound.
  Result<std::string> CalendarToken(std::string_view phone, bool rotate);
  // The same for the signed-in person's own volunteer record (the /v page). Not a volunteer →
  // kNotFound.
  Result<std::string> MyCalendarToken(int64_t person_id, bool rotate);
  // The feed of a token; nullopt for an unknown or rotated token.
  Result<std::optional<std::string>> CalendarFeed(std::string_view token);

  // The person's volunteer record, if they are one.
  Result<std::optional<Volunteer>> FindByPerson(int64_t person_id);
  // Signs the person up (or updates their details), recording consent to the current
  // volunteer_register text. Errors: invalid_argument (a field, a stale consent version).
  Result<Volunteer> SignUp(const Person& person, const VolunteerForm& form,
                           std::string_view address);

  // Stations with free places in the coming week nearest to `origin` (k in 1..100).
  std::vector<NearbyDuty> NearMe(const GeoPoint& origin, int k,
                                 std::shared_ptr<const OpenDutyIndex::Generation>& keep) const;
  // The station's shifts of the coming week (started ones still running included). Unknown or
  // closed station → kNotFound.
  Result<std::vector<DutySlot>> StationDuty(std::string_view station, int64_t person_id);
  // Takes a place; a shift less than a day ahead gets its reminder at once. Errors: not_found (no
  // volunteer record, no shift), conflict (full; started; beyond the sign-up horizon; paused after
  // no-shows; a shift at the same time already held). Taking a shift already held is not an error.
  Result<Shift> Take(int64_t person_id, int64_t shift_id, std::string_view address);
  // Gives a place back. Too close to the start → conflict (call the station); a late cancel
  // sends the station manager an SMS.
  Result<void> Cancel(int64_t person_id, int64_t shift_id, std::string_view address);
  // Arrival by scanning the station's QR: the volunteer's held shift at this station that is on
  // now (from `arrive_early` before its start to its end). A position farther than the radius →
  // invalid_argument; no such shift → not_found. Arriving twice is not an error.
  Result<HeldShift> ArriveByQr(int64_t person_id, std::string_view station,
                               const std::optional<GeoPoint>& position, std::string_view address);
  Result<HeldShift> Depart(int64_t person_id, int64_t shift_id, std::string_view address);
  // The volunteer's shifts that ended at most 30 days ago, and later ones.
  Result<std::vector<MyDuty>> MyShifts(int64_t person_id);

  // The coordinator: a station's shifts in [from, from + days) with who holds them.
  Result<std::vector<RosterShift>> StationRoster(const Caller& who, std::string_view station,
                                                 UtcTime from, int days);
  // The region's gaps: per station the caller reaches whose region starts with `region` ("" =
  // every region), its shifts in [from, from + days) that still need people, most free places
  // first; at most 500 stations.
  Result<std::vector<StationGap>> RegionGaps(const Caller& who, std::string_view region,
                                             UtcTime from, int days);
  Result<Shift> AddShift(const Caller& who, const Shift& shift);
  // Hours and 人次 of shifts that started on the local days first..last (at most 366 days) at
  // stations the caller reaches in `region` ("" = all), grouped; most minutes first.
  Result<std::vector<HoursLine>> ServiceHours(const Caller& who, std::string_view region,
                                              Date first, Date last, HoursGrouping by);
  // The person's own service, all time (their certificate).
  Result<ServiceSummary> MyService(int64_t person_id);
  // A manager confirms an arrival by hand (the phone had no signal, the QR was torn).
  Result<void> ConfirmArrival(const Caller& who, int64_t shift_id, int64_t volunteer_id);
  // The register for union staff: volunteers whose region starts with `region` and lies in the
  // caller's scope (a volunteer without a region: city administrators only), by id after
  // `after`, at most `limit` (1..500).
  Result<std::vector<Volunteer>> Register(const Caller& who, std::string_view region, int64_t after,
                                          int limit);
  // Union staff approve (or withdraw approval of) skills that need it; only declared skills can
  // be approved. Audited.
  Result<Volunteer> ApproveSkills(const Caller& who, int64_t volunteer_id,
                                  const std::vector<VolunteerSkill>& approved);
  // Recurring duty: a template is checked, stored and at once makes its shifts up to the sign-up
  // horizon. A station outside the caller's scope → kNotFound.
  Result<DutyTemplate> SaveTemplate(const Caller& who, const DutyTemplate& t);
  Result<std::vector<DutyTemplate>> Templates(const Caller& who, std::string_view station);
  Result<void> DeactivateTemplate(const Caller& who, int64_t id);
  // Makes the shifts of every active template for the local days from `first` for `days` days
  // (those that exist are left alone); how many were made. The daily job calls it for the
  // sign-up horizon.
  Result<int64_t> GenerateShifts(Date first, int days);
  Result<DutyRules> Rules();
  Result<void> SaveRules(const Caller& who, const DutyRules& rules);

  // Timed work. Marks no-shows (holds without arrival `no_show_after_minutes` after the start,
  // over the last two days) and pauses volunteers past the limit; how many marked.
  Result<int> SweepNoShows();
  // Reminders the day before (starts within 24 hours) and an hour before; how many sent. SMS to
  // those who agreed to SMS notices, a notice on their page to the others.
  Result<int> SendReminders();
  // Rebuilds the near-me index from the store and the current registry.
  Result<void> RefreshOpenDuty();

 private:
  Result<Volunteer> RequireVolunteer(int64_t person_id);
  // The person's volunteer record, the shift and the city's rules: what taking and cancelling
  // start from (not a volunteer, no such shift → kNotFound).
  struct ShiftContext {
    Volunteer volunteer;
    Shift shift;
    DutyRules rules;
  };
  Result<ShiftContext> LoadForShift(int64_t person_id, int64_t shift_id);
  // Sends reminder `step` (1: the day before, 2: the hour before) of a live hold; true when a
  // new message was queued (false: it had gone out already).
  Result<bool> Remind(const HeldShift& held, int step, const StationCatalog& catalog);
  std::string CalendarTokenOf(int64_t volunteer_id, int generation) const;
  Result<std::string> TokenFor(const Volunteer& v, bool rotate, std::string_view actor,
                               std::string_view role);
  std::string CalendarKeyOf(std::string_view token) const;
  CalendarShift WithStation(const HeldShift& held, const StationCatalog& catalog) const;
  std::string LocalText(UtcTime t) const;  // "12月8日 07:00"
  void NotifyStation(const Shift& shift, std::string_view template_name,
                     std::vector<std::string> params, std::string_view object);

  VolunteerRepository& volunteers_;
  PeopleRepository& people_;
  StationDirectory& stations_;
  MessageService& messages_;
  Auditor& auditor_;
  const Clock& clock_;
  const VolunteerServiceConfig config_;
  OpenDutyIndex open_duty_;
};

// The actor of a person in the audit log is PersonActor (sign_in_service.h).

}  // namespace yz
