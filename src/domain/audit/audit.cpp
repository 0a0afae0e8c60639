#include "domain/audit/audit.h"

namespace yz {

std::string_view AuditOutcomeCode(AuditOutcome o) {
  switch (o) {
    case AuditOutcome::kSuccess: return "success";
    case AuditOutcome::kDenied: return "denied";
    case AuditOutcome::kFailed: return "failed";
  }
  return "failed";
}

std::optional<AuditOutcome> ParseAuditOutcome(std::string_view code) {
  for (auto o : {AuditOutcome::kSuccess, AuditOutcome::kDenied, AuditOutcome::kFailed}) {
    if (AuditOutcomeCode(o) == code) return o;
  }
  return std::nullopt;
}

}  // namespace yz
