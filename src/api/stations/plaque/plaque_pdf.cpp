#include "api/stations/plaque/plaque_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include "api/qr/qr_code.h"

namespace yz {
namespace {

// A4 in PostScript points; A5 is the same drawing scaled by 1/√2.
constexpr double kA4Width = 595.276, kA4Height = 841.89;
constexpr const char* kFont = "Noto Sans CJK SC";

struct Rgb {
  double r, g, b;
};
constexpr Rgb kUnionRed{0.784, 0.063, 0.180};
constexpr Rgb kInk{0.13, 0.13, 0.13};
constexpr Rgb kGrey{0.40, 0.40, 0.40};
constexpr Rgb kWhite{1, 1, 1};

void SetColor(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

void SetFont(cairo_t* cr, double size, bool bold) {
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

double TextWidth(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t e;
  cairo_text_extents(cr, text.c_str(), &e);
  return e.x_advance;
}

// Draws `text` centred on x = cx with its baseline at y, shrinking the font (down to half) so it
// fits `max_width`.
void CenteredText(cairo_t* cr, const std::string& text, double cx, double y, double size, bool bold,
                  double max_width) {
  SetFont(cr, size, bold);
  double w = TextWidth(cr, text);
  if (w > max_width) {
    size = std::max(size / 2, size * max_width / w);
    SetFont(cr, size, bold);
    w = TextWidth(cr, text);
  }
  cairo_move_to(cr, cx - w / 2, y);
  cairo_show_text(cr, text.c_str());
}

void RoundedRect(cairo_t* cr, double x, double y, double w, double h, double r) {
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
  cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
  cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
  cairo_close_path(cr);
}

// A simple pictogram for each standard amenity, drawn in white inside a unit box centred at
// (0, 0) of half-size 1 (the caller scales). Amenities without a pictogram get their first
// character.
void Pictogram(cairo_t* cr, Amenity a) {
  cairo_set_line_width(cr, 0.12);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  switch (a) {
    case Amenity::kSeating:  // a chair
      cairo_move_to(cr, -0.4, -0.6);
      cairo_line_to(cr, -0.4, 0.6);
      cairo_move_to(cr, -0.4, 0.05);
      cairo_line_to(cr, 0.45, 0.05);
      cairo_line_to(cr, 0.45, 0.6);
      cairo_stroke(cr);
      return;
    case Amenity::kCoolingHeating:  // a fan: three blades
      for (int i = 0; i < 3; ++i) {
        const double t = i * 2 * M_PI / 3;
        cairo_move_to(cr, 0, 0);
        cairo_curve_to(cr, 1.0 * std::cos(t - 0.2), 1.0 * std::sin(t - 0.2),
                       1.0 * std::cos(t + 0.9), 1.0 * std::sin(t + 0.9), 0, 0);
        cairo_fill(cr);
      }
      cairo_arc(cr, 0, 0, 0.12, 0, 2 * M_PI);
      cairo_fill(cr);
      return;
    case Amenity::kDrinkingWater:  // a drop
      cairo_move_to(cr, 0, -0.65);
      cairo_curve_to(cr, 0.15, -0.35, 0.5, -0.05, 0.5, 0.25);
      cairo_arc(cr, 0, 0.25, 0.5, 0, M_PI);
      cairo_curve_to(cr, -0.5, -0.05, -0.15, -0.35, 0, -0.65);
      cairo_fill(cr);
      return;
    case Amenity::kMicrowave:  // a box with a window and a dial
      RoundedRect(cr, -0.65, -0.45, 1.3, 0.9, 0.1);
      cairo_stroke(cr);
      cairo_rectangle(cr, -0.5, -0.3, 0.7, 0.6);
      cairo_fill(cr);
      cairo_arc(cr, 0.42, -0.15, 0.07, 0, 2 * M_PI);
      cairo_fill(cr);
      return;
    case Amenity::kToilet:  // two figures
      for (double x : {-0.33, 0.33}) {
        cairo_arc(cr, x, -0.45, 0.13, 0, 2 * M_PI);
        cairo_fill(cr);
        cairo_move_to(cr, x, -0.25);
        cairo_line_to(cr, x, 0.6);
        cairo_stroke(cr);
      }
      return;
    case Amenity::kLocker:  // a cabinet of two doors
      cairo_rectangle(cr, -0.5, -0.6, 1.0, 1.2);
      cairo_move_to(cr, 0, -0.6);
      cairo_line_to(cr, 0, 0.6);
      cairo_stroke(cr);
      cairo_arc(cr, -0.12, 0, 0.06, 0, 2 * M_PI);
      cairo_arc(cr, 0.12, 0, 0.06, 0, 2 * M_PI);
      cairo_fill(cr);
      return;
    case Amenity::kRepairKit:  // a wrench
      cairo_move_to(cr, -0.5, 0.5);
      cairo_line_to(cr, 0.2, -0.2);
      cairo_stroke(cr);
      cairo_arc(cr, 0.3, -0.3, 0.25, 0, 2 * M_PI);
      cairo_stroke(cr);
      return;
    case Amenity::kFirstAid:  // a cross
      cairo_rectangle(cr, -0.18, -0.6, 0.36, 1.2);
      cairo_rectangle(cr, -0.6, -0.18, 1.2, 0.36);
      cairo_fill(cr);
      return;
    case Amenity::kCharging:  // a bolt
      cairo_move_to(cr, 0.15, -0.7);
      cairo_line_to(cr, -0.35, 0.1);
      cairo_line_to(cr, 0.0, 0.1);
      cairo_line_to(cr, -0.15, 0.7);
      cairo_line_to(cr, 0.35, -0.1);
      cairo_line_to(cr, 0.0, -0.1);
      cairo_close_path(cr);
      cairo_fill(cr);
      return;
    case Amenity::kBooks:  // an open book
      cairo_move_to(cr, 0, -0.35);
      cairo_curve_to(cr, -0.3, -0.55, -0.6, -0.45, -0.65, -0.4);
      cairo_line_to(cr, -0.65, 0.45);
      cairo_curve_to(cr, -0.6, 0.4, -0.3, 0.3, 0, 0.5);
      cairo_curve_to(cr, 0.3, 0.3, 0.6, 0.4, 0.65, 0.45);
      cairo_line_to(cr, 0.65, -0.4);
      cairo_curve_to(cr, 0.6, -0.45, 0.3, -0.55, 0, -0.35);
      cairo_line_to(cr, 0, 0.5);
      cairo_stroke(cr);
      return;
    default: {
      const std::string label(AmenityLabel(a));
      // The first character of the label (UTF-8 of a CJK character is 3 bytes).
      const std::string first = label.substr(0, std::min<std::size_t>(3, label.size()));
      cairo_save(cr);
      cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size(cr, 1.1);
      cairo_text_extents_t e;
      cairo_text_extents(cr, first.c_str(), &e);
      cairo_move_to(cr, -e.x_advance / 2, 0.38);
      cairo_show_text(cr, first.c_str());
      cairo_restore(cr);
      return;
    }
  }
}

void DrawQr(cairo_t* cr, const QrMatrix& qr, double x, double y, double size) {
  const int quiet = 2;
  const double module = size / (qr.size + 2 * quiet);
  SetColor(cr, kWhite);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  SetColor(cr, {0, 0, 0});
  for (int row = 0; row < qr.size; ++row) {
    for (int col = 0; col < qr.size; ++col) {
      if (qr.Dark(col, row)) {
        cairo_rectangle(cr, x + (col + quiet) * module, y + (row + quiet) * module, module + 0.01,
                        module + 0.01);
      }
    }
  }
  cairo_fill(cr);
}

// One plaque in A4 coordinates.
Result<void> DrawPlaque(cairo_t* cr, const PlaqueContent& p) {
  auto qr = EncodeQr(p.checkin_url);
  if (!qr) return qr.error();
  const double w = kA4Width, h = kA4Height, cx = w / 2, margin = 36;

  SetColor(cr, kWhite);
  cairo_paint(cr);
  // Frame.
  SetColor(cr, kUnionRed);
  cairo_set_line_width(cr, 6);
  cairo_rectangle(cr, 14, 14, w - 28, h - 28);
  cairo_stroke(cr);
  // Title band.
  cairo_rectangle(cr, 14, 14, w - 28, p.brand.empty() ? 110 : 140);
  cairo_fill(cr);
  SetColor(cr, kWhite);
  CenteredText(cr, "户外劳动者服务站点", cx, 82, 42, true, w - 2 * margin);
  if (!p.brand.empty()) CenteredText(cr, p.brand, cx, 130, 24, false, w - 2 * margin);
  double y = p.brand.empty() ? 172 : 202;
  // Station name.
  SetColor(cr, kInk);
  CenteredText(cr, p.name, cx, y, 30, true, w - 2 * margin);
  y += 22;
  // QR code.
  const double qr_size = 230;
  DrawQr(cr, *qr, cx - qr_size / 2, y, qr_size);
  SetColor(cr, kUnionRed);
  cairo_set_line_width(cr, 2);
  cairo_rectangle(cr, cx - qr_size / 2 - 4, y - 4, qr_size + 8, qr_size + 8);
  cairo_stroke(cr);
  y += qr_size + 30;
  SetColor(cr, kInk);
  CenteredText(cr, "扫码签到 · 评价 · 报修", cx, y, 17, true, w - 2 * margin);
  y += 30;
  // Amenities as icons, up to five a row.
  if (!p.amenities.empty()) {
    SetColor(cr, kGrey);
    CenteredText(cr, "站内设施", cx, y, 13, false, w);
    y += 14;
    const int per_row = 5;
    const double cell = 96, icon = 46;
    for (std::size_t i = 0; i < p.amenities.size(); ++i) {
      const int row = static_cast<int>(i) / per_row, col = static_cast<int>(i) % per_row;
      const int in_row =
          std::min<int>(per_row, static_cast<int>(p.amenities.size()) - row * per_row);
      const double x0 = cx - in_row * cell / 2 + col * cell + cell / 2;
      const double y0 = y + row * 76 + icon / 2 + 4;
      SetColor(cr, kUnionRed);
      RoundedRect(cr, x0 - icon / 2, y0 - icon / 2, icon, icon, 9);
      cairo_fill(cr);
      cairo_save(cr);
      cairo_translate(cr, x0, y0);
      cairo_scale(cr, icon * 0.38, icon * 0.38);
      SetColor(cr, kWhite);
      Pictogram(cr, p.amenities[i]);
      cairo_restore(cr);
      SetColor(cr, kInk);
      CenteredText(cr, std::string(AmenityLabel(p.amenities[i])), x0, y0 + icon / 2 + 16, 12, false,
                   cell - 6);
    }
    y += ((static_cast<int>(p.amenities.size()) + per_row - 1) / per_row) * 76 + 8;
  }
  // Hours, address, code.
  SetColor(cr, kInk);
  const std::string hours =
      p.opening_hours.empty() ? "以站点公示为准" : OpeningHoursForPeople(p.opening_hours);
  CenteredText(cr, "开放时间：" + hours, cx, y + 10, 16, false, w - 2 * margin);
  if (!p.address.empty())
    CenteredText(cr, "地址：" + p.address, cx, y + 36, 13, false, w - 2 * margin);
  // Footer band with the supervision phone.
  SetColor(cr, kUnionRed);
  cairo_rectangle(cr, 14, h - 84, w - 28, 70);
  cairo_fill(cr);
  SetColor(cr, kWhite);
  CenteredText(cr, "监督电话：" + p.supervision_phone, cx, h - 50, 20, true, w - 2 * margin);
  CenteredText(cr, "站点编号 " + p.code + " · 工会监制", cx, h - 26, 12, false, w - 2 * margin);
  return Ok();
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string OpeningHoursForPeople(std::string_view osm) {
  if (osm == "24/7") return "全天 24 小时开放";
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kWords{{
      {"Mo", "周一"},
      {"Tu", "周二"},
      {"We", "周三"},
      {"Th", "周四"},
      {"Fr", "周五"},
      {"Sa", "周六"},
      {"Su", "周日"},
      {"PH", "节假日"},
      {"off", "休息"},
      {"24/7", "全天"},
  }};
  std::string out;
  for (std::size_t i = 0; i < osm.size();) {
    bool replaced = false;
    for (const auto& [from, to] : kWords) {
      if (osm.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    const char c = osm[i];
    if (c == ';') {
      out += "；";
      while (i + 1 < osm.size() && osm[i + 1] == ' ') ++i;
    } else if (c == '-' && !out.empty() && !std::isdigit(static_cast<unsigned char>(out.back()))) {
      out += "至";
    } else if (c == ',') {
      out += std::isdigit(static_cast<unsigned char>(out.empty() ? ' ' : out.back())) ? "，" : "、";
    } else {
      out += c;
    }
    ++i;
  }
  return out;
}

Result<std::string> RenderPlaquePdf(std::span<const PlaqueContent> plaques, PlaqueSize size) {
  if (plaques.empty()) return Error::InvalidArgument("no station to print");
  const double scale = size == PlaqueSize::kA4 ? 1.0 : 1.0 / std::sqrt(2.0);
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      AppendToString, &pdf, kA4Width * scale, kA4Height * scale);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "户外劳动者服务站点 牌匾");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "yizhan");
  cairo_t* cr = cairo_create(surface);
  Result<void> drawn;
  for (const PlaqueContent& p : plaques) {
    cairo_save(cr);
    cairo_scale(cr, scale, scale);
    drawn = DrawPlaque(cr, p);
    cairo_restore(cr);
    if (!drawn) break;
    cairo_show_page(cr);
  }
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  if (!drawn) return drawn.error();
  if (status != CAIRO_STATUS_SUCCESS)
    return Error::Internal(std::string("cairo: ") + cairo_status_to_string(status));
  return pdf;
}

}  // namespace yz
