// Station photos from the console: adding (size and count limits, re-encoding so that no EXIF or
// location survives, the file written before the station lists it and removed again if the save
// fails), reading and removing, each limited to the caller's scope and audited. HTTP-free: the
// encoder and the file storage are injected (api/photos re-encodes with libjpeg and libpng,
// storage/files keeps the files on disk; tests pass fakes).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/audit/auditor.h"
#include "domain/stations/station_directory.h"

namespace yz {

// Where photo files live. Thread-safe. `file` is always IsPhotoFileName.
class PhotoStorage {
 public:
  virtual ~PhotoStorage() = default;
  // Writes the whole file durably enough to serve it, replacing any older one. Failure →
  // kUnavailable.
  virtual Result<void> Write(std::string_view station_code, std::string_view file,
                             std::string_view bytes) = 0;
  // The file's bytes; kNotFound when it is missing.
  virtual Result<std::string> Read(std::string_view station_code, std::string_view file) = 0;
  // Removes the file if it exists; never fails (a leftover file is harmless: no station lists it).
  virtual void Remove(std::string_view station_code, std::string_view file) = 0;
};

struct EncodedPhoto {
  std::string jpeg;
  int width = 0;
  int height = 0;
};
// Decodes an uploaded image and encodes it afresh; kInvalidArgument for anything not an image.
using PhotoEncoder = std::function<Result<EncodedPhoto>(std::string_view bytes)>;

struct PhotoLimits {
  std::size_t max_bytes = 8u * 1024u * 1024u;  // per upload
  int max_per_station = 12;
  int max_caption_chars = 100;
};

struct AddedPhoto {
  std::string file;
  std::string caption;
  int width = 0;
  int height = 0;
};

class PhotoService {
 public:
  // `new_name` makes a fresh unguessable file stem. REQUIRES: references outlive this object.
  PhotoService(StationRepository& stations, StationDirectory& directory, PhotoStorage& files,
               PhotoEncoder encode, Auditor& auditor, std::function<std::string()> new_name,
               PhotoLimits limits = {})
      : stations_(stations),
        directory_(directory),
        files_(files),
        encode_(std::move(encode)),
        auditor_(auditor),
        new_name_(std::move(new_name)),
        limits_(limits) {}

  // Station unknown or outside scope → kNotFound; too large → kPayloadTooLarge; the station
  // already has the most photos → kConflict; a caption too long or not UTF-8, or not an image →
  // kInvalidArgument. Audited "station.photo_add".
  Result<AddedPhoto> Add(const Caller& who, std::string_view station_code, std::string_view bytes,
                         std::string_view caption);
  // The photo's bytes; kNotFound unless the station is in scope and lists the file.
  Result<std::string> Read(const Principal& who, std::string_view station_code,
                           std::string_view file);
  // Removes the photo from the station, then its file. Audited "station.photo_delete".
  Result<void> Remove(const Caller& who, std::string_view station_code, std::string_view file);

 private:
  // The stored station when it exists and lies in scope.
  Result<Station> FindInScope(const Principal& who, std::string_view code, const Error& not_found);

  StationRepository& stations_;
  StationDirectory& directory_;
  PhotoStorage& files_;
  PhotoEncoder encode_;
  Auditor& auditor_;
  std::function<std::string()> new_name_;
  const PhotoLimits limits_;
};

}  // namespace yz
