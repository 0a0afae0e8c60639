#include "domain/accounts/password.h"

#include <sodium.h>

#include <charconv>

#include <fmt/format.h>

#include "core/crypto.h"
#include "core/text.h"

namespace yz {
namespace {

constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19u * 1024u * 1024u;

Result<int> ParseInt(std::string_view text) {
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Error::InvalidArgument(fmt::format("not a number: '{}'", text));
  }
  return v;
}

}  // namespace

std::string PasswordPolicy::Serialize() const {
  return fmt::format("min_length={};require_mixed={};lock_after={};lock_minutes={}", min_length,
                     require_mixed ? 1 : 0, lock_after_failures, lock_minutes);
}

Result<PasswordPolicy> PasswordPolicy::Parse(std::string_view text) {
  PasswordPolicy p;
  while (!text.empty()) {
    const auto semi = text.find(';');
    const std::string_view item = text.substr(0, semi);
    text = semi == std::string_view::npos ? std::string_view() : text.substr(semi + 1);
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) return Error::InvalidArgument(fmt::format("bad policy item '{}'", item));
    const std::string_view key = item.substr(0, eq);
    auto value = ParseInt(item.substr(eq + 1));
    if (!value) return value.error();
    if (key == "min_length" && *value >= 1 && *value <= 128) p.min_length = *value;
    else if (key == "require_mixed" && (*value == 0 || *value == 1)) p.require_mixed = *value == 1;
    else if (key == "lock_after" && *value >= 1 && *value <= 100) p.lock_after_failures = *value;
    else if (key == "lock_minutes" && *value >= 1 && *value <= 24 * 60) p.lock_minutes = *value;
    else return Error::InvalidArgument(fmt::format("bad policy item '{}'", item));
  }
  return p;
}

Result<void> CheckPasswordPolicy(const PasswordPolicy& policy, std::string_view password) {
  if (!IsValidUtf8(password)) return Error::InvalidArgument("密码不是有效的 UTF-8 文本");
  const auto length = CountCodePoints(password);
  if (length < static_cast<std::size_t>(policy.min_length)) {
    return Error::InvalidArgument(fmt::format("密码至少 {} 个字符 / at least {} characters", policy.min_length,
                                              policy.min_length));
  }
  if (length > 1024) return Error::InvalidArgument("密码过长 / password too long");
  if (policy.require_mixed) {
    bool lower = false, upper = false, digit = false, other = false;
    for (unsigned char c : password) {
      if (c >= 'a' && c <= 'z') lower = true;
      else if (c >= 'A' && c <= 'Z') upper = true;
      else if (c >= '0' && c <= '9') digit = true;
      else other = true;
    }
    if (lower + upper + digit + other < 3) {
      return Error::InvalidArgument(
          "密码须包含小写字母、大写字母、数字、符号中的至少三类 / "
          "at least three of lower case, upper case, digits, symbols");
    }
  }
  return Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  if (sodium_init() < 0) return Error::Internal("libsodium did not initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::Internal("out of memory while hashing a password");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (sodium_init() < 0) return false;
  const std::string h(hash);  // NUL-terminated for libsodium
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

const std::string& DummyPasswordHash() {
  static const std::string hash = [] {
    auto h = HashPassword(RandomToken(24));
    return h ? *h : std::string();
  }();
  return hash;
}

}  // namespace yz
