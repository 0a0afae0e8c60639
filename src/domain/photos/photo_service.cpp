#include "domain/photos/photo_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "domain/photos/photo_names.h"

namespace yz {
namespace {

const Error& NoSuchStation() {
  static const Error e = Error::NotFound("没有这个站点 / no such station");
  return e;
}
const Error& NoSuchPhoto() {
  static const Error e = Error::NotFound("没有这张照片 / no such photo");
  return e;
}

bool Lists(const Station& s, std::string_view file) {
  const std::string path = s.code + "/" + std::string(file);
  return std::any_of(s.photos.begin(), s.photos.end(),
                     [&](const StationPhoto& p) { return p.path == path; });
}

}  // namespace

Result<Station> PhotoService::FindInScope(const Principal& who, std::string_view code,
                                          const Error& not_found) {
  auto stored = stations_.FindStation(code);
  if (!stored) return stored.error();
  if (!*stored || !who.CanReachStation((*stored)->code, (*stored)->region)) return not_found;
  return std::move(**stored);
}

Result<AddedPhoto> PhotoService::Add(const Caller& who, std::string_view station_code,
                                     std::string_view bytes, std::string_view caption) {
  auto station = FindInScope(who.principal, station_code, NoSuchStation());
  if (!station) return station.error();
  const std::string object = "station:" + station->code;
  if (bytes.size() > limits_.max_bytes) {
    return Error{ErrorCode::kPayloadTooLarge,
                 fmt::format("图片不能超过 {0} MB / at most {0} MB", limits_.max_bytes >> 20)};
  }
  if (static_cast<int>(station->photos.size()) >= limits_.max_per_station) {
    return Error::Conflict(
        fmt::format("每个站点最多 {0} 张照片 / at most {0} photos", limits_.max_per_station));
  }
  if (!IsValidUtf8(caption) ||
      CountCodePoints(caption) > static_cast<std::size_t>(limits_.max_caption_chars)) {
    return Error::InvalidArgument(fmt::format("说明最多 {0} 个字 / caption: at most {0} characters",
                                              limits_.max_caption_chars));
  }
  auto photo = encode_(bytes);
  if (!photo) {
    auditor_.Record(who, "station.photo_add", object, AuditOutcome::kFailed, photo.error().message);
    return photo.error();
  }
  const std::string file = new_name_() + ".jpg";
  if (auto written = files_.Write(station->code, file, photo->jpeg); !written) {
    auditor_.Record(who, "station.photo_add", object, AuditOutcome::kFailed,
                    written.error().message);
    return written.error();
  }
  station->photos.push_back({station->code + "/" + file, std::string(caption)});
  if (auto saved = directory_.Save(std::span(&*station, 1)); !saved) {
    files_.Remove(station->code, file);
    auditor_.Record(who, "station.photo_add", object, AuditOutcome::kFailed, saved.error().message);
    return saved.error();
  }
  auditor_.Record(who, "station.photo_add", object, AuditOutcome::kSuccess, file);
  return AddedPhoto{file, std::string(caption), photo->width, photo->height};
}

Result<std::string> PhotoService::Read(const Principal& who, std::string_view station_code,
                                       std::string_view file) {
  auto station = FindInScope(who, station_code, NoSuchPhoto());
  if (!station) return station.error();
  if (!IsPhotoFileName(file) || !Lists(*station, file)) return NoSuchPhoto();
  auto bytes = files_.Read(station->code, file);
  if (!bytes && bytes.error().code == ErrorCode::kNotFound) return NoSuchPhoto();
  return bytes;
}

Result<void> PhotoService::Remove(const Caller& who, std::string_view station_code,
                                  std::string_view file) {
  auto station = FindInScope(who.principal, station_code, NoSuchPhoto());
  if (!station) return station.error();
  if (!IsPhotoFileName(file) || !Lists(*station, file)) return NoSuchPhoto();
  const std::string path = station->code + "/" + std::string(file);
  std::erase_if(station->photos, [&](const StationPhoto& p) { return p.path == path; });
  if (auto saved = directory_.Save(std::span(&*station, 1)); !saved) {
    auditor_.Record(who, "station.photo_delete", "station:" + station->code, AuditOutcome::kFailed,
                    saved.error().message);
    return saved.error();
  }
  files_.Remove(station->code, file);
  auditor_.Record(who, "station.photo_delete", "station:" + station->code, AuditOutcome::kSuccess,
                  file);
  return Ok();
}

}  // namespace yz
