#include "api/pages/station_list_page.h"

#include <fmt/format.h>

#include <map>

#include "api/stations/plaque/plaque_pdf.h"
#include "core/html.h"

namespace yz {

namespace {

constexpr std::string_view kStyle =
    R"(
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;font-size:17px;line-height:1.5;margin:0;color:#1f2933;background:#f7f7f4}
header{background:#b3261e;color:#fff;padding:16px} h1{font-size:22px;margin:0}
main{padding:12px;max-width:760px;margin:0 auto} ol{list-style:none;margin:0;padding:0}
li{background:#fff;border-radius:10px;margin:0 0 10px;padding:12px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
li a.name{display:block;font-size:19px;font-weight:bold;color:#1a4f8b;text-decoration:none;padding:4px 0;min-height:44px}
li a.name:focus,li a.name:hover{text-decoration:underline}
.meta{color:#52606d;font-size:16px} .status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:16px;margin-right:6px}
.status.open{background:#e3f4e1;color:#1e6b1a} .status.closed{background:#eee;color:#555}
a.call{display:block;width:fit-content;margin-top:8px;padding:8px 14px;border-radius:8px;background:#b3261e;color:#fff;text-decoration:none;min-height:44px;box-sizing:border-box}
)";

}  // namespace

std::string_view StationListPageStyle() { return kStyle; }

// The list for phones without JavaScript (and for search engines): one card per station with a
// link to its page, where it is, whether it is open and its public service line. Nothing of the
// manager appears here (issue 21).
std::string RenderStationListPage(std::span<const Station* const> shown, std::size_t total,
                                  std::size_t open, const std::vector<Region>& regions) {
  std::map<std::string, std::string, std::less<>> region_names;
  for (const auto& r : regions) region_names[r.code] = r.name;

  std::string html = fmt::format(R"(<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>户外劳动者服务站点一览 · 驿站</title><link rel="icon" href="data:,">
<style>{}</style></head><body>
<header><h1>户外劳动者服务站点一览</h1><div>共 {} 个站点，其中 {} 个开放 · {} stations, {} open</div></header>
<main><ol>
)",
                                 kStyle, total, open, total, open);

  for (const Station* station : shown) {
    const Station& s = *station;
    const auto region = region_names.find(s.region);
    const bool is_open = s.status == StationStatus::kOpen;
    std::string call;
    if (!s.service_phone.empty()) {
      call = fmt::format("<a class=\"call\" href=\"tel:{}\">拨打 {}</a>",
                         DialablePhone(s.service_phone), EscapeHtml(s.service_phone));
    }
    html += fmt::format(
        "<li id=\"{0}\"><a class=\"name\" href=\"/station/{0}\">{1}</a>"
        "<span class=\"status {2}\">{3}</span><span class=\"meta\">{4} · 编码 {0}</span>"
        "<div>{5}</div><div class=\"meta\">开放时间：{6}</div>{7}</li>\n",
        EscapeHtml(s.code), EscapeHtml(s.name), is_open ? "open" : "closed",
        StationStatusLabel(s.status),
        EscapeHtml(region == region_names.end() ? s.region : region->second), EscapeHtml(s.address),
        s.opening_hours.unknown() ? "未知"
                                  : EscapeHtml(OpeningHoursForPeople(s.opening_hours.text())),
        call);
  }
  html += "</ol>";
  if (shown.size() < total) {
    html += fmt::format("<p>仅显示按编码排列的前 {} 个 · first {} by code shown</p>", shown.size(),
                        shown.size());
  }
  html += "</main></body></html>\n";
  return html;
}

}  // namespace yz
