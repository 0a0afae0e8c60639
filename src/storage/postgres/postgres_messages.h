// The PostgreSQL store's outbox (domain/messages/message.h), on the pool shared with the rest of
// the store. Phones, parameters and texts are sealed with `cipher`.
#pragma once

#include "core/field_cipher.h"
#include "domain/messages/message.h"
#include "storage/postgres/connection_pool.h"

namespace yz::pg {

class PostgresMessages final : public MessageRepository {
 public:
  // REQUIRES: migrations/postgres/008_people.sql applied; `pool` and `cipher` outlive this.
  PostgresMessages(ConnectionPool& pool, const FieldCipher& cipher)
      : pool_(pool), cipher_(cipher) {}

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
  Result<std::vector<Message>> Rows(const pqxx::result& r) const;

  ConnectionPool& pool_;
  const FieldCipher& cipher_;
};

}  // namespace yz::pg
