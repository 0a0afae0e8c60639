// Encryption of personal data at rest (a station manager's phone, and whatever joins it): each
// value is sealed on its own with XSalsa20-Poly1305 (libsodium's crypto_secretbox) under a 32-byte
// key kept OUTSIDE the database, so a copy of the database alone (a backup, a dump, a stolen
// disk image without the key file) does not reveal it. Stored form: "enc1:" + base64 of a fresh
// random 24-byte nonce followed by the ciphertext and its tag. The empty value stays empty.
//
// The key file holds the key in base64 (one line), mode 0600; LoadOrCreate makes one when it is
// absent. Servers sharing one PostgreSQL database must share the key file. Losing it loses the
// encrypted values; see docs/decisions/0009-personal-data-at-rest.md.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/result.h"

namespace yz {

class FieldCipher {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // Reads the key file, or creates it (0600, its directory too) when it does not exist.
  static Result<FieldCipher> LoadOrCreate(const std::string& path);
  static FieldCipher FromKey(const std::array<unsigned char, kKeyBytes>& key) {
    return FieldCipher(key);
  }

  // "enc1:…" for a non-empty value, "" for "".
  std::string Seal(std::string_view plain) const;
  // The value back. A value without the "enc1:" prefix is returned as it is (stored before
  // encryption existed; sealed at its next save). A sealed value that does not open (another key,
  // or tampering) → internal error.
  Result<std::string> Open(std::string_view stored) const;

  // A keyed blind index of `value` for look-ups of sealed values (a phone number), as 64 hex
  // digits: BLAKE2b-256 under a subkey derived from the data key for `purpose`, so the same value
  // gives the same index in every table of that purpose and a copy of the database alone cannot
  // test guesses (an 11-digit phone has only 10^10 values: a key outside the database is what
  // makes the index safe). Deterministic; "" stays "".
  std::string BlindIndex(std::string_view purpose, std::string_view value) const;

  // True when `stored` is in the sealed form.
  static bool IsSealed(std::string_view stored) { return stored.starts_with(kPrefix); }

 private:
  static constexpr std::string_view kPrefix = "enc1:";
  explicit FieldCipher(const std::array<unsigned char, kKeyBytes>& key);
  std::array<unsigned char, kKeyBytes> key_;
};

}  // namespace yz
