#include "domain/messages/message_service.h"

#include <fmt/format.h>

#include "domain/messages/message_templates.h"

namespace yz {

Result<EnqueueResult> MessageService::SendSms(const MessageRequest& request) {
  if (request.phone.empty()) return Error::InvalidArgument("an SMS needs a phone number");
  return Enqueue(request, MessageChannel::kSms);
}

Result<EnqueueResult> MessageService::Notify(const MessageRequest& request) {
  if (request.person_id == 0) return Error::InvalidArgument("a notice needs a person");
  return Enqueue(request, MessageChannel::kNotice);
}

Result<std::vector<Message>> MessageService::ListOutbox(const Caller& who,
                                                        const MessageQuery& query) {
  if (query.limit < 1 || query.limit > 1000) {
    return Error::InvalidArgument("条数应为 1 到 1000 / limit: 1 to 1000");
  }
  auto messages = messages_.ListMessages(query);
  if (!messages) return messages.error();
  if (auditor_ != nullptr) {
    auditor_->Record(who, "message.outbox_view", "", AuditOutcome::kSuccess,
                     fmt::format("{} messages", messages->size()));
  }
  return messages;
}

Result<EnqueueResult> MessageService::Enqueue(const MessageRequest& request,
                                              MessageChannel channel) {
  auto text = RenderMessage(request.template_name, request.params);
  if (!text) return text.error();
  if (request.purpose.empty() || request.object.empty()) {
    return Error::InvalidArgument("a message needs a purpose and an object");
  }
  const UtcTime now = clock_.Now();
  Message m;
  m.channel = channel;
  m.purpose = request.purpose;
  m.object = request.object;
  m.person_id = request.person_id;
  m.phone = channel == MessageChannel::kSms ? request.phone : "";
  m.template_name = request.template_name;
  m.params = request.params;
  m.text = std::move(*text);
  m.created_at = now;
  m.next_attempt_at = now;
  if (channel == MessageChannel::kNotice) {
    m.status = MessageStatus::kSent;  // a notice is delivered by being stored
    m.sent_at = now;
    m.gateway = "page";
  }
  return messages_.Enqueue(m);
}

}  // namespace yz
