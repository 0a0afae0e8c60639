// PhotoStorage on disk: one folder per station under a root outside the web root
// ({root}/{code}/{file}), the layout api/photo_files.h serves to workers.
#pragma once

#include <filesystem>

#include "domain/photos/photo_service.h"

namespace yz {

class PhotoFolder final : public PhotoStorage {
 public:
  // The root is created on the first write.
  explicit PhotoFolder(std::filesystem::path root) : root_(std::move(root)) {}

  Result<void> Write(std::string_view station_code, std::string_view file,
                     std::string_view bytes) override;
  Result<std::string> Read(std::string_view station_code, std::string_view file) override;
  void Remove(std::string_view station_code, std::string_view file) override;

 private:
  const std::filesystem::path root_;
};

}  // namespace yz
