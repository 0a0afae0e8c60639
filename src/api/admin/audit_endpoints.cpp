// GET /api/v1/admin/audit (?before=ID, ?limit=, ?actor=, ?action=): the audit log, newest first.
// Only the auditor reaches it (the route table says so).
#include <charconv>

#include <boost/json/array.hpp>

#include "api/admin/admin_api.h"
#include "api/api_response.h"

namespace yz {
namespace {

std::optional<int64_t> ParseCount(std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

HttpResponse AdminApi::ListAudit(const AdminRequest& r) {
  AuditQuery q;
  if (const std::string before = r.Query("before"); !before.empty()) {
    const auto v = ParseCount(before);
    if (!v) return ErrorReply(Error::InvalidArgument("before: an entry id"));
    q.before_id = *v;
  }
  if (const std::string limit = r.Query("limit"); !limit.empty()) {
    const auto v = ParseCount(limit);
    if (!v || *v < 1 || *v > 1000) return ErrorReply(Error::InvalidArgument("limit: 1 to 1000"));
    q.limit = static_cast<int>(*v);
  }
  q.actor = r.Query("actor");
  q.action_prefix = r.Query("action");
  auto entries = store_.audit().List(q);
  if (!entries) return ErrorReply(entries.error());
  boost::json::array out;
  for (const AuditEntry& e : *entries) {
    out.emplace_back(boost::json::object{{"id", e.id},
                                         {"at_ms", ToEpochMillis(e.at)},
                                         {"actor", e.actor},
                                         {"role", e.role},
                                         {"action", e.action},
                                         {"object", e.object},
                                         {"address", e.address},
                                         {"outcome", AuditOutcomeCode(e.outcome)},
                                         {"detail", e.detail}});
  }
  return JsonReply(200, boost::json::object{{"entries", std::move(out)}});
}

}  // namespace yz
