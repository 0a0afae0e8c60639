// SmsGateway over Tencent Cloud SMS (API 2021-01-11, action SendSms), with libcurl.
//
// One HTTPS POST per message, signed with TC3-HMAC-SHA256 (tc3_signer.h) at the injected clock's
// time. The phone number travels only in the request body: it is never put in an error message
// (at most masked, 188****2223), and the secret key never leaves the signer.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "domain/messages/sms_gateway.h"
#include "gateways/sms/sms_gateway_config.h"

namespace yz {

class TencentSmsGateway final : public SmsGateway {
 public:
  // REQUIRES: `config` passed ParseSmsGatewayConfig. `clock` must outlive the gateway.
  TencentSmsGateway(TencentSmsConfig config, const Clock& clock);

  // Thread-safe (no shared mutable state: one curl handle per call). Returns within about
  // config.timeout. Errors: kInvalidArgument for a phone that is not an 11-digit mainland mobile
  // number, a template name with no id in the key file, and codes Tencent gives for a message
  // it will never accept (see ClassifyTencentSmsCode); kUnavailable for everything that may pass
  // later: network errors, timeouts, an HTTP status other than 200, an answer that cannot be
  // read or is longer than config.max_response_bytes, rate limits and Tencent's internal errors.
  Result<SmsReceipt> Send(const OutgoingSms& sms) override;
  std::string_view Name() const override { return "tencent"; }

 private:
  TencentSmsConfig config_;
  const Clock& clock_;
  std::string url_;   // endpoint + "/"
  std::string host_;  // the Host header, signed: host[:port] of the endpoint
};

// What an error code of Tencent Cloud (Response.Error.Code, or SendStatusSet[].Code) means for
// the sender: kUnavailable when the same message may pass later (RequestLimitExceeded*,
// LimitExceeded.* frequency and daily limits, InternalError.*, an empty SMS package, arrears, and
// codes not known here); kInvalidArgument when it will not (AuthFailure.*, InvalidParameter*,
// MissingParameter*, UnauthorizedOperation.*, UnsupportedOperation.*, and FailedOperation.*
// about the number, the sign name, the template or the content).
ErrorCode ClassifyTencentSmsCode(std::string_view code);

}  // namespace yz
