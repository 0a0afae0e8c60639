// Messages to people: SMS and notices shown in their pages, kept in an outbox and sent by the
// background sender (message_sender.h) with retries. At most one message per (purpose, object,
// recipient): enqueueing the same triple again changes nothing, so a timed job or a retried
// request can never send a reminder twice.
//
// The repository takes and returns phones and texts in clear; the stores seal both at rest (the
// field cipher) and keep a keyed blind index of the phone so a person's messages can be erased.
// Implementations pass tests/storage/messages_conformance_test.cpp on both stores. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/local_time.h"
#include "core/result.h"

namespace yz {

enum class MessageChannel { kSms, kNotice };
enum class MessageStatus {
  kPending,  // waiting for the sender (next_attempt_at)
  kSending,  // claimed by a sender until next_attempt_at (its lease)
  kSent,     // handed to the gateway (for a notice: shown in the person's page)
  kFailed,   // given up: refused for good or out of attempts
};

std::string_view MessageChannelCode(MessageChannel c);  // "sms", "notice"
std::string_view MessageStatusCode(MessageStatus s);    // "pending", "sending", "sent", "failed"
std::string_view MessageStatusLabel(MessageStatus s);   // "待发送", …
std::optional<MessageChannel> ParseMessageChannel(std::string_view code);
std::optional<MessageStatus> ParseMessageStatus(std::string_view code);

struct Message {
  int64_t id = 0;
  MessageChannel channel = MessageChannel::kSms;
  std::string purpose;  // "sign_in_code", "shift_reminder", …
  std::string
      object;  // what it is about ("code:17", "shift:42"); with purpose and recipient, unique
  int64_t person_id = 0;  // 0 when the recipient is not (yet) a person, e.g. a sign-in code
  std::string phone;      // SMS: the recipient's number (clear in memory only)
  std::string template_name;
  std::vector<std::string> params;
  std::string text;  // rendered, Chinese
  MessageStatus status = MessageStatus::kPending;
  int attempts = 0;
  UtcTime created_at;
  UtcTime next_attempt_at;
  std::optional<UtcTime> sent_at;
  std::string gateway;      // which gateway took it ("outbox", "tencent")
  std::string provider_id;  // the gateway's id for it
  std::string last_error;   // the last failure, without personal data
  friend bool operator==(const Message&, const Message&) = default;
};

struct EnqueueResult {
  int64_t id = 0;
  bool created = false;  // false: the (purpose, object, recipient) was already there
};

struct MessageQuery {
  std::optional<MessageStatus> status;
  std::optional<MessageChannel> channel;
  int64_t before_id = 0;  // 0: from the newest
  int limit = 100;
};

class MessageRepository {
 public:
  virtual ~MessageRepository() = default;
  // Stores `message` (its id ignored) unless one with its purpose, object and recipient (person,
  // else phone) exists: then returns that one's id and created = false.
  virtual Result<EnqueueResult> Enqueue(const Message& message) = 0;
  // Claims up to `limit` messages due at `now` (pending with next_attempt_at <= now, or sending
  // with an expired lease), oldest first, marking them sending until `lease_until`. Concurrent
  // claims, on any server, never hand out one message twice while its lease lives.
  virtual Result<std::vector<Message>> ClaimDue(UtcTime now, UtcTime lease_until, int limit) = 0;
  virtual Result<void> MarkSent(int64_t id, UtcTime at, std::string_view gateway,
                                std::string_view provider_id) = 0;
  // Back to pending until `next_attempt_at`, attempts + 1.
  virtual Result<void> MarkRetry(int64_t id, UtcTime next_attempt_at, std::string_view error) = 0;
  virtual Result<void> MarkFailed(int64_t id, std::string_view error) = 0;
  virtual Result<std::optional<Message>> FindMessage(int64_t id) = 0;
  // Newest first.
  virtual Result<std::vector<Message>> ListMessages(const MessageQuery& query) = 0;
  // The messages to the person or to `phone` ("" for none: the sign-in codes sent before the
  // person existed), both channels, newest first, at most `limit`.
  virtual Result<std::vector<Message>> MessagesOf(int64_t person_id, std::string_view phone,
                                                  int limit) = 0;
  // Deletes every message to the person or to `phone` ("" for none); how many.
  virtual Result<int64_t> EraseMessagesOf(int64_t person_id, std::string_view phone) = 0;
  // Deletes messages created before `cutoff` that are no longer waiting (sent or failed), of
  // `purpose` only unless it is "".
  virtual Result<int64_t> DeleteMessagesBefore(UtcTime cutoff, std::string_view purpose) = 0;
};

}  // namespace yz
