#include "api/messages/outbox_routes.h"

#include <boost/json/array.hpp>
#include <charconv>

#include "api/api_response.h"
#include "api/console/console_roles.h"
#include "core/personal_data.h"
#include "domain/messages/message_templates.h"

namespace yz {
namespace {

using namespace console_roles;

inline constexpr const char* kOutboxReaders = "admin:city_admin";

std::string HideDigits(std::string_view text) {
  std::string out(text);
  for (char& ch : out) {
    if (ch >= '0' && ch <= '9') ch = '*';
  }
  return out;
}

HttpResponse ListOutbox(const OutboxRouteContext& c, const AdminRequest& r) {
  MessageQuery q;
  q.limit = 100;
  if (const std::string status = r.Query("status"); !status.empty()) {
    q.status = ParseMessageStatus(status);
    if (!q.status) return ErrorReply(Error::InvalidArgument("状态不正确 / status: unknown"));
  }
  if (const std::string channel = r.Query("channel"); !channel.empty()) {
    q.channel = ParseMessageChannel(channel);
    if (!q.channel) return ErrorReply(Error::InvalidArgument("方式不正确 / channel: unknown"));
  }
  if (const std::string before = r.Query("before"); !before.empty()) {
    auto [end, ec] = std::from_chars(before.data(), before.data() + before.size(), q.before_id);
    if (ec != std::errc() || end != before.data() + before.size() || q.before_id < 0) {
      return ErrorReply(Error::InvalidArgument("before: a message id"));
    }
  }
  auto messages = c.messages.ListOutbox(CallerOf(r), q);
  if (!messages) return ErrorReply(messages.error());
  const bool relayed_by_hand = c.sender.gateway().Name() == "outbox";
  boost::json::array out;
  for (const Message& m : *messages) {
    const auto t = FindMessageTemplate(m.template_name);
    const bool secret = m.template_name == kSignInCodeTemplate && !relayed_by_hand;
    out.emplace_back(boost::json::object{
        {"id", m.id},
        {"channel", MessageChannelCode(m.channel)},
        {"channel_label", m.channel == MessageChannel::kSms ? "短信" : "页面通知"},
        {"kind", t ? std::string(t->label) : m.template_name},
        {"to", m.channel == MessageChannel::kSms ? MaskPhone(m.phone) : "（本人页面）"},
        {"text", secret ? HideDigits(m.text) : m.text},
        {"status", MessageStatusCode(m.status)},
        {"status_label", MessageStatusLabel(m.status)},
        {"attempts", m.attempts},
        {"created_at_ms", m.created_at.time_since_epoch().count()},
        {"sent_at_ms", m.sent_at ? boost::json::value(m.sent_at->time_since_epoch().count())
                                 : boost::json::value(nullptr)},
        {"gateway", m.gateway},
        {"last_error", m.last_error}});
  }
  return JsonReply(200, boost::json::object{{"messages", std::move(out)},
                                            {"gateway", c.sender.gateway().Name()},
                                            {"sent", c.sender.sent()},
                                            {"failed", c.sender.failed()}});
}

}  // namespace

void AddOutboxRoutes(ConsoleRoutes& routes, const OutboxRouteContext& c) {
  // clang-format off
  routes.Add("GET", "/api/v1/admin/outbox", kOutboxReaders,
             [&c](const AdminRequest& r) { return ListOutbox(c, r); });
  routes.AddPage("/admin/outbox", kOutboxReaders, "outbox.html", "短信与通知");
  // clang-format on
}

}  // namespace yz
