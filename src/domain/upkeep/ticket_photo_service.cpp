#include "domain/upkeep/ticket_photo_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/crypto.h"
#include "domain/checkins/report_number.h"

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

namespace {

Error NoSuchReport() { return Error::NotFound("没有这个报修编号 / no such report"); }

}  // namespace

Result<TicketPhoto> TicketPhotoService::AddFromReporter(std::string_view number,
                                                        std::string_view device_hash,
                                                        std::string_view bytes,
                                                        std::string_view address) {
  const auto id = NormalizeReportNumber(number);
  if (!id) return NoSuchReport();
  auto found = repository_.FindTicket(*id);
  if (!found) return found.error();
  if (!*found) return NoSuchReport();
  const Ticket& t = **found;
  const std::string object = "ticket:" + t.id;
  const auto refuse = [&](Error e, AuditOutcome outcome = AuditOutcome::kFailed) -> Error {
    auditor_.RecordAs("worker", "public", address, "ticket.photo_add", object, outcome, e.message);
    return e;
  };
  auto reporter = repository_.ReporterDevice(t.id);
  if (!reporter) return reporter.error();
  if (!*reporter || (*reporter)->empty() || device_hash.empty() ||
      !ConstantTimeEquals(**reporter, device_hash)) {
    // Not found rather than forbidden: to any other phone this report has no photo slot.
    return refuse(
        Error::NotFound(
            "只能在报修时用的手机上给这条报修加照片 / only from the phone that reported it"),
        AuditOutcome::kDenied);
  }
  if (!IsOpen(t.status)) {
    return refuse(Error::Conflict("这条报修已处理完，不能再加照片 / the report is closed"));
  }
  if (bytes.size() > kMaxReporterBytes) {
    return refuse({ErrorCode::kPayloadTooLarge,
                   fmt::format("图片不能超过 {0} MB / at most {0} MB", kMaxReporterBytes >> 20)});
  }
  auto photos = repository_.ListPhotos(t.id);
  if (!photos) return photos.error();
  const auto mine = std::count_if(photos->begin(), photos->end(), [](const TicketPhoto& p) {
    return p.kind == PhotoKind::kReport;
  });
  if (mine >= kMaxFromReporter) {
    return refuse(Error::Conflict(
        fmt::format("每条报修最多 {0} 张照片 / at most {0} photos", kMaxFromReporter)));
  }
  auto photo = encode_(bytes);
  if (!photo) return refuse(photo.error());
  TicketPhoto stored{new_name_() + ".jpg", PhotoKind::kReport, photo->width,
                     photo->height,        clock_.Now(),       "worker"};
  if (auto written = files_.Write(t.id, stored.file, photo->jpeg); !written) {
    return refuse(written.error());
  }
  if (auto added = repository_.AddPhoto(t.id, stored); !added) {
    files_.Remove(t.id, stored.file);
    return refuse(added.error());
  }
  auditor_.RecordAs("worker", "public", address, "ticket.photo_add", object, AuditOutcome::kSuccess,
                    fmt::format("report {}", stored.file));
  return stored;
}

Result<std::string> TicketPhotoService::ReadReportPhoto(std::string_view number,
                                                        std::string_view file) {
  const auto id = NormalizeReportNumber(number);
  if (!id) return NoSuchReport();
  auto photos = repository_.ListPhotos(*id);
  if (!photos) return photos.error();
  const bool listed = std::any_of(photos->begin(), photos->end(), [&](const TicketPhoto& p) {
    return p.kind == PhotoKind::kReport && p.file == file;
  });
  if (!listed) return Error::NotFound("没有这张照片 / no such photo");
  return files_.Read(*id, file);
}

}  // namespace yz
