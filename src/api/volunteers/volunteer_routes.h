// The volunteers area's routes (issue 16): the private calendar feed (public, by its secret
// token), the volunteer's phone page and API (person routes: sign-up, near me, take, cancel,
// arrival, departure, my shifts), and the coordinator's console API (the roster of a station,
// adding shifts, confirming arrivals, the city's duty rules).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/console/console_routes.h"
#include "api/people/person_routes_table.h"
#include "api/upkeep/public_routes.h"
#include "domain/volunteers/volunteer_service.h"

namespace yz {

void AddVolunteerPublicRoutes(PublicRoutes& routes, VolunteerService& volunteers);
void AddVolunteerPersonRoutes(PersonRoutes& routes, VolunteerService& volunteers);
// Writes the hours figures as an Excel workbook (Chinese headers; app/volunteer_export), bytes.
using HoursWorkbookWriter = std::function<Result<std::string>(
    const std::vector<HoursLine>& lines, HoursGrouping by, const std::string& period)>;

void AddVolunteerConsoleRoutes(ConsoleRoutes& routes, VolunteerService& volunteers,
                               HoursWorkbookWriter workbook);

}  // namespace yz
