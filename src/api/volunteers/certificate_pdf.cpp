#include "api/volunteers/certificate_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>

namespace yz {
namespace {

constexpr const char* kFont = "Noto Sans CJK SC";
constexpr double kWidth = 595.0, kHeight = 842.0;  // A4 in points

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

enum class Align { kLeft, kCentre, kRight };

// `text` on the baseline `y`, its left edge, centre or right edge at `x`.
void Text(cairo_t* cr, const std::string& text, double x, double y, double size, bool bold,
          Align align = Align::kLeft) {
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  if (align != Align::kLeft) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, text.c_str(), &e);
    x -= align == Align::kCentre ? e.x_advance / 2 : e.x_advance;
  }
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, text.c_str());
}

// Bytes of the UTF-8 character that starts with `lead`.
std::size_t CharBytes(unsigned char lead) {
  return lead < 0x80           ? 1
         : (lead >> 5) == 0x6  ? 2
         : (lead >> 4) == 0xE  ? 3
         : (lead >> 3) == 0x1E ? 4
                               : 1;
}

// `text` from (x, y) in lines no wider than `width`, broken between characters (Chinese has no
// spaces to break at); returns the baseline after the last line.
double Paragraph(cairo_t* cr, const std::string& text, double x, double y, double width,
                 double size, double leading) {
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  std::string line;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = std::min(CharBytes(static_cast<unsigned char>(text[i])), text.size() - i);
    const std::string next = line + text.substr(i, n);
    cairo_text_extents_t e;
    cairo_text_extents(cr, next.c_str(), &e);
    if (e.x_advance > width && !line.empty()) {
      cairo_move_to(cr, x, y);
      cairo_show_text(cr, line.c_str());
      y += leading;
      line = text.substr(i, n);
    } else {
      line = next;
    }
    i += n;
  }
  if (!line.empty()) {
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, line.c_str());
    y += leading;
  }
  return y;
}

}  // namespace

Result<std::string> RenderServiceCertificate(const ServiceSummary& summary,
                                             const std::string& period,
                                             const std::string& issued_on) {
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(Append, &pdf, kWidth, kHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "志愿服务时长证明");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "yizhan");
  cairo_t* cr = cairo_create(surface);
  // A red frame, the title, the body, the stations, the issuer.
  cairo_set_source_rgb(cr, 0.70, 0.13, 0.13);
  cairo_set_line_width(cr, 6);
  cairo_rectangle(cr, 36, 36, kWidth - 72, kHeight - 72);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 1.5);
  cairo_rectangle(cr, 48, 48, kWidth - 96, kHeight - 96);
  cairo_stroke(cr);
  Text(cr, "志愿服务时长证明", kWidth / 2, 150, 34, true, Align::kCentre);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  Text(cr, "Certificate of volunteer service", kWidth / 2, 182, 13, false, Align::kCentre);
  const double hours = static_cast<double>(summary.minutes) / 60.0;
  const std::string served = summary.minutes < 60 ? fmt::format("{} 分钟", summary.minutes)
                                                  : fmt::format("{:.1f} 小时", hours);
  Text(cr, fmt::format("兹证明 {} 同志", summary.name), 90, 260, 20, true);
  double y = Paragraph(cr,
                       (period.empty() ? std::string() : period + "，") +
                           "在户外劳动者服务站点（职工驿站）参加志愿值班服务，累计服务 " + served +
                           "，共 " + std::to_string(summary.times) + " 人次。",
                       90, 300, kWidth - 180, 16, 32);
  Text(cr, "特此证明。", 90, y, 16, false);
  y += 56;
  if (!summary.stations.empty()) {
    Text(cr, "服务站点：", 90, y, 14, true);
    y += 26;
    for (const std::string& s : summary.stations) {
      y = Paragraph(cr, "· " + s, 104, y, kWidth - 194, 13, 22);
    }
  }
  Text(cr, "户外劳动者服务站点管理系统", kWidth - 90, kHeight - 150, 14, false, Align::kRight);
  Text(cr, issued_on, kWidth - 90, kHeight - 122, 14, false, Align::kRight);
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return Error::Internal(std::string("cairo: ") + cairo_status_to_string(status));
  return pdf;
}

}  // namespace yz
