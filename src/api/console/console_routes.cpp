#include "api/console/console_routes.h"

#include <stdexcept>

#include "api/api_response.h"
#include "core/embedded.h"

namespace yz {

std::span<const EmbeddedFile> EmbeddedWebAssets();

namespace {

std::string_view ContentTypeOf(std::string_view path) {
  if (path.ends_with(".css")) return "text/css; charset=utf-8";
  if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (path.ends_with(".svg")) return "image/svg+xml";
  return "text/html; charset=utf-8";
}

RouteAccess AccessOf(const std::string& role) {
  auto access = ParseRouteAccess(role);
  if (!access) throw std::invalid_argument("bad route role: " + role);
  return *access;
}

}  // namespace

ConsoleRoutes::ConsoleRoutes(Router& router, AccountService& accounts, Instrument instrument)
    : router_(router), accounts_(accounts), instrument_(std::move(instrument)) {}

void ConsoleRoutes::Add(const std::string& method, const std::string& pattern,
                        const std::string& role, AdminHandler handler) {
  declared_.push_back({method, pattern, "", AccessOf(role), false, role});
  router_.Add(method, pattern, role,
              instrument_(pattern, GuardRoute(accounts_, pattern, role, std::move(handler))));
}

void ConsoleRoutes::AddPage(const std::string& path, const std::string& role,
                            const std::string& file, const std::string& menu_label) {
  AdminHandler page = [file = "admin/" + file](const AdminRequest&) {
    const auto content = FindEmbedded(EmbeddedWebAssets(), file);
    if (!content) return ErrorReply(Error::NotFound("没有这个页面 / no such page"));
    HttpResponse r;
    r.content_type = std::string(ContentTypeOf(file));
    r.body = std::string(*content);
    return r;
  };
  declared_.push_back({"GET", path, menu_label, AccessOf(role), true, role});
  router_.Add("GET", path, role,
              instrument_(path, GuardRoute(accounts_, path, role, std::move(page))));
}

std::vector<ConsoleMenuItem> ConsoleRoutes::MenuFor(Role role) const {
  std::vector<ConsoleMenuItem> out;
  for (const Declared& d : declared_) {
    if (d.page && !d.menu_label.empty() && d.access.kind != RouteAccess::Kind::kPublic &&
        d.access.Allows(role)) {
      out.push_back({d.pattern, d.menu_label});
    }
  }
  return out;
}

std::vector<std::string> ConsoleRoutes::AllowedFor(Role role) const {
  std::vector<std::string> out;
  for (const Declared& d : declared_) {
    if (!d.page && d.access.Allows(role)) out.push_back(d.method + " " + d.pattern);
  }
  return out;
}

std::vector<ConsoleRouteInfo> ConsoleRoutes::Routes() const {
  std::vector<ConsoleRouteInfo> out;
  out.reserve(declared_.size());
  for (const Declared& d : declared_)
    out.push_back({d.method, d.pattern, d.role, d.menu_label, d.page});
  return out;
}

void AddConsoleAssetRoute(ConsoleRoutes& routes) {
  routes.Add("GET", "/admin/assets/{file}", "public", [](const AdminRequest& r) {
    const std::string_view name = r.Param("file");
    if (name.ends_with(".html")) return ErrorReply(Error::NotFound("没有这个文件 / no such file"));
    const std::string path = "admin/" + std::string(name);
    const auto content = FindEmbedded(EmbeddedWebAssets(), path);
    if (!content) return ErrorReply(Error::NotFound("没有这个文件 / no such file"));
    HttpResponse response;
    response.content_type = std::string(ContentTypeOf(path));
    response.body = std::string(*content);
    return response;
  });
}

}  // namespace yz
