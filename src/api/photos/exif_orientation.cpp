#include "api/photos/exif_orientation.h"

#include <cstdint>

namespace yz {
namespace {

constexpr uint16_t kOrientationTag = 0x0112;
constexpr uint16_t kTypeShort = 3;

// Reads from a TIFF structure in either byte order, with every access bounds-checked.
class TiffReader {
 public:
  TiffReader(std::string_view tiff, bool big_endian) : tiff_(tiff), big_endian_(big_endian) {}
  bool U16(std::size_t at, uint16_t& v) const {
    if (at > tiff_.size() || tiff_.size() - at < 2) return false;
    const auto b0 = static_cast<uint8_t>(tiff_[at]), b1 = static_cast<uint8_t>(tiff_[at + 1]);
    v = big_endian_ ? static_cast<uint16_t>(b0 << 8 | b1) : static_cast<uint16_t>(b1 << 8 | b0);
    return true;
  }
  bool U32(std::size_t at, uint32_t& v) const {
    uint16_t hi = 0, lo = 0;
    if (!U16(at, big_endian_ ? hi : lo) || !U16(at + 2, big_endian_ ? lo : hi)) return false;
    v = uint32_t{hi} << 16 | lo;
    return true;
  }

 private:
  std::string_view tiff_;
  bool big_endian_;
};

// The orientation in an APP1 payload that starts with "Exif\0\0", or 1.
int OrientationInExif(std::string_view payload) {
  static constexpr std::string_view kExifHeader("Exif\0\0", 6);
  if (!payload.starts_with(kExifHeader)) return 1;
  const std::string_view tiff = payload.substr(kExifHeader.size());
  if (tiff.size() < 8) return 1;
  bool big_endian;
  if (tiff.starts_with("MM"))
    big_endian = true;
  else if (tiff.starts_with("II"))
    big_endian = false;
  else
    return 1;
  const TiffReader r(tiff, big_endian);
  uint16_t magic = 0, count = 0;
  uint32_t ifd = 0;
  if (!r.U16(2, magic) || magic != 42 || !r.U32(4, ifd) || !r.U16(ifd, count)) return 1;
  for (uint32_t k = 0; k < count; ++k) {
    const std::size_t entry = std::size_t{ifd} + 2 + std::size_t{k} * 12;
    uint16_t tag = 0, type = 0, value = 0;
    uint32_t n = 0;
    if (!r.U16(entry, tag) || !r.U16(entry + 2, type) || !r.U32(entry + 4, n)) return 1;
    if (tag != kOrientationTag) continue;
    if (type != kTypeShort || n != 1 || !r.U16(entry + 8, value)) return 1;
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

}  // namespace

int ExifOrientation(std::string_view jpeg) {
  // Markers after SOI: FF xx, then a 2-byte big-endian length (including itself) for every
  // segment but the standalone ones; the image data starts at SOS, after which no EXIF comes.
  if (jpeg.size() < 4 || static_cast<uint8_t>(jpeg[0]) != 0xFF ||
      static_cast<uint8_t>(jpeg[1]) != 0xD8)
    return 1;
  std::size_t at = 2;
  while (at + 4 <= jpeg.size()) {
    if (static_cast<uint8_t>(jpeg[at]) != 0xFF) return 1;
    const auto marker = static_cast<uint8_t>(jpeg[at + 1]);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xDA || marker == 0xD9) return 1;              // start of scan, end of image
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
      at += 2;
      continue;
    }
    const std::size_t length =
        std::size_t{static_cast<uint8_t>(jpeg[at + 2])} << 8 | static_cast<uint8_t>(jpeg[at + 3]);
    if (length < 2 || at + 2 + length > jpeg.size()) return 1;
    if (marker == 0xE1) {
      const std::string_view payload = jpeg.substr(at + 4, length - 2);
      if (payload.starts_with(std::string_view("Exif\0\0", 6))) return OrientationInExif(payload);
    }
    at += 2 + length;
  }
  return 1;
}

}  // namespace yz
