// Volunteers on duty at stations (issue 16, contract section 10): the volunteers themselves, the
// shifts of a station and who holds them, with their Chinese labels.
//
// A volunteer is a person (domain/people) who signs in by phone; their phone lives, sealed, with
// the person. A shift is a span of duty at one station with a role and the number of people it
// needs; a volunteer holds a place in it (a ShiftHold) from taking it until they cancel, and the
// hold records arrival, departure and the minutes served. Instants are UTC; "local" is the
// configured station time zone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/local_time.h"

namespace yz {

// The skills of contract section 10, in code order.
enum class VolunteerSkill {
  kFirstAid,
  kLegal,
  kMedical,
  kModelWorker,
  kPartyMember,
  kCommunityCadre,
  kOther,
};
inline constexpr int kVolunteerSkillCount = 7;

std::string_view VolunteerSkillCode(VolunteerSkill skill);
std::optional<VolunteerSkill> ParseVolunteerSkill(std::string_view code);
std::string_view VolunteerSkillLabel(VolunteerSkill skill);  // "急救", "劳模", …
// Skills that union staff approve before they count (first aid, legal, medical): a volunteer's
// own word is not enough for a duty that needs them.
bool SkillNeedsApproval(VolunteerSkill skill);

struct Volunteer {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string phone;                   // clear in memory only (the person's, sealed at rest)
  std::string name;                    // 1..50 characters
  std::string region;                  // a region code, or ""
  std::vector<VolunteerSkill> skills;  // declared, each once, in enum order
  std::vector<VolunteerSkill> approved_skills;  // the subset union staff approved
  std::string note;                             // up to 200 characters
  // Taking new shifts is paused until this instant (after repeated no-shows); nullopt: not paused.
  std::optional<UtcTime> paused_until;
  // The private calendar feed: the keyed hash of the current token, and how many tokens were made
  // (the token is derived from the volunteer id and this generation, so it can be shown again).
  std::string calendar_key;
  int calendar_generation = 0;
  UtcTime created_at;
  UtcTime updated_at;
  friend bool operator==(const Volunteer&, const Volunteer&) = default;
};

struct Shift {
  int64_t id = 0;
  std::string station_code;
  UtcTime starts_at;
  UtcTime ends_at;            // after starts_at, at most 24 hours later
  std::string role = "值班";  // 1..20 characters
  int needed = 1;             // 1..20
  int held = 0;               // places taken now (holds not cancelled), read with the shift
  friend bool operator==(const Shift&, const Shift&) = default;
};

enum class HoldState {
  kHeld,       // taken, not yet served or still going
  kCancelled,  // given back by the volunteer (or removed by the roster)
  kNoShow,     // nobody arrived 30 minutes after the start
};
std::string_view HoldStateCode(HoldState state);
std::optional<HoldState> ParseHoldState(std::string_view code);
std::string_view HoldStateLabel(HoldState state);  // "已报名", "已取消", "缺勤"

struct ShiftHold {
  int64_t shift_id = 0;
  int64_t volunteer_id = 0;
  HoldState state = HoldState::kHeld;
  UtcTime taken_at;
  std::optional<UtcTime> cancelled_at;
  std::optional<UtcTime> arrived_at;
  std::optional<UtcTime> departed_at;
  std::string arrival_by;  // "qr" (the plaque scanned), or the account that confirmed by hand
  friend bool operator==(const ShiftHold&, const ShiftHold&) = default;
};

// A shift as one volunteer holds it: for their list, their calendar and their figures.
struct HeldShift {
  Shift shift;
  ShiftHold hold;
};

// Minutes served on a hold: from arrival to departure, clipped to the shift; a hold with an
// arrival and no departure counts up to the shift's end once that has passed. 0 without arrival.
int ServedMinutes(const Shift& shift, const ShiftHold& hold, UtcTime now);

// The city's rules of duty (issue 16 item 4).
struct DutyRules {
  int signup_days_ahead = 30;      // a shift may be taken at most this many days before it starts
  int cancel_until_hours = 2;      // no cancelling on the phone later than this before the start
  int late_cancel_hours = 24;      // cancelling later than this before the start alerts the manager
  int no_show_after_minutes = 30;  // nobody arrived this long after the start: a no-show
  int pause_after_no_shows = 3;    // this many no-shows within `no_show_window_days` …
  int no_show_window_days = 90;
  int pause_days = 30;  // … pause taking shifts this long
  friend bool operator==(const DutyRules&, const DutyRules&) = default;
};

}  // namespace yz
