#include "api/photos/photo_reencode.h"

// jpeglib.h needs size_t and FILE declared before it.
#include <jpeglib.h>
#include <png.h>

#include <algorithm>
#include <csetjmp>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

#include "api/photos/decode_budget.h"
#include "api/photos/exif_orientation.h"

namespace yz {
namespace {

constexpr int kMaxSide = 10000;
constexpr int kQuality = 85;

struct JpegError {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
};

void OnJpegError(j_common_ptr info) {
  auto* e = reinterpret_cast<JpegError*>(info->err);
  std::longjmp(e->jump, 1);
}

void IgnoreJpegMessage(j_common_ptr) {}

// Decodes a JPEG to RGB. No C++ object with a destructor may live across setjmp's scope
// except those declared before it.
Result<RgbImage> DecodeJpeg(std::string_view bytes, int64_t max_pixels) {
  RgbImage out;
  jpeg_decompress_struct info;
  JpegError error;
  info.err = jpeg_std_error(&error.mgr);
  error.mgr.error_exit = OnJpegError;
  error.mgr.output_message = IgnoreJpegMessage;
  volatile bool too_large = false;
  if (setjmp(error.jump)) {
    jpeg_destroy_decompress(&info);
    return Error::InvalidArgument(too_large ? "图片过大 / image too large"
                                            : "图片已损坏 / damaged JPEG");
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()),
               static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  // The size is checked from the header, before jpeg_start_decompress: for a progressive or
  // multi-scan JPEG that call allocates coefficient buffers for the whole declared image
  // (gigabytes for a 500-byte file claiming 65,000 pixels a side). libjpeg's own memory cap
  // backs this up for whatever else it buffers.
  if (info.image_width > kMaxSide || info.image_height > kMaxSide ||
      int64_t{info.image_width} * info.image_height > max_pixels) {
    too_large = true;
    std::longjmp(error.jump, 1);
  }
  info.mem->max_memory_to_use = 512L * 1024 * 1024;
  info.out_color_space = JCS_RGB;
  jpeg_start_decompress(&info);
  if (info.output_width > kMaxSide || info.output_height > kMaxSide ||
      int64_t{info.output_width} * info.output_height > max_pixels || info.output_components != 3) {
    too_large = info.output_components == 3;
    std::longjmp(error.jump, 1);
  }
  out.width = static_cast<int>(info.output_width);
  out.height = static_cast<int>(info.output_height);
  out.rgb.resize(static_cast<std::size_t>(out.width) * out.height * 3);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = out.rgb.data() + static_cast<std::size_t>(info.output_scanline) * out.width * 3;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return out;
}

Result<RgbImage> DecodePng(std::string_view bytes, int64_t max_pixels) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) {
    return Error::InvalidArgument("图片已损坏 / damaged PNG");
  }
  if (image.width > kMaxSide || image.height > kMaxSide ||
      int64_t{image.width} * image.height > max_pixels) {
    png_image_free(&image);
    return Error::InvalidArgument("图片过大 / image too large");
  }
  image.format = PNG_FORMAT_RGB;
  RgbImage out;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  out.rgb.resize(PNG_IMAGE_SIZE(image));
  png_color white{255, 255, 255};
  if (!png_image_finish_read(&image, &white, out.rgb.data(), 0, nullptr)) {
    png_image_free(&image);
    return Error::InvalidArgument("图片已损坏 / damaged PNG");
  }
  return out;
}

Result<std::string> EncodeJpeg(const RgbImage& p) {
  jpeg_compress_struct info;
  JpegError error;
  info.err = jpeg_std_error(&error.mgr);
  error.mgr.error_exit = OnJpegError;
  error.mgr.output_message = IgnoreJpegMessage;
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  if (setjmp(error.jump)) {
    jpeg_destroy_compress(&info);
    std::free(buffer);
    return Error::Internal("JPEG encoding failed");
  }
  jpeg_create_compress(&info);
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = static_cast<JDIMENSION>(p.width);
  info.image_height = static_cast<JDIMENSION>(p.height);
  info.input_components = 3;
  info.in_color_space = JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, kQuality, TRUE);
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = const_cast<unsigned char*>(p.rgb.data()) +
                   static_cast<std::size_t>(info.next_scanline) * p.width * 3;
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  std::string out(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&info);
  std::free(buffer);
  return out;
}

int ReadBigEndian16(std::string_view b, std::size_t at) {
  return (static_cast<unsigned char>(b[at]) << 8) | static_cast<unsigned char>(b[at + 1]);
}

// The pixels an image declares (PNG: its IHDR; JPEG: its first frame header), read without a
// decoder, so that the decode budget is taken before the decoder allocates; nullopt when the
// header cannot be found (the decoder then says what is wrong).
std::optional<int64_t> DeclaredPixels(std::string_view b, bool jpeg) {
  if (!jpeg) {
    if (b.size() < 24) return std::nullopt;
    const auto be32 = [&](std::size_t at) {
      return int64_t{ReadBigEndian16(b, at)} << 16 | ReadBigEndian16(b, at + 2);
    };
    // A side beyond kMaxSide is refused by the decoder anyway; capped here so that the product
    // of two 32-bit sides cannot overflow (found by photo_fuzzer).
    return std::min<int64_t>(be32(16), kMaxSide + 1) * std::min<int64_t>(be32(20), kMaxSide + 1);
  }
  std::size_t i = 2;  // after SOI
  while (i + 4 <= b.size()) {
    if (static_cast<unsigned char>(b[i]) != 0xFF) return std::nullopt;
    const unsigned char marker = static_cast<unsigned char>(b[i + 1]);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) return std::nullopt;  // image end or scan before SOF
    const std::size_t length = static_cast<std::size_t>(ReadBigEndian16(b, i + 2));
    const bool frame =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame) {
      if (i + 9 > b.size()) return std::nullopt;
      return int64_t{ReadBigEndian16(b, i + 5)} * ReadBigEndian16(b, i + 7);
    }
    i += 2 + length;
  }
  return std::nullopt;
}

Result<RgbImage> DecodeWithin(std::string_view bytes, int64_t max_pixels, bool jpeg) {
  auto pixels = jpeg ? DecodeJpeg(bytes, max_pixels) : DecodePng(bytes, max_pixels);
  if (!pixels) return pixels.error();
  if (jpeg) *pixels = OrientImage(*pixels, ExifOrientation(bytes));
  return pixels;
}

// The budget's share of one decode: what the image declares (beyond the limit the decoder
// refuses it before allocating), else the limit.
Result<DecodeBudget::Lease> TakeBudget(DecodeBudget& budget, std::string_view bytes, bool jpeg,
                                       int64_t max_pixels) {
  const int64_t pixels = std::min(DeclaredPixels(bytes, jpeg).value_or(max_pixels), max_pixels);
  auto lease = budget.Take(pixels);
  if (!lease) {
    return Error::Unavailable(
        "服务器正在处理其他图片，请稍后再试 / the server is busy with other images, try again "
        "shortly");
  }
  return std::move(*lease);
}

bool IsJpeg(std::string_view bytes) {
  return bytes.size() > 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
         static_cast<unsigned char>(bytes[1]) == 0xD8 &&
         static_cast<unsigned char>(bytes[2]) == 0xFF;
}

bool IsPng(std::string_view bytes) {
  return bytes.size() > 8 && std::memcmp(bytes.data(), "\x89PNG\r\n\x1a\n", 8) == 0;
}

}  // namespace

RgbImage OrientImage(const RgbImage& image, int orientation) {
  if (orientation < 2 || orientation > 8) return image;
  const int w = image.width, h = image.height;
  const bool swapped = orientation >= 5;
  RgbImage out;
  out.width = swapped ? h : w;
  out.height = swapped ? w : h;
  out.rgb.resize(image.rgb.size());
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      // The stored pixel (sx, sy) that shows at (x, y) once upright.
      int sx = x, sy = y;
      switch (orientation) {
        case 2:
          sx = w - 1 - x;
          break;
        case 3:
          sx = w - 1 - x;
          sy = h - 1 - y;
          break;
        case 4:
          sy = h - 1 - y;
          break;
        case 5:
          sx = y;
          sy = x;
          break;
        case 6:
          sx = y;
          sy = h - 1 - x;
          break;
        case 7:
          sx = w - 1 - y;
          sy = h - 1 - x;
          break;
        case 8:
          sx = w - 1 - y;
          sy = x;
          break;
      }
      const std::size_t from = (static_cast<std::size_t>(sy) * w + sx) * 3;
      const std::size_t to = (static_cast<std::size_t>(y) * out.width + x) * 3;
      out.rgb[to] = image.rgb[from];
      out.rgb[to + 1] = image.rgb[from + 1];
      out.rgb[to + 2] = image.rgb[from + 2];
    }
  }
  return out;
}

Result<RgbImage> DecodePhoto(std::string_view bytes, int64_t max_pixels, DecodeBudget& budget) {
  const bool jpeg = IsJpeg(bytes);
  if (!jpeg && !IsPng(bytes))
    return Error::InvalidArgument("只接受 JPEG 或 PNG 图片 / only JPEG or PNG images");
  auto lease = TakeBudget(budget, bytes, jpeg, max_pixels);
  if (!lease) return lease.error();
  return DecodeWithin(bytes, max_pixels, jpeg);
}

Result<ReencodedPhoto> ReencodePhoto(std::string_view bytes, int64_t max_pixels,
                                     DecodeBudget& budget) {
  const bool jpeg = IsJpeg(bytes);
  if (!jpeg && !IsPng(bytes))
    return Error::InvalidArgument("只接受 JPEG 或 PNG 图片 / only JPEG or PNG images");
  // Held until the new JPEG is made: the pixels live until then.
  auto lease = TakeBudget(budget, bytes, jpeg, max_pixels);
  if (!lease) return lease.error();
  auto pixels = DecodeWithin(bytes, max_pixels, jpeg);
  if (!pixels) return pixels.error();
  auto encoded = EncodeJpeg(*pixels);
  if (!encoded) return encoded.error();
  return ReencodedPhoto{std::move(*encoded), pixels->width, pixels->height};
}

}  // namespace yz
