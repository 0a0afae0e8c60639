// The EXIF orientation of a JPEG: how the camera held the phone. Phones store a portrait photo
// as a landscape image plus this tag; re-encoding drops the tag (photo_reencode.h), so the pixels
// must be turned first or the photo shows on its side.
#pragma once

#include <string_view>

namespace yz {

// The orientation tag (0x0112) of the first EXIF segment of `jpeg`, 1–8 as in EXIF 2.3 (1 = as
// stored, 6 = turn 90° clockwise to view, …). 1 when there is no EXIF segment, no tag, or the
// segment is malformed (never reads outside `jpeg`).
int ExifOrientation(std::string_view jpeg);

}  // namespace yz
