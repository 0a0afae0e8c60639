#include "domain/volunteers/volunteer.h"

#include <algorithm>
#include <array>

namespace yz {
namespace {

struct SkillInfo {
  VolunteerSkill skill;
  std::string_view code;
  std::string_view label;
  bool needs_approval;
};

constexpr std::array<SkillInfo, kVolunteerSkillCount> kSkills{{
    {VolunteerSkill::kFirstAid, "first_aid", "急救", true},
    {VolunteerSkill::kLegal, "legal", "法律", true},
    {VolunteerSkill::kMedical, "medical", "医护", true},
    {VolunteerSkill::kModelWorker, "model_worker", "劳模", false},
    {VolunteerSkill::kPartyMember, "party_member", "党员", false},
    {VolunteerSkill::kCommunityCadre, "community_cadre", "社区干部", false},
    {VolunteerSkill::kOther, "other", "其他", false},
}};

const SkillInfo& InfoOf(VolunteerSkill skill) { return kSkills[static_cast<int>(skill)]; }

}  // namespace

std::string_view VolunteerSkillCode(VolunteerSkill skill) { return InfoOf(skill).code; }
std::string_view VolunteerSkillLabel(VolunteerSkill skill) { return InfoOf(skill).label; }
bool SkillNeedsApproval(VolunteerSkill skill) { return InfoOf(skill).needs_approval; }

std::optional<VolunteerSkill> ParseVolunteerSkill(std::string_view code) {
  for (const SkillInfo& info : kSkills) {
    if (info.code == code) return info.skill;
  }
  return std::nullopt;
}

std::string_view HoldStateCode(HoldState state) {
  switch (state) {
    case HoldState::kHeld:
      return "held";
    case HoldState::kCancelled:
      return "cancelled";
    case HoldState::kNoShow:
      return "no_show";
  }
  return "held";
}

std::optional<HoldState> ParseHoldState(std::string_view code) {
  for (HoldState s : {HoldState::kHeld, HoldState::kCancelled, HoldState::kNoShow}) {
    if (HoldStateCode(s) == code) return s;
  }
  return std::nullopt;
}

std::string_view HoldStateLabel(HoldState state) {
  switch (state) {
    case HoldState::kHeld:
      return "已报名";
    case HoldState::kCancelled:
      return "已取消";
    case HoldState::kNoShow:
      return "缺勤";
  }
  return "已报名";
}

int ServedMinutes(const Shift& shift, const ShiftHold& hold, UtcTime now) {
  if (hold.state != HoldState::kHeld || !hold.arrived_at) return 0;
  // Counted from the start at the earliest (coming early is welcome, not paid in hours) …
  const UtcTime from = std::max(*hold.arrived_at, shift.starts_at);
  // … to the departure, or the shift's end once it has passed; never beyond the end.
  UtcTime to = hold.departed_at ? *hold.departed_at : std::min(now, shift.ends_at);
  if (!hold.departed_at && now < shift.ends_at) return 0;  // still on duty: counted at the end
  to = std::min(to, shift.ends_at);
  if (to <= from) return 0;
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(to - from).count());
}

}  // namespace yz
