#include "api/upkeep/report_photo_routes.h"

#include <boost/json/object.hpp>

#include "api/api_response.h"

namespace yz {

std::string ReportPhotoPath(std::string_view number, std::string_view file) {
  return "/api/v1/reports/" + std::string(number) + "/photos/" + std::string(file);
}

void AddReportPhotoRoutes(PublicRoutes& routes, const ReportPhotoContext& c) {
  TicketPhotoService& photos = c.photos;
  CheckinService& checkins = c.checkins;
  PublicApi& api = c.public_api;
  routes.Add(
      "POST", "/api/v1/uploads/reports/{number}/photos",
      SyncRouteHandler([&photos, &checkins, &api](const HttpRequest& request, const PathParams& p) {
        const std::string_view device = request.Header("x-device-id");
        if (device.empty() || device.size() > 128) {
          return ErrorReply(
              Error::NotFound("请在报修用的手机上添加照片 / send from the phone that reported it"));
        }
        if (!api.AdmitWrite(request, device)) {
          HttpResponse r = ErrorReply(
              {ErrorCode::kRateLimited, "提交太频繁，请一分钟后再试 / too many requests"});
          r.headers.emplace_back("Retry-After", "60");
          return r;
        }
        auto added =
            photos.AddFromReporter(p.Get("number").value_or(""), checkins.DeviceHash(device),
                                   request.body, request.remote_address);
        if (!added) return ErrorReply(added.error());
        const std::string number(p.Get("number").value_or(""));
        return JsonReply(201, boost::json::object{{"file", added->file},
                                                  {"url", ReportPhotoPath(number, added->file)},
                                                  {"width", added->width},
                                                  {"height", added->height}});
      }));
  routes.Add("GET", "/api/v1/reports/{number}/photos/{file}",
             SyncRouteHandler([&photos](const HttpRequest&, const PathParams& p) {
               auto bytes =
                   photos.ReadReportPhoto(p.Get("number").value_or(""), p.Get("file").value_or(""));
               if (!bytes) return ErrorReply(bytes.error());
               HttpResponse response;
               response.content_type = "image/jpeg";
               response.body = std::move(*bytes);
               response.headers.emplace_back("Cache-Control", "public, max-age=86400");
               return response;
             }));
}

}  // namespace yz
