// GET /s/{code}: the page a worker reaches by scanning the station's plaque. The station's name,
// status and facilities are in the HTML as served; /assets/checkin.js adds the check-in (one tap:
// the first time, tapping one's job both remembers it on the device and checks in), the 1–5
// stars with an optional comment, and the thank-you that shows what the station offers.
#include <fmt/format.h>

#include "api/pages/page_layout.h"
#include "api/public/public_api.h"
#include "core/html.h"

namespace yz {
namespace {

// Icons of /assets/icons.svg for the worker categories, in WorkerCategory order.
constexpr std::string_view kCategoryIcon[kWorkerCategoryCount] = {
    "broom", "tree", "box", "bike", "car", "cone", "helmet", "house", "person",
};

std::string FacilityList(const Station& s, bool working_only) {
  std::string html = "<ul class=\"facilities\">";
  for (const auto& a : s.amenities) {
    if (working_only && a.state != AmenityState::kWorking) continue;
    const std::string state = a.state == AmenityState::kWorking ? ""
                              : a.state == AmenityState::kBroken
                                  ? Bilingual("（坏了）", " (broken)")
                                  : Bilingual("（缺了）", " (missing)");
    html += fmt::format("<li class=\"{}\">{}{}{}</li>", AmenityStateCode(a.state),
                        Icon(AmenityIcon(a.amenity)),
                        Bilingual(AmenityLabel(a.amenity), AmenityLabelEn(a.amenity)), state);
  }
  return html + "</ul>";
}

std::string CategoryButtons() {
  std::string html;
  for (int i = 0; i < kWorkerCategoryCount; ++i) {
    const auto c = static_cast<WorkerCategory>(i);
    html += fmt::format(
        "<button type=\"button\" class=\"category\" data-category=\"{}\" "
        "aria-pressed=\"false\">{}{}</button>",
        WorkerCategoryCode(c), Icon(kCategoryIcon[i]),
        Bilingual(WorkerCategoryLabel(c), WorkerCategoryLabelEn(c)));
  }
  return html;
}

std::string StarButtons() {
  std::string html;
  for (int i = 1; i <= 5; ++i) {
    html += fmt::format(
        "<button type=\"button\" class=\"star\" data-stars=\"{0}\" aria-pressed=\"false\" "
        "aria-label=\"{0} 星 / {0} star{1}\">"
        "<svg class=\"icon\" aria-hidden=\"true\"><use "
        "href=\"/assets/icons.svg#star\"></use></svg></button>",
        i, i == 1 ? "" : "s");
  }
  return html;
}

}  // namespace

HttpResponse PublicApi::CheckinPage(const HttpRequest&, const PathParams& params) const {
  const auto catalog = directory_.Current();
  const Station* s = catalog->Find(params.Get("code").value_or(""));
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  if (!s) {
    r.status = 404;
    r.body = RenderPage({"未找到站点",
                         TopBar() + "<main class=\"page\"><h1>" +
                             Bilingual("未找到这个站点", "Station not found") + "</h1><p>" +
                             Bilingual("二维码可能已失效，请联系站点工作人员。",
                                       "The QR code may be out of date; please ask the staff.") +
                             "</p><p><a class=\"button wide\" href=\"/\">" +
                             Bilingual("查找附近驿站", "Find nearby stations") + "</a></p></main>",
                         "", ""});
    return r;
  }
  const bool open = s->status == StationStatus::kOpen;
  std::string body = TopBar();
  body += fmt::format(
      "<main class=\"page\" id=\"checkin\" data-code=\"{}\">"
      "<p class=\"brand\">{}</p><h1>{}</h1><p class=\"address\">{}</p>",
      EscapeHtml(s->code),
      Bilingual("户外劳动者服务站点 · 签到", "Outdoor workers' station · check in"),
      EscapeHtml(s->name), EscapeHtml(s->address));
  if (!open) {
    body += "<p class=\"notice\">" +
            Bilingual(fmt::format("本站点目前{}，暂不能签到。", StationStatusLabel(s->status)),
                      fmt::format("This station is {}: no check-in for now.",
                                  StationStatusLabelEn(s->status))) +
            "</p>";
  } else {
    body += fmt::format(
        "<section id=\"step-category\"><h2>{}</h2><p class=\"hint\">{}</p><div "
        "class=\"grid\">{}</div></section>"
        "<section id=\"step-checkin\" hidden><button type=\"button\" id=\"checkin-button\" "
        "class=\"primary\">{}{}</button>"
        "<p class=\"who\">{}<b id=\"category-name\"></b> "
        "<button type=\"button\" class=\"link\" id=\"change-category\">{}</button></p></section>"
        "<p class=\"hint\" id=\"privacy\">{}</p>"
        "<div id=\"checkin-result\" role=\"status\" hidden><p class=\"done-title\" "
        "id=\"checkin-message\"></p>"
        "<p id=\"repeat-message\" hidden></p></div>"
        "<section id=\"step-rating\" hidden><h2>{}</h2>"
        "<div class=\"stars\">{}</div><label for=\"comment\">{}</label>"
        "<textarea id=\"comment\" maxlength=\"500\" rows=\"3\"></textarea>"
        "<button type=\"button\" id=\"rate-button\" class=\"primary\" disabled>{}</button>"
        "<button type=\"button\" id=\"skip-rating\" class=\"button wide "
        "quiet\">{}</button></section>"
        "<section id=\"step-thanks\" hidden><h2 id=\"thanks-message\">{}{}</h2>"
        "<p>{}</p>{}</section>"
        "<p id=\"error\" class=\"error\" role=\"alert\" hidden></p>"
        "<noscript><p class=\"notice\">{}</p></noscript>",
        Bilingual("您是做什么工作的？点一下就签到", "Your job? One tap checks you in"),
        Bilingual("只问这一次，手机会记住。", "Asked once, remembered on this phone."),
        CategoryButtons(), Icon("check"), Bilingual("签到", "Check in"),
        Bilingual("身份：", "I am: "), Bilingual("换一个", "Change"),
        Bilingual("签到不记录您的姓名和电话。", "Check-in records no name or phone number."),
        Bilingual("给这个驿站打个分吧", "How was this station?"), StarButtons(),
        Bilingual("想说的话（可不填）", "Comment (optional)"), Bilingual("提交评价", "Send rating"),
        Bilingual("不评了", "Skip"), Icon("heart"), Bilingual("谢谢！", "Thank you!"),
        Bilingual("这里可以用：", "You can use here:"), FacilityList(*s, true),
        Bilingual("签到需要开启浏览器的 JavaScript。", "Checking in needs JavaScript."));
  }
  body += "<details class=\"all-facilities\"><summary>" + Bilingual("本站设施", "Facilities") +
          "</summary>" + FacilityList(*s, false) + "</details>";
  body += fmt::format(
      "<p><a class=\"button wide\" href=\"/station/{}\">{}</a></p>", EscapeHtml(s->code),
      Bilingual("站点详情、导航、报告问题", "Details, directions, report a problem"));
  // A volunteer on duty scans the same plaque: one tap records their arrival (issue 16).
  body += fmt::format(
      "<p><a class=\"button wide quiet\" id=\"volunteer-arrival\" href=\"/v?arrive={}\">{}</a></p>"
      "</main>",
      EscapeHtml(s->code), Bilingual("我是值班志愿者：到岗签到", "Volunteer on duty: sign in"));
  r.body = RenderPage({s->name, body, open ? "/assets/checkin.js" : "", "checkin-page"});
  return r;
}

}  // namespace yz
