// QR codes of the check-in URL printed on station plaques (libqrencode), as SVG or PNG.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace yz {

// A QR symbol: size × size modules, row-major, true = dark.
struct QrMatrix {
  int size = 0;
  std::vector<bool> dark;
  bool Dark(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x]; }
};

// Error correction level M (15 %), 8-bit mode. Text longer than a QR code holds → invalid_argument.
Result<QrMatrix> EncodeQr(std::string_view text);

// Black modules on white with a 4-module quiet zone; `module_px` pixels per module in the PNG,
// the SVG scales freely (viewBox in modules, one path for all dark modules).
std::string QrToSvg(const QrMatrix& qr);
Result<std::string> QrToPng(const QrMatrix& qr, int module_px = 8);

}  // namespace yz
