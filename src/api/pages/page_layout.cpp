#include "api/pages/page_layout.h"

#include <array>

#include <fmt/format.h>

#include "core/html.h"

namespace yz {
namespace {

constexpr std::array<std::string_view, kAmenityCount> kAmenityEn{
    "Tables and chairs", "Fan / air conditioning", "Drinking water", "Microwave", "Toilet", "Lockers",
    "Repair toolbox", "First-aid kit", "Phone charging", "Books and newspapers", "Wi-Fi", "Fridge", "TV",
    "Umbrellas and rain gear", "Defibrillator (AED)", "Hot water", "E-bike charging", "Tyre pump", "Washbasin",
};
// Symbols of /assets/icons.svg, in Amenity order.
constexpr std::array<std::string_view, kAmenityCount> kAmenityIcon{
    "seat", "climate", "water", "microwave", "toilet", "locker", "tools", "firstaid", "charging",
    "book", "wifi", "fridge", "tv", "umbrella", "heart", "cup", "charging", "tools", "water",
};
constexpr std::array<std::string_view, kServiceCount> kServiceEn{
    "Union membership", "Legal advice", "Labour-dispute mediation", "Free accident insurance",
    "Micro-wishes", "Workers' reading room", "Sports and culture",
};
constexpr std::array<std::string_view, kHostTypeCount> kHostTypeEn{
    "Bank branch", "Gas station", "Post and express", "Community service centre", "Sanitation depot",
    "Trade union", "Shop or mall", "Transit station", "Government office", "Enterprise", "Other",
};
constexpr std::array<std::string_view, kLevelCount> kLevelEn{
    "Standard station", "City model station", "Provincial model station", "National model station",
};
constexpr std::array<std::string_view, kStationStatusCount> kStatusEn{
    "planned", "being built", "open", "suspended", "closed",
};
constexpr std::array<std::string_view, kWorkerCategoryCount> kCategoryEn{
    "Sanitation", "Landscaping", "Courier", "Food delivery", "Driver", "Traffic duty", "Construction",
    "Domestic work", "Other",
};

}  // namespace

std::string RenderPage(const PageFrame& frame) {
  const std::string script =
      frame.script.empty() ? "" : fmt::format("<script src=\"{}\" defer></script>", EscapeHtml(frame.script));
  return fmt::format(
      "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>{} · 户外劳动者驿站</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/app.css\">"
      "<script src=\"/assets/common.js\" defer></script>{}</head>"
      "<body class=\"{}\">{}</body></html>\n",
      EscapeHtml(frame.title), script, EscapeHtml(frame.body_class), frame.body_html);
}

std::string Bilingual(std::string_view zh, std::string_view en) {
  return fmt::format("<span class=\"zh\">{}</span><span class=\"en\" lang=\"en\">{}</span>", EscapeHtml(zh),
                     EscapeHtml(en));
}

std::string TopBar() {
  return "<header class=\"topbar\"><a class=\"home\" href=\"/\">" + Icon("pin") + Bilingual("附近驿站", "Nearby stations") +
         "</a><button type=\"button\" class=\"lang-switch\" id=\"lang-switch\" hidden>"
         "<span class=\"zh\" lang=\"en\">English</span><span class=\"en\" lang=\"zh-CN\">中文</span></button></header>";
}

std::string Icon(std::string_view name) {
  return fmt::format("<svg class=\"icon\" aria-hidden=\"true\"><use href=\"/assets/icons.svg#{}\"></use></svg>",
                     EscapeHtml(name));
}

std::string_view AmenityIcon(Amenity a) { return kAmenityIcon[static_cast<int>(a)]; }
std::string_view AmenityLabelEn(Amenity a) { return kAmenityEn[static_cast<int>(a)]; }
std::string_view ServiceLabelEn(Service s) { return kServiceEn[static_cast<int>(s)]; }
std::string_view HostTypeLabelEn(HostType h) { return kHostTypeEn[static_cast<int>(h)]; }
std::string_view LevelLabelEn(Level l) { return kLevelEn[static_cast<int>(l)]; }
std::string_view StationStatusLabelEn(StationStatus s) { return kStatusEn[static_cast<int>(s)]; }
std::string_view WorkerCategoryLabelEn(WorkerCategory c) { return kCategoryEn[static_cast<int>(c)]; }

}  // namespace yz
