// POST /api/v1/admin/uploads/stations/{code}/photos (the image as the body; ?caption=),
// GET and DELETE /api/v1/admin/stations/{code}/photos/{file}. Files live under
// AdminApiConfig::photo_dir/{code}/, outside the web root (see api/photo_files.h).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json/array.hpp>
#include <fmt/format.h>

#include "api/admin/admin_api.h"
#include "api/admin/photo_reencode.h"
#include "api/api_response.h"
#include "api/photo_files.h"
#include "core/crypto.h"
#include "core/text.h"

namespace yz {
namespace {

namespace fs = std::filesystem;

}  // namespace

HttpResponse AdminApi::UploadPhoto(const AdminRequest& r) {
  auto stored = store_.stations().FindStation(r.Param("code"));
  if (!stored) return ErrorReply(stored.error());
  if (!*stored || !r.principal->CanReachStation((*stored)->code, (*stored)->region)) {
    return ErrorReply(Error::NotFound("没有这个站点 / no such station"));
  }
  Station station = std::move(**stored);
  const std::string object = "station:" + station.code;
  if (r.http.body.size() > config_.max_photo_bytes) {
    return ErrorReply({ErrorCode::kPayloadTooLarge, fmt::format("图片不能超过 {} MB / at most {} MB",
                                                                config_.max_photo_bytes >> 20,
                                                                config_.max_photo_bytes >> 20)});
  }
  if (static_cast<int>(station.photos.size()) >= config_.max_photos_per_station) {
    return ErrorReply(Error::Conflict(fmt::format("每个站点最多 {} 张照片 / at most {} photos",
                                                  config_.max_photos_per_station, config_.max_photos_per_station)));
  }
  std::string caption = r.Query("caption");
  if (!IsValidUtf8(caption) || CountCodePoints(caption) > 100) {
    return ErrorReply(Error::InvalidArgument("caption: at most 100 characters"));
  }
  auto photo = ReencodePhoto(r.http.body);
  if (!photo) {
    Audit(r, "station.photo_add", object, AuditOutcome::kFailed, photo.error().message);
    return ErrorReply(photo.error());
  }
  const std::string file = RandomToken(18) + ".jpg";
  const fs::path dir = config_.photo_dir / station.code;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return ErrorReply(Error::Unavailable("cannot create the photo directory"));
  {
    std::ofstream out(dir / file, std::ios::binary | std::ios::trunc);
    out.write(photo->jpeg.data(), static_cast<std::streamsize>(photo->jpeg.size()));
    if (!out.flush()) return ErrorReply(Error::Unavailable("cannot write the photo"));
  }
  station.photos.push_back({station.code + "/" + file, caption});
  if (auto saved = SaveStations(std::span(&station, 1)); !saved) {
    fs::remove(dir / file, ec);
    return ErrorReply(saved.error());
  }
  Audit(r, "station.photo_add", object, AuditOutcome::kSuccess, file);
  return JsonReply(201, boost::json::object{{"file", file}, {"caption", caption}, {"width", photo->width},
                                            {"height", photo->height}});
}

HttpResponse AdminApi::GetPhoto(const AdminRequest& r) {
  auto stored = store_.stations().FindStation(r.Param("code"));
  if (!stored) return ErrorReply(stored.error());
  if (!*stored || !r.principal->CanReachStation((*stored)->code, (*stored)->region)) {
    return ErrorReply(Error::NotFound("没有这张照片 / no such photo"));
  }
  auto bytes = ReadStationPhoto(config_.photo_dir, **stored, r.Param("file"));
  if (!bytes) return ErrorReply(bytes.error());
  HttpResponse response;
  response.content_type = "image/jpeg";
  response.body = std::move(*bytes);
  return response;
}

HttpResponse AdminApi::DeletePhoto(const AdminRequest& r) {
  const std::string_view file = r.Param("file");
  auto stored = store_.stations().FindStation(r.Param("code"));
  if (!stored) return ErrorReply(stored.error());
  const Error not_found = Error::NotFound("没有这张照片 / no such photo");
  if (!*stored || !r.principal->CanReachStation((*stored)->code, (*stored)->region) || !IsPhotoFileName(file)) {
    return ErrorReply(not_found);
  }
  Station station = std::move(**stored);
  const std::string path = station.code + "/" + std::string(file);
  const auto it = std::find_if(station.photos.begin(), station.photos.end(),
                               [&](const StationPhoto& p) { return p.path == path; });
  if (it == station.photos.end()) return ErrorReply(not_found);
  station.photos.erase(it);
  if (auto saved = SaveStations(std::span(&station, 1)); !saved) return ErrorReply(saved.error());
  std::error_code ec;
  fs::remove(config_.photo_dir / path, ec);
  Audit(r, "station.photo_delete", "station:" + station.code, AuditOutcome::kSuccess, std::string(file));
  return JsonReply(200, boost::json::object{{"deleted", std::string(file)}});
}

}  // namespace yz
