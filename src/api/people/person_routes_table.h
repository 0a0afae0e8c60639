// The routes of people who sign in by phone, added to the one route table: each either public or
// "person" (a live phone session, cookie yz_person). A person route without a session answers
// 401; a change (POST, PATCH, PUT, DELETE) must come as application/json or without a body, and
// from this site when the browser names an Origin, which with the SameSite=Lax cookie keeps other
// sites from acting for the person (CSRF).
#pragma once

#include <functional>
#include <string>

#include "domain/people/sign_in_service.h"
#include "http/router.h"

namespace yz {

inline constexpr std::string_view kPersonCookie = "yz_person";
inline constexpr const char* kPersonRoute = "person";
inline constexpr const char* kPublicRoute = "public";

struct PersonRequest {
  const HttpRequest& http;
  const PathParams& params;
  const PersonPrincipal* person;  // never null behind a "person" route

  std::string_view Param(std::string_view name) const { return params.Get(name).value_or(""); }
};

using PersonHandler = std::function<HttpResponse(const PersonRequest&)>;

class PersonRoutes {
 public:
  using Instrument = std::function<RouteHandler(const std::string& pattern, RouteHandler)>;
  // REQUIRES: `router` and `sign_in` outlive this object.
  PersonRoutes(Router& router, SignInService& sign_in, Instrument instrument)
      : router_(router), sign_in_(sign_in), instrument_(std::move(instrument)) {}

  // `access`: kPublicRoute or kPersonRoute.
  void Add(const std::string& method, const std::string& pattern, const char* access,
           PersonHandler handler);

 private:
  Router& router_;
  SignInService& sign_in_;
  Instrument instrument_;
};

}  // namespace yz
