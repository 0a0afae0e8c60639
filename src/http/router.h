// The route table: every HTTP route of the program in one list, readable top to bottom, with the
// role each route requires. No Beast or sockets: `Dispatch` runs a request through the table
// in-process, which is what the server, the tests and the planned fuzz target call.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/handler.h"
#include "http/message.h"

namespace yz {

// The values of a route's `{name}` segments, percent-decoded, in pattern order. A value is never
// empty and never contains '/' or NUL.
struct PathParams {
  std::vector<std::pair<std::string, std::string>> items;

  // The value of `name`, or nullopt when the pattern has no such segment. The view lives as long
  // as this object.
  std::optional<std::string_view> Get(std::string_view name) const;
};

using RouteHandler =
    std::function<void(HttpRequest&& request, PathParams&& params, HttpRespond respond)>;
using SyncRouteHandler =
    std::function<HttpResponse(const HttpRequest& request, const PathParams& params)>;

// Wraps a synchronous route handler: calls it and responds at once with what it returns.
RouteHandler MakeRouteHandler(SyncRouteHandler handler);

struct Route {
  // An upper-case method token: "GET", "POST", "PATCH", … A GET route also answers HEAD (the
  // server then sends the headers without the body) unless a HEAD route has the same pattern.
  std::string method;
  // "/"-separated segments, each either literal text or a whole-segment parameter `{name}`
  // (letters, digits, '_'), e.g. "/api/v1/stations/{code}/checkins". Literals are matched against
  // the percent-decoded request segment; "/a" and "/a/" are different paths.
  std::string pattern;
  // Who may call the route. The router never reads it: the authorization layer and its matrix
  // test do. Grammar: "public" (anyone), "session" (any signed-in account),
  // "admin:<role>|<role>…" (a session holding one of the listed roles, e.g.
  // "admin:city_admin|region_admin"), or "person" (a person signed in by phone:
  // api/people/person_routes_table.h).
  std::string role;
  RouteHandler handler;
};

// The outcome of looking a request up in the table.
struct RouteMatch {
  const Route* route = nullptr;  // the matched route; nullptr when refused
  PathParams params;             // when matched
  HttpResponse refusal;          // when refused: the 400, 404 or 405 error response to send
};

// Thread safety: build the table (Add) before serving; afterwards every const member may be
// called from any number of threads at once. Route pointers stay valid until the next Add.
class Router {
 public:
  // Appends a route. Throws std::invalid_argument (a programming error, found at start-up) for an
  // empty or lower-case method, a malformed pattern, a repeated parameter name or a route whose
  // method and pattern shape (parameter names aside) are already in the table.
  Router& Add(std::string method, std::string pattern, std::string role, RouteHandler handler);
  Router& Add(Route route);

  // Every route in the order added (for the OpenAPI check and the authorization matrix).
  const std::vector<Route>& routes() const { return routes_; }

  // Looks up `method` and the path of `target` (the query is ignored). Rules:
  //   - the target must start with '/', and its path must be correctly percent-encoded → else 400;
  //   - among routes of this method whose pattern matches, the most specific wins: at the first
  //     segment where two patterns differ, a literal beats a parameter
  //     (".../stations/nearby" beats ".../stations/{code}");
  //   - a matched parameter that decodes to a value containing '/' or NUL → 400;
  //   - no route matches the path → 404 {"error":{"code":"not_found",…}};
  //   - the path matches only routes of other methods → 405 with an `Allow` header listing them
  //     and {"error":{"code":"invalid_argument",…}}.
  // Every refusal body is the pinned error JSON.
  RouteMatch Match(std::string_view method, std::string_view target) const;

  // Matches the request and calls the route's handler with it, or responds with the refusal.
  // Exceptions from the handler propagate to the caller (the server turns them into 500).
  void Dispatch(HttpRequest&& request, HttpRespond respond) const;

  // An HttpHandler for HttpServer that dispatches through this table.
  // REQUIRES: this Router outlives every use of the returned handler.
  HttpHandler AsHandler() const;

 private:
  struct Segment {
    std::string text;  // the literal, or the parameter name
    bool is_param = false;
  };

  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> segments_;  // parallel to routes_
};

}  // namespace yz
