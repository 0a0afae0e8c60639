#include "core/crypto.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace yz {
namespace {

TEST(Crypto, Sha256Base64MatchesTheStandardVector) {
  // FIPS 180-2 example "abc": ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad.
  EXPECT_EQ(Sha256Base64("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  EXPECT_EQ(Sha256Base64(""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

TEST(Crypto, Base64FormsFollowRfc4648) {
  // RFC 4648 section 10 vectors, and bytes that differ between the two alphabets (0xfb 0xff).
  const std::string foobar = "foobar";
  const std::vector<unsigned char> bytes(foobar.begin(), foobar.end());
  EXPECT_EQ(ToBase64(std::span(bytes).first(4), Base64Form::kStandard), "Zm9vYg==");
  EXPECT_EQ(ToBase64(std::span(bytes).first(4), Base64Form::kUrlSafeNoPadding), "Zm9vYg");
  EXPECT_EQ(ToBase64(bytes, Base64Form::kStandard), "Zm9vYmFy");
  const std::vector<unsigned char> high = {0xfb, 0xff};
  EXPECT_EQ(ToBase64(high, Base64Form::kStandard), "+/8=");
  EXPECT_EQ(ToBase64(high, Base64Form::kUrlSafeNoPadding), "-_8");

  std::vector<unsigned char> out;
  ASSERT_TRUE(FromBase64("+/8=", Base64Form::kStandard, out));
  EXPECT_EQ(out, high);
  ASSERT_TRUE(FromBase64("-_8", Base64Form::kUrlSafeNoPadding, out));
  EXPECT_EQ(out, high);
  EXPECT_FALSE(FromBase64("-_8", Base64Form::kStandard, out));
  EXPECT_FALSE(FromBase64("not base64!", Base64Form::kStandard, out));
}

TEST(Crypto, RandomTokensDiffer) {
  EXPECT_NE(RandomToken(16), RandomToken(16));
  EXPECT_EQ(RandomToken(16).size(), 22u);
}

}  // namespace
}  // namespace yz
