// Puts messages in the outbox: renders the Chinese template and enqueues it once per (purpose,
// object, recipient). SMS wait there for the sender (message_sender.h); a notice is delivered
// by being stored (the person's page shows it). HTTP-free; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "domain/audit/auditor.h"
#include "domain/messages/message.h"

namespace yz {

struct MessageRequest {
  std::string purpose;
  std::string object;
  int64_t person_id = 0;
  std::string phone;  // required for SMS
  std::string template_name;
  std::vector<std::string> params;
};

class MessageService {
 public:
  // `auditor` records who read the outbox (nullptr: not recorded, for tests of sending alone).
  MessageService(MessageRepository& messages, const Clock& clock, Auditor* auditor = nullptr)
      : messages_(messages), clock_(clock), auditor_(auditor) {}

  // Errors: invalid_argument (unknown template, wrong parameters, an SMS without a phone, a
  // notice without a person), the store's.
  Result<EnqueueResult> SendSms(const MessageRequest& request);
  Result<EnqueueResult> Notify(const MessageRequest& request);

  // The console's outbox page: messages matching `query`, newest first. Each reading is audited
  // ("message.outbox_view"): without an SMS provider it shows sign-in codes. Errors: the store's;
  // invalid_argument for a limit outside 1..1000.
  Result<std::vector<Message>> ListOutbox(const Caller& who, const MessageQuery& query);

  MessageRepository& repository() { return messages_; }

 private:
  Result<EnqueueResult> Enqueue(const MessageRequest& request, MessageChannel channel);
  MessageRepository& messages_;
  const Clock& clock_;
  Auditor* auditor_;
};

}  // namespace yz
