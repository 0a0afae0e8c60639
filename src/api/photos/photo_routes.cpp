#include "api/photos/photo_routes.h"

#include "api/api_response.h"
#include "api/console/console_roles.h"
#include "api/photos/photo_reencode.h"

namespace yz {

Result<EncodedPhoto> ReencodeUploadedPhoto(std::string_view bytes) {
  auto photo = ReencodePhoto(bytes);
  if (!photo) return photo.error();
  return EncodedPhoto{std::move(photo->jpeg), photo->width, photo->height};
}

void AddPhotoRoutes(ConsoleRoutes& routes, PhotoService& photos) {
  using namespace console_roles;
  routes.Add("POST", "/api/v1/admin/uploads/stations/{code}/photos", kEditors,
             [&photos](const AdminRequest& r) {
               auto added =
                   photos.Add(CallerOf(r), r.Param("code"), r.http.body, r.Query("caption"));
               if (!added) return ErrorReply(added.error());
               return JsonReply(201, boost::json::object{{"file", added->file},
                                                         {"caption", added->caption},
                                                         {"width", added->width},
                                                         {"height", added->height}});
             });
  routes.Add("GET", "/api/v1/admin/stations/{code}/photos/{file}", kStationReaders,
             [&photos](const AdminRequest& r) {
               auto bytes = photos.Read(*r.principal, r.Param("code"), r.Param("file"));
               if (!bytes) return ErrorReply(bytes.error());
               HttpResponse response;
               response.content_type = "image/jpeg";
               response.body = std::move(*bytes);
               return response;
             });
  routes.Add(
      "DELETE", "/api/v1/admin/stations/{code}/photos/{file}", kEditors,
      [&photos](const AdminRequest& r) {
        if (auto removed = photos.Remove(CallerOf(r), r.Param("code"), r.Param("file")); !removed) {
          return ErrorReply(removed.error());
        }
        return JsonReply(200, boost::json::object{{"deleted", std::string(r.Param("file"))}});
      });
}

}  // namespace yz
