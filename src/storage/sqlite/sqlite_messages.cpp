#include "storage/sqlite/sqlite_messages.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include "storage/message_codec.h"

namespace yz::sqlite {
namespace {

int64_t Millis(UtcTime t) { return t.time_since_epoch().count(); }
UtcTime FromMillis(int64_t ms) { return UtcTime(std::chrono::milliseconds(ms)); }

constexpr std::string_view kColumns =
    "id, channel, purpose, object, person_id, phone_sealed, template_name, params_sealed, "
    "text_sealed, status, attempts, created_at_ms, next_attempt_ms, sent_at_ms, gateway, "
    "provider_id, last_error";

Result<Message> ReadMessage(const Statement& s, const FieldCipher& cipher) {
  Message m;
  m.id = s.Int(0);
  m.channel = ParseMessageChannel(s.Text(1)).value_or(MessageChannel::kSms);
  m.purpose = s.Text(2);
  m.object = s.Text(3);
  m.person_id = s.Int(4);
  auto phone = cipher.Open(s.Text(5));
  if (!phone) return phone.error();
  m.phone = std::move(*phone);
  m.template_name = s.Text(6);
  auto params = OpenMessageParams(s.Text(7), cipher);
  if (!params) return params.error();
  m.params = std::move(*params);
  auto text = cipher.Open(s.Text(8));
  if (!text) return text.error();
  m.text = std::move(*text);
  m.status = ParseMessageStatus(s.Text(9)).value_or(MessageStatus::kFailed);
  m.attempts = static_cast<int>(s.Int(10));
  m.created_at = FromMillis(s.Int(11));
  m.next_attempt_at = FromMillis(s.Int(12));
  if (!s.IsNull(13)) m.sent_at = FromMillis(s.Int(13));
  m.gateway = s.Text(14);
  m.provider_id = s.Text(15);
  m.last_error = s.Text(16);
  return m;
}

}  // namespace

Result<std::vector<Message>> SqliteMessages::Select(std::string_view sql,
                                                    const std::function<void(Statement&)>& bind) {
  auto stmt = db_.Prepare(sql);
  if (!stmt) return stmt.error();
  bind(*stmt);
  std::vector<Message> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    auto m = ReadMessage(*stmt, cipher_);
    if (!m) return m.error();
    out.push_back(std::move(*m));
  }
  return out;
}

Result<EnqueueResult> SqliteMessages::Enqueue(const Message& m) {
  std::lock_guard lock(mutex_);
  const std::string recipient = MessageRecipientKey(m, cipher_);
  auto insert = db_.Prepare(
      "INSERT INTO messages (channel, purpose, object, recipient, person_id, phone_index, "
      "phone_sealed, template_name, params_sealed, text_sealed, status, attempts, created_at_ms, "
      "next_attempt_ms, sent_at_ms, gateway, provider_id, last_error) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, '', '') "
      "ON CONFLICT (purpose, object, recipient) DO NOTHING");
  if (!insert) return insert.error();
  insert->Bind(1, MessageChannelCode(m.channel));
  insert->Bind(2, m.purpose);
  insert->Bind(3, m.object);
  insert->Bind(4, recipient);
  insert->Bind(5, m.person_id);
  insert->Bind(6, cipher_.BlindIndex("phone", m.phone));
  insert->Bind(7, cipher_.Seal(m.phone));
  insert->Bind(8, m.template_name);
  insert->Bind(9, SealMessageParams(m.params, cipher_));
  insert->Bind(10, cipher_.Seal(m.text));
  insert->Bind(11, MessageStatusCode(m.status));
  insert->Bind(12, Millis(m.created_at));
  insert->Bind(13, Millis(m.next_attempt_at));
  insert->Bind(14, m.sent_at ? std::optional<int64_t>(Millis(*m.sent_at)) : std::nullopt);
  insert->Bind(15, m.gateway);
  YZ_TRY(insert->Run());
  if (sqlite3_changes(db_.handle()) > 0) {
    return EnqueueResult{static_cast<int64_t>(sqlite3_last_insert_rowid(db_.handle())), true};
  }
  auto find =
      db_.Prepare("SELECT id FROM messages WHERE purpose = ? AND object = ? AND recipient = ?");
  if (!find) return find.error();
  find->Bind(1, m.purpose);
  find->Bind(2, m.object);
  find->Bind(3, recipient);
  auto row = find->Step();
  if (!row) return row.error();
  if (!*row) return Error::Internal("a message both exists and does not");
  return EnqueueResult{find->Int(0), false};
}

Result<std::vector<Message>> SqliteMessages::ClaimDue(UtcTime now, UtcTime lease_until, int limit) {
  std::lock_guard lock(mutex_);
  // Most polls find nothing due: answer those from a read, which in WAL mode takes no lock, so
  // the sender's polling never queues behind (or holds up) the check-in writer.
  auto due = db_.Prepare(
      "SELECT 1 FROM messages WHERE status IN ('pending', 'sending') AND next_attempt_ms <= ? "
      "LIMIT 1");
  if (!due) return due.error();
  due->Bind(1, Millis(now));
  auto any = due->Step();
  if (!any) return any.error();
  if (!*any) return std::vector<Message>{};
  due->Reset();
  // One statement: SQLite runs it under the write lock, so concurrent processes never claim one
  // message twice.
  return Select(fmt::format("UPDATE messages SET status = 'sending', next_attempt_ms = ? "
                            "WHERE id IN (SELECT id FROM messages WHERE status IN ('pending', "
                            "'sending') AND next_attempt_ms <= ? ORDER BY next_attempt_ms, id "
                            "LIMIT ?) RETURNING {}",
                            kColumns),
                [&](Statement& s) {
                  s.Bind(1, Millis(lease_until));
                  s.Bind(2, Millis(now));
                  s.Bind(3, static_cast<int64_t>(limit));
                });
}

Result<void> SqliteMessages::SetOutcome(int64_t id, std::string_view sql,
                                        const std::function<void(Statement&)>& bind) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(sql);
  if (!stmt) return stmt.error();
  bind(*stmt);
  YZ_TRY(stmt->Run());
  if (sqlite3_changes(db_.handle()) == 0) {
    return Error::NotFound(fmt::format("no message {}", id));
  }
  return Ok();
}

Result<void> SqliteMessages::MarkSent(int64_t id, UtcTime at, std::string_view gateway,
                                      std::string_view provider_id) {
  return SetOutcome(id,
                    "UPDATE messages SET status = 'sent', sent_at_ms = ?, gateway = ?, "
                    "provider_id = ?, attempts = attempts + 1, last_error = '' WHERE id = ?",
                    [&](Statement& s) {
                      s.Bind(1, Millis(at));
                      s.Bind(2, gateway);
                      s.Bind(3, provider_id);
                      s.Bind(4, id);
                    });
}

Result<void> SqliteMessages::MarkRetry(int64_t id, UtcTime next_attempt_at,
                                       std::string_view error) {
  return SetOutcome(id,
                    "UPDATE messages SET status = 'pending', next_attempt_ms = ?, "
                    "attempts = attempts + 1, last_error = ? WHERE id = ?",
                    [&](Statement& s) {
                      s.Bind(1, Millis(next_attempt_at));
                      s.Bind(2, error.substr(0, 500));
                      s.Bind(3, id);
                    });
}

Result<void> SqliteMessages::MarkFailed(int64_t id, std::string_view error) {
  return SetOutcome(id,
                    "UPDATE messages SET status = 'failed', attempts = attempts + 1, "
                    "last_error = ? WHERE id = ?",
                    [&](Statement& s) {
                      s.Bind(1, error.substr(0, 500));
                      s.Bind(2, id);
                    });
}

Result<std::optional<Message>> SqliteMessages::FindMessage(int64_t id) {
  std::lock_guard lock(mutex_);
  auto found = Select(fmt::format("SELECT {} FROM messages WHERE id = ?", kColumns),
                      [&](Statement& s) { s.Bind(1, id); });
  if (!found) return found.error();
  if (found->empty()) return std::optional<Message>{};
  return std::optional<Message>{std::move(found->front())};
}

Result<std::vector<Message>> SqliteMessages::ListMessages(const MessageQuery& q) {
  std::lock_guard lock(mutex_);
  return Select(
      fmt::format("SELECT {} FROM messages WHERE (? = '' OR status = ?) AND (? = '' OR channel = "
                  "?) AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
                  kColumns),
      [&](Statement& s) {
        const std::string_view status = q.status ? MessageStatusCode(*q.status) : "";
        const std::string_view channel = q.channel ? MessageChannelCode(*q.channel) : "";
        s.Bind(1, status);
        s.Bind(2, status);
        s.Bind(3, channel);
        s.Bind(4, channel);
        s.Bind(5, q.before_id);
        s.Bind(6, q.before_id);
        s.Bind(7, static_cast<int64_t>(q.limit));
      });
}

Result<std::vector<Message>> SqliteMessages::MessagesOf(int64_t person_id, std::string_view phone,
                                                        int limit) {
  std::lock_guard lock(mutex_);
  const std::string index = cipher_.BlindIndex("phone", phone);
  return Select(fmt::format("SELECT {} FROM messages WHERE (? <> 0 AND person_id = ?) OR "
                            "(? <> '' AND phone_index = ?) ORDER BY id DESC LIMIT ?",
                            kColumns),
                [&](Statement& s) {
                  s.Bind(1, person_id);
                  s.Bind(2, person_id);
                  s.Bind(3, index);
                  s.Bind(4, index);
                  s.Bind(5, static_cast<int64_t>(limit));
                });
}

Result<int64_t> SqliteMessages::EraseMessagesOf(int64_t person_id, std::string_view phone) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "DELETE FROM messages WHERE (? <> 0 AND person_id = ?) OR (? <> '' AND phone_index = ?)");
  if (!stmt) return stmt.error();
  const std::string index = cipher_.BlindIndex("phone", phone);
  stmt->Bind(1, person_id);
  stmt->Bind(2, person_id);
  stmt->Bind(3, index);
  stmt->Bind(4, index);
  YZ_TRY(stmt->Run());
  return static_cast<int64_t>(sqlite3_changes(db_.handle()));
}

Result<int64_t> SqliteMessages::DeleteMessagesBefore(UtcTime cutoff, std::string_view purpose) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "DELETE FROM messages WHERE created_at_ms < ? AND status IN ('sent', 'failed') AND "
      "(? = '' OR purpose = ?)");
  if (!stmt) return stmt.error();
  stmt->Bind(1, Millis(cutoff));
  stmt->Bind(2, purpose);
  stmt->Bind(3, purpose);
  YZ_TRY(stmt->Run());
  return static_cast<int64_t>(sqlite3_changes(db_.handle()));
}

}  // namespace yz::sqlite
