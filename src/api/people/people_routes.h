// The people area's routes: signing in by phone with an SMS code, and the person's own pages and
// rights (what we hold, consents, deletion). Public or "person" routes (person_routes_table.h).
#pragma once

#include <string>

#include "api/people/person_routes_table.h"
#include "domain/people/person_rights_service.h"
#include "domain/people/sign_in_service.h"

namespace yz {

struct PeopleRouteContext {
  SignInService& sign_in;
  PersonRightsService& rights;
  std::string public_url;  // "https://…" sets the cookie's Secure flag
};

void AddPeopleRoutes(PersonRoutes& routes, const PeopleRouteContext& context);

}  // namespace yz
