// A worker's photos of their own report, without an account: the phone that filed the report
// (its device id in the X-Device-Id header, the same id as in the report) uploads a picture to
// POST /api/v1/uploads/reports/{number}/photos (at most 1 MiB: the page shrinks it first; up to
// three), and anyone holding the number reads it at GET /api/v1/reports/{number}/photos/{file}
// (the follow page and Open311's media_url link there). Public routes; uploads share the public
// writes' rate limits.
#pragma once

#include "api/public/public_api.h"
#include "api/upkeep/public_routes.h"
#include "domain/checkins/checkin_service.h"
#include "domain/upkeep/ticket_photo_service.h"

namespace yz {

struct ReportPhotoContext {
  TicketPhotoService& photos;
  CheckinService& checkins;  // the device id's keyed hash
  PublicApi& public_api;     // its write rate limits
};

// The path of a report photo, as the follow page, its JSON and Open311's media_url give it.
std::string ReportPhotoPath(std::string_view number, std::string_view file);

// REQUIRES: everything in `context` outlives the route table.
void AddReportPhotoRoutes(PublicRoutes& routes, const ReportPhotoContext& context);

}  // namespace yz
