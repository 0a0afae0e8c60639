// Tencent Cloud API 3.0 request signing (TC3-HMAC-SHA256), as the "Signature v3" page of Tencent
// Cloud's API documentation specifies it for JSON POST requests. Pure functions: no clock, no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace yz {

// The inputs of one signature. Only `content-type` and `host` are signed (the documented minimum);
// the other X-TC-* headers travel unsigned, as Tencent's own SDKs send them.
struct Tc3SigningInput {
  std::string_view secret_id;     // "AKID…"
  std::string_view secret_key;    // never leaves this function except as HMAC output
  std::string_view service;       // "sms" (the first label of the API host)
  std::string_view host;          // the Host header exactly as sent ("sms.tencentcloudapi.com")
  std::string_view content_type;  // the Content-Type header exactly as sent
  std::string_view payload;       // the request body, byte for byte
  int64_t timestamp = 0;          // X-TC-Timestamp: Unix seconds; its UTC date goes in the scope
};

// The value of the `Authorization` header:
// "TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=content-type;host,
// Signature=<64 hex digits>". REQUIRES: timestamp >= 0. Thread-safe.
std::string Tc3Authorization(const Tc3SigningInput& input);

// The steps, exposed so a test (or a fake server) can compare intermediate values with the
// documented ones. Header values are lower-cased as the canonical form requires.
std::string Tc3CanonicalRequest(const Tc3SigningInput& input);
std::string Tc3StringToSign(const Tc3SigningInput& input);
// "YYYY-MM-DD" of the timestamp in UTC (not station time: a UTC+8 date fails every night
// between 00:00 and 08:00).
std::string Tc3UtcDate(int64_t timestamp);
// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace yz
