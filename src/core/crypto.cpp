#include "core/crypto.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace yz {
namespace {

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

int SodiumVariant(Base64Form form) {
  return form == Base64Form::kStandard ? sodium_base64_VARIANT_ORIGINAL
                                       : sodium_base64_VARIANT_URLSAFE_NO_PADDING;
}

}  // namespace

std::string ToBase64(std::span<const unsigned char> bytes, Base64Form form) {
  const int variant = SodiumVariant(form);
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), variant);
  out.resize(std::char_traits<char>::length(out.c_str()));  // the encoder writes a terminating NUL
  return out;
}

bool FromBase64(std::string_view text, Base64Form form, std::vector<unsigned char>& out) {
  out.resize(text.size());
  std::size_t length = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                        SodiumVariant(form)) != 0) {
    return false;
  }
  out.resize(length);
  return true;
}

std::string RandomToken(std::size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  return ToBase64(raw, Base64Form::kUrlSafeNoPadding);
}

std::string RandomReadableCode(std::size_t groups) {
  // No 0/O, 1/l/I: read aloud or copied by hand without doubt.
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  EnsureSodium();
  while (true) {
    std::string out;
    bool upper = false, lower = false, digit = false;
    for (std::size_t g = 0; g < groups; ++g) {
      if (g > 0) out += '-';
      for (int i = 0; i < 4; ++i) {
        const char c = kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
        upper |= c >= 'A' && c <= 'Z';
        lower |= c >= 'a' && c <= 'z';
        digit |= c >= '0' && c <= '9';
        out += c;
      }
    }
    if (upper && lower && digit) return out;
  }
}

std::string Sha256Base64(std::string_view message) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size());
  return ToBase64(digest, Base64Form::kStandard);
}

std::string KeyedHashHex(std::string_view key, std::string_view message) {
  EnsureSodium();
  unsigned char derived_key[crypto_generichash_KEYBYTES];
  crypto_generichash(derived_key, sizeof derived_key,
                     reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr, 0);
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size(), derived_key, sizeof derived_key);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, sizeof digest * 2);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  EnsureSodium();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string RandomDigits(std::size_t count) {
  EnsureSodium();
  std::string out(count, '0');
  for (char& c : out) c = static_cast<char>('0' + randombytes_uniform(10));
  return out;
}

}  // namespace yz
