#include "core/field_cipher.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace yz {
namespace {

FieldCipher Cipher(unsigned char fill) {
  std::array<unsigned char, FieldCipher::kKeyBytes> key;
  key.fill(fill);
  return FieldCipher::FromKey(key);
}

TEST(FieldCipher, SealsWithAFreshNonceAndOpensBack) {
  const FieldCipher c = Cipher(7);
  const std::string a = c.Seal("18812342223");
  const std::string b = c.Seal("18812342223");
  EXPECT_TRUE(a.starts_with("enc1:"));
  EXPECT_NE(a, b);  // random nonces: equal phones do not look equal
  EXPECT_EQ(*c.Open(a), "18812342223");
  EXPECT_EQ(*c.Open(b), "18812342223");
  EXPECT_EQ(c.Seal(""), "");
  EXPECT_EQ(*c.Open(""), "");
}

TEST(FieldCipher, PlainLegacyValuesPassAndForeignOrTamperedOnesFail) {
  const FieldCipher c = Cipher(7);
  EXPECT_EQ(*c.Open("13800000000"), "13800000000");
  const std::string sealed = c.Seal("13800000000");
  EXPECT_FALSE(Cipher(8).Open(sealed).ok());
  std::string tampered = sealed;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(c.Open(tampered).ok());
  EXPECT_FALSE(c.Open("enc1:not base64!").ok());
}

TEST(FieldCipher, KeyFileIsCreatedPrivateAndReadBack) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("yizhan-key-" + std::to_string(std::random_device()()));
  const std::string path = (dir / "sub" / "data.key").string();
  auto first = FieldCipher::LoadOrCreate(path);
  ASSERT_TRUE(first.ok()) << first.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto second = FieldCipher::LoadOrCreate(path);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second->Open(first->Seal("hello")), "hello");
  {
    std::ofstream(path) << "short\n";
  }
  EXPECT_FALSE(FieldCipher::LoadOrCreate(path).ok());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace yz
