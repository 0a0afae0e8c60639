#include "api/upkeep/report_follow_routes.h"

#include <fmt/format.h>

#include <boost/json/array.hpp>

#include "api/api_response.h"
#include "api/pages/page_layout.h"
#include "api/upkeep/report_photo_routes.h"
#include "core/html.h"
#include "domain/checkins/report_number.h"
#include "http/query.h"

namespace yz {
namespace {

std::string_view EventLabel(std::string_view action) {
  if (action == "opened") return "报修已收到";
  if (action == "assign") return "已安排维修人员";
  if (action == "start") return "开始维修";
  if (action == "wait_parts") return "等配件";
  if (action == "resolve") return "已修好";
  if (action == "verify") return "已验收";
  if (action == "reject") return "不予处理";
  if (action == "merge") return "已合并到另一张报修单";
  if (action == "worker_fixed") return "报修人确认已修好";
  if (action == "worker_not_fixed") return "报修人说还没修好";
  if (action == "overdue") return "超过了应修好的时间，已催办";
  return "处理";
}

HttpResponse Html(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse SeeOther(std::string location) {
  HttpResponse r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

std::string LookupForm(std::string_view typed, std::string_view error) {
  std::string html =
      "<form class=\"lookup\" method=\"get\" action=\"/r\">"
      "<label for=\"n\">" +
      Bilingual("报修单号", "Report number") +
      "</label>"
      "<input id=\"n\" name=\"n\" inputmode=\"numeric\" autocomplete=\"off\" "
      "placeholder=\"例如 482 930 1756\" value=\"" +
      EscapeHtml(typed) + "\">";
  if (!error.empty()) html += "<p class=\"error\" role=\"alert\">" + EscapeHtml(error) + "</p>";
  return html + "<button type=\"submit\" class=\"wide\">" + Bilingual("查进度", "Look up") +
         "</button></form>";
}

HttpResponse LookupPage(int status, std::string_view typed, std::string_view error) {
  const std::string body = TopBar() + "<main class=\"page report-follow\"><h1>" +
                           Bilingual("查报修进度", "Follow a report") + "</h1><p>" +
                           Bilingual("输入报修时拿到的 10 位单号，不用登录。",
                                     "Type the 10-digit number you got when you reported.") +
                           "</p>" + LookupForm(typed, error) + "</main>";
  return Html(status, RenderPage({"查报修进度", body, "", "follow"}));
}

std::string StatusSteps(const PublicReport& r) {
  // The usual road, with the step reached marked; rejected and merged reports say so instead.
  if (r.status == TicketStatus::kRejected || r.status == TicketStatus::kMerged) return "";
  const int reached =
      r.status == TicketStatus::kNew                                                     ? 0
      : r.status == TicketStatus::kAssigned                                              ? 1
      : r.status == TicketStatus::kInProgress || r.status == TicketStatus::kWaitingParts ? 2
                                                                                         : 3;
  constexpr std::string_view kSteps[] = {"已收到", "已派单", "维修中", "已修好"};
  std::string html = "<ol class=\"steps\">";
  for (int i = 0; i < 4; ++i) {
    html += fmt::format("<li class=\"{}\">{}</li>",
                        i < reached    ? "done"
                        : i == reached ? "now"
                                       : "",
                        kSteps[i]);
  }
  return html + "</ol>";
}

HttpResponse FollowPage(PublicReportService& reports, const TimeZone& zone,
                        std::string_view number) {
  auto found = reports.Follow(number);
  if (!found) {
    const bool missing = found.error().code == ErrorCode::kNotFound;
    if (!missing && found.error().code != ErrorCode::kInvalidArgument)
      return ErrorReply(found.error());
    return LookupPage(missing ? 404 : 400, number,
                      missing ? "没有这张报修单，请核对单号。" : "单号有误，请核对（10 位数字）。");
  }
  const PublicReport& r = *found;
  const auto when = [&](UtcTime t) {
    const std::string text = FormatRfc3339(t, zone);
    return text.substr(0, 10) + " " + text.substr(11, 5);
  };
  std::string body = TopBar() + "<main class=\"page report-follow\">";
  body += fmt::format("<h1>{}</h1><p class=\"number\">{} <b>{}</b></p>",
                      Bilingual("报修进度", "Report status"), Bilingual("单号", "No."),
                      EscapeHtml(FormatReportNumber(r.id)));
  body += fmt::format("<p class=\"status {}\" id=\"status\">{}</p>", r.closed ? "closed" : "open",
                      EscapeHtml(r.status_notes));
  body += StatusSteps(r);
  body += "<dl class=\"facts\">";
  body += fmt::format("<dt>驿站</dt><dd><a href=\"/station/{}\">{}</a></dd>",
                      EscapeHtml(r.station_code),
                      EscapeHtml(r.station_name.empty() ? r.station_code : r.station_name));
  body += fmt::format("<dt>问题</dt><dd>{}{}</dd>", EscapeHtml(ReportCategoryLabel(r.category)),
                      r.amenity ? "：" + EscapeHtml(AmenityLabel(*r.amenity)) : "");
  body += fmt::format("<dt>说明</dt><dd>{}</dd>", EscapeHtml(r.description));
  body += fmt::format("<dt>报修时间</dt><dd>{}</dd>", when(r.requested));
  if (r.expected && !r.closed) {
    body += fmt::format("<dt>应修好</dt><dd>{} 前</dd>", when(*r.expected));
  }
  body += fmt::format("<dt>负责</dt><dd>{}</dd></dl>", EscapeHtml(r.agency));
  if (r.asks_verdict) {
    const std::string action = "/r/" + EscapeHtml(r.id) + "/verdict";
    body += "<section class=\"verdict\"><h2>" + Bilingual("真的修好了吗？", "Is it really fixed?") +
            "</h2><form method=\"post\" action=\"" + action +
            "\"><input type=\"hidden\" name=\"fixed\" value=\"1\"><button type=\"submit\" "
            "class=\"wide\">" +
            Bilingual("修好了", "Yes, fixed") + "</button></form><form method=\"post\" action=\"" +
            action +
            "\"><input type=\"hidden\" name=\"fixed\" value=\"0\"><button type=\"submit\" "
            "class=\"wide quiet\">" +
            Bilingual("还没修好", "No, still broken") + "</button></form></section>";
  }
  body += "<section><h2>" + Bilingual("经过", "History") + "</h2><ol class=\"timeline\">";
  for (const TicketEvent& e : r.history) {
    body +=
        fmt::format("<li><time>{}</time> {}</li>", when(e.at), EscapeHtml(EventLabel(e.action)));
  }
  body += "</ol></section>";
  if (!r.photos.empty()) {
    body += "<section class=\"report-photos\"><h2>" + Bilingual("报修照片", "Photos") + "</h2><p>";
    for (const std::string& file : r.photos) {
      body += fmt::format("<img src=\"{}\" alt=\"报修照片\" width=\"160\" loading=\"lazy\">",
                          EscapeHtml(ReportPhotoPath(r.id, file)));
    }
    body += "</p></section>";
  }
  body += LookupForm("", "") + "</main>";
  return Html(200, RenderPage({"报修进度", body, "", "follow"}));
}

boost::json::object FollowJson(const PublicReport& r, const TimeZone& zone) {
  boost::json::array photos;
  for (const std::string& file : r.photos) photos.emplace_back(ReportPhotoPath(r.id, file));
  boost::json::array history;
  for (const TicketEvent& e : r.history) {
    history.emplace_back(boost::json::object{{"at", FormatRfc3339(e.at, zone)},
                                             {"action", e.action},
                                             {"label", EventLabel(e.action)},
                                             {"status", TicketStatusCode(e.status)}});
  }
  return {
      {"report_id", r.id},
      {"number", FormatReportNumber(r.id)},
      {"status", TicketStatusCode(r.status)},
      {"status_label", TicketStatusLabel(r.status)},
      {"closed", r.closed},
      {"status_notes", r.status_notes},
      {"category", ReportCategoryCode(r.category)},
      {"amenity", r.amenity ? boost::json::value(AmenityCode(*r.amenity)) : nullptr},
      {"description", r.description},
      {"station_code", r.station_code},
      {"station_name", r.station_name},
      {"requested_at", FormatRfc3339(r.requested, zone)},
      {"updated_at", FormatRfc3339(r.updated, zone)},
      {"expected_at", r.expected ? boost::json::value(FormatRfc3339(*r.expected, zone)) : nullptr},
      {"asks_verdict", r.asks_verdict},
      {"photos", std::move(photos)},
      {"history", std::move(history)}};
}

HttpResponse TooMany() {
  HttpResponse r =
      ErrorReply({ErrorCode::kRateLimited, "提交太频繁，请一分钟后再试 / too many requests"});
  r.headers.emplace_back("Retry-After", "60");
  return r;
}

}  // namespace

void AddReportFollowRoutes(PublicRoutes& routes, const ReportFollowContext& c) {
  PublicReportService& reports = c.reports;
  PublicApi& api = c.public_api;
  const TimeZone zone = c.zone;
  routes.Add("GET", "/r", SyncRouteHandler([](const HttpRequest& request, const PathParams&) {
               auto query = ParseTargetQuery(request.target);
               const std::string typed =
                   query ? std::string(query->Get("n").value_or("")) : std::string();
               if (typed.empty()) return LookupPage(200, "", "");
               const auto id = NormalizeReportNumber(typed);
               if (!id) return LookupPage(400, typed, "单号有误，请核对（10 位数字）。");
               return SeeOther("/r/" + *id);
             }));
  routes.Add("GET", "/r/{number}",
             SyncRouteHandler([&reports, zone](const HttpRequest&, const PathParams& p) {
               return FollowPage(reports, zone, p.Get("number").value_or(""));
             }));
  routes.Add(
      "POST", "/r/{number}/verdict",
      SyncRouteHandler([&reports, &api](const HttpRequest& request, const PathParams& p) {
        const std::string_view number = p.Get("number").value_or("");
        if (!api.AdmitWrite(request, "")) return TooMany();
        auto form = ParseQuery(request.body);
        if (!form) return ErrorReply(form.error());
        const auto fixed = form->Get("fixed");
        if (!fixed || (*fixed != "1" && *fixed != "0")) {
          return ErrorReply(Error::InvalidArgument("fixed 应为 1 或 0 / fixed must be 1 or 0"));
        }
        auto answered = reports.Answer(
            number, *fixed == "1" ? WorkerVerdict::kFixed : WorkerVerdict::kNotFixed);
        // Answered, or already answered by an earlier tap: either way the page shows where it
        // stands.
        if (!answered && answered.error().code != ErrorCode::kConflict)
          return ErrorReply(answered.error());
        const auto id = NormalizeReportNumber(number);
        return SeeOther("/r/" + id.value_or(std::string(number)));
      }));
  routes.Add("GET", "/api/v1/reports/{number}",
             SyncRouteHandler([&reports, zone](const HttpRequest&, const PathParams& p) {
               auto found = reports.Follow(p.Get("number").value_or(""));
               if (!found) return ErrorReply(found.error());
               return JsonReply(200, FollowJson(*found, zone));
             }));
  routes.Add(
      "POST", "/api/v1/reports/{number}/verdict",
      SyncRouteHandler([&reports, &api, zone](const HttpRequest& request, const PathParams& p) {
        auto body = ParseJsonObject(request.body);
        if (!body) return ErrorReply(body.error());
        const auto* fixed = body->if_contains("fixed");
        if (fixed == nullptr || !fixed->is_bool()) {
          return ErrorReply(
              Error::InvalidArgument("fixed 应为 true 或 false / fixed must be a boolean"));
        }
        if (!api.AdmitWrite(request, "")) return TooMany();
        auto answered =
            reports.Answer(p.Get("number").value_or(""),
                           fixed->as_bool() ? WorkerVerdict::kFixed : WorkerVerdict::kNotFixed);
        if (!answered) return ErrorReply(answered.error());
        return JsonReply(200, FollowJson(*answered, zone));
      }));
}

}  // namespace yz
