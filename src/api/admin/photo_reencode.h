// Photos uploaded from the console: JPEG or PNG only, decoded to pixels and encoded again as a
// fresh JPEG, so that nothing of the original file — EXIF and GPS tags, comments, thumbnails,
// trailing data — survives.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace yz {

struct ReencodedPhoto {
  std::string jpeg;  // baseline JPEG, quality 85, JFIF header only
  int width = 0;
  int height = 0;
};

// `bytes` must be a JPEG or PNG (by content, whatever the name) of at most `max_pixels` pixels
// and at most 10000 pixels a side; transparency is laid on white. Anything else, or a damaged
// image → invalid_argument.
Result<ReencodedPhoto> ReencodePhoto(std::string_view bytes, int64_t max_pixels = 40'000'000);

}  // namespace yz
