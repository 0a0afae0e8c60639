// The console's routes of station photos (PhotoService, domain/photos):
//   POST   /api/v1/admin/uploads/stations/{code}/photos   the image as the body; ?caption=
//   GET    /api/v1/admin/stations/{code}/photos/{file}
//   DELETE /api/v1/admin/stations/{code}/photos/{file}
#pragma once

#include "api/console/console_routes.h"
#include "domain/photos/photo_service.h"

namespace yz {

// The encoder the service is given in production: ReencodePhoto (photo_reencode.h).
Result<EncodedPhoto> ReencodeUploadedPhoto(std::string_view bytes);

// REQUIRES: `photos` outlives the route table.
void AddPhotoRoutes(ConsoleRoutes& routes, PhotoService& photos);

}  // namespace yz
