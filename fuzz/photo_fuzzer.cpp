// libFuzzer target: uploaded photo bytes → ExifOrientation and ReencodePhoto (the console's photo
// upload, src/api/photos/photo_reencode.h), with the pixel limit lowered so that a run explores
// formats rather than large images.
//
// Invariants (a violation aborts, which libFuzzer reports as a crash): the orientation is 1–8;
// ReencodePhoto either refuses with invalid_argument (never an internal error) or gives a JPEG (FF
// D8 FF) without an EXIF segment whose sides are at most the limit. AddressSanitizer,
// UndefinedBehaviorSanitizer and LeakSanitizer check the rest — the EXIF and marker walk must never
// read outside the input.
//
// Build and run: scripts/fuzz.sh [SECONDS] (this target gets a share of the time).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/photos/exif_orientation.h"
#include "api/photos/photo_reencode.h"

namespace {

constexpr int64_t kMaxPixels = 1'000'000;

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const int orientation = yz::ExifOrientation(bytes);
  Check(orientation >= 1 && orientation <= 8);

  const auto photo = yz::ReencodePhoto(bytes, kMaxPixels);
  if (!photo) {
    Check(photo.error().code == yz::ErrorCode::kInvalidArgument);
    return 0;
  }
  Check(photo->jpeg.size() > 3 && static_cast<uint8_t>(photo->jpeg[0]) == 0xFF &&
        static_cast<uint8_t>(photo->jpeg[1]) == 0xD8 &&
        static_cast<uint8_t>(photo->jpeg[2]) == 0xFF);
  Check(photo->jpeg.find(std::string_view("Exif\0\0", 6)) == std::string::npos);
  Check(photo->width > 0 && photo->height > 0 &&
        int64_t{photo->width} * photo->height <= kMaxPixels);
  Check(yz::ExifOrientation(photo->jpeg) == 1);
  return 0;
}
