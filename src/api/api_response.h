// Building the API's answers: the one mapping of the error catalogue to HTTP statuses, JSON
// bodies, and reading JSON request bodies.
#pragma once

#include <optional>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/result.h"
#include "http/message.h"

namespace yz {

// invalid_argument 400, unauthenticated 401, forbidden 403, not_found 404, conflict 409,
// payload_too_large 413, rate_limited 429, internal 500, unavailable 503.
int HttpStatusFor(ErrorCode code);

// {"error":{"code","message"}} with the status of the code.
HttpResponse ErrorReply(const Error& error);
HttpResponse JsonReply(int status, const boost::json::value& body);

// The request body as a JSON object. Malformed JSON, or anything but an object → invalid_argument.
Result<boost::json::object> ParseJsonObject(const std::string& body);

// Members of a request object. A member of the wrong type → invalid_argument naming it.
Result<std::string> RequiredString(const boost::json::object& o, std::string_view name);
Result<std::optional<std::string>> OptionalString(const boost::json::object& o, std::string_view name);
Result<int64_t> RequiredInteger(const boost::json::object& o, std::string_view name);

}  // namespace yz
