#include "api/qr/qr_code.h"

#include <png.h>
#include <qrencode.h>

#include <memory>

#include <fmt/format.h>

namespace yz {
namespace {
constexpr int kQuietZone = 4;
}

Result<QrMatrix> EncodeQr(std::string_view text) {
  const std::string copy(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(copy.size()), reinterpret_cast<const unsigned char*>(copy.data()), 0,
                        QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) return Error::InvalidArgument("text too long for a QR code");
  QrMatrix m;
  m.size = code->width;
  m.dark.resize(static_cast<std::size_t>(m.size) * m.size);
  for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1;
  return m;
}

std::string QrToSvg(const QrMatrix& qr) {
  const int total = qr.size + 2 * kQuietZone;
  std::string path;
  for (int y = 0; y < qr.size; ++y) {
    for (int x = 0; x < qr.size; ++x) {
      if (!qr.Dark(x, y)) continue;
      int run = 1;
      while (x + run < qr.size && qr.Dark(x + run, y)) ++run;
      path += fmt::format("M{} {}h{}v1h-{}z", x + kQuietZone, y + kQuietZone, run, run);
      x += run - 1;
    }
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" width=\"{1}\" height=\"{1}\" "
      "shape-rendering=\"crispEdges\"><rect width=\"{0}\" height=\"{0}\" fill=\"#fff\"/>"
      "<path fill=\"#000\" d=\"{2}\"/></svg>\n",
      total, total * 8, path);
}

Result<std::string> QrToPng(const QrMatrix& qr, int module_px) {
  const int total = (qr.size + 2 * kQuietZone) * module_px;
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(total);
  image.height = static_cast<png_uint_32>(total);
  image.format = PNG_FORMAT_GRAY;
  std::vector<unsigned char> pixels(static_cast<std::size_t>(total) * total, 255);
  for (int y = 0; y < qr.size; ++y) {
    for (int x = 0; x < qr.size; ++x) {
      if (!qr.Dark(x, y)) continue;
      for (int dy = 0; dy < module_px; ++dy) {
        unsigned char* row = &pixels[static_cast<std::size_t>((y + kQuietZone) * module_px + dy) * total];
        std::fill_n(row + (x + kQuietZone) * module_px, module_px, 0);
      }
    }
  }
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data(), 0, nullptr)) {
    return Error::Internal("png sizing failed");
  }
  std::string out(size, '\0');
  if (!png_image_write_to_memory(&image, out.data(), &size, 0, pixels.data(), 0, nullptr)) {
    return Error::Internal(fmt::format("png encoding failed: {}", image.message));
  }
  out.resize(size);
  return out;
}

}  // namespace yz
