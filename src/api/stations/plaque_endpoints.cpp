// GET /api/v1/admin/stations/{code}/plaque.pdf?size=a4|a5 and
// GET /api/v1/admin/regions/{code}/plaques.pdf?size=a4|a5 (every station of the region in scope).
#include <fmt/format.h>

#include "api/api_response.h"
#include "api/stations/plaque/plaque_pdf.h"
#include "api/stations/station_admin_endpoints.h"
#include "core/region_code.h"

namespace yz::station_admin {
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

std::string PrintedAddress(const StationAdminConfig& config) {
  return config.address ? config.address->Get() : config.public_url;
}

PlaqueContent ContentOf(const Station& s, const std::vector<Amenity>& standard,
                        const StationAdminConfig& config) {
  PlaqueContent p;
  p.code = s.code;
  p.name = s.name;
  if (config.brand_region.empty() || RegionCovers(config.brand_region, s.region))
    p.brand = config.brand;
  p.address = s.address;
  p.checkin_url = PrintedAddress(config) + "/s/" + s.code;
  for (Amenity a : standard) {
    if (s.AmenityStateOf(a)) p.amenities.push_back(a);
  }
  p.opening_hours = s.opening_hours.text();
  p.supervision_phone = config.supervision_phone;
  return p;
}

}  // namespace

HttpResponse StationPlaque(const StationAdminRouteContext& c, const AdminRequest& r) {
  const std::string size_text = r.Query("size");
  const auto size = SizeOf(size_text);
  if (!size) return ErrorReply(Error::InvalidArgument("尺寸应为 a4 或 a5 / size: a4 or a5"));
  if (auto why = WhyNotPrintable(PrintedAddress(c.config)))
    return ErrorReply(Error::Conflict(*why));
  auto station = c.service.ForPlaque(CallerOf(r), r.Param("code"), size_text);
  if (!station) return ErrorReply(station.error());
  auto standard = c.service.StandardAmenities();
  if (!standard) return ErrorReply(standard.error());
  auto pdf =
      RenderPlaquePdf(std::vector<PlaqueContent>{ContentOf(*station, *standard, c.config)}, *size);
  if (!pdf) return ErrorReply(pdf.error());
  return PdfReply(std::move(*pdf), "plaque-" + station->code + ".pdf");
}

HttpResponse RegionPlaques(const StationAdminRouteContext& c, const AdminRequest& r) {
  const auto size = SizeOf(r.Query("size"));
  if (!size) return ErrorReply(Error::InvalidArgument("尺寸应为 a4 或 a5 / size: a4 or a5"));
  if (auto why = WhyNotPrintable(PrintedAddress(c.config)))
    return ErrorReply(Error::Conflict(*why));
  const std::string region(r.Param("code"));
  auto stations = c.service.ForRegionPlaques(CallerOf(r), region);
  if (!stations) return ErrorReply(stations.error());
  auto standard = c.service.StandardAmenities();
  if (!standard) return ErrorReply(standard.error());
  std::vector<PlaqueContent> contents;
  for (const Station& s : *stations) contents.push_back(ContentOf(s, *standard, c.config));
  auto pdf = RenderPlaquePdf(contents, *size);
  if (!pdf) return ErrorReply(pdf.error());
  return PdfReply(std::move(*pdf), "plaques-" + region + ".pdf");
}

}  // namespace yz::station_admin
