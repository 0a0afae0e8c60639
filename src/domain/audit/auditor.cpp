#include "domain/audit/auditor.h"

namespace yz {

void Auditor::Record(const Caller& who, std::string_view action, std::string_view object,
                     AuditOutcome outcome, std::string_view detail) {
  RecordAs(who.principal.account.username, RoleCode(who.role()), who.address, action, object,
           outcome, detail);
}

void Auditor::RecordAs(std::string_view actor, std::string_view role, std::string_view address,
                       std::string_view action, std::string_view object, AuditOutcome outcome,
                       std::string_view detail) {
  AuditEntry e;
  e.at = clock_.Now();
  e.actor = actor;
  e.role = role;
  e.action = action;
  e.object = object;
  e.address = address;
  e.outcome = outcome;
  std::size_t cut = std::min<std::size_t>(detail.size(), 500);
  while (cut > 0 && cut < detail.size() && (static_cast<unsigned char>(detail[cut]) & 0xC0) == 0x80)
    --cut;
  e.detail = detail.substr(0, cut);
  if (!log_.Append(e)) ++failures_;
}

Result<std::vector<AuditEntry>> Auditor::List(const AuditQuery& query) const {
  if (query.limit < 1 || query.limit > 1000)
    return Error::InvalidArgument("条数应为 1 到 1000 / limit: 1 to 1000");
  return log_.List(query);
}

}  // namespace yz
