// GET /station/{code}: the station page a worker opens from the nearby list. Everything a worker
// needs to decide and to get there is in the HTML as served (works before and without scripts):
// photos, the 十个一 checklist, other amenities and services, opening hours in words with today
// marked, the masked phone, navigation links for Amap, Baidu and Tencent maps in each map's own
// coordinate system, and the way to the check-in page. /assets/station.js adds the
// report-a-problem flow and the language switch.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bitset>

#include "api/api_response.h"
#include "api/pages/page_layout.h"
#include "api/photo_files.h"
#include "api/public/public_api.h"
#include "core/crs.h"
#include "core/html.h"

namespace yz {
namespace {

constexpr std::array<std::string_view, 7> kWeekdayZh{"周一", "周二", "周三", "周四",
                                                     "周五", "周六", "周日"};
constexpr std::array<std::string_view, 7> kWeekdayEn{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                     "Friday", "Saturday", "Sunday"};

// RFC 3986 percent-encoding of everything but the unreserved characters: safe in any query value.
std::string PercentEncode(std::string_view text) {
  std::string out;
  for (const unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string Clock(int minute) { return fmt::format("{:02}:{:02}", minute / 60, minute % 60); }

// "08:30–12:00、13:30–17:30" for one day's open minutes; "" when closed all day.
std::string DaySpans(const std::bitset<1440>& open) {
  std::string spans;
  for (int m = 0; m < 1440;) {
    if (!open[m]) {
      ++m;
      continue;
    }
    const int start = m;
    while (m < 1440 && open[m]) ++m;
    if (!spans.empty()) spans += ", ";
    spans += Clock(start) + "–" + (m == 1440 ? std::string("24:00") : Clock(m));
  }
  return spans;
}

// When the current state ends: " · 开到 17:30" while open, " · 明天 08:00 开门" while closed;
// "" when nothing changes within a week.
std::string NextChange(const OpeningHours& hours, const LocalTime& now, bool open) {
  for (int k = 1; k <= 7 * 1440; ++k) {
    const int minute = now.minute_of_day + k;
    const int days = minute / 1440;
    const int weekday = (now.weekday + days) % 7;
    if (hours.OpenMinutes(weekday)[minute % 1440] == open) continue;
    const std::string at = Clock(minute % 1440);
    const std::string day_zh = days == 0   ? "今天 "
                               : days == 1 ? "明天 "
                                           : std::string(kWeekdayZh[weekday]) + " ";
    const std::string day_en = days == 0   ? ""
                               : days == 1 ? "tomorrow "
                                           : std::string(kWeekdayEn[weekday]) + " ";
    if (open) {
      return Bilingual(fmt::format(" · 开到 {}{}", days == 0 ? "" : day_zh, at),
                       fmt::format(" · until {}{}", day_en, at));
    }
    return Bilingual(fmt::format(" · {}{} 开门", day_zh, at),
                     fmt::format(" · opens {}{}", day_en, at));
  }
  return "";
}

std::string OpeningHoursSection(const Station& s, int today) {
  std::string html = "<section class=\"hours\"><h2>" + Icon("clock") +
                     Bilingual("开放时间", "Opening hours") + "</h2>";
  if (s.opening_hours.unknown()) {
    return html + "<p>" +
           Bilingual("开放时间未知，去之前最好先问一问。", "Opening hours unknown.") +
           "</p></section>";
  }
  bool always = true;
  for (int d = 0; d < 7; ++d) always = always && s.opening_hours.OpenMinutes(d).all();
  if (always) {
    return html + "<p class=\"always\">" +
           Bilingual("全天 24 小时开放，每天都开", "Open 24 hours, every day") + "</p></section>";
  }
  html += "<ul class=\"week\">";
  for (int d = 0; d < 7; ++d) {
    const std::string spans = DaySpans(s.opening_hours.OpenMinutes(d));
    const bool is_today = d == today;
    html += fmt::format(
        "<li{}><span class=\"day\">{}{}</span><span class=\"spans\">{}</span></li>",
        is_today ? " class=\"today\" aria-current=\"date\"" : "",
        Bilingual(kWeekdayZh[d], kWeekdayEn[d]),
        is_today ? "<b class=\"today-mark\">" + Bilingual("今天", "today") + "</b>" : "",
        spans.empty() ? Bilingual("不开放", "closed") : spans);
  }
  return html + "</ul></section>";
}

// One row of a checklist: the amenity, its icon and its state in words. `reported`: a worker
// reported it and its ticket is still open (已报修), whatever the registry says.
std::string ChecklistRow(Amenity a, std::optional<AmenityState> state, bool reported,
                         bool needs_restock = false) {
  if (needs_restock && !reported) {
    return fmt::format(
        "<li class=\"broken restock\" data-amenity=\"{}\">{}<span class=\"name\">{}</span><span "
        "class=\"state\">{}</span></li>",
        AmenityCode(a), Icon(AmenityIcon(a)), Bilingual(AmenityLabel(a), AmenityLabelEn(a)),
        Icon("warn") + Bilingual("药品过期，待补充", "medicine expired, restocking"));
  }
  if (reported && state) {
    return fmt::format(
        "<li class=\"broken reported\" data-amenity=\"{}\">{}<span class=\"name\">{}</span><span "
        "class=\"state\">{}</span></li>",
        AmenityCode(a), Icon(AmenityIcon(a)), Bilingual(AmenityLabel(a), AmenityLabelEn(a)),
        Icon("warn") + Bilingual("已报修", "reported, being fixed"));
  }
  const char* css = !state                             ? "missing"
                    : *state == AmenityState::kWorking ? "working"
                    : *state == AmenityState::kBroken  ? "broken"
                                                       : "missing";
  const char* mark = !state || *state == AmenityState::kMissing ? "cross"
                     : *state == AmenityState::kWorking         ? "check"
                                                                : "warn";
  const std::string word = !state                             ? Bilingual("没有", "not here")
                           : *state == AmenityState::kWorking ? Bilingual("能用", "working")
                           : *state == AmenityState::kBroken  ? Bilingual("坏了", "broken")
                                                              : Bilingual("缺了", "missing");
  return fmt::format(
      "<li class=\"{}\" data-amenity=\"{}\">{}<span class=\"name\">{}</span><span "
      "class=\"state\">{}</span></li>",
      css, AmenityCode(a), Icon(AmenityIcon(a)), Bilingual(AmenityLabel(a), AmenityLabelEn(a)),
      Icon(mark) + word);
}

std::string AmenitySections(const Station& s, const std::vector<Amenity>& reported,
                            bool kit_needs_restock) {
  const auto is_reported = [&](Amenity a) {
    return std::find(reported.begin(), reported.end(), a) != reported.end();
  };
  // The contract's default 十个一: the public API has no access to a city's own standard list.
  const auto standard = DefaultStandardAmenities();
  std::string html = "<section class=\"standard\"><h2>" + Icon("check") +
                     Bilingual("“十个一”标准设施", "The ten standard facilities") +
                     "</h2><ul class=\"checklist\">";
  int present = 0;
  for (const Amenity a : standard) {
    const auto state = s.AmenityStateOf(a);
    const bool restock = kit_needs_restock && a == Amenity::kFirstAid;
    present += state && *state == AmenityState::kWorking && !is_reported(a) && !restock;
    html += ChecklistRow(a, state, is_reported(a), restock);
  }
  html += fmt::format("</ul><p class=\"hint\">{}</p></section>",
                      Bilingual(fmt::format("{} 项能用，共 {} 项", present, standard.size()),
                                fmt::format("{} of {} working", present, standard.size())));
  std::string others;
  for (const auto& a : s.amenities) {
    if (std::find(standard.begin(), standard.end(), a.amenity) != standard.end()) continue;
    others += ChecklistRow(a.amenity, a.state, is_reported(a.amenity));
  }
  if (!others.empty()) {
    html += "<section class=\"extras\"><h2>" + Icon("plus") +
            Bilingual("其他设施", "More facilities") + "</h2><ul class=\"checklist\">" + others +
            "</ul></section>";
  }
  if (!s.services.empty()) {
    html += "<section class=\"services\"><h2>" + Icon("heart") + Bilingual("服务", "Services") +
            "</h2><ul class=\"chips\">";
    for (const Service sv : s.services)
      html += "<li>" + Bilingual(ServiceLabel(sv), ServiceLabelEn(sv)) + "</li>";
    html += "</ul></section>";
  }
  return html;
}

std::string NavigationSection(const Station& s) {
  // Amap and Tencent maps take GCJ-02, Baidu maps BD-09 (stated with coord_type).
  const GeoPoint gcj = FromWgs84(s.location, Crs::kGcj02);
  const GeoPoint bd = FromWgs84(s.location, Crs::kBd09);
  const std::string name = PercentEncode(s.name);
  const std::string address = PercentEncode(s.address.empty() ? s.name : s.address);
  const std::string amap = fmt::format(
      "https://uri.amap.com/"
      "navigation?to={:.6f},{:.6f},{}&mode=walk&coordinate=gaode&callnative=1&src=yizhan",
      gcj.lng.degrees(), gcj.lat.degrees(), name);
  const std::string baidu = fmt::format(
      "https://api.map.baidu.com/"
      "marker?location={:.6f},{:.6f}&title={}&content={}&coord_type=bd09ll&output=html&src=yizhan",
      bd.lat.degrees(), bd.lng.degrees(), name, address);
  const std::string tencent = fmt::format(
      "https://apis.map.qq.com/uri/v1/"
      "routeplan?type=walk&fromcoord=CurrentLocation&to={}&tocoord={:.6f},{:.6f}&referer=yizhan",
      name, gcj.lat.degrees(), gcj.lng.degrees());
  return fmt::format(
      "<section class=\"navigate\"><h2>{}{}</h2><div class=\"nav-buttons\">"
      "<a class=\"button nav amap\" id=\"nav-amap\" href=\"{}\" rel=\"noopener\">{}</a>"
      "<a class=\"button nav baidu\" id=\"nav-baidu\" href=\"{}\" rel=\"noopener\">{}</a>"
      "<a class=\"button nav tencent\" id=\"nav-tencent\" href=\"{}\" "
      "rel=\"noopener\">{}</a></div></section>",
      Icon("nav"), Bilingual("导航去这里", "Navigate here"), EscapeHtml(amap),
      Bilingual("高德地图", "Amap"), EscapeHtml(baidu), Bilingual("百度地图", "Baidu"),
      EscapeHtml(tencent), Bilingual("腾讯地图", "Tencent"));
}

std::string PhotoSection(const Station& s) {
  if (s.photos.empty()) return "";
  std::string html = "<section class=\"photos\"><div class=\"photo-strip\">";
  for (std::size_t i = 0; i < s.photos.size(); ++i) {
    const std::string& caption = s.photos[i].caption;
    html += fmt::format(
        "<figure><img src=\"/media/stations/{}/photos/{}\" alt=\"{}\" loading=\"lazy\" "
        "width=\"320\" height=\"240\">{}</figure>",
        EscapeHtml(s.code), EscapeHtml(PhotoFileName(s.photos[i])),
        EscapeHtml(caption.empty() ? s.name : caption),
        caption.empty() ? "" : "<figcaption>" + EscapeHtml(caption) + "</figcaption>");
  }
  return html + "</div></section>";
}

// The station's public service line, when it has one, in full with a button that dials it. The
// manager's own mobile is personal data and never appears on a public page, not even masked
// (issue 21). The union's national workers' hotline 12351 is public and answers for every station.
std::string ContactSection(const Station& s) {
  std::string html =
      "<section class=\"contact\"><h2>" + Icon("phone") + Bilingual("联系", "Contact") + "</h2>";
  if (!s.service_phone.empty()) {
    html += fmt::format(
        "<p>{}<span class=\"service-phone\">{}</span></p>"
        "<a class=\"button call\" id=\"call-station\" href=\"tel:{}\">{}{}</a>",
        Bilingual("站点服务电话：", "Station service line: "), EscapeHtml(s.service_phone),
        EscapeHtml(DialablePhone(s.service_phone)), Icon("phone"),
        Bilingual("拨打站点电话", "Call the station"));
  }
  html += "<a class=\"button call\" href=\"tel:12351\">" + Icon("phone") +
          Bilingual("拨打职工服务热线 12351", "Call the workers' hotline 12351") + "</a></section>";
  return html;
}

// For a station that is not open: the nearest open ones, so a worker who came for it is not left
// standing there (issue 21).
std::string NearestOpenSection(const StationCatalog& catalog, const Station& s) {
  SearchQuery q;
  q.origin = s.location;
  q.limit = 3;
  q.radius_m = 20'000;
  auto hits = catalog.Nearest(q);
  std::string html = "<section class=\"nearest-open\" id=\"nearest-open\"><h2>" + Icon("pin") +
                     Bilingual("附近开放的驿站", "Open stations nearby") + "</h2>";
  if (!hits || hits->empty()) {
    return html + "<p><a class=\"button wide\" href=\"/\">" +
           Bilingual("查找附近驿站", "Find nearby stations") + "</a></p></section>";
  }
  html += "<ul class=\"nearest-list\">";
  for (const StationHit& hit : *hits) {
    const double m = hit.distance_m;
    const std::string distance =
        m < 1000 ? fmt::format("{:.0f} 米", m) : fmt::format("{:.1f} 公里", m / 1000);
    html += fmt::format(
        "<li><a class=\"button wide\" href=\"/station/{}\">{}<span "
        "class=\"far\">{}</span></a></li>",
        EscapeHtml(hit.station->code), EscapeHtml(hit.station->name), distance);
  }
  return html + "</ul></section>";
}

// The report-a-problem flow; /assets/station.js drives it (it needs the JSON API).
std::string ReportSection(const Station& s) {
  std::string facilities;
  for (const auto& a : s.amenities) {
    facilities += fmt::format(
        "<button type=\"button\" class=\"choice\" data-amenity=\"{}\" "
        "aria-pressed=\"false\">{}{}</button>",
        AmenityCode(a.amenity), Icon(AmenityIcon(a.amenity)),
        Bilingual(AmenityLabel(a.amenity), AmenityLabelEn(a.amenity)));
  }
  facilities +=
      "<button type=\"button\" class=\"choice\" data-amenity=\"\" aria-pressed=\"false\">" +
      Icon("plus") + Bilingual("其他", "Something else") + "</button>";
  struct Problem {
    const char* category;
    const char* icon;
    const char* zh;
    const char* en;
  };
  constexpr Problem kProblems[] = {
      {"facility", "tools", "坏了", "Broken"},
      {"supplies", "cup", "用完了", "Ran out"},
      {"cleanliness", "wash", "不干净", "Dirty"},
      {"safety", "alert", "不安全", "Unsafe"},
      {"suggestion", "chat", "提个建议", "A suggestion"},
  };
  std::string problems;
  for (const Problem& p : kProblems) {
    problems += fmt::format(
        "<button type=\"button\" class=\"choice\" data-category=\"{}\" "
        "aria-pressed=\"false\">{}{}</button>",
        p.category, Icon(p.icon), Bilingual(p.zh, p.en));
  }
  return fmt::format(
      "<section class=\"report\" id=\"report\"><h2>{}{}</h2>"
      "<div id=\"report-done\" class=\"done\" role=\"status\" hidden></div>"
      "<button type=\"button\" class=\"button wide\" id=\"report-open\" hidden>{}</button>"
      "<noscript><p class=\"notice\">{}</p></noscript>"
      "<div id=\"report-form\" hidden>"
      "<h3>{}</h3><div class=\"choices\" id=\"report-amenity\">{}</div>"
      "<h3>{}</h3><div class=\"choices\" id=\"report-category\">{}</div>"
      "<label for=\"report-text\">{}</label><textarea id=\"report-text\" maxlength=\"1000\" "
      "rows=\"3\"></textarea>"
      "<button type=\"button\" class=\"primary\" id=\"report-send\" disabled>{}</button>"
      "<button type=\"button\" class=\"button wide quiet\" id=\"report-cancel\">{}</button></div>"
      "<p id=\"report-error\" class=\"error\" role=\"alert\" hidden></p></section>",
      Icon("warn"), Bilingual("有问题？告诉我们", "Something wrong? Tell us"),
      Icon("warn") + Bilingual("报告问题", "Report a problem"),
      Bilingual("报告问题需要开启浏览器的 JavaScript。", "Reporting needs JavaScript."),
      Bilingual("1. 哪样东西？", "1. What is it about?"), facilities,
      Bilingual("2. 怎么了？", "2. What is wrong?"), problems,
      Bilingual("3. 说一句（可不填）", "3. A few words (optional)"), Bilingual("提交", "Send"),
      Bilingual("不报了", "Cancel"));
}

}  // namespace

// Kept for links printed or shared before the service line existed: it dials the station's public
// service line, never the manager's own number.
HttpResponse PublicApi::CallStation(const HttpRequest& request, const PathParams& params) {
  const auto catalog = directory_.Current();
  const Station* s = catalog->Find(params.Get("code").value_or(""));
  if (s == nullptr || s->service_phone.empty())
    return ErrorReply(
        Error::NotFound("这个站点没有公开的服务电话 / no service line for this station"));
  if (config_.limits.enabled && !call_limiter_.Allow(request.remote_address)) {
    HttpResponse r =
        ErrorReply({ErrorCode::kRateLimited,
                    "请求太频繁，请一分钟后再试 / too many calls: please wait a minute"});
    r.headers.emplace_back("Retry-After", "60");
    return r;
  }
  HttpResponse r;
  r.status = 302;
  r.content_type = "text/plain; charset=utf-8";
  r.headers.emplace_back("Location", "tel:" + DialablePhone(s->service_phone));
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("X-Robots-Tag", "noindex");
  return r;
}

HttpResponse PublicApi::StationPage(const HttpRequest&, const PathParams& params) const {
  const auto catalog = directory_.Current();
  const Station* s = catalog->Find(params.Get("code").value_or(""));
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  if (!s) {
    r.status = 404;
    r.body = RenderPage({"未找到站点",
                         TopBar() + "<main class=\"page\"><h1>" +
                             Bilingual("未找到这个站点", "Station not found") +
                             "</h1><p><a class=\"button wide\" href=\"/\">" +
                             Bilingual("查找附近驿站", "Find nearby stations") + "</a></p></main>",
                         "", ""});
    return r;
  }
  const LocalTime now = config_.zone.ToLocal(clock_.Now());
  const bool open_station = s->status == StationStatus::kOpen;

  std::string body = TopBar();
  body += fmt::format("<main class=\"page station\" id=\"station\" data-code=\"{}\">",
                      EscapeHtml(s->code));
  if (s->level != Level::kStandard) {
    body += "<p class=\"badge\">" + Icon("star") +
            Bilingual(LevelLabel(s->level), LevelLabelEn(s->level)) + "</p>";
  }
  if (s->stars > 0) {
    // The approved grade: filled stars as text (no icon font needed), read out as words.
    static constexpr std::array<std::string_view, 6> kStarWords = {"",     "一星", "二星",
                                                                   "三星", "四星", "五星"};
    const int stars = std::min(s->stars, 5);
    std::string glyphs;
    for (int i = 0; i < 5; ++i) glyphs += i < stars ? "★" : "☆";
    body += fmt::format(
        "<p class=\"grade\" id=\"grade\" data-stars=\"{}\"><span class=\"grade-stars\" "
        "aria-hidden=\"true\">{}</span>{}</p>",
        stars, glyphs,
        Bilingual(fmt::format("{}级驿站", kStarWords[stars]),
                  fmt::format("{}-star station", stars)));
  }
  body += "<h1>" + EscapeHtml(s->name) + "</h1>";
  if (!s->address.empty())
    body += "<p class=\"address\">" + Icon("pin") + EscapeHtml(s->address) + "</p>";
  if (s->host_type) {
    body += "<p class=\"host\">" +
            Bilingual(HostTypeLabel(*s->host_type), HostTypeLabelEn(*s->host_type)) + "</p>";
  }

  body += "<p class=\"facts\">";
  if (!open_station) {
    body += "<span class=\"open-state closed\">" +
            Bilingual(fmt::format("本站点目前{}", StationStatusLabel(s->status)),
                      fmt::format("This station is {}", StationStatusLabelEn(s->status))) +
            "</span>";
  } else if (const auto open = s->opening_hours.IsOpen(now); !open) {
    body += "<span class=\"open-state unknown\">" + Icon("clock") +
            Bilingual("时间未知", "Hours unknown") + "</span>";
  } else if (*open) {
    body += "<span class=\"open-state open\">" + Icon("clock") + Bilingual("正在开放", "Open now") +
            NextChange(s->opening_hours, now, true) + "</span>";
  } else {
    body += "<span class=\"open-state closed\">" + Icon("clock") +
            Bilingual("现在关门", "Closed now") + NextChange(s->opening_hours, now, false) +
            "</span>";
  }
  const StationRating rating = ratings_.Get(s->code);
  if (rating.average) {
    body += fmt::format(
        "<span class=\"rating\" id=\"rating\">{}<b>{:.1f}</b> {}</span>", Icon("star"),
        *rating.average,
        Bilingual(fmt::format("{} 人评价", rating.count), fmt::format("{} ratings", rating.count)));
  } else {
    body += "<span class=\"rating none\" id=\"rating\">" + Icon("star") +
            Bilingual("还没有评价", "No ratings yet") + "</span>";
  }
  body += "</p>";
  if (!open_station) body += NearestOpenSection(*catalog, *s);

  body += PhotoSection(*s);
  body += NavigationSection(*s);
  if (open_station) {
    body += fmt::format("<p><a class=\"button wide\" id=\"go-checkin\" href=\"/s/{}\">{}{}</a></p>",
                        EscapeHtml(s->code), Icon("check"),
                        Bilingual("到了站点？签到", "At the station? Check in"));
  }
  body += AmenitySections(
      *s, reported_amenities_ ? reported_amenities_(s->code) : std::vector<Amenity>{},
      kit_needs_restock_ && kit_needs_restock_(s->code));
  body += OpeningHoursSection(*s, now.weekday);
  body += ContactSection(*s);
  body += ReportSection(*s);
  body += "</main>";

  r.body = RenderPage({s->name, body, "/assets/station.js", "station-page"});
  return r;
}

}  // namespace yz
