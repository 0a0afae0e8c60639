// POST check-ins, ratings and reports: answered only once the record is durable.
#include "api/api_response.h"
#include "api/public/public_api.h"
#include "core/crypto.h"

namespace yz {

void PublicApi::Checkin(HttpRequest&& request, PathParams&& params, HttpRespond respond) {
  auto body = ParseJsonObject(request.body);
  if (!body) return respond(ErrorReply(body.error()));
  auto category = RequiredString(*body, "worker_category");
  if (!category) return respond(ErrorReply(category.error()));
  auto device = OptionalString(*body, "device_id");
  if (!device) return respond(ErrorReply(device.error()));
  if (!WithinLimits(request, device->value_or(""), respond)) return;

  CheckinRequest checkin{std::string(params.Get("code").value_or("")), std::move(*category),
                         std::move(*device)};
  checkins_.CheckIn(checkin, [this, respond = std::move(respond)](Result<CheckinAnswer> answer) {
    if (!answer) return respond(ErrorReply(answer.error()));
    metrics_.CountCheckin(answer->created);
    respond(JsonReply(answer->created ? 201 : 200,
                      boost::json::object{{"checkin_id", answer->checkin_id},
                                          {"rating_token", answer->rating_token},
                                          {"repeated", !answer->created}}));
  });
}

void PublicApi::Rate(HttpRequest&& request, PathParams&& params, HttpRespond respond) {
  auto body = ParseJsonObject(request.body);
  if (!body) return respond(ErrorReply(body.error()));
  auto token = RequiredString(*body, "token");
  if (!token) return respond(ErrorReply(token.error()));
  auto stars = RequiredInteger(*body, "stars");
  if (!stars) return respond(ErrorReply(stars.error()));
  auto comment = OptionalString(*body, "comment");
  if (!comment) return respond(ErrorReply(comment.error()));
  if (!WithinLimits(request, "", respond)) return;

  RatingRequest rating{std::string(params.Get("checkin_id").value_or("")), std::move(*token),
                       static_cast<int>(std::clamp<int64_t>(*stars, -1, 6)), std::move(*comment)};
  checkins_.Rate(rating, [respond = std::move(respond)](Result<void> stored) {
    if (!stored) return respond(ErrorReply(stored.error()));
    respond(JsonReply(201, boost::json::object{{"status", "ok"}}));
  });
}

void PublicApi::Report(HttpRequest&& request, PathParams&& params, HttpRespond respond) {
  auto body = ParseJsonObject(request.body);
  if (!body) return respond(ErrorReply(body.error()));
  auto category = RequiredString(*body, "category");
  if (!category) return respond(ErrorReply(category.error()));
  auto amenity = OptionalString(*body, "amenity");
  if (!amenity) return respond(ErrorReply(amenity.error()));
  auto description = RequiredString(*body, "description");
  if (!description) return respond(ErrorReply(description.error()));
  auto device = OptionalString(*body, "device_id");
  if (!device) return respond(ErrorReply(device.error()));
  if (!WithinLimits(request, device->value_or(""), respond)) return;

  ReportRequest report{std::string(params.Get("code").value_or("")), std::move(*category),
                       std::move(*amenity), std::move(*description), std::move(*device)};
  checkins_.SubmitReport(report, [respond = std::move(respond)](Result<std::string> id) {
    if (!id) return respond(ErrorReply(id.error()));
    respond(JsonReply(201, boost::json::object{{"report_id", *id}}));
  });
}

}  // namespace yz
