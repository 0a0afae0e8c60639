// The pinned error body of the public API: {"error": {"code": "<stable_code>", "message": "…"}}.
// The HTTP layer uses it for its own refusals (400, 404, 405, 413, 431, 500, 503); the api layer
// maps the domain's Error catalogue to statuses and calls the same builder.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "http/message.h"

namespace yz {

// The JSON text {"error":{"code":…,"message":…}}. Both strings are escaped by Boost.JSON; bytes
// that are not well-formed UTF-8 (e.g. an echoed request path) become U+FFFD, so the body is
// always valid JSON in UTF-8.
std::string ErrorJson(std::string_view code, std::string_view message);

// A response with `status`, the JSON content type and ErrorJson(code, message) as body.
HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message);

// The same from a catalogue Error: the code is ErrorCodeName(error.code). The caller chooses the
// status (the api layer owns the code → status mapping).
HttpResponse ErrorResponse(int status, const Error& error);

}  // namespace yz
