// Photos re-encoded from the console keep their orientation: a phone's portrait photo (stored
// landscape with EXIF orientation 6) comes out upright, without the EXIF segment.
#include "api/photos/photo_reencode.h"

#include <gtest/gtest.h>
#include <png.h>
#include <sys/resource.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "api/photos/exif_orientation.h"

namespace yz {
namespace {

// A w × h image whose red channel numbers the pixels row by row (A=0, B=1, …).
RgbImage Numbered(int w, int h) {
  RgbImage image{w, h, std::vector<unsigned char>(static_cast<std::size_t>(w) * h * 3, 0)};
  for (int i = 0; i < w * h; ++i)
    image.rgb[static_cast<std::size_t>(i) * 3] = static_cast<unsigned char>(i);
  return image;
}

// The red channels row by row, e.g. "3 0 / 4 1 / 5 2".
std::string Rows(const RgbImage& image) {
  std::string out;
  for (int y = 0; y < image.height; ++y) {
    if (y) out += " / ";
    for (int x = 0; x < image.width; ++x) {
      if (x) out += ' ';
      out += std::to_string(image.rgb[(static_cast<std::size_t>(y) * image.width + x) * 3]);
    }
  }
  return out;
}

TEST(PhotoReencode, OrientImageTurnsEachExifOrientationUpright) {
  // Stored:  0 1 2      (A B C)
  //          3 4 5      (D E F)
  const RgbImage stored = Numbered(3, 2);
  EXPECT_EQ(Rows(OrientImage(stored, 1)), "0 1 2 / 3 4 5");
  EXPECT_EQ(Rows(OrientImage(stored, 2)), "2 1 0 / 5 4 3");    // mirrored
  EXPECT_EQ(Rows(OrientImage(stored, 3)), "5 4 3 / 2 1 0");    // 180°
  EXPECT_EQ(Rows(OrientImage(stored, 4)), "3 4 5 / 0 1 2");    // flipped
  EXPECT_EQ(Rows(OrientImage(stored, 5)), "0 3 / 1 4 / 2 5");  // transposed
  EXPECT_EQ(Rows(OrientImage(stored, 6)), "3 0 / 4 1 / 5 2");  // 90° clockwise
  EXPECT_EQ(Rows(OrientImage(stored, 7)), "5 2 / 4 1 / 3 0");  // transversed
  EXPECT_EQ(Rows(OrientImage(stored, 8)), "2 5 / 1 4 / 0 3");  // 90° anticlockwise
  EXPECT_EQ(Rows(OrientImage(stored, 9)), "0 1 2 / 3 4 5");    // unknown: as stored
  EXPECT_EQ(OrientImage(stored, 6).width, 2);
  EXPECT_EQ(OrientImage(stored, 6).height, 3);
}

// An APP1 EXIF segment with one IFD0 entry: orientation (SHORT) in the given byte order.
std::string ExifSegment(int orientation, bool big_endian) {
  auto u16 = [&](int v) {
    return big_endian ? std::string{static_cast<char>(v >> 8), static_cast<char>(v & 0xFF)}
                      : std::string{static_cast<char>(v & 0xFF), static_cast<char>(v >> 8)};
  };
  auto u32 = [&](int v) { return big_endian ? u16(0) + u16(v) : u16(v) + u16(0); };
  std::string tiff = std::string(big_endian ? "MM" : "II") + u16(42) + u32(8);
  tiff += u16(2);                                 // two entries
  tiff += u16(0x010F) + u16(2) + u32(4) + "Cam";  // make (ASCII), skipped
  tiff += std::string(1, '\0');
  tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + u16(0);
  tiff += u32(0);  // no next IFD
  const std::string payload = std::string("Exif\0\0", 6) + tiff;
  std::string segment = "\xFF\xE1";
  segment += static_cast<char>(((payload.size() + 2) >> 8) & 0xFF);
  segment += static_cast<char>((payload.size() + 2) & 0xFF);
  return segment + payload;
}

TEST(PhotoReencode, ExifOrientationIsReadInBothByteOrdersAndMalformedSegmentsGiveOne) {
  const std::string soi = "\xFF\xD8";
  const std::string rest = "\xFF\xDA\x00\x02";  // start of scan: the search stops here
  for (int o = 1; o <= 8; ++o) {
    EXPECT_EQ(ExifOrientation(soi + ExifSegment(o, true) + rest), o);
    EXPECT_EQ(ExifOrientation(soi + ExifSegment(o, false) + rest), o);
  }
  EXPECT_EQ(ExifOrientation(soi + rest), 1);                         // no EXIF
  EXPECT_EQ(ExifOrientation(soi + ExifSegment(0, true) + rest), 1);  // out of range
  EXPECT_EQ(ExifOrientation(soi + ExifSegment(9, true) + rest), 1);
  EXPECT_EQ(ExifOrientation("not a jpeg"), 1);
  EXPECT_EQ(ExifOrientation(""), 1);
  const std::string whole = soi + ExifSegment(6, true) + rest;
  for (std::size_t cut = 0; cut < whole.size(); ++cut) {  // every truncation: no read past the end
    const int o = ExifOrientation(std::string_view(whole).substr(0, cut));
    EXPECT_TRUE(o == 1 || o == 6) << cut;
  }
  // Text where the TIFF header should be (what the admin API test splices in).
  const std::string junk = std::string("Exif\0\0", 6) + "MM GPSLatitude 36.88";
  std::string app1 = "\xFF\xE1";
  app1 += static_cast<char>(0);
  app1 += static_cast<char>(junk.size() + 2);
  EXPECT_EQ(ExifOrientation(soi + app1 + junk + rest), 1);
}

// A PNG of w × h: the left half red, the right half blue.
std::string HalvesPng(int w, int h) {
  std::vector<unsigned char> rgb(static_cast<std::size_t>(w) * h * 3, 0);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x)
      rgb[(static_cast<std::size_t>(y) * w + x) * 3 + (x < w / 2 ? 0 : 2)] = 255;
  }
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(w);
  image.height = static_cast<png_uint_32>(h);
  image.format = PNG_FORMAT_RGB;
  png_alloc_size_t size = 0;
  EXPECT_TRUE(png_image_write_to_memory(&image, nullptr, &size, 0, rgb.data(), 0, nullptr));
  std::string png(size, '\0');
  EXPECT_TRUE(png_image_write_to_memory(&image, png.data(), &size, 0, rgb.data(), 0, nullptr));
  png.resize(size);
  return png;
}

TEST(PhotoReencode, APortraitPhotoTaggedSixComesOutUprightWithoutExif) {
  // A landscape JPEG (left red, right blue) as a phone stores a portrait shot, tagged 6.
  auto landscape = ReencodePhoto(HalvesPng(64, 32));
  ASSERT_TRUE(landscape.ok()) << landscape.error().message;
  ASSERT_EQ(landscape->width, 64);
  const std::string tagged =
      landscape->jpeg.substr(0, 2) + ExifSegment(6, false) + landscape->jpeg.substr(2);
  ASSERT_EQ(ExifOrientation(tagged), 6);

  auto upright = ReencodePhoto(tagged);
  ASSERT_TRUE(upright.ok()) << upright.error().message;
  EXPECT_EQ(upright->width, 32);
  EXPECT_EQ(upright->height, 64);
  EXPECT_EQ(upright->jpeg.find("Exif"), std::string::npos);
  auto decoded = DecodePhoto(upright->jpeg);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  const RgbImage& pixels = *decoded;
  ASSERT_EQ(pixels.width, 32);
  auto at = [&](int x, int y) {
    return &pixels.rgb[(static_cast<std::size_t>(y) * pixels.width + x) * 3];
  };
  // Turned 90° clockwise, the stored left half (red) is now on top and the right (blue) below.
  EXPECT_GT(at(16, 8)[0], 200);
  EXPECT_LT(at(16, 8)[2], 60);
  EXPECT_GT(at(16, 56)[2], 200);
  EXPECT_LT(at(16, 56)[0], 60);
}

// Regression (found by photo_fuzzer): a 536-byte progressive JPEG whose header claims a huge
// image made the decoder allocate 6 GB before the size limit was checked.
TEST(PhotoReencode, AHugeImageDeclaredInTheHeaderIsRefusedBeforeAnythingIsAllocated) {
  const char* source = std::getenv("YIZHAN_SOURCE_DIR");
  ASSERT_NE(source, nullptr) << "run under ctest (YIZHAN_SOURCE_DIR)";
  std::ifstream in(std::string(source) + "/tests/app/fixtures/jpeg-progressive-65000px-header.jpg",
                   std::ios::binary);
  ASSERT_TRUE(in.good());
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_EQ(bytes.size(), 536u);
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  auto photo = ReencodePhoto(bytes);
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 256 * 1024)
      << "peak memory grew by more than 256 MB (KiB)";
  ASSERT_FALSE(photo.ok());
  EXPECT_EQ(photo.error().code, ErrorCode::kInvalidArgument);
}

// Concurrent uploads share one pixel budget: a decode that does not fit is refused at once
// (503), and the pixels come back when the decode is over.
TEST(PhotoReencode, DecodesTakeTheirDeclaredPixelsFromASharedBudget) {
  const std::string png = HalvesPng(64, 32);  // 2,048 pixels
  DecodeBudget budget(3'000);
  {
    auto other_upload = budget.Take(2'000);  // another upload is being decoded
    ASSERT_TRUE(other_upload.has_value());
    auto refused = ReencodePhoto(png, 40'000'000, budget);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
    EXPECT_NE(refused.error().message.find("稍后再试"), std::string::npos);
    EXPECT_EQ(budget.in_use(), 2'000);
  }
  auto jpeg = ReencodePhoto(png, 40'000'000, budget);
  ASSERT_TRUE(jpeg.ok()) << jpeg.error().message;
  EXPECT_EQ(budget.in_use(), 0);
  // A JPEG declares its pixels in its frame header, read before the decoder starts.
  {
    auto other_upload = budget.Take(1'000);
    EXPECT_EQ(DecodePhoto(jpeg->jpeg, 40'000'000, budget).error().code, ErrorCode::kUnavailable);
  }
  EXPECT_TRUE(DecodePhoto(jpeg->jpeg, 40'000'000, budget).ok());
  EXPECT_EQ(budget.in_use(), 0);
  // Damaged images are still what the decoder says, not "busy".
  EXPECT_EQ(ReencodePhoto(png.substr(0, 40), 40'000'000, budget).error().code,
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace yz
