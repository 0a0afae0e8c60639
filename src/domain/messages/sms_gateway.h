// The port through which text messages leave the system. The message sender (messages area)
// renders a Chinese template, then hands each SMS to one SmsGateway: the default stores nothing
// more than the outbox already holds (a union without an SMS contract reads the outbox page); a
// provider adapter (src/gateways/sms/) calls a real SMS provider's HTTP API.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace yz {

struct OutgoingSms {
  std::string phone;  // 11-digit mainland mobile number, in clear (memory only; never logged)
  std::string
      template_name;  // our template's code ("sign_in_code", …); the provider maps it to its id
  std::vector<std::string> params;  // the template's parameters, in the template's order
  std::string text;                 // the whole text as we rendered it, in Chinese
};

struct SmsReceipt {
  std::string provider_id;  // the provider's serial number of the message ("" for the outbox)
};

class SmsGateway {
 public:
  virtual ~SmsGateway() = default;
  // Sends one message. Errors: kUnavailable when it may succeed later (network, timeout, the
  // provider's 5xx or rate limit: the sender retries with backoff); kInvalidArgument when the
  // provider refused this message for good (bad number, unknown template: no retry). Must be
  // thread-safe and finish within a bounded time (the adapter sets its own timeouts).
  virtual Result<SmsReceipt> Send(const OutgoingSms& sms) = 0;
  // "outbox", "tencent", … for the console and /metrics.
  virtual std::string_view Name() const = 0;
};

}  // namespace yz
