// Who is asking, and the one way services write the audit log. Services take a Caller, decide,
// and record through the Auditor; handlers never write audit entries themselves.
#pragma once

#include <atomic>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "domain/accounts/authorization.h"
#include "domain/audit/audit.h"

namespace yz {

// The signed-in account behind a request and the address it came from.
struct Caller {
  const Principal& principal;
  std::string address;  // the client's IP address

  Role role() const { return principal.role(); }
  bool CanReachStation(std::string_view code, std::string_view region) const {
    return principal.CanReachStation(code, region);
  }
  bool CanReachRegion(std::string_view region) const { return principal.CanReachRegion(region); }
};

// Reads the audit log and appends entries stamped with the injected clock. Thread-safe. Recording
// never fails the caller's operation: a store error is counted (failures()) and otherwise ignored,
// because an answer already decided must not change with the log's health.
class Auditor {
 public:
  // REQUIRES: `log` and `clock` outlive this object.
  Auditor(AuditRepository& log, const Clock& clock) : log_(log), clock_(clock) {}

  // `detail` is cut to 500 bytes at a character boundary; it must never carry personal data.
  void Record(const Caller& who, std::string_view action, std::string_view object,
              AuditOutcome outcome, std::string_view detail = {});
  // The same for someone who is not a console account: a person signed in by phone
  // ("person:17", role "person") or the system itself (a timed job: "system", role "system").
  void RecordAs(std::string_view actor, std::string_view role, std::string_view address,
                std::string_view action, std::string_view object, AuditOutcome outcome,
                std::string_view detail = {});
  int64_t failures() const { return failures_; }

  // Entries matching `query`, newest first (the audit administrator's view). `query.limit` must
  // be 1..1000 (kInvalidArgument otherwise).
  Result<std::vector<AuditEntry>> List(const AuditQuery& query) const;

 private:
  AuditRepository& log_;
  const Clock& clock_;
  std::atomic<int64_t> failures_{0};
};

}  // namespace yz
