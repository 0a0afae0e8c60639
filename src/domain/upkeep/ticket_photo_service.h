// Photos of a ticket taken by whoever works it (before and after the repair): re-encoded so that
// no EXIF or location survives, at most kMaxPerKind of each kind, the file written before the
// ticket lists it. Limited to the tickets the caller may see (TicketService::Get); audited
// "ticket.photo_add". HTTP-free: the encoder and the file storage are the station photos' (ADR
// 0016; api/photos re-encodes, storage/files keeps them in ticket-photos/<id>/ beside photos/).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "domain/photos/photo_service.h"
#include "domain/upkeep/ticket_service.h"

namespace yz {

class TicketPhotoService {
 public:
  static constexpr int kMaxPerKind = 6;
  static constexpr std::size_t kMaxBytes = 8u * 1024u * 1024u;
  // What a worker may add to their own report from the phone (the page shrinks the picture first).
  static constexpr int kMaxFromReporter = 3;
  static constexpr std::size_t kMaxReporterBytes = 1024u * 1024u;

  // REQUIRES: every reference outlives this object. `new_name` makes a fresh unguessable stem.
  TicketPhotoService(TicketService& tickets, TicketRepository& repository, PhotoStorage& files,
                     PhotoEncoder encode, Auditor& auditor, const Clock& clock,
                     std::function<std::string()> new_name)
      : tickets_(tickets),
        repository_(repository),
        files_(files),
        encode_(std::move(encode)),
        auditor_(auditor),
        clock_(clock),
        new_name_(std::move(new_name)) {}

  // Unknown or out-of-scope ticket → kNotFound; a closed ticket → kConflict; too large →
  // kPayloadTooLarge; too many of that kind → kConflict; not an image → kInvalidArgument.
  Result<TicketPhoto> Add(const Caller& who, std::string_view id, PhotoKind kind,
                          std::string_view bytes);
  // The photo's JPEG; kNotFound unless the ticket is visible to `who` and lists the file.
  Result<std::string> Read(const Principal& who, std::string_view id, std::string_view file);

  // A worker's photo of their own report, without an account: `device_hash` (the keyed hash of the
  // device id the report was filed with) must be the report's — a report filed without one, or
  // from another device → kNotFound (no photo slot for that phone). A closed report → kConflict;
  // more than kMaxFromReporter → kConflict; larger than kMaxReporterBytes → kPayloadTooLarge.
  // Stored as PhotoKind::kReport, audited "ticket.photo_add" as the worker ("public", `address`).
  Result<TicketPhoto> AddFromReporter(std::string_view number, std::string_view device_hash,
                                      std::string_view bytes, std::string_view address);
  // A report photo (kind kReport) of a report, for anyone holding its number (the follow page
  // and Open311's media_url); other photos stay in the console. kNotFound otherwise.
  Result<std::string> ReadReportPhoto(std::string_view number, std::string_view file);

 private:
  TicketService& tickets_;
  TicketRepository& repository_;
  PhotoStorage& files_;
  PhotoEncoder encode_;
  Auditor& auditor_;
  const Clock& clock_;
  std::function<std::string()> new_name_;
};

}  // namespace yz
