// Request targets: splitting "/path?query" and decoding the query string. No Beast, no sockets;
// every function is pure and safe to call from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace yz {

// A request target cut at the first '?' (and at a '#', which clients should not send).
// Both parts are views into the target and still percent-encoded.
struct SplitTarget {
  std::string_view path;   // "/api/v1/stations/nearby"
  std::string_view query;  // "lat=1&lng=2", without the '?'; empty when there is none
};
SplitTarget Split(std::string_view target);

// Decodes %XX escapes (either hex case); with `plus_as_space`, '+' becomes ' ' (query strings,
// application/x-www-form-urlencoded). A '%' not followed by two hex digits → InvalidArgument.
// The decoded bytes are returned as they are: they may contain NUL or be invalid UTF-8, which
// callers that need text check themselves (IsValidUtf8 in core/text.h).
Result<std::string> PercentDecode(std::string_view encoded, bool plus_as_space);

// Decoded query parameters in the order they appear; a repeated key keeps every occurrence.
// "a=1&&b" gives ("a","1"), ("b",""): empty pieces between '&' are skipped, a piece without '='
// is a key with an empty value, "=x" is the empty key with value "x".
struct QueryParams {
  std::vector<std::pair<std::string, std::string>> items;

  // The first value of `name`, or nullopt when absent. The view lives as long as this object.
  std::optional<std::string_view> Get(std::string_view name) const;
  // Every value of `name`, in order.
  std::vector<std::string_view> GetAll(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name).has_value(); }
};

// Parses a raw query string (the part after '?'). Any invalid escape → InvalidArgument naming
// the offending parameter; nothing is returned partially.
Result<QueryParams> ParseQuery(std::string_view query);

// ParseQuery(Split(target).query).
Result<QueryParams> ParseTargetQuery(std::string_view target);

}  // namespace yz
