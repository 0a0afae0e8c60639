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
  const std::string when = period.empty() ? std::string("在户外劳动者服务站点（职工驿站）")
                                          : period + "，在户外劳动者服务站点（职工驿站）";
  Text(cr, fmt::format("兹证明 {} 同志", summary.name), 90, 260, 20, true);
  Text(cr, when + "参加志愿值班服务，", 90, 300, 16, false);
  const std::string served = summary.minutes < 60 ? fmt::format("{} 分钟", summary.minutes)
                                                  : fmt::format("{:.1f} 小时", hours);
  Text(cr, fmt::format("累计服务 {}，共 {} 人次。", served, summary.times), 90, 332, 16, false);
  Text(cr, "特此证明。", 90, 364, 16, false);
  if (!summary.stations.empty()) {
    Text(cr, "服务站点：", 90, 420, 14, true);
    double y = 446;
    for (const std::string& s : summary.stations) {
      Text(cr, "· " + s, 104, y, 13, false);
      y += 22;
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
