#include "core/field_cipher.h"

#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "core/crypto.h"

namespace yz {

FieldCipher::FieldCipher(const std::array<unsigned char, kKeyBytes>& key) : key_(key) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

Result<FieldCipher> FieldCipher::LoadOrCreate(const std::string& path) {
  if (sodium_init() < 0) return Error::Internal("libsodium failed to initialise");
  std::array<unsigned char, kKeyBytes> key{};
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    const auto dir = std::filesystem::path(path).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
    randombytes_buf(key.data(), key.size());
    const std::string tmp = path + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) return Error::Unavailable(fmt::format("cannot write the data key {}", tmp));
      out << ToBase64(key, Base64Form::kStandard) << '\n';
      out.flush();
      if (!out) return Error::Unavailable(fmt::format("cannot write the data key {}", tmp));
    }
    ::chmod(tmp.c_str(), 0600);
    std::filesystem::rename(tmp, path, ec);
    if (ec)
      return Error::Unavailable(
          fmt::format("cannot create the data key {}: {}", path, ec.message()));
    return FieldCipher(key);
  }
  std::ifstream in(path, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line))
    return Error::Unavailable(fmt::format("cannot read the data key {}", path));
  std::vector<unsigned char> bytes;
  if (!FromBase64(line, Base64Form::kStandard, bytes) || bytes.size() != kKeyBytes) {
    return Error::InvalidArgument(fmt::format("the data key {} is not 32 bytes in base64", path));
  }
  std::copy(bytes.begin(), bytes.end(), key.begin());
  return FieldCipher(key);
}

namespace {

// Random nonces drawn from a per-thread pool refilled 4 KiB at a time: one getrandom call per
// 170 values instead of one per value (an import seals 200,000 phones).
void RandomNonce(unsigned char* nonce) {
  thread_local std::array<unsigned char, 4080> pool;
  thread_local std::size_t used = pool.size();
  if (used + crypto_secretbox_NONCEBYTES > pool.size()) {
    randombytes_buf(pool.data(), pool.size());
    used = 0;
  }
  std::memcpy(nonce, pool.data() + used, crypto_secretbox_NONCEBYTES);
  sodium_memzero(pool.data() + used, crypto_secretbox_NONCEBYTES);  // never handed out twice
  used += crypto_secretbox_NONCEBYTES;
}

}  // namespace

std::string FieldCipher::Seal(std::string_view plain) const {
  if (plain.empty()) return "";
  std::vector<unsigned char> sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                    plain.size());
  unsigned char* nonce = sealed.data();
  RandomNonce(nonce);
  crypto_secretbox_easy(sealed.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                        key_.data());
  return std::string(kPrefix) + ToBase64(sealed, Base64Form::kStandard);
}

Result<std::string> FieldCipher::Open(std::string_view stored) const {
  if (!IsSealed(stored)) return std::string(stored);
  std::vector<unsigned char> sealed;
  if (!FromBase64(stored.substr(kPrefix.size()), Base64Form::kStandard, sealed) ||
      sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Error::Internal("a sealed value is malformed");
  }
  std::string plain(sealed.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 sealed.data() + crypto_secretbox_NONCEBYTES,
                                 sealed.size() - crypto_secretbox_NONCEBYTES, sealed.data(),
                                 key_.data()) != 0) {
    return Error::Internal("a sealed value does not open with this data key (another key file?)");
  }
  return plain;
}

std::string FieldCipher::BlindIndex(std::string_view purpose, std::string_view value) const {
  if (value.empty()) return "";
  const std::string_view key(reinterpret_cast<const char*>(key_.data()), key_.size());
  const std::string subkey = KeyedHashHex(key, fmt::format("yizhan blind index/{}", purpose));
  return KeyedHashHex(subkey, value);
}

}  // namespace yz
