// Random identifiers and keyed hashes (libsodium). Thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace yz {

// Base64 alphabets: standard with '=' padding (key files, sealed fields, CSP hashes), or
// URL- and filename-safe without padding (tokens in URLs and cookies).
enum class Base64Form { kStandard, kUrlSafeNoPadding };

std::string ToBase64(std::span<const unsigned char> bytes, Base64Form form);
// The bytes of `text` in that form; false (and `out` unspecified) when it is not valid base64.
bool FromBase64(std::string_view text, Base64Form form, std::vector<unsigned char>& out);

// `bytes` random bytes from the OS CSPRNG, as unpadded base64url (URL- and filename-safe).
std::string RandomToken(std::size_t bytes);

// `count` uniformly random decimal digits from the OS CSPRNG (a one-time code).
std::string RandomDigits(std::size_t count);

// `groups` groups of four random characters from the CSPRNG joined by '-' ("Xk7p-9QmZ-…"), from
// an alphabet without look-alikes (no 0 O 1 l I), holding at least one upper-case letter, one
// lower-case letter and one digit: about 5.8 bits per character. For temporary passwords.
// REQUIRES: groups >= 1.
std::string RandomReadableCode(std::size_t groups);

// BLAKE2b-256 of `message` keyed with `key` (any length; hashed to a 32-byte key), as 64 lower-case
// hex digits. Used to store device ids and rating tokens without keeping them in clear.
std::string KeyedHashHex(std::string_view key, std::string_view message);

// SHA-256 of `message` in standard base64 with padding: the form of a Content-Security-Policy
// source hash ('sha256-…').
std::string Sha256Base64(std::string_view message);

// Constant-time comparison of two equal-length strings (false when lengths differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace yz
