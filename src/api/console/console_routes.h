// The console's part of the one route table. Each area adds its routes through a ConsoleRoutes
// (api/<area>/<area>_routes.h: one function per area), every route with the role it requires and
// wrapped by the authorization layer (GuardRoute), and its pages with their menu labels. The
// console's menu and its "may I?" checks are answered from this table (MenuFor, AllowedFor), so
// no role list is written a second time in JavaScript.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/console/console_guard.h"
#include "domain/accounts/account_service.h"
#include "http/router.h"

namespace yz {

struct ConsoleMenuItem {
  std::string path;   // "/admin/stations"
  std::string label;  // "站点"
};

// One route as declared in the table, for the authorization matrix and its documentation.
struct ConsoleRouteInfo {
  std::string method;      // "GET", "POST", …
  std::string pattern;     // "/api/v1/admin/stations/{code}"
  std::string role;        // the declared role string: "public", "session" or "admin:…"
  std::string menu_label;  // pages only; "" when not in the menu
  bool page = false;       // a console page rather than an API route
};

class ConsoleRoutes {
 public:
  // `instrument` wraps each guarded handler with the metrics, the access log and the security
  // headers of the rest of the table. REQUIRES: `router` and `accounts` outlive this object.
  using Instrument = std::function<RouteHandler(const std::string& pattern, RouteHandler)>;
  ConsoleRoutes(Router& router, AccountService& accounts, Instrument instrument);

  // An API route. Throws std::invalid_argument for a bad role string (found at start-up).
  void Add(const std::string& method, const std::string& pattern, const std::string& role,
           AdminHandler handler);
  // A console page (web/admin/`file`, compiled into the binary) at GET `path`; with a non-empty
  // `menu_label` it is listed in the menu of every role that may open it, in the order added.
  void AddPage(const std::string& path, const std::string& role, const std::string& file,
               const std::string& menu_label = "");

  // The menu items `role` may open, in the order added.
  std::vector<ConsoleMenuItem> MenuFor(Role role) const;
  // "METHOD pattern" of every console API route `role` may call (pages aside).
  std::vector<std::string> AllowedFor(Role role) const;

  // Every route and page declared so far, in the order added.
  std::vector<ConsoleRouteInfo> Routes() const;

  AccountService& accounts() { return accounts_; }

 private:
  struct Declared {
    std::string method, pattern, menu_label;
    RouteAccess access;
    bool page = false;
    std::string role;
  };

  Router& router_;
  AccountService& accounts_;
  Instrument instrument_;
  std::vector<Declared> declared_;
};

// GET /admin/assets/{file}: the console's scripts, styles and images (never its pages), public.
void AddConsoleAssetRoute(ConsoleRoutes& routes);

}  // namespace yz
