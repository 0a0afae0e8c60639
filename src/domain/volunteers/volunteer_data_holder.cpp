#include "domain/volunteers/volunteer_data_holder.h"

namespace yz {

Result<PersonDataSection> VolunteerDataHolder::Collect(const Person& person) {
  PersonDataSection section{"volunteers", "志愿服务", {}};
  auto v = volunteers_.FindVolunteerByPerson(person.id);
  if (!v) return v.error();
  if (!*v) return section;
  std::string skills;
  for (VolunteerSkill s : (*v)->skills) {
    if (!skills.empty()) skills += "、";
    skills += VolunteerSkillLabel(s);
  }
  section.items.push_back({{"name", "姓名", (*v)->name},
                           {"region", "所在区域", (*v)->region},
                           {"skills", "技能", skills},
                           {"note", "备注", (*v)->note},
                           {"created_at", "登记时间", rights_.LocalText((*v)->created_at)}});
  auto held = volunteers_.VolunteerShifts((*v)->id, UtcTime{});
  if (!held) return held.error();
  for (const HeldShift& h : *held) {
    section.items.push_back(
        {{"station", "站点", h.shift.station_code},
         {"starts_at", "开始", rights_.LocalText(h.shift.starts_at)},
         {"ends_at", "结束", rights_.LocalText(h.shift.ends_at)},
         {"role", "岗位", h.shift.role},
         {"state", "状态", std::string(HoldStateLabel(h.hold.state))},
         {"arrived_at", "到岗", h.hold.arrived_at ? rights_.LocalText(*h.hold.arrived_at) : ""},
         {"departed_at", "离岗",
          h.hold.departed_at ? rights_.LocalText(*h.hold.departed_at) : ""}});
  }
  return section;
}

Result<void> VolunteerDataHolder::Erase(const Person& person) {
  auto v = volunteers_.FindVolunteerByPerson(person.id);
  if (!v) return v.error();
  if (!*v) return Ok();
  return volunteers_.EraseVolunteer((*v)->id);
}

}  // namespace yz
