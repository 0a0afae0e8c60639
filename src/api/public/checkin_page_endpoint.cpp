// GET /s/{code}: the page a worker reaches by scanning the station's plaque. The station's name,
// status and facilities are in the HTML as served; /assets/checkin.js adds the one-tap check-in,
// the rating and the thank-you.
#include <fmt/format.h>

#include "api/pages/page_layout.h"
#include "api/public/public_api.h"
#include "core/html.h"

namespace yz {
namespace {

std::string AmenityList(const Station& s) {
  std::string html = "<ul class=\"amenities\">";
  for (const auto& a : s.amenities) {
    const char* mark = a.state == AmenityState::kWorking ? "✓" : "✗";
    const char* state = a.state == AmenityState::kWorking ? "" : (a.state == AmenityState::kBroken ? "（损坏）" : "（缺失）");
    html += fmt::format("<li class=\"{}\">{} {}{}</li>", AmenityStateCode(a.state), mark, AmenityLabel(a.amenity), state);
  }
  return html + "</ul>";
}

std::string CategoryButtons() {
  std::string html;
  for (int i = 0; i < kWorkerCategoryCount; ++i) {
    const auto c = static_cast<WorkerCategory>(i);
    html += fmt::format("<button type=\"button\" class=\"category\" data-category=\"{}\">{}</button>",
                        WorkerCategoryCode(c), WorkerCategoryLabel(c));
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
    r.body = RenderPage({"未找到站点", "<main class=\"page\"><h1>未找到这个站点</h1><p>二维码可能已失效，请联系站点工作人员。</p>"
                                       "<p lang=\"en\">Station not found.</p><p><a class=\"button\" href=\"/\">查找附近驿站</a></p></main>",
                         "", ""});
    return r;
  }
  const bool open = s->status == StationStatus::kOpen;
  std::string body = fmt::format(
      "<main class=\"page\" id=\"checkin\" data-code=\"{}\">"
      "<p class=\"brand\">户外劳动者服务站点</p><h1>{}</h1><p class=\"address\">{}</p>",
      EscapeHtml(s->code), EscapeHtml(s->name), EscapeHtml(s->address));
  if (!open) {
    body += fmt::format("<p class=\"notice\">本站点目前{}，暂不能签到。<span lang=\"en\">This station is not open.</span></p>",
                        StationStatusLabel(s->status));
  } else {
    body += fmt::format(
        "<section id=\"step-category\"><h2>您的职业（只问一次）</h2><div class=\"grid\">{}</div></section>"
        "<section id=\"step-checkin\"><button type=\"button\" id=\"checkin-button\" class=\"primary\">签到 <small>Check in</small></button>"
        "<p class=\"hint\">无需填写个人信息</p></section>"
        "<section id=\"step-rating\" hidden><h2 id=\"checkin-message\">签到成功</h2><p>请为本站点打分</p>"
        "<div class=\"stars\">{}</div><label for=\"comment\">意见（可不填）</label>"
        "<textarea id=\"comment\" maxlength=\"500\" rows=\"3\"></textarea>"
        "<button type=\"button\" id=\"rate-button\" class=\"primary\" disabled>提交评价</button></section>"
        "<section id=\"step-thanks\" hidden><h2>谢谢！</h2><p>本站点提供：</p>{}</section>"
        "<p id=\"error\" class=\"error\" role=\"alert\" hidden></p>"
        "<noscript><p class=\"notice\">签到需要开启浏览器的 JavaScript。</p></noscript>",
        CategoryButtons(),
        "<button type=\"button\" class=\"star\" data-stars=\"1\" aria-label=\"1 星\">★</button>"
        "<button type=\"button\" class=\"star\" data-stars=\"2\" aria-label=\"2 星\">★</button>"
        "<button type=\"button\" class=\"star\" data-stars=\"3\" aria-label=\"3 星\">★</button>"
        "<button type=\"button\" class=\"star\" data-stars=\"4\" aria-label=\"4 星\">★</button>"
        "<button type=\"button\" class=\"star\" data-stars=\"5\" aria-label=\"5 星\">★</button>",
        AmenityList(*s));
  }
  body += fmt::format("<h2>设施</h2>{}<p><a class=\"button\" href=\"/station/{}\">站点详情</a></p></main>",
                      AmenityList(*s), EscapeHtml(s->code));
  r.body = RenderPage({s->name, body, open ? "/assets/checkin.js" : "", "checkin-page"});
  return r;
}

}  // namespace yz
