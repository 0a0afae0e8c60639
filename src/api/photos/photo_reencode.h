// Photos uploaded from the console: JPEG or PNG only, decoded to pixels and encoded again as a
// fresh JPEG, so that nothing of the original file — EXIF and GPS tags, comments, thumbnails,
// trailing data — survives. A JPEG's EXIF orientation is applied to the pixels first, so that a
// phone's portrait photo stays upright once the tag is gone.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/photos/decode_budget.h"
#include "core/result.h"

namespace yz {

struct ReencodedPhoto {
  std::string jpeg;  // baseline JPEG, quality 85, JFIF header only
  int width = 0;
  int height = 0;
};

// Pixels, 8-bit RGB, row by row.
struct RgbImage {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;  // width * height * 3
};

// `image` turned upright for EXIF orientation 1–8 (exif_orientation.h): 2 mirrors it, 3 turns it
// 180°, 4 flips it, 5 transposes it, 6 turns it 90° clockwise, 7 transverses it, 8 turns it 90°
// anticlockwise; 5–8 swap width and height. Any other value leaves it as it is.
RgbImage OrientImage(const RgbImage& image, int orientation);

// The pixels of a JPEG or PNG (by content) as a viewer shows them: a JPEG's EXIF orientation
// applied, transparency laid on white. Limits and errors as ReencodePhoto's.
Result<RgbImage> DecodePhoto(std::string_view bytes, int64_t max_pixels = 40'000'000,
                             DecodeBudget& budget = DecodeBudget::Shared());

// `bytes` must be a JPEG or PNG (by content, whatever the name) of at most `max_pixels` pixels
// and at most 10000 pixels a side; transparency is laid on white. Anything else, or a damaged
// image → invalid_argument. The pixels the image declares are taken from `budget` while it is
// decoded and encoded again; when they do not fit (other uploads are being decoded) →
// unavailable, at once.
Result<ReencodedPhoto> ReencodePhoto(std::string_view bytes, int64_t max_pixels = 40'000'000,
                                     DecodeBudget& budget = DecodeBudget::Shared());

}  // namespace yz
