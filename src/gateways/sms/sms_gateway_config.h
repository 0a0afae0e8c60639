// The SMS provider's key file: which provider, its credentials and our template → provider
// template mapping. Read once at start-up by the composition root (OpenSmsGateway).
//
// The file is JSON, mode 0600 (owner only), for example:
//   {"provider": "tencent", "secret_id": "AKID…", "secret_key": "…", "sdk_app_id": "1400…",
//    "sign_name": "某某工会", "region": "ap-guangzhou", "timeout_ms": 5000,
//    "templates": {"sign_in_code": "1234567"}}
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace yz {

// Tencent Cloud SMS (API 2021-01-11). Field comments give the key file's name and the default.
struct TencentSmsConfig {
  std::string secret_id;   // "secret_id": the API key's SecretId (required)
  std::string secret_key;  // "secret_key": its SecretKey (required; never logged or echoed)
  std::string sdk_app_id;  // "sdk_app_id": the SMS application's SdkAppId, digits (required)
  std::string sign_name;   // "sign_name": the approved signature, e.g. 某某工会 (required)
  std::string region = "ap-guangzhou";  // "region": the API region
  // "endpoint": scheme://host[:port], no path. https only, except http to a loopback address
  // (the tests' fake).
  std::string endpoint = "https://sms.tencentcloudapi.com";
  std::chrono::milliseconds timeout{5000};          // "timeout_ms": a whole request, 100..60000
  std::chrono::milliseconds connect_timeout{2000};  // "connect_timeout_ms": ≤ timeout_ms
  // "proxy": an outbound proxy URL (http://, https://, socks5h://); "" connects directly. The
  // http_proxy/https_proxy environment variables are ignored: this field is the only switch.
  std::string proxy;
  // "templates" (required, not empty): our template name → Tencent's template id (digits).
  std::map<std::string, std::string> templates;
  std::size_t max_response_bytes = 64 * 1024;  // not in the file: a longer answer is refused
};

struct SmsGatewayConfig {
  std::string provider;      // "provider": "tencent" (the only one so far)
  TencentSmsConfig tencent;  // when provider == "tencent"
};

// Parses the key file's text. Errors (kInvalidArgument) name the file (`source`) and the field,
// in Chinese then English, and never contain a secret's value. Unknown fields are refused, so
// a misspelt optional field does not silently fall back to its default.
Result<SmsGatewayConfig> ParseSmsGatewayConfig(std::string_view json_text, std::string_view source);

// Reads and parses the key file at `path`. Errors: kNotFound when it does not exist;
// kInvalidArgument when it is not a regular file, when group or others have any permission on it
// (chmod 600 it), when it is larger than 64 KiB, or when ParseSmsGatewayConfig refuses it;
// kUnavailable when it cannot be read.
Result<SmsGatewayConfig> LoadSmsGatewayConfig(const std::string& path);

}  // namespace yz
