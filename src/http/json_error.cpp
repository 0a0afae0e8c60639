#include "http/json_error.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/text.h"

namespace yz {
namespace {

// Replaces each byte that starts no well-formed UTF-8 sequence by U+FFFD: Boost.JSON copies string
// bytes through unchanged, and a client's JSON parser may reject invalid UTF-8.
std::string ToValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  while (!s.empty()) {
    const std::size_t bad = FindInvalidUtf8(s);
    if (bad == std::string_view::npos) {
      out.append(s);
      break;
    }
    out.append(s.substr(0, bad));
    out.append("\xEF\xBF\xBD");
    s.remove_prefix(bad + 1);
  }
  return out;
}

}  // namespace

std::string ErrorJson(std::string_view code, std::string_view message) {
  boost::json::object error;
  error["code"] = ToValidUtf8(code);
  error["message"] = ToValidUtf8(message);
  boost::json::object body;
  body["error"] = std::move(error);
  return boost::json::serialize(body);
}

HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message) {
  HttpResponse response;
  response.status = status;
  response.body = ErrorJson(code, message);
  return response;
}

HttpResponse ErrorResponse(int status, const Error& error) {
  return ErrorResponse(status, ErrorCodeName(error.code), error.message);
}

}  // namespace yz
