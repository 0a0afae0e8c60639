#include "api/pages/page_layout.h"

#include <fmt/format.h>

#include "core/html.h"

namespace yz {

std::string RenderPage(const PageFrame& frame) {
  const std::string script =
      frame.script.empty() ? "" : fmt::format("<script src=\"{}\" defer></script>", EscapeHtml(frame.script));
  return fmt::format(
      "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>{} · 户外劳动者驿站</title><link rel=\"stylesheet\" href=\"/assets/app.css\">{}</head>"
      "<body class=\"{}\">{}</body></html>\n",
      EscapeHtml(frame.title), script, EscapeHtml(frame.body_class), frame.body_html);
}

}  // namespace yz
