#include "domain/upkeep/ticket_photo_service.h"

#include <fmt/format.h>

#include <algorithm>

namespace yz {

Result<TicketPhoto> TicketPhotoService::Add(const Caller& who, std::string_view id, PhotoKind kind,
                                            std::string_view bytes) {
  auto detail = tickets_.Get(who.principal, id);
  if (!detail) return detail.error();
  const Ticket& t = detail->view.ticket;
  const std::string object = "ticket:" + t.id;
  const auto refuse = [&](Error e) -> Error {
    auditor_.Record(who, "ticket.photo_add", object, AuditOutcome::kFailed, e.message);
    return e;
  };
  if (!IsOpen(t.status) && t.status != TicketStatus::kResolved) {
    return refuse(Error::Conflict("工单已办结，不能再加照片 / the ticket is closed"));
  }
  if (bytes.size() > kMaxBytes) {
    return refuse({ErrorCode::kPayloadTooLarge,
                   fmt::format("图片不能超过 {0} MB / at most {0} MB", kMaxBytes >> 20)});
  }
  const auto same_kind = std::count_if(detail->photos.begin(), detail->photos.end(),
                                       [&](const TicketPhoto& p) { return p.kind == kind; });
  if (same_kind >= kMaxPerKind) {
    return refuse(Error::Conflict(fmt::format("每张工单的“{0}”照片最多 {1} 张 / at most {1}",
                                              PhotoKindLabel(kind), kMaxPerKind)));
  }
  auto photo = encode_(bytes);
  if (!photo) return refuse(photo.error());
  TicketPhoto stored{new_name_() + ".jpg", kind,         photo->width,
                     photo->height,        clock_.Now(), who.principal.account.username};
  if (auto written = files_.Write(t.id, stored.file, photo->jpeg); !written) {
    return refuse(written.error());
  }
  if (auto added = repository_.AddPhoto(t.id, stored); !added) {
    files_.Remove(t.id, stored.file);
    return refuse(added.error());
  }
  auditor_.Record(who, "ticket.photo_add", object, AuditOutcome::kSuccess,
                  fmt::format("{} {}", PhotoKindCode(kind), stored.file));
  return stored;
}

Result<std::string> TicketPhotoService::Read(const Principal& who, std::string_view id,
                                             std::string_view file) {
  auto detail = tickets_.Get(who, id);
  if (!detail) return detail.error();
  const bool listed = std::any_of(detail->photos.begin(), detail->photos.end(),
                                  [&](const TicketPhoto& p) { return p.file == file; });
  if (!listed) return Error::NotFound("没有这张照片 / no such photo");
  return files_.Read(detail->view.ticket.id, file);
}

}  // namespace yz
