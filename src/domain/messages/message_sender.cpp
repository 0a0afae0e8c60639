#include "domain/messages/message_sender.h"

#include <algorithm>

namespace yz {

std::chrono::seconds MessageSender::Backoff(int attempts_before) const {
  auto wait = options_.first_retry;
  for (int i = 0; i < attempts_before && wait < options_.max_retry; ++i) wait *= 2;
  return std::min(wait, options_.max_retry);
}

Result<SendRound> MessageSender::RunOnce() {
  const UtcTime now = clock_.Now();
  auto due = messages_.ClaimDue(now, now + options_.lease, options_.batch);
  if (!due) return due.error();
  SendRound round;
  for (const Message& m : *due) {
    if (m.channel != MessageChannel::kSms) {  // notices are delivered when stored
      (void)messages_.MarkSent(m.id, clock_.Now(), "page", "");
      continue;
    }
    const OutgoingSms sms{m.phone, m.template_name, m.params, m.text};
    auto receipt = gateway_.Send(sms);
    if (receipt) {
      if (messages_.MarkSent(m.id, clock_.Now(), gateway_.Name(), receipt->provider_id)) {
        ++round.sent;
      }
      continue;
    }
    const Error& e = receipt.error();
    const bool for_good = e.code == ErrorCode::kInvalidArgument;
    if (for_good || m.attempts + 1 >= options_.max_attempts) {
      (void)messages_.MarkFailed(m.id, e.message);
      ++round.failed;
    } else {
      (void)messages_.MarkRetry(m.id, clock_.Now() + Backoff(m.attempts), e.message);
      ++round.retried;
    }
  }
  sent_ += round.sent;
  retried_ += round.retried;
  failed_ += round.failed;
  return round;
}

void MessageSender::Start() {
  task_ = std::make_unique<PeriodicTask>(options_.poll, [this] { (void)RunOnce(); });
}

}  // namespace yz
