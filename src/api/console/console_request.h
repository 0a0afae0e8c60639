// What a console handler receives: the request, its path parameters, and the caller (nullptr
// on public routes such as the sign-in).
#pragma once

#include <string>
#include <string_view>

#include "domain/accounts/authorization.h"
#include "domain/audit/auditor.h"
#include "http/message.h"
#include "http/router.h"

namespace yz {

struct AdminRequest {
  const HttpRequest& http;
  const PathParams& params;
  const Principal* principal;  // never null behind a "session" or "admin:…" route

  std::string_view Param(std::string_view name) const { return params.Get(name).value_or(""); }
  // The first value of query parameter `name`, percent-decoded ("" when absent).
  std::string Query(std::string_view name) const;
};

// The caller of a signed-in route, for services. REQUIRES: r.principal != nullptr.
inline Caller CallerOf(const AdminRequest& r) {
  return Caller{*r.principal, r.http.remote_address};
}

// The value of cookie `name` in the request's Cookie header, or "".
std::string_view CookieValue(const HttpRequest& request, std::string_view name);

// True when cookies should be `Secure`: the public URL is HTTPS, or a TLS-terminating proxy says
// the request came over it.
bool BehindHttps(const HttpRequest& request, std::string_view public_url);

inline constexpr std::string_view kSessionCookie = "yz_session";

}  // namespace yz
