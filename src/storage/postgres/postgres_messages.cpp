#include "storage/postgres/postgres_messages.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "storage/message_codec.h"

namespace yz::pg {
namespace {

int64_t Millis(UtcTime t) { return t.time_since_epoch().count(); }
UtcTime FromMillis(int64_t ms) { return UtcTime(std::chrono::milliseconds(ms)); }

#define YZ_MESSAGE_COLUMNS                                                                \
  "id, channel, purpose, object, person_id, phone_sealed, template_name, params_sealed, " \
  "text_sealed, status, attempts, created_at_ms, next_attempt_ms, sent_at_ms, gateway, "  \
  "provider_id, last_error"

}  // namespace

Result<std::vector<Message>> PostgresMessages::Rows(const pqxx::result& r) const {
  std::vector<Message> out;
  for (const auto& row : r) {
    Message m;
    m.id = row[0].as<int64_t>();
    m.channel = ParseMessageChannel(row[1].as<std::string>()).value_or(MessageChannel::kSms);
    m.purpose = row[2].as<std::string>();
    m.object = row[3].as<std::string>();
    m.person_id = row[4].as<int64_t>();
    auto phone = cipher_.Open(row[5].as<std::string>());
    if (!phone) return phone.error();
    m.phone = std::move(*phone);
    m.template_name = row[6].as<std::string>();
    auto params = OpenMessageParams(row[7].as<std::string>(), cipher_);
    if (!params) return params.error();
    m.params = std::move(*params);
    auto text = cipher_.Open(row[8].as<std::string>());
    if (!text) return text.error();
    m.text = std::move(*text);
    m.status = ParseMessageStatus(row[9].as<std::string>()).value_or(MessageStatus::kFailed);
    m.attempts = row[10].as<int>();
    m.created_at = FromMillis(row[11].as<int64_t>());
    m.next_attempt_at = FromMillis(row[12].as<int64_t>());
    if (!row[13].is_null()) m.sent_at = FromMillis(row[13].as<int64_t>());
    m.gateway = row[14].as<std::string>();
    m.provider_id = row[15].as<std::string>();
    m.last_error = row[16].as<std::string>();
    out.push_back(std::move(m));
  }
  return out;
}

Result<EnqueueResult> PostgresMessages::Enqueue(const Message& m) {
  const std::string recipient = MessageRecipientKey(m, cipher_);
  return pool_.Run<EnqueueResult>(
      "enqueue message", [&](pqxx::connection& c) -> Result<EnqueueResult> {
        pqxx::work txn(c);
        const std::optional<int64_t> sent_at =
            m.sent_at ? std::optional<int64_t>(Millis(*m.sent_at)) : std::nullopt;
        const pqxx::result r = txn.exec_params(
            "INSERT INTO messages (channel, purpose, object, recipient, person_id, phone_index, "
            "phone_sealed, template_name, params_sealed, text_sealed, status, attempts, "
            "created_at_ms, next_attempt_ms, sent_at_ms, gateway, provider_id, last_error) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12, $13, $14, $15, '', '') "
            "ON CONFLICT (purpose, object, recipient) DO NOTHING RETURNING id",
            std::string(MessageChannelCode(m.channel)), m.purpose, m.object, recipient, m.person_id,
            cipher_.BlindIndex("phone", m.phone), cipher_.Seal(m.phone), m.template_name,
            SealMessageParams(m.params, cipher_), cipher_.Seal(m.text),
            std::string(MessageStatusCode(m.status)), Millis(m.created_at),
            Millis(m.next_attempt_at), sent_at, m.gateway);
        if (!r.empty()) {
          txn.commit();
          return EnqueueResult{r[0][0].as<int64_t>(), true};
        }
        const pqxx::result existing = txn.exec_params(
            "SELECT id FROM messages WHERE purpose = $1 AND object = $2 AND recipient = $3",
            m.purpose, m.object, recipient);
        txn.commit();
        if (existing.empty()) return Error::Unavailable("a message being stored elsewhere; retry");
        return EnqueueResult{existing[0][0].as<int64_t>(), false};
      });
}

Result<std::vector<Message>> PostgresMessages::ClaimDue(UtcTime now, UtcTime lease_until,
                                                        int limit) {
  return pool_.Run<std::vector<Message>>(
      "claim messages", [&](pqxx::connection& c) -> Result<std::vector<Message>> {
        pqxx::work txn(c);
        // SKIP LOCKED: concurrent senders (other servers) take different rows; the WHERE is
        // re-checked on each row's latest version, so a row is never claimed twice per lease.
        const pqxx::result r = txn.exec_params(
            "UPDATE messages SET status = 'sending', next_attempt_ms = $1 WHERE id IN ("
            "SELECT id FROM messages WHERE status IN ('pending', 'sending') AND "
            "next_attempt_ms <= $2 ORDER BY next_attempt_ms, id LIMIT $3 FOR UPDATE SKIP LOCKED) "
            "RETURNING " YZ_MESSAGE_COLUMNS,
            Millis(lease_until), Millis(now), limit);
        auto rows = Rows(r);
        if (!rows) return rows.error();
        txn.commit();
        std::sort(rows->begin(), rows->end(),
                  [](const Message& a, const Message& b) { return a.id < b.id; });
        return rows;
      });
}

namespace {

Result<void> Outcome(ConnectionPool& pool, int64_t id,
                     const std::function<pqxx::result(pqxx::work&)>& run) {
  return pool.Run<void>("record message outcome", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    const pqxx::result r = run(txn);
    txn.commit();
    if (r.affected_rows() == 0) return Error::NotFound(fmt::format("no message {}", id));
    return Ok();
  });
}

}  // namespace

Result<void> PostgresMessages::MarkSent(int64_t id, UtcTime at, std::string_view gateway,
                                        std::string_view provider_id) {
  return Outcome(pool_, id, [&](pqxx::work& txn) {
    return txn.exec_params(
        "UPDATE messages SET status = 'sent', sent_at_ms = $1, gateway = $2, provider_id = $3, "
        "attempts = attempts + 1, last_error = '' WHERE id = $4",
        Millis(at), std::string(gateway), std::string(provider_id), id);
  });
}

Result<void> PostgresMessages::MarkRetry(int64_t id, UtcTime next_attempt_at,
                                         std::string_view error) {
  return Outcome(pool_, id, [&](pqxx::work& txn) {
    return txn.exec_params(
        "UPDATE messages SET status = 'pending', next_attempt_ms = $1, attempts = attempts + 1, "
        "last_error = $2 WHERE id = $3",
        Millis(next_attempt_at), std::string(error.substr(0, 500)), id);
  });
}

Result<void> PostgresMessages::MarkFailed(int64_t id, std::string_view error) {
  return Outcome(pool_, id, [&](pqxx::work& txn) {
    return txn.exec_params(
        "UPDATE messages SET status = 'failed', attempts = attempts + 1, last_error = $1 "
        "WHERE id = $2",
        std::string(error.substr(0, 500)), id);
  });
}

Result<std::optional<Message>> PostgresMessages::FindMessage(int64_t id) {
  return pool_.Run<std::optional<Message>>(
      "find message", [&](pqxx::connection& c) -> Result<std::optional<Message>> {
        pqxx::read_transaction txn(c);
        auto rows =
            Rows(txn.exec_params("SELECT " YZ_MESSAGE_COLUMNS " FROM messages WHERE id = $1", id));
        if (!rows) return rows.error();
        if (rows->empty()) return std::optional<Message>{};
        return std::optional<Message>{std::move(rows->front())};
      });
}

Result<std::vector<Message>> PostgresMessages::ListMessages(const MessageQuery& q) {
  return pool_.Run<std::vector<Message>>(
      "list messages", [&](pqxx::connection& c) -> Result<std::vector<Message>> {
        pqxx::read_transaction txn(c);
        const std::string status(q.status ? MessageStatusCode(*q.status) : "");
        const std::string channel(q.channel ? MessageChannelCode(*q.channel) : "");
        return Rows(txn.exec_params(
            "SELECT " YZ_MESSAGE_COLUMNS
            " FROM messages WHERE ($1 = '' OR status = $1) AND ($2 = '' OR channel = $2) AND "
            "($3 = 0 OR id < $3) ORDER BY id DESC LIMIT $4",
            status, channel, q.before_id, q.limit));
      });
}

Result<std::vector<Message>> PostgresMessages::MessagesOf(int64_t person_id, std::string_view phone,
                                                          int limit) {
  const std::string index = cipher_.BlindIndex("phone", phone);
  return pool_.Run<std::vector<Message>>(
      "list messages of a person", [&](pqxx::connection& c) -> Result<std::vector<Message>> {
        pqxx::read_transaction txn(c);
        return Rows(txn.exec_params(
            "SELECT " YZ_MESSAGE_COLUMNS
            " FROM messages WHERE ($1 <> 0 AND person_id = $1) OR ($2 <> '' AND phone_index = $2)"
            " ORDER BY id DESC LIMIT $3",
            person_id, index, limit));
      });
}

Result<int64_t> PostgresMessages::EraseMessagesOf(int64_t person_id, std::string_view phone) {
  const std::string index = cipher_.BlindIndex("phone", phone);
  return pool_.Run<int64_t>("erase messages", [&](pqxx::connection& c) -> Result<int64_t> {
    pqxx::work txn(c);
    const pqxx::result r = txn.exec_params(
        "DELETE FROM messages WHERE ($1 <> 0 AND person_id = $1) OR ($2 <> '' AND phone_index = "
        "$2)",
        person_id, index);
    txn.commit();
    return static_cast<int64_t>(r.affected_rows());
  });
}

Result<int64_t> PostgresMessages::DeleteMessagesBefore(UtcTime cutoff, std::string_view purpose) {
  return pool_.Run<int64_t>("delete old messages", [&](pqxx::connection& c) -> Result<int64_t> {
    pqxx::work txn(c);
    const pqxx::result r = txn.exec_params(
        "DELETE FROM messages WHERE created_at_ms < $1 AND status IN ('sent', 'failed') AND "
        "($2 = '' OR purpose = $2)",
        Millis(cutoff), std::string(purpose));
    txn.commit();
    return static_cast<int64_t>(r.affected_rows());
  });
}

}  // namespace yz::pg
