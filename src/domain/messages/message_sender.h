// The background sender of the outbox: claims the SMS that are due, hands each to the gateway,
// and records the outcome: sent; refused for good (failed, no retry); or a transient failure,
// retried after a backoff that doubles from `first_retry` up to `max_retry`, until `max_attempts`.
// Claims are leased in the store, so several servers on one PostgreSQL never send a message
// twice while a lease lives (a sender that dies mid-send leaves its messages to be claimed again
// when the lease ends: at-least-once towards the provider, which is why leases are long).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>

#include "core/clock.h"
#include "core/periodic_task.h"
#include "domain/messages/message.h"
#include "domain/messages/sms_gateway.h"

namespace yz {

struct MessageSenderOptions {
  int batch = 20;
  int max_attempts = 6;
  std::chrono::seconds first_retry{30};
  std::chrono::seconds max_retry{std::chrono::hours(1)};
  std::chrono::seconds lease{120};
  std::chrono::milliseconds poll{1000};
};

struct SendRound {
  int sent = 0;
  int retried = 0;
  int failed = 0;
};

class MessageSender {
 public:
  MessageSender(MessageRepository& messages, SmsGateway& gateway, const Clock& clock,
                MessageSenderOptions options = {})
      : messages_(messages), gateway_(gateway), clock_(clock), options_(options) {}
  ~MessageSender() { Stop(); }

  // One round: claims what is due and sends it. Errors: the store's (nothing was claimed).
  Result<SendRound> RunOnce();
  // Runs RunOnce every `options.poll` on a thread of its own until Stop().
  void Start();
  void Stop() { task_.reset(); }

  // Since start, for /metrics.
  int64_t sent() const { return sent_; }
  int64_t retried() const { return retried_; }
  int64_t failed() const { return failed_; }
  const SmsGateway& gateway() const { return gateway_; }

 private:
  std::chrono::seconds Backoff(int attempts_before) const;

  MessageRepository& messages_;
  SmsGateway& gateway_;
  const Clock& clock_;
  const MessageSenderOptions options_;
  std::atomic<int64_t> sent_{0}, retried_{0}, failed_{0};
  std::unique_ptr<PeriodicTask> task_;
};

// The default gateway: sends nothing anywhere. The message stays in the outbox, which the
// console shows (the demonstration, or a union without an SMS contract relaying codes by hand).
class OutboxGateway final : public SmsGateway {
 public:
  Result<SmsReceipt> Send(const OutgoingSms&) override { return SmsReceipt{}; }
  std::string_view Name() const override { return "outbox"; }
};

}  // namespace yz
