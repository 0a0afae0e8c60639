#include "api/settings/public_address_routes.h"

#include <boost/json/object.hpp>

#include "api/api_response.h"
#include "api/console/console_request.h"
#include "api/console/console_roles.h"

namespace yz {
namespace {

using namespace console_roles;

HttpResponse ViewReply(const PublicAddressService::View& v) {
  return JsonReply(
      200,
      boost::json::object{
          {"url", v.url.empty() ? boost::json::value(nullptr) : boost::json::value(v.url)},
          {"fixed_by_flag", v.fixed},
          {"printable", !v.problem},
          {"problem", v.problem ? boost::json::value(*v.problem) : boost::json::value(nullptr)}});
}

HttpResponse Change(PublicAddressService& service, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  const auto* url = body->if_contains("url");
  if (url == nullptr || !url->is_string() || body->size() != 1)
    return ErrorReply(
        Error::InvalidArgument("请求体应为 {\"url\": \"https://…\"} / body: {\"url\": string}"));
  auto changed = service.Set(CallerOf(r), url->as_string());
  if (!changed) return ErrorReply(changed.error());
  return ViewReply(*changed);
}

}  // namespace

void AddPublicAddressRoutes(ConsoleRoutes& routes, PublicAddressService& service) {
  // clang-format off
  routes.Add("GET", "/api/v1/admin/settings/public-address", kEditors,
             [&service](const AdminRequest&) { return ViewReply(service.Get()); });
  routes.Add("PUT", "/api/v1/admin/settings/public-address", kCityAdmin,
             [&service](const AdminRequest& r) { return Change(service, r); });
  // clang-format on
}

}  // namespace yz
