// GET /api/v1/stations/{code}/qr.svg and /qr.png: the QR code of {public-url}/s/{code}.
#include "api/api_response.h"
#include "api/public/public_api.h"
#include "api/qr/qr_code.h"

namespace yz {
namespace {

HttpResponse Cacheable(std::string content_type, std::string body) {
  HttpResponse r;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  // Short: the console may change the public address the code holds.
  r.headers.emplace_back("Cache-Control", "public, max-age=300");
  return r;
}

}  // namespace

HttpResponse PublicApi::QrSvg(const HttpRequest&, const PathParams& params) const {
  const auto catalog = directory_.Current();
  const Station* s = catalog->Find(params.Get("code").value_or(""));
  if (!s) return ErrorReply(Error::NotFound("no station with this code"));
  if (auto why = WhyNotPrintable(config_.address->Get())) return ErrorReply(Error::Conflict(*why));
  auto qr = EncodeQr(CheckinUrl(s->code));
  if (!qr) return ErrorReply(qr.error());
  return Cacheable("image/svg+xml", QrToSvg(*qr));
}

HttpResponse PublicApi::QrPng(const HttpRequest&, const PathParams& params) const {
  const auto catalog = directory_.Current();
  const Station* s = catalog->Find(params.Get("code").value_or(""));
  if (!s) return ErrorReply(Error::NotFound("no station with this code"));
  if (auto why = WhyNotPrintable(config_.address->Get())) return ErrorReply(Error::Conflict(*why));
  auto qr = EncodeQr(CheckinUrl(s->code));
  if (!qr) return ErrorReply(qr.error());
  auto png = QrToPng(*qr);
  if (!png) return ErrorReply(png.error());
  return Cacheable("image/png", std::move(*png));
}

}  // namespace yz
