// GET /api/v1/admin/stations/{code}/plaque.pdf?size=a4|a5 and
// GET /api/v1/admin/regions/{code}/plaques.pdf?size=a4|a5 (every station of the region in scope).
#include <fmt/format.h>

#include "api/admin/admin_api.h"
#include "api/admin/plaque/plaque_pdf.h"
#include "api/api_response.h"
#include "core/region_code.h"

namespace yz {
namespace {

HttpResponse PdfReply(std::string pdf, std::string_view file_name) {
  HttpResponse r;
  r.content_type = "application/pdf";
  r.body = std::move(pdf);
  r.headers.emplace_back("Content-Disposition", fmt::format("inline; filename=\"{}\"", file_name));
  return r;
}

}  // namespace

namespace {

std::optional<PlaqueSize> SizeOf(const std::string& text) {
  if (text.empty() || text == "a4") return PlaqueSize::kA4;
  if (text == "a5") return PlaqueSize::kA5;
  return std::nullopt;
}

PlaqueContent ContentOf(const Station& s, const std::vector<Amenity>& standard, const AdminApiConfig& config) {
  PlaqueContent p;
  p.code = s.code;
  p.name = s.name;
  if (config.brand_region.empty() || RegionCovers(config.brand_region, s.region)) p.brand = config.brand;
  p.address = s.address;
  p.checkin_url = config.public_url + "/s/" + s.code;
  for (Amenity a : standard) {
    if (s.AmenityStateOf(a)) p.amenities.push_back(a);
  }
  p.opening_hours = s.opening_hours.text();
  p.supervision_phone = config.supervision_phone;
  return p;
}

}  // namespace

HttpResponse AdminApi::StationPlaque(const AdminRequest& r) {
  const auto size = SizeOf(r.Query("size"));
  if (!size) return ErrorReply(Error::InvalidArgument("size: a4 or a5"));
  const auto catalog = directory_.Current();
  const Station* s = FindInScope(*catalog, r, r.Param("code"));
  if (s == nullptr) return ErrorReply(Error::NotFound("没有这个站点 / no such station"));
  auto standard = store_.standard().StandardAmenities();
  if (!standard) return ErrorReply(standard.error());
  const PlaqueContent content = ContentOf(*s, *standard, config_);
  auto pdf = RenderPlaquePdf(std::span(&content, 1), *size);
  if (!pdf) return ErrorReply(pdf.error());
  Audit(r, "station.plaque", "station:" + s->code, AuditOutcome::kSuccess, r.Query("size"));
  return PdfReply(std::move(*pdf), "plaque-" + s->code + ".pdf");
}

HttpResponse AdminApi::RegionPlaques(const AdminRequest& r) {
  const auto size = SizeOf(r.Query("size"));
  if (!size) return ErrorReply(Error::InvalidArgument("size: a4 or a5"));
  const std::string region(r.Param("code"));
  if (!IsValidRegionCode(region)) return ErrorReply(Error::NotFound("没有这个区域 / no such region"));
  auto all = store_.stations().ListStations();
  if (!all) return ErrorReply(all.error());
  auto standard = store_.standard().StandardAmenities();
  if (!standard) return ErrorReply(standard.error());
  std::vector<PlaqueContent> contents;
  for (const Station& s : *all) {
    if (RegionCovers(region, s.region) && r.principal->CanReachStation(s.code, s.region)) {
      contents.push_back(ContentOf(s, *standard, config_));
    }
  }
  if (contents.empty()) return ErrorReply(Error::NotFound("这个区域没有您可管理的站点 / no station of yours in this region"));
  auto pdf = RenderPlaquePdf(contents, *size);
  if (!pdf) return ErrorReply(pdf.error());
  Audit(r, "region.plaques", "region:" + region, AuditOutcome::kSuccess, fmt::format("{} stations", contents.size()));
  return PdfReply(std::move(*pdf), "plaques-" + region + ".pdf");
}

}  // namespace yz
