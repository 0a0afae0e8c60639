// The embedded store's outbox (domain/messages/message.h), on the connection and lock shared with
// the rest of the store. Phones, parameters and texts are sealed with `cipher`.
#pragma once

#include <functional>
#include <mutex>

#include "core/field_cipher.h"
#include "domain/messages/message.h"
#include "storage/sqlite/sqlite_db.h"

namespace yz::sqlite {

class SqliteMessages final : public MessageRepository {
 public:
  // REQUIRES: migrations/sqlite/008_people.sql applied; `db`, `mutex` and `cipher` outlive this.
  SqliteMessages(Database& db, std::mutex& mutex, const FieldCipher& cipher)
      : db_(db), mutex_(mutex), cipher_(cipher) {}

  Result<EnqueueResult> Enqueue(const Message& message) override;
  Result<std::vector<Message>> ClaimDue(UtcTime now, UtcTime lease_until, int limit) override;
  Result<void> MarkSent(int64_t id, UtcTime at, std::string_view gateway,
                        std::string_view provider_id) override;
  Result<void> MarkRetry(int64_t id, UtcTime next_attempt_at, std::string_view error) override;
  Result<void> MarkFailed(int64_t id, std::string_view error) override;
  Result<std::optional<Message>> FindMessage(int64_t id) override;
  Result<std::vector<Message>> ListMessages(const MessageQuery& query) override;
  Result<std::vector<Message>> MessagesOf(int64_t person_id, std::string_view phone,
                                          int limit) override;
  Result<int64_t> EraseMessagesOf(int64_t person_id, std::string_view phone) override;
  Result<int64_t> DeleteMessagesBefore(UtcTime cutoff, std::string_view purpose) override;

 private:
  // REQUIRES: mutex_ held.
  Result<std::vector<Message>> Select(std::string_view where_order,
                                      const std::function<void(Statement&)>& bind);
  Result<void> SetOutcome(int64_t id, std::string_view sql,
                          const std::function<void(Statement&)>& bind);

  Database& db_;
  std::mutex& mutex_;
  const FieldCipher& cipher_;
};

}  // namespace yz::sqlite
