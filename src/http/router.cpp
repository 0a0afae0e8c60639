#include "http/router.h"

#include <algorithm>
#include <stdexcept>

#include "http/json_error.h"
#include "http/query.h"

namespace yz {
namespace {

// Echoed request text is cut short: a refusal need not repeat an 8 KiB target.
constexpr std::size_t kMaxEchoedBytes = 200;

std::string Echo(std::string_view text) {
  if (text.size() <= kMaxEchoedBytes) return std::string(text);
  return std::string(text.substr(0, kMaxEchoedBytes)) + "…";
}

std::vector<std::string_view> SplitSegments(std::string_view path) {
  // REQUIRES: path starts with '/'. "/" is one empty segment, "/a/" is "a" and "".
  std::vector<std::string_view> segments;
  segments.reserve(8);  // routes have a handful of segments: one allocation per request
  path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool IsParamName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsMethodToken(std::string_view method) {
  return !method.empty() && std::all_of(method.begin(), method.end(),
                                        [](char c) { return (c >= 'A' && c <= 'Z') || c == '-'; });
}

}  // namespace

std::optional<std::string_view> PathParams::Get(std::string_view name) const {
  for (const auto& [key, value] : items) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

RouteHandler MakeRouteHandler(SyncRouteHandler handler) {
  return [handler = std::move(handler)](HttpRequest&& request, PathParams&& params,
                                        HttpRespond respond) { respond(handler(request, params)); };
}

Router& Router::Add(std::string method, std::string pattern, std::string role,
                    RouteHandler handler) {
  return Add(Route{std::move(method), std::move(pattern), std::move(role), std::move(handler)});
}

Router& Router::Add(Route route) {
  const std::string where = route.method + " " + route.pattern;
  if (!IsMethodToken(route.method)) throw std::invalid_argument("route " + where + ": bad method");
  if (!route.handler) throw std::invalid_argument("route " + where + ": no handler");
  if (route.pattern.empty() || route.pattern[0] != '/') {
    throw std::invalid_argument("route " + where + ": pattern must start with '/'");
  }
  std::vector<Segment> segments;
  for (std::string_view text : SplitSegments(route.pattern)) {
    if (text.starts_with('{')) {
      const std::string_view name = text.substr(1, text.size() - 1 - (text.ends_with('}') ? 1 : 0));
      if (!text.ends_with('}') || !IsParamName(name)) {
        throw std::invalid_argument("route " + where + ": bad parameter segment " +
                                    std::string(text));
      }
      for (const Segment& s : segments) {
        if (s.is_param && s.text == name) {
          throw std::invalid_argument("route " + where + ": repeated parameter " +
                                      std::string(name));
        }
      }
      segments.push_back({std::string(name), true});
    } else {
      if (text.find_first_of("{}%?#") != std::string_view::npos) {
        throw std::invalid_argument("route " + where + ": bad literal segment " +
                                    std::string(text));
      }
      segments.push_back({std::string(text), false});
    }
  }
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& other = segments_[i];
    if (routes_[i].method != route.method || other.size() != segments.size()) continue;
    const bool same_shape = std::equal(
        other.begin(), other.end(), segments.begin(), [](const Segment& a, const Segment& b) {
          return a.is_param == b.is_param && (a.is_param || a.text == b.text);
        });
    if (same_shape) {
      throw std::invalid_argument("route " + where + ": same as " + routes_[i].pattern);
    }
  }
  routes_.push_back(std::move(route));
  segments_.push_back(std::move(segments));
  return *this;
}

RouteMatch Router::Match(std::string_view method, std::string_view target) const {
  RouteMatch match;
  if (target.empty() || target[0] != '/') {
    match.refusal = ErrorResponse(400, "invalid_argument", "the request target must be a path");
    return match;
  }
  const std::string_view path = Split(target).path;
  const std::vector<std::string_view> raw_segments = SplitSegments(path);
  std::vector<std::string> decoded;
  decoded.reserve(raw_segments.size());
  for (std::string_view raw : raw_segments) {
    auto segment = PercentDecode(raw, /*plus_as_space=*/false);
    if (!segment) {
      match.refusal = ErrorResponse(400, "invalid_argument",
                                    "bad path " + Echo(path) + ": " + segment.error().message);
      return match;
    }
    decoded.push_back(std::move(*segment));
  }

  // A more specific pattern has a literal at the first segment where the two differ.
  auto more_specific = [&](std::size_t a, std::size_t b) {
    for (std::size_t k = 0; k < decoded.size(); ++k) {
      const bool a_param = segments_[a][k].is_param;
      if (a_param != segments_[b][k].is_param) return !a_param;
    }
    return false;
  };
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t best = kNone;      // a route of this method
  std::size_t best_get = kNone;  // a GET route, which answers HEAD when no HEAD route does
  const auto path_matches = [&](std::size_t i) {
    const auto& segments = segments_[i];
    if (segments.size() != decoded.size()) return false;
    for (std::size_t k = 0; k < decoded.size(); ++k) {
      if (segments[k].is_param ? decoded[k].empty() : segments[k].text != decoded[k]) return false;
    }
    return true;
  };
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!path_matches(i)) continue;
    const std::string& route_method = routes_[i].method;
    if (route_method == method && (best == kNone || more_specific(i, best))) best = i;
    if (route_method == "GET" && (best_get == kNone || more_specific(i, best_get))) best_get = i;
  }
  if (best == kNone && method == "HEAD") best = best_get;

  if (best == kNone) {
    std::vector<std::string_view> allowed;  // the methods of the routes that match the path
    for (std::size_t i = 0; i < routes_.size(); ++i) {
      if (!path_matches(i)) continue;
      allowed.push_back(routes_[i].method);
      if (routes_[i].method == "GET") allowed.push_back("HEAD");
    }
    if (allowed.empty()) {
      match.refusal = ErrorResponse(404, "not_found", "no such resource: " + Echo(path));
      return match;
    }
    std::sort(allowed.begin(), allowed.end());
    allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
    std::string allow;
    for (std::string_view m : allowed) {
      if (!allow.empty()) allow += ", ";
      allow += m;
    }
    match.refusal = ErrorResponse(
        405, "invalid_argument",
        "method " + Echo(method) + " is not allowed on " + Echo(path) + "; allowed: " + allow);
    match.refusal.headers.emplace_back("Allow", allow);
    return match;
  }

  const auto& segments = segments_[best];
  for (std::size_t k = 0; k < decoded.size(); ++k) {
    if (!segments[k].is_param) continue;
    if (decoded[k].find_first_of(std::string_view("/\0", 2)) != std::string::npos) {
      match.refusal = ErrorResponse(
          400, "invalid_argument",
          "path parameter '" + segments[k].text + "' must not contain '/' or NUL");
      match.params.items.clear();
      return match;
    }
    match.params.items.emplace_back(segments[k].text, std::move(decoded[k]));
  }
  match.route = &routes_[best];
  return match;
}

void Router::Dispatch(HttpRequest&& request, HttpRespond respond) const {
  RouteMatch match = Match(request.method, request.target);
  if (match.route == nullptr) {
    respond(std::move(match.refusal));
    return;
  }
  match.route->handler(std::move(request), std::move(match.params), std::move(respond));
}

HttpHandler Router::AsHandler() const {
  return [this](HttpRequest&& request, HttpRespond respond) {
    Dispatch(std::move(request), std::move(respond));
  };
}

}  // namespace yz
