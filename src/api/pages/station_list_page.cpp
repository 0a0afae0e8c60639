#include "api/pages/station_list_page.h"

#include <map>

#include <fmt/format.h>

#include "core/html.h"
#include "core/personal_data.h"

namespace yz {

namespace {

constexpr std::string_view kStyle =
    R"(
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;font-size:16px;margin:0;color:#1f2933;background:#f7f7f4}
header{background:#b3261e;color:#fff;padding:16px} h1{font-size:22px;margin:0}
main{padding:12px} table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #ddd;padding:10px 8px;text-align:left;vertical-align:top}
th{background:#f0ebe3} .closed{color:#8a8a8a} .tag{display:inline-block;padding:2px 6px;border-radius:4px;background:#e8f1e4;margin:1px}
)";

}  // namespace

std::string_view StationListPageStyle() { return kStyle; }

std::string RenderStationListPage(std::span<const Station* const> shown, std::size_t total, std::size_t open,
                                  const std::vector<Region>& regions) {
  std::map<std::string, std::string, std::less<>> region_names;
  for (const auto& r : regions) region_names[r.code] = r.name;

  std::string html = fmt::format(R"(<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>户外劳动者服务站点一览 · 驿站</title>
<style>{}</style></head><body>
<header><h1>户外劳动者服务站点一览</h1><div>共 {} 个站点，其中 {} 个开放 · {} stations, {} open</div></header>
<main><table><thead><tr><th>编码</th><th>名称 / 地址</th><th>区划</th><th>状态</th><th>开放时间</th><th>责任人</th></tr></thead><tbody>
)", kStyle, total, open, total, open);

  for (const Station* station : shown) {
    const Station& s = *station;
    const auto region = region_names.find(s.region);
    html += fmt::format(
        "<tr class=\"{}\"><td>{}</td><td><strong>{}</strong><br>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td></tr>\n",
        s.status == StationStatus::kOpen ? "open" : "closed", EscapeHtml(s.code), EscapeHtml(s.name),
        EscapeHtml(s.address), EscapeHtml(region == region_names.end() ? s.region : region->second),
        StationStatusLabel(s.status),
        s.opening_hours.unknown() ? "未知" : EscapeHtml(s.opening_hours.text()),
        EscapeHtml(s.manager), EscapeHtml(MaskPhone(s.phone)));
  }
  html += "</tbody></table>";
  if (shown.size() < total) {
    html += fmt::format("<p>仅显示按编码排列的前 {} 个 · first {} by code shown</p>", shown.size(), shown.size());
  }
  html += "</main></body></html>\n";
  return html;
}

}  // namespace yz
