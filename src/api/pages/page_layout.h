// The frame shared by the server-rendered worker pages: Chinese first with an English switch,
// large text, no inline script or style (the Content-Security-Policy forbids both), the
// stylesheet, the icon sprite and scripts from /assets/.
#pragma once

#include <string>
#include <string_view>

#include "domain/stations/codes.h"

namespace yz {

struct PageFrame {
  std::string_view title;       // already plain text; escaped here
  std::string_view body_html;   // trusted HTML built with EscapeHtml for every stored value
  std::string_view script;      // "/assets/x.js" or empty; /assets/common.js always comes first
  std::string_view body_class;  // CSS class of <body>, may be empty
};

std::string RenderPage(const PageFrame& frame);

// Both languages of one short text, escaped: the Chinese is shown, the English when the page is
// switched to English (app.css hides one of the two <span>s).
std::string Bilingual(std::string_view zh, std::string_view en);

// The top bar of every worker page: the link back to the nearby stations and the language switch.
std::string TopBar();

// `<svg class="icon">` using the symbol `name` of /assets/icons.svg; decorative (aria-hidden).
std::string Icon(std::string_view name);

// The icon of an amenity or service in /assets/icons.svg.
std::string_view AmenityIcon(Amenity a);

// English labels of the contract's codes (the Chinese ones are in codes.h).
std::string_view AmenityLabelEn(Amenity a);
std::string_view ServiceLabelEn(Service s);
std::string_view HostTypeLabelEn(HostType h);
std::string_view LevelLabelEn(Level l);
std::string_view StationStatusLabelEn(StationStatus s);
std::string_view WorkerCategoryLabelEn(WorkerCategory c);

}  // namespace yz
