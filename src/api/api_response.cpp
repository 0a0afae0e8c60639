#include "api/api_response.h"

#include <cmath>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "api/json_text.h"
#include "http/json_error.h"

namespace yz {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kRateLimited: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

HttpResponse ErrorReply(const Error& error) { return ErrorResponse(HttpStatusFor(error.code), error); }

HttpResponse JsonReply(int status, const boost::json::value& body) {
  HttpResponse r;
  r.status = status;
  r.body = ToJsonText(body);
  return r;
}

Result<boost::json::object> ParseJsonObject(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec) return Error::InvalidArgument(fmt::format("malformed JSON: {}", ec.message()));
  if (!v.is_object()) return Error::InvalidArgument("the body must be a JSON object");
  return std::move(v.as_object());
}

Result<std::string> RequiredString(const boost::json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (!v || v->is_null()) return Error::InvalidArgument(fmt::format("'{}' is required", name));
  if (!v->is_string()) return Error::InvalidArgument(fmt::format("'{}' must be a string", name));
  return std::string(v->as_string());
}

Result<std::optional<std::string>> OptionalString(const boost::json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (!v || v->is_null()) return std::optional<std::string>{};
  if (!v->is_string()) return Error::InvalidArgument(fmt::format("'{}' must be a string", name));
  return std::optional<std::string>{std::string(v->as_string())};
}

Result<int64_t> RequiredInteger(const boost::json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (!v || v->is_null()) return Error::InvalidArgument(fmt::format("'{}' is required", name));
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(v->as_uint64());
  if (v->is_double()) {
    // Range first: converting a double outside int64's range (1e300) is undefined behaviour.
    const double d = v->as_double();
    if (d >= -0x1p63 && d < 0x1p63 && d == std::trunc(d)) return static_cast<int64_t>(d);
  }
  return Error::InvalidArgument(fmt::format("'{}' must be an integer", name));
}

}  // namespace yz
