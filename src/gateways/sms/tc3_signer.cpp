#include "gateways/sms/tc3_signer.h"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <cassert>
#include <cctype>
#include <chrono>

namespace yz {

namespace {

constexpr std::string_view kAlgorithm = "TC3-HMAC-SHA256";
constexpr std::string_view kSignedHeaders = "content-type;host";

using Digest = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

// HMAC-SHA256 with a key of any length (the first key, "TC3" + secret, is not 32 bytes), which
// the init/update/final form accepts and crypto_auth_hmacsha256 does not.
Digest HmacSha256(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  Digest out{};
  crypto_auth_hmacsha256_final(&state, out.data());
  sodium_memzero(&state, sizeof state);
  return out;
}

std::string_view AsView(const Digest& d) {
  return {reinterpret_cast<const char*>(d.data()), d.size()};
}

std::string Hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  return Hex(digest.data(), digest.size());
}

std::string Tc3UtcDate(int64_t timestamp) {
  assert(timestamp >= 0);
  const auto day = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds(std::chrono::seconds(timestamp)));
  const std::chrono::year_month_day ymd(day);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string Tc3CanonicalRequest(const Tc3SigningInput& input) {
  // Method, URI "/", empty query (POST), canonical headers (sorted, "key:value\n" each), a blank
  // line's worth of separator, signed header names, payload hash.
  return fmt::format("POST\n/\n\ncontent-type:{}\nhost:{}\n\n{}\n{}",
                     Lower(Trim(input.content_type)), Lower(Trim(input.host)), kSignedHeaders,
                     Sha256Hex(input.payload));
}

std::string Tc3StringToSign(const Tc3SigningInput& input) {
  return fmt::format("{}\n{}\n{}/{}/tc3_request\n{}", kAlgorithm, input.timestamp,
                     Tc3UtcDate(input.timestamp), input.service,
                     Sha256Hex(Tc3CanonicalRequest(input)));
}

std::string Tc3Authorization(const Tc3SigningInput& input) {
  const std::string date = Tc3UtcDate(input.timestamp);
  std::string first_key = "TC3";
  first_key += input.secret_key;
  const Digest secret_date = HmacSha256(first_key, date);
  sodium_memzero(first_key.data(), first_key.size());
  const Digest secret_service = HmacSha256(AsView(secret_date), input.service);
  const Digest secret_signing = HmacSha256(AsView(secret_service), "tc3_request");
  const Digest signature = HmacSha256(AsView(secret_signing), Tc3StringToSign(input));
  return fmt::format("{} Credential={}/{}/{}/tc3_request, SignedHeaders={}, Signature={}",
                     kAlgorithm, input.secret_id, date, input.service, kSignedHeaders,
                     Hex(signature.data(), signature.size()));
}

}  // namespace yz
