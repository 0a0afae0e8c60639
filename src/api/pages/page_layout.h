// The frame shared by the server-rendered pages: Chinese first, large text, no inline script
// (the Content-Security-Policy forbids it), the stylesheet and scripts from /assets/.
#pragma once

#include <string>
#include <string_view>

namespace yz {

struct PageFrame {
  std::string_view title;       // already plain text; escaped here
  std::string_view body_html;   // trusted HTML built with EscapeHtml for every stored value
  std::string_view script;      // "/assets/x.js" or empty
  std::string_view body_class;  // CSS class of <body>, may be empty
};

std::string RenderPage(const PageFrame& frame);

}  // namespace yz
