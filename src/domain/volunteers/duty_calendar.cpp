#include "domain/volunteers/duty_calendar.h"

#include <fmt/format.h>

namespace yz {
namespace {

std::string UtcStamp(UtcTime t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{floor<seconds>(t - day)};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

// Bytes of the UTF-8 character starting with `lead`.
std::size_t CharLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace

std::string EscapeCalendarText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
      // other control characters are not allowed in TEXT: dropped
    } else {
      out += c;
    }
  }
  return out;
}

std::string FoldCalendarLine(std::string_view line) {
  std::string out;
  std::size_t used = 0;  // octets on the current physical line
  std::size_t limit = 75;
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t n =
        std::min(CharLength(static_cast<unsigned char>(line[i])), line.size() - i);
    if (used + n > limit) {
      out += "\r\n ";
      used = 0;
      limit = 74;  // the leading space counts
    }
    out.append(line.substr(i, n));
    used += n;
    i += n;
  }
  out += "\r\n";
  return out;
}

std::string RenderDutyCalendar(std::span<const CalendarShift> shifts, UtcTime now) {
  std::string out;
  const auto line = [&out](std::string_view text) { out += FoldCalendarLine(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//Yizhan//Volunteer duty//ZH");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:职工驿站 志愿值班");
  line("X-WR-TIMEZONE:Asia/Shanghai");
  const std::string stamp = UtcStamp(now);
  for (const CalendarShift& c : shifts) {
    const Shift& s = c.held.shift;
    const ShiftHold& h = c.held.hold;
    const bool live = h.state == HoldState::kHeld;
    const std::string place = c.station_name.empty() ? s.station_code : c.station_name;
    line("BEGIN:VEVENT");
    line(fmt::format("UID:shift-{}-volunteer-{}@yizhan", s.id, h.volunteer_id));
    line("DTSTAMP:" + stamp);
    line("DTSTART:" + UtcStamp(s.starts_at));
    line("DTEND:" + UtcStamp(s.ends_at));
    line("SUMMARY:" + EscapeCalendarText(fmt::format("驿站志愿{}：{}", s.role, place)));
    line("LOCATION:" + EscapeCalendarText(c.station_address.empty()
                                              ? place
                                              : fmt::format("{}，{}", place, c.station_address)));
    if (c.location) {
      line(fmt::format("GEO:{:.6f};{:.6f}", c.location->lat.degrees(), c.location->lng.degrees()));
    }
    line("DESCRIPTION:" + EscapeCalendarText(fmt::format(
                              "{}（站点编码 {}）。{}", HoldStateLabel(h.state), s.station_code,
                              live ? "到岗后请扫描站点二维码签到。" : "此班次已不再由您值守。")));
    line(live ? "STATUS:CONFIRMED" : "STATUS:CANCELLED");
    line(live ? "SEQUENCE:0" : "SEQUENCE:1");
    if (live) {
      line("BEGIN:VALARM");
      line("ACTION:DISPLAY");
      line("TRIGGER:-PT1H");
      line("DESCRIPTION:" + EscapeCalendarText(fmt::format("一小时后在{}值班", place)));
      line("END:VALARM");
    }
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace yz
